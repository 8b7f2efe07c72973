// HTTP hardening of every gateway response: security headers (helmet), no caching, CORS from an allowlist,
// /.well-known/security.txt (RFC 9116), the client's address only from trusted proxies, and GraphQL over POST only.
import { isIP } from 'node:net';
import cors from 'cors';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { GatewayConfig } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';

/** The Apollo landing page (development only) loads its sandbox from Apollo's CDN. */
const LANDING_PAGE_SOURCES = ['https://embeddable-sandbox.cdn.apollographql.com', 'https://apollo-server-landing-page.cdn.apollographql.com'];

export function applyHttpSecurity(app: Express, config: Readonly<GatewayConfig>): void {
  const development = config.env === 'development';
  app.use(
    helmet({
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      contentSecurityPolicy: {
        useDefaults: false,
        directives: development
          ? {
              defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"],
              scriptSrc: ["'self'", "'unsafe-inline'", ...LANDING_PAGE_SOURCES], styleSrc: ["'self'", "'unsafe-inline'", ...LANDING_PAGE_SOURCES],
              imgSrc: ["'self'", 'data:', ...LANDING_PAGE_SOURCES], frameSrc: LANDING_PAGE_SOURCES, connectSrc: ["'self'", ...LANDING_PAGE_SOURCES],
              fontSrc: LANDING_PAGE_SOURCES, manifestSrc: LANDING_PAGE_SOURCES,
            }
          : { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  // Answers can carry PHI: no browser or shared cache keeps any of them.
  app.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  app.use(
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && config.corsOrigins.includes(origin)),
      // PUT: a browser uploads a document's bytes to its signed /documents URL (documents.ts).
      methods: ['POST', 'GET', 'PUT'],
      // Cookie sessions (session-cookies.ts): the header that opts in, and the cookie itself.
      credentials: true,
      allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight', 'x-credence-session'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    }),
  );

  const expires = new Date(Date.now() + 180 * 86_400_000).toISOString();
  app.get('/.well-known/security.txt', (_req, res) => {
    res.type('text/plain').send(`Contact: ${config.securityContact}\nExpires: ${expires}\nPreferred-Languages: en\n`);
  });
}

/**
 * The client's address (req.ip) is what the trusted proxies say (TRUST_PROXY, given to express's
 * `trust proxy`): X-Forwarded-For from anyone else is ignored. It keys the per-IP budgets and is
 * written to audit events as the source IP, so it must be an address: a trusted hop that hands on
 * anything else (a client's own header, behind too high a hop count) is refused.
 */
export function clientAddress() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.ip !== undefined && isIP(req.ip) !== 0) return next();
    sendError(res, new AppError('BAD_USER_INPUT', 'X-Forwarded-For must name the client by its IP address'));
  };
}

/**
 * GraphQL runs over POST only: no queries (and so no mutations) over GET, which would put
 * operations in URLs, logs and caches and open the door to CSRF. Development keeps the landing page.
 */
export function postOnly(config: Readonly<GatewayConfig>) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST') return next();
    const landingPage = config.env === 'development' && req.method === 'GET' && req.accepts(['text/html', 'application/json']) === 'text/html' && !req.query.query;
    if (landingPage) return next();
    res.setHeader('allow', 'POST');
    sendError(res, new AppError('BAD_USER_INPUT', 'GraphQL requests must use POST'), 405);
  };
}
