// The gateway: the only HTTP entry of Credence. It authenticates the caller, applies
// graphql-shield over the composed supergraph and calls the subgraphs with a signed context.
import { readFileSync } from 'node:fs';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import type { GatewayConfig } from '../platform/config.ts';
import { AppError, createErrorFormatter } from '../platform/errors.ts';
import { accessLog, closeServer, listen, sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';
import type { RunningService } from '../platform/service-runtime.ts';
import { authenticate, requestIdOf, type GatewayContext } from './context.ts';
import { createDownloadHandler } from './downloads.ts';
import { createPermissions } from './permissions/shield.ts';
import { createReadiness } from './readiness.ts';
import { buildSupergraphSchema } from './supergraph.ts';

export interface GatewayDeps {
  config: Readonly<GatewayConfig>;
  logger: Logger;
}

/** The executable schema: the supergraph with shield applied to every resolver. */
export function buildGatewaySchema(config: Readonly<GatewayConfig>, supergraphSdl: string): GraphQLSchema {
  const supergraph = buildSupergraphSchema({
    supergraphSdl,
    subgraphUrls: config.subgraphUrls,
    contextSigningSecret: config.contextSigningSecret,
  });
  return applyMiddleware(supergraph, createPermissions(supergraph));
}

export async function createGatewayApp({ config, logger }: GatewayDeps) {
  const development = config.env === 'development';
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const apollo = new ApolloServer<GatewayContext>({
    schema: buildGatewaySchema(config, supergraphSdl),
    introspection: config.env !== 'production',
    stopOnTerminationSignals: false, // runService stops the server and the process in order
    includeStacktraceInErrorResponses: development,
    formatError: createErrorFormatter({
      exposeDetails: development,
      onUnexpected: (error) => logger.error({ err: error }, 'unexpected error'),
    }),
    plugins: config.env === 'production' ? [ApolloServerPluginLandingPageDisabled()] : [],
  });
  await apollo.start();
  const readiness = createReadiness(config, logger);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use((req, res, next) => {
    res.locals.requestId = requestIdOf(req);
    res.setHeader('x-request-id', res.locals.requestId);
    next();
  });
  app.use(accessLog(logger, (res) => res.locals.requestId as string));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const { ready, checks } = await readiness.check();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });
  app.get('/downloads/*key', createDownloadHandler(config.downloads, logger));
  app.use('/graphql', express.json({ limit: '1mb' }), (req, res, next) => {
    try {
      res.locals.caller = authenticate(req, res.locals.requestId as string);
      next();
    } catch (error) {
      if (error instanceof AppError) return sendError(res, error);
      next(error);
    }
  });
  app.use(
    '/graphql',
    expressMiddleware(apollo, {
      context: async ({ res }) => ({
        caller: res.locals.caller,
        logger: logger.child({ requestId: res.locals.requestId }),
      }),
    }),
  );
  return { app, apollo, readiness };
}

export async function serveGateway(deps: GatewayDeps): Promise<RunningService> {
  const { app, apollo, readiness } = await createGatewayApp(deps);
  const { host, port } = deps.config;
  const server = await listen(app, host, port, 'The gateway');
  return {
    describe: `gateway on http://${host}:${port}/graphql`,
    async stop() {
      await closeServer(server);
      await apollo.stop();
      await readiness.close();
    },
  };
}
