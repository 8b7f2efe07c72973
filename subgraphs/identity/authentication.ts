// Signing in: email and password, then the TOTP or recovery code when the account has MFA.
// Every failure answers with one message, whatever failed, and an unknown email costs the same
// time as a wrong password. Failures count towards the lockout (login-limits.ts); every outcome
// is audited.
import { randomUUID } from 'node:crypto';
import type { AuthenticationMethod } from '../../platform/access-tokens.ts';
import { PLATFORM_ORGANIZATION_ID, recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
import { secondsFromNow } from '../../platform/database/clock.ts';
import { actAs, refuse, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, unauthenticated } from '../../platform/errors.ts';
import { assertId } from '../../platform/ids.ts';
import { checkPasswordLength, normalizeEmail } from './inputs.ts';
import { looksLikeOpaqueSecret, newOpaqueSecret, secretHash } from './opaque-secrets.ts';
import { spendVerificationTime, verifyPassword } from './passwords.ts';
import { assertLiveSession, MFA_REQUIRED_ROLES, type IdentityService } from './service.ts';
import { revokeSessions, startSession, type SessionTokens } from './sessions.ts';
import { openTotpSecret } from './totp-secrets.ts';
import { activeMemberships, type ActiveMembership } from './views.ts';
import { acceptTotpCode, isRecoveryCodeShape, isTotpCodeShape, recoveryCodeHash } from './totp.ts';
import { MfaChallenge, RecoveryCode, Session, User } from './entities/index.ts';

export const MFA_CHALLENGE_SECONDS = 5 * 60;
export const MFA_CHALLENGE_ATTEMPTS = 5;

export type LoginResult =
  | { status: 'AUTHENTICATED'; session: SessionTokens }
  | { status: 'MFA_REQUIRED'; mfaChallenge: string; mfaChallengeExpiresAt: Date };

const SIGN_IN_FAILED = () => unauthenticated('The email or password is incorrect');
const CHALLENGE_FAILED = () => unauthenticated('The code is incorrect, or the sign-in has expired; sign in again if it persists');
const WRONG_CODE_SHAPE = () =>
  new AppError('BAD_USER_INPUT', 'Enter the six-digit code from your authenticator app, or a recovery code (XXXX-XXXX-XXXX-XXXX)', { field: 'code' });

type Membership = Pick<ActiveMembership, 'organization_id' | 'role'>;

export async function login(service: IdentityService, caller: Caller, input: { email: string; password: string; organizationId?: string | null }): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const password = checkPasswordLength(input.password);
  const requestedOrganization = input.organizationId ? assertId(input.organizationId, 'organizationId') : null;
  const attempt = await service.loginLimits.reserve(email, caller.sourceIp);

  // Raw SQL: a SECURITY DEFINER function (an account is found by its email before anyone is signed in).
  const [account] = await service.orm.em.fork().execute<{ user_id: string; password_hash: string; totp_enabled: boolean }[]>(
    `select user_id, password_hash, totp_enabled from identity.account_for_login(?)`, [email],
  );
  const passwordMatches = account ? await verifyPassword(account.password_hash, password) : await spendVerificationTime(password);

  return runAsCaller(service.orm, caller, async (em) => {
    // Unknown accounts take the same path (a membership lookup for an id nobody has) so that the
    // time of a refusal does not tell whether the email exists.
    const userId = account?.user_id ?? randomUUID();
    await actAs(em, { userId, organizationId: null, role: null, requestId: caller.requestId });
    const memberships = await activeMemberships(em, userId);
    const membership = requestedOrganization ? memberships.find((m) => m.organization_id === requestedOrganization) : memberships[0];
    if (!account || !passwordMatches || !membership) {
      await attempt.failed();
      await recordAudit(em, caller, {
        action: 'LOGIN_FAILED', resourceType: 'User', resourceId: account?.user_id ?? null, outcome: 'FAILURE',
        organizationId: (membership ?? memberships[0])?.organization_id ?? PLATFORM_ORGANIZATION_ID,
        actorId: account?.user_id ?? null, actorRole: null,
        reason: !account ? 'unknown_account' : !passwordMatches ? 'wrong_password' : 'no_active_membership',
      });
      return refuse(SIGN_IN_FAILED());
    }
    await attempt.succeeded();
    if (account.totp_enabled) return startMfaChallenge(em, caller, account.user_id, membership.organization_id);
    return { status: 'AUTHENTICATED' as const, session: await completeSignIn(service, em, caller, { userId: account.user_id, membership, amr: ['pwd'], mfaEnabled: false }) };
  });
}

export async function startMfaChallenge(em: EntityManager, caller: Caller, userId: string, organizationId: string): Promise<LoginResult> {
  const challenge = newOpaqueSecret();
  await actAs(em, { userId, organizationId, role: null, requestId: caller.requestId });
  const row = await em.createQueryBuilder(MfaChallenge)
    .insert({ tokenHash: secretHash(challenge), user: userId, organization: organizationId, sourceIp: caller.sourceIp, expiresAt: secondsFromNow(MFA_CHALLENGE_SECONDS) })
    .returning(['expiresAt'])
    .execute<{ expiresAt: Date }>('get');
  return { status: 'MFA_REQUIRED', mfaChallenge: challenge, mfaChallengeExpiresAt: row.expiresAt };
}

/**
 * Issues the session of a user who has proven who they are. The MFA rule follows how they proved
 * it: a role that requires MFA, signed in without a second factor, gets a session that may only
 * enroll (whether or not the account has an authenticator: one that has must sign in with it, or
 * step up, to get more). `continues` names the session this one replaces (switching organization).
 */
export async function completeSignIn(
  service: IdentityService,
  em: EntityManager,
  caller: Caller,
  signIn: { userId: string; membership: Membership; amr: AuthenticationMethod[]; mfaEnabled: boolean; reason?: string; continues?: string },
): Promise<SessionTokens> {
  const mfaEnrollmentOnly = MFA_REQUIRED_ROLES.includes(signIn.membership.role) && !signIn.amr.includes('mfa');
  const session = await startSession(service, em, caller, {
    userId: signIn.userId, organizationId: signIn.membership.organization_id, role: signIn.membership.role, amr: signIn.amr, mfaEnrollmentOnly,
    ...(signIn.continues ? { continues: signIn.continues } : {}),
  });
  await recordAudit(em, caller, {
    action: 'LOGIN', resourceType: 'Session', resourceId: session.sessionId, outcome: 'SUCCESS',
    organizationId: signIn.membership.organization_id, actorId: signIn.userId, actorRole: signIn.membership.role,
    reason: signIn.reason ?? (mfaEnrollmentOnly ? (signIn.mfaEnabled ? 'mfa_step_up_required' : 'mfa_enrollment_required') : signIn.amr.includes('mfa') ? 'mfa' : 'password'),
  });
  return session;
}

/** The second step of sign-in: a TOTP code, or a recovery code, for the challenge. */
export async function verifyMfa(service: IdentityService, caller: Caller, input: { mfaChallenge: string; code: string }): Promise<SessionTokens> {
  const code = input.code.trim();
  if (!looksLikeOpaqueSecret(input.mfaChallenge)) throw CHALLENGE_FAILED();
  if (!isTotpCodeShape(code) && !isRecoveryCodeShape(code)) throw WRONG_CODE_SHAPE();
  const hash = secretHash(input.mfaChallenge);
  return runAsCaller(service.orm, caller, async (em) => {
    // Raw SQL: a SECURITY DEFINER function (a challenge's owner is found before the caller is known).
    const [owner] = await em.execute<{ user_id: string; organization_id: string }[]>(`select user_id, organization_id from identity.mfa_challenge_owner(?)`, [hash]);
    if (!owner) return refuse(CHALLENGE_FAILED());
    await actAs(em, { userId: owner.user_id, organizationId: owner.organization_id, role: null, requestId: caller.requestId });
    const challenge = await em.createQueryBuilder(MfaChallenge, 'c')
      // Raw SQL: usable by the database's clock.
      .select([raw('used_at is null and expires_at > now() and failed_attempts < ? as usable', [MFA_CHALLENGE_ATTEMPTS])])
      .where({ tokenHash: hash })
      .setLockMode(LockMode.PESSIMISTIC_WRITE)
      .execute<{ usable: boolean } | null>('get');
    // The user row is locked: two submissions of one code queue, and the second sees the step used.
    const user = await em.findOne(User, owner.user_id, { fields: ['email', 'totpSecret', 'totpLastStep'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!challenge?.usable || !user?.totpSecret) return refuse(CHALLENGE_FAILED());
    const secret = (await openTotpSecret(service.encryption, em, owner.user_id, 'totpSecret', user.totpSecret))!;
    const attempt = await service.loginLimits.reserve(user.email, caller.sourceIp);
    const accepted = await acceptCode(em, owner.user_id, secret, user.totpLastStep ?? null, code);
    const membership = (await activeMemberships(em, owner.user_id)).find((m) => m.organization_id === owner.organization_id);
    const auditBase = { resourceType: 'User' as const, resourceId: owner.user_id, organizationId: owner.organization_id, actorId: owner.user_id, actorRole: membership?.role ?? null };
    if (!accepted || !membership) {
      await attempt.failed();
      await em.nativeUpdate(MfaChallenge, { tokenHash: hash }, { failedAttempts: raw('failed_attempts + 1') });
      await recordAudit(em, caller, { ...auditBase, action: 'MFA_FAILED', outcome: 'FAILURE', reason: accepted ? 'no_active_membership' : 'wrong_code' });
      return refuse(CHALLENGE_FAILED());
    }
    await attempt.succeeded();
    await em.nativeUpdate(MfaChallenge, { tokenHash: hash }, { usedAt: sql.now() });
    await recordAudit(em, caller, { ...auditBase, action: 'MFA_VERIFY', outcome: 'SUCCESS', reason: accepted });
    return completeSignIn(service, em, caller, { userId: owner.user_id, membership, amr: ['pwd', 'otp', 'mfa'], mfaEnabled: true });
  });
}

/** Accepts a TOTP code (later than the last one used) or an unused recovery code; says which. */
export async function acceptCode(em: EntityManager, userId: string, secret: string, lastStep: number | null, code: string): Promise<'totp' | 'recovery_code' | null> {
  if (isTotpCodeShape(code)) {
    const step = await acceptTotpCode(secret, code, lastStep);
    if (step === null) return null;
    await em.nativeUpdate(User, { id: userId }, { totpLastStep: step });
    return 'totp';
  }
  const used = await em.nativeUpdate(RecoveryCode, { user: userId, codeHash: recoveryCodeHash(code), usedAt: null }, { usedAt: sql.now() });
  return used > 0 ? 'recovery_code' : null;
}

/**
 * A new session in another organization of the caller (a token is bound to one). It continues
 * the caller's live session, which ends: the sign-in keeps its time and expiry, so switching never
 * turns a token into a longer sign-in, and one session never becomes two. A role there that
 * requires MFA, from a sign-in without a second factor, needs a step-up code (TOTP or recovery
 * code, counted like a sign-in attempt) when the account has an authenticator; without one, the
 * new session may only enroll.
 */
export async function switchOrganization(service: IdentityService, caller: Caller, input: { organizationId: string; code?: string | null }): Promise<SessionTokens> {
  const target = assertId(input.organizationId, 'organizationId');
  const code = input.code?.trim() || null;
  if (code !== null && !isTotpCodeShape(code) && !isRecoveryCodeShape(code)) throw WRONG_CODE_SHAPE();
  if (target === caller.organizationId) throw badUserInput('You are already signed in to that organization', { field: 'organizationId' });
  return runAsCaller(service.orm, caller, async (em) => {
    // The session row is locked first: two switches of one session queue, and the second finds it ended.
    const session = await em.findOne(Session, { id: caller.sessionId!, user: caller.userId! }, { fields: ['amr'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!session) return refuse(unauthenticated('Your session has ended; sign in again'));
    const user = await em.findOneOrFail(User, caller.userId!, { fields: ['email', 'totpEnabledAt', 'totpSecret', 'totpLastStep'], lockMode: LockMode.PESSIMISTIC_WRITE });
    await assertLiveSession(em, caller);
    const membership = (await activeMemberships(em, caller.userId!)).find((m) => m.organization_id === target);
    if (!membership) return refuse(new AppError('FORBIDDEN', 'You are not an active member of that organization'));
    let amr = session.amr as AuthenticationMethod[];
    if (MFA_REQUIRED_ROLES.includes(membership.role) && !amr.includes('mfa') && user.totpEnabledAt) {
      if (code === null) {
        return refuse(badUserInput('Your role in that organization requires a second factor: send the code from your authenticator app (or a recovery code) as `code`', { field: 'code' }));
      }
      const secret = (await openTotpSecret(service.encryption, em, caller.userId!, 'totpSecret', user.totpSecret ?? null))!;
      const attempt = await service.loginLimits.reserve(user.email, caller.sourceIp);
      const accepted = await acceptCode(em, caller.userId!, secret, user.totpLastStep ?? null, code);
      const auditBase = { resourceType: 'User' as const, resourceId: caller.userId, organizationId: target, actorRole: membership.role };
      if (!accepted) {
        await attempt.failed();
        await recordAudit(em, caller, { ...auditBase, action: 'MFA_FAILED', outcome: 'FAILURE', reason: 'step_up' });
        return refuse(badUserInput('The code is not valid. Enter the current code from your authenticator app, or a recovery code', { field: 'code' }));
      }
      await attempt.succeeded();
      await recordAudit(em, caller, { ...auditBase, action: 'MFA_VERIFY', outcome: 'SUCCESS', reason: `step_up:${accepted}` });
      amr = ['pwd', 'otp', 'mfa'];
    }
    await revokeSessions(em, { sessionId: caller.sessionId! }, 'switched_organization');
    return completeSignIn(service, em, caller, {
      userId: caller.userId!, membership, amr, mfaEnabled: user.totpEnabledAt != null, reason: 'switch_organization', continues: caller.sessionId!,
    });
  });
}
