// Credential verification through the credentials subgraph's GraphQL, from the attacker's side and
// as people use it: real resolvers on the test PostgreSQL, the real Temporal dev server with a real
// worker on a task queue of its own, and the source stand-ins answering in each source's format.
// The tests tell one story in order, on one organization's file (its NPI is unique there): a
// credential goes to review, roles the matrix refuses and another organization are turned away, bad
// input is refused, staff approve it, it is verified again on request, and a decision while Temporal
// is unreachable is refused without being recorded.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import type { Caller, Role } from '../../platform/caller.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { startSourceStandIns, type SourceStandIns } from '../../stack/source-stand-ins/index.ts';
import { aCredential, aMember, anOrganization, aPhysician, type GraphQLSend, refusalCodeOf } from '../../test/support/factories.ts';
import { testStack } from '../../test/support/stack.ts';
import { startVerificationWorker, until } from '../../test/support/verification.ts';
import { callerFor, subgraphClient, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { VERIFICATION_DISPATCH_WORKFLOW, type VerificationTimings } from '../../workflows/credential-verification/shared.ts';
import { createCredentialsSubgraph } from './subgraph.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
/** Review window and source retries short enough for a test; nothing here waits for them. */
const TIMINGS: VerificationTimings = { reviewWindowMs: 600_000, unavailableRetryFirstMs: 300, unavailableRetryMaxMs: 1_000, unavailableGiveUpMs: 60_000, reminderDays: [90, 60, 30, 7] };

const CHECK_FIELDS = 'id source result checkedAt problems { field code } evidenceSha256';
const REVIEW_FIELDS = 'id reasons openedAt escalatedAt decision reasonCode decidedAt decidedBy credential { id }';
const VERIFICATION_FIELDS = `status requestedAt verifiedAt nextReminderAt checks { ${CHECK_FIELDS} } pendingReview { ${REVIEW_FIELDS} }`;
const READ_VERIFICATION = `query($id: ID!) { credential(id: $id) { id status verification { ${VERIFICATION_FIELDS} } } }`;
const REVIEWS = `query($first: Int, $after: String) { verificationReviews(first: $first, after: $after) { nodes { ${REVIEW_FIELDS} } pageInfo { endCursor hasNextPage } } }`;
const RESOLVE = `mutation($input: ResolveVerificationReviewInput!) { resolveVerificationReview(input: $input) { verificationReview { ${REVIEW_FIELDS} } userErrors { code message field reason details } } }`;
const REQUEST = `mutation($id: ID!) { requestVerification(credentialId: $id) { credential { id status verification { status requestedAt checks { id } } } userErrors { code message field reason details } } }`;
/** Dr Amara Okafor-Reyes as the stand-ins know her, on file under another family name. */
const AMARA = { givenName: 'Amara', familyName: 'Okafor', npi: '1000000012', dateOfBirth: '1980-04-02' };
const AMARA_LICENSE = { type: 'STATE_LICENSE', number: 'A123456', issuer: 'Medical Board of California', state: 'CA', issuedOn: '2010-07-01', expiresOn: '2029-08-31' };

interface CheckView { id: string; source: string; result: string; checkedAt: string; problems: { field: string; code: string }[]; evidenceSha256: string | null }
interface ReviewView { id: string; reasons: string[]; openedAt: string; escalatedAt: string | null; decision: string | null; reasonCode: string | null; decidedAt: string | null; decidedBy: string | null; credential: { id: string } | null }
interface VerificationView { status: string; requestedAt: string | null; verifiedAt: string | null; nextReminderAt: string | null; checks: CheckView[]; pendingReview: ReviewView | null }
type ReviewPage = { verificationReviews: { nodes: ReviewView[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } | null };

let identity: MikroORM;
let workerOrm: MikroORM;
let superuser: pg.Client;
let closeSubgraph: () => Promise<void>;
let call: ReturnType<typeof subgraphClient>;
let temporal: Connection;
let client: Client;
let standIns: SourceStandIns;
let worker: { taskQueue: string; stop(): Promise<void> };

let organizationId: string;
let staff: Caller;
let admin: Caller;
let owner: Caller;
let doctor: Caller;
let otherStaff: Caller;
let amaraId: string;
/** Amara's license (to review), her malpractice certificate (reviewed by a person always), another physician's license. */
let licenseId: string;
let malpracticeId: string;
let otherPhysiciansLicenseId: string;
let licenseReview: ReviewView;
let malpracticeReview: ReviewView;

const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);
const as = (caller: Caller): GraphQLSend => (query, variables) => call(caller, query, variables);
/** The same member in a new request (a request id of its own, so its audit events can be told apart). */
const again = (caller: Caller): Caller => ({ ...caller, requestId: randomUUID() });

async function member(role: Role, inOrganization = organizationId): Promise<Caller> {
  const { userId } = await aMember(identity, { organizationId: inOrganization, role });
  return callerFor(role, inOrganization, userId);
}


/** What the dispatch schedule does once, for this story's organization (the test database holds other suites' requests too). */
async function dispatch(): Promise<void> {
  await client.workflow.execute(VERIFICATION_DISPATCH_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `verification-dispatch-${randomUUID()}`, args: [{ organizationId }] });
}

async function verificationOf(caller: Caller, credentialId: string): Promise<VerificationView> {
  const result = await call<{ credential: { verification: VerificationView } }>(caller, READ_VERIFICATION, { id: credentialId });
  if (!result.data?.credential) throw new Error(`credential failed: ${JSON.stringify(result.errors)}`);
  return result.data.credential.verification;
}

const needsReview = (credentialId: string) =>
  until(`${credentialId} in review`, async () => {
    const verification = await verificationOf(again(staff), credentialId);
    return verification.status === 'NEEDS_REVIEW' && verification.pendingReview ? verification : null;
  });

async function reviewRow(reviewId: string) {
  const { rows } = await superuser.query(`select decision, reason_code, decided_by, decided_at from credentials.verification_reviews where id = $1`, [reviewId]);
  return rows[0] as { decision: string | null; reason_code: string | null; decided_by: string | null; decided_at: Date | null };
}

async function events(filter: { resourceId?: string; requestId?: string; action?: string; organization?: string }) {
  const { rows } = await superuser.query(
    `select action, outcome, reason, resource_type, resource_id, actor_id, actor_role from audit.events
      where organization_id = $1 and ($2::text is null or resource_id = $2) and ($3::text is null or request_id = $3) and ($4::text is null or action = $4) order by seq`,
    [filter.organization ?? organizationId, filter.resourceId ?? null, filter.requestId ?? null, filter.action ?? null],
  );
  return rows as { action: string; outcome: string; reason: string | null; resource_type: string; resource_id: string | null; actor_id: string | null; actor_role: string | null }[];
}

/** A credentials subgraph on a port of its own, with the test stack's configuration and `env` over it. */
async function startSubgraph(env: Record<string, string> = {}) {
  const config = loadConfig('credentials', { ...stack.serviceEnv.credentials, NODE_ENV: 'test', ...env });
  const database = await openDatabase({ url: config.databaseUrl, logger });
  const deps = { config, logger, orm: database, storage: createLocalStorage(config.downloads.storageDir) };
  const definition = await createCredentialsSubgraph(deps);
  const { app, apollo } = await createSubgraphApp(deps, definition);
  const port = await freePort();
  const listening = await listen(app, '127.0.0.1', port, 'credentials');
  return {
    call: subgraphClient(`http://127.0.0.1:${port}/graphql`, 'credentials'),
    close: async () => {
      await closeServer(listening);
      await apollo.stop();
      await definition.close?.();
      await database.close();
    },
  };
}

/** The worker on a task queue of its own, asking the stand-ins. */
const startWorker = () => startVerificationWorker({ orm: workerOrm, standIns, timings: TIMINGS, client });

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  temporal = await Connection.connect({ address: stack.temporalAddress });
  client = new Client({ connection: temporal });
  standIns = await startSourceStandIns();
  worker = await startWorker();
  const subgraph = await startSubgraph();
  call = subgraph.call;
  closeSubgraph = subgraph.close;

  organizationId = await anOrganization(identity, { name: 'Verifying hospital' });
  const otherOrganization = await anOrganization(identity, { name: 'Another hospital' });
  staff = await member('CREDENTIALING_STAFF');
  admin = await member('ORG_ADMIN');
  owner = await member('ORG_OWNER');
  doctor = await member('PHYSICIAN');
  otherStaff = await member('CREDENTIALING_STAFF', otherOrganization);
});

afterAll(async () => {
  await worker?.stop();
  await closeSubgraph?.();
  await standIns?.close();
  await temporal?.close();
  await workerOrm?.close();
  await identity?.close();
  await superuser?.end();
});

describe('credential verification through the graph', () => {
  it('records a new credential as PENDING with its request, and sends a mismatch with its sources to review', async () => {
    amaraId = (await aPhysician(as(staff), { ...AMARA, ssn: undefined, userId: doctor.userId })).id;
    const added = await call<{ addCredential: { credential: { id: string; status: string; verification: VerificationView } } }>(staff,
      `mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id status verification { ${VERIFICATION_FIELDS} } } userErrors { code message field reason details } } }`,
      { input: { physicianId: amaraId, ...AMARA_LICENSE } });
    expect(added.errors).toBeUndefined();
    const license = added.data!.addCredential.credential;
    licenseId = license.id;
    expect(license.status).toBe('PENDING');
    expect(license.verification).toMatchObject({ status: 'PENDING', checks: [], pendingReview: null, verifiedAt: null });
    expect(Date.parse(license.verification.requestedAt!)).not.toBeNaN();

    await dispatch();
    const verification = await needsReview(licenseId);
    expect(verification.requestedAt).toBe(license.verification.requestedAt);
    expect(verification.checks.map((check) => check.source).sort()).toEqual(['NPPES', 'STATE_BOARD']);
    for (const check of verification.checks) {
      expect(check.result).toBe('MISMATCH');
      expect(check.problems).toContainEqual({ field: 'familyName', code: 'NAME_DIFFERS' });
      // Only which field and why: never the value on file or the one at the source.
      for (const problem of check.problems) expect(Object.keys(problem).sort()).toEqual(['code', 'field']);
      expect(check.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);
      const { rows: [stored] } = await superuser.query(`select encode(evidence_sha256, 'hex') as sha256 from credentials.verification_checks where id = $1`, [check.id]);
      expect(stored.sha256).toBe(check.evidenceSha256);
    }
    expect(JSON.stringify(verification).toUpperCase()).not.toContain('OKAFOR-REYES');
    // A problem has no value to ask for.
    const probe = await call(staff, `query($id: ID!) { credential(id: $id) { verification { checks { problems { field code recorded atSource } } } } }`, { id: licenseId });
    expect(codeOf(probe)).toBe('GRAPHQL_VALIDATION_FAILED');

    licenseReview = verification.pendingReview!;
    expect(licenseReview).toMatchObject({ decision: null, decidedAt: null, decidedBy: null, reasonCode: null, credential: { id: licenseId } });
    expect(licenseReview.reasons).toEqual(expect.arrayContaining(['MISMATCH:NPPES', 'MISMATCH:STATE_BOARD']));
    // The same reasons as enums, one entry per code.
    const details = await call<{ credential: { verification: { pendingReview: { reasonDetails: { source: string | null; result: string | null; credentialReason: string | null }[] } } } }>(
      again(staff), 'query($id: ID!) { credential(id: $id) { verification { pendingReview { reasonDetails { source result credentialReason } } } } }', { id: licenseId });
    const reasonDetails = details.data!.credential.verification.pendingReview.reasonDetails;
    expect(reasonDetails).toHaveLength(licenseReview.reasons.length);
    expect(reasonDetails).toEqual(expect.arrayContaining([
      { source: 'NPPES', result: 'MISMATCH', credentialReason: null }, { source: 'STATE_BOARD', result: 'MISMATCH', credentialReason: null },
    ]));
  });

  it('lists the reviews waiting in the organization, oldest first, page by page, for staff, admins and owners', async () => {
    // A malpractice certificate is always checked by a person: a second review, opened after the first.
    const malpractice = await aCredential(as(staff), amaraId, {
      type: 'MALPRACTICE_INSURANCE', number: 'POL-77120', issuer: 'Golden State Mutual', state: 'CA', issuedOn: '2025-01-01', expiresOn: '2029-12-31',
    });
    malpracticeId = malpractice.id;
    await dispatch();
    malpracticeReview = (await needsReview(malpracticeId)).pendingReview!;
    expect(malpracticeReview.reasons).toEqual(['MANUAL:MALPRACTICE_CARRIER']);

    for (const reviewer of [staff, admin, owner]) {
      const first = await call<ReviewPage>(again(reviewer), REVIEWS, { first: 1 });
      expect(first.errors).toBeUndefined();
      expect(first.data!.verificationReviews!.nodes.map((review) => review.id)).toEqual([licenseReview.id]);
      expect(first.data!.verificationReviews!.pageInfo.hasNextPage).toBe(true);
      const second = await call<ReviewPage>(again(reviewer), REVIEWS, { first: 1, after: first.data!.verificationReviews!.pageInfo.endCursor });
      expect(second.data!.verificationReviews!.nodes.map((review) => review.id)).toEqual([malpracticeReview.id]);
      expect(second.data!.verificationReviews!.pageInfo.hasNextPage).toBe(false);
      const all = await call<ReviewPage>(again(reviewer), REVIEWS, {});
      expect(all.data!.verificationReviews!.nodes).toEqual([licenseReview, malpracticeReview]);
    }
    expect(Date.parse(licenseReview.openedAt)).toBeLessThanOrEqual(Date.parse(malpracticeReview.openedAt));
    for (const args of [{ first: 0 }, { first: 101 }, { after: 'not-a-cursor' }]) {
      const refused = await call(again(staff), REVIEWS, args);
      expect({ args, code: codeOf(refused), data: refused.data }).toEqual({ args, code: 'BAD_USER_INPUT', data: { verificationReviews: null } });
    }
  });

  it('refuses the review queue and decisions to physicians, auditors and incident responders, and audits each denial', async () => {
    const auditor = await member('AUDITOR');
    const responder = await member('INCIDENT_RESPONDER');
    for (const refused of [doctor, auditor, responder]) {
      const listing = again(refused);
      const queue = await call<ReviewPage>(listing, REVIEWS, {});
      expect({ role: refused.role, code: codeOf(queue), data: queue.data }).toEqual({ role: refused.role, code: 'FORBIDDEN', data: { verificationReviews: null } });
      expect(await events({ requestId: listing.requestId })).toEqual([expect.objectContaining({
        action: 'ACCESS_DENIED', outcome: 'FAILURE', resource_type: 'VerificationReview', reason: 'missing_permission:verification.review', actor_id: refused.userId, actor_role: refused.role,
      })]);

      const deciding = again(refused);
      const decision = await call(deciding, RESOLVE, { input: { reviewId: licenseReview.id, decision: 'APPROVED', reasonCode: 'documents_confirm' } });
      expect({ role: refused.role, code: codeOf(decision) }).toEqual({ role: refused.role, code: 'FORBIDDEN' });
      expect(await events({ requestId: deciding.requestId })).toEqual([expect.objectContaining({
        action: 'ACCESS_DENIED', resource_id: licenseReview.id, reason: 'missing_permission:verification.review', actor_role: refused.role,
      })]);
    }
    // Nor may a physician ask for its own credential to be verified again.
    expect(codeOf(await call(again(doctor), REQUEST, { id: licenseId }))).toBe('FORBIDDEN');
    expect(await reviewRow(licenseReview.id)).toMatchObject({ decision: null, decided_at: null });
  });

  it('shows a physician the verification of its own credentials only', async () => {
    const someoneElse = await aPhysician(as(staff));
    otherPhysiciansLicenseId = (await aCredential(as(staff), someoneElse.id)).id;

    const own = await verificationOf(again(doctor), licenseId);
    expect(own).toMatchObject({ status: 'NEEDS_REVIEW', pendingReview: { id: licenseReview.id } });
    expect(own.checks.map((check) => check.id).sort()).toEqual((await verificationOf(again(staff), licenseId)).checks.map((check) => check.id).sort());
    const listed = await call<{ credentials: { nodes: { id: string; verification: { status: string } }[] } }>(again(doctor), `{ credentials { nodes { id verification { status } } } }`);
    expect(listed.data?.credentials.nodes.map((node) => node.id).sort()).toEqual([licenseId, malpracticeId].sort());

    // Another physician's credential, asked for by id and through entity resolution: nothing of it.
    const reaching = again(doctor);
    const direct = await call(reaching, READ_VERIFICATION, { id: otherPhysiciansLicenseId });
    expect({ code: codeOf(direct), data: direct.data }).toEqual({ code: 'NOT_FOUND', data: { credential: null } });
    const entities = await call<{ _entities: unknown[] }>(again(doctor),
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Credential { id verification { status } } } }`,
      { reps: [{ __typename: 'Credential', id: otherPhysiciansLicenseId }] });
    expect(entities.data?._entities).toEqual([null]);
    expect(codeOf(entities)).toBe('NOT_FOUND');
    expect(await events({ requestId: reaching.requestId })).toEqual([expect.objectContaining({ action: 'ACCESS_DENIED', resource_id: otherPhysiciansLicenseId, actor_role: 'PHYSICIAN' })]);
  });

  it('answers another organization\'s staff NOT_FOUND for the review and the credential, as for ids that do not exist', async () => {
    const unknownId = randomUUID();
    const decide = (reviewId: string) => call(again(otherStaff), RESOLVE, { input: { reviewId, decision: 'APPROVED', reasonCode: 'documents_confirm' } });
    const [existing, missing] = [await decide(licenseReview.id), await decide(unknownId)];
    expect(codeOf(existing)).toBe('NOT_FOUND');
    expect(existing).toEqual(missing);

    const before = (await verificationOf(again(staff), licenseId)).requestedAt;
    const [requested, requestedMissing] = [await call(again(otherStaff), REQUEST, { id: licenseId }), await call(again(otherStaff), REQUEST, { id: unknownId })];
    expect(codeOf(requested)).toBe('NOT_FOUND');
    expect(requested).toEqual(requestedMissing);
    expect(JSON.stringify([existing, requested])).not.toContain(licenseId);

    const queue = await call<ReviewPage>(again(otherStaff), REVIEWS, {});
    expect(queue.data?.verificationReviews?.nodes).toEqual([]);
    expect(await reviewRow(licenseReview.id)).toMatchObject({ decision: null, decided_at: null });
    expect((await verificationOf(again(staff), licenseId)).requestedAt).toBe(before);
  });

  it('refuses a malformed review id and a reason that is not a short code, and stores nothing', async () => {
    const decide = (input: Record<string, unknown>) => call(again(staff), RESOLVE, { input: { reviewId: licenseReview.id, decision: 'APPROVED', reasonCode: 'documents_confirm', ...input } });
    const malformed = await decide({ reviewId: 'not-a-uuid' });
    expect({ errors: malformed.errors, data: malformed.data }).toEqual({
      errors: undefined, data: { resolveVerificationReview: { verificationReview: null, userErrors: [{ code: 'NOT_FOUND', message: 'VerificationReview not found', field: null, reason: null, details: null }] } },
    });
    for (const reasonCode of ['name change', 'Name_change', 'NAME', 'a'.repeat(65), '', '9lives', 'drop;table']) {
      const refused = await decide({ reasonCode });
      expect({ reasonCode, errors: refused.errors, data: refused.data }).toEqual({
        reasonCode, errors: undefined, data: { resolveVerificationReview: { verificationReview: null, userErrors: [expect.objectContaining({ code: 'BAD_USER_INPUT', field: ['input', 'reasonCode'], reason: 'REASON_CODE_FORMAT' })] } },
      });
    }
    const badDecision = await decide({ decision: 'MAYBE' });
    expect(codeOf(badDecision)).toBe('BAD_USER_INPUT');
    for (const error of [malformed, badDecision].flatMap((result) => result.errors ?? [])) expect(JSON.stringify(error)).not.toMatch(/stacktrace|\.ts:\d+/);

    expect(await reviewRow(licenseReview.id)).toEqual({ decision: null, reason_code: null, decided_by: null, decided_at: null });
    const decisions = (await events({ resourceId: licenseReview.id })).filter((event) => event.action === 'UPDATE');
    expect(decisions).toEqual([]);
    expect((await verificationOf(again(staff), licenseId)).status).toBe('NEEDS_REVIEW');
  });

  it('lets staff approve the review: the credential is VERIFIED, a second decision is refused, and the audit log names the reviewer', async () => {
    // The review says who may decide it: staff while it waits, never the physician.
    const mayResolve = async (caller: Caller) => (await call<{ credential: { verification: { pendingReview: { viewerCanResolve: boolean } | null } } }>(
      again(caller), 'query($id: ID!) { credential(id: $id) { verification { pendingReview { viewerCanResolve } } } }', { id: licenseId })).data?.credential.verification.pendingReview?.viewerCanResolve;
    expect([await mayResolve(staff), await mayResolve(doctor)]).toEqual([true, false]);

    const deciding = again(staff);
    const decided = await call<{ resolveVerificationReview: { verificationReview: ReviewView & { viewerCanResolve: boolean } } }>(deciding, RESOLVE.replace('credential { id } }', 'credential { id } viewerCanResolve }'), { input: { reviewId: licenseReview.id, decision: 'APPROVED', reasonCode: 'name_change_on_file' } });
    expect(decided.errors).toBeUndefined();
    const review = decided.data!.resolveVerificationReview.verificationReview;
    expect(review.viewerCanResolve).toBe(false);
    expect(review).toMatchObject({ id: licenseReview.id, decision: 'APPROVED', decidedBy: staff.userId, reasonCode: 'name_change_on_file', credential: { id: licenseId } });
    expect(Date.parse(review.decidedAt!)).toBeGreaterThanOrEqual(Date.parse(licenseReview.openedAt));

    const verification = await verificationOf(again(staff), licenseId);
    expect(verification).toMatchObject({ status: 'VERIFIED', pendingReview: null });
    expect(verification.verifiedAt).not.toBeNull();
    // The checks stand as the sources answered: the decision is recorded beside them.
    expect(verification.checks.every((check) => check.result === 'MISMATCH')).toBe(true);

    const twice = await call(again(staff), RESOLVE, { input: { reviewId: licenseReview.id, decision: 'REJECTED', reasonCode: 'changed_mind' } });
    expect(codeOf(twice)).toBe('REVIEW_NOT_PENDING');
    expect(await reviewRow(licenseReview.id)).toMatchObject({ decision: 'APPROVED', reason_code: 'name_change_on_file', decided_by: staff.userId });

    const decisions = (await events({ resourceId: licenseReview.id })).filter((event) => event.action === 'UPDATE');
    expect(decisions).toEqual([expect.objectContaining({ outcome: 'SUCCESS', reason: 'review:approved:name_change_on_file', actor_id: staff.userId, actor_role: 'CREDENTIALING_STAFF' })]);
    // The queue holds the malpractice review only now.
    const queue = await call<ReviewPage>(again(staff), REVIEWS, {});
    expect(queue.data!.verificationReviews!.nodes.map((node) => node.id)).toEqual([malpracticeReview.id]);
  });

  it('verifies a VERIFIED credential again on request: PENDING with a new request time, new checks, the earlier ones unchanged', async () => {
    const before = await verificationOf(again(staff), licenseId);
    const { rows: earlier } = await superuser.query(`select id, result, problems, evidence_sha256, checked_at, workflow_run_id from credentials.verification_checks where credential_id = $1 order by id`, [licenseId]);
    expect(earlier).toHaveLength(2);

    const requesting = again(staff);
    const requested = await call<{ requestVerification: { credential: { id: string; status: string; verification: VerificationView } } }>(requesting, REQUEST, { id: licenseId });
    expect(requested.errors).toBeUndefined();
    expect(requested.data!.requestVerification.credential).toMatchObject({ id: licenseId, status: 'PENDING', verification: { status: 'PENDING' } });
    expect(Date.parse(requested.data!.requestVerification.credential.verification.requestedAt!)).toBeGreaterThan(Date.parse(before.requestedAt!));
    expect(await events({ requestId: requesting.requestId })).toEqual([expect.objectContaining({ action: 'UPDATE', resource_id: licenseId, reason: 'verification:requested', actor_id: staff.userId })]);

    await dispatch();
    // The run opens its review, then records its status: wait for the run to settle, not only for its review.
    const rerun = await until('the checks of a new run, settled', async () => {
      const verification = await verificationOf(again(staff), licenseId);
      const settled = verification.status !== 'PENDING';
      return settled && verification.pendingReview && verification.checks.length === 2 && verification.checks.every((check) => !before.checks.some((old) => old.id === check.id)) ? verification : null;
    });
    expect(rerun.status).toBe('NEEDS_REVIEW');
    expect(rerun.checks.map((check) => check.source).sort()).toEqual(['NPPES', 'STATE_BOARD']);
    expect(rerun.pendingReview!.id).not.toBe(licenseReview.id);
    licenseReview = rerun.pendingReview!;

    const { rows: after } = await superuser.query(`select id, result, problems, evidence_sha256, checked_at, workflow_run_id from credentials.verification_checks where credential_id = $1 order by id`, [licenseId]);
    expect(after).toHaveLength(4);
    expect(after.filter((row) => earlier.some((old) => old.id === row.id))).toEqual(earlier);
    const newRuns = new Set(after.filter((row) => !earlier.some((old) => old.id === row.id)).map((row) => row.workflow_run_id));
    expect(newRuns.size).toBe(1);
    expect(newRuns.has(earlier[0].workflow_run_id)).toBe(false);
  });

  it('answers SERVICE_UNAVAILABLE for a decision while Temporal is unreachable, and decides nothing', async () => {
    const closedPort = await freePort();
    const cutOff = await startSubgraph({ TEMPORAL_ADDRESS: `127.0.0.1:${closedPort}` });
    try {
      // Reads do not need Temporal.
      const queue = await cutOff.call<ReviewPage>(again(staff), REVIEWS, {});
      // The malpractice review first (the oldest), then the ones the last dispatch opened: the license's again and the other physician's.
      const waiting = queue.data!.verificationReviews!.nodes.map((node) => node.id);
      expect(waiting).toHaveLength(3);
      expect(waiting[0]).toBe(malpracticeReview.id);
      expect(waiting).toContain(licenseReview.id);

      const refused = await cutOff.call<{ resolveVerificationReview: { verificationReview: ReviewView | null } }>(again(staff), RESOLVE, { input: { reviewId: licenseReview.id, decision: 'APPROVED', reasonCode: 'name_change_on_file' } });
      expect(refused.data).toEqual({ resolveVerificationReview: null });
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' }, message: expect.stringMatching(/try again/i) });
      expect(JSON.stringify(refused)).not.toMatch(new RegExp(`${closedPort}|ECONNREFUSED|stacktrace`));
    } finally {
      await cutOff.close();
    }
    expect(await reviewRow(licenseReview.id)).toEqual({ decision: null, reason_code: null, decided_by: null, decided_at: null });
    expect(await verificationOf(again(staff), licenseId)).toMatchObject({ status: 'NEEDS_REVIEW', pendingReview: { id: licenseReview.id } });
    expect((await events({ resourceId: licenseReview.id })).filter((event) => event.action === 'UPDATE')).toEqual([]);
  });
});
