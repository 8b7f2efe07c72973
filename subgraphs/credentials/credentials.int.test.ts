// The credentials subgraph from the attacker's side (signed contexts, as from the gateway, on the
// test PostgreSQL): raw rows without plaintext, moved ciphertexts, another physician's or another
// organization's records by guessed id, roles the matrix denies, row-level security at the SQL
// level for every role, and documents through signed links.
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ROLES, type Caller, type Role } from '../../platform/caller.ts';
import { loadConfig, type CredentialsConfig } from '../../platform/config.ts';
import { actAs, openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { MAX_PAGE_SIZE } from '../../platform/pagination.ts';
import { CONTEXT_HEADER, signCallerContext, STREAMED_BODY } from '../../platform/service-signing.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { aCredential, aMember, anOrganization, aPhysician, type GraphQLSend, uniqueEmail, refusalCodeOf, userErrorsOf } from '../../test/support/factories.ts';
import { connectionSelection, readBothWays, type ConnectionPage } from '../../test/support/paging.ts';
import { testStack } from '../../test/support/stack.ts';
import { randomNpi } from '../../test/support/identifiers.ts';
import { callerFor, gatewaySigningKey, subgraphClient, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { createCredentialsSubgraph } from './subgraph.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const MAX_BYTES = 4096;
let server: Server;
let orm: MikroORM;
let identity: MikroORM;
let superuser: pg.Client;
let baseUrl: string;
let config: Readonly<CredentialsConfig>;
let call: ReturnType<typeof subgraphClient>;
let orgA: string;
let orgB: string;
let staffA: Caller;
let staffB: Caller;

const PHYSICIAN_FIELDS = 'id givenName familyName npi dateOfBirth ssn affiliation { status startedOn }';
const CREATE = `mutation($input: CreatePhysicianInput!) { createPhysician(input: $input) { physician { ${PHYSICIAN_FIELDS} } userErrors { code message field reason details } } }`;
const ADD_FIELDS = 'id type number status reviewReasons expiresOn expired';
const ADD = `mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { ${ADD_FIELDS} } userErrors { code message field reason details } } }`;
const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);

const as = (caller: Caller): GraphQLSend => (query, variables) => call(caller, query, variables);
const createPhysician = (caller: Caller, input: Record<string, unknown> = {}) => aPhysician<{ id: string; ssn: string | null }>(as(caller), input, PHYSICIAN_FIELDS);
const addCredential = (caller: Caller, physicianId: string, input: Record<string, unknown> = {}) =>
  aCredential<{ id: string; number: string; status: string; reviewReasons: string[] }>(as(caller), physicianId, input, ADD_FIELDS);

async function events(organizationId: string, filter: { action?: string; resourceId?: string; resourceType?: string }) {
  const { rows } = await superuser.query(
    `select action, outcome, reason, resource_type, resource_id, actor_role from audit.events
      where organization_id = $1 and ($2::text is null or action = $2) and ($3::text is null or resource_id = $3) and ($4::text is null or resource_type = $4) order by seq`,
    [organizationId, filter.action ?? null, filter.resourceId ?? null, filter.resourceType ?? null],
  );
  return rows as { action: string; outcome: string; reason: string | null; resource_type: string; resource_id: string | null; actor_role: string }[];
}

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  config = loadConfig('credentials', { ...stack.serviceEnv.credentials, NODE_ENV: 'test', DOCUMENT_MAX_BYTES: String(MAX_BYTES) });
  orm = await openDatabase({ url: config.databaseUrl, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  const deps = { config, logger, orm, storage: createLocalStorage(config.downloads.storageDir) };
  const { app } = await createSubgraphApp(deps, await createCredentialsSubgraph(deps));
  const port = await freePort();
  server = await listen(app, '127.0.0.1', port, 'credentials');
  baseUrl = `http://127.0.0.1:${port}`;
  call = subgraphClient(`${baseUrl}/graphql`, 'credentials');
  orgA = await anOrganization(identity, { name: 'Credentials A' });
  orgB = await anOrganization(identity, { name: 'Credentials B' });
  staffA = callerFor('CREDENTIALING_STAFF', orgA);
  staffB = callerFor('CREDENTIALING_STAFF', orgB);
});

afterAll(async () => {
  await closeServer(server);
  await orm.close();
  await identity.close();
  await superuser.end();
});

describe('physicians and credentials', () => {
  it('stores protected fields only as ciphertext, returns them decrypted, and audits each view', async () => {
    const created = await createPhysician(staffA, { ssn: '219-09-9999', dateOfBirth: '1970-02-03' });
    expect(created).toMatchObject({ ssn: '219-09-9999', affiliation: { status: 'ACTIVE' } });
    const license = await addCredential(staffA, created.id, { number: 'A 123-4567' });
    expect(license).toMatchObject({ number: 'A1234567', status: 'PENDING' });

    const { rows } = await superuser.query(`select p::text as physician, c::text as credential from credentials.physicians p join credentials.credentials c on c.physician_id = p.id where p.id = $1`, [created.id]);
    const raw = JSON.stringify(rows);
    for (const secret of ['219-09-9999', '219099999', '1970-02-03', 'A1234567', '1234567']) expect(raw).not.toContain(secret);
    const { rows: bytes } = await superuser.query(`select ssn, date_of_birth from credentials.physicians where id = $1`, [created.id]);
    expect(Buffer.concat([bytes[0].ssn, bytes[0].date_of_birth]).includes(Buffer.from('9999'))).toBe(false);

    const before = (await events(orgA, { action: 'VIEW', resourceId: created.id })).length;
    const read = await call<{ physician: { ssn: string; dateOfBirth: string } }>(staffA, `query($id: ID!) { physician(id: $id) { ssn dateOfBirth } }`, { id: created.id });
    expect(read.data?.physician).toEqual({ ssn: '219-09-9999', dateOfBirth: '1970-02-03' });
    expect((await events(orgA, { action: 'VIEW', resourceId: created.id })).length).toBe(before + 1);
    // Without protected fields, nothing is decrypted and no view is recorded.
    await call(staffA, `query($id: ID!) { physician(id: $id) { givenName npi } }`, { id: created.id });
    expect((await events(orgA, { action: 'VIEW', resourceId: created.id })).length).toBe(before + 1);
    expect(await events(orgA, { action: 'CREATE', resourceId: license.id })).toEqual([expect.objectContaining({ outcome: 'SUCCESS', resource_type: 'Credential' })]);
  });

  it('refuses bad input with a stable code and leaves nothing half-written', async () => {
    const physician = await createPhysician(staffA);
    const cases: [string, Record<string, unknown>, string, string, string[]][] = [
      [CREATE, { input: { givenName: 'A', familyName: 'B', npi: '1234567890' } }, 'BAD_USER_INPUT', 'INVALID_NPI', ['input', 'npi']],
      [CREATE, { input: { givenName: 'A', familyName: 'B', npi: randomNpi(), ssn: '000-12-3456' } }, 'BAD_USER_INPUT', 'INVALID_SSN', ['input', 'ssn']],
      [ADD, { input: { physicianId: physician.id, type: 'STATE_LICENSE', number: 'X1', issuer: 'Board', state: 'ZZ', expiresOn: '2030-01-01' } }, 'BAD_USER_INPUT', 'INVALID_STATE', ['input', 'state']],
      [ADD, { input: { physicianId: physician.id, type: 'STATE_LICENSE', number: 'X1', issuer: 'Board', state: 'CA', issuedOn: '2030-01-01', expiresOn: '2029-01-01' } }, 'BAD_USER_INPUT', 'EXPIRY_BEFORE_ISSUE', ['input', 'expiresOn']],
      [ADD, { input: { physicianId: physician.id, type: 'STATE_LICENSE', number: 'X1', issuer: 'Board', state: 'CA' } }, 'BAD_USER_INPUT', 'EXPIRY_REQUIRED', ['input', 'expiresOn']],
      [ADD, { input: { physicianId: physician.id, type: 'DEA_REGISTRATION', number: 'B12345', issuer: 'DEA', state: 'CA', expiresOn: '2030-01-01' } }, 'BAD_USER_INPUT', 'INVALID_DEA_NUMBER', ['input', 'number']],
    ];
    for (const [query, variables, code, reason, field] of cases) {
      const result = await call(staffA, query, variables);
      expect({ errors: result.errors, userErrors: userErrorsOf(result) }).toEqual({ errors: undefined, userErrors: [expect.objectContaining({ code, field, reason })] });
    }
    const badDate = await call(staffA, ADD, { input: { physicianId: physician.id, type: 'STATE_LICENSE', number: 'X1', issuer: 'Board', state: 'CA', expiresOn: '2030-02-30' } });
    expect(codeOf(badDate)).toBe('BAD_USER_INPUT');
    const { rows } = await superuser.query(`select count(*)::int as n from credentials.credentials where physician_id = $1`, [physician.id]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses the same credential twice, however its number is written, with CONFLICT, and keeps one', async () => {
    const physician = await createPhysician(staffA);
    const first = await addCredential(staffA, physician.id, { number: 'A 765-4321' });
    const created = (await events(orgA, { action: 'CREATE', resourceType: 'Credential' })).length;
    const again = await call(staffA, ADD, {
      input: { physicianId: physician.id, type: 'STATE_LICENSE', number: 'a7654321', issuer: 'Medical Board of California', state: 'CA', issuedOn: '2020-01-01', expiresOn: '2028-01-01' },
    });
    expect({ code: codeOf(again), message: userErrorsOf(again)[0]?.message }).toEqual({ code: 'CONFLICT', message: 'This physician already has this credential' });
    const { rows } = await superuser.query(`select id from credentials.credentials where physician_id = $1`, [physician.id]);
    expect(rows).toEqual([{ id: first.id }]);
    expect(await events(orgA, { action: 'CREATE', resourceType: 'Credential' })).toHaveLength(created); // the refusal created nothing
  });

  it('flags a DEA number that fails its check digit or name initial for review instead of rejecting it', async () => {
    const physician = await createPhysician(staffA, { familyName: 'Byron' });
    // AB1234563: 1+3+5 + 2*(2+4+6) = 33, check digit 3; B is the initial of Byron.
    expect(await addCredential(staffA, physician.id, { type: 'DEA_REGISTRATION', number: 'AB1234563' })).toMatchObject({ status: 'PENDING', reviewReasons: [] });
    expect(await addCredential(staffA, physician.id, { type: 'DEA_REGISTRATION', number: 'AB1234564' })).toMatchObject({ status: 'NEEDS_REVIEW', reviewReasons: ['DEA_CHECK_DIGIT'] });
    expect(await addCredential(staffA, physician.id, { type: 'DEA_REGISTRATION', number: 'AC1234563' })).toMatchObject({ status: 'NEEDS_REVIEW', reviewReasons: ['DEA_NAME_INITIAL'] });
  });

  it('filters by type, status, expiry window and number (through the blind index), and pages with cursors', async () => {
    const physician = await createPhysician(staffA);
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const expiring = await addCredential(staffA, physician.id, { type: 'MALPRACTICE_INSURANCE', number: 'POL-778899', issuer: 'Carrier', state: null, expiresOn: soon, issuedOn: '2025-01-01' });
    for (let i = 0; i < 4; i += 1) await addCredential(staffA, physician.id);
    const list = (filter: Record<string, unknown>, first = 50, after?: string) =>
      call<{ credentials: { nodes: { id: string; type: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        staffA, `query($filter: CredentialFilter, $first: Int, $after: String) { credentials(filter: $filter, first: $first, after: $after) { nodes { id type } pageInfo { hasNextPage endCursor } } }`,
        { filter: { physicianId: physician.id, ...filter }, first, after });
    expect((await list({ expiringWithinDays: 30 })).data?.credentials.nodes.map((n) => n.id)).toEqual([expiring.id]);
    expect((await list({ type: 'STATE_LICENSE' })).data?.credentials.nodes).toHaveLength(4);
    expect((await list({ number: 'pol 778899' })).data?.credentials.nodes.map((n) => n.id)).toEqual([expiring.id]);
    // Another organization's staff finds nothing with the same number.
    const other = await call<{ credentials: { nodes: unknown[] } }>(staffB, `query { credentials(filter: { number: "POL778899" }) { nodes { id } } }`);
    expect(other.data?.credentials.nodes).toEqual([]);
    const first = await list({}, 2);
    const second = await list({}, 2, first.data!.credentials.pageInfo.endCursor);
    const third = await list({}, 2, second.data!.credentials.pageInfo.endCursor);
    const ids = [first, second, third].flatMap((page) => page.data!.credentials.nodes.map((n) => n.id));
    expect(new Set(ids).size).toBe(5);
    expect(third.data!.credentials.pageInfo.hasNextPage).toBe(false);
    expect(codeOf(await list({}, 5000))).toBe('BAD_USER_INPUT');
    expect(codeOf(await list({}, 2, 'not-a-cursor'))).toBe('BAD_USER_INPUT');
  });

  it('answers a DATA_UNREADABLE error for a ciphertext moved to another row, and still serves the rest', async () => {
    const victim = await createPhysician(staffA, { ssn: '321-54-9876' });
    const target = await createPhysician(staffA, { ssn: '456-78-9012' });
    await superuser.query(`update credentials.physicians set ssn = (select ssn from credentials.physicians where id = $1) where id = $2`, [victim.id, target.id]);
    const read = await call<{ physician: { npi: string; ssn: string | null; withheldFields: unknown[] } }>(staffA, `query($id: ID!) { physician(id: $id) { npi ssn withheldFields { field } } }`, { id: target.id });
    expect(read.data?.physician.npi).toMatch(/^\d{10}$/);
    expect(read.data?.physician.withheldFields).toEqual([]); // an integrity failure is an error, never a withheld field
    expect(read.data?.physician.ssn).toBeNull();
    expect(read.errors?.[0]).toMatchObject({ path: ['physician', 'ssn'], extensions: { code: 'DATA_UNREADABLE' } });
    expect(JSON.stringify(read)).not.toContain('321-54-9876');
  });
});

describe('isolation', () => {
  it('refuses another organization\'s physician and credential by guessed id, and audits the attempt', async () => {
    const physicianB = await createPhysician(staffB);
    const credentialB = await addCredential(staffB, physicianB.id);
    const adminA = callerFor('ORG_ADMIN', orgA);
    for (const [query, id] of [[`query($id: ID!) { physician(id: $id) { id ssn } }`, physicianB.id], [`query($id: ID!) { credential(id: $id) { id number } }`, credentialB.id]] as const) {
      const result = await call(adminA, query, { id });
      expect(result.data).toEqual({ [query.includes('physician(') ? 'physician' : 'credential']: null });
      expect(codeOf(result)).toBe('NOT_FOUND');
      expect(await events(orgA, { resourceId: id })).toEqual([expect.objectContaining({ action: 'ACCESS_DENIED', outcome: 'FAILURE', reason: 'not_found_or_not_visible' })]);
    }
    const update = await call(adminA, `mutation($id: ID!) { updatePhysician(id: $id, input: { givenName: "Mallory" }) { physician { id } userErrors { code message field reason details } } }`, { id: physicianB.id });
    expect(codeOf(update)).toBe('NOT_FOUND');
    const remove = await call(adminA, `mutation($id: ID!) { removeCredential(id: $id) { removed userErrors { code message field reason details } } }`, { id: credentialB.id });
    expect(codeOf(remove)).toBe('NOT_FOUND');
    const add = await call(adminA, ADD, { input: { physicianId: physicianB.id, type: 'STATE_LICENSE', number: 'X9', issuer: 'B', state: 'CA', expiresOn: '2030-01-01' } });
    expect(codeOf(add)).toBe('NOT_FOUND');
    const { rows } = await superuser.query(`select given_name, (select count(*)::int from credentials.credentials where physician_id = $1) as n from credentials.physicians where id = $1`, [physicianB.id]);
    expect(rows[0]).toEqual({ given_name: 'Ada', n: 1 });
  });

  it('lets a physician see its own file only, and audits a reach for another physician\'s credential', async () => {
    const { userId } = await aMember(identity, { organizationId: orgA, role: 'PHYSICIAN', email: uniqueEmail('dr'), displayName: 'Dr Own' });
    const own = await createPhysician(staffA, { userId, ssn: '111-22-3333' });
    const someoneElse = await createPhysician(staffA);
    const theirs = await addCredential(staffA, someoneElse.id);
    const doctor = callerFor('PHYSICIAN', orgA, userId);

    const mine = await call<{ physicians: { nodes: { id: string; ssn: string }[] } }>(doctor, `{ physicians { nodes { id ssn } } }`);
    expect(mine.data?.physicians.nodes).toEqual([{ id: own.id, ssn: '111-22-3333' }]);
    const reach = await call(doctor, `query($id: ID!) { credential(id: $id) { number } }`, { id: theirs.id });
    expect(codeOf(reach)).toBe('NOT_FOUND');
    expect(await events(orgA, { resourceId: theirs.id, action: 'ACCESS_DENIED' })).toEqual([expect.objectContaining({ actor_role: 'PHYSICIAN', outcome: 'FAILURE' })]);
    // Its own credentials: it may add and read them.
    const added = await addCredential(doctor, own.id, { number: 'OWN-1' });
    expect(added.number).toBe('OWN1');
    // A physician cannot open a file, or link a user who is not a physician member.
    expect(codeOf(await call(doctor, CREATE, { input: { givenName: 'X', familyName: 'Y', npi: randomNpi() } }))).toBe('FORBIDDEN');
    const { userId: auditorUser } = await aMember(identity, { organizationId: orgA, role: 'AUDITOR', email: uniqueEmail('aud'), displayName: 'Aud' });
    expect(codeOf(await call(staffA, CREATE, { input: { givenName: 'X', familyName: 'Y', npi: randomNpi(), userId: auditorUser } }))).toBe('BAD_USER_INPUT');
  });

  it('withholds protected fields from a role the matrix denies them (null, no error, named in withheldFields), records a denial and no view, and still answers the rest', async () => {
    const physician = await createPhysician(staffA, { ssn: '222-33-4444' });
    const owner = callerFor('ORG_OWNER', orgA);
    const result = await call<{ physician: { givenName: string; ssn: string | null } }>(owner, `query($id: ID!) { physician(id: $id) { givenName ssn withheldFields { field reason } } }`, { id: physician.id });
    expect(result.data?.physician).toEqual({ givenName: 'Ada', ssn: null, withheldFields: [{ field: 'dateOfBirth', reason: 'NOT_PERMITTED' }, { field: 'ssn', reason: 'NOT_PERMITTED' }] });
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('222-33-4444');
    expect(await events(orgA, { resourceId: physician.id, action: 'VIEW' })).toHaveLength(1); // the creator's view of the mutation's result only
    const denials = await superuser.query(`select reason from audit.events where organization_id = $1 and request_id = $2`, [orgA, owner.requestId]);
    expect(denials.rows).toEqual([{ reason: 'missing_permission:physician.protected.read' }]);
    for (const role of ['AUDITOR', 'INCIDENT_RESPONDER', 'PLATFORM_ADMIN'] as Role[]) {
      const denied = await call(callerFor(role, orgA), `query($id: ID!) { physician(id: $id) { givenName } }`, { id: physician.id });
      // A platform administrator is told that it needs a break-glass grant; the others, that their role may not.
      expect(codeOf(denied)).toBe(role === 'PLATFORM_ADMIN' ? 'SUPPORT_ACCESS_REQUIRED' : 'FORBIDDEN');
    }
    expect(codeOf(await call(callerFor(null, null), `{ physicians { nodes { id } } }`))).toBe('UNAUTHENTICATED');
  });

  it('holds at the SQL level: each role sees exactly what row-level security allows', async () => {
    const physician = await createPhysician(staffA);
    await addCredential(staffA, physician.id);
    const { userId } = await aMember(identity, { organizationId: orgA, role: 'PHYSICIAN', email: uniqueEmail('dr-sql'), displayName: 'Dr SQL' });
    const own = await createPhysician(staffA, { userId });
    const counts = async (role: Role, organizationId: string, user: string = randomUUID()) =>
      orm.em.fork().transactional(async (em) => {
        await actAs(em, { organizationId, userId: user, role, requestId: randomUUID() });
        const [row] = await em.execute<{ physicians: number; credentials: number; keys: number; foreign: number }[]>(
          `select (select count(*)::int from credentials.physicians) as physicians, (select count(*)::int from credentials.credentials) as credentials,
                  (select count(*)::int from keys.data_keys) as keys,
                  (select count(*)::int from credentials.physicians where organization_id <> ?) as foreign`, [organizationId]);
        return row!;
      });
    const { rows: [totals] } = await superuser.query(`select count(*)::int as physicians from credentials.physicians where organization_id = $1`, [orgA]);
    for (const role of ROLES) {
      const seen = await counts(role, orgA, role === 'PHYSICIAN' ? userId : undefined);
      expect(seen.foreign).toBe(0);
      if (['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'].includes(role)) expect(seen.physicians).toBe(totals.physicians);
      else if (role === 'PHYSICIAN') expect(seen.physicians).toBe(1);
      else expect({ role, ...seen, keys: 0 }).toEqual({ role, physicians: 0, credentials: 0, keys: 0, foreign: 0 });
    }
    // A platform administrator's session naming a grant the database does not hold live sees nothing either.
    const forged = await orm.em.fork().transactional(async (em) => {
      await actAs(em, { organizationId: orgA, userId: randomUUID(), role: 'PLATFORM_ADMIN', requestId: randomUUID(), supportGrant: { id: randomUUID(), endsAt: Date.now() + 3_600_000 } });
      const [row] = await em.execute<{ physicians: number }[]>(`select count(*)::int as physicians from credentials.physicians`);
      return row!.physicians;
    });
    expect(forged).toBe(0);
    expect(own.id).toBeTruthy();
    // Writing a row into another organization is refused by the policy itself.
    await expect(orm.em.fork().transactional(async (em) => {
      await actAs(em, { organizationId: orgA, userId: randomUUID(), role: 'CREDENTIALING_STAFF', requestId: randomUUID() });
      await em.execute(`insert into credentials.physicians (id, organization_id, given_name, family_name, npi) values (?, ?, 'X', 'Y', ?)`, [randomUUID(), orgB, randomNpi()]);
    })).rejects.toThrow(/row-level security/);
  });
});

describe('documents', () => {
  const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('PATIENT-SECRET-MARKER '.repeat(20))]);
  /** Document links last as long as the session that asked for them: this member is signed in. */
  let docStaff: Caller;

  beforeAll(async () => {
    const { userId } = await aMember(identity, { organizationId: orgA, role: 'CREDENTIALING_STAFF', email: uniqueEmail('docs'), displayName: 'Docs' });
    docStaff = callerFor('CREDENTIALING_STAFF', orgA, userId);
    await superuser.query(`insert into identity.sessions (id, user_id, organization_id, role, amr, expires_at) values ($1, $2, $3, 'CREDENTIALING_STAFF', '{pwd}', now() + interval '1 hour')`, [docStaff.sessionId, userId, orgA]);
  });

  async function transfer(method: 'PUT' | 'GET', url: string, body?: Buffer) {
    const { pathname, search } = new URL(url);
    const id = pathname.split('/').pop();
    const payload = body ?? Buffer.alloc(0);
    const path = `/files/documents/${id}${search}`;
    const context = signCallerContext(gatewaySigningKey(), { userId: null, organizationId: null, role: null, sessionId: null, requestId: randomUUID(), sourceIp: '203.0.113.5' }, { audience: 'credentials', method, path, body: method === 'PUT' ? STREAMED_BODY : '' });
    return fetch(`${baseUrl}${path}`, { method, headers: { [CONTEXT_HEADER]: context }, ...(method === 'PUT' ? { body: new Uint8Array(payload) } : {}) });
  }

  async function requestUpload(caller: Caller, credentialId: string) {
    const result = await call<{ requestDocumentUpload: { documentUpload: { uploadUrl: string; document: { id: string } } } }>(caller,
      `mutation($id: ID!) { requestDocumentUpload(input: { credentialId: $id }) { documentUpload { uploadUrl expiresAt document { id stored } } userErrors { code message field reason details } } }`, { id: credentialId });
    if (!result.data?.requestDocumentUpload.documentUpload) throw new Error(`requestDocumentUpload failed: ${JSON.stringify(result.errors)}`);
    return result.data.requestDocumentUpload.documentUpload;
  }

  it('stores an upload encrypted, checks it on the way out, and audits the download', async () => {
    const physician = await createPhysician(docStaff);
    const license = await addCredential(docStaff, physician.id);
    const upload = await requestUpload(docStaff, license.id);
    expect(upload.uploadUrl).toMatch(new RegExp(`/documents/${upload.document.id}\\?grant=[A-Za-z0-9_-]+&signature=[A-Za-z0-9_-]+$`));
    const stored = await transfer('PUT', upload.uploadUrl, PDF);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ contentType: 'application/pdf', sizeBytes: PDF.length, stored: true });
    expect((await transfer('PUT', upload.uploadUrl, PDF)).status).toBe(409); // once

    const dir = join(config.downloads.storageDir, 'documents', orgA);
    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file.includes(Buffer.from('PATIENT-SECRET-MARKER'))).toBe(false);

    const link = await call<{ documentDownloadUrl: { documentDownload: { url: string } } }>(docStaff, `mutation($id: ID!) { documentDownloadUrl(documentId: $id) { documentDownload { url expiresAt } userErrors { code message field reason details } } }`, { id: upload.document.id });
    const download = await transfer('GET', link.data!.documentDownloadUrl.documentDownload.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(await events(orgA, { resourceId: upload.document.id, action: 'VIEW' })).toEqual([expect.objectContaining({ reason: 'download', outcome: 'SUCCESS', actor_role: 'CREDENTIALING_STAFF' })]);
  });

  it('refuses altered, expired, swapped and foreign links, wrong types and oversize files', async () => {
    const physician = await createPhysician(docStaff);
    const license = await addCredential(docStaff, physician.id);
    const upload = await requestUpload(docStaff, license.id);
    const url = new URL(upload.uploadUrl);
    const grant = JSON.parse(Buffer.from(url.searchParams.get('grant')!, 'base64url').toString());
    const withGrant = (changes: Record<string, unknown>) => {
      const altered = new URL(url);
      altered.searchParams.set('grant', Buffer.from(JSON.stringify({ ...grant, ...changes })).toString('base64url'));
      return altered.toString();
    };
    await superuser.query(`select audit.flush_refusal_tallies(now() + interval '1 minute')`); // each kind's first refusal below is written
    expect((await transfer('PUT', withGrant({ expires: grant.expires + 3600 }), PDF)).status).toBe(403);
    expect((await transfer('PUT', withGrant({ organizationId: orgB }), PDF)).status).toBe(403);
    const badSignature = new URL(url);
    badSignature.searchParams.set('signature', Buffer.alloc(32).toString('base64url'));
    expect((await transfer('PUT', badSignature.toString(), PDF)).status).toBe(403);
    // The upload link is not a download link.
    expect((await transfer('GET', upload.uploadUrl)).status).toBe(403);
    const { rows: refused } = await superuser.query(`select reason from audit.events where resource_type = 'Document' and resource_id = $1 and outcome = 'FAILURE' order by seq`, [upload.document.id]);
    expect(refused.map((row) => row.reason)).toEqual(['document_link:invalid_signature', 'document_link:wrong_purpose']);
    const text = await transfer('PUT', upload.uploadUrl, Buffer.from('#!/bin/sh\necho not a document\n'));
    expect({ status: text.status, body: await text.json() }).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
    const big = await transfer('PUT', upload.uploadUrl, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(MAX_BYTES + 10)]));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    // After all of that, the real upload still works.
    expect((await transfer('PUT', upload.uploadUrl, PDF)).status).toBe(200);
    // Staff of another organization cannot get a link for it.
    const foreign = await call(staffB, `mutation($id: ID!) { documentDownloadUrl(documentId: $id) { documentDownload { url } userErrors { code message field reason details } } }`, { id: upload.document.id });
    expect(codeOf(foreign)).toBe('NOT_FOUND');
  });
});

describe('lists as connections', () => {
  const PAGE_VARIABLES = '$first: Int, $after: String, $last: Int, $before: String';
  const PAGE_ARGUMENTS = 'first: $first, after: $after, last: $last, before: $before';
  const PHYSICIANS = `query(${PAGE_VARIABLES}, $orderBy: PhysicianOrder) { physicians(${PAGE_ARGUMENTS}, orderBy: $orderBy) { ${connectionSelection('id familyName')} totalCount } }`;
  const CREDENTIALS = `query(${PAGE_VARIABLES}) { credentials(${PAGE_ARGUMENTS}) { ${connectionSelection('id')} } }`;

  it('pages physicians both ways in each order, ties broken by id, and credentials oldest first', async () => {
    const organizationId = await anOrganization(identity);
    const staff = callerFor('CREDENTIALING_STAFF', organizationId);
    const send: GraphQLSend = (query, variables) => call(staff, query, variables);
    const created: { id: string; familyName: string }[] = [];
    for (const familyName of ['Baker', 'Adams', 'Baker', 'Chen', 'Adams', 'Diaz', 'Baker']) created.push(await aPhysician(send, { familyName }, 'id familyName'));
    await aPhysician((query, variables) => call(staffB, query, variables), { familyName: 'Aaron' }); // another organization's
    const readAs = (orderBy: unknown) => async (args: Record<string, unknown>) => {
      const result = await call<{ physicians: ConnectionPage }>(staff, PHYSICIANS, { ...args, orderBy });
      expect(result.errors).toBeUndefined();
      return result.data!.physicians;
    };
    const byName = [...created].sort((a, b) => a.familyName.localeCompare(b.familyName) || a.id.localeCompare(b.id)).map((p) => p.id);
    const { forward, firstPage } = await readBothWays(readAs(null), 3);
    expect(forward).toEqual(byName); // the default order, as before
    expect((firstPage as ConnectionPage & { totalCount: number }).totalCount).toBe(7); // not the other organization's
    expect((await readBothWays(readAs({ field: 'FAMILY_NAME', direction: 'DESC' }), 2)).forward).toEqual([...byName].reverse());
    expect((await readBothWays(readAs({ field: 'CREATED_AT', direction: 'DESC' }), 3)).forward).toEqual(created.map((p) => p.id).reverse());

    const credentials: string[] = [];
    for (const physician of created.slice(0, 5)) credentials.push((await aCredential(send, physician.id)).id);
    const readCredentials = async (args: Record<string, unknown>) => {
      const result = await call<{ credentials: ConnectionPage }>(staff, CREDENTIALS, args);
      expect(result.errors).toBeUndefined();
      return result.data!.credentials;
    };
    expect((await readBothWays(readCredentials, 2)).forward).toEqual(credentials);
  });

  it('pages credentials by expiry both ways, those that do not expire after every date, ties broken by id', async () => {
    const organizationId = await anOrganization(identity);
    const staff = callerFor('CREDENTIALING_STAFF', organizationId);
    const send: GraphQLSend = (query, variables) => call(staff, query, variables);
    const physician = await aPhysician(send);
    const added: { id: string; expiresOn: string | null }[] = [];
    for (const expiresOn of ['2029-03-01', '2027-06-30', '2029-03-01', '2028-01-01', '2027-06-30']) added.push(await aCredential(send, physician.id, { expiresOn }, 'id expiresOn'));
    for (let i = 0; i < 2; i += 1) added.push(await aCredential(send, physician.id, { type: 'BOARD_CERTIFICATION', state: undefined, expiresOn: undefined, issuer: 'American Board of Internal Medicine' }, 'id expiresOn'));
    const sortKey = (credential: { expiresOn: string | null }) => credential.expiresOn ?? '9999-12-31';
    const bySoonest = [...added].sort((a, b) => sortKey(a).localeCompare(sortKey(b)) || a.id.localeCompare(b.id)).map((c) => c.id);
    const query = `query(${PAGE_VARIABLES}, $orderBy: CredentialOrder) { credentials(${PAGE_ARGUMENTS}, orderBy: $orderBy) { ${connectionSelection('id')} } }`;
    const readAs = (orderBy: unknown) => async (args: Record<string, unknown>) => {
      const result = await call<{ credentials: ConnectionPage }>(staff, query, { ...args, orderBy });
      expect(result.errors).toBeUndefined();
      return result.data!.credentials;
    };
    expect((await readBothWays(readAs({ field: 'EXPIRES_ON' }), 2)).forward).toEqual(bySoonest);
    expect((await readBothWays(readAs({ field: 'EXPIRES_ON', direction: 'DESC' }), 3)).forward).toEqual([...bySoonest].reverse());
  });

  it("pages an organization's webhook subscriptions both ways, oldest first, and no other organization's", async () => {
    const organizationId = await anOrganization(identity);
    const admin = callerFor('ORG_ADMIN', organizationId);
    const create = (caller: Caller) =>
      call<{ createWebhookSubscription: { webhookSubscriptionSecret: { subscription: { id: string } } } }>(caller, 'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { webhookSubscriptionSecret { subscription { id } } userErrors { code message field reason details } } }', {
        input: { url: 'http://127.0.0.1:9/hooks', events: ['VERIFICATION_COMPLETED'] },
      }).then((result) => result.data!.createWebhookSubscription.webhookSubscriptionSecret.subscription.id);
    const subscriptions: string[] = [];
    for (let i = 0; i < 5; i += 1) subscriptions.push(await create(admin));
    await create(callerFor('ORG_ADMIN', orgB));
    const query = `query(${PAGE_VARIABLES}) { webhookSubscriptions(${PAGE_ARGUMENTS}) { ${connectionSelection('id')} } }`;
    const read = async (args: Record<string, unknown>) => {
      const result = await call<{ webhookSubscriptions: ConnectionPage }>(admin, query, args);
      expect(result.errors).toBeUndefined();
      return result.data!.webhookSubscriptions;
    };
    expect((await readBothWays(read, 2)).forward).toEqual(subscriptions);
  });

  it("counts a physician's own file alone", async () => {
    const organizationId = await anOrganization(identity);
    const staff = callerFor('CREDENTIALING_STAFF', organizationId);
    const send: GraphQLSend = (query, variables) => call(staff, query, variables);
    const { userId } = await aMember(identity, { organizationId, role: 'PHYSICIAN' });
    const own = await aPhysician(send, { userId });
    await aPhysician(send);
    await aPhysician(send);
    const result = await call<{ physicians: ConnectionPage & { totalCount: number } }>(callerFor('PHYSICIAN', organizationId, userId), PHYSICIANS, {});
    expect(result.errors).toBeUndefined();
    expect(result.data!.physicians.nodes.map((node) => node.id)).toEqual([own.id]);
    expect(result.data!.physicians.totalCount).toBe(1);
  });

  it(`refuses a page above ${MAX_PAGE_SIZE} (credentials took 1000 before) and a cursor of another list or order`, async () => {
    const details = async (query: string, variables: Record<string, unknown>) => {
      const result = await call(staffA, query, variables);
      expect(refusalCodeOf(result)).toBe('BAD_USER_INPUT');
      return result.errors?.[0]?.extensions.details;
    };
    await aPhysician((query, variables) => call(staffA, query, variables));
    expect(await details(CREDENTIALS, { first: MAX_PAGE_SIZE + 1 })).toEqual({ field: ['first'], reason: 'OUT_OF_RANGE' });
    expect(await details(PHYSICIANS, { last: 1000 })).toEqual({ field: ['last'], reason: 'OUT_OF_RANGE' });
    const byName = (await call<{ physicians: ConnectionPage }>(staffA, PHYSICIANS, { first: 1 })).data!.physicians.pageInfo.endCursor!;
    expect(await details(CREDENTIALS, { after: byName })).toEqual({ field: ['after'], reason: 'INVALID_CURSOR' });
    expect(await details(PHYSICIANS, { after: byName, orderBy: { field: 'CREATED_AT' } })).toEqual({ field: ['after'], reason: 'INVALID_CURSOR' });
    expect(await details(PHYSICIANS, { before: byName.slice(0, -4) })).toEqual({ field: ['before'], reason: 'INVALID_CURSOR' });
  });
});
