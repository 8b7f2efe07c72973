// The breach deadline engine (the contract in the workflow's design): every obligation the facts
// give, with its due instant. Pure and deterministic: the workflow bundle imports it.
// A first, narrow reading of the rules (instants, not calendar days; no state statutes captured);
// the full engine with its state table replaces it.
import { isUsJurisdiction } from '../../platform/us-jurisdictions.ts';

export const OBLIGATION_KINDS = ['INDIVIDUALS', 'MEDIA', 'HHS', 'HHS_ANNUAL_LOG', 'COVERED_ENTITY', 'CONTRACT',
  'STATE_INDIVIDUALS', 'STATE_REGULATOR'] as const;
export type ObligationKind = typeof OBLIGATION_KINDS[number];

/** A law-enforcement statement under 164.412. */
export interface LawEnforcementDelay {
  id: string;
  kind: 'WRITTEN' | 'ORAL';
  statedAt: string;
  until: string | null;
  agency: string;
  officer: string | null;
}

export interface BreachFacts {
  discoveredAt: string;
  affectedCount: number;
  affectedJurisdictions: { jurisdiction: string; affectedCount: number }[];
  actingAsBusinessAssociate: boolean;
  contractNoticeHours: number;
  timeZone: string;
  lawEnforcementDelays: LawEnforcementDelay[];
}

export interface Obligation {
  key: string;
  kind: ObligationKind;
  jurisdiction: string | null;
  dueAt: string;
  notBefore: string | null;
  rule: string;
  note: string | null;
  captured: boolean;
}

const DAY_MS = 24 * 3600_000;
const ORAL_DELAY_MAX_MS = 30 * DAY_MS;

/** The end of the law-enforcement hold the statements give, or null (164.412). */
function delayedUntil(delays: LawEnforcementDelay[]): { until: number; kind: 'WRITTEN' | 'ORAL' } | null {
  let hold: { until: number; kind: 'WRITTEN' | 'ORAL' } | null = null;
  for (const delay of delays) {
    const stated = Date.parse(delay.statedAt);
    const until = delay.kind === 'WRITTEN'
      ? Date.parse(delay.until ?? delay.statedAt)
      : Math.min(delay.until ? Date.parse(delay.until) : Infinity, stated + ORAL_DELAY_MAX_MS);
    if (!hold || until > hold.until) hold = { until, kind: delay.kind };
  }
  return hold;
}

export function deriveObligations(facts: BreachFacts): Obligation[] {
  const discovered = Date.parse(facts.discoveredAt);
  if (Number.isNaN(discovered)) throw new Error('discoveredAt is not an instant');
  if (!Number.isInteger(facts.affectedCount) || facts.affectedCount < 0) throw new Error('affectedCount must be a whole number, 0 or more');
  for (const { jurisdiction, affectedCount } of facts.affectedJurisdictions) {
    if (!isUsJurisdiction(jurisdiction)) throw new Error(`${jurisdiction} is not a US jurisdiction`);
    if (!Number.isInteger(affectedCount) || affectedCount < 0) throw new Error('affected counts must be whole numbers, 0 or more');
  }
  const hold = delayedUntil(facts.lawEnforcementDelays);
  const sixtyDays = discovered + 60 * DAY_MS;
  const obligations: Obligation[] = [];
  const add = (kind: ObligationKind, jurisdiction: string | null, due: number, rule: string, options: { delayable?: boolean; note?: string; captured?: boolean } = {}) => {
    const delayed = options.delayable !== false && hold !== null && hold.until > due ? hold : null;
    obligations.push({
      key: jurisdiction ? `${kind}:${jurisdiction}` : kind,
      kind,
      jurisdiction,
      dueAt: new Date(delayed ? delayed.until : due).toISOString(),
      notBefore: delayed ? new Date(delayed.until).toISOString() : null,
      rule,
      note: delayed ? `delayed by law enforcement (${delayed.kind.toLowerCase()}) until ${new Date(delayed.until).toISOString()}` : (options.note ?? null),
      captured: options.captured ?? true,
    });
  };
  add('INDIVIDUALS', null, sixtyDays, '45 CFR 164.404(b)');
  for (const { jurisdiction, affectedCount } of facts.affectedJurisdictions) {
    if (affectedCount > 500) add('MEDIA', jurisdiction, sixtyDays, '45 CFR 164.406');
  }
  if (facts.affectedCount >= 500) add('HHS', null, sixtyDays, '45 CFR 164.408(b)');
  else {
    const year = new Date(discovered).getUTCFullYear();
    add('HHS_ANNUAL_LOG', null, Date.UTC(year + 1, 0, 1) + 60 * DAY_MS, '45 CFR 164.408(c)');
  }
  if (facts.actingAsBusinessAssociate) add('COVERED_ENTITY', null, sixtyDays, '45 CFR 164.410');
  add('CONTRACT', null, discovered + facts.contractNoticeHours * 3600_000, 'business associate agreement', { delayable: false });
  for (const { jurisdiction, affectedCount } of facts.affectedJurisdictions) {
    if (affectedCount === 0) continue;
    const note = "the state's statute is not captured: HIPAA's 60-day limit shown";
    add('STATE_INDIVIDUALS', jurisdiction, sixtyDays, `${jurisdiction} breach notification statute`, { note, captured: false });
    add('STATE_REGULATOR', jurisdiction, sixtyDays, `${jurisdiction} breach notification statute`, { note, captured: false });
  }
  return obligations.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
}
