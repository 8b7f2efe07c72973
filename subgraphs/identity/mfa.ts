// MFA enrollment: an authenticator app (TOTP) is added in two steps, enroll (a secret and its
// otpauth URI) then confirm (a code from the app), which also hands out ten recovery codes, ends
// every session of the user (each was signed in without the second factor) and starts a full one.
// Every code checked here counts like a sign-in attempt (login-limits.ts), so a stolen token is
// no faster a way to guess codes than the sign-in is. Secrets are stored encrypted (totp-secrets.ts).
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
import { refuse, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, conflict } from '../../platform/errors.ts';
import { acceptCode, completeSignIn } from './authentication.ts';
import { checkPasswordLength } from './inputs.ts';
import { verifyPassword } from './passwords.ts';
import { assertLiveSession, type IdentityService } from './service.ts';
import { revokeSessions, type SessionTokens } from './sessions.ts';
import { openTotpSecret, sealTotpSecret } from './totp-secrets.ts';
import { RecoveryCode, Session, User } from './entities/index.ts';
import { acceptTotpCode, isTotpCodeShape, newRecoveryCodes, newTotpSecret, otpauthUri, recoveryCodeHash } from './totp.ts';

/** A token that may only enroll enrolls within this long of its sign-in; later, with the password again. */
export const ENROLLMENT_SIGN_IN_SECONDS = 10 * 60;

const WRONG_CODE = () => new AppError('BAD_USER_INPUT', 'The code is not valid. Check that the device clock is right and enter the current code', { field: 'code' });

/**
 * Starts enrollment. From a token that may only enroll (a role that requires MFA, before it has
 * any), the sign-in must be recent or the password given again: such a token, stolen and kept
 * alive by refreshing, must not become a way to put the thief's authenticator on the account.
 */
export async function enrollTotp(service: IdentityService, caller: Caller, password: string | null = null): Promise<{ secret: string; otpauthUri: string }> {
  // eslint-disable-next-line security/detect-possible-timing-attacks -- a null check, not a comparison of secrets
  if (password !== null) checkPasswordLength(password);
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    const user = await em.findOneOrFail(User, caller.userId!, { fields: ['email', 'passwordHash', 'totpEnabledAt'], lockMode: LockMode.PESSIMISTIC_WRITE });
    // Replacing an enrolled authenticator would let a stolen access token take over the account.
    if (user.totpEnabledAt) return refuse(conflict('An authenticator is already enrolled'));
    const session = await em.createQueryBuilder(Session, 's')
      // Raw SQL: how recent the sign-in is, by the database's clock.
      .select(['mfaEnrollmentOnly', raw('authenticated_at > now() - make_interval(secs => ?) as recent', [ENROLLMENT_SIGN_IN_SECONDS])])
      .where({ id: caller.sessionId! })
      .execute<{ mfaEnrollmentOnly: boolean; recent: boolean }>('get');
    if (session.mfaEnrollmentOnly && !session.recent) {
      // eslint-disable-next-line security/detect-possible-timing-attacks -- a null check, not a comparison of secrets
      if (password === null) {
        return refuse(badUserInput('Enter your password again to enroll an authenticator: this sign-in is more than ten minutes old', { field: 'password' }));
      }
      const attempt = await service.loginLimits.reserve(user.email, caller.sourceIp);
      if (!(await verifyPassword(user.passwordHash, password))) {
        await attempt.failed();
        await recordAudit(em, caller, { action: 'MFA_ENROLL', resourceType: 'User', resourceId: caller.userId, outcome: 'FAILURE', reason: 'wrong_password' });
        return refuse(badUserInput('The password is not correct', { field: 'password' }));
      }
      await attempt.succeeded();
    }
    const secret = newTotpSecret();
    await em.nativeUpdate(User, { id: caller.userId! }, { totpPendingSecret: await sealTotpSecret(service.encryption, em, caller.userId!, 'totpPendingSecret', secret) });
    await recordAudit(em, caller, { action: 'MFA_ENROLL', resourceType: 'User', resourceId: caller.userId, outcome: 'SUCCESS', reason: 'started' });
    return { secret, otpauthUri: otpauthUri(secret, user.email) };
  });
}

export async function confirmTotp(service: IdentityService, caller: Caller, code: string): Promise<{ recoveryCodes: string[]; session: SessionTokens }> {
  if (!isTotpCodeShape(code.trim())) throw WRONG_CODE();
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    const user = await em.findOneOrFail(User, caller.userId!, { fields: ['email', 'totpPendingSecret', 'totpEnabledAt'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (user.totpEnabledAt) return refuse(conflict('An authenticator is already enrolled'));
    const secret = await openTotpSecret(service.encryption, em, caller.userId!, 'totpPendingSecret', user.totpPendingSecret ?? null);
    if (!secret) return refuse(new AppError('BAD_USER_INPUT', 'Start with enrollTotp, then confirm with a code from the app'));
    const attempt = await service.loginLimits.reserve(user.email, caller.sourceIp);
    const step = await acceptTotpCode(secret, code.trim(), null);
    if (step === null) {
      await attempt.failed();
      await recordAudit(em, caller, { action: 'MFA_FAILED', resourceType: 'User', resourceId: caller.userId, outcome: 'FAILURE', reason: 'enrollment_code' });
      return refuse(WRONG_CODE());
    }
    await attempt.succeeded();
    await em.nativeUpdate(User, { id: caller.userId! }, {
      totpSecret: await sealTotpSecret(service.encryption, em, caller.userId!, 'totpSecret', secret), totpPendingSecret: null, totpEnabledAt: sql.now(), totpLastStep: step,
    });
    const recoveryCodes = await replaceRecoveryCodes(em, caller.userId!);
    // Every session of the user was signed in without the second factor: all end, not just this one.
    await revokeSessions(em, { userId: caller.userId! }, 'mfa_enrolled');
    await recordAudit(em, caller, { action: 'MFA_ENROLL', resourceType: 'User', resourceId: caller.userId, outcome: 'SUCCESS', reason: 'confirmed' });
    const session = await completeSignIn(service, em, caller, {
      userId: caller.userId!, membership: { organization_id: caller.organizationId!, role: caller.role! }, amr: ['pwd', 'otp', 'mfa'], mfaEnabled: true, reason: 'mfa_enrolled',
    });
    return { recoveryCodes, session };
  });
}

/** New recovery codes for a TOTP code (the old ones stop working). */
export async function regenerateRecoveryCodes(service: IdentityService, caller: Caller, totpCode: string): Promise<string[]> {
  if (!isTotpCodeShape(totpCode.trim())) throw WRONG_CODE();
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    const user = await em.findOneOrFail(User, caller.userId!, { fields: ['email', 'totpSecret', 'totpLastStep'], lockMode: LockMode.PESSIMISTIC_WRITE });
    const secret = await openTotpSecret(service.encryption, em, caller.userId!, 'totpSecret', user.totpSecret ?? null);
    if (!secret) return refuse(new AppError('BAD_USER_INPUT', 'Enroll an authenticator first (enrollTotp)'));
    const attempt = await service.loginLimits.reserve(user.email, caller.sourceIp);
    if ((await acceptCode(em, caller.userId!, secret, user.totpLastStep ?? null, totpCode.trim())) !== 'totp') {
      await attempt.failed();
      await recordAudit(em, caller, { action: 'MFA_FAILED', resourceType: 'User', resourceId: caller.userId, outcome: 'FAILURE', reason: 'recovery_codes' });
      return refuse(WRONG_CODE());
    }
    await attempt.succeeded();
    const codes = await replaceRecoveryCodes(em, caller.userId!);
    await recordAudit(em, caller, { action: 'MFA_ENROLL', resourceType: 'User', resourceId: caller.userId, outcome: 'SUCCESS', reason: 'recovery_codes_replaced' });
    return codes;
  });
}

/** New recovery codes for the user, the old ones deleted; the caller acts as the user. */
export async function replaceRecoveryCodes(em: EntityManager, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await em.nativeDelete(RecoveryCode, { user: userId });
  await em.insertMany(RecoveryCode, codes.map((code) => ({ user: userId, codeHash: recoveryCodeHash(code) })));
  return codes;
}
