// The exclusion lists in credential verification, on the real Temporal dev server with the real
// worker: the OIG LEIE imported from its local stand-in, then a credential of a physician the
// list names by NPI goes to review as EXCLUDED, one named by name and date of birth as a possible
// match (a person decides, never an automatic exclusion), one on no list verifies; and a new
// physician file asks to be screened, which the dispatcher does.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { EXCLUSION_STAND_IN_PHYSICIANS as PEOPLE } from '../../stack/source-stand-ins/exclusion-lists.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { importOwnLeieFile } from '../../test/support/verification.ts';
import { screenPhysicianBatch } from '../exclusion-lists/screening.ts';
import { createWorker } from '../worker.ts';
import { exclusionListScreens } from './exclusion-screens.ts';
import { VERIFICATION_DISPATCH_WORKFLOW, DEFAULT_VERIFICATION_TIMINGS } from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let orm: MikroORM;
let identity: MikroORM;
let connection: Connection;
let client: Client;
let removeListFile: () => void;

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  connection = await Connection.connect({ address: stack.temporalAddress });
  client = new Client({ connection });
  removeListFile = await importOwnLeieFile(orm);
});

afterAll(async () => {
  removeListFile();
  await connection.close();
  await identity.close();
  await orm.close();
});

type Person = { givenName: string; familyName: string; npi: string; dateOfBirth: string };

describe('the exclusion lists in verification', () => {
  it('sends an NPI match and a possible match to review, and verifies a physician on no list', async () => {
    const base = await testActivityDeps(orm);
    const taskQueue = `test-exclusion-screens-${randomUUID()}`;
    const screening = { orm, encryption: base.encryption, logger };
    const verification = {
      ...base.verification, client, taskQueue, timings: { ...DEFAULT_VERIFICATION_TIMINGS, unavailableRetryFirstMs: 300, unavailableRetryMaxMs: 600 },
      listScreens: exclusionListScreens(screening, ['OIG_LEIE']),
      screenPhysicians: async (ids: string[]) => { await screenPhysicianBatch(screening, { physicianIds: ids, limit: ids.length }); },
    };
    const { worker, connection: workerConnection } = await createWorker({ temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue }, deps: { ...base, verification }, logger });
    const organizationId = await anOrganization(identity, { name: 'Screening hospital' });
    const fileOf = async (person: Person) => orm.em.fork().transactional(async (em) => {
      const keys = await base.encryption.forOrganization(em, organizationId);
      const physicianId = await insertStoredPhysician(em, keys, organizationId, person);
      // A malpractice certificate has no source of its own: the list's check is what is looked at.
      const [credentialId] = await insertStoredCredentials(em, keys, organizationId, [{ physicianId, type: 'MALPRACTICE_INSURANCE', number: `POL-${randomUUID().slice(0, 6)}`, issuer: 'Carrier', state: 'VT', expiresOn: '2030-01-01' }]);
      await em.execute(`update credentials.credentials set verification_requested_at = now() where id = ?`, [credentialId]);
      await em.execute(`insert into credentials.physician_screenings (organization_id, physician_id, requested_at) values (?, ?, now())`, [organizationId, physicianId]);
      return { physicianId, credentialId: credentialId! };
    });
    const excluded = await fileOf(PEOPLE.excludedByNpi);
    const possible = await fileOf(PEOPLE.possibleMatch);
    const clear = await fileOf(PEOPLE.clear);

    const checkOf = async (credentialId: string) => {
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
        const [row] = await orm.em.fork().execute<{ result: string; problems: { code: string }[] }[]>(
          `select result, problems from credentials.verification_checks where credential_id = ? and source = 'OIG_LEIE'`, [credentialId]);
        if (row) return row;
      }
      throw new Error('no OIG_LEIE check');
    };
    const reviewOf = async (credentialId: string) => {
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 200))) {
        const [row] = await orm.em.fork().execute<{ reasons: string[] }[]>(`select reasons from credentials.verification_reviews where credential_id = ? and decided_at is null`, [credentialId]);
        if (row) return row.reasons;
      }
      throw new Error('no review');
    };
    try {
      await worker.runUntil(async () => {
        const result = await client.workflow.execute(VERIFICATION_DISPATCH_WORKFLOW, { taskQueue, workflowId: `dispatch-${randomUUID()}`, args: [{ organizationId }] }) as { screened: number };
        expect(result.screened).toBe(3);
        expect(await checkOf(excluded.credentialId)).toMatchObject({ result: 'EXCLUDED', problems: [{ code: 'EXCLUDED_BY_NPI' }] });
        expect(await reviewOf(excluded.credentialId)).toEqual(expect.arrayContaining(['EXCLUDED:OIG_LEIE']));
        expect(await checkOf(possible.credentialId)).toMatchObject({ result: 'MANUAL', problems: [{ code: 'POSSIBLE_EXCLUSION_MATCH' }] });
        expect(await reviewOf(possible.credentialId)).toEqual(expect.arrayContaining(['MANUAL:OIG_LEIE']));
        expect(await checkOf(clear.credentialId)).toMatchObject({ result: 'VERIFIED', problems: [] });
      });
      // The files' own screening, from their requests.
      const standing = await orm.em.fork().execute<{ physician_id: string; status: string }[]>(
        `select physician_id, status from credentials.physician_screenings where organization_id = ?`, [organizationId]);
      expect(Object.fromEntries(standing.map((row) => [row.physician_id, row.status]))).toEqual({
        [excluded.physicianId]: 'EXCLUDED', [possible.physicianId]: 'POSSIBLE_MATCH', [clear.physicianId]: 'CLEAR',
      });
    } finally {
      await workerConnection.close();
    }
  });
});
