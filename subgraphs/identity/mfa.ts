// MFA enrollment: an authenticator app (TOTP) is added in two steps, enroll (a secret and its
// otpauth URI) then confirm (a code from the app), which also hands out ten recovery codes and
// replaces an enrollment-only session with a full one.
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import type { EntityManager } from '../../platform/database/orm.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { acceptCode, completeSignIn } from './authentication.ts';
import { assertLiveSession, runRecordingRefusals, type IdentityService } from './service.ts';
import { revokeSessions, type SessionTokens } from './sessions.ts';
import { acceptTotpCode, isTotpCodeShape, newRecoveryCodes, newTotpSecret, otpauthUri, recoveryCodeHash } from './totp.ts';

const WRONG_CODE = () => new AppError('BAD_USER_INPUT', 'The code is not valid. Check that the device clock is right and enter the current code', { field: 'code' });

export async function enrollTotp(service: IdentityService, caller: Caller): Promise<{ secret: string; otpauthUri: string }> {
  return runRecordingRefusals(service, caller, async (em) => {
    await assertLiveSession(em, caller);
    const [user] = await em.execute<{ email: string; enabled: boolean }[]>(
      `select email, totp_enabled_at is not null as enabled from identity.users where id = ? for update`, [caller.userId],
    );
    // Replacing an enrolled authenticator would let a stolen access token take over the account.
    if (user!.enabled) return conflict('An authenticator is already enrolled');
    const secret = newTotpSecret();
    await em.execute(`update identity.users set totp_pending_secret = ? where id = ?`, [secret, caller.userId]);
    await recordAudit(em, caller, { action: 'MFA_ENROLL', resourceType: 'User', resourceId: caller.userId, outcome: 'SUCCESS', reason: 'started' });
    return { secret, otpauthUri: otpauthUri(secret, user!.email) };
  });
}

export async function confirmTotp(service: IdentityService, caller: Caller, code: string): Promise<{ recoveryCodes: string[]; session: SessionTokens }> {
  if (!isTotpCodeShape(code.trim())) throw WRONG_CODE();
  return runRecordingRefusals(service, caller, async (em) => {
    await assertLiveSession(em, caller);
    const [user] = await em.execute<{ pending: string | null; enabled: boolean }[]>(
      `select totp_pending_secret as pending, totp_enabled_at is not null as enabled from identity.users where id = ? for update`, [caller.userId],
    );
    if (user!.enabled) return conflict('An authenticator is already enrolled');
    if (!user!.pending) return new AppError('BAD_USER_INPUT', 'Start with enrollTotp, then confirm with a code from the app');
    const step = await acceptTotpCode(user!.pending, code.trim(), null);
    if (step === null) {
      await recordAudit(em, caller, { action: 'MFA_FAILED', resourceType: 'User', resourceId: caller.userId, outcome: 'FAILURE', reason: 'enrollment_code' });
      return WRONG_CODE();
    }
    await em.execute(
      `update identity.users set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_enabled_at = now(), totp_last_step = ? where id = ?`,
      [step, caller.userId],
    );
    const recoveryCodes = await replaceRecoveryCodes(em, caller.userId!);
    await revokeSessions(em, { sessionId: caller.sessionId! }, 'mfa_enrolled');
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
  return runRecordingRefusals(service, caller, async (em) => {
    await assertLiveSession(em, caller);
    const [user] = await em.execute<{ secret: string | null; last_step: string | null }[]>(
      `select totp_secret as secret, totp_last_step as last_step from identity.users where id = ? for update`, [caller.userId],
    );
    if (!user!.secret) return new AppError('BAD_USER_INPUT', 'Enroll an authenticator first (enrollTotp)');
    if ((await acceptCode(em, caller.userId!, user!.secret, user!.last_step, totpCode.trim())) !== 'totp') {
      await recordAudit(em, caller, { action: 'MFA_FAILED', resourceType: 'User', resourceId: caller.userId, outcome: 'FAILURE', reason: 'recovery_codes' });
      return WRONG_CODE();
    }
    const codes = await replaceRecoveryCodes(em, caller.userId!);
    await recordAudit(em, caller, { action: 'MFA_ENROLL', resourceType: 'User', resourceId: caller.userId, outcome: 'SUCCESS', reason: 'recovery_codes_replaced' });
    return codes;
  });
}

async function replaceRecoveryCodes(em: EntityManager, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await em.execute(`delete from identity.recovery_codes where user_id = ?`, [userId]);
  await em.execute(
    `insert into identity.recovery_codes (user_id, code_hash) select ?, decode(unnest(string_to_array(?, ',')), 'hex')`,
    [userId, codes.map((code) => recoveryCodeHash(code).toString('hex')).join(',')],
  );
  return codes;
}
