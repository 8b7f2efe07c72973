// The gateway: the only HTTP entry of Credence. It authenticates the caller, applies
// graphql-shield over the composed supergraph and calls the subgraphs with a signed context;
// around that, the HTTP hardening, rate limits, operation limits, downloads, webhooks, metrics.
import { readFileSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLSchema } from 'graphql';
import type { GatewayConfig } from '../platform/config.ts';
import { AppError, createErrorFormatter } from '../platform/errors.ts';
import { accessLog, closeServer, listen, metricsEndpoint, sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';
import type { RunningService } from '../platform/service-runtime.ts';
import { createAccessTokenVerifier } from './access-tokens.ts';
import { authenticate, requestIdOf, type GatewayContext } from './context.ts';
import { denialAudit, supportReadAudit, tokenRefusalAudit } from './denial-audit.ts';
import { createDownloadHandler } from './downloads.ts';
import { exportFetchAudit } from './export-fetch-audit.ts';
import { documentRoutes } from './documents.ts';
import { applyHttpSecurity, clientAddress, postOnly } from './http-security.ts';
import { createMetrics, type GatewayMetrics } from './metrics.ts';
import { operationLimits } from './operation-limits.ts';
import { persistedOperations } from './persisted-operations.ts';
import { shieldSupergraph } from './permissions/shield.ts';
import { createRateLimiters, rateLimitByIp, rateLimitByUser, rateLimitSignIn } from './rate-limits.ts';
import { createSharedStore } from './shared-store.ts';
import { createReadiness } from './readiness.ts';
import { createSessionRevocations } from './session-revocations.ts';
import { sessionCookies, withSessionCookies } from './session-cookies.ts';
import { buildSupergraphSchema } from './supergraph.ts';
import { createWebhookReceiver, type WebhookHandler } from './webhooks.ts';

export interface GatewayDeps {
  config: Readonly<GatewayConfig>;
  logger: Logger;
  /** What to do with each webhook source's verified events. */
  webhookHandlers?: Record<string, WebhookHandler>;
}

/** The executable schema: the supergraph with shield applied to every resolver. */
export function buildGatewaySchema(config: Readonly<GatewayConfig>, supergraphSdl: string, metrics?: GatewayMetrics): GraphQLSchema {
  const supergraph = buildSupergraphSchema({
    supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    timeoutMs: config.subgraphTimeoutMs,
    contextSigningKey: config.contextSigningKey,
    onSubgraphError: (subgraph) => metrics?.subgraphErrors.inc({ subgraph }),
  });
  return shieldSupergraph(withSessionCookies(supergraph));
}

export async function createGatewayApp({ config, logger, webhookHandlers = {} }: GatewayDeps) {
  const development = config.env === 'development';
  const metrics = createMetrics();
  const limits = operationLimits(config);
  const apollo = new ApolloServer<GatewayContext>({
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- the supergraph path comes from the config, never from a request
    schema: buildGatewaySchema(config, readFileSync(config.supergraphPath, 'utf8'), metrics),
    introspection: config.env !== 'production',
    // Never, in any mode: a bad request gets its code, and a stack trace belongs in the log.
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false, // runService stops the server and the process in order
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    persistedQueries: false, // registered operations only (persisted-operations.ts), never client-registered ones
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError: createErrorFormatter({
      exposeDetails: development,
      onUnexpected: (error) => logger.error({ err: error }, 'unexpected error'),
    }),
    plugins: [
      ...limits.plugins, metrics.plugin, denialAudit(config), supportReadAudit(config),
      // Its cache hints would wrap every resolver of the supergraph; every answer is no-store (http-security.ts).
      ApolloServerPluginCacheControlDisabled(),
      ...(config.env === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  const readiness = createReadiness(config, logger);
  const accessTokens = await createAccessTokens(config, logger, metrics);
  const sharedStore = await createSharedStore(config.redisUrl, logger);
  const rateLimits = createRateLimiters(sharedStore, logger);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use((req, res, next) => {
    const requestId = requestIdOf(req);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  });
  app.use(accessLog(logger, (res) => res.locals.requestId as string));
  app.use(metrics.httpMiddleware);
  applyHttpSecurity(app, config);
  app.use(clientAddress());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(rateLimitByIp(config, rateLimits, metrics));
  // Behind the IP budget, and each answer shared for a second (readiness.ts): every check asks
  // three subgraphs, their databases and Temporal.
  app.get('/readyz', async (_req, res) => {
    const { ready, checks } = await readiness.check();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });
  app.get('/downloads/*key', createDownloadHandler(config.downloads, logger, exportFetchAudit(config)));
  app.use(documentRoutes(config, logger));
  app.post(
    '/webhooks/:source',
    express.raw({ type: () => true, limit: '256kb' }),
    createWebhookReceiver({ secrets: config.webhookSecrets, handlers: webhookHandlers, store: sharedStore, logger }),
  );
  app.use('/graphql', postOnly(config), express.json({ limit: '1mb' }), persistedOperations(config, logger), sessionCookies(config), rateLimitSignIn(config, rateLimits, metrics), async (req, res, next) => {
    try {
      res.locals.caller = await authenticate(req, res.locals.requestId as string, accessTokens.verifier);
      next();
    } catch (error) {
      if (error instanceof AppError) return sendError(res, error);
      next(error);
    }
  }, rateLimitByUser(config, rateLimits, metrics));
  app.use(
    '/graphql',
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<GatewayContext> => {
        let requestLogger: Logger | undefined;
        return {
          caller: res.locals.caller as GatewayContext['caller'],
          // Made on first use: few requests log anything, and a pino child costs more than their resolvers.
          get logger() {
            return (requestLogger ??= logger.child({ requestId: res.locals.requestId as string }));
          },
          denials: [],
          sessionCookie: res.locals.sessionCookie as GatewayContext['sessionCookie'],
        };
      },
    }),
  );
  // Anything else, and any body the parsers refuse, answers with a coded JSON error.
  app.use((_req, res) => sendError(res, new AppError('NOT_FOUND', 'Not found')));
  app.use((error: { status?: number; type?: string; limit?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    // The same code the subgraphs and document uploads give for a body over its limit.
    if (error.type === 'entity.too.large') return sendError(res, new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large', error.limit ? { maxBytes: error.limit } : undefined));
    if (error.status && error.status < 500) return sendError(res, new AppError('BAD_USER_INPUT', 'The request is malformed'));
    logger.error({ err: error }, 'unexpected error');
    sendError(res, new AppError('INTERNAL_SERVER_ERROR', 'Internal server error'));
  });
  return { app, apollo, readiness, metrics, accessTokens, sharedStore };
}

/**
 * The access token verifier and the revocation list it consults, polled from identity until
 * close(). The first poll is awaited, so a gateway that starts beside a running identity accepts
 * tokens at once; if identity is down, bearer tokens wait for a later poll (503 until then).
 */
async function createAccessTokens(config: Readonly<GatewayConfig>, logger: Logger, metrics: GatewayMetrics) {
  const revocations = createSessionRevocations({
    identityUrl: config.subgraphUrls.identity,
    contextSigningKey: config.contextSigningKey,
    pollIntervalMs: config.accessTokens.revocationPollSeconds * 1000,
    logger,
    onPoll: (outcome) => {
      metrics.revocationPolls.inc({ outcome });
      metrics.revokedSessions.set(revocations.stats().revokedSessions); // the list changes only when polled
    },
  });
  await revocations.start();
  return {
    verifier: createAccessTokenVerifier({ jwksUrl: config.accessTokens.jwksUrl, revocations, logger, auditRefusal: tokenRefusalAudit(config) }),
    revocations,
    /** Stops polling identity. */
    async close() {
      revocations.stop();
    },
  };
}

/**
 * The plain-HTTP port beside TLS (HTTP_REDIRECT_PORT): every request, whatever its method, answers
 * 308 to the same path and query at PUBLIC_URL. The target never comes from the Host header, which
 * the client writes; a request target that is not a path (absolute form) goes to the root.
 */
export function httpsRedirect(publicUrl: string): RequestListener {
  return (req, res) => {
    const path = req.url?.startsWith('/') && !req.url.startsWith('//') ? req.url : '/';
    res.writeHead(308, { location: `${publicUrl}${path}`, 'cache-control': 'no-store', 'content-length': '0', connection: 'close' }).end();
  };
}

export async function serveGateway(deps: GatewayDeps): Promise<RunningService> {
  const { app, apollo, readiness, metrics, accessTokens, sharedStore } = await createGatewayApp(deps);
  const { host, port, tls, httpRedirectPort, metricsHost, metricsPort } = deps.config;
  const server = await listen(app, host, port, 'The gateway', tls);
  const redirectServer = httpRedirectPort ? await listen(httpsRedirect(deps.config.downloads.publicUrl), host, httpRedirectPort, 'The gateway\'s HTTP redirect', null, undefined, 'HTTP_REDIRECT_PORT') : null;
  const metricsServer = metricsPort
    ? await listen(
        metricsEndpoint(metrics.registry),
        metricsHost,
        metricsPort,
        'The gateway metrics endpoint',
        null,
        undefined,
        'METRICS_PORT',
      )
    : null;
  return {
    describe: `gateway on ${tls ? 'https' : 'http'}://${host}:${port}/graphql${redirectServer ? `, redirecting http://${host}:${httpRedirectPort} to HTTPS` : ''}${metricsPort ? `, metrics on http://${metricsHost}:${metricsPort}/metrics` : ''}`,
    async stop() {
      await closeServer(server);
      if (redirectServer) await closeServer(redirectServer);
      await accessTokens.close();
      if (metricsServer) await closeServer(metricsServer);
      await apollo.stop();
      await readiness.close();
      await sharedStore.close();
    },
  };
}
