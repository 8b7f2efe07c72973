// Document links whose session has ended, sent at will (by a former member who kept them): each
// is refused FORBIDDEN, and refusing one never needs a second database connection while it holds
// one, so a burst of them cannot take the credentials subgraph's pool and leave it waiting.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Caller } from '../../platform/caller.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { CONTEXT_HEADER, signCallerContext, STREAMED_BODY } from '../../platform/service-signing.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { randomNpi } from '../../test/support/identifiers.ts';
import { testStack } from '../../test/support/stack.ts';
import { callerFor, gatewaySigningKey, subgraphClient } from '../../test/support/subgraph-client.ts';
import { ensureMember, ensureOrganization } from '../identity/bootstrap.ts';
import { createCredentialsSubgraph } from './subgraph.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const config = loadConfig('credentials', { ...stack.serviceEnv.credentials, NODE_ENV: 'test' });
let single: MikroORM;
let identity: MikroORM;
let superuser: pg.Client;
let server: Server;
let baseUrl: string;
let call: ReturnType<typeof subgraphClient>;
let staff: Caller;

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  // One connection: a refusal that asked for a second one while holding it would wait for ever
  // (here, until the pool gives up on it).
  single = await openDatabase({ url: config.databaseUrl, logger, extra: { pool: { min: 0, max: 1 }, driverOptions: { connectionTimeoutMillis: 5_000 } } });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  const deps = { config, logger, orm: single, storage: createLocalStorage(config.downloads.storageDir) };
  const { app } = await createSubgraphApp(deps, await createCredentialsSubgraph(deps));
  const port = await freePort();
  server = await listen(app, '127.0.0.1', port, 'credentials');
  baseUrl = `http://127.0.0.1:${port}`;
  call = subgraphClient(`${baseUrl}/graphql`, 'credentials');
  const organizationId = await ensureOrganization(identity, { name: `Document links ${randomUUID().slice(0, 8)}` });
  const userId = await ensureMember(identity, {
    organizationId, email: `links-${randomUUID().slice(0, 8)}@example.org`, displayName: 'Links', password: 'correct horse battery staple 42!', role: 'CREDENTIALING_STAFF',
  });
  staff = callerFor('CREDENTIALING_STAFF', organizationId, userId);
  await superuser.query(
    `insert into identity.sessions (id, user_id, organization_id, role, amr, expires_at) values ($1, $2, $3, 'CREDENTIALING_STAFF', '{pwd}', now() + interval '1 hour')`,
    [staff.sessionId, userId, organizationId],
  );
});

afterAll(async () => {
  await closeServer(server);
  await single.close();
  await identity.close();
  await superuser.end();
});

/** The request the gateway forwards for a document link. */
function forward(method: 'PUT' | 'GET', url: string, body?: Buffer) {
  const { pathname, search } = new URL(url);
  const path = `/files/documents/${pathname.split('/').pop()}${search}`;
  const context = signCallerContext(gatewaySigningKey(), { userId: null, organizationId: null, role: null, sessionId: null, requestId: randomUUID(), sourceIp: '203.0.113.7' }, {
    audience: 'credentials', method, path, body: method === 'PUT' ? STREAMED_BODY : '',
  });
  return fetch(`${baseUrl}${path}`, { method, headers: { [CONTEXT_HEADER]: context }, ...(body ? { body: new Uint8Array(body) } : {}) });
}

describe('a document link whose session has ended', () => {
  it('is refused FORBIDDEN, for an upload and a download alike', async () => {
    const physician = await call<{ createPhysician: { physician: { id: string } } }>(staff, 'mutation($input: CreatePhysicianInput!) { createPhysician(input: $input) { physician { id } userErrors { code message field reason details } } }', {
      input: { givenName: 'Ada', familyName: 'Byron', npi: randomNpi(), dateOfBirth: '1979-04-12', ssn: '123-45-6789' },
    });
    const credential = await call<{ addCredential: { credential: { id: string } } }>(staff, 'mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id } userErrors { code message field reason details } } }', {
      input: { physicianId: physician.data!.createPhysician.physician.id, type: 'STATE_LICENSE', number: `MD-${randomUUID().slice(0, 6)}`, issuer: 'Medical Board of California', state: 'CA', issuedOn: '2020-01-01', expiresOn: '2028-01-01' },
    });
    const upload = await call<{ requestDocumentUpload: { documentUpload: { uploadUrl: string; document: { id: string } } } }>(staff,
      'mutation($id: ID!) { requestDocumentUpload(input: { credentialId: $id }) { documentUpload { uploadUrl document { id } } userErrors { code message field reason details } } }', { id: credential.data!.addCredential.credential.id });
    const pdf = Buffer.from('%PDF-1.7\nend of the test document\n');
    expect((await forward('PUT', upload.data!.requestDocumentUpload.documentUpload.uploadUrl, pdf)).status).toBe(200);
    const download = await call<{ documentDownloadUrl: { documentDownload: { url: string } } }>(staff, 'mutation($id: ID!) { documentDownloadUrl(documentId: $id) { documentDownload { url } userErrors { code message field reason details } } }', { id: upload.data!.requestDocumentUpload.documentUpload.document.id });
    const second = await call<{ requestDocumentUpload: { documentUpload: { uploadUrl: string } } }>(staff,
      'mutation($id: ID!) { requestDocumentUpload(input: { credentialId: $id }) { documentUpload { uploadUrl } userErrors { code message field reason details } } }', { id: credential.data!.addCredential.credential.id });

    await superuser.query(`update identity.sessions set revoked_at = now() where id = $1`, [staff.sessionId]); // signed out

    for (const response of [await forward('GET', download.data!.documentDownloadUrl.documentDownload.url), await forward('PUT', second.data!.requestDocumentUpload.documentUpload.uploadUrl, pdf)]) {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        errors: [{ message: 'The session that asked for this document link has ended; sign in and ask again', extensions: { code: 'FORBIDDEN' } }],
      });
    }
  });
});
