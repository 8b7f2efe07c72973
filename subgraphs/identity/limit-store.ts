// The counters behind identity's budgets (the sign-in lockout, password-reset requests, session
// refreshes): rate-limiter-flexible over PostgreSQL, in identity.login_limits (made by the identity
// migration), so every copy of identity shares them; each budget has a key prefix of its own.
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export function identityLimiter(pool: Pool, keyPrefix: string, budget: { points: number; durationSeconds: number; blockSeconds?: number }): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    schemaName: 'identity',
    tableName: 'login_limits',
    tableCreated: true,
    keyPrefix,
    points: budget.points,
    duration: budget.durationSeconds,
    ...(budget.blockSeconds === undefined ? {} : { blockDuration: budget.blockSeconds }),
  });
}

/** Spends one point of `key`: the counter's state, and whether it was allowed. A database error is thrown (fail closed). */
export async function spend(limiter: RateLimiterPostgres, key: string): Promise<{ allowed: boolean; state: RateLimiterRes }> {
  try {
    return { allowed: true, state: await limiter.consume(key) };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, state: rejection };
    throw rejection;
  }
}

/** Whole seconds until a refused budget allows again (at least one), for `retryAfterSeconds`. */
export const retryAfterSeconds = (state: RateLimiterRes): number => Math.max(1, Math.ceil(state.msBeforeNext / 1000));
