// Audit exports on file against the sweep that deletes expired ones: no export may end as a file
// on disk that no row names (such a file would never be deleted).
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { AppError } from '../../platform/errors.ts';
import { createLogger } from '../../platform/logger.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { createAuditSubgraph } from './subgraph.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import { testStack } from '../../test/support/stack.ts';
import { callerFor, subgraphClient } from '../../test/support/subgraph-client.ts';
import { sweepExpiredExports, writeSealedExport } from './exports.ts';
import type { AuditService } from './service.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const config = loadConfig('audit', { ...stack.serviceEnv.audit, NODE_ENV: 'test' });
let orm: MikroORM;
let superuser: pg.Client;
let service: AuditService;

beforeAll(async () => {
  orm = await openDatabase({ url: config.databaseUrl, logger });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  service = { config, orm, logger, storage: createLocalStorage(config.downloads.storageDir) };
});

afterAll(async () => {
  await orm.close();
  await superuser.end();
});

/** Chunks that wait for `release` before they end: an export still being written. */
function heldChunks() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let started!: () => void;
  const writing = new Promise<void>((resolve) => { started = resolve; });
  async function* chunks() {
    yield 'first line\n';
    started();
    await released;
    yield 'last line\n';
  }
  return { chunks: chunks(), writing, release };
}

const filesOf = (organizationId: string) => {
  const folder = join(config.downloads.storageDir, 'audit-exports', organizationId);
  return existsSync(folder) ? readdirSync(folder) : [];
};

describe('an audit export written for longer than the sweep allows', () => {
  it('is refused, and leaves no file behind, once the sweep has given it up', async () => {
    const org = randomUUID();
    const held = heldChunks();
    const exporting = writeSealedExport(service, callerFor('AUDITOR', org), (_em, _org, write) => write('csv', held.chunks));
    await held.writing;
    // An hour has gone by, as the sweep sees it: the export counts as abandoned, and is swept.
    await superuser.query(`update audit.exports set started_at = now() - interval '2 hours' where organization_id = $1`, [org]);
    expect(await sweepExpiredExports(service, systemCaller(`export-sweep-${randomUUID()}`))).toBeGreaterThanOrEqual(1);
    held.release();

    const outcome = await exporting.then(() => null, (error: unknown) => error);
    expect(outcome).toBeInstanceOf(AppError);
    expect((outcome as AppError).code).toBe('SERVICE_UNAVAILABLE');
    expect(filesOf(org)).toEqual([]);
    const { rows } = await superuser.query(`select id from audit.exports where organization_id = $1`, [org]);
    expect(rows).toEqual([]);
  });

  it('is kept with its file when it finished in time, and deleted with it once its link expires', async () => {
    const org = randomUUID();
    const { key } = await writeSealedExport(service, callerFor('AUDITOR', org), (_em, _org, write) => write('csv', (async function* () { yield 'a line\n'; })()));
    await sweepExpiredExports(service, systemCaller(`export-sweep-${randomUUID()}`));
    expect(existsSync(join(config.downloads.storageDir, key))).toBe(true);

    await superuser.query(`update audit.exports set expires_at = now() - interval '1 second' where storage_key = $1`, [key]);
    await sweepExpiredExports(service, systemCaller(`export-sweep-${randomUUID()}`));
    expect(existsSync(join(config.downloads.storageDir, key))).toBe(false);
    const { rows } = await superuser.query(`select id from audit.exports where organization_id = $1`, [org]);
    expect(rows).toEqual([]);
  });
});

describe('an audit export', () => {
  it('needs one database connection at a time, so concurrent exports cannot exhaust the pool and wait on it', async () => {
    // A pool of one connection: an export that held one while asking for another would wait for
    // ever (here, until the pool gives up on it).
    const single = await openDatabase({ url: config.databaseUrl, logger, extra: { pool: { min: 0, max: 1 }, driverOptions: { connectionTimeoutMillis: 5_000 } } });
    const deps = { config, logger, orm: single, storage: createLocalStorage(config.downloads.storageDir) };
    const subgraph = await createAuditSubgraph(deps);
    const { app } = await createSubgraphApp(deps, subgraph);
    const port = await freePort();
    const server = await listen(app, '127.0.0.1', port, 'audit');
    try {
      const call = subgraphClient(`http://127.0.0.1:${port}/graphql`, 'audit');
      const result = await call<{ exportAuditLog: { auditExport: { url: string } } }>(callerFor('AUDITOR', randomUUID()), 'mutation { exportAuditLog(format: CSV) { auditExport { url eventCount } userErrors { code message field reason details } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data?.exportAuditLog.auditExport.url).toMatch(/\/downloads\/audit-exports\//);
    } finally {
      await closeServer(server);
      await subgraph.close?.();
      await single.close();
    }
  });
});
