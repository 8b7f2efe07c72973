// Rate limits (rate-limiter-flexible): every request spends from its IP address's budget, and
// sign-in requests from a smaller one too; beyond either, 429 with Retry-After. The budgets are
// kept where the shared store keeps things (shared-store.ts): in this copy's memory, or, with
// REDIS_URL, in Redis, where every copy pointing at the same Redis spends from one budget.
import { addressBudgetKey } from '../platform/client-address.ts';
import type { NextFunction, Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../platform/caller.ts';
import type { GatewayConfig } from '../platform/config.ts';
import { rateLimited, serviceUnavailable } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { SharedStore } from './shared-store.ts';

/** While Redis does not answer, the log says so at most this often. */
const FALLBACK_LOG_INTERVAL_MS = 60_000;

/** The gateway's budgets: a limiter of `points` requests per minute per key, named for its keys and its metric. */
export type RateLimiters = (name: string, points: number) => RateLimiterAbstract;

/**
 * In memory, or in Redis when the store has it.
 *
 * When Redis cannot be reached (down, refusing, or slower than its command timeout), each
 * limiter spends from an insurance budget of the same size in this copy's memory (rate-limiter-
 * flexible's insuranceLimiter), and goes back to Redis once Redis answers again. Deliberately
 * neither fail-open nor fail-closed: limiting, sign-in included, never stops, and an outage of a
 * cache neither locks every user out nor answers 500. The price: during the outage an attacker
 * who spreads requests over N gateway copies gets N budgets, and each copy's budget starts afresh;
 * identity's own sign-in lockout (in PostgreSQL, shared by every copy) still holds. The outage,
 * the requests counted in memory and the recovery are logged.
 */
export function createRateLimiters(store: SharedStore, logger: Logger): RateLimiters {
  const memory = (name: string, points: number) => new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
  const redis = store.redis;
  if (!redis) return memory;
  let counted = 0;
  let loggedAt = 0;
  const countedInMemory = () => {
    counted += 1;
    if (Date.now() - loggedAt < FALLBACK_LOG_INTERVAL_MS) return;
    logger.warn({ requests: counted }, 'rate limits: Redis did not answer; requests counted in this copy\'s memory');
    loggedAt = Date.now();
    counted = 0;
  };
  return (name, points) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `credence:rate-limit:${name}`,
      points,
      duration: 60,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new InsuranceBudget({ keyPrefix: name, points, duration: 60 }, countedInMemory),
    });
}

/** The in-memory budget used while Redis does not answer; each use is reported. */
class InsuranceBudget extends RateLimiterMemory {
  readonly #onUse: () => void;
  constructor(options: ConstructorParameters<typeof RateLimiterMemory>[0], onUse: () => void) {
    super(options);
    this.#onUse = onUse;
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>): ReturnType<RateLimiterMemory['consume']> {
    this.#onUse();
    return super.consume(...args);
  }
}

export function rateLimitByIp(config: Readonly<GatewayConfig>, limiters: RateLimiters, metrics: GatewayMetrics) {
  return limitRequests(limiters('ip', config.rateLimits.perIpPerMinute), 'ip', metrics);
}

/**
 * Requests per signed-in user (RATE_LIMIT_PER_USER_PER_MINUTE), after authentication: one user's
 * tokens share a budget whatever addresses they come from. Anonymous requests pass (the IP budget holds them).
 */
export function rateLimitByUser(config: Readonly<GatewayConfig>, limiters: RateLimiters, metrics: GatewayMetrics) {
  const limit = limitRequests(limiters('user', config.rateLimits.perUserPerMinute), 'user', metrics, (_req, res) => (res.locals.caller as Caller).userId!);
  return (req: Request, res: Response, next: NextFunction) => ((res.locals.caller as Caller | undefined)?.userId ? limit(req, res, next) : next());
}

/** The operations that take credentials or secrets: each request naming one spends from a much smaller budget. */
/**
 * Fields that verify a password, a code or a token someone may be guessing, or that mail an account.
 * Not refreshSession: a refresh spends from its session's own budget, in identity (refresh-limits.ts).
 */
const SIGN_IN_FIELDS = /\b(login|verifyMfa|acceptInvitation|changePassword|requestPasswordReset|resetPassword|confirmTotp|regenerateRecoveryCodes)\b/;

/**
 * Sign-in requests per IP (AUTH_RATE_LIMIT_PER_MINUTE), before identity's own per-account and
 * per-IP lockout: password guessing is throttled at the edge. A request is counted when its
 * document names a sign-in field (an alias or a fragment still names it).
 */
export function rateLimitSignIn(config: Readonly<GatewayConfig>, limiters: RateLimiters, metrics: GatewayMetrics) {
  const limit = limitRequests(limiters('sign-in', config.rateLimits.authPerIpPerMinute), 'sign_in', metrics);
  return (req: Request, res: Response, next: NextFunction) => {
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || !SIGN_IN_FIELDS.test(query)) return next();
    return limit(req, res, next);
  };
}

function limitRequests(limiter: RateLimiterAbstract, name: string, metrics: GatewayMetrics, keyOf: (req: Request, res: Response) => string = (req) => addressBudgetKey(req.ip ?? 'unknown')) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await limiter.consume(keyOf(req, res));
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        // Neither Redis nor the insurance budget could count the request: refuse it (fail closed),
        // with a code the client can retry on, rather than let it through uncounted or answer 500.
        res.setHeader('retry-after', '1');
        return sendError(res, serviceUnavailable('Rate limits are unavailable; try again shortly'));
      }
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      metrics.rateLimitHits.inc({ limit: name });
      res.setHeader('retry-after', String(retryAfter));
      sendError(res, rateLimited(retryAfter));
    }
  };
}
