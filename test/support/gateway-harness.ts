// Three real subgraphs in-process (on the test PostgreSQL) and gateways in front of them, for the
// gateway's tests. The identity subgraph gains a field that no permission names, which the
// gateway must deny.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger, type Logger } from '../../platform/logger.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp, type SubgraphDefinition } from '../../platform/subgraph-server.ts';
import { composeSupergraph, subgraphSdl } from '../../schema/compose.ts';
import { freePort } from '../../stack/ports.ts';
import { createAuditSubgraph } from '../../subgraphs/audit/subgraph.ts';
import { createCredentialsSubgraph } from '../../subgraphs/credentials/subgraph.ts';
import { createIdentitySubgraph } from '../../subgraphs/identity/subgraph.ts';
import { createGatewayApp, httpsRedirect, type GatewayDeps } from '../../gateway/server.ts';
import { testStack } from './stack.ts';

export type GraphQLBody = { data?: Record<string, unknown> | null; errors?: { message: string; path?: string[]; extensions: Record<string, unknown> }[] };

/**
 * `options.loggers` gives each service its own logger (to read what it logs); by default they are
 * silent. `options.subgraphEnv` adds to a subgraph's configuration.
 */
export function gatewayHarness(options: { loggers?: (service: SubgraphName | 'gateway') => Logger; subgraphEnv?: Partial<Record<SubgraphName, Record<string, string>>> } = {}) {
  const stack = testStack();
  const silent = createLogger({ service: 'test', level: 'silent' });
  const loggerOf = options.loggers ?? (() => silent);
  const taskQueue = `test-gateway-${randomUUID()}`;
  const sdls: Record<SubgraphName, string> = {
    identity: `${subgraphSdl('identity')}\nextend type Query { internalNote: String }\n`,
    credentials: subgraphSdl('credentials'),
    audit: subgraphSdl('audit'),
  };
  const closers: (() => Promise<void>)[] = [];
  const servers: Server[] = [];
  const orms: MikroORM[] = [];
  const subgraphUrls = {} as Record<SubgraphName, string>;
  let supergraphPath = '';

  return {
    taskQueue,
    orms,
    subgraphUrls,
    async startSubgraphs() {
      for (const name of SUBGRAPH_NAMES) {
        const port = await freePort();
        const config = loadConfig(name, { ...stack.serviceEnv[name], PORT: String(port), NODE_ENV: 'test', ...options.subgraphEnv?.[name] });
        const logger = loggerOf(name);
        const orm = await openDatabase({ url: config.databaseUrl, logger });
        orms.push(orm);
        const deps = { config, logger, orm, storage: createLocalStorage(config.downloads.storageDir) };
        let definition: SubgraphDefinition;
        if (name === 'identity') {
          const identity = await createIdentitySubgraph(deps, { typeDefs: sdls.identity });
          identity.resolvers = { ...identity.resolvers, Query: { ...(identity.resolvers.Query as object), internalNote: () => 'INTERNAL-NOTE-VALUE' } };
          definition = identity;
        } else if (name === 'credentials') {
          definition = await createCredentialsSubgraph(deps);
        } else {
          definition = await createAuditSubgraph(deps);
        }
        if (definition.close) closers.push(definition.close); // pools and timers (identity's sweeps, audit's export sweep)
        const { app } = await createSubgraphApp(deps, definition);
        servers.push(await listen(app, '127.0.0.1', port, name));
        subgraphUrls[name] = `http://127.0.0.1:${port}/graphql`;
      }
      supergraphPath = join(mkdtempSync(join(tmpdir(), 'credence-supergraph-')), 'supergraph.graphql');
      writeFileSync(supergraphPath, composeSupergraph(sdls));
    },
    async stopSubgraphs() {
      for (const server of servers) await closeServer(server);
      for (const close of closers) await close();
      for (const orm of orms) await orm.close();
    },
    /** A gateway over the subgraphs; `env` overrides its configuration. */
    startGateway: async (env: Record<string, string>, deps: Omit<GatewayDeps, 'config' | 'logger'> = {}) => {
      const config = loadConfig('gateway', {
        ...stack.serviceEnv.gateway,
        IDENTITY_URL: subgraphUrls.identity, CREDENTIALS_URL: subgraphUrls.credentials, AUDIT_URL: subgraphUrls.audit,
        SUPERGRAPH_PATH: supergraphPath, TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_TASK_QUEUE: taskQueue,
        METRICS_PORT: '0', NODE_ENV: 'test', ...env,
      });
      const { app, apollo, readiness, metrics, accessTokens, sharedStore } = await createGatewayApp({ config, logger: loggerOf('gateway'), ...deps });
      const port = await freePort();
      const server = await listen(app, '127.0.0.1', port, 'test gateway', config.tls);
      const redirectServer = config.httpRedirectPort ? await listen(httpsRedirect(config.downloads.publicUrl), '127.0.0.1', config.httpRedirectPort, 'test gateway redirect') : null;
      return {
        url: `${config.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
        port,
        metrics,
        async stop() {
          await closeServer(server);
          if (redirectServer) await closeServer(redirectServer);
          await accessTokens.close();
          await apollo.stop();
          await readiness.close();
          await sharedStore.close();
        },
      };
    },
    graphql: async (url: string, query: string, headers: Record<string, string> = {}) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
    },
  };
}
