// What the gateway refuses on its own, in the audit log, seen from an attacker's side: refused
// fields are one event per request, a flood of anonymous refusals or bad bearer tokens from one
// address writes one event a minute (the rest counted), a revoked token is recorded against its
// user, and a refusal that cannot be recorded fails the request.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { GATEWAY_REFUSALS_ROUTE, PLATFORM_ORGANIZATION_ID } from '../platform/audit.ts';
import { anonymousCaller, type Role } from '../platform/caller.ts';
import { CONTEXT_HEADER, requestPath, signCallerContext } from '../platform/service-signing.ts';
import { openDatabase, type MikroORM } from '../platform/database/orm.ts';
import { createLogger } from '../platform/logger.ts';
import { freePort } from '../stack/ports.ts';
import { refusedFieldList } from '../subgraphs/audit/gateway-denials.ts';
import { anAddressOfItsOwn } from '../test/support/addresses.ts';
import { anOrganization, aSignedInMember, refusalCodeOf } from '../test/support/factories.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { testStack } from '../test/support/stack.ts';
import { gatewaySigningKey } from '../test/support/subgraph-client.ts';

const stack = testStack();
const harness = gatewayHarness();
const logger = createLogger({ service: 'test', level: 'silent' });
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let identityOrm: MikroORM;
let workerOrm: MikroORM;
let superuser: pg.Client;
let org: string;

async function gql(url: string, query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id')!,
    body: (await response.json()) as { data?: Record<string, any> | null; errors?: { message: string; extensions: { code: string } }[] },
  };
}

async function eventsFrom(organizationId: string, sourceIp: string) {
  const { rows } = await superuser.query(
    `select action, outcome, actor_id, resource_type, resource_id, reason, request_id from audit.events where organization_id = $1 and source_ip = $2 order by seq`,
    [organizationId, sourceIp],
  );
  return rows as { action: string; outcome: string; actor_id: string | null; resource_type: string; resource_id: string | null; reason: string; request_id: string }[];
}

/** The worker's run, with every minute closed: counts reach the chain. */
const flushCounts = () => workerOrm.em.fork().execute(`select audit.flush_refusal_tallies(now() + interval '1 minute')`);

/** How many refusals the events of an address stand for: a counted minute says so, a lone first event is one. */
function refusalsStoodFor(events: { resource_id: string | null; request_id: string }[]): number {
  const counted = events.filter((event) => event.request_id.startsWith('refusal-tally-'));
  return counted.reduce((sum, event) => sum + Number(event.resource_id!.split(':count:')[1]), 0) + (events.length - 2 * counted.length);
}

/** A new member signed in through the gateway, its login sent with these headers. */
const signIn = (role: Role, headers: Record<string, string>) => aSignedInMember(gateway.url, identityOrm, { organizationId: org, role, headers, enrollMfa: false });

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ TRUST_PROXY: 'loopback', REVOCATION_POLL_SECONDS: '1', AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  org = await anOrganization(identityOrm, { name: 'Denial Audit Hospital' });
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
  await identityOrm.close();
  await workerOrm.close();
  await superuser.end();
});

describe('refused fields', () => {
  it('are one event per request, naming every refused field', async () => {
    const address = anAddressOfItsOwn();
    const physician = await signIn('PHYSICIAN', { 'x-forwarded-for': address });
    const { body, requestId } = await gql(gateway.url, '{ members { nodes { role } } internalNote auditEvents { nodes { sequence } } passwordPolicy { minLength } }', {
      authorization: `Bearer ${physician.accessToken}`, 'x-forwarded-for': address,
    });
    expect(body.data?.passwordPolicy).toEqual({ minLength: 12 });
    const { rows } = await superuser.query(`select organization_id::text, actor_id::text, action, outcome, resource_type, resource_id, reason from audit.events where request_id = $1`, [requestId]);
    expect(rows).toEqual([{
      organization_id: org, actor_id: physician.userId, action: 'ACCESS_DENIED', outcome: 'FAILURE', resource_type: 'GraphQLFields',
      resource_id: 'Query.auditEvents,internalNote,members', reason: 'gateway:forbidden',
    }]);
  });

  it('from an anonymous flood write one event a minute for the address, and the count reaches the chain', async () => {
    const address = anAddressOfItsOwn();
    for (let i = 0; i < 30; i += 1) {
      const { body } = await gql(gateway.url, '{ internalNote auditEvents { nodes { sequence } } members { nodes { role } } }', { 'x-forwarded-for': address });
      expect(body.errors?.length).toBe(3);
    }
    const written = await eventsFrom(PLATFORM_ORGANIZATION_ID, address);
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(written.length).toBeLessThanOrEqual(2); // a minute may turn during the flood
    expect(written[0]).toMatchObject({ action: 'ACCESS_DENIED', outcome: 'FAILURE', resource_type: 'GraphQLFields', resource_id: 'Query.auditEvents,internalNote,members', reason: 'gateway:forbidden:unauthenticated' });
    await flushCounts();
    expect(refusalsStoodFor(await eventsFrom(PLATFORM_ORGANIZATION_ID, address))).toBe(30);
  });

  it('are named compactly within a resource id, with how many more there were', () => {
    const fields = Array.from({ length: 50 }, (_, i) => `Physician.protectedField${String(i).padStart(2, '0')}`);
    const listed = refusedFieldList(fields);
    expect(listed.length).toBeLessThanOrEqual(128);
    expect(listed).toMatch(/^Physician\.protectedField00,protectedField01,.*;\+\d+$/);
    const shown = listed.split(';')[0]!.split(',').length;
    expect(Number(listed.split(';+')[1])).toBe(50 - shown);
    expect(refusedFieldList(['Query.b', 'Credential.number', 'Query.a'])).toBe('Credential.number;Query.a,b');
  });
});

describe('bearer tokens the gateway refuses', () => {
  it('are recorded, one event a minute per address, the rest counted', async () => {
    const address = anAddressOfItsOwn();
    for (let i = 0; i < 12; i += 1) {
      const { status } = await gql(gateway.url, '{ __typename }', { authorization: `Bearer not.a.token${i}`, 'x-forwarded-for': address });
      expect(status).toBe(401);
    }
    const written = await eventsFrom(PLATFORM_ORGANIZATION_ID, address);
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(written.length).toBeLessThanOrEqual(2);
    expect(written[0]).toMatchObject({ action: 'ACCESS_DENIED', outcome: 'FAILURE', resource_type: 'AccessToken', reason: 'bearer:invalid', actor_id: null });
    await flushCounts();
    expect(refusalsStoodFor(await eventsFrom(PLATFORM_ORGANIZATION_ID, address))).toBe(12);
  });

  it('are recorded against the user when the session was revoked', async () => {
    const address = anAddressOfItsOwn();
    const staff = await signIn('CREDENTIALING_STAFF', { 'x-forwarded-for': address });
    await superuser.query(`update identity.sessions set revoked_at = now(), revoked_reason = 'deactivated' where id = $1`, [staff.sessionId]);
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (status !== 401 && Date.now() < deadline) {
      ({ status } = await gql(gateway.url, '{ me { role } }', { authorization: `Bearer ${staff.accessToken}`, 'x-forwarded-for': address }));
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(401);
    expect((await eventsFrom(org, address)).filter((event) => event.resource_type === 'AccessToken')).toEqual([
      expect.objectContaining({ action: 'ACCESS_DENIED', outcome: 'FAILURE', actor_id: staff.userId, reason: 'bearer:revoked' }),
    ]);
  });
});

describe("the audit subgraph's refusal route", () => {
  it('takes only signed reports with a known reason', async () => {
    const url = harness.subgraphUrls.audit.replace(/\/graphql$/, `/internal/${GATEWAY_REFUSALS_ROUTE}`);
    const body = JSON.stringify({ reason: 'invalid' });
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    const free = JSON.stringify({ reason: 'Jane Doe typed a bad token' });
    const signed = signCallerContext(gatewaySigningKey(), anonymousCaller(randomUUID(), anAddressOfItsOwn()), { audience: 'audit', method: 'POST', path: requestPath(url), body: free });
    const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: signed }, body: free });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('a refusal that cannot be recorded', () => {
  it('fails the request with SERVICE_UNAVAILABLE instead of answering it', async () => {
    const blind = await harness.startGateway({ AUDIT_URL: `http://127.0.0.1:${await freePort()}/graphql` });
    try {
      const denied = await gql(blind.url, '{ passwordPolicy { minLength } internalNote }');
      expect(denied.status).toBe(503);
      expect(denied.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      const token = await gql(blind.url, '{ __typename }', { authorization: 'Bearer not.a.token' });
      expect(token.status).toBe(503);
      expect(refusalCodeOf(token.body)).toBe('SERVICE_UNAVAILABLE');
      const allowed = await gql(blind.url, '{ passwordPolicy { minLength } }');
      expect(allowed.body).toEqual({ data: { passwordPolicy: { minLength: 12 } } });
    } finally {
      await blind.stop();
    }
  });
});
