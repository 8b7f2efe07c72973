// Rate limits (rate-limiter-flexible): every request spends from its IP address's budget, and
// sign-in requests from a smaller one too; beyond either, 429 with Retry-After. In memory, so each gateway copy keeps its own budget.
import type { NextFunction, Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Caller } from '../platform/caller.ts';
import type { GatewayConfig } from '../platform/config.ts';
import { rateLimited } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';
import type { GatewayMetrics } from './metrics.ts';

export function rateLimitByIp(config: Readonly<GatewayConfig>, metrics: GatewayMetrics) {
  return limitRequests(new RateLimiterMemory({ keyPrefix: 'ip', points: config.rateLimits.perIpPerMinute, duration: 60 }), 'ip', metrics);
}

/**
 * Requests per signed-in user (RATE_LIMIT_PER_USER_PER_MINUTE), after authentication: one user's
 * tokens share a budget whatever addresses they come from. Anonymous requests pass (the IP budget holds them).
 */
export function rateLimitByUser(config: Readonly<GatewayConfig>, metrics: GatewayMetrics) {
  const limit = limitRequests(new RateLimiterMemory({ keyPrefix: 'user', points: config.rateLimits.perUserPerMinute, duration: 60 }), 'user', metrics, (_req, res) => (res.locals.caller as Caller).userId!);
  return (req: Request, res: Response, next: NextFunction) => ((res.locals.caller as Caller | undefined)?.userId ? limit(req, res, next) : next());
}

/** The operations that take credentials or secrets: each request naming one spends from a much smaller budget. */
const SIGN_IN_FIELDS = /\b(login|verifyMfa|refreshSession|acceptInvitation|changePassword)\b/;

/**
 * Sign-in requests per IP (AUTH_RATE_LIMIT_PER_MINUTE), before identity's own per-account and
 * per-IP lockout: password guessing is throttled at the edge. A request is counted when its
 * document names a sign-in field (an alias or a fragment still names it).
 */
export function rateLimitSignIn(config: Readonly<GatewayConfig>, metrics: GatewayMetrics) {
  const limit = limitRequests(new RateLimiterMemory({ keyPrefix: 'sign-in', points: config.rateLimits.authPerIpPerMinute, duration: 60 }), 'sign_in', metrics);
  return (req: Request, res: Response, next: NextFunction) => {
    const query = (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string' || !SIGN_IN_FIELDS.test(query)) return next();
    return limit(req, res, next);
  };
}

function limitRequests(limiter: RateLimiterMemory, name: string, metrics: GatewayMetrics, keyOf: (req: Request, res: Response) => string = (req) => req.ip ?? 'unknown') {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await limiter.consume(keyOf(req, res));
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return next(rejection);
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      metrics.rateLimitHits.inc({ limit: name });
      res.setHeader('retry-after', String(retryAfter));
      sendError(res, rateLimited(retryAfter));
    }
  };
}
