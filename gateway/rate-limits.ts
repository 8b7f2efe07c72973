// Rate limits (rate-limiter-flexible): every request spends from its IP address's budget;
// beyond it, 429 with Retry-After. In memory, so each gateway copy keeps its own budget.
import type { NextFunction, Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { GatewayConfig } from '../platform/config.ts';
import { rateLimited } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';
import type { GatewayMetrics } from './metrics.ts';

export function rateLimitByIp(config: Readonly<GatewayConfig>, metrics: GatewayMetrics) {
  const limiter = new RateLimiterMemory({ keyPrefix: 'ip', points: config.rateLimits.perIpPerMinute, duration: 60 });
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await limiter.consume(req.ip ?? 'unknown');
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return next(rejection);
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      metrics.rateLimitHits.inc({ limit: 'ip' });
      res.setHeader('retry-after', String(retryAfter));
      sendError(res, rateLimited(retryAfter));
    }
  };
}
