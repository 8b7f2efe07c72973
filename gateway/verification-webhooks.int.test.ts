// A verification provider's result, posted to the real gateway at POST /webhooks/verification and
// signed as Standard Webhooks says, reaches the credential's verification workflow on the Temporal
// dev server, run by the real worker against the local stand-ins of the primary sources: it
// settles a source that is down, it is recorded for the reviewer of an open review, and every
// bad delivery is refused with a stable code and nothing of its body in the logs.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { openDatabase, type MikroORM } from '../platform/database/orm.ts';
import { createLogger } from '../platform/logger.ts';
import { freePort } from '../stack/ports.ts';
import { startSourceStandIns, type SourceStandIns } from '../stack/source-stand-ins/index.ts';
import { aMember, anOrganization, insertStoredCredentials, insertStoredPhysician, refusalCodeOf } from '../test/support/factories.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { testActivityDeps, testStack } from '../test/support/stack.ts';
import { startVerificationWorker, until } from '../test/support/verification.ts';
import { deliverWebhook } from '../test/support/webhooks.ts';
import { VERIFICATION_DISPATCH_WORKFLOW, type VerificationTimings } from '../workflows/credential-verification/shared.ts';
import { createVerificationWebhooks } from './verification-webhooks.ts';

const stack = testStack();
const secret = new Uint8Array(Buffer.alloc(32, 7));
const WEBHOOK_SECRETS = `verification:${Buffer.from(secret).toString('base64')}`;
// A source that is down is asked again every second or two; a review waits a minute before escalating.
const TIMINGS: VerificationTimings = { reviewWindowMs: 60_000, unavailableRetryFirstMs: 1_000, unavailableRetryMaxMs: 2_000, unavailableGiveUpMs: 120_000, reminderDays: [90, 60, 30, 7] };
// The physician the stand-ins know: none of it may reach a log.
const PHYSICIAN = { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1980-04-02' };

const logLines: string[] = [];
const capturing = (service: string) => createLogger({ service, level: 'trace', destination: { write: (line: string) => void logLines.push(line) } });
const harness = gatewayHarness({ loggers: (service) => (service === 'gateway' ? capturing('gateway') : createLogger({ service, level: 'silent' })) });

let orm: MikroORM;
let identity: MikroORM;
let connection: Connection;
let client: Client;
let standIns: SourceStandIns;
let worker: { taskQueue: string; stop(): Promise<void> };
let encryption: Awaited<ReturnType<typeof testActivityDeps>>['encryption'];
let verificationWebhooks: ReturnType<typeof createVerificationWebhooks>;
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;

async function startWorker() {
  const started = await startVerificationWorker({ orm, standIns, timings: TIMINGS, client, logger: capturing('worker') });
  encryption = started.deps.encryption;
  return started;
}

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  connection = await Connection.connect({ address: stack.temporalAddress });
  client = new Client({ connection });
  standIns = await startSourceStandIns();
  worker = await startWorker();
  await harness.startSubgraphs();
  // As gateway/main.ts wires it: the handler's own client, from the gateway's Temporal settings.
  verificationWebhooks = createVerificationWebhooks({ temporal: { address: stack.temporalAddress, namespace: 'default' }, logger: capturing('gateway') });
  gateway = await harness.startGateway({ WEBHOOK_SECRETS }, { webhookHandlers: { verification: verificationWebhooks.handle } });
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await verificationWebhooks?.close();
  await harness.stopSubgraphs();
  await worker?.stop();
  await standIns?.close();
  await connection?.close();
  await identity?.close();
  await orm?.close();
});

/** An organization with the stand-ins' physician (another family name on file when told) and a state license of theirs, its verification requested. */
async function aFile(options: { familyName?: string } = {}) {
  const organizationId = await anOrganization(identity, { name: 'Verifying hospital' });
  await aMember(identity, { organizationId, role: 'CREDENTIALING_STAFF' });
  const credentialId = await orm.em.fork().transactional(async (em) => {
    const keys = await encryption.forOrganization(em, organizationId);
    const physicianId = await insertStoredPhysician(em, keys, organizationId, { ...PHYSICIAN, familyName: options.familyName ?? PHYSICIAN.familyName });
    const [id] = await insertStoredCredentials(em, keys, organizationId, [{
      physicianId, type: 'STATE_LICENSE', number: 'A123456', issuer: 'Medical Board of California', state: 'CA', expiresOn: '2029-08-31',
    }]);
    await em.execute(`update credentials.credentials set verification_requested_at = now() where id = ?`, [id]);
    return id!;
  });
  await client.workflow.execute(VERIFICATION_DISPATCH_WORKFLOW, { taskQueue: worker.taskQueue, workflowId: `verification-dispatch-${randomUUID()}`, args: [{ organizationId }] });
  return { organizationId, credentialId };
}


async function statusOf(credentialId: string): Promise<string> {
  const [row] = await orm.em.fork().execute<{ status: string }[]>(`select status from credentials.credentials where id = ?`, [credentialId]);
  return row!.status;
}

const statusIs = (credentialId: string, status: string) => until(`status ${status}`, async () => (await statusOf(credentialId)) === status);

async function checksOf(credentialId: string) {
  return orm.em.fork().execute<{ id: string; source: string; result: string; problems: { field: string; code: string }[]; evidence: Buffer | null; evidence_sha256: Buffer | null; evidence_url: string | null }[]>(
    `select id, source, result, problems, evidence, evidence_sha256, evidence_url from credentials.verification_checks where credential_id = ? order by checked_at, source`, [credentialId]);
}

const resultBody = (credentialId: string, fields: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'verification.result', credentialId, source: 'NPPES', result: 'VERIFIED', ...fields });

const deliver = (body: string, options: { id?: string; signWith?: Uint8Array; url?: string } = {}) =>
  deliverWebhook(options.url ?? gateway.url, { source: 'verification', body, signWith: options.signWith ?? secret, ...(options.id ? { id: options.id } : {}) });

async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return refusalCodeOf(body);
}

describe('POST /webhooks/verification', () => {
  it('settles a source that is down with the provider\'s result, kept as evidence, and refuses its replay', async () => {
    // NPPES answers nothing but 503 for the whole test: only the provider can settle it.
    standIns.standIns.nppes.failNext(10_000, 503);
    try {
      const file = await aFile();
      await statusIs(file.credentialId, 'SOURCE_UNAVAILABLE');
      const id = `msg_${randomUUID()}`;
      const body = resultBody(file.credentialId);
      const accepted = await deliver(body, { id });
      expect(accepted.status).toBe(204);

      await statusIs(file.credentialId, 'VERIFIED');
      const checks = await checksOf(file.credentialId);
      const fromProvider = checks.filter((check) => check.evidence_url === `webhook:verification:${id}`);
      expect(fromProvider).toHaveLength(1);
      expect(fromProvider[0]).toMatchObject({ source: 'NPPES', result: 'VERIFIED', problems: [] });
      const keys = await encryption.forOrganization(orm.em.fork(), file.organizationId);
      const evidence = keys.decrypt({ table: 'verification_checks', column: 'evidence', rowId: fromProvider[0]!.id }, fromProvider[0]!.evidence!);
      expect(evidence.toString('utf8')).toBe(body);
      expect(createHash('sha256').update(evidence).digest()).toEqual(fromProvider[0]!.evidence_sha256);
      // Every answer NPPES itself gave was SOURCE_UNAVAILABLE: the provider's result is what verified it.
      expect(checks.filter((check) => check.source === 'NPPES' && check !== fromProvider[0]).every((check) => check.result === 'SOURCE_UNAVAILABLE')).toBe(true);
      const [audited] = await orm.em.fork().execute<{ reason: string }[]>(`select reason from audit.events where resource_id = ?`, [fromProvider[0]!.id]);
      expect(audited).toEqual({ reason: 'provider_check:nppes:verified' });

      const replay = await deliver(body, { id });
      expect(replay.status).toBe(409);
      expect(await errorCode(replay)).toBe('CONFLICT');
      expect(await checksOf(file.credentialId)).toHaveLength(checks.length);
    } finally {
      standIns.standIns.nppes.reset();
    }
  });

  it('records a result for the reviewer of an open review and leaves the decision to a person', async () => {
    // The board knows another family name: a mismatch, so a review opens.
    const file = await aFile({ familyName: 'Okafor' });
    await statusIs(file.credentialId, 'NEEDS_REVIEW');
    const [review] = await until('an open review', () => orm.em.fork().execute<{ id: string }[]>(
      `select id from credentials.verification_reviews where credential_id = ? and decided_at is null`, [file.credentialId]).then((rows) => (rows.length ? rows : null)));
    const id = `msg_${randomUUID()}`;
    const body = resultBody(file.credentialId, { source: 'STATE_BOARD', result: 'MISMATCH', problems: [{ field: 'familyName', code: 'NAME_DIFFERS' }] });
    expect((await deliver(body, { id })).status).toBe(204);

    const recorded = await until('the provider\'s check', async () => (await checksOf(file.credentialId)).find((check) => check.evidence_url === `webhook:verification:${id}`));
    expect(recorded).toMatchObject({ source: 'STATE_BOARD', result: 'MISMATCH', problems: [{ field: 'familyName', code: 'NAME_DIFFERS' }] });
    expect(await statusOf(file.credentialId)).toBe('NEEDS_REVIEW');
    const [still] = await orm.em.fork().execute<{ decided_at: string | null }[]>(`select decided_at from credentials.verification_reviews where id = ?`, [review!.id]);
    expect(still).toEqual({ decided_at: null });
  });

  it('refuses a bad signature and every malformed body with a stable code, without spending the id', async () => {
    const credentialId = randomUUID();
    const forged = await deliver(resultBody(credentialId), { signWith: new Uint8Array(Buffer.alloc(32, 8)) });
    expect(forged.status).toBe(401);
    expect(await errorCode(forged)).toBe('UNAUTHENTICATED');

    const malformed: [string, string][] = [
      ['not JSON', '{"type": "verification.result",'],
      ['an array', JSON.stringify([{ type: 'verification.result' }])],
      ['another type', resultBody(credentialId, { type: 'verification.started' })],
      ['an unknown field, with PHI in it', resultBody(credentialId, { physicianName: `${PHYSICIAN.givenName} ${PHYSICIAN.familyName}`, dateOfBirth: PHYSICIAN.dateOfBirth })],
      ['a credential id that is not a UUID', resultBody(PHYSICIAN.npi)],
      ['an unknown source', resultBody(credentialId, { source: 'OIG_LEIE' })],
      ['a result a provider cannot give', resultBody(credentialId, { result: 'SOURCE_UNAVAILABLE' })],
      ['problems that are not a list', resultBody(credentialId, { problems: { field: 'npi', code: 'INACTIVE' } })],
      ['too many problems', resultBody(credentialId, { problems: Array.from({ length: 51 }, () => ({ field: 'npi', code: 'INACTIVE' })) })],
      ['a problem with another field', resultBody(credentialId, { problems: [{ field: 'npi', code: 'INACTIVE', atSource: PHYSICIAN.npi }] })],
      ['a problem code that is free text', resultBody(credentialId, { problems: [{ field: 'familyName', code: `${PHYSICIAN.familyName} differs` }] })],
      ['a body over the size limit', resultBody(credentialId, { problems: [{ field: 'npi', code: `X${'Y'.repeat(20_000)}` }] })],
    ];
    for (const [what, body] of malformed) {
      const id = `msg_${randomUUID()}`;
      const refused = await deliver(body, { id });
      expect({ what, status: refused.status, code: await errorCode(refused) }).toEqual({ what, status: 400, code: 'BAD_USER_INPUT' });
      // A refused body does not spend its id: the same id with a good body goes on to the workflow (here: none is running).
      expect({ what, status: (await deliver(resultBody(credentialId), { id })).status }).toEqual({ what, status: 404 });
    }
  });

  it('answers NOT_FOUND for a credential whose verification is not running', async () => {
    const unknown = await deliver(resultBody(randomUUID()));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ errors: [{ message: 'Verification not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('answers SERVICE_UNAVAILABLE with a retry hint while Temporal is unreachable, and the retry is not refused as a replay', async () => {
    const closedPort = await freePort();
    const cutOffWebhooks = createVerificationWebhooks({ temporal: { address: `127.0.0.1:${closedPort}`, namespace: 'default' }, logger: capturing('gateway'), signalWithinMs: 1_000 });
    const cutOff = await harness.startGateway({ WEBHOOK_SECRETS }, { webhookHandlers: { verification: cutOffWebhooks.handle } });
    try {
      const id = `msg_${randomUUID()}`;
      const body = resultBody(randomUUID());
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const refused = await deliver(body, { id, url: cutOff.url });
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
        const text = await refused.text();
        expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' }, message: expect.stringMatching(/retry later/) }] });
        expect(text).not.toMatch(new RegExp(`${closedPort}|ECONNREFUSED|DEADLINE|stack`, 'i'));
      }
    } finally {
      await cutOff.stop();
      await cutOffWebhooks.close();
    }
  });

  it('leaves nothing of a body in the logs', () => {
    const logs = logLines.join('\n');
    expect(logs).toContain('verification result handed to its workflow');
    // The signal carries each body in base64: its opening is the same for every body sent here.
    const bodyInBase64 = Buffer.from('{"type":"verification.result","credentialId":"').toString('base64').slice(0, 40);
    for (const value of [PHYSICIAN.givenName, 'Okafor', PHYSICIAN.npi, PHYSICIAN.dateOfBirth, 'NAME_DIFFERS', 'familyName', bodyInBase64]) {
      expect({ value, logged: logs.includes(value) }).toEqual({ value, logged: false });
    }
  });
});
