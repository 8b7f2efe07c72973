// Exclusion lists on the test stack, as the worker's database role: the stand-in's LEIE and SAM
// files imported over HTTP (the same file twice is a recorded no-op; a file of the wrong format is
// refused and stores nothing), monthly supplements applied, physicians screened (EXCLUDED by
// NPI, POSSIBLE_MATCH by name and date of birth or by name and state, CLEAR otherwise, each new
// match audited without a name), results hidden from other organizations by row-level security,
// and the whole workflow run by the real worker on the Temporal dev server.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import type { Caller } from '../../platform/caller.ts';
import { openDatabase, runAsCaller, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { EXCLUSION_STAND_IN_PHYSICIANS as PEOPLE, LEIE_HEADER, leieUpdatedCsv, startExclusionListStandIn, type RunningExclusionListStandIn } from '../../stack/source-stand-ins/exclusion-lists.ts';
import { ExclusionMatch } from '../../subgraphs/credentials/entities/exclusion-match.entity.ts';
import { PhysicianScreening } from '../../subgraphs/credentials/entities/physician-screening.entity.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician } from '../../test/support/factories.ts';
import { randomNpi } from '../../test/support/identifiers.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { createWorker } from '../worker.ts';
import { createExclusionListActivities } from './activities.ts';
import { EXCLUSION_LIST_IMPORT_WORKFLOW, type ExclusionListImportInput, type ExclusionListImportResult } from './shared.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let worker: MikroORM;
let credentials: MikroORM;
let identity: MikroORM;
let owner: MikroORM;
let suiteStartedAt: string;
let standIn: RunningExclusionListStandIn;
let deps: Awaited<ReturnType<typeof testActivityDeps>>;
let activities: ReturnType<typeof createExclusionListActivities>;
const dir = mkdtempSync(join(tmpdir(), 'credence-exclusions-test-'));

beforeAll(async () => {
  suiteStartedAt = new Date().toISOString();
  worker = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  credentials = await openDatabase({ url: stack.serviceEnv.credentials.DATABASE_URL!, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  owner = await openDatabase({ url: stack.superuserUrl, logger });
  standIn = await startExclusionListStandIn();
  deps = await testActivityDeps(worker);
  activities = createExclusionListActivities(deps);
});

afterAll(async () => {
  await standIn.stop();
  await Promise.all([worker.close(), credentials.close(), identity.close(), owner.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const leieRow = (values: Record<string, string>) => LEIE_HEADER.split(',').map((column) => values[column] ?? (['DOB', 'EXCLDATE', 'REINDATE', 'WAIVERDATE'].includes(column) ? '00000000' : '')).join(',');
const QUILLFEATHER = { LASTNAME: 'QUILLFEATHER', FIRSTNAME: 'THADDEUS', MIDNAME: 'R', GENERAL: 'INDIVIDUAL', SPECIALTY: 'FAMILY PRACTICE', NPI: '1900001235', DOB: '19700214', STATE: 'OR', EXCLTYPE: '1128a1', EXCLDATE: '20240115' };

const entries = async (list: string) =>
  (await owner.em.fork().execute<{ id: string; last_name: string | null; reinstated_on: string | null }[]>(
    `select id, last_name, reinstated_on::text as reinstated_on from screening.exclusion_entries where list = ? order by id`, [list]));
/** The imports this suite made (other suites import into the same database). */
const imports = () => owner.em.fork().execute<{ id: string; status: string; kind: string; rows: number | null; detail: string | null }[]>(
  `select id, status, kind, rows, detail from screening.exclusion_imports where started_at >= ? order by started_at, id`, [suiteStartedAt]);
const standing = async (physicianId: string) =>
  (await owner.em.fork().execute<{ status: string }[]>(`select status from credentials.physician_screenings where physician_id = ?`, [physicianId]))[0]?.status ?? null;
const matchesOf = (physicianId: string) => owner.em.fork().execute<{ list: string; matched_by: string; cleared: boolean }[]>(
  `select list, matched_by, cleared_at is not null as cleared from credentials.exclusion_matches where physician_id = ? order by found_at, list`, [physicianId]);
const staffOf = (organizationId: string): Caller => ({
  userId: randomUUID(), organizationId, role: 'CREDENTIALING_STAFF', sessionId: randomUUID(), requestId: randomUUID(), sourceIp: '198.51.100.9',
});

/** Screens the organization in batches of two, following the cursor; returns the summed counts. */
async function screenOrganization(organizationId: string) {
  const totals = { screened: 0, excluded: 0, possibleMatches: 0, clear: 0, newMatches: 0, clearedMatches: 0, batches: 0 };
  let afterId: string | null = null;
  do {
    const batch: Awaited<ReturnType<typeof activities.screenPhysicians>> = await activities.screenPhysicians({ organizationId, afterId, limit: 2 });
    for (const key of ['screened', 'excluded', 'possibleMatches', 'clear', 'newMatches', 'clearedMatches'] as const) totals[key] += batch[key];
    totals.batches += 1;
    afterId = batch.nextAfterId;
  } while (afterId !== null);
  return totals;
}

describe('exclusion lists', () => {
  let organization: string;
  let bystander: string;
  const ids: Record<'excluded' | 'possible' | 'sam' | 'clear' | 'noBirthDate' | 'later', string> = {} as never;

  it('imports the full LEIE file; the same file again is a no-op, recorded as SKIPPED', async () => {
    // The list is the database's, shared with other suites: what a full file removes is whatever
    // was there and is not in it (nothing, on a fresh database).
    const before = new Set((await entries('OIG_LEIE')).map((entry) => entry.id));
    const first = await activities.importExclusionList({ list: 'OIG_LEIE', location: standIn.leieUrl });
    expect(first).toMatchObject({ status: 'COMPLETED', kind: 'FULL', rows: 4, sameAs: null });
    const stored = await entries('OIG_LEIE');
    expect(first.removed).toBe([...before].filter((id) => !stored.some((entry) => entry.id === id)).length);
    expect(stored.map((entry) => entry.last_name ?? '(a business)').sort()).toEqual(['(a business)', 'PENHALLOW', 'PENHALLOW', 'QUILLFEATHER']);

    const again = await activities.importExclusionList({ list: 'OIG_LEIE', location: standIn.leieUrl });
    expect(again).toMatchObject({ status: 'SKIPPED', rows: 0, sameAs: first.importId, sha256: first.sha256 });
    expect(await entries('OIG_LEIE')).toEqual(stored);
    expect((await imports()).map((row) => [row.status, row.rows])).toEqual([['COMPLETED', 4], ['SKIPPED', 0]]);

    const sam = await activities.importExclusionList({ list: 'SAM', location: standIn.samUrl });
    expect(sam).toMatchObject({ status: 'COMPLETED', kind: 'FULL', rows: 2 });
  });

  it('refuses a file whose header is not the list\'s, with its message, and stores nothing', async () => {
    const before = { leie: await entries('OIG_LEIE'), sam: await entries('SAM'), imports: await imports() };
    const leieAsSam = file('UPDATED.csv', leieUpdatedCsv());
    await expect(activities.importExclusionList({ list: 'SAM', location: leieAsSam })).rejects.toMatchObject({
      type: 'EXCLUSION_FILE_HEADER', nonRetryable: true,
      message: expect.stringMatching(/^UPDATED\.csv is not a SAM\.gov Exclusions Public Extract \(V2\): its header lacks the columns Classification, Name, First, Middle, Last, State \/ Province/),
    });
    await expect(activities.importExclusionList({ list: 'OIG_LEIE', location: file('UPDATED.csv', 'LASTNAME,FIRSTNAME\nDOE,JANE\n') })).rejects.toMatchObject({ type: 'EXCLUSION_FILE_HEADER' });
    await expect(activities.importExclusionList({ list: 'OIG_LEIE', location: join(dir, 'missing', 'UPDATED.csv') })).rejects.toMatchObject({ type: 'EXCLUSION_FILE_NOT_FOUND' });
    expect({ leie: await entries('OIG_LEIE'), sam: await entries('SAM'), imports: await imports() }).toEqual(before);
  });

  it('screens: EXCLUDED by NPI, POSSIBLE_MATCH by name and date of birth or by name and state, CLEAR otherwise; each new match audited', async () => {
    organization = await anOrganization(identity, { name: 'Screened hospital' });
    bystander = await anOrganization(identity, { name: 'Bystander hospital' });
    await worker.em.fork().transactional(async (em) => {
      const keys = await deps.encryption.forOrganization(em, organization);
      const physician = (person: { givenName: string; familyName: string; npi: string; dateOfBirth?: string }) =>
        insertStoredPhysician(em, keys, organization, { ...person, affiliated: true });
      ids.excluded = await physician(PEOPLE.excludedByNpi);
      ids.possible = await physician(PEOPLE.possibleMatch);
      ids.sam = await physician(PEOPLE.samPossibleMatch);
      ids.clear = await physician(PEOPLE.clear);
      // The LEIE's PENHALLOW, MARISOL by name, but no date of birth on file: no match.
      ids.noBirthDate = await physician({ givenName: 'Marisol', familyName: 'Penhallow', npi: randomNpi() });
      ids.later = await physician({ givenName: 'Cosmo', familyName: 'Vantreight', npi: randomNpi(), dateOfBirth: '1975-05-05' });
      await insertStoredCredentials(em, keys, organization, [
        { physicianId: ids.sam, type: 'STATE_LICENSE', number: 'VT-0001', issuer: 'Vermont Board of Medical Practice', state: PEOPLE.samPossibleMatch.licenseState, expiresOn: '2030-01-01' },
      ]);
      // Another organization's physician on the list by NPI.
      const bystanderKeys = await deps.encryption.forOrganization(em, bystander);
      await insertStoredPhysician(em, bystanderKeys, bystander, { ...PEOPLE.excludedByNpi, affiliated: true });
    });

    // The organization's webhook endpoint for exclusions (its secret is not read here).
    const [subscription] = await owner.em.fork().execute<{ id: string }[]>(
      `insert into credentials.webhook_subscriptions (id, organization_id, url, events, secret) values (gen_random_uuid(), ?, 'https://hooks.example.com/in', '{physician.excluded}', '\\x00') returning id`, [organization]);
    const webhookEvents = () => owner.em.fork().execute<{ event_type: string; payload: string }[]>(
      `select event_type, payload from credentials.webhook_deliveries where subscription_id = ? order by created_at`, [subscription!.id]);

    const totals = await screenOrganization(organization);
    expect(totals).toMatchObject({ screened: 6, excluded: 1, possibleMatches: 2, clear: 3, newMatches: 3, clearedMatches: 0, batches: 4 });
    // The exclusion (by NPI), not the possible matches, is the organization's webhook event: ids and codes only.
    const [match] = await owner.em.fork().execute<{ id: string }[]>(`select id from credentials.exclusion_matches where physician_id = ?`, [ids.excluded]);
    expect((await webhookEvents()).map((row) => ({ type: row.event_type, payload: JSON.parse(row.payload) }))).toEqual([
      { type: 'physician.excluded', payload: { type: 'physician.excluded', timestamp: expect.any(String), data: { physicianId: ids.excluded, matchId: match!.id, list: 'OIG_LEIE', matchedBy: 'NPI' } } },
    ]);
    expect(await standing(ids.excluded)).toBe('EXCLUDED');
    expect(await standing(ids.possible)).toBe('POSSIBLE_MATCH');
    expect(await standing(ids.sam)).toBe('POSSIBLE_MATCH');
    expect(await standing(ids.clear)).toBe('CLEAR');
    expect(await standing(ids.noBirthDate)).toBe('CLEAR');
    expect(await matchesOf(ids.excluded)).toEqual([{ list: 'OIG_LEIE', matched_by: 'NPI', cleared: false }]);
    expect(await matchesOf(ids.possible)).toEqual([{ list: 'OIG_LEIE', matched_by: 'NAME_AND_DATE_OF_BIRTH', cleared: false }]);
    expect(await matchesOf(ids.sam)).toEqual([{ list: 'SAM', matched_by: 'NAME_AND_STATE', cleared: false }]);

    const [screening] = await owner.em.fork().execute<{ lists_as_of: Record<string, string> }[]>(`select lists_as_of from credentials.physician_screenings where physician_id = ?`, [ids.excluded]);
    expect(Object.keys(screening!.lists_as_of).sort()).toEqual(['OIG_LEIE', 'SAM']);
    const audit = await owner.em.fork().execute<{ resource_type: string; resource_id: string; action: string; reason: string; actor_id: string | null }[]>(
      `select resource_type, resource_id, action, reason, actor_id from audit.events where organization_id = ? and reason like 'exclusion_match%' order by reason`, [organization]);
    expect(audit.map((event) => [event.resource_id, event.reason])).toEqual([
      [ids.possible, 'exclusion_match:oig_leie:name_and_date_of_birth'],
      [ids.excluded, 'exclusion_match:oig_leie:npi'],
      [ids.sam, 'exclusion_match:sam:name_and_state'],
    ]);
    expect(audit.every((event) => event.resource_type === 'Physician' && event.action === 'CREATE' && event.actor_id === null)).toBe(true);

    // Screening again finds nothing new, audits nothing more and sends nothing more.
    expect(await screenOrganization(organization)).toMatchObject({ excluded: 1, possibleMatches: 2, newMatches: 0, clearedMatches: 0 });
    expect(await webhookEvents()).toHaveLength(1);
  });

  it('shows the results to the organization\'s staff through the entities, and none to another organization', async () => {
    const visible = await runAsCaller(credentials, staffOf(organization), async (em) => ({
      screenings: await em.find(PhysicianScreening, {}, { orderBy: { physician: 'asc' } }),
      matches: await em.find(ExclusionMatch, { clearedAt: null }),
    }));
    expect(visible.screenings).toHaveLength(6);
    const excluded = visible.screenings.find((row) => row.physician.id === ids.excluded);
    expect(excluded?.organization.id).toBe(organization);
    expect(excluded?.status).toBe('EXCLUDED');
    expect(visible.matches.map((match) => match.matchedBy).sort()).toEqual(['NAME_AND_DATE_OF_BIRTH', 'NAME_AND_STATE', 'NPI']);
    expect(visible.matches.find((match) => match.matchedBy === 'NPI')).toMatchObject({ list: 'OIG_LEIE', exclusionType: '1128a1', excludedOn: '2024-01-15' });

    const other = await runAsCaller(credentials, staffOf(bystander), async (em) => ({
      screenings: await em.count(PhysicianScreening, { organization }),
      matches: await em.count(ExclusionMatch, { organization }),
      raw: await em.execute(`select 1 from credentials.physician_screenings where organization_id = ? union all select 1 from credentials.exclusion_matches where organization_id = ?`, [organization, organization]),
    }));
    expect(other).toEqual({ screenings: 0, matches: 0, raw: [] });
    // Nor may it write one for them.
    await expect(runAsCaller(credentials, staffOf(bystander), (em) => em.execute(
      `insert into credentials.physician_screenings (organization_id, physician_id, status) values (?, ?, 'CLEAR')`, [organization, ids.clear]))).rejects.toThrow(/row-level security/);
  });

  it('applies the monthly supplements: a new exclusion, then a reinstatement that clears the match', async () => {
    const addition = file('1226EXCL.csv', `${LEIE_HEADER}\r\n${leieRow({ LASTNAME: 'VANTREIGHT', FIRSTNAME: 'COSMO', DOB: '19750505', STATE: 'NH', EXCLTYPE: '1128b1', EXCLDATE: '20261110', NPI: '0000000000' })}\r\n`);
    expect(await activities.importExclusionList({ list: 'OIG_LEIE', location: addition })).toMatchObject({ status: 'COMPLETED', kind: 'EXCLUSIONS', rows: 1 });
    const reinstatement = file('1226REIN.csv', `${LEIE_HEADER}\r\n${leieRow({ ...QUILLFEATHER, REINDATE: '20261120' })}\r\n`);
    expect(await activities.importExclusionList({ list: 'OIG_LEIE', location: reinstatement })).toMatchObject({ status: 'COMPLETED', kind: 'REINSTATEMENTS', rows: 1, reinstated: 1 });
    const stored = await entries('OIG_LEIE');
    expect(stored).toHaveLength(5);
    expect(stored.find((entry) => entry.last_name === 'QUILLFEATHER')!.reinstated_on).toBe('2026-11-20');

    const totals = await screenOrganization(organization);
    expect(totals).toMatchObject({ excluded: 0, possibleMatches: 3, newMatches: 1, clearedMatches: 1 });
    expect(await standing(ids.excluded)).toBe('CLEAR');
    expect(await matchesOf(ids.excluded)).toEqual([{ list: 'OIG_LEIE', matched_by: 'NPI', cleared: true }]);
    expect(await standing(ids.later)).toBe('POSSIBLE_MATCH');
    const [cleared] = await owner.em.fork().execute<{ reason: string }[]>(
      `select reason from audit.events where organization_id = ? and resource_id = ? and reason like 'exclusion_match_cleared%'`, [organization, ids.excluded]);
    expect(cleared).toEqual({ reason: 'exclusion_match_cleared:oig_leie:npi' });
  });

  it('a new full file replaces the list: whoever dropped out is no longer matched', async () => {
    // This month's file no longer lists PENHALLOW, MARISOL (1981) nor the business.
    const csv = leieUpdatedCsv().split('\r\n').filter((line) => !line.includes('19810630') && !line.includes('GREYMANTLE')).join('\r\n');
    const result = await activities.importExclusionList({ list: 'OIG_LEIE', location: file('UPDATED.csv', csv) });
    expect(result).toMatchObject({ status: 'COMPLETED', kind: 'FULL', rows: 2, removed: 3 });
    expect((await entries('OIG_LEIE')).map((entry) => entry.last_name).sort()).toEqual(['PENHALLOW', 'QUILLFEATHER']);

    // It names QUILLFEATHER again (no reinstatement date): the match cleared last month reopens.
    expect(await screenOrganization(organization)).toMatchObject({ excluded: 1, newMatches: 1, clearedMatches: 2 });
    expect(await standing(ids.excluded)).toBe('EXCLUDED');
    expect(await matchesOf(ids.excluded)).toEqual([{ list: 'OIG_LEIE', matched_by: 'NPI', cleared: false }]);
    const [reopened] = await owner.em.fork().execute<{ reason: string }[]>(
      `select reason from audit.events where organization_id = ? and resource_id = ? and reason like 'exclusion_match_reopened%'`, [organization, ids.excluded]);
    expect(reopened).toEqual({ reason: 'exclusion_match_reopened:oig_leie:npi' });
    expect(await standing(ids.possible)).toBe('CLEAR');
    expect(await standing(ids.later)).toBe('CLEAR');
    expect(await standing(ids.sam)).toBe('POSSIBLE_MATCH');
  });

  it('refuses a bad screening request with a clear error', async () => {
    await expect(activities.screenPhysicians({ limit: 0 })).rejects.toMatchObject({ type: 'BAD_USER_INPUT', nonRetryable: true, message: 'limit must be a whole number from 1 to 2000' });
    await expect(activities.screenPhysicians({ afterId: 'nope', limit: 10 })).rejects.toMatchObject({ message: 'afterId must be a UUID' });
  });

  it('runs the whole import and screening as a workflow on the real worker', async () => {
    const temporal = { address: stack.temporalAddress, namespace: 'default', taskQueue: `test-exclusions-${randomUUID()}` };
    const { worker: temporalWorker, connection: workerConnection } = await createWorker({ temporal, deps, logger });
    const connection = await Connection.connect({ address: stack.temporalAddress });
    try {
      const input: ExclusionListImportInput = { lists: [{ list: 'SAM', location: standIn.samUrl }], batchSize: 3 };
      const result = await temporalWorker.runUntil(new Client({ connection }).workflow.execute<(input: ExclusionListImportInput) => Promise<ExclusionListImportResult>>(
        EXCLUSION_LIST_IMPORT_WORKFLOW, { taskQueue: temporal.taskQueue, workflowId: `exclusion-list-import:${randomUUID()}`, args: [input] }));
      expect(result.imports).toEqual([{ list: 'SAM', kind: 'FULL', status: 'SKIPPED', rows: 0, removed: 0 }]);
      expect(result.screening.screened).toBeGreaterThanOrEqual(7);
      expect(result.screening.possibleMatches).toBeGreaterThanOrEqual(1);
    } finally {
      await workerConnection.close();
      await connection.close();
    }
    expect(await standing(ids.sam)).toBe('POSSIBLE_MATCH');
  });
});
