// What the credential verification suites share: a verification worker on a task queue of its
// own (the real worker, the test stack's activity dependencies, the source stand-ins as sources),
// the credentials subgraph served on a free port, and waiting for what the workflows write.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { Connection, type Client } from '@temporalio/client';
import { loadConfig, type VerificationSourcesConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger, type Logger } from '../../platform/logger.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { leieUpdatedCsvMarked } from '../../stack/source-stand-ins/exclusion-lists.ts';
import { standInSourcesConfig, type SourceStandIns } from '../../stack/source-stand-ins/index.ts';
import { createCredentialsSubgraph } from '../../subgraphs/credentials/subgraph.ts';
import type { ListScreen } from '../../workflows/credential-verification/activities.ts';
import { importExclusionList } from '../../workflows/exclusion-lists/import.ts';
import { screenPhysicianBatch } from '../../workflows/exclusion-lists/screening.ts';
import { createVerificationSources } from '../../workflows/credential-verification/sources/index.ts';
import type { VerificationTimings } from '../../workflows/credential-verification/shared.ts';
import type { CredentialingTimings } from '../../workflows/credentialing-cycle/shared.ts';
import { createWorker } from '../../workflows/worker.ts';
import { testActivityDeps, testStack } from './stack.ts';
import { subgraphClient } from './subgraph-client.ts';

const silent = createLogger({ service: 'test', level: 'silent' });

/** Polls `probe` until it gives a value (every 200 ms), or fails naming what it waited for. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

export interface VerificationWorkerOptions {
  /** The worker role's ORM. */
  orm: MikroORM;
  standIns: SourceStandIns;
  timings: VerificationTimings;
  /** The dispatcher's client. */
  client: Client;
  listScreens?: ListScreen[];
  sources?: Partial<VerificationSourcesConfig>;
  logger?: Logger;
  /** The credentialing cycle's timings given to the cycles its dispatcher starts (NCQA's unless told). */
  credentialingTimings?: CredentialingTimings;
  /** The dispatcher screens the physician files that asked for it, as the real worker's does. */
  screensPhysicians?: boolean;
}

/** The real worker on a task queue of its own, asking the stand-ins (fast attempts unless told). */
export async function startVerificationWorker(options: VerificationWorkerOptions) {
  const taskQueue = `test-verification-${randomUUID()}`;
  const base = await testActivityDeps(options.orm);
  const sources = createVerificationSources(standInSourcesConfig(options.standIns, { sourceTimeoutMs: 2_000, sourceAttempts: 2, sourceRetryBaseMs: 20, ...options.sources }));
  const deps = {
    ...base,
    verification: {
      ...base.verification, sources, listScreens: options.listScreens ?? [], timings: options.timings, client: options.client, taskQueue,
      ...(options.credentialingTimings ? { credentialingTimings: options.credentialingTimings } : {}),
      ...(options.screensPhysicians
        ? { screenPhysicians: async (physicianIds: string[]) => { await screenPhysicianBatch({ orm: options.orm, encryption: base.encryption }, { physicianIds, limit: physicianIds.length }); } }
        : {}),
    },
  };
  const { worker, connection } = await createWorker({ temporal: { address: testStack().temporalAddress, namespace: 'default', taskQueue }, deps, logger: options.logger ?? silent });
  const running = worker.run();
  return {
    taskQueue,
    deps,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** The credentials subgraph (the test stack's configuration, with `env` on top) on a free port, and a client that signs as the gateway. */
export async function startCredentialsSubgraph(env: Record<string, string> = {}) {
  const config = loadConfig('credentials', { ...testStack().serviceEnv.credentials, NODE_ENV: 'test', ...env });
  const orm = await openDatabase({ url: config.databaseUrl, logger: silent });
  const deps = { config, logger: silent, orm, storage: createLocalStorage(config.downloads.storageDir) };
  const definition = await createCredentialsSubgraph(deps);
  const { app } = await createSubgraphApp(deps, definition);
  const port = await freePort();
  const server: Server = await listen(app, '127.0.0.1', port, 'credentials');
  return {
    orm,
    url: `http://127.0.0.1:${port}`,
    call: subgraphClient(`http://127.0.0.1:${port}/graphql`, 'credentials'),
    async close() {
      await closeServer(server);
      await definition.close?.();
      await orm.close();
    },
  };
}

/**
 * What the credentials subgraph suites open: the subgraph, the worker role's and identity's
 * databases (organizations are made through identity; what the subgraph stored is read as the
 * worker) and, asked for, a Temporal connection. `close` closes all of it.
 */
export async function startCredentialsSuite() {
  const subgraph = await startCredentialsSubgraph();
  const worker = await openDatabase({ url: testStack().serviceEnv.worker.DATABASE_URL!, logger: silent });
  const identity = await openDatabase({ url: testStack().serviceEnv.identity.DATABASE_URL!, logger: silent });
  let connection: Connection | undefined;
  return {
    subgraph,
    call: subgraph.call,
    worker,
    identity,
    /** A connection to the test stack's Temporal (the same one at every call). */
    async temporal(): Promise<Connection> {
      connection ??= await Connection.connect({ address: testStack().temporalAddress });
      return connection;
    },
    async close() {
      await subgraph.close();
      await connection?.close();
      await worker.close();
      await identity.close();
    },
  };
}

export type CredentialsSuite = Awaited<ReturnType<typeof startCredentialsSuite>>;

/**
 * Imports the stand-in's OIG LEIE as a file of this suite's own (one more fictional entry makes
 * its SHA-256 differ), so that its import is never one another suite made in the same database.
 * Returns what removes the file.
 */
export async function importOwnLeieFile(orm: MikroORM): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-leie-'));
  const file = join(dir, 'UPDATED.csv');
  writeFileSync(file, leieUpdatedCsvMarked(randomUUID()));
  await importExclusionList(orm, { list: 'OIG_LEIE', kind: 'FULL', location: file });
  return () => rmSync(dir, { recursive: true, force: true });
}
