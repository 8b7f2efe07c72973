// The refresh budget: refreshes per session (rate-limiter-flexible, counters in PostgreSQL beside
// the sign-in lockout's, so every copy of identity shares them). A refresh spends from its own
// session's budget, never from the sign-in budget of its address: a hospital whose staff share one
// NAT address refreshes as freely as one user does. A guess at a refresh token reaches no session
// and spends nothing here: refresh tokens are 256-bit secrets, and the gateway's per-IP budget
// holds every request.
import type { Pool } from 'pg';
import { AppError } from '../../platform/errors.ts';
import { identityLimiter, retryAfterSeconds, spend } from './limit-store.ts';

/** Far above a client that refreshes once per access token (every few minutes), tabs and retries included. */
export const DEFAULT_REFRESH_LIMITS = { perSession: { requests: 10, windowSeconds: 60 } };

export type RefreshLimits = ReturnType<typeof createRefreshLimits>;

export function createRefreshLimits(pool: Pool, limits: typeof DEFAULT_REFRESH_LIMITS = DEFAULT_REFRESH_LIMITS) {
  const perSession = identityLimiter(pool, 'refresh-session', { points: limits.perSession.requests, durationSeconds: limits.perSession.windowSeconds });
  return {
    /** Spends one refresh of the session; throws RATE_LIMITED (with retryAfterSeconds) past its budget. */
    async consume(sessionId: string): Promise<void> {
      const { allowed, state } = await spend(perSession, sessionId);
      if (!allowed) {
        const seconds = retryAfterSeconds(state);
        throw new AppError('RATE_LIMITED', `Too many refreshes of this session. Try again in ${seconds} second(s).`, { retryAfterSeconds: seconds });
      }
    },
  };
}
