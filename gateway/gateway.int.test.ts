// The gateway over three real subgraphs (in-process, on the test PostgreSQL) and the test
// Temporal server: public fields, deny by default, caller signing, readiness, production mode.
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { anonymousCaller } from '../platform/caller.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { bodyDigest, CONTEXT_HEADER, requestPath, signCallerContext } from '../platform/service-signing.ts';
import { signedDownloadUrl } from '../platform/signed-urls.ts';
import { createLocalStorage } from '../platform/storage.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { gatewaySigningKey } from '../test/support/subgraph-client.ts';
import { testActivityDeps, testStack } from '../test/support/stack.ts';
import { createWorker } from '../workflows/worker.ts';
import { refusalCodeOf } from '../test/support/factories.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const harness = gatewayHarness();
const { graphql, startGateway, taskQueue, orms } = harness;
const subgraphUrls = harness.subgraphUrls;

let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await startGateway({});
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
});

describe('gateway', () => {
  it('answers public fields from all three subgraphs in one query', async () => {
    const { status, body } = await graphql(gateway.url, '{ __typename passwordPolicy { minLength minStrengthScore } credentialTypes { type primarySource } auditRetentionPolicy { defaultYears minimumYears } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({
      __typename: 'Query',
      passwordPolicy: { minLength: 12, minStrengthScore: 3 },
      auditRetentionPolicy: { defaultYears: 7, minimumYears: 6 },
    });
    expect(body.data?.credentialTypes).toHaveLength(5);
  });

  it('denies a field that no rule names, with FORBIDDEN and without its value', async () => {
    const { body } = await graphql(gateway.url, '{ passwordPolicy { minLength } internalNote }');
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Not allowed', path: ['internalNote'], extensions: { code: 'FORBIDDEN' } })]);
    expect(body.data).toEqual({ passwordPolicy: { minLength: 12 }, internalNote: null });
    expect(JSON.stringify(body)).not.toContain('INTERNAL-NOTE-VALUE');
  });

  it('refuses the audit log to an anonymous caller before any subgraph is asked', async () => {
    const { body } = await graphql(gateway.url, '{ auditEvents { nodes { sequence } } }');
    expect(body.data).toEqual({ auditEvents: null });
    expect(body.errors?.[0]).toMatchObject({ path: ['auditEvents'], extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('records the refused fields in the audit log as one FAILURE, under the request id', async () => {
    const superuser = new pg.Client({ connectionString: stack.superuserUrl });
    await superuser.connect();
    try {
      // Anonymous refusals are counted after the first of a minute per address: close the minutes first.
      await superuser.query(`select audit.flush_refusal_tallies(now() + interval '1 minute')`);
      const { headers } = await graphql(gateway.url, '{ passwordPolicy { minLength } internalNote auditEvents { nodes { sequence } } }');
      const requestId = headers.get('x-request-id');
      const { rows } = await superuser.query(
        `select action, outcome, resource_type, resource_id, reason from audit.events where request_id = $1 order by resource_id`,
        [requestId],
      );
      expect(rows).toEqual([
        { action: 'ACCESS_DENIED', outcome: 'FAILURE', resource_type: 'GraphQLFields', resource_id: 'Query.auditEvents,internalNote', reason: 'gateway:forbidden:unauthenticated' },
      ]);
    } finally {
      await superuser.end();
    }
  });

  it('keeps the audit subgraph\'s denial route to the gateway alone', async () => {
    const url = subgraphUrls.audit.replace(/\/graphql$/, '/internal/denials');
    const body = JSON.stringify({ denials: [{ field: 'Query.auditEvents', code: 'FORBIDDEN' }] });
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    const bad = JSON.stringify({ denials: [{ field: 'not a field; drop table', code: 'FORBIDDEN' }] });
    const signed = signCallerContext(gatewaySigningKey(), anonymousCaller(randomUUID(), null), { audience: 'audit', method: 'POST', path: requestPath(url), body: bad });
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: signed }, body: bad })).status).toBe(400);
  });

  it('refuses a bearer token it cannot verify with 401 UNAUTHENTICATED', async () => {
    const { status, body } = await graphql(gateway.url, '{ __typename }', { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(status).toBe(401);
    expect(body).toEqual({ errors: [{ message: 'The access token is invalid or expired', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('reports a malformed query with a stable code and no stack trace', async () => {
    const { status, body } = await graphql(gateway.url, '{ passwordPolicy { ');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('keeps a UUID X-Request-Id and replaces anything else, which could carry PHI into logs', async () => {
    const traceId = '5f0c1a8e-2b7d-4c3e-9a1f-6d2e8b7c4a90';
    const kept = await graphql(gateway.url, '{ __typename }', { 'x-request-id': traceId });
    expect(kept.headers.get('x-request-id')).toBe(traceId);
    for (const given of ['bad id <script>', '123-45-6789', 'patient-jane-doe-1961']) {
      const replaced = await graphql(gateway.url, '{ __typename }', { 'x-request-id': given });
      expect(replaced.headers.get('x-request-id')).not.toBe(given);
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('is healthy at once, and ready only when a worker polls the task queue', async () => {
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    const before = await fetch(`${gateway.url}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({
      status: 'unavailable',
      checks: { identity: 'ok', credentials: 'ok', audit: 'ok', temporal: 'ok', worker: 'no worker polling the task queue' },
    });

    const { worker, connection } = await createWorker({
      temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue },
      deps: await testActivityDeps(orms[0]!),
      logger,
    });
    const running = worker.run();
    try {
      let status = 0;
      for (let attempt = 0; attempt < 40 && status !== 200; attempt += 1) {
        status = (await fetch(`${gateway.url}/readyz`)).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(status).toBe(200);
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });

  it('answers a bad query with its code and no stack trace in development too (the quick start\'s mode)', async () => {
    const development = await startGateway({ NODE_ENV: 'development' });
    try {
      const { body } = await graphql(development.url, '{ passwordPolicy { noSuchField } }');
      expect(body.data).toBeUndefined();
      expect(refusalCodeOf(body)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|\bat .*\.(ts|js)\b/);
    } finally {
      await development.stop();
    }
  });

  it('hides the schema in production: no introspection, no stack traces', async () => {
    const production = await startGateway({ NODE_ENV: 'production', SECURITY_CONTACT: 'mailto:security@example.org' });
    try {
      const { body } = await graphql(production.url, '{ __schema { types { name } } }');
      expect(body.data).toBeUndefined();
      expect(refusalCodeOf(body)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts/);
    } finally {
      await production.stop();
    }
  });
});

describe('signed downloads', () => {
  const downloads = () => loadConfig('gateway', stack.serviceEnv.gateway).downloads;
  async function stored(): Promise<string> {
    const { key } = await createLocalStorage(downloads().storageDir).write('test-files', 'csv', (async function* () { yield 'a,b\n1,2\n'; })());
    return key;
  }
  const url = (key: string, expiresAt: Date) =>
    signedDownloadUrl({ publicUrl: gateway.url, secret: downloads().urlSigningSecret, key, expiresAt });

  it('hands out a file to an unexpired signed link, never cached', async () => {
    const response = await fetch(url(await stored(), new Date(Date.now() + 60_000)));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9_-]+\.csv"$/);
    expect(await response.text()).toBe('a,b\n1,2\n');
  });

  it('refuses an expired link, an altered one, and one for another file', async () => {
    const key = await stored();
    const expired = await fetch(url(key, new Date(Date.now() - 1000)));
    expect(expired.status).toBe(403);
    expect(await expired.json()).toEqual({ errors: [{ message: 'This download link has expired', extensions: { code: 'FORBIDDEN' } }] });
    const good = new URL(url(key, new Date(Date.now() + 60_000)));
    good.searchParams.set('expires', String(Number(good.searchParams.get('expires')) + 3600));
    expect((await fetch(good)).status).toBe(403);
    const other = new URL(url(await stored(), new Date(Date.now() + 60_000)));
    other.pathname = `/downloads/${key}`;
    expect((await fetch(other)).status).toBe(403);
  });

  it('refuses paths outside storage', async () => {
    const key = await stored();
    const signed = new URL(url(key, new Date(Date.now() + 60_000)));
    for (const path of ['/downloads/../secrets.json', '/downloads/test-files/..%2F..%2Fsecrets.json', '/downloads/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await fetch(`${gateway.url}${path}${signed.search}`);
      expect([403, 404]).toContain(response.status);
    }
  });
});

describe('a subgraph called around the gateway', () => {
  const body = JSON.stringify({ query: '{ passwordPolicy { minLength } }' });
  const post = (headers: Record<string, string>, payload = body) =>
    fetch(subgraphUrls.identity, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
  const forIdentity = (requestBody: string) => ({ audience: 'identity' as const, method: 'POST', path: '/graphql', body: requestBody });

  it('refuses a request without the signed context', async () => {
    const response = await post({});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ message: 'Requests must come through the Credence gateway', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('refuses a captured context replayed with another query, or against another subgraph', async () => {
    const token = signCallerContext(gatewaySigningKey(), anonymousCaller('req-replay-1', null), forIdentity(body));
    expect((await post({ [CONTEXT_HEADER]: token }, JSON.stringify({ query: '{ internalNote }' }))).status).toBe(401);
    const forAudit = signCallerContext(gatewaySigningKey(), anonymousCaller('req-replay-2', null), { ...forIdentity(body), audience: 'audit' });
    expect((await post({ [CONTEXT_HEADER]: forAudit })).status).toBe(401);
    // Signed for identity's internal route, replayed at its graph (and the other way round).
    const forRoute = signCallerContext(gatewaySigningKey(), anonymousCaller('req-replay-3', null), { ...forIdentity(body), path: '/internal/revoked-sessions' });
    expect((await post({ [CONTEXT_HEADER]: forRoute })).status).toBe(401);
    const forGraph = signCallerContext(gatewaySigningKey(), anonymousCaller('req-replay-4', null), forIdentity(body));
    const route = subgraphUrls.identity.replace(/\/graphql$/, '/internal/revoked-sessions');
    expect((await fetch(route, { method: 'POST', headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: forGraph }, body })).status).toBe(401);
  });

  it('refuses a context minted with anything a subgraph is given: the credentials subgraph does not take an ORG_ADMIN context from the audit subgraph', async () => {
    // A taken-over audit subgraph has its whole environment. Under the shared secret of old, any
    // of its secrets signed a context every subgraph accepted; now none of them signs one.
    const query = JSON.stringify({ query: '{ physicians { nodes { id ssn } } }' });
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      org: randomUUID(), role: 'ORG_ADMIN', sid: randomUUID(), rid: randomUUID(), ip: null, htm: 'POST', htp: '/graphql', bh: bodyDigest(query),
      iss: 'credence-gateway', aud: 'credentials', sub: randomUUID(), iat: now, exp: now + 30,
    };
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'credence-context+jwt' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const auditEnv = Object.values(stack.serviceEnv.audit);
    expect(auditEnv.length).toBeGreaterThan(3);
    for (const value of auditEnv) {
      for (const key of [Buffer.from(value), Buffer.from(value, 'base64')]) {
        const minted = `${header}.${payload}.${createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url')}`;
        const response = await fetch(subgraphUrls.credentials, { method: 'POST', headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: minted }, body: query });
        expect(response.status).toBe(401);
      }
    }
    expect(Object.keys(stack.serviceEnv.audit)).not.toContain('CONTEXT_SIGNING_KEY');
    expect(Object.keys(stack.serviceEnv.credentials)).not.toContain('CONTEXT_SIGNING_KEY');
  });

  it('answers a request signed for it and its body', async () => {
    const token = signCallerContext(gatewaySigningKey(), anonymousCaller('req-direct-1', null), forIdentity(body));
    const response = await post({ [CONTEXT_HEADER]: token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { passwordPolicy: { minLength: 12 } } });
  });
});
