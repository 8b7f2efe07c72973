// Credentials through the whole gateway, with real sign-in: shield and the subgraph both withhold a
// protected field from a role the matrix denies it (null and no error, the record's withheldFields
// naming it, a denial and no view recorded), another organization's records stay out of reach, and
// documents go up and come down through the gateway's signed links.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Role } from '../platform/caller.ts';
import { openDatabase, type MikroORM } from '../platform/database/orm.ts';
import { createLogger } from '../platform/logger.ts';
import { DOCUMENT_GRANTS, signGrant } from '../platform/signed-urls.ts';
import { anOrganization, aPhysician, aSignedInMember, throughGateway, refusalCodeOf } from '../test/support/factories.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { testStack } from '../test/support/stack.ts';

const stack = testStack();
const harness = gatewayHarness();
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let identityOrm: MikroORM;
let superuser: pg.Client;
let orgA: string;
let orgB: string;

type Body = { data?: Record<string, any> | null; errors?: { message: string; path?: string[]; extensions: { code: string } }[] };

async function gql(query: string, variables: Record<string, unknown> = {}, accessToken?: string) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

/** A new member's access token through the gateway; roles that need MFA enroll a TOTP authenticator first. */
const signIn = async (organizationId: string, role: Role) => (await aSignedInMember(gateway.url, identityOrm, { organizationId, role })).accessToken;

/** A physician made through the gateway (Grace Hopper, whose DEA numbers start AH); returns its id. */
const createPhysician = async (token: string, ssn: string) =>
  (await aPhysician(throughGateway(gateway.url, token), { givenName: 'Grace', familyName: 'Hopper', ssn, dateOfBirth: '1966-12-09' })).id;

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  orgA = await anOrganization(identityOrm, { name: 'Credentials Gateway A' });
  orgB = await anOrganization(identityOrm, { name: 'Credentials Gateway B' });
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
  await identityOrm.close();
  await superuser.end();
});

describe('credentials through the gateway', () => {
  it('withholds the SSN and date of birth from the owner without an error, names them in withheldFields, records a denial and no view, and answers the rest', async () => {
    const staff = await signIn(orgA, 'CREDENTIALING_STAFF');
    const owner = await signIn(orgA, 'ORG_OWNER');
    const id = await createPhysician(staff, '078-05-1120');

    const asStaff = await gql('query($id: ID!) { physician(id: $id) { familyName ssn dateOfBirth withheldFields { field reason } } }', { id }, staff);
    expect(asStaff.body).toEqual({ data: { physician: { familyName: 'Hopper', ssn: '078-05-1120', dateOfBirth: '1966-12-09', withheldFields: [] } } });

    const viewsBefore = await superuser.query(`select count(*)::int as n from audit.events where resource_id = $1 and action = 'VIEW'`, [id]);
    const deniedBefore = await superuser.query(
      `select count(*)::int as n from audit.events where organization_id = $1 and actor_role = 'ORG_OWNER' and action = 'ACCESS_DENIED' and reason = 'missing_permission:physician.protected.read'`, [orgA]);
    const asOwner = await gql('query($id: ID!) { physician(id: $id) { familyName ssn dateOfBirth withheldFields { field reason } } }', { id }, owner);
    // No `errors` at all: Apollo Client's default error policy ("none") would keep this answer.
    expect(asOwner.status).toBe(200);
    expect(asOwner.body).toEqual({
      data: { physician: { familyName: 'Hopper', ssn: null, dateOfBirth: null, withheldFields: [{ field: 'dateOfBirth', reason: 'NOT_PERMITTED' }, { field: 'ssn', reason: 'NOT_PERMITTED' }] } },
    });
    expect(JSON.stringify(asOwner.body)).not.toContain('078-05-1120');
    expect(JSON.stringify(asOwner.body)).not.toContain('1966-12-09');
    const viewsAfter = await superuser.query(`select count(*)::int as n from audit.events where resource_id = $1 and action = 'VIEW'`, [id]);
    expect(viewsAfter.rows[0].n).toBe(viewsBefore.rows[0].n);
    // Both refused it: the subgraph (asked for the SSN, shield runs after delegation) and the gateway.
    const deniedAfter = await superuser.query(
      `select count(*)::int as n from audit.events where organization_id = $1 and actor_role = 'ORG_OWNER' and action = 'ACCESS_DENIED' and reason = 'missing_permission:physician.protected.read'`, [orgA]);
    expect(deniedAfter.rows[0].n).toBeGreaterThan(deniedBefore.rows[0].n);
    const { rows: gatewayDenials } = await superuser.query(
      `select resource_id from audit.events where organization_id = $1 and actor_role = 'ORG_OWNER' and action = 'ACCESS_DENIED' and resource_type = 'GraphQLFields' and reason = 'gateway:forbidden'`, [orgA]);
    expect(gatewayDenials.map((row) => row.resource_id)).toContain('Physician.dateOfBirth,ssn');

    // Asked for withheldFields alone, the record says the same (the matrix decides it, not the selection).
    const asked = await gql('{ physicians { nodes { id withheldFields { field } } } }', {}, owner);
    expect(asked.body.errors).toBeUndefined();
    expect(asked.body.data?.physicians.nodes.find((node: { id: string }) => node.id === id)).toEqual({ id, withheldFields: [{ field: 'dateOfBirth' }, { field: 'ssn' }] });
  });

  it('keeps one organization\'s physicians and credentials from another\'s staff, and from roles without access', async () => {
    const staffA = await signIn(orgA, 'CREDENTIALING_STAFF');
    const staffB = await signIn(orgB, 'CREDENTIALING_STAFF');
    const id = await createPhysician(staffA, '219-09-9999');
    const added = await gql(
      'mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id number physician { familyName } } userErrors { code message field reason details } } }',
      { input: { physicianId: id, type: 'DEA_REGISTRATION', number: 'AH1234563', issuer: 'DEA', state: 'NY', expiresOn: '2029-05-31' } },
      staffA,
    );
    expect(added.body.data?.addCredential.credential).toMatchObject({ number: 'AH1234563', physician: { familyName: 'Hopper' } });
    const credentialId = added.body.data!.addCredential.credential.id as string;

    const guessed = await gql('query($id: ID!) { credential(id: $id) { number } physician(id: $physician) { ssn } }'.replace('$id: ID!)', '$id: ID!, $physician: ID!)'), { id: credentialId, physician: id }, staffB);
    expect(guessed.body.data).toEqual({ credential: null, physician: null });
    expect(guessed.body.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    const listed = await gql('{ credentials(filter: { number: "AH1234563" }) { nodes { id } } }', {}, staffB);
    expect(listed.body.data?.credentials.nodes).toEqual([]);
    const auditor = await signIn(orgA, 'AUDITOR');
    const denied = await gql('{ physicians { nodes { id } } }', {}, auditor);
    expect(refusalCodeOf(denied.body)).toBe('FORBIDDEN');
    expect(JSON.stringify(denied.body)).not.toContain(id);
    const anonymous = await gql('{ credentials { nodes { id } } }');
    expect(refusalCodeOf(anonymous.body)).toBe('UNAUTHENTICATED');
  });

  it('answers each organization its own records when both send the same query at the same moment', async () => {
    // The subgraph calls of the two organizations are the same text; only their signed contexts
    // differ. A gateway that merged identical calls in flight would answer one organization with
    // the other's records.
    const staffA = await signIn(orgA, 'CREDENTIALING_STAFF');
    const staffB = await signIn(orgB, 'CREDENTIALING_STAFF');
    await createPhysician(staffA, '111-22-3334');
    await createPhysician(staffB, '555-66-7778');
    const query = '{ physicians(first: 50) { nodes { id } } }';
    const expected = {
      A: (await gql(query, {}, staffA)).body.data,
      B: (await gql(query, {}, staffB)).body.data,
    };
    expect(expected.A).not.toEqual(expected.B);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => {
      const organization = i % 2 === 0 ? 'A' : 'B';
      return gql(query, {}, organization === 'A' ? staffA : staffB).then(({ body }) => ({ organization, data: body.data }));
    }));
    for (const { organization, data } of answers) expect(data).toEqual(expected[organization as 'A' | 'B']);
  });

  it('uploads and downloads a document through the gateway\'s signed links, and refuses a tampered link', async () => {
    const staff = await signIn(orgA, 'CREDENTIALING_STAFF');
    const id = await createPhysician(staff, '123-45-6780');
    const added = await gql(
      'mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id } userErrors { code message field reason details } } }',
      { input: { physicianId: id, type: 'BOARD_CERTIFICATION', number: 'ABIM-12345', issuer: 'American Board of Internal Medicine' } },
      staff,
    );
    const credentialId = added.body.data!.addCredential.credential.id as string;
    const upload = await gql('mutation($id: ID!) { requestDocumentUpload(input: { credentialId: $id }) { documentUpload { uploadUrl document { id } } userErrors { code message field reason details } } }', { id: credentialId }, staff);
    const { uploadUrl, document } = upload.body.data!.requestDocumentUpload.documentUpload as { uploadUrl: string; document: { id: string } };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('certificate image')]);
    const local = (url: string) => `${gateway.url}${new URL(url).pathname}${new URL(url).search}`;

    const tampered = new URL(local(uploadUrl));
    tampered.searchParams.set('signature', tampered.searchParams.get('signature')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
    const refused = await fetch(tampered, { method: 'PUT', body: png });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });

    const put = await fetch(local(uploadUrl), { method: 'PUT', body: png });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ contentType: 'image/png', stored: true });
    const link = await gql('mutation($id: ID!) { documentDownloadUrl(documentId: $id) { documentDownload { url } userErrors { code message field reason details } } }', { id: document.id }, staff);
    const got = await fetch(local(link.body.data!.documentDownloadUrl.documentDownload.url));
    expect(got.status).toBe(200);
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    const { rows } = await superuser.query(`select source_ip, reason from audit.events where resource_id = $1 and action = 'VIEW'`, [document.id]);
    expect(rows).toEqual([expect.objectContaining({ reason: 'download' })]);
    expect(rows[0].source_ip).toBeTruthy();
  });
});

describe('document links through the gateway, attacked', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('certificate image')]);
  const local = (url: string) => `${gateway.url}${new URL(url).pathname}${new URL(url).search}`;
  const grantSecret = new Uint8Array(Buffer.from(stack.serviceEnv.gateway.DOCUMENT_GRANT_SECRET!, 'base64'));
  /** DOCUMENT_MAX_BYTES of the test stack's credentials subgraph (its default). */
  const maxBytes = 10 * 1024 * 1024;

  async function requestUpload(staff: string) {
    const id = await createPhysician(staff, '123-45-6781');
    const added = await gql(
      'mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id } userErrors { code message field reason details } } }',
      { input: { physicianId: id, type: 'BOARD_CERTIFICATION', number: 'ABIM-54321', issuer: 'American Board of Internal Medicine' } },
      staff,
    );
    const upload = await gql('mutation($id: ID!) { requestDocumentUpload(input: { credentialId: $id }) { documentUpload { uploadUrl document { id } } userErrors { code message field reason details } } }', { id: added.body.data!.addCredential.credential.id }, staff);
    return upload.body.data!.requestDocumentUpload.documentUpload as { uploadUrl: string; document: { id: string } };
  }

  async function documentRow(id: string) {
    const { rows } = await superuser.query(`select status, storage_key from credentials.documents where id = $1`, [id]);
    return rows[0] as { status: string; storage_key: string | null };
  }

  /**
   * A PUT that announces `declaredBytes` and sends a first chunk, then never finishes its body:
   * the answer it gets, if one comes before the body does (within 15 s, far longer than a
   * refusal takes and far shorter than a 100 MiB body would).
   */
  function unfinishedPut(path: string, declaredBytes: number | null): Promise<{ status: number; code: string | undefined }> {
    return new Promise((resolve, reject) => {
      const url = new URL(path, gateway.url);
      let status = 0;
      let text = '';
      const answered = () => {
        try {
          return { status, code: (JSON.parse(text) as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code };
        } catch {
          return null; // not all of the answer yet
        }
      };
      const req = httpRequest(url, { method: 'PUT', headers: declaredBytes === null ? {} : { 'content-length': String(declaredBytes) } }, (res) => {
        status = res.statusCode ?? 0;
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          clearTimeout(timer);
          req.destroy();
          resolve(answered() ?? { status, code: undefined });
        });
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error('no answer before the body was finished: the body was being read'));
      }, 15_000);
      req.on('error', (error) => {
        clearTimeout(timer);
        // The gateway closes the connection after its answer, with the body unread: a reset may
        // follow the answer, which counts once the answer is whole.
        const answer = answered();
        if (answer) resolve(answer);
        else reject(error);
      });
      req.write(Buffer.alloc(64 * 1024, 1));
    });
  }

  it('refuses an upload with a made-up or expired link before reading its body', async () => {
    const madeUp = `/documents/${randomUUID()}?grant=${Buffer.from('{"purpose":"document-upload"}').toString('base64url')}&signature=${Buffer.alloc(32).toString('base64url')}`;
    expect(await unfinishedPut(madeUp, 100 * 1024 * 1024)).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await unfinishedPut(`/documents/${randomUUID()}`, null)).toEqual({ status: 403, code: 'FORBIDDEN' });

    const subject = randomUUID();
    const expired = signGrant(grantSecret, {
      purpose: DOCUMENT_GRANTS.upload, subject, organizationId: orgA, userId: randomUUID(), role: 'CREDENTIALING_STAFF', sessionId: randomUUID(),
      maxBytes, expires: Math.floor(Date.now() / 1000) - 60,
    });
    expect(await unfinishedPut(`/documents/${subject}?${expired}`, 100 * 1024 * 1024)).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it('leaves no file behind when the upload\'s transaction fails after the file was written', async () => {
    const staff = await signIn(orgA, 'CREDENTIALING_STAFF');
    const upload = await requestUpload(staff);
    const dir = join(stack.serviceEnv.credentials.STORAGE_DIR!, 'documents', orgA);
    const storedFiles = () => (existsSync(dir) ? readdirSync(dir).sort() : []);
    const filesBefore = storedFiles();
    // The database refuses to mark this one document stored, as a failed commit would.
    await superuser.query(
      `create function credentials.refuse_test_upload() returns trigger language plpgsql as $$
       begin if new.id = '${upload.document.id}' and new.status = 'STORED' then raise exception 'refused for the test'; end if; return new; end $$`,
    );
    await superuser.query(`create trigger refuse_test_upload before update on credentials.documents for each row execute function credentials.refuse_test_upload()`);
    try {
      const put = await fetch(local(upload.uploadUrl), { method: 'PUT', body: png });
      expect(put.status).toBeGreaterThanOrEqual(400);
      expect(storedFiles()).toEqual(filesBefore);
      expect(await documentRow(upload.document.id)).toEqual({ status: 'AWAITING_UPLOAD', storage_key: null });
    } finally {
      await superuser.query(`drop trigger refuse_test_upload on credentials.documents`);
      await superuser.query(`drop function credentials.refuse_test_upload()`);
    }
  });

  it('refuses an upload over the document size with a valid link, and stores nothing of it', async () => {
    const staff = await signIn(orgA, 'CREDENTIALING_STAFF');
    const announced = await requestUpload(staff);
    const storedFiles = () => {
      const dir = join(stack.serviceEnv.credentials.STORAGE_DIR!, 'documents', orgA);
      return existsSync(dir) ? readdirSync(dir).length : 0;
    };
    const filesBefore = storedFiles();
    // Announced too large: refused at once, unread.
    expect(await unfinishedPut(local(announced.uploadUrl), maxBytes + 1)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });

    // Sent without a length, in pieces, past the limit: cut off where it passes it.
    const streamed = await requestUpload(staff);
    const pieces = (async function* () {
      yield png;
      for (let sent = 0; sent <= maxBytes; sent += 1024 * 1024) yield Buffer.alloc(1024 * 1024, 7);
    })();
    const response = await fetch(local(streamed.uploadUrl), { method: 'PUT', body: pieces as unknown as BodyInit, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });

    for (const upload of [announced, streamed]) expect(await documentRow(upload.document.id)).toEqual({ status: 'AWAITING_UPLOAD', storage_key: null });
    expect(storedFiles()).toBe(filesBefore);
    // The link still takes a document of the allowed size.
    const put = await fetch(local(streamed.uploadUrl), { method: 'PUT', body: png });
    expect(put.status).toBe(200);
    expect((await documentRow(streamed.document.id)).status).toBe('STORED');
  });

  it('refuses a document link once the session that asked for it has signed out', async () => {
    const staff = await signIn(orgA, 'CREDENTIALING_STAFF');
    const stored = await requestUpload(staff);
    expect((await fetch(local(stored.uploadUrl), { method: 'PUT', body: png })).status).toBe(200);
    const download = await gql('mutation($id: ID!) { documentDownloadUrl(documentId: $id) { documentDownload { url } userErrors { code message field reason details } } }', { id: stored.document.id }, staff);
    const downloadUrl = local(download.body.data!.documentDownloadUrl.documentDownload.url as string);
    const pending = await requestUpload(staff);

    expect((await gql('mutation { logout { signedOut userErrors { code message field reason details } } }', {}, staff)).body.data).toEqual({ logout: { signedOut: true, userErrors: [] } });

    const upload = await fetch(local(pending.uploadUrl), { method: 'PUT', body: png });
    expect(upload.status).toBe(403);
    expect(await upload.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(await documentRow(pending.document.id)).toEqual({ status: 'AWAITING_UPLOAD', storage_key: null });
    const got = await fetch(downloadUrl);
    expect(got.status).toBe(403);
    expect(await got.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });

  it('refuses a document link minted with the secret every subgraph holds, for a live session and a stored document', async () => {
    const owner = await signIn(orgA, 'ORG_OWNER');
    const stored = await requestUpload(owner);
    expect((await fetch(local(stored.uploadUrl), { method: 'PUT', body: png })).status).toBe(200);
    // A taken-over audit subgraph sees every caller's session in its signed contexts, and holds
    // URL_SIGNING_SECRET: once, that was all a download link needed.
    const genuine = JSON.parse(Buffer.from(new URL(stored.uploadUrl).searchParams.get('grant')!, 'base64url').toString());
    const urlSecret = new Uint8Array(Buffer.from(stack.serviceEnv.audit.URL_SIGNING_SECRET!, 'base64'));
    const minted = signGrant(urlSecret, { ...genuine, purpose: DOCUMENT_GRANTS.download, maxBytes: undefined, expires: Math.floor(Date.now() / 1000) + 300 });
    const got = await fetch(`${gateway.url}/documents/${stored.document.id}?${minted}`);
    expect(got.status).toBe(403);
    expect(Object.keys(stack.serviceEnv.audit)).not.toContain('DOCUMENT_GRANT_SECRET');
    expect(Object.keys(stack.serviceEnv.identity)).not.toContain('DOCUMENT_GRANT_SECRET');
  });

  it('refuses a document link once its member has been deactivated', async () => {
    const staff = await signIn(orgA, 'CREDENTIALING_STAFF');
    const pending = await requestUpload(staff);
    const me = await gql('{ me { user { id } } }', {}, staff);
    const owner = await signIn(orgA, 'ORG_OWNER');
    const deactivated = await gql('mutation($id: ID!) { deactivateMember(userId: $id) { membership { status } userErrors { code message field reason details } } }', { id: me.body.data!.me.user.id }, owner);
    expect(deactivated.body.data).toEqual({ deactivateMember: { membership: { status: 'DEACTIVATED' }, userErrors: [] } });

    const upload = await fetch(local(pending.uploadUrl), { method: 'PUT', body: png });
    expect(upload.status).toBe(403);
    expect(await documentRow(pending.document.id)).toEqual({ status: 'AWAITING_UPLOAD', storage_key: null });
  });
});
