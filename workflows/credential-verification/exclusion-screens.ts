// The physician-level screens of every credential's verification: the federal exclusion lists as
// imported (workflows/exclusion-lists). Each list is a check of its own: EXCLUDED on an NPI match,
// MANUAL (a person reviews) on a possible match by name, VERIFIED when the physician is on no list,
// and SOURCE_UNAVAILABLE while the list has never been imported (asked again like a source that
// is down, so the first import after a start is waited for rather than passed over).
import type { ExclusionList } from '../../domain/exclusion-matching.ts';
import { ExclusionMatch } from '../../subgraphs/credentials/entities/index.ts';
import { ExclusionImport } from '../exclusion-lists/entities/exclusion-import.entity.ts';
import { screenPhysicianBatch, type ScreeningDeps } from '../exclusion-lists/screening.ts';
import type { ListScreen } from './activities.ts';

export function exclusionListScreens(deps: ScreeningDeps, lists: readonly ExclusionList[]): ListScreen[] {
  // One screening covers every list: the lists' checks of one physician, asked together, share it
  // (kept only while it runs).
  const screening = new Map<string, Promise<unknown>>();
  const screenOnce = (physicianId: string) => {
    let running = screening.get(physicianId);
    if (!running) {
      running = screenPhysicianBatch(deps, { physicianIds: [physicianId], limit: 1 }).finally(() => screening.delete(physicianId));
      screening.set(physicianId, running);
    }
    return running;
  };
  return lists.map((list) => ({
    name: list,
    async screen(physician) {
      const imported = await deps.orm.em.fork().findOne(ExclusionImport, { list, status: 'COMPLETED' }, { fields: ['id'] });
      if (!imported) return { result: 'SOURCE_UNAVAILABLE', problems: [{ field: 'exclusionList', code: 'LIST_NOT_IMPORTED' }] };
      await screenOnce(physician.physicianId);
      const matches = await deps.orm.em.fork().find(ExclusionMatch, { physician: physician.physicianId, list, clearedAt: null }, { fields: ['matchedBy'] });
      if (matches.some((match) => match.matchedBy === 'NPI')) return { result: 'EXCLUDED', problems: [{ field: 'npi', code: 'EXCLUDED_BY_NPI' }] };
      if (matches.length > 0) return { result: 'MANUAL', problems: [{ field: 'name', code: 'POSSIBLE_EXCLUSION_MATCH' }] };
      return { result: 'VERIFIED', problems: [] };
    },
  }));
}
