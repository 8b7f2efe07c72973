// Names and types shared by the exclusion list workflow, its activities, the schedule and the
// import command.
import type { ExclusionImportKind, ExclusionList } from '../../domain/exclusion-matching.ts';

export const EXCLUSION_LIST_IMPORT_WORKFLOW = 'exclusionListImportWorkflow';

/** One list to import: where from, and what kind of file (a full list unless told). */
export interface ExclusionListSource {
  list: ExclusionList;
  /** An http(s) URL or a path on the worker's machine. */
  location: string;
  kind?: ExclusionImportKind;
}

export interface ExclusionListImportInput {
  lists: ExclusionListSource[];
  /** Physicians screened per activity call. */
  batchSize?: number;
  /** Carried into a continued run: imports done, the screening cursor and the counts so far. */
  continued?: { afterId: string; totals: ScreeningTotals; imports: ImportSummary[] };
}

export interface ImportSummary {
  list: ExclusionList;
  kind: ExclusionImportKind;
  status: 'COMPLETED' | 'SKIPPED';
  rows: number;
  removed: number;
}

export interface ScreeningTotals {
  screened: number;
  clear: number;
  possibleMatches: number;
  excluded: number;
  /** Matches found for the first time (each audited). */
  newMatches: number;
  /** Open matches that no longer hold. */
  clearedMatches: number;
}

export interface ExclusionListImportResult {
  imports: ImportSummary[];
  screening: ScreeningTotals;
}

export const emptyTotals = (): ScreeningTotals => ({ screened: 0, clear: 0, possibleMatches: 0, excluded: 0, newMatches: 0, clearedMatches: 0 });
