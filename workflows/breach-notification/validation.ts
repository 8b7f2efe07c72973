// Checks of the facts people give, shared by the audit subgraph (its answer names the field) and
// the workflow's validators (which check again whatever reaches them). Pure: the bundle imports it.
import { isUsJurisdiction } from '../../platform/us-jurisdictions.ts';

export const MAX_AFFECTED = 1_000_000_000;

/** What is wrong with the counts of affected people, or null. */
export function countsProblem(facts: { affectedCount: number; affectedJurisdictions: { jurisdiction: string; affectedCount: number }[] }): string | null {
  if (!Number.isInteger(facts.affectedCount) || facts.affectedCount < 0 || facts.affectedCount > MAX_AFFECTED) return 'affectedCount must be a whole number from 0 to 1,000,000,000';
  if (!Array.isArray(facts.affectedJurisdictions)) return 'affectedJurisdictions must be a list';
  const seen = new Set<string>();
  let total = 0;
  for (const entry of facts.affectedJurisdictions) {
    if (typeof entry?.jurisdiction !== 'string' || !isUsJurisdiction(entry.jurisdiction)) return `"${String(entry?.jurisdiction)}" is not a US state or territory code`;
    if (seen.has(entry.jurisdiction)) return `${entry.jurisdiction} is listed twice`;
    if (!Number.isInteger(entry.affectedCount) || entry.affectedCount < 0) return 'affected counts must be whole numbers, 0 or more';
    seen.add(entry.jurisdiction);
    total += entry.affectedCount;
  }
  return total > facts.affectedCount ? 'the jurisdictions count more affected people than affectedCount' : null;
}

/** The obligations that name their jurisdiction (one per state). */
export const OBLIGATIONS_BY_JURISDICTION: ReadonlySet<string> = new Set(['MEDIA', 'STATE_INDIVIDUALS', 'STATE_REGULATOR']);

/** An obligation's key from what a notification names. */
export const obligationKey = (obligation: string, jurisdiction: string | null | undefined) => (jurisdiction ? `${obligation}:${jurisdiction}` : obligation);
