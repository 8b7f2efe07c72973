// The one way a subgraph is served: Apollo Server over a federation subgraph schema, behind a
// check of the gateway's signed context, with /healthz and /readyz.
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, parse } from 'graphql';
import { recordDenial } from './audit.ts';
import { terminatedRefusal } from './permissions.ts';
import type { Caller } from './caller.ts';
import { loadConfig, type SubgraphConfig } from './config.ts';
import { openDatabase, pingDatabase, type MikroORM } from './database/orm.ts';
import { AppError, createErrorFormatter } from './errors.ts';
import { completeErrorFieldPaths } from './field-paths.ts';
import { answerMutationsWithPayloads } from './mutation-payloads.ts';
import { accessLog, closeServer, keepRawBody, listen, sendError, type RawBodyRequest } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { CONTEXT_HEADER, internalRoutePath, STREAMED_BODY, verifyCallerContext } from './service-signing.ts';
import { runService, type RunningService } from './service-runtime.ts';
import { createLocalStorage, type Storage } from './storage.ts';

export interface SubgraphDeps {
  config: Readonly<SubgraphConfig>;
  logger: Logger;
  orm: MikroORM;
  storage: Storage;
}

export interface SubgraphContext extends SubgraphDeps {
  caller: Caller;
}

/** Another subgraph's entity, as this one resolves it: by its key alone. */
export interface EntityReference {
  id: string;
}

/** The entity a record names by id (`actorId`, `declaredBy`), for its owning subgraph to resolve as the caller may see it; null when it names none. */
export function entityReference(id: string | null): EntityReference | null {
  return id === null ? null : { id };
}

/**
 * A subgraph's resolver map. Each is typed where it is written, by the `Resolvers` generated from
 * its SDL (schema/generated/, `npm run codegen`).
 */
export type SubgraphResolvers = { [typeName: string]: object | undefined };

/**
 * What a subgraph serves: its schema and resolvers, and internal routes (POST /internal/<name>)
 * that only the gateway calls, with the same signed context, never part of the graph.
 */
export interface SubgraphDefinition {
  typeDefs: string;
  resolvers: SubgraphResolvers;
  internalRoutes?: Record<string, (body: unknown, context: SubgraphContext) => Promise<unknown>>;
  /** GET routes anyone may read, without a signature (identity's JWKS). Nothing private goes here. */
  publicRoutes?: Record<string, express.RequestHandler>;
  /**
   * File bytes that the gateway forwards with the same signed context (over the method and the
   * path with its grant; an upload's bytes are streamed, not signed): PUT and GET
   * /files/<name>/<id>. Document uploads and downloads.
   */
  fileRoutes?: Record<string, FileRoute>;
  /** Releases what the definition holds beyond the ORM (pools, timers), when the subgraph stops. */
  close?: () => Promise<void>;
}

export interface FileRoute {
  maxBytes: number;
  put?: (id: string, query: Record<string, unknown>, body: Buffer, context: SubgraphContext) => Promise<unknown>;
  get?: (id: string, query: Record<string, unknown>, context: SubgraphContext) => Promise<{ contentType: string; fileName: string; body: Buffer }>;
}

/** A definition, or how to build one from the subgraph's dependencies. */
export type SubgraphDefinitionSource = SubgraphDefinition | ((deps: SubgraphDeps) => Promise<SubgraphDefinition>);

/**
 * Defence in depth behind the gateway's shield: a mutation from a session of a terminated
 * organization (its signed context says so) is refused here too, before any resolver runs, with
 * the same decision (permissions.ts `terminatedRefusal`), and the denial is recorded.
 */
function refuseWritesOfTerminatedOrganizations(orm: MikroORM): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const { caller } = contextValue;
          if (operation?.operation !== OperationTypeNode.MUTATION || !caller.organizationTerminated) return;
          for (const selection of operation.selectionSet.selections) {
            // A root fragment is refused whole: only named fields are known to be allowed.
            const fieldName = selection.kind === Kind.FIELD ? selection.name.value : '(fragment)';
            const refused = terminatedRefusal(caller, fieldName);
            if (!refused) continue;
            await recordDenial(orm, caller, { resourceType: 'Mutation', resourceId: null, reason: `organization_terminated:${fieldName.replace(/[^A-Za-z0-9_]/g, '')}`.toLowerCase() });
            throw refused.toGraphQLError();
          }
        },
      };
    },
  };
}

export async function createSubgraphApp(deps: SubgraphDeps, schema: SubgraphDefinition) {
  const { config, logger } = deps;
  const development = config.env === 'development';
  const apollo = new ApolloServer<SubgraphContext>({
    // Field paths first, so that a userError names the caller's path too.
    schema: answerMutationsWithPayloads(completeErrorFieldPaths(buildSubgraphSchema({ typeDefs: parse(schema.typeDefs), resolvers: schema.resolvers as GraphQLResolverMap<unknown> }))),
    // Never, in any mode: a bad request gets its code, and a stack trace belongs in the log.
    includeStacktraceInErrorResponses: false,
    introspection: true, // only reachable with the gateway's signature
    stopOnTerminationSignals: false, // runService stops the server, the ORM and the process in order
    // No Apollo Studio traces and no cache hints (each wraps every resolver): only the gateway
    // answers clients, and nothing it answers is cached.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), refuseWritesOfTerminatedOrganizations(deps.orm)],
    formatError: createErrorFormatter({
      exposeDetails: development,
      onUnexpected: (error) => logger.error({ err: error }, 'unexpected error in resolver'),
    }),
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(accessLog(logger, (res) => (res.locals.caller as Caller | undefined)?.requestId));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: config.service });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await pingDatabase(deps.orm);
      res.json({ status: 'ready', service: config.service, checks: { database: 'ok' } });
    } catch (error) {
      logger.warn({ err: error }, 'readiness: database unreachable');
      res.status(503).json({ status: 'unavailable', service: config.service, checks: { database: 'unreachable' } });
    }
  });
  for (const [path, handle] of Object.entries(schema.publicRoutes ?? {})) app.get(path, handle);
  app.all('/graphql', (req, res, next) => {
    if (req.method !== 'POST') return sendError(res, new AppError('BAD_USER_INPUT', 'GraphQL requests must use POST'), 405);
    next();
  });
  /** The gateway's signature over this request: its method, its path and query, and its body (read already), or a body still to stream. */
  const gatewaySignature = (body: 'read' | 'streamed') => async (req: RawBodyRequest, res: express.Response, next: express.NextFunction) => {
    try {
      res.locals.caller = await verifyCallerContext(config.contextPublicKeys, req.header(CONTEXT_HEADER), {
        audience: config.service,
        method: req.method,
        path: req.originalUrl,
        body: body === 'streamed' ? STREAMED_BODY : (req.rawBody ?? ''),
      });
      next();
    } catch (error) {
      if (!(error instanceof AppError)) return next(error);
      logger.warn({ reason: error.message, ip: req.socket.remoteAddress }, 'refused a request without a valid gateway signature');
      sendError(res, error);
    }
  };
  const requireGatewaySignature = gatewaySignature('read');
  app.use('/graphql', express.json({ limit: '1mb', verify: keepRawBody }), requireGatewaySignature);
  app.use(
    '/graphql',
    expressMiddleware(apollo, { context: async ({ res }) => ({ ...deps, caller: res.locals.caller as Caller }) }),
  );
  /** A route's work, as the caller the gateway signed for: an AppError answers with its code; anything else is logged and answers 500. */
  const asSignedCaller = (name: string, work: (req: express.Request, res: express.Response, context: SubgraphContext) => Promise<void>) =>
    async (req: express.Request, res: express.Response) => {
      try {
        await work(req, res, { ...deps, caller: res.locals.caller as Caller });
      } catch (error) {
        if (error instanceof AppError) return sendError(res, error);
        logger.error({ err: error, route: name }, 'route failed');
        sendError(res, new AppError('INTERNAL_SERVER_ERROR', 'Internal server error'));
      }
    };
  for (const [name, handle] of Object.entries(schema.internalRoutes ?? {})) {
    app.post(internalRoutePath(name), express.json({ limit: '64kb', verify: keepRawBody }), requireGatewaySignature, asSignedCaller(name, async (req, res, context) => {
      res.json(await handle(req.body, context));
    }));
  }
  for (const [name, route] of Object.entries(schema.fileRoutes ?? {})) {
    const raw = express.raw({ type: () => true, limit: route.maxBytes + 1 });
    const { put, get } = route;
    if (put) {
      // The signature is checked before a byte of the body is read: it binds the path and its
      // grant, not the streamed bytes (STREAMED_BODY), and a request without it reads nothing.
      app.put(`/files/${name}/:id`, gatewaySignature('streamed'), raw, asSignedCaller(name, async (req, res, context) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        res.json(await put(String(req.params.id), req.query, body, context));
      }));
    }
    if (get) {
      app.get(`/files/${name}/:id`, requireGatewaySignature, asSignedCaller(name, async (req, res, context) => {
        const file = await get(String(req.params.id), req.query, context);
        res.setHeader('content-type', file.contentType);
        res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
        res.setHeader('cache-control', 'no-store');
        res.send(file.body);
      }));
    }
  }
  app.use((error: { type?: string; status?: number; limit?: number }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (error.type === 'entity.too.large') return sendError(res, new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large', error.limit ? { maxBytes: error.limit } : undefined));
    next(error);
  });
  return { app, apollo };
}

export async function serveSubgraph(deps: SubgraphDeps, source: SubgraphDefinitionSource): Promise<RunningService> {
  const schema = typeof source === 'function' ? await source(deps) : source;
  const { app, apollo } = await createSubgraphApp(deps, schema);
  const server = await listen(app, deps.config.host, deps.config.port, `The ${deps.config.service} subgraph`);
  return {
    describe: `${deps.config.service} subgraph on http://${deps.config.host}:${deps.config.port}/graphql`,
    async stop() {
      await closeServer(server);
      await apollo.stop();
      await schema.close?.();
      await deps.orm.close();
    },
  };
}

/** A subgraph's production entry point: configuration from the environment, then serve. */
export async function runSubgraph(name: SubgraphConfig['service'], definition: SubgraphDefinitionSource): Promise<void> {
  await runService(name, async () => {
    const config = loadConfig(name);
    const logger = createLogger({ service: name, level: config.logLevel });
    const orm = await openDatabase({ url: config.databaseUrl, logger });
    const storage = createLocalStorage(config.downloads.storageDir);
    return serveSubgraph({ config, logger, orm, storage }, definition);
  });
}
