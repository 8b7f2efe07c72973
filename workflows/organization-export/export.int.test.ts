// A terminated organization's data export, through the gateway, on the real stack (three
// subgraphs, a gateway, the worker on the Temporal dev server): its owner asks for it with a
// passphrase or a public key, the worker builds and seals it, the owner fetches it through the
// signed link, and the package opens only with that passphrase (or private key) and holds every
// record of the organization, checked against the database, and nothing of another.
import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createChainVerifier } from '../../domain/audit-chain.ts';
import { parseExport } from '../../domain/audit-export-format.ts';
import { auditExportOf, parseExportContents, type ParsedExportContents } from '../../domain/organization-export-contents.ts';
import { ExportPackageError, openExportPackage, openExportPackageWithPassphrase, passphraseKeyPair } from '../../domain/organization-export-package.ts';
import { PLATFORM_ORGANIZATION_ID } from '../../platform/audit.ts';
import { encryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { VerificationCheck } from '../../subgraphs/credentials/entities/index.ts';
import { aCredential, aPhysician, anOrganization, aSignedInMember, errorCodeOf, signInWithRecoveryCode, throughGateway, type SignedInMember, refusalDetailsOf } from '../../test/support/factories.ts';
import { recordHistory } from '../../test/support/histories.ts';
import { startOffboardingStack, type OffboardingStack } from '../../test/support/offboarding-stack.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { until } from '../../test/support/verification.ts';
import { createAuditCheckpointActivities } from '../audit-checkpoint/activities.ts';
import { organizationExportWorkflowId } from './shared.ts';

const stack = testStack();
const HISTORIES = new URL('./histories/', import.meta.url);
const OPEN_SCRIPT = new URL('../../scripts/export-open.ts', import.meta.url).pathname;
const VERIFY_SCRIPT = new URL('../../scripts/audit-verify.ts', import.meta.url).pathname;
let { gateway, identityOrm, workerOrm, superuser, client, send, stop } = {} as OffboardingStack;

/** A link the services sign names the stack's public address: the same path and query, on this test's gateway. */
const onGateway = (url: string) => {
  const parsed = new URL(url);
  return `${gateway.url}${parsed.pathname}${parsed.search}`;
};

const TERMINATE = 'mutation($id: ID!) { terminateOrganization(organizationId: $id, reason: "contract_ended") { organizationOffboarding { status } userErrors { code message field reason details } } }';
const EXPORT = 'mutation($input: ExportOrganizationDataInput!) { exportOrganizationData(input: $input) { organizationExport { id status requestedAt expiresAt downloadUrl } userErrors { code message field reason details } } }';
const EXPORTS = `{ organizationOffboarding { exportWindowEndsAt exports { id status requestedAt readyAt bytes sha256 downloadUrl expiresAt
  counts { physicians affiliations credentials verificationChecks verificationReviews documents members auditEvents auditCheckpoints } } } }`;

interface Organization {
  organizationId: string;
  owner: SignedInMember;
  staff: SignedInMember;
  physicians: { id: string; npi: string; dateOfBirth: string; ssn: string }[];
  credentials: { id: string; number: string }[];
  documents: { id: string; contents: Buffer }[];
  /** A check whose evidence (a source's response) the worker keeps encrypted. */
  check: { id: string; evidence: Buffer };
}

/** An organization with two physicians, three credentials, a stored document and one awaiting upload, made through the gateway. */
async function anOrganizationWithData(): Promise<Organization> {
  const organizationId = await anOrganization(identityOrm);
  const owner = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'ORG_OWNER' });
  const staff = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'CREDENTIALING_STAFF' });
  await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'AUDITOR' });
  const asStaff = throughGateway(gateway.url, staff.accessToken);
  const physicians = [
    await aPhysician<Organization['physicians'][number]>(asStaff, { ssn: '123-45-6789', dateOfBirth: '1979-04-12' }, 'id npi dateOfBirth ssn'),
    await aPhysician<Organization['physicians'][number]>(asStaff, { ssn: '234-56-7890', dateOfBirth: '1984-11-30' }, 'id npi dateOfBirth ssn'),
  ];
  const credentials = [
    await aCredential<{ id: string; number: string }>(asStaff, physicians[0]!.id, {}, 'id number'),
    await aCredential<{ id: string; number: string }>(asStaff, physicians[0]!.id, {}, 'id number'),
    await aCredential<{ id: string; number: string }>(asStaff, physicians[1]!.id, {}, 'id number'),
  ];
  const documents: Organization['documents'] = [];
  const pdf = Buffer.from(`%PDF-1.7\nthe license of ${organizationId}\n`);
  const upload = await send(staff.accessToken, 'mutation($id: ID!) { requestDocumentUpload(input: { credentialId: $id }) { documentUpload { uploadUrl document { id } } userErrors { code message field reason details } } }', { id: credentials[0]!.id });
  if (!upload.data?.requestDocumentUpload.documentUpload) throw new Error(`requestDocumentUpload failed: ${JSON.stringify(upload.errors)}`);
  const stored = await fetch(onGateway(upload.data.requestDocumentUpload.documentUpload.uploadUrl), { method: 'PUT', body: pdf });
  if (stored.status !== 200) throw new Error(`upload failed: ${stored.status} ${await stored.text()}`);
  documents.push({ id: upload.data.requestDocumentUpload.documentUpload.document.id, contents: pdf });
  await send(staff.accessToken, 'mutation($id: ID!) { requestDocumentUpload(input: { credentialId: $id }) { documentUpload { uploadUrl } userErrors { code message field reason details } } }', { id: credentials[2]!.id });
  // A primary source's answer kept as a check's evidence, sealed as the verification worker seals it.
  const check = { id: randomUUID(), evidence: Buffer.from(`{"result_count":1,"results":[{"number":"${physicians[0]!.npi}"}]}`) };
  const deps = await testActivityDeps(workerOrm);
  await workerOrm.em.fork().transactional(async (em) => {
    const keys = await deps.encryption.forOrganization(em, organizationId);
    await em.insert(VerificationCheck, {
      id: check.id, organization: organizationId, credential: credentials[1]!.id, workflowRunId: 'export-test', source: 'NPPES', result: 'VERIFIED',
      evidence: encryptedFields(em, keys, VerificationCheck).seal(check.id, { evidence: check.evidence }).evidence as Buffer,
      evidenceSha256: createHash('sha256').update(check.evidence).digest(),
    });
  });
  return { organizationId, owner, staff, physicians, credentials, documents, check };
}

/** Terminates the organization, signs its owner in again (read-only), and signs its audit chain's head. */
async function terminated(organization: Organization, admin: SignedInMember): Promise<string> {
  const result = await send(admin.accessToken, TERMINATE, { id: organization.organizationId });
  if (result.errors) throw new Error(`terminateOrganization failed: ${JSON.stringify(result.errors)}`);
  await until('the owner\'s old token to be refused', async () => errorCodeOf(await send(organization.owner.accessToken, '{ me { role } }')) === 'UNAUTHENTICATED', 10_000);
  const token = await signInWithRecoveryCode(send, organization.owner, organization.owner.recoveryCodes[0]!);
  await createAuditCheckpointActivities(await testActivityDeps(workerOrm)).signAuditCheckpoints({ organizationIds: [organization.organizationId] });
  return token;
}

type ExportView = { id: string; status: string; readyAt: string | null; bytes: number | null; sha256: string | null; downloadUrl: string | null; expiresAt: string; counts: Record<string, number> | null };

async function readyExport(token: string, exportId: string): Promise<ExportView> {
  let found: ExportView | undefined;
  await until('the export to be ready', async () => {
    const body = await send(token, EXPORTS);
    found = (body.data?.organizationOffboarding?.exports as ExportView[] | undefined)?.find((entry) => entry.id === exportId);
    if (found?.status === 'FAILED') throw new Error('the export failed');
    return found?.status === 'READY';
  }, 60_000);
  return found!;
}

/** The sealed package, fetched through its link on the gateway, checked against its size and digest. */
async function fetched(view: ExportView): Promise<Buffer> {
  expect(view.downloadUrl).toMatch(/\/downloads\/organization-exports\/[0-9a-f-]{36}\/[A-Za-z0-9_-]+\.cexp\?/);
  const response = await fetch(onGateway(view.downloadUrl!));
  expect(response.status).toBe(200);
  const sealed = Buffer.from(await response.arrayBuffer());
  expect(sealed.length).toBe(view.bytes);
  expect(createHash('sha256').update(sealed).digest('hex')).toBe(view.sha256);
  return sealed;
}

const idsOf = (records: Record<string, unknown>[], field = 'id') => records.map((record) => String(record[field])).sort();

/** Every record of the organization in the database is in the contents, with its protected fields decrypted. */
async function expectComplete(contents: ParsedExportContents, organization: Organization): Promise<void> {
  const { organizationId } = organization;
  const ids = async (table: string, column = 'id') =>
    (await superuser.query<{ id: string }>(`select ${column}::text as id from ${table} where organization_id = $1 order by 1`, [organizationId])).rows.map((row) => row.id).sort();
  expect(contents.header).toMatchObject({ organizationId, format: 'credence-organization-export', version: 1 });
  expect(idsOf(contents.records.physician)).toEqual(await ids('credentials.physicians'));
  expect(idsOf(contents.records.affiliation, 'physician_id')).toEqual(await ids('credentials.affiliations', 'physician_id'));
  expect(idsOf(contents.records.credential)).toEqual(await ids('credentials.credentials'));
  expect(idsOf(contents.records.verification_check)).toEqual(await ids('credentials.verification_checks'));
  expect(idsOf(contents.records.verification_review)).toEqual(await ids('credentials.verification_reviews'));
  expect(idsOf(contents.records.document)).toEqual(await ids('credentials.documents'));
  expect(idsOf(contents.records.member, 'user_id')).toEqual(await ids('identity.memberships', 'user_id'));
  expect(contents.records.physician.length).toBe(2);
  expect(contents.records.credential.length).toBe(3);
  expect(contents.records.document.length).toBe(2);
  expect(contents.records.member.length).toBe(3);

  // Decrypted: the values given when they were made.
  for (const physician of organization.physicians) {
    expect(contents.records.physician.find((record) => record.id === physician.id)).toMatchObject({ npi: physician.npi, ssn: physician.ssn, date_of_birth: physician.dateOfBirth });
  }
  for (const credential of organization.credentials) {
    expect(contents.records.credential.find((record) => record.id === credential.id)).toMatchObject({ number: credential.number });
  }
  // A source's response kept as a check's evidence: the bytes the source sent, which its digest names.
  const check = contents.records.verification_check.find((record) => record.id === organization.check.id)!;
  expect(Buffer.from(String(check.evidence), 'base64')).toEqual(organization.check.evidence);
  for (const withEvidence of contents.records.verification_check.filter((record) => record.evidence !== null)) {
    expect(createHash('sha256').update(Buffer.from(String(withEvidence.evidence), 'base64')).digest('hex')).toBe(withEvidence.evidence_sha256);
  }
  for (const document of organization.documents) {
    const record = contents.records.document.find((entry) => entry.id === document.id)!;
    expect(Buffer.from(String(record.contents), 'base64').equals(document.contents)).toBe(true);
    expect(record.sha256).toBe(createHash('sha256').update(document.contents).digest('hex'));
  }
  expect(contents.records.document.filter((record) => record.contents === null).length).toBe(1); // the one awaiting upload
  const { rows: members } = await superuser.query<{ user_id: string; email: string; role: string }>(
    `select m.user_id::text, u.email, m.role from identity.memberships m join identity.users u on u.id = m.user_id where m.organization_id = $1`, [organizationId],
  );
  for (const member of members) expect(contents.records.member.find((record) => record.user_id === member.user_id)).toMatchObject({ email: member.email, role: member.role });

  // The audit log with its checkpoints, as its own export: it verifies, and matches the database event for event.
  const audit = parseExport(auditExportOf(contents));
  expect(audit.header.organizationId).toBe(organizationId);
  expect(audit.checkpoints.length).toBeGreaterThan(0);
  const verifier = createChainVerifier(audit.header.previous, audit.checkpoints, audit.header.keys);
  for (const event of audit.events) verifier.push(event);
  expect(verifier.report({ seq: audit.events.at(-1)!.seq })).toMatchObject({ valid: true, checkedCheckpoints: audit.checkpoints.length });
  const last = audit.events.at(-1)!.seq;
  const { rows: events } = await superuser.query<{ seq: number; hash: string }>(
    `select seq::int, encode(hash, 'hex') as hash from audit.events where organization_id = $1 and seq <= $2 order by seq`, [organizationId, last],
  );
  expect(audit.events.map((event) => ({ seq: event.seq, hash: event.hash }))).toEqual(events);
  expect(contents.header.counts).toMatchObject({
    physicians: 2, credentials: 3, documents: 2, members: 3, auditEvents: audit.events.length, auditCheckpoints: audit.checkpoints.length,
  });
}

/** Nothing of the other organization: not its id, its physicians, its credentials' numbers or its members. */
function expectNothingOf(text: string, other: Organization): void {
  expect(text).not.toContain(other.organizationId);
  for (const physician of other.physicians) {
    expect(text).not.toContain(physician.id);
    expect(text).not.toContain(physician.npi);
  }
  for (const credential of other.credentials) expect(text).not.toContain(credential.number);
  expect(text).not.toContain(other.owner.email);
  expect(text).not.toContain(other.staff.email);
}

beforeAll(async () => {
  ({ gateway, identityOrm, workerOrm, superuser, client, send, stop } = await startOffboardingStack('organization-export'));
}, 120_000);

afterAll(() => stop?.());

describe('exportOrganizationData', () => {
  it('seals every record of the organization to the owner\'s passphrase, fetched through its audited link, and nothing of another organization', async () => {
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const organization = await anOrganizationWithData();
    const other = await anOrganizationWithData();
    const passphrase = `correct horse battery ${randomUUID().slice(0, 8)}`;

    // Before the termination there is nothing to export.
    expect(errorCodeOf(await send(organization.owner.accessToken, EXPORT, { input: { passphrase } }))).toBe('ORGANIZATION_NOT_TERMINATED');
    const token = await terminated(organization, admin);

    // Exactly one recipient, a long enough passphrase, a real X25519 key: each bad input has its code.
    const refused = async (input: Record<string, unknown>) => {
      const body = await send(token, EXPORT, { input });
      return [errorCodeOf(body), refusalDetailsOf(body)?.reason];
    };
    expect(await refused({})).toEqual(['BAD_USER_INPUT', 'EXPORT_RECIPIENT']);
    expect(await refused({ passphrase, publicKey: Buffer.alloc(32, 1).toString('base64') })).toEqual(['BAD_USER_INPUT', 'EXPORT_RECIPIENT']);
    expect(await refused({ passphrase: 'too short' })).toEqual(['BAD_USER_INPUT', 'PASSPHRASE_TOO_SHORT']);
    expect(await refused({ publicKey: 'bm90IGEga2V5' })).toEqual(['BAD_USER_INPUT', 'PUBLIC_KEY_FORMAT']);
    // Owners only: not a platform administrator, not another organization's staff or owner.
    expect(errorCodeOf(await send(admin.accessToken, EXPORT, { input: { passphrase } }))).toBe('FORBIDDEN');
    expect(errorCodeOf(await send(other.staff.accessToken, EXPORT, { input: { passphrase } }))).toBe('FORBIDDEN');
    expect(errorCodeOf(await send(other.owner.accessToken, EXPORT, { input: { passphrase } }))).toBe('ORGANIZATION_NOT_TERMINATED');
    expect((await superuser.query(`select count(*)::int as n from identity.organization_exports where organization_id = any($1)`, [[organization.organizationId, other.organizationId]])).rows[0].n).toBe(0);

    const asked = await send(token, EXPORT, { input: { passphrase } });
    expect(asked.errors).toBeUndefined();
    const request = asked.data!.exportOrganizationData.organizationExport;
    expect(request).toMatchObject({ status: 'REQUESTED', downloadUrl: null });
    // The passphrase is nowhere in the database: the row holds the public key and the wrapped private key.
    const { rows: [row] } = await superuser.query(`select row_to_json(e)::text as row from identity.organization_exports e where id = $1`, [request.id]);
    expect(row.row).not.toContain(passphrase);

    const view = await readyExport(token, request.id);
    expect(view.expiresAt).toBe((await send(token, EXPORTS)).data!.organizationOffboarding.exportWindowEndsAt);
    expect(view.counts).toMatchObject({ physicians: 2, credentials: 3, documents: 2, members: 3 });
    const sealed = await fetched(view);
    expect(sealed.toString('latin1')).not.toContain(organization.physicians[0]!.ssn); // sealed, not plain
    // A platform administrator follows the offboarding and sees the export, but is given no link to it.
    const followed = await send(admin.accessToken, 'query($id: ID) { organizationOffboarding(organizationId: $id) { exports { id status downloadUrl } } }', { id: organization.organizationId });
    expect(followed.data?.organizationOffboarding.exports).toEqual([{ id: request.id, status: 'READY', downloadUrl: null }]);

    expect(() => openExportPackageWithPassphrase(sealed, `${passphrase}!`)).toThrow(ExportPackageError);
    expect(() => openExportPackage(sealed, generateKeyPairSync('x25519').privateKey)).toThrow(ExportPackageError);
    const text = openExportPackageWithPassphrase(sealed, passphrase).toString('utf8');
    const contents = parseExportContents(text);
    await expectComplete(contents, organization);
    expectNothingOf(text, other);
    // Offline: npm run export:open opens it with the passphrase, and its audit log verifies with npm run audit:verify.
    const directory = mkdtempSync(join(tmpdir(), 'credence-organization-export-'));
    writeFileSync(join(directory, 'package.cexp'), sealed);
    const opened = spawnSync(process.execPath, [OPEN_SCRIPT, join(directory, 'package.cexp'), '--audit-log', '--out', join(directory, 'audit.jsonl')], { encoding: 'utf8', env: { ...process.env, EXPORT_PASSPHRASE: passphrase } });
    expect(opened.status).toBe(0);
    expect(spawnSync(process.execPath, [VERIFY_SCRIPT, join(directory, 'audit.jsonl')], { encoding: 'utf8' })).toMatchObject({ status: 0 });
    expect(spawnSync(process.execPath, [OPEN_SCRIPT, join(directory, 'package.cexp')], { encoding: 'utf8', env: { ...process.env, EXPORT_PASSPHRASE: `${passphrase}?` } }).status).toBe(1);
    rmSync(directory, { recursive: true, force: true });

    // Audited in the organization's chain: the request and the link as the owner, the build, and the fetch as the link's holder.
    const { rows: audited } = await superuser.query<{ reason: string; actor_id: string | null }>(
      `select reason, actor_id::text from audit.events where organization_id = $1 and resource_type = 'OrganizationExport' and resource_id = $2 order by seq`,
      [organization.organizationId, request.id],
    );
    expect(audited.map((event) => event.reason.replace(/^built:.*/, 'built'))).toEqual(['requested:passphrase', 'built', 'download_link', 'download_link', 'fetched']);
    expect(audited.filter((event) => event.reason.startsWith('requested') || event.reason === 'download_link').every((event) => event.actor_id === organization.owner.userId)).toBe(true);

    // A link that was tampered with is refused, and nothing is recorded for it.
    const tampered = onGateway(view.downloadUrl!).replace(/signature=[^&]+/, 'signature=AAAA');
    expect((await fetch(tampered)).status).toBe(403);
    const { rows: [after] } = await superuser.query(`select count(*)::int as n from audit.events where organization_id = $1 and resource_id = $2`, [organization.organizationId, request.id]);
    expect(after.n).toBe(audited.length);

    // Its workflow waits for the end of the window, to remove the package.
    await recordHistory(client.workflow.getHandle(organizationExportWorkflowId(request.id)), HISTORIES, 'ready-until-window-ends');
  }, 240_000);

  it('seals to the owner\'s own X25519 public key: its private key opens it, no other key and no passphrase does', async () => {
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const organization = await anOrganizationWithData();
    const token = await terminated(organization, admin);
    const { publicKey, privateKey } = generateKeyPairSync('x25519');
    const raw = (key: KeyObject) => (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(12).toString('base64');

    const asked = await send(token, EXPORT, { input: { publicKey: raw(publicKey) } });
    expect(asked.errors).toBeUndefined();
    const view = await readyExport(token, asked.data!.exportOrganizationData.organizationExport.id);
    const sealed = await fetched(view);

    // Once the deletion has begun, a link still in its 15 minutes fetches nothing, and the refusal is recorded.
    await superuser.query(`update identity.organization_offboardings set status = 'DELETING' where organization_id = $1`, [organization.organizationId]);
    expect((await fetch(onGateway(view.downloadUrl!))).status).toBe(403);
    const { rows: refusals } = await superuser.query(`select outcome, reason from audit.events where organization_id = $1 and resource_id = $2 and reason like 'fetch%' order by seq`, [organization.organizationId, view.id]);
    expect(refusals).toEqual([{ outcome: 'SUCCESS', reason: 'fetched' }, { outcome: 'FAILURE', reason: 'fetch_refused:window_closed' }]);

    expect(() => openExportPackage(sealed, generateKeyPairSync('x25519').privateKey)).toThrow(ExportPackageError);
    expect(() => openExportPackageWithPassphrase(sealed, 'any passphrase at all')).toThrow(ExportPackageError);
    await expectComplete(parseExportContents(openExportPackage(sealed, privateKey).toString('utf8')), organization);
  }, 240_000);

  it('is built from a request whose workflow did not start (Temporal was down): the sweep starts it', async () => {
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const organization = await anOrganizationWithData();
    const token = await terminated(organization, admin);
    const passphrase = `written while temporal was down ${randomUUID().slice(0, 8)}`;
    const { publicKey, wrappedKey } = passphraseKeyPair(passphrase);
    // As the request writes it, with no start after its commit.
    const exportId = randomUUID();
    await superuser.query(
      `insert into identity.organization_exports (id, organization_id, requested_by, recipient_public_key, wrapped_key, expires_at, created_at)
       select $1, $2, $3, $4, $5::jsonb, export_window_ends_at, now() - interval '5 seconds' from identity.organization_offboardings where organization_id = $2`,
      [exportId, organization.organizationId, organization.owner.userId, publicKey, JSON.stringify(wrappedKey)],
    );
    const sealed = await fetched(await readyExport(token, exportId));
    await expectComplete(parseExportContents(openExportPackageWithPassphrase(sealed, passphrase).toString('utf8')), organization);
  }, 240_000);

  it('removes the package once the window it was made for has ended', async () => {
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const organization = await anOrganizationWithData();
    const token = await terminated(organization, admin);
    const { publicKey } = passphraseKeyPair(`a passphrase for a short window ${randomUUID().slice(0, 8)}`);
    // A request whose window ends in seconds (as one made just before the window closed, or before a reinstatement).
    const exportId = randomUUID();
    await superuser.query(
      `insert into identity.organization_exports (id, organization_id, requested_by, recipient_public_key, expires_at, created_at)
       values ($1, $2, $3, $4, now() + interval '3 seconds', now() - interval '5 seconds')`,
      [exportId, organization.organizationId, organization.owner.userId, publicKey],
    );
    const handle = client.workflow.getHandle(organizationExportWorkflowId(exportId));
    await until('the sweep to start its workflow', async () => (await superuser.query(`select workflow_started_at is not null as started from identity.organization_exports where id = $1`, [exportId])).rows[0].started, 30_000);
    expect(await handle.result()).toBe('expired');
    await recordHistory(handle, HISTORIES, 'expired');

    const { rows: [row] } = await superuser.query(`select status, storage_key, sha256 is not null as built from identity.organization_exports where id = $1`, [exportId]);
    expect(row).toEqual({ status: 'EXPIRED', storage_key: null, built: true });
    // Its package is gone from storage, and the graph hands out no link.
    const folder = join(stack.serviceEnv.credentials.STORAGE_DIR!, 'organization-exports', organization.organizationId);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    const listed = (await send(token, EXPORTS)).data!.organizationOffboarding.exports.find((entry: ExportView) => entry.id === exportId);
    expect(listed).toMatchObject({ status: 'EXPIRED', downloadUrl: null });
    const { rows: audited } = await superuser.query(`select reason from audit.events where organization_id = $1 and resource_id = $2 order by seq`, [organization.organizationId, exportId]);
    expect(audited.map((event: { reason: string }) => event.reason.replace(/^built:.*/, 'built'))).toEqual(['built', 'expired']);
  }, 240_000);
});
