// Progressive lockout of sign-in (rate-limiter-flexible, counters in PostgreSQL so every copy of
// identity shares them). Failures count per account and per source IP; a few in a row lock the
// account for minutes, many in a day for a day. Accounts are keyed by a hash of the email, never
// the email, and unknown emails are counted exactly like known ones, so a lockout reveals nothing.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../platform/errors.ts';

export interface LoginLimitTier {
  /** Failures allowed within `windowSeconds`... */
  failures: number;
  windowSeconds: number;
  /** ...then every attempt is refused for this long. */
  blockSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS = {
  perAccount: [
    { failures: 5, windowSeconds: 15 * 60, blockSeconds: 5 * 60 },
    { failures: 20, windowSeconds: 24 * 3600, blockSeconds: 24 * 3600 },
  ],
  perIp: [
    { failures: 50, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
    { failures: 200, windowSeconds: 24 * 3600, blockSeconds: 24 * 3600 },
  ],
} satisfies Record<string, LoginLimitTier[]>;

export type LoginLimits = ReturnType<typeof createLoginLimits>;

export function createLoginLimits(pool: Pool, limits: typeof DEFAULT_LOGIN_LIMITS = DEFAULT_LOGIN_LIMITS) {
  const limiter = (prefix: string, tier: LoginLimitTier) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      schemaName: 'identity',
      tableName: 'login_limits',
      tableCreated: true, // by the identity migration
      keyPrefix: prefix,
      points: tier.failures,
      duration: tier.windowSeconds,
      blockDuration: tier.blockSeconds,
    });
  const perAccount = limits.perAccount.map((tier, index) => limiter(`account${index}`, tier));
  const perIp = limits.perIp.map((tier, index) => limiter(`ip${index}`, tier));
  const accountKey = (email: string) => createHash('sha256').update(`credence-login:${email}`).digest('hex');

  function lockedError(msBeforeNext: number): AppError {
    const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new AppError('RATE_LIMITED', `Too many failed sign-in attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s), or reset your password.`, {
      retryAfterSeconds,
    });
  }

  const checks = (email: string, ip: string | null) => [
    ...perAccount.map((l) => [l, accountKey(email)] as const),
    ...(ip ? perIp.map((l) => [l, ip] as const) : []),
  ];

  return {
    /** Throws RATE_LIMITED while the account or the IP is locked out. */
    async assertAllowed(email: string, ip: string | null): Promise<void> {
      for (const [l, key] of checks(email, ip)) {
        const state = await l.get(key);
        if (state && state.consumedPoints >= l.points) throw lockedError(state.msBeforeNext);
      }
    },
    /** Counts a failed attempt (password or MFA code) against the account and the IP. */
    async recordFailure(email: string, ip: string | null): Promise<void> {
      for (const [l, key] of checks(email, ip)) {
        try {
          const state = await l.consume(key);
          // The failure that uses up the allowance starts the lockout at once, for its full length.
          if (state.remainingPoints === 0) await l.block(key, l.blockDuration);
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection; // a database error: fail closed
        }
      }
    },
    /** A success clears the account's short-term count (consecutive failures), not the daily one. */
    async recordSuccess(email: string): Promise<void> {
      await perAccount[0]?.delete(accountKey(email));
    },
  };
}
