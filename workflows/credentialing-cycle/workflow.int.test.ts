// The credentialing cycle on the real Temporal dev server, run by the real worker as its own
// database role, with the credentials subgraph's GraphQL in front (real resolvers, the caller
// signed as the gateway signs it) and the source stand-ins answering the verifications:
// a file from its first credential to the committee's decision; a decision refused on a check
// that turned stale and accepted after the cycle's own re-check; roles and bad input refused;
// a cycle rolled over to re-credentialing, reminded and lapsed with its dates placed near; a
// credentialed physician who turns up on a new exclusion list; and a physician's cycles over ten
// simulated years, whose runs' history sizes are measured. Each run's history is kept
// (RECORD_HISTORIES=1 writes them to ./histories), and replay.test.ts replays them.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Caller, Role } from '../../platform/caller.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { openSealedFile, sealedFileOf } from '../../platform/field-encryption/sealed-files.ts';
import { CONTENT_KEY_PARAM, DOWNLOAD_PATH_PREFIX } from '../../platform/signed-urls.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createLogger } from '../../platform/logger.ts';
import { leieUpdatedCsvMarked } from '../../stack/source-stand-ins/exclusion-lists.ts';
import { startSourceStandIns, type SourceStandIns } from '../../stack/source-stand-ins/index.ts';
import { requestCredentialing } from '../../subgraphs/credentials/credentialing.ts';
import { aMember, anOrganization, insertStoredCredentials, insertStoredPhysician, refusalCodeOf, userErrorsOf } from '../../test/support/factories.ts';
import { randomNpi } from '../../test/support/identifiers.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { callerFor, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { importOwnLeieFile, startCredentialsSubgraph, startVerificationWorker, until } from '../../test/support/verification.ts';
import { VERIFICATION_DISPATCH_WORKFLOW, type VerificationTimings } from '../credential-verification/shared.ts';
import { EXCLUSION_LIST_IMPORT_WORKFLOW } from '../exclusion-lists/shared.ts';
import { screenPhysicianBatch } from '../exclusion-lists/screening.ts';
import {
  DEFAULT_CREDENTIALING_TIMINGS, credentialingStateQuery, credentialingWorkflowId, recordCredentialingDecisionUpdate,
  type CredentialingTimings,
} from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const HISTORIES = new URL('./histories/', import.meta.url);
const VERIFY: VerificationTimings = { reviewWindowMs: 600_000, unavailableRetryFirstMs: 300, unavailableRetryMaxMs: 1_000, unavailableGiveUpMs: 60_000, reminderDays: [90, 60, 30, 7] };
const DAY_MS = 24 * 3600_000;

const CREDENTIALING = 'cycleNumber kind status cycleStartedAt readySince blockers decision reasonCode decidedAt decidedBy recredentialingDueAt flaggedAt oldestVerificationAgeDays maxVerificationAgeDays decisions { decision reasonCode decidedAt decidedBy decidedByRole }';
const READ = `query($id: ID!) { physician(id: $id) { id credentialing { ${CREDENTIALING} } } }`;
const DECIDE = `mutation($input: RecordCredentialingDecisionInput!) { recordCredentialingDecision(input: $input) { credentialing { ${CREDENTIALING} } userErrors { code message field reason details } } }`;
const ALERTS = 'query($acknowledged: Boolean) { monitoringAlerts(acknowledged: $acknowledged) { nodes { id list matchedBy raisedAt acknowledgedAt acknowledgedBy acknowledgeReason viewerCanAcknowledge physician { id } } pageInfo { hasNextPage } } }';
const ACKNOWLEDGE = 'mutation($id: ID!, $reasonCode: String!) { acknowledgeMonitoringAlert(id: $id, reasonCode: $reasonCode) { monitoringAlert { id acknowledgedAt acknowledgedBy acknowledgeReason viewerCanAcknowledge } userErrors { code message field reason details } } }';

interface CredentialingView {
  cycleNumber: number; kind: string; status: string; cycleStartedAt: string; readySince: string | null; blockers: string[];
  decision: string | null; reasonCode: string | null; decidedAt: string | null; decidedBy: string | null; recredentialingDueAt: string | null;
  flaggedAt: string | null; oldestVerificationAgeDays: number | null; maxVerificationAgeDays: number;
  decisions: { decision: string; reasonCode: string; decidedAt: string; decidedBy: string; decidedByRole: string }[];
}

let orm: MikroORM;
let identity: MikroORM;
let connection: Connection;
let client: Client;
let standIns: SourceStandIns;
let subgraph: Awaited<ReturnType<typeof startCredentialsSubgraph>>;
let removeLeieFile: () => void;

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
  client = new Client({ connection });
  standIns = await startSourceStandIns();
  subgraph = await startCredentialsSubgraph();
  // The lists have been imported (screening says CLEAR rather than NOT_SCREENED).
  removeLeieFile = await importOwnLeieFile(orm);
});

afterAll(async () => {
  removeLeieFile?.();
  await subgraph?.close();
  await standIns?.close();
  await connection?.close();
  await identity?.close();
  await orm?.close();
});

const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);
const again = (caller: Caller): Caller => ({ ...caller, requestId: randomUUID() });

async function people(organizationId: string) {
  const member = async (role: Role) => callerFor(role, organizationId, (await aMember(identity, { organizationId, role })).userId);
  return { admin: await member('ORG_ADMIN'), owner: await member('ORG_OWNER'), staff: await member('CREDENTIALING_STAFF'), doctor: await member('PHYSICIAN') };
}

/** What the dispatch schedule does once, for one organization's requests (the test database holds other suites' too). */
async function dispatch(taskQueue: string, organizationId: string): Promise<void> {
  await client.workflow.execute(VERIFICATION_DISPATCH_WORKFLOW, { taskQueue, workflowId: `verification-dispatch-${randomUUID()}`, args: [{ organizationId }] });
}

async function credentialingOf(caller: Caller, physicianId: string): Promise<CredentialingView | null> {
  const result = await subgraph.call<{ physician: { credentialing: CredentialingView | null } }>(again(caller), READ, { id: physicianId });
  if (result.errors) throw new Error(`physician failed: ${JSON.stringify(result.errors)}`);
  return result.data!.physician.credentialing;
}

const statusIs = (caller: Caller, physicianId: string, status: string, cycleNumber?: number) =>
  until(`credentialing ${status}`, async () => {
    const view = await credentialingOf(caller, physicianId);
    return view && view.status === status && (cycleNumber === undefined || view.cycleNumber === cycleNumber) ? view : null;
  });

const decide = (caller: Caller, physicianId: string, decision: string, reasonCode = 'committee_approved') =>
  subgraph.call<{ recordCredentialingDecision: { credentialing: CredentialingView } }>(again(caller), DECIDE, { input: { physicianId, decision, reasonCode } });

async function fileRows(physicianId: string) {
  return orm.em.fork().execute<{ id: string; cycle_number: number; kind: string; status: string; reminders_sent: number; decision: string | null; flagged_at: Date | null; recredential_due_at: Date | null; decided_at: Date | null }[]>(
    `select id, cycle_number, kind, status, reminders_sent, decision, flagged_at, recredential_due_at, decided_at from credentials.credentialing_files where physician_id = ? order by cycle_number`, [physicianId]);
}

async function mailFor(organizationId: string, template: string) {
  return orm.em.fork().execute<{ recipient: string; parameters: Record<string, unknown> }[]>(
    `select recipient, parameters from mail.outbox where organization_id = ? and template = ? order by created_at`, [organizationId, template]);
}

async function auditOf(organizationId: string, resourceType: string) {
  return orm.em.fork().execute<{ reason: string; actor_id: string | null; action: string; resource_id: string }[]>(
    `select reason, actor_id, action, resource_id from audit.events where organization_id = ? and resource_type = ? order by seq`, [organizationId, resourceType]);
}

async function keepHistory(name: string, handle: WorkflowHandle) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(HISTORIES, { recursive: true });
  const history = await handle.fetchHistory();
  const { History } = temporal.api.history.v1;
  const json = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  writeFileSync(new URL(`${name}.json`, HISTORIES), `${JSON.stringify(json)}\n`);
}

/**
 * A physician stored as createPhysician stores it, with its first cycle requested, and the three
 * required credentials verified, each with its checks placed `checkedDaysAgo` days in the past,
 * and a clear exclusion screening: a file whose verifications are done.
 */
async function aVerifiedFile(organizationId: string, options: { checkedDaysAgo?: number; userId?: string } = {}) {
  const base = await testActivityDeps(orm);
  const npi = randomNpi();
  return orm.em.fork().transactional(async (em) => {
    const keys = await base.encryption.forOrganization(em, organizationId);
    const physicianId = await insertStoredPhysician(em, keys, organizationId, { givenName: 'Rowan', familyName: `Ellery${randomUUID().slice(0, 6)}`, npi, dateOfBirth: '1979-03-14', affiliated: true });
    if (options.userId) await em.execute(`update credentials.physicians set user_id = ? where id = ?`, [options.userId, physicianId]);
    const credentialIds = await insertStoredCredentials(em, keys, organizationId, [
      { physicianId, type: 'STATE_LICENSE', number: `L${randomUUID().slice(0, 6)}`, issuer: 'Medical Board of California', state: 'CA', expiresOn: '2031-01-31', status: 'VERIFIED' },
      { physicianId, type: 'DEA_REGISTRATION', number: 'BE1234563', issuer: 'Drug Enforcement Administration', state: 'CA', expiresOn: '2031-01-31', status: 'VERIFIED' },
      { physicianId, type: 'MALPRACTICE_INSURANCE', number: `POL-${randomUUID().slice(0, 6)}`, issuer: 'Golden State Mutual', state: 'CA', expiresOn: '2031-01-31', status: 'VERIFIED' },
    ]);
    const sources = ['STATE_BOARD', 'DEA', 'NPDB'];
    for (const [index, credentialId] of credentialIds.entries()) {
      await em.execute(
        `insert into credentials.verification_checks (id, organization_id, credential_id, workflow_run_id, source, result, checked_at)
         values (gen_random_uuid(), ?, ?, 'placed', ?, 'VERIFIED', now() - (? || ' days')::interval)`,
        [organizationId, credentialId, sources[index], String(options.checkedDaysAgo ?? 10)],
      );
    }
    await em.execute(`insert into credentials.physician_screenings (organization_id, physician_id, status, screened_at) values (?, ?, 'CLEAR', now())`, [organizationId, physicianId]);
    await requestCredentialing(em, organizationId, physicianId);
    return { physicianId, npi, credentialIds };
  });
}

describe('credentialingCycleWorkflow: a file from its first credential to the decision', () => {
  let worker: Awaited<ReturnType<typeof startVerificationWorker>>;
  let organizationId: string;
  let crew: Awaited<ReturnType<typeof people>>;
  let physicianId: string;
  let credentialIds: string[];

  beforeAll(async () => {
    worker = await startVerificationWorker({ orm, standIns, timings: VERIFY, client, credentialingTimings: { ...DEFAULT_CREDENTIALING_TIMINGS, reassessEveryMs: 60_000 } });
    organizationId = await anOrganization(identity, { name: 'Credentialing hospital' });
    crew = await people(organizationId);
  });
  afterAll(() => worker?.stop());

  /** Dispatches, then approves (as staff) every verification review the credentials open, until each is VERIFIED. */
  async function verifyAll(): Promise<void> {
    await dispatch(worker.taskQueue, organizationId);
    for (const credentialId of credentialIds) {
      await until(`${credentialId} verified`, async () => {
        const [row] = await orm.em.fork().execute<{ status: string; review_id: string | null }[]>(
          `select c.status, (select r.id from credentials.verification_reviews r where r.credential_id = c.id and r.decided_at is null) as review_id from credentials.credentials c where c.id = ?`, [credentialId]);
        if (row!.status === 'NEEDS_REVIEW' && row!.review_id) {
          const resolved = await subgraph.call(again(crew.staff), 'mutation($input: ResolveVerificationReviewInput!) { resolveVerificationReview(input: $input) { verificationReview { id } userErrors { code message field reason details } } }', {
            input: { reviewId: row!.review_id, decision: 'APPROVED', reasonCode: 'documents_confirm' },
          });
          expect(resolved.errors).toBeUndefined();
        }
        return row!.status === 'VERIFIED';
      });
    }
  }

  it('opens the first cycle with the physician, holds it while credentials are missing, and refuses a decision on it', async () => {
    const created = await subgraph.call<{ createPhysician: { physician: { id: string } } }>(again(crew.staff), 'mutation($input: CreatePhysicianInput!) { createPhysician(input: $input) { physician { id } userErrors { code message field reason details } } }', {
      input: { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1980-04-02', userId: crew.doctor.userId },
    });
    expect(created.errors).toBeUndefined();
    physicianId = created.data!.createPhysician.physician.id;
    // The screening the dispatcher runs for a new file (against the exclusion lists as imported).
    await screenPhysicianBatch({ orm, encryption: (await testActivityDeps(orm)).encryption }, { physicianIds: [physicianId], limit: 1 });
    const requested = await credentialingOf(crew.admin, physicianId);
    // The committee's file is not the physician's to read.
    const own = await subgraph.call<{ physician: { credentialing: unknown } }>(again(crew.doctor), READ, { id: physicianId });
    expect({ code: codeOf(own), credentialing: own.data?.physician?.credentialing ?? null }).toEqual({ code: 'FORBIDDEN', credentialing: null });
    expect(requested).toMatchObject({ cycleNumber: 1, kind: 'INITIAL', status: 'IN_PROGRESS', decision: null, maxVerificationAgeDays: 120, decisions: [] });

    const license = await subgraph.call<{ addCredential: { credential: { id: string } } }>(again(crew.staff), 'mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id } userErrors { code message field reason details } } }', {
      input: { physicianId, type: 'STATE_LICENSE', number: 'A123456', issuer: 'Medical Board of California', state: 'CA', issuedOn: '2010-07-01', expiresOn: '2029-08-31' },
    });
    credentialIds = [license.data!.addCredential.credential.id];
    await verifyAll();
    // The cycle's own assessment: the license verified, the rest missing.
    const waiting = await until('the cycle assessed the verified license', async () => {
      const view = await credentialingOf(crew.admin, physicianId);
      return view && !view.blockers.some((blocker) => blocker.startsWith('pending:')) && view.blockers.includes('missing:controlled_substance_registration') ? view : null;
    });
    expect(waiting.status).toBe('IN_PROGRESS');
    expect(waiting.blockers).toEqual(expect.arrayContaining(['missing:controlled_substance_registration', 'missing:malpractice_insurance']));
    expect(waiting.blockers).not.toContain('missing:state_license');
    // Board certification is not claimed, so it is not asked for.
    expect(waiting.blockers).not.toContain('missing:board_certification');

    const refused = await decide(crew.admin, physicianId, 'APPROVED');
    expect(codeOf(refused)).toBe('CREDENTIALING_FILE_NOT_READY');
    expect(userErrorsOf(refused)[0]!.details).toMatchObject({ blockers: expect.arrayContaining(['missing:malpractice_insurance']) });
  });

  it('offers the file once every required credential and the exclusion screen are verified, and records the committee\'s decision', async () => {
    for (const input of [
      { type: 'DEA_REGISTRATION', number: 'BO1234563', issuer: 'Drug Enforcement Administration', state: 'CA', expiresOn: '2028-05-31' },
      { type: 'MALPRACTICE_INSURANCE', number: 'POL-77120', issuer: 'Golden State Mutual', state: 'CA', issuedOn: '2025-01-01', expiresOn: '2029-12-31' },
    ]) {
      const added = await subgraph.call<{ addCredential: { credential: { id: string } } }>(again(crew.staff), 'mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id } userErrors { code message field reason details } } }', { input: { physicianId, ...input } });
      expect(added.errors).toBeUndefined();
      credentialIds.push(added.data!.addCredential.credential.id);
    }
    await verifyAll();

    const ready = await statusIs(crew.admin, physicianId, 'READY');
    expect(ready.blockers).toEqual([]);
    expect(ready.readySince).not.toBeNull();
    expect(ready.oldestVerificationAgeDays).toBe(0);

    // Staff and the physician may not decide; the matrix says so at the subgraph and again in the workflow's validator.
    for (const caller of [crew.staff, crew.doctor]) expect(codeOf(await decide(caller, physicianId, 'APPROVED'))).toBe('FORBIDDEN');
    const handle = client.workflow.getHandle(credentialingWorkflowId(organizationId, physicianId));
    const byStaff = await handle.executeUpdate(recordCredentialingDecisionUpdate, {
      args: [{ decision: 'APPROVED', reasonCode: 'committee_approved', decider: { userId: crew.staff.userId!, organizationId, role: 'CREDENTIALING_STAFF', requestId: randomUUID(), sourceIp: null } }],
    }).catch((error: unknown) => error);
    expect(byStaff).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((byStaff as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'FORBIDDEN' });
    // Bad input is refused before anything is recorded.
    expect(codeOf(await decide(crew.admin, physicianId, 'APPROVED', 'Because I said so'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await decide(crew.admin, physicianId, 'MAYBE'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await decide(crew.admin, randomUUID(), 'APPROVED'))).toBe('NOT_FOUND');
    const other = await anOrganization(identity);
    const outsider = callerFor('ORG_ADMIN', other, (await aMember(identity, { organizationId: other, role: 'ORG_ADMIN' })).userId);
    expect(codeOf(await decide(outsider, physicianId, 'APPROVED'))).toBe('NOT_FOUND');
    expect((await fileRows(physicianId))[0]!.decision).toBeNull();

    // A webhook endpoint of the organization for decisions (its secret is not read here).
    const owner = await openDatabase({ url: stack.superuserUrl, logger });
    try {
      await owner.em.fork().execute(
        `insert into credentials.webhook_subscriptions (id, organization_id, url, events, secret)
         values (gen_random_uuid(), ?, 'https://hooks.example.com/in', '{credentialing.decided}', '\\x00')`, [organizationId]);
    } finally {
      await owner.close();
    }

    const decided = await decide(crew.admin, physicianId, 'APPROVED');
    expect(decided.errors).toBeUndefined();
    const view = decided.data!.recordCredentialingDecision.credentialing;
    // The decision's webhook event is written with it: ids and codes only.
    const events = await orm.em.fork().execute<{ payload: string }[]>(
      `select payload from credentials.webhook_deliveries where organization_id = ? and event_type = 'credentialing.decided'`, [organizationId]);
    expect(events.map((event) => JSON.parse(event.payload))).toEqual([
      { type: 'credentialing.decided', timestamp: expect.any(String), data: { physicianId, decision: 'APPROVED', reasonCode: 'committee_approved' } },
    ]);
    expect(view).toMatchObject({ status: 'DECIDED', decision: 'APPROVED', reasonCode: 'committee_approved', decidedBy: crew.admin.userId });
    expect(Date.parse(view.recredentialingDueAt!) - Date.parse(view.decidedAt!)).toBe(1095 * DAY_MS);
    expect(view.decisions).toEqual([{ decision: 'APPROVED', reasonCode: 'committee_approved', decidedAt: view.decidedAt, decidedBy: crew.admin.userId, decidedByRole: 'ORG_ADMIN' }]);
    // A second decision on a decided file is refused.
    expect(codeOf(await decide(crew.owner, physicianId, 'DENIED'))).toBe('CREDENTIALING_FILE_NOT_READY');

    // Notified at once: the physician at its own account's address, and the credentialing staff.
    const notices = await mailFor(organizationId, 'credentialing_decision');
    expect(notices).toHaveLength(2);
    expect(notices.map((notice) => notice.parameters)).toEqual([{ decision: 'APPROVED', decidedOn: view.decidedAt!.slice(0, 10) }, { decision: 'APPROVED', decidedOn: view.decidedAt!.slice(0, 10) }]);
    const audited = (await auditOf(organizationId, 'CredentialingFile')).filter((event) => event.reason.startsWith('credentialing:approved'));
    expect(audited).toEqual([{ reason: 'credentialing:approved:committee_approved', actor_id: crew.admin.userId, action: 'UPDATE', resource_id: (await fileRows(physicianId))[0]!.id }]);
    const state = await handle.query(credentialingStateQuery);
    expect(state).toMatchObject({ status: 'DECIDED', phase: 'watching', decision: 'APPROVED' });
    await keepHistory('first-credential-to-decision', handle);
  });

  it('exports the credentialing file as JSON and as PDF behind a signed link, sealed at rest, audited', async () => {
    const EXPORT = 'mutation($id: ID!, $format: CredentialingFileFormat!) { exportCredentialingFile(physicianId: $id, format: $format) { credentialingFileExport { url expiresAt format } userErrors { code message field reason details } } }';
    const storage = createLocalStorage(loadConfig('credentials', { ...stack.serviceEnv.credentials, NODE_ENV: 'test' }).downloads.storageDir);
    /** What the gateway hands out for the link: the stored file, opened with the key only the link carries. */
    async function download(url: string): Promise<Buffer> {
      const link = new URL(url);
      const key = decodeURIComponent(link.pathname.slice(DOWNLOAD_PATH_PREFIX.length));
      expect(storage.read(key)).not.toBeNull();
      // Stored sealed: the plain file is nowhere on disk.
      const raw: Buffer[] = [];
      for await (const chunk of storage.read(key)!) raw.push(chunk as Buffer);
      expect(Buffer.concat(raw).includes(Buffer.from('Okafor-Reyes'))).toBe(false);
      const parts: Buffer[] = [];
      for await (const part of openSealedFile(Buffer.from(link.searchParams.get(CONTENT_KEY_PARAM)!, 'base64url'), sealedFileOf(key)!, storage.read(key)!)) parts.push(part);
      return Buffer.concat(parts);
    }
    const json = await subgraph.call<{ exportCredentialingFile: { credentialingFileExport: { url: string; expiresAt: string; format: string } } }>(again(crew.staff), EXPORT, { id: physicianId, format: 'JSON' });
    expect(json.errors).toBeUndefined();
    expect(Date.parse(json.data!.exportCredentialingFile.credentialingFileExport.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const document = JSON.parse((await download(json.data!.exportCredentialingFile.credentialingFileExport.url)).toString('utf8'));
    expect(document).toMatchObject({
      format: 'credence-credentialing-file', version: 1, organizationId,
      physician: { id: physicianId, familyName: 'Okafor-Reyes', npi: '1000000012' },
      credentialing: { status: 'DECIDED', decision: 'APPROVED', decidedBy: crew.admin.userId },
      exclusionScreening: { status: 'CLEAR' },
    });
    expect(document.credentials.map((credential: { type: string }) => credential.type).sort()).toEqual(['DEA_REGISTRATION', 'MALPRACTICE_INSURANCE', 'STATE_LICENSE']);
    const license = document.credentials.find((credential: { type: string }) => credential.type === 'STATE_LICENSE');
    expect(license.checks.map((check: { source: string; result: string }) => [check.source, check.result]).sort()).toEqual([['NPPES', 'VERIFIED'], ['STATE_BOARD', 'VERIFIED']]);
    expect(license.checks.every((check: { evidenceSha256: string | null }) => /^[0-9a-f]{64}$/.test(check.evidenceSha256 ?? ''))).toBe(true);
    const malpractice = document.credentials.find((credential: { type: string }) => credential.type === 'MALPRACTICE_INSURANCE');
    expect(malpractice.reviews).toEqual([expect.objectContaining({ decision: 'APPROVED', reasonCode: 'documents_confirm', decidedBy: crew.staff.userId })]);
    // No credential number in the file.
    expect(JSON.stringify(document)).not.toContain('A123456');

    const pdf = await subgraph.call<{ exportCredentialingFile: { credentialingFileExport: { url: string; format: string } } }>(again(crew.admin), EXPORT, { id: physicianId, format: 'PDF' });
    expect(pdf.data!.exportCredentialingFile.credentialingFileExport.format).toBe('PDF');
    expect((await download(pdf.data!.exportCredentialingFile.credentialingFileExport.url)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await auditOf(organizationId, 'CredentialingFile')).filter((event) => event.action === 'EXPORT').map((event) => [event.reason, event.actor_id]))
      .toEqual([['format:json', crew.staff.userId], ['format:pdf', crew.admin.userId]]);
    // The physician may not export its own committee file; another organization does not see it.
    expect(codeOf(await subgraph.call(again(crew.doctor), EXPORT, { id: physicianId, format: 'JSON' }))).toBe('FORBIDDEN');
    expect(codeOf(await subgraph.call(again(crew.staff), EXPORT, { id: randomUUID(), format: 'PDF' }))).toBe('NOT_FOUND');
  });
});

describe('credentialingCycleWorkflow: checks that turned stale', () => {
  it('refuses a decision on a check older than the limit at the decision, asks for it again, and accepts after the re-check', async () => {
    const worker = await startVerificationWorker({ orm, standIns, timings: VERIFY, client, credentialingTimings: { ...DEFAULT_CREDENTIALING_TIMINGS, reassessEveryMs: 60_000 } });
    try {
      const organizationId = await anOrganization(identity);
      const crew = await people(organizationId);
      // Checks 100 days old: fresh for 120 days, so the file is offered.
      const file = await aVerifiedFile(organizationId, { checkedDaysAgo: 100 });
      await dispatch(worker.taskQueue, organizationId);
      const ready = await statusIs(crew.admin, file.physicianId, 'READY');
      expect(ready.oldestVerificationAgeDays).toBe(100);

      // The organization acts as a credentials verification organization: 90 days, so the same checks are stale now.
      const set = await subgraph.call<{ setCredentialsVerificationOrganization: { verificationSettings: { actsAsCredentialsVerificationOrganization: boolean } } }>(
        again(crew.admin), 'mutation { setCredentialsVerificationOrganization(actsAsCredentialsVerificationOrganization: true) { verificationSettings { actsAsCredentialsVerificationOrganization reviewWindowHours isDefault } userErrors { code message field reason details } } }');
      expect(set.data).toEqual({ setCredentialsVerificationOrganization: { verificationSettings: { actsAsCredentialsVerificationOrganization: true, reviewWindowHours: expect.any(Number), isDefault: true }, userErrors: [] } });
      expect(codeOf(await subgraph.call(again(crew.staff), 'mutation { setCredentialsVerificationOrganization(actsAsCredentialsVerificationOrganization: false) { verificationSettings { isDefault } userErrors { code message field reason details } } }'))).toBe('FORBIDDEN');

      const refused = await decide(crew.admin, file.physicianId, 'APPROVED');
      expect(codeOf(refused)).toBe('CREDENTIALING_FILE_NOT_READY');
      expect(userErrorsOf(refused)[0]!.details).toEqual({ blockers: ['stale:state_license', 'stale:dea_registration', 'stale:malpractice_insurance'] });
      expect(await orm.em.fork().execute(`select 1 from credentials.credentialing_decisions where physician_id = ?`, [file.physicianId])).toEqual([]);

      // The cycle asked for the stale checks again itself, audited as such.
      const asked = await until('stale checks asked for again', async () => {
        const rows = await orm.em.fork().execute<{ id: string }[]>(
          `select id from credentials.credentials where physician_id = ? and verification_requested_at is not null`, [file.physicianId]);
        return rows.length === 3 ? rows : null;
      });
      expect(asked).toHaveLength(3);
      const requestedAudit = (await auditOf(organizationId, 'Credential')).filter((event) => event.reason === 'verification:requested:stale_for_credentialing');
      expect(requestedAudit.map((event) => event.resource_id).sort()).toEqual([...file.credentialIds].sort());
      expect((await credentialingOf(crew.admin, file.physicianId))!.status).toBe('IN_PROGRESS');

      // The stand-ins answer the re-checks (placed credentials they do not know go to review, approved by staff).
      await dispatch(worker.taskQueue, organizationId);
      for (const credentialId of file.credentialIds) {
        await until(`${credentialId} verified again`, async () => {
          const [row] = await orm.em.fork().execute<{ status: string; review_id: string | null }[]>(
            `select c.status, (select r.id from credentials.verification_reviews r where r.credential_id = c.id and r.decided_at is null) as review_id from credentials.credentials c where c.id = ?`, [credentialId]);
          if (row!.status === 'NEEDS_REVIEW' && row!.review_id) {
            await subgraph.call(again(crew.staff), 'mutation($input: ResolveVerificationReviewInput!) { resolveVerificationReview(input: $input) { verificationReview { id } userErrors { code message field reason details } } }', {
              input: { reviewId: row!.review_id, decision: 'APPROVED', reasonCode: 'documents_confirm' },
            });
          }
          return row!.status === 'VERIFIED';
        });
      }
      const fresh = await statusIs(crew.admin, file.physicianId, 'READY');
      expect(fresh.oldestVerificationAgeDays).toBe(0);
      expect(fresh.maxVerificationAgeDays).toBe(90);
      const decided = await decide(crew.admin, file.physicianId, 'APPROVED');
      expect(decided.errors).toBeUndefined();
      expect(decided.data!.recordCredentialingDecision.credentialing).toMatchObject({ status: 'DECIDED', decision: 'APPROVED' });
      await keepHistory('stale-then-rechecked', client.workflow.getHandle(credentialingWorkflowId(organizationId, file.physicianId)));
    } finally {
      await worker.stop();
    }
  });
});

describe('credentialingCycleWorkflow: a screening the dispatcher runs', () => {
  it('tells the cycle, which offers the file that waited for it', async () => {
    // The cycle's own timer is far off: what wakes it is the screening's signal.
    const timings = { ...DEFAULT_CREDENTIALING_TIMINGS, reassessEveryMs: 3_600_000 };
    const cycles = await startVerificationWorker({ orm, standIns, timings: VERIFY, client, credentialingTimings: timings });
    const screening = await startVerificationWorker({ orm, standIns, timings: VERIFY, client, credentialingTimings: timings, screensPhysicians: true });
    try {
      const organizationId = await anOrganization(identity);
      const crew = await people(organizationId);
      const file = await aVerifiedFile(organizationId);
      // A change of name asked for a new screening: the file waits for it.
      await orm.em.fork().execute(`update credentials.physician_screenings set requested_at = now() where physician_id = ?`, [file.physicianId]);
      await dispatch(cycles.taskQueue, organizationId);
      const waiting = await until('the file waiting for its screening', async () => {
        const view = await credentialingOf(crew.admin, file.physicianId);
        return view?.blockers.includes('exclusions:clear') ? view : null;
      });
      expect(waiting.status).toBe('IN_PROGRESS');
      await dispatch(screening.taskQueue, organizationId);
      expect((await statusIs(crew.admin, file.physicianId, 'READY')).blockers).toEqual([]);
      await client.workflow.getHandle(credentialingWorkflowId(organizationId, file.physicianId)).terminate('test over');
    } finally {
      await screening.stop();
      await cycles.stop();
    }
  });
});

describe('credentialingCycleWorkflow: re-credentialing', () => {
  it('opens the re-credentialing before its due date, reminds three times, lapses 30 days past due into a new initial cycle', async () => {
    // Thirty-six months are 6 s here; the reminders 3, 2 and 1 s before; the grace 1.5 s.
    const near: CredentialingTimings = { ...DEFAULT_CREDENTIALING_TIMINGS, recredentialAfterMs: 6_000, remindBeforeMs: [3_000, 2_000, 1_000], pastDueGraceMs: 1_500, reassessEveryMs: 60_000 };
    const worker = await startVerificationWorker({ orm, standIns, timings: VERIFY, client, credentialingTimings: near });
    try {
      const organizationId = await anOrganization(identity);
      const crew = await people(organizationId);
      const file = await aVerifiedFile(organizationId, { userId: crew.doctor.userId! });
      await dispatch(worker.taskQueue, organizationId);
      await statusIs(crew.admin, file.physicianId, 'READY', 1);
      const decided = (await decide(crew.owner, file.physicianId, 'APPROVED')).data!.recordCredentialingDecision.credentialing;
      expect(Date.parse(decided.recredentialingDueAt!) - Date.parse(decided.decidedAt!)).toBe(6_000);
      const handle = client.workflow.getHandle(credentialingWorkflowId(organizationId, file.physicianId));
      const firstRun = (await handle.describe()).runId;

      const recredentialing = await until('the re-credentialing cycle', async () => {
        const rows = await fileRows(file.physicianId);
        return rows[1]?.kind === 'RECREDENTIALING' ? rows[1] : null;
      }, 30_000);
      expect(new Date(recredentialing.recredential_due_at!).toISOString()).toBe(decided.recredentialingDueAt);
      const lapsed = await until('the re-credentialing lapsed', async () => {
        const rows = await fileRows(file.physicianId);
        return rows[1]?.status === 'LAPSED' && rows[2] ? rows : null;
      }, 30_000);
      expect(lapsed.map((row) => [row.cycle_number, row.kind, row.status])).toEqual([[1, 'INITIAL', 'DECIDED'], [2, 'RECREDENTIALING', 'LAPSED'], [3, 'INITIAL', expect.stringMatching(/IN_PROGRESS|READY/)]]);
      expect(lapsed[1]!.reminders_sent).toBe(3);
      // Each reminder to the staff and the physician; the lapse to staff and admins.
      expect(await mailFor(organizationId, 'recredentialing_due')).toHaveLength(6);
      expect(await mailFor(organizationId, 'recredentialing_lapsed')).toHaveLength(3);
      // One run per cycle.
      expect((await handle.describe()).runId).not.toBe(firstRun);
      const third = await statusIs(crew.admin, file.physicianId, 'READY', 3);
      expect(third).toMatchObject({ kind: 'INITIAL', decision: null });
      // A deferral sends the file back to collecting; still complete, it is offered again at once.
      expect((await decide(crew.admin, file.physicianId, 'DEFERRED', 'awaiting_references')).data!.recordCredentialingDecision.credentialing).toMatchObject({ status: expect.stringMatching(/IN_PROGRESS|READY/), decision: 'DEFERRED' });
      await statusIs(crew.admin, file.physicianId, 'READY', 3);
      expect((await decide(crew.admin, file.physicianId, 'APPROVED')).data!.recordCredentialingDecision.credentialing.decisions.map((d) => d.decision)).toEqual(['DEFERRED', 'APPROVED']);
      await keepHistory('approved-then-recredentialing', client.workflow.getHandle(handle.workflowId, firstRun));
      await handle.terminate('test over');
    } finally {
      await worker.stop();
    }
  });
});

/** An LEIE full file (the stand-in's, marked as this suite's) that also names the physician by NPI; returns its path. */
async function leieNaming(dir: string, file: { physicianId: string; npi: string }): Promise<string> {
  const [physician] = await orm.em.fork().execute<{ family_name: string }[]>(`select family_name from credentials.physicians where id = ?`, [file.physicianId]);
  const row = [physician!.family_name.toUpperCase(), 'ROWAN', '', '', 'PHYSICIAN', 'FAMILY MEDICINE', '', file.npi, '19790314', '1 MAIN ST', 'SACRAMENTO', 'CA', '95814', '1128a1', '20260101', '00000000', '00000000', ''];
  const location = join(dir, `UPDATED-${randomUUID().slice(0, 8)}.csv`);
  writeFileSync(location, `${leieUpdatedCsvMarked(randomUUID())}${row.map((field) => `"${field}"`).join(',')}\r\n`);
  return location;
}

describe('credentialingCycleWorkflow: monthly monitoring', () => {
  it('alerts on a credentialed physician who turns up on a new exclusion list, returns the file to review, and takes a denial', async () => {
    const worker = await startVerificationWorker({ orm, standIns, timings: VERIFY, client, credentialingTimings: { ...DEFAULT_CREDENTIALING_TIMINGS, reassessEveryMs: 60_000 } });
    const dir = mkdtempSync(join(tmpdir(), 'credence-monitoring-'));
    try {
      const organizationId = await anOrganization(identity);
      const crew = await people(organizationId);
      const file = await aVerifiedFile(organizationId);
      const bystander = await aVerifiedFile(organizationId);
      await dispatch(worker.taskQueue, organizationId);
      for (const physician of [file, bystander]) {
        await statusIs(crew.admin, physician.physicianId, 'READY');
        expect((await decide(crew.admin, physician.physicianId, 'APPROVED')).errors).toBeUndefined();
      }
      const [before] = await fileRows(file.physicianId);

      // Next month's LEIE names the physician by NPI.
      const location = await leieNaming(dir, file);
      await client.workflow.execute(EXCLUSION_LIST_IMPORT_WORKFLOW, {
        taskQueue: worker.taskQueue, workflowId: `exclusion-list-import:${randomUUID()}`, args: [{ lists: [{ list: 'OIG_LEIE', location, kind: 'FULL' }] }],
      });

      const [alert] = await orm.em.fork().execute<{ id: string; file_id: string; list: string; matched_by: string }[]>(
        `select id, file_id, list, matched_by from credentials.monitoring_alerts where physician_id = ?`, [file.physicianId]);
      expect(alert).toMatchObject({ file_id: before!.id, list: 'OIG_LEIE', matched_by: 'NPI' });
      expect(await orm.em.fork().execute(`select 1 from credentials.monitoring_alerts where physician_id = ?`, [bystander.physicianId])).toEqual([]);
      const [flagged] = await fileRows(file.physicianId);
      expect(flagged).toMatchObject({ status: 'NEEDS_REVIEW', decision: 'APPROVED' });
      expect(flagged!.flagged_at).not.toBeNull();
      expect(await mailFor(organizationId, 'monitoring_alert')).toHaveLength(3); // staff, admin, owner
      expect((await auditOf(organizationId, 'MonitoringAlert')).map((event) => event.reason)).toEqual(['monitoring:exclusion_match:oig_leie']);
      const handle = client.workflow.getHandle(credentialingWorkflowId(organizationId, file.physicianId));
      await until('the cycle in review', async () => ((await handle.query(credentialingStateQuery)).phase === 'in_review' ? true : null));
      const inReview = await credentialingOf(crew.admin, file.physicianId);
      expect(inReview).toMatchObject({ status: 'NEEDS_REVIEW', decision: 'APPROVED' });
      expect(inReview!.blockers).toContain('exclusions:excluded');

      // A second import of the same month raises nothing new.
      await client.workflow.execute(EXCLUSION_LIST_IMPORT_WORKFLOW, {
        taskQueue: worker.taskQueue, workflowId: `exclusion-list-import:${randomUUID()}`, args: [{ lists: [{ list: 'OIG_LEIE', location, kind: 'FULL' }] }],
      });
      expect(await orm.em.fork().execute(`select 1 from credentials.monitoring_alerts where physician_id = ?`, [file.physicianId])).toHaveLength(1);

      // The alerts through the graph, acknowledged once with a reason code.
      const listed = await subgraph.call<{ monitoringAlerts: { nodes: { id: string; list: string; matchedBy: string; acknowledgedAt: string | null; physician: { id: string } }[] } }>(again(crew.staff), ALERTS, { acknowledged: false });
      expect(listed.data!.monitoringAlerts.nodes).toEqual([expect.objectContaining({ id: alert!.id, list: 'OIG_LEIE', matchedBy: 'NPI', acknowledgedAt: null, viewerCanAcknowledge: true, physician: { id: file.physicianId } })]);
      expect(codeOf(await subgraph.call(again(crew.doctor), ALERTS, {}))).toBe('FORBIDDEN');
      expect(codeOf(await subgraph.call(again(crew.staff), ACKNOWLEDGE, { id: alert!.id, reasonCode: 'Looked at it' }))).toBe('BAD_USER_INPUT');
      const acknowledged = await subgraph.call<{ acknowledgeMonitoringAlert: { monitoringAlert: { acknowledgedBy: string; acknowledgeReason: string } } }>(again(crew.staff), ACKNOWLEDGE, { id: alert!.id, reasonCode: 'sent_to_committee' });
      expect(acknowledged.data!.acknowledgeMonitoringAlert.monitoringAlert).toMatchObject({ acknowledgedBy: crew.staff.userId, acknowledgeReason: 'sent_to_committee', viewerCanAcknowledge: false });
      expect(codeOf(await subgraph.call(again(crew.staff), ACKNOWLEDGE, { id: alert!.id, reasonCode: 'sent_to_committee' }))).toBe('CONFLICT');
      expect(codeOf(await subgraph.call(again(crew.staff), ACKNOWLEDGE, { id: randomUUID(), reasonCode: 'sent_to_committee' }))).toBe('NOT_FOUND');
      expect((await subgraph.call<{ monitoringAlerts: { nodes: unknown[] } }>(again(crew.staff), ALERTS, { acknowledged: false })).data!.monitoringAlerts.nodes).toEqual([]);

      // An excluded physician is not approved again; the committee denies, and the cycles end.
      expect(codeOf(await decide(crew.admin, file.physicianId, 'APPROVED'))).toBe('CREDENTIALING_FILE_NOT_READY');
      const denied = await decide(crew.admin, file.physicianId, 'DENIED', 'excluded_by_oig');
      expect(denied.data!.recordCredentialingDecision.credentialing).toMatchObject({ status: 'DECIDED', decision: 'DENIED', flaggedAt: null });
      const final = await handle.result();
      expect(final).toMatchObject({ status: 'DECIDED', decision: 'DENIED', phase: 'done' });
      await keepHistory('monitoring-alert-denied', handle);
      await client.workflow.getHandle(credentialingWorkflowId(organizationId, bystander.physicianId)).terminate('test over');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      // The next suites find the stand-in's own list again.
      removeLeieFile();
      removeLeieFile = await importOwnLeieFile(orm);
      await worker.stop();
    }
  });
});

describe('credentialingCycleWorkflow: monitoring during a re-credentialing', () => {
  it('flags the approval in force and holds the re-credentialing file on the new match', async () => {
    // Re-credentialing opens two seconds after the approval and stays open for an hour.
    const timings: CredentialingTimings = { ...DEFAULT_CREDENTIALING_TIMINGS, recredentialAfterMs: 3_600_000, remindBeforeMs: [3_598_000, 1_800_000, 900_000], reassessEveryMs: 3_600_000 };
    const worker = await startVerificationWorker({ orm, standIns, timings: VERIFY, client, credentialingTimings: timings });
    const dir = mkdtempSync(join(tmpdir(), 'credence-monitoring-'));
    try {
      const organizationId = await anOrganization(identity);
      const crew = await people(organizationId);
      const file = await aVerifiedFile(organizationId);
      await dispatch(worker.taskQueue, organizationId);
      await statusIs(crew.admin, file.physicianId, 'READY', 1);
      expect((await decide(crew.admin, file.physicianId, 'APPROVED')).errors).toBeUndefined();
      await statusIs(crew.admin, file.physicianId, 'READY', 2);

      const location = await leieNaming(dir, file);
      await client.workflow.execute(EXCLUSION_LIST_IMPORT_WORKFLOW, {
        taskQueue: worker.taskQueue, workflowId: `exclusion-list-import:${randomUUID()}`, args: [{ lists: [{ list: 'OIG_LEIE', location, kind: 'FULL' }] }],
      });
      const [first] = await fileRows(file.physicianId);
      const [alert] = await orm.em.fork().execute<{ file_id: string }[]>(`select file_id from credentials.monitoring_alerts where physician_id = ?`, [file.physicianId]);
      expect(alert!.file_id).toBe(first!.id);
      expect(first).toMatchObject({ status: 'DECIDED', decision: 'APPROVED' });
      expect(first!.flagged_at).not.toBeNull();
      // The cycle was told: the re-credentialing file is held by the match.
      const held = await until('the re-credentialing held', async () => {
        const view = await credentialingOf(crew.admin, file.physicianId);
        return view?.blockers.includes('exclusions:excluded') ? view : null;
      });
      expect(held).toMatchObject({ cycleNumber: 2, kind: 'RECREDENTIALING', status: 'IN_PROGRESS' });
      expect((await fileRows(file.physicianId))[1]!.status).toBe('IN_PROGRESS');
      expect(codeOf(await decide(crew.admin, file.physicianId, 'APPROVED'))).toBe('CREDENTIALING_FILE_NOT_READY');
      await client.workflow.getHandle(credentialingWorkflowId(organizationId, file.physicianId)).terminate('test over');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      removeLeieFile();
      removeLeieFile = await importOwnLeieFile(orm);
      await worker.stop();
    }
  });
});

describe('credentialingCycleWorkflow: ten years of cycles', () => {
  it('keeps each run small: one run per cycle, continued as new', async () => {
    // One simulated year is a second: 36 months are 3 s, 180 days 0.5 s.
    const year = 1_000;
    const scaled: CredentialingTimings = {
      recredentialAfterMs: 3 * year, remindBeforeMs: [year / 2, year / 4, year / 12], pastDueGraceMs: year / 12,
      freshForMs: DEFAULT_CREDENTIALING_TIMINGS.freshForMs, freshForCvoMs: DEFAULT_CREDENTIALING_TIMINGS.freshForCvoMs, reassessEveryMs: year / 12,
    };
    const worker = await startVerificationWorker({ orm, standIns, timings: VERIFY, client, credentialingTimings: scaled });
    try {
      const organizationId = await anOrganization(identity);
      const crew = await people(organizationId);
      const file = await aVerifiedFile(organizationId);
      const startedAt = Date.now();
      await dispatch(worker.taskQueue, organizationId);
      const handle = client.workflow.getHandle(credentialingWorkflowId(organizationId, file.physicianId));
      const runs: string[] = [];
      for (let cycle = 1; Date.now() - startedAt < 10 * year; cycle += 1) {
        await statusIs(crew.admin, file.physicianId, 'READY', cycle);
        runs.push((await handle.describe()).runId);
        expect((await decide(crew.admin, file.physicianId, 'APPROVED')).errors).toBeUndefined();
        await until(`cycle ${cycle + 1}`, async () => ((await fileRows(file.physicianId)).length > cycle ? true : null), 30_000);
      }
      runs.push((await handle.describe()).runId);
      const sizes: number[] = [];
      for (const runId of runs) sizes.push((await client.workflow.getHandle(handle.workflowId, runId).fetchHistory()).events!.length);
      console.log(`credentialing cycle over ten simulated years: ${runs.length} runs, history events per run ${sizes.join(', ')} (total ${sizes.reduce((a, b) => a + b, 0)})`);
      expect(runs.length).toBeGreaterThanOrEqual(4);
      expect(new Set(runs).size).toBe(runs.length);
      // A cycle's run holds its own events only: the same small number whatever the cycle.
      for (const size of sizes.slice(0, -1)) expect(size).toBeLessThan(200);
      await handle.terminate('test over');
    } finally {
      await worker.stop();
    }
  }, 120_000);
});
