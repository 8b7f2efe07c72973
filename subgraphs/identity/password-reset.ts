// Password reset for someone who cannot sign in. `requestPasswordReset` answers the same whatever
// the address (no account enumeration) and mails a single-use link, valid PASSWORD_RESET_MINUTES,
// to the account's own address through the mail outbox; the token is stored as its SHA-256 only.
// Requests are limited per source IP (refused, RATE_LIMITED: that says nothing about any account)
// and per address (beyond the limit no more mail goes out, and the answer stays the same), so the
// form cannot be used to flood someone's mailbox. `resetPassword` applies the password policy,
// uses the token up (and every other pending one of the account), and ends every session.
import { createHash } from 'node:crypto';
import { sql } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { recordAudit } from '../../platform/audit.ts';
import { addressBudgetKey } from '../../platform/client-address.ts';
import type { Caller } from '../../platform/caller.ts';
import { secondsFromNow } from '../../platform/database/clock.ts';
import { actAs, refuse, runAsCaller } from '../../platform/database/orm.ts';
import { AppError, badUserInput } from '../../platform/errors.ts';
import { enqueueMail } from '../../platform/mail-outbox/outbox.ts';
import { passwordRefused } from './account.ts';
import { PasswordReset, User } from './entities/index.ts';
import { checkPasswordLength, normalizeEmail } from './inputs.ts';
import { identityLimiter, retryAfterSeconds, spend } from './limit-store.ts';
import { looksLikeOpaqueSecret, newOpaqueSecret, secretHash } from './opaque-secrets.ts';
import { hashPassword } from './passwords.ts';
import type { IdentityService } from './service.ts';
import { revokeSessions } from './sessions.ts';

export const PASSWORD_RESET_MINUTES = 30;

export const DEFAULT_RESET_LIMITS = {
  /** Mails per address (known or not) per window. */
  perAddress: { requests: 3, windowSeconds: 3600 },
  /** Requests per source IP per window. */
  perIp: { requests: 20, windowSeconds: 3600 },
};

export type ResetLimits = ReturnType<typeof createResetLimits>;

/** Counters beside the sign-in lockout's (same table, own key prefixes); addresses are keyed by a hash. */
export function createResetLimits(pool: Pool, limits: typeof DEFAULT_RESET_LIMITS = DEFAULT_RESET_LIMITS) {
  const limiter = (keyPrefix: string, tier: { requests: number; windowSeconds: number }) =>
    identityLimiter(pool, keyPrefix, { points: tier.requests, durationSeconds: tier.windowSeconds });
  const perAddress = limiter('reset-address', limits.perAddress);
  const perIp = limiter('reset-ip', limits.perIp);
  const addressKey = (email: string) => createHash('sha256').update(`credence-reset:${email}`).digest('hex');
  return {
    /** Throws RATE_LIMITED when the IP is over its budget. */
    async consumeIp(ip: string | null): Promise<void> {
      if (!ip) return;
      const { allowed, state } = await spend(perIp, addressBudgetKey(ip));
      if (!allowed) {
        const seconds = retryAfterSeconds(state);
        throw new AppError('RATE_LIMITED', `Too many password reset requests. Try again in ${Math.ceil(seconds / 60)} minute(s).`, { retryAfterSeconds: seconds });
      }
    },
    /** Whether another mail may go to this address now. */
    async consumeAddress(email: string): Promise<boolean> {
      return (await spend(perAddress, addressKey(email))).allowed;
    },
  };
}

const RESET_UNUSABLE = () => badUserInput('The reset link is unknown, expired or already used; ask for a new one', { field: 'token' });

/** Always true for a well-formed address: whether an account exists is told only to its mailbox. */
export async function requestPasswordReset(service: IdentityService, caller: Caller, input: { email: string }): Promise<boolean> {
  const email = normalizeEmail(input.email);
  await service.resetLimits.consumeIp(caller.sourceIp);
  const mayMail = await service.resetLimits.consumeAddress(email);
  // Raw SQL: identity.account_for_login is a SECURITY DEFINER function (no one is signed in to read the account).
  const [account] = await service.orm.em.fork().execute<{ user_id: string }[]>(`select user_id from identity.account_for_login(?)`, [email]);
  const anonymous = { ...caller, userId: null, organizationId: null, role: null, sessionId: null };
  if (!account || !mayMail) {
    await runAsCaller(service.orm, anonymous, (em) =>
      recordAudit(em, anonymous, { action: 'CREATE', resourceType: 'PasswordReset', resourceId: account?.user_id ?? null, outcome: 'FAILURE', reason: account ? 'rate_limited' : 'unknown_account' }),
    );
    return true;
  }
  const token = newOpaqueSecret();
  await runAsCaller(service.orm, anonymous, async (em) => {
    // The reset row and the mail are written as the account (row-level security), in one transaction.
    await actAs(em, { ...anonymous, userId: account.user_id });
    const [row] = await em.createQueryBuilder(PasswordReset)
      .insert({ tokenHash: secretHash(token), user: account.user_id, expiresAt: secondsFromNow(PASSWORD_RESET_MINUTES * 60) })
      .returning(['expiresAt'])
      .execute<{ expiresAt: Date }[]>('all');
    await enqueueMail(em, service.encryption, {
      organizationId: null, recipient: email, template: 'password_reset', secret: token, expiresAt: row!.expiresAt, parameters: { minutes: PASSWORD_RESET_MINUTES },
    });
    await recordAudit(em, anonymous, { action: 'CREATE', resourceType: 'PasswordReset', resourceId: account.user_id, outcome: 'SUCCESS', actorId: null, reason: 'requested' });
  });
  return true;
}

/** Sets a new password with a reset token (single use) and ends every session of the account. */
export async function resetPassword(service: IdentityService, caller: Caller, input: { token: string; newPassword: string }): Promise<boolean> {
  checkPasswordLength(input.newPassword, 'newPassword');
  if (!looksLikeOpaqueSecret(input.token)) throw RESET_UNUSABLE();
  const hash = secretHash(input.token);
  // Raw SQL: identity.password_reset_owner is a SECURITY DEFINER function (the token's holder is not signed in).
  const [owner] = await service.orm.em.fork().execute<{ user_id: string; email: string; display_name: string }[]>(
    `select user_id, email, display_name from identity.password_reset_owner(?)`, [hash],
  );
  if (!owner) throw RESET_UNUSABLE();
  const assessment = await service.passwordPolicy.assess(input.newPassword, { name: owner.display_name, email: owner.email });
  if (!assessment.acceptable) throw passwordRefused(assessment, 'newPassword'); // the token stays usable for a better password
  const passwordHash = await hashPassword(input.newPassword);
  const asAccount: Caller = { ...caller, userId: owner.user_id, organizationId: null, role: null, sessionId: null };
  await runAsCaller(service.orm, asAccount, async (em) => {
    // Used up in the same statement that checks it, so two requests with one token cannot both succeed.
    const used = await em.nativeUpdate(
      PasswordReset,
      { tokenHash: hash, user: owner.user_id, usedAt: null, expiresAt: { $gt: sql.now() } },
      { usedAt: sql.now() },
    );
    if (used === 0) return refuse(RESET_UNUSABLE());
    await em.nativeUpdate(PasswordReset, { user: owner.user_id, usedAt: null }, { usedAt: sql.now() });
    await em.nativeUpdate(User, { id: owner.user_id }, { passwordHash, passwordChangedAt: sql.now() });
    await revokeSessions(em, { userId: owner.user_id }, 'password_changed');
    await recordAudit(em, asAccount, { action: 'UPDATE', resourceType: 'UserPassword', resourceId: owner.user_id, outcome: 'SUCCESS', reason: 'reset' });
    return true;
  });
  await service.loginLimits.clearConsecutiveFailures(owner.email); // the owner of the mailbox may sign in again at once
  return true;
}
