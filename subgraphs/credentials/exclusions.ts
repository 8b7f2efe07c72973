// A physician's standing against the federal exclusion lists, as the graph shows it, and the
// request to screen a file again that a new file or a change of name or date of birth makes. The
// worker screens (workflows/exclusion-lists/screening.ts) and writes what this module reads.
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import type { CredentialsService } from './service.ts';

export interface ExclusionMatchView {
  id: string;
  list: string;
  matchedBy: string;
  excludedOn: string | null;
  exclusionType: string;
  foundAt: string;
}

export interface ExclusionStandingView {
  status: 'NOT_SCREENED' | 'CLEAR' | 'POSSIBLE_MATCH' | 'EXCLUDED';
  screenedAt: string | null;
  matches: ExclusionMatchView[];
}

/** In the transaction of the change that needs it: the worker's dispatcher screens the file within seconds. */
export async function requestScreening(em: EntityManager, organizationId: string, physicianId: string): Promise<void> {
  await em.execute(
    `insert into credentials.physician_screenings (organization_id, physician_id, requested_at) values (?, ?, now())
     on conflict (organization_id, physician_id) do update set requested_at = now()`,
    [organizationId, physicianId],
  );
}

/** Physician.exclusionStatus and exclusionMatches, read as the caller (row-level security decides). */
export async function exclusionStandingOf(service: CredentialsService, caller: Caller, physicianId: string): Promise<ExclusionStandingView> {
  return runAsCaller(service.orm, caller, async (em) => {
    const [screening] = await em.execute<{ status: ExclusionStandingView['status']; screened_at: string; requested_at: string | null }[]>(
      `select status, ${isoTimestamp('screened_at')} as screened_at, ${isoTimestamp('requested_at')} as requested_at
         from credentials.physician_screenings where physician_id = ?`,
      [physicianId],
    );
    const matches = await em.execute<{ id: string; list: string; matched_by: string; excluded_on: string | null; exclusion_type: string; found_at: string }[]>(
      `select id, list, matched_by, excluded_on::text as excluded_on, exclusion_type, ${isoTimestamp('found_at')} as found_at
         from credentials.exclusion_matches where physician_id = ? and cleared_at is null order by found_at, id`,
      [physicianId],
    );
    // A row made by a request alone, never screened yet, carries the status default and no screening time.
    const screened = screening && !(screening.status === 'NOT_SCREENED' && screening.requested_at !== null && screening.requested_at >= screening.screened_at);
    return {
      status: screening?.status ?? 'NOT_SCREENED',
      screenedAt: screened ? screening.screened_at : null,
      matches: matches.map((row) => ({ id: row.id, list: row.list, matchedBy: row.matched_by, excludedOn: row.excluded_on, exclusionType: row.exclusion_type, foundAt: row.found_at })),
    };
  });
}
