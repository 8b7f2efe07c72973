// A physician's standing against the federal exclusion lists, as the graph shows it, and the
// request to screen a file again that a new file or a change of name or date of birth makes. The
// worker screens (workflows/exclusion-lists/screening.ts) and writes what this module reads.
import { sql } from '@mikro-orm/postgresql';
import type { Caller } from '../../platform/caller.ts';
import { runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { ExclusionMatch, PhysicianScreening } from './entities/index.ts';
import type { CredentialsService } from './service.ts';

export interface ExclusionMatchView {
  id: string;
  list: string;
  matchedBy: string;
  excludedOn: string | null;
  exclusionType: string;
  foundAt: Date;
}

export interface ExclusionStandingView {
  status: 'NOT_SCREENED' | 'CLEAR' | 'POSSIBLE_MATCH' | 'EXCLUDED';
  screenedAt: Date | null;
  matches: ExclusionMatchView[];
}

/** In the transaction of the change that needs it: the worker's dispatcher screens the file within seconds. */
export async function requestScreening(em: EntityManager, organizationId: string, physicianId: string): Promise<void> {
  await em.createQueryBuilder(PhysicianScreening)
    .insert({ organization: organizationId, physician: physicianId, requestedAt: sql.now() })
    .onConflict(['organization', 'physician'])
    .merge({ requestedAt: sql.now() })
    .execute('run');
}

/** Physician.exclusionStatus and exclusionMatches, read as the caller (row-level security decides). */
export async function exclusionStandingOf(service: CredentialsService, caller: Caller, physicianId: string): Promise<ExclusionStandingView> {
  return runAsCaller(service.orm, caller, async (em) => {
    const screening = await em.findOne(PhysicianScreening, { physician: physicianId }, { fields: ['status', 'screenedAt', 'requestedAt'] });
    const matches = await em.find(
      ExclusionMatch,
      { physician: physicianId, clearedAt: null },
      { fields: ['list', 'matchedBy', 'excludedOn', 'exclusionType', 'foundAt'], orderBy: { foundAt: 'asc', id: 'asc' } },
    );
    // A row made by a request alone, never screened yet, carries the status default and no screening time.
    const requestedAt = screening?.requestedAt ?? null;
    const screened = screening && !(screening.status === 'NOT_SCREENED' && requestedAt !== null && requestedAt.getTime() >= screening.screenedAt.getTime());
    return {
      status: (screening?.status ?? 'NOT_SCREENED') as ExclusionStandingView['status'],
      screenedAt: screened ? screening.screenedAt : null,
      matches: matches.map((match) => ({ id: match.id, list: match.list, matchedBy: match.matchedBy, excludedOn: match.excludedOn ?? null, exclusionType: match.exclusionType, foundAt: match.foundAt })),
    };
  });
}
