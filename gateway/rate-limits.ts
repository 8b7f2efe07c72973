// Rate limits (rate-limiter-flexible): every request spends from its IP address's budget, and
// sign-in requests from a smaller one too; beyond either, 429 with Retry-After. The budgets are
// kept in memory (each gateway copy has its own) or, with REDIS_URL, in Redis, where every copy
// pointing at the same Redis spends from one budget.
import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../platform/caller.ts';
import type { GatewayConfig } from '../platform/config.ts';
import { AppError, rateLimited } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';
import type { GatewayMetrics } from './metrics.ts';

/** Where the budgets are kept; the one place a limiter is built. */
export interface RateLimitStore {
  kind: 'memory' | 'redis';
  /** A budget of `points` requests per minute per key, named for its keys and its metric. */
  limiter(name: string, points: number): RateLimiterAbstract;
  /** Closes the Redis connection, if any. */
  close(): Promise<void>;
}

/** How long a Redis command may take before the request is counted in memory instead. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** How long a starting gateway waits for Redis before it counts in memory until Redis answers. */
const REDIS_FIRST_CONNECT_MS = 3000;
/** While Redis does not answer, the log says so at most this often. */
const FALLBACK_LOG_INTERVAL_MS = 60_000;

/**
 * In memory without REDIS_URL; in Redis with it.
 *
 * When Redis cannot be reached (down, refusing, or slower than REDIS_COMMAND_TIMEOUT_MS), each
 * limiter spends from an insurance budget of the same size in this copy's memory (rate-limiter-
 * flexible's insuranceLimiter), and goes back to Redis once Redis answers again. Deliberately
 * neither fail-open nor fail-closed: limiting, sign-in included, never stops, and an outage of a
 * cache neither locks every user out nor answers 500. The price: during the outage an attacker
 * who spreads requests over N gateway copies gets N budgets, and each copy's budget starts afresh;
 * identity's own sign-in lockout (in PostgreSQL, shared by every copy) still holds. The outage,
 * the requests counted in memory and the recovery are logged.
 */
export async function createRateLimitStore(config: Readonly<GatewayConfig['rateLimits']>, logger: Logger): Promise<RateLimitStore> {
  const memory = (name: string, points: number) => new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
  if (!config.redisUrl) return { kind: 'memory', limiter: memory, close: async () => {} };

  const client = new Redis(config.redisUrl, {
    enableOfflineQueue: false, // while disconnected, fail at once (to the insurance budget) rather than queue
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: REDIS_FIRST_CONNECT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000), // reconnect for as long as the gateway runs
  });
  let outage = false;
  client.on('error', (error: Error & { code?: string }) => {
    if (outage) return;
    outage = true;
    // The message and code only: the error may carry the connection options, password included.
    logger.error({ err: { message: error.message, code: error.code } }, 'rate limits: Redis unreachable; each gateway copy counts in its own memory until Redis is back');
  });
  client.on('ready', () => {
    if (outage) logger.warn('rate limits: Redis reachable again; budgets are shared by every gateway copy again');
    outage = false;
  });
  let counted = 0;
  let loggedAt = 0;
  const countedInMemory = () => {
    counted += 1;
    if (Date.now() - loggedAt < FALLBACK_LOG_INTERVAL_MS) return;
    logger.warn({ requests: counted }, 'rate limits: Redis did not answer; requests counted in this copy\'s memory');
    loggedAt = Date.now();
    counted = 0;
  };
  await firstConnection(client);
  return {
    kind: 'redis',
    limiter: (name, points) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `credence:rate-limit:${name}`,
        points,
        duration: 60,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new InsuranceBudget({ keyPrefix: name, points, duration: 60 }, countedInMemory),
      }),
    async close() {
      client.removeAllListeners('error').on('error', () => {});
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
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

/** Resolves once Redis is ready, has refused, or has not answered in REDIS_FIRST_CONNECT_MS. */
function firstConnection(client: Redis): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done).off('error', done);
      resolve();
    };
    const timer = setTimeout(done, REDIS_FIRST_CONNECT_MS);
    client.once('ready', done).once('error', done);
  });
}

export function rateLimitByIp(config: Readonly<GatewayConfig>, store: RateLimitStore, metrics: GatewayMetrics) {
  return limitRequests(store.limiter('ip', config.rateLimits.perIpPerMinute), 'ip', metrics);
}

/**
 * Requests per signed-in user (RATE_LIMIT_PER_USER_PER_MINUTE), after authentication: one user's
 * tokens share a budget whatever addresses they come from. Anonymous requests pass (the IP budget holds them).
 */
export function rateLimitByUser(config: Readonly<GatewayConfig>, store: RateLimitStore, metrics: GatewayMetrics) {
  const limit = limitRequests(store.limiter('user', config.rateLimits.perUserPerMinute), 'user', metrics, (_req, res) => (res.locals.caller as Caller).userId!);
  return (req: Request, res: Response, next: NextFunction) => ((res.locals.caller as Caller | undefined)?.userId ? limit(req, res, next) : next());
}

/** The operations that take credentials or secrets: each request naming one spends from a much smaller budget. */
const SIGN_IN_FIELDS = /\b(login|verifyMfa|refreshSession|acceptInvitation|changePassword)\b/;

/**
 * Sign-in requests per IP (AUTH_RATE_LIMIT_PER_MINUTE), before identity's own per-account and
 * per-IP lockout: password guessing is throttled at the edge. A request is counted when its
 * document names a sign-in field (an alias or a fragment still names it).
 */
export function rateLimitSignIn(config: Readonly<GatewayConfig>, store: RateLimitStore, metrics: GatewayMetrics) {
  const limit = limitRequests(store.limiter('sign-in', config.rateLimits.authPerIpPerMinute), 'sign_in', metrics);
  return (req: Request, res: Response, next: NextFunction) => {
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || !SIGN_IN_FIELDS.test(query)) return next();
    return limit(req, res, next);
  };
}

function limitRequests(limiter: RateLimiterAbstract, name: string, metrics: GatewayMetrics, keyOf: (req: Request, res: Response) => string = (req) => req.ip ?? 'unknown') {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await limiter.consume(keyOf(req, res));
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        // Neither Redis nor the insurance budget could count the request: refuse it (fail closed),
        // with a code the client can retry on, rather than let it through uncounted or answer 500.
        res.setHeader('retry-after', '1');
        return sendError(res, new AppError('SERVICE_UNAVAILABLE', 'Rate limits are unavailable; try again shortly'));
      }
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      metrics.rateLimitHits.inc({ limit: name });
      res.setHeader('retry-after', String(retryAfter));
      sendError(res, rateLimited(retryAfter));
    }
  };
}
