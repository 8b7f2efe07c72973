// Progressive lockout of sign-in (rate-limiter-flexible, counters in PostgreSQL so every copy of
// identity shares them). Failures count per account and per source IP; a few in a row lock the
// account for minutes, many in a day for a day. Accounts are keyed by a hash of the email, never
// the email, and unknown emails are counted exactly like known ones, so a lockout reveals nothing.
// An attempt is counted before its password or code is verified (`reserve`), and given back when
// it succeeds: fifty guesses sent at once are refused like fifty sent one after another.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { addressBudgetKey } from '../../platform/client-address.ts';
import { AppError } from '../../platform/errors.ts';
import { identityLimiter, retryAfterSeconds, spend } from './limit-store.ts';

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

/** One counted attempt: say how it ended (once); an attempt never settled stays counted as a failure. */
export interface SignInAttempt {
  /** A wrong password or code: the attempt stays counted, and the one that used up an allowance starts its lockout. */
  failed(): Promise<void>;
  /** The right password or code: the account's consecutive failures are cleared, and this attempt is given back. */
  succeeded(): Promise<void>;
}

export function createLoginLimits(pool: Pool, limits: typeof DEFAULT_LOGIN_LIMITS = DEFAULT_LOGIN_LIMITS) {
  const limiter = (prefix: string, tier: LoginLimitTier) =>
    identityLimiter(pool, prefix, { points: tier.failures, durationSeconds: tier.windowSeconds, blockSeconds: tier.blockSeconds });
  const perAccount = limits.perAccount.map((tier, index) => limiter(`account${index}`, tier));
  const perIp = limits.perIp.map((tier, index) => limiter(`ip${index}`, tier));
  const accountKey = (email: string) => createHash('sha256').update(`credence-login:${email}`).digest('hex');

  function lockedError(state: RateLimiterRes): AppError {
    const seconds = retryAfterSeconds(state);
    return new AppError('RATE_LIMITED', `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s), or reset your password.`, {
      retryAfterSeconds: seconds,
    });
  }

  const checks = (email: string, ip: string | null) => [
    ...perAccount.map((l) => [l, accountKey(email)] as const),
    ...(ip ? perIp.map((l) => [l, addressBudgetKey(ip)] as const) : []),
  ];

  return {
    /**
     * Counts an attempt against the account and the IP before anything is verified; throws
     * RATE_LIMITED when either has no attempt left (the allowances it took on the way are given
     * back, so a locked IP spends nothing of an account's). Verify only after it.
     */
    async reserve(email: string, ip: string | null): Promise<SignInAttempt> {
      const reserved: { limiter: RateLimiterPostgres; key: string; last: boolean }[] = [];
      for (const [l, key] of checks(email, ip)) {
        const { allowed, state } = await spend(l, key);
        if (!allowed) {
          // A refused attempt is not made: the allowances it took on the way are given back.
          for (const taken of reserved) await taken.limiter.reward(taken.key, 1);
          throw lockedError(state);
        }
        reserved.push({ limiter: l, key, last: state.remainingPoints === 0 });
      }
      let settled = false;
      const settle = () => {
        if (settled) throw new Error('A sign-in attempt is settled once');
        settled = true;
      };
      return {
        async failed() {
          settle();
          // The failure that uses up the allowance starts the lockout at once, for its full length.
          for (const { limiter, key, last } of reserved) if (last) await limiter.block(key, limiter.blockDuration);
        },
        async succeeded() {
          settle();
          const [consecutive] = perAccount;
          for (const { limiter, key } of reserved) {
            if (limiter === consecutive) await limiter.delete(key);
            else await limiter.reward(key, 1);
          }
        },
      };
    },
    /** Clears the account's consecutive failures (a password reset proves the mailbox): the daily count stays. */
    async clearConsecutiveFailures(email: string): Promise<void> {
      await perAccount[0]?.delete(accountKey(email));
    },
  };
}
