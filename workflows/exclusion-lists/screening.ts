// Screening physicians against the imported exclusion lists, as the worker's role, one batch of
// physicians (in id order) per transaction: their dates of birth decrypted with their
// organization's keys, the list entries that could match them fetched in one query, the rules of
// domain/exclusion-matching.ts applied, and the results written: new matches stored and audited,
// matches that no longer hold (the entry was reinstated or left the list) cleared, and each
// physician's standing (credentials.physician_screenings) set from its open matches. A new NPI
// match (an exclusion) writes the organization's physician.excluded webhook event with it.
import { randomUUID } from 'node:crypto';
import {
  matchPhysician, screeningStatusOf, surnameKeys, usableNpi,
  type ExclusionCandidate, type FoundMatch, type ScreenedPhysician, type ScreeningStatus,
} from '../../domain/exclusion-matching.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import { recordAudit, type AuditEventInput } from '../../platform/audit.ts';
import type { EntityManager, MikroORM } from '../../platform/database/orm.ts';
import { AppError, badUserInput } from '../../platform/errors.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { encryptedFields, type EncryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { ExclusionMatch, Physician } from '../../subgraphs/credentials/entities/index.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import { enqueueWebhookEvent } from '../../platform/webhooks-out/events.ts';
import type { ScreeningTotals } from './shared.ts';

export interface ScreenPhysiciansInput {
  /** Only this organization's physicians. */
  organizationId?: string;
  /** Only these physicians. */
  physicianIds?: string[];
  /** The cursor: physicians after this id (the previous batch's nextAfterId). */
  afterId?: string | null;
  limit: number;
}

export interface ScreeningBatchResult extends ScreeningTotals {
  /** The cursor of the next batch; null when this batch was the last. */
  nextAfterId: string | null;
}

export interface ScreeningDeps {
  orm: MikroORM;
  encryption: FieldEncryption;
  logger?: Logger;
}

export const MAX_SCREENING_BATCH = 2_000;

interface PhysicianRow {
  id: string;
  organization_id: string;
  given_name: string;
  family_name: string;
  npi: string;
  date_of_birth: Buffer | null;
  states: string[];
}

interface CandidateRow {
  id: string;
  list: ExclusionCandidate['list'];
  npi: string | null;
  last_name: string | null;
  first_name: string | null;
  date_of_birth: string | null;
  state: string | null;
  excluded_on: string | null;
  reinstated_on: string | null;
  terminates_on: string | null;
  exclusion_type: string;
}

function checkInput(input: ScreenPhysiciansInput): void {
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > MAX_SCREENING_BATCH) {
    throw badUserInput(`limit must be a whole number from 1 to ${MAX_SCREENING_BATCH}`, { field: 'limit' });
  }
  for (const [field, value] of [['organizationId', input.organizationId], ['afterId', input.afterId]] as const) {
    if (value !== undefined && value !== null && !isUuid(value)) throw badUserInput(`${field} must be a UUID`, { field });
  }
  if (input.physicianIds && !input.physicianIds.every(isUuid)) throw badUserInput('physicianIds must be UUIDs', { field: 'physicianIds' });
}

/** The latest completed import of each list (what results are "as of"). */
async function listsAsOf(em: EntityManager): Promise<Record<string, string>> {
  // Raw SQL: an aggregate per list, as text to the millisecond.
  const rows = await em.execute<{ list: string; finished_at: string }[]>(
    `select list, to_char(max(finished_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as finished_at
       from screening.exclusion_imports where status = 'COMPLETED' group by list`,
  );
  return Object.fromEntries(rows.map((row) => [row.list, row.finished_at]));
}

/**
 * Each physician's date of birth in the clear (null where none is on file, or where it cannot be
 * read: a destroyed organization key, a ciphertext that fails its check; NPI matching goes on).
 */
async function datesOfBirth(em: EntityManager, deps: ScreeningDeps, physicians: PhysicianRow[]): Promise<Map<string, string | null>> {
  const keysByOrganization = new Map<string, EncryptedFields<Physician> | null>();
  const dates = new Map<string, string | null>();
  for (const physician of physicians) {
    if (!physician.date_of_birth) {
      dates.set(physician.id, null);
      continue;
    }
    if (!keysByOrganization.has(physician.organization_id)) {
      try {
        keysByOrganization.set(physician.organization_id, encryptedFields(em, await deps.encryption.forOrganization(em, physician.organization_id), Physician));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        deps.logger?.warn({ organizationId: physician.organization_id }, 'screening without dates of birth: the organization\'s keys cannot be read');
        keysByOrganization.set(physician.organization_id, null);
      }
    }
    const fields = keysByOrganization.get(physician.organization_id);
    let date: string | null = null;
    if (fields) {
      try {
        date = fields.open(physician.id, 'dateOfBirth', physician.date_of_birth);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        deps.logger?.error({ table: 'physicians', column: 'date_of_birth', rowId: physician.id }, 'an encrypted field failed to decrypt');
      }
    }
    dates.set(physician.id, date);
  }
  return dates;
}

/** The entries in force that share an NPI, or a surname part and (LEIE) a date of birth or (SAM) a state, with any physician of the batch. */
async function candidatesFor(em: EntityManager, physicians: ScreenedPhysician[]): Promise<ExclusionCandidate[]> {
  const npis = [...new Set(physicians.map((physician) => usableNpi(physician.npi)).filter((npi): npi is string => npi !== null))];
  const keys = [...new Set(physicians.flatMap((physician) => surnameKeys(physician.familyName)))];
  const dates = [...new Set(physicians.map((physician) => physician.dateOfBirth).filter((date): date is string => date !== null))];
  const states = [...new Set(physicians.flatMap((physician) => physician.states ?? []))];
  const array = (values: string[]) => JSON.stringify(values);
  // Raw SQL: one statement over arrays of the batch's keys, against the list's expression indexes.
  const rows = await em.execute<CandidateRow[]>(
    `with wanted as (
       select array(select jsonb_array_elements_text(?::jsonb)) as npis, array(select jsonb_array_elements_text(?::jsonb)) as keys,
              array(select jsonb_array_elements_text(?::jsonb)::date) as dates, array(select jsonb_array_elements_text(?::jsonb)) as states)
     select e.id, e.list, e.npi, e.last_name, e.first_name, e.date_of_birth::text as date_of_birth, e.state,
            e.excluded_on::text as excluded_on, e.reinstated_on::text as reinstated_on, e.terminates_on::text as terminates_on, e.exclusion_type
       from screening.exclusion_entries e, wanted w
      where e.reinstated_on is null
        and (e.npi = any (w.npis)
             or (e.list = 'OIG_LEIE' and e.date_of_birth = any (w.dates) and e.last_name_keys && w.keys)
             or (e.list = 'SAM' and e.state = any (w.states) and e.last_name_keys && w.keys))`,
    [array(npis), array(keys), array(dates), array(states)],
  );
  return rows.map((row) => ({
    id: row.id, list: row.list, npi: row.npi, lastName: row.last_name, firstName: row.first_name, dateOfBirth: row.date_of_birth,
    state: row.state, excludedOn: row.excluded_on, reinstatedOn: row.reinstated_on, terminatesOn: row.terminates_on, exclusionType: row.exclusion_type,
  }));
}

/** The candidates of one physician: those sharing its NPI or a surname part (the matcher decides the rest). */
function candidateIndex(candidates: ExclusionCandidate[]) {
  const byKey = new Map<string, ExclusionCandidate[]>();
  const add = (key: string, candidate: ExclusionCandidate) => {
    const list = byKey.get(key);
    if (list) list.push(candidate);
    else byKey.set(key, [candidate]);
  };
  for (const candidate of candidates) {
    if (candidate.npi) add(`npi:${candidate.npi}`, candidate);
    for (const key of surnameKeys(candidate.lastName)) add(`name:${key}`, candidate);
  }
  return (physician: ScreenedPhysician): ExclusionCandidate[] => {
    const found = new Set<ExclusionCandidate>(byKey.get(`npi:${physician.npi}`) ?? []);
    for (const key of surnameKeys(physician.familyName)) for (const candidate of byKey.get(`name:${key}`) ?? []) found.add(candidate);
    return [...found];
  };
}

const reasonOf = (prefix: string, match: Pick<FoundMatch, 'list' | 'matchedBy'>) => `${prefix}:${match.list.toLowerCase()}:${match.matchedBy.toLowerCase()}`;

/** Screens one batch of physicians (see the top of this file). */
export async function screenPhysicianBatch(deps: ScreeningDeps, input: ScreenPhysiciansInput): Promise<ScreeningBatchResult> {
  checkInput(input);
  const asOf = new Date().toISOString().slice(0, 10);
  return deps.orm.em.fork().transactional(async (em) => {
    // Raw SQL: each physician with the states of its credentials (an array subquery), in one statement.
    const physicians = await em.execute<PhysicianRow[]>(
      `select p.id, p.organization_id, p.given_name, p.family_name, p.npi, p.date_of_birth,
              array(select distinct c.state from credentials.credentials c
                     where c.physician_id = p.id and c.removed_at is null and c.state is not null) as states
         from credentials.physicians p
        where (?::uuid is null or p.organization_id = ?::uuid)
          and (?::jsonb is null or p.id in (select jsonb_array_elements_text(?::jsonb)::uuid))
          and (?::uuid is null or p.id > ?::uuid)
        order by p.id limit ?`,
      [
        input.organizationId ?? null, input.organizationId ?? null,
        input.physicianIds ? JSON.stringify(input.physicianIds) : null, input.physicianIds ? JSON.stringify(input.physicianIds) : null,
        input.afterId ?? null, input.afterId ?? null, input.limit,
      ],
    );
    const result: ScreeningBatchResult = { screened: physicians.length, clear: 0, possibleMatches: 0, excluded: 0, newMatches: 0, clearedMatches: 0, nextAfterId: null };
    if (physicians.length === 0) return result;
    result.nextAfterId = physicians.length === input.limit ? physicians[physicians.length - 1]!.id : null;

    const asOfLists = await listsAsOf(em);
    const dates = await datesOfBirth(em, deps, physicians);
    const screened: (ScreenedPhysician & { id: string; organizationId: string })[] = physicians.map((row) => ({
      id: row.id, organizationId: row.organization_id, npi: row.npi, givenName: row.given_name, familyName: row.family_name,
      dateOfBirth: dates.get(row.id) ?? null, states: row.states,
    }));
    const candidatesOf = candidateIndex(await candidatesFor(em, screened));
    const found = screened.flatMap((physician) =>
      matchPhysician(physician, candidatesOf(physician), asOf).map((match) => ({ ...match, physicianId: physician.id, organizationId: physician.organizationId })));

    const caller = systemCaller(`exclusion-screening-${randomUUID()}`);
    const events: AuditEventInput[] = [];
    if (found.length > 0) {
      // A match already recorded keeps its row: an open one whose entry now matches another way (the
      // list added the NPI) takes the new way; one cleared because its entry had left the list is
      // reopened now that the list names the person again; one a person reviewed stays cleared.
      // Raw SQL: a batch upsert with a conditional update that says which rows it inserted (xmax).
      const written = await em.execute<{ id: string; organization_id: string; physician_id: string; list: FoundMatch['list']; matched_by: FoundMatch['matchedBy']; inserted: boolean; reopened: boolean }[]>(
        `insert into credentials.exclusion_matches (id, organization_id, physician_id, list, entry_id, matched_by, excluded_on, exclusion_type)
         select gen_random_uuid(), organization_id, physician_id, list, entry_id, matched_by, excluded_on, exclusion_type
           from jsonb_to_recordset(?::jsonb) as r(organization_id uuid, physician_id uuid, list text, entry_id uuid, matched_by text, excluded_on date, exclusion_type text)
         on conflict (organization_id, physician_id, entry_id) do update
           set matched_by = excluded.matched_by, excluded_on = excluded.excluded_on, exclusion_type = excluded.exclusion_type,
               cleared_at = null, cleared_because = null,
               found_at = case when exclusion_matches.cleared_at is null then exclusion_matches.found_at else now() end
           where (exclusion_matches.cleared_at is null and exclusion_matches.matched_by <> excluded.matched_by)
              or exclusion_matches.cleared_because = 'NO_LONGER_LISTED'
         returning id, organization_id, physician_id, list, matched_by, (xmax = 0) as inserted,
                   found_at = now() and not (xmax = 0) as reopened`,
        [JSON.stringify(found.map((match) => ({
          organization_id: match.organizationId, physician_id: match.physicianId, list: match.list, entry_id: match.entryId,
          matched_by: match.matchedBy, excluded_on: match.excludedOn, exclusion_type: match.exclusionType,
        })))],
      );
      for (const row of written) {
        if (row.inserted || row.reopened) result.newMatches += 1;
        const prefix = row.inserted ? 'exclusion_match' : row.reopened ? 'exclusion_match_reopened' : 'exclusion_match_changed';
        events.push({
          organizationId: row.organization_id, action: row.inserted ? 'CREATE' : 'UPDATE', resourceType: 'Physician', resourceId: row.physician_id,
          outcome: 'SUCCESS', reason: reasonOf(prefix, { list: row.list, matchedBy: row.matched_by }),
        });
        // A new (or reopened) exclusion, an NPI match, is the organization's webhook event; a name match waits for a person.
        if ((row.inserted || row.reopened) && row.matched_by === 'NPI') {
          await enqueueWebhookEvent(em, {
            organizationId: row.organization_id, type: 'physician.excluded',
            data: { physicianId: row.physician_id, matchId: row.id, list: row.list, matchedBy: row.matched_by },
          });
        }
      }
    }
    const ids = JSON.stringify(screened.map((physician) => physician.id));
    // Raw SQL: an update against the batch's matches given as a record set (not exists), returning what it cleared.
    const cleared = await em.execute<{ organization_id: string; physician_id: string; list: FoundMatch['list']; matched_by: FoundMatch['matchedBy'] }[]>(
      `update credentials.exclusion_matches m set cleared_at = now(), cleared_because = 'NO_LONGER_LISTED'
        where m.cleared_at is null and m.physician_id in (select jsonb_array_elements_text(?::jsonb)::uuid)
          and not exists (select 1 from jsonb_to_recordset(?::jsonb) as f(physician_id uuid, entry_id uuid) where f.physician_id = m.physician_id and f.entry_id = m.entry_id)
        returning m.organization_id, m.physician_id, m.list, m.matched_by`,
      [ids, JSON.stringify(found.map((match) => ({ physician_id: match.physicianId, entry_id: match.entryId })))],
    );
    result.clearedMatches = cleared.length;
    for (const row of cleared) {
      events.push({
        organizationId: row.organization_id, action: 'UPDATE', resourceType: 'Physician', resourceId: row.physician_id,
        outcome: 'SUCCESS', reason: reasonOf('exclusion_match_cleared', { list: row.list, matchedBy: row.matched_by }),
      });
    }

    // The standing comes from the open matches (a reviewer may have cleared some).
    const open = await em.createQueryBuilder(ExclusionMatch).select(['physician', 'matchedBy'])
      .where({ clearedAt: null, physician: { $in: screened.map((physician) => physician.id) } })
      .execute<{ physician: string; matchedBy: FoundMatch['matchedBy'] }[]>('all');
    const openByPhysician = new Map<string, { matchedBy: FoundMatch['matchedBy'] }[]>();
    for (const row of open) openByPhysician.set(row.physician, [...(openByPhysician.get(row.physician) ?? []), { matchedBy: row.matchedBy }]);
    const screenedAny = Object.keys(asOfLists).length > 0;
    const standings = screened.map((physician) => {
      const status: ScreeningStatus = screenedAny ? screeningStatusOf(openByPhysician.get(physician.id) ?? []) : 'NOT_SCREENED';
      if (status === 'CLEAR') result.clear += 1;
      else if (status === 'POSSIBLE_MATCH') result.possibleMatches += 1;
      else if (status === 'EXCLUDED') result.excluded += 1;
      return { organization_id: physician.organizationId, physician_id: physician.id, status };
    });
    // Raw SQL: one batch upsert from a record set.
    await em.execute(
      `insert into credentials.physician_screenings (organization_id, physician_id, status, screened_at, lists_as_of)
       select organization_id, physician_id, status, now(), ?::jsonb
         from jsonb_to_recordset(?::jsonb) as r(organization_id uuid, physician_id uuid, status text)
       on conflict (organization_id, physician_id) do update set status = excluded.status, screened_at = excluded.screened_at, lists_as_of = excluded.lists_as_of`,
      [JSON.stringify(asOfLists), JSON.stringify(standings)],
    );
    await recordAudit(em, caller, events);
    return result;
  });
}
