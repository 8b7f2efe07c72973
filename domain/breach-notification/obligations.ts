// The breach-notification deadline engine: every obligation the facts of an incident give, with its
// due instant, the instant a law-enforcement delay holds it until, and the rule it comes from
// (../shared/DOMAIN.md, 45 CFR 164.400–414, the state table in state-laws.ts). Pure and deterministic:
// imported by the Temporal workflow bundle, so no I/O, no clock, nothing outside domain/ and
// platform/us-jurisdictions.ts.
import { isUsJurisdiction } from '../../platform/us-jurisdictions.ts';
import { applyHolds, holdsOf, type Hold, type LawEnforcementDelay } from './law-enforcement.ts';
import { stateLawOf, type StateLaw } from './state-laws.ts';
import { HOUR_MS, calendarOf, daysAfter, isLeapYear, parseInstant, startOfLocalDay, toIso } from './time.ts';

export type { LawEnforcementDelay } from './law-enforcement.ts';

export const OBLIGATION_KINDS = ['INDIVIDUALS', 'MEDIA', 'HHS', 'HHS_ANNUAL_LOG', 'COVERED_ENTITY', 'CONTRACT',
  'STATE_INDIVIDUALS', 'STATE_REGULATOR'] as const;
export type ObligationKind = typeof OBLIGATION_KINDS[number];

export interface BreachFacts {
  discoveredAt: string;                 // ISO instant
  affectedCount: number;                // in all
  affectedJurisdictions: { jurisdiction: string; affectedCount: number }[]; // USPS codes
  actingAsBusinessAssociate: boolean;
  contractNoticeHours: number;          // the customer's contractual window (72 by default, set by the caller)
  timeZone: string;                     // IANA zone of the organization: the calendar year of discovery (day counts are 24-hour days from the instant)
  lawEnforcementDelays: LawEnforcementDelay[];
}

export interface Obligation {
  /** Stable across recomputations: `${kind}` or `${kind}:${jurisdiction}` — the workflow keys timers and status by it. */
  key: string;
  kind: ObligationKind;
  jurisdiction: string | null;
  dueAt: string;               // ISO instant, UTC
  notBefore: string | null;    // ISO instant: a law-enforcement delay holds notice until then
  rule: string;                // e.g. "45 CFR 164.404(b)", "Colo. Rev. Stat. § 6-1-716(2)"
  /** Why the due date is what it is when it is not the plain rule. Null otherwise. */
  note: string | null;
  /** False when the state table has no captured statute for this jurisdiction (the obligation is shown, flagged, never guessed). */
  captured: boolean;
}

/** 164.404(b), 164.406(b), 164.410(b): at the latest 60 calendar days after discovery. */
export const HIPAA_LIMIT_DAYS = 60;
/** 164.406: media notice where MORE THAN this many residents of one State or jurisdiction are affected. */
export const MEDIA_THRESHOLD = 500;
/** 164.408(b): HHS with the individuals' notice when this many OR MORE are affected in all. */
export const HHS_IMMEDIATE_THRESHOLD = 500;

/** Facts checked and parsed once. */
interface Incident {
  facts: BreachFacts;
  discoveredMs: number;
  /** 164.404(b): discovery day is day 0, due on day 60 (OCR's count), no roll-forward for weekends or holidays. */
  hipaaLimitMs: number;
}

/** An obligation before law-enforcement holds; `held`: whether a 164.412 statement can hold it. */
interface Draft {
  kind: ObligationKind;
  jurisdiction: string | null;
  dueMs: number;
  rule: string;
  notes: string[];
  captured: boolean;
  held: boolean;
}

const draft = (kind: ObligationKind, dueMs: number, rule: string, options: Partial<Omit<Draft, 'kind' | 'dueMs' | 'rule'>> = {}): Draft =>
  ({ kind, jurisdiction: null, notes: [], captured: true, held: true, ...options, dueMs, rule });

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function checkedFacts(facts: BreachFacts): Incident {
  const discoveredMs = parseInstant(facts.discoveredAt);
  if (discoveredMs === null) throw new Error(`discoveredAt "${facts.discoveredAt}" is not an ISO instant with an offset`);
  // Without a zone Intl would use the process's own, and the bundle would not be deterministic.
  if (typeof facts.timeZone !== 'string') throw new Error('timeZone must be an IANA time zone name');
  calendarOf(facts.timeZone); // throws on a zone Intl does not know
  if (!Array.isArray(facts.affectedJurisdictions)) throw new Error('affectedJurisdictions must be a list');
  if (!Array.isArray(facts.lawEnforcementDelays)) throw new Error('lawEnforcementDelays must be a list');
  if (!isCount(facts.affectedCount)) throw new Error(`affectedCount must be a whole number of 0 or more, not ${String(facts.affectedCount)}`);
  const seen = new Set<string>();
  let inJurisdictions = 0;
  for (const { jurisdiction, affectedCount } of facts.affectedJurisdictions) {
    if (!isUsJurisdiction(jurisdiction)) throw new Error(`"${jurisdiction}" is not a US state, DC or territory code`);
    if (seen.has(jurisdiction)) throw new Error(`jurisdiction ${jurisdiction} is listed twice`);
    seen.add(jurisdiction);
    if (!isCount(affectedCount)) throw new Error(`the affected count of ${jurisdiction} must be a whole number of 0 or more, not ${String(affectedCount)}`);
    inJurisdictions += affectedCount;
  }
  if (inJurisdictions > facts.affectedCount) {
    throw new Error(`the jurisdictions' affected counts add up to ${inJurisdictions}, more than the ${facts.affectedCount} affected in all`);
  }
  if (typeof facts.contractNoticeHours !== 'number' || !Number.isFinite(facts.contractNoticeHours) || facts.contractNoticeHours <= 0) {
    throw new Error(`contractNoticeHours must be a number of hours above 0, not ${facts.contractNoticeHours}`);
  }
  if (typeof facts.actingAsBusinessAssociate !== 'boolean') throw new Error('actingAsBusinessAssociate must be true or false');
  return { facts, discoveredMs, hipaaLimitMs: daysAfter(discoveredMs, HIPAA_LIMIT_DAYS) };
}

const BUSINESS_ASSOCIATE_NOTE =
  'acting as a business associate: the covered entity owes this notice (164.404–164.408) unless the business associate agreement gives it to us; shown so that it is tracked';

const asBusinessAssociate = (incident: Incident) => incident.facts.actingAsBusinessAssociate ? [BUSINESS_ASSOCIATE_NOTE] : [];

/** 164.404(b): individuals, without unreasonable delay and at the latest 60 calendar days after discovery. */
function individualsNotice(incident: Incident): Draft {
  return draft('INDIVIDUALS', incident.hipaaLimitMs, '45 CFR 164.404(b)', { notes: asBusinessAssociate(incident) });
}

/** 164.406: prominent media of each State or jurisdiction with MORE THAN 500 affected residents (500 is not more than 500); same limit. */
function mediaNotices(incident: Incident): Draft[] {
  return incident.facts.affectedJurisdictions
    .filter(({ affectedCount }) => affectedCount > MEDIA_THRESHOLD)
    .map(({ jurisdiction }) => draft('MEDIA', incident.hipaaLimitMs, '45 CFR 164.406', { jurisdiction, notes: asBusinessAssociate(incident) }));
}

/**
 * 164.408: HHS with the individuals' notice when 500 or more are affected in all (164.408(b));
 * otherwise logged and reported within 60 days after the end of the calendar year of discovery
 * (164.408(c)): 1 March, or 29 February when that year is a leap year.
 */
function hhsNotice(incident: Incident): Draft {
  if (incident.facts.affectedCount >= HHS_IMMEDIATE_THRESHOLD) {
    return draft('HHS', incident.hipaaLimitMs, '45 CFR 164.408(b)', { notes: asBusinessAssociate(incident) });
  }
  return draft('HHS_ANNUAL_LOG', annualLogDeadline(incident), '45 CFR 164.408(c)', { notes: asBusinessAssociate(incident) });
}

/**
 * The calendar year of discovery is the organization's (its `timeZone`): a discovery at 23:30 on
 * 31 December in New York belongs to that year although it is already 1 January in UTC, and reading it
 * in UTC would give the report a year more. The last day (1 March, or 29 February) is read as ending
 * when it begins, at 00:00 in the organization's zone: of the two readings (its start or its end) the
 * earlier instant, so the report is never late under either.
 */
function annualLogDeadline(incident: Incident): number {
  const { year } = calendarOf(incident.facts.timeZone)(incident.discoveredMs);
  const reportYear = year + 1;
  const lastDay = isLeapYear(reportYear) ? { year: reportYear, month: 2, day: 29 } : { year: reportYear, month: 3, day: 1 };
  return startOfLocalDay(lastDay, incident.facts.timeZone);
}

/** 164.410(b): as a business associate, the covered entity at the latest 60 calendar days after discovery. */
function coveredEntityNotice(incident: Incident): Draft[] {
  return incident.facts.actingAsBusinessAssociate ? [draft('COVERED_ENTITY', incident.hipaaLimitMs, '45 CFR 164.410(b)')] : [];
}

/** The customer's contract: its window in hours from discovery. A contract term, so 164.412 does not hold it. */
function contractNotice(incident: Incident): Draft {
  const hours = incident.facts.contractNoticeHours;
  return draft('CONTRACT', incident.discoveredMs + hours * HOUR_MS, `customer contract: notice within ${hours} hours of discovery`, { held: false });
}

const NOT_CAPTURED_NOTE = "the state's statute is not captured: HIPAA's 60-day limit shown";
const fromDeterminationNote = (days: number) =>
  `the statute counts ${days} days from determining the breach; counted here from discovery, the earliest that can be`;

/** The state's own clock for its residents (state-laws.ts); HIPAA's limit where it names no number or is not captured. */
function stateIndividualsNotice(incident: Incident, law: StateLaw): Draft {
  const options = { jurisdiction: law.jurisdiction, captured: law.captured };
  if (!law.captured) return draft('STATE_INDIVIDUALS', incident.hipaaLimitMs, law.statute, { ...options, notes: [NOT_CAPTURED_NOTE] });
  const { days, from } = law.individuals;
  if (days === null) {
    return draft('STATE_INDIVIDUALS', incident.hipaaLimitMs, law.statute,
      { ...options, notes: ["the statute names no number of days (without unreasonable delay): HIPAA's 60-day limit shown"] });
  }
  return draft('STATE_INDIVIDUALS', daysAfter(incident.discoveredMs, days), law.statute,
    { ...options, notes: from === 'DETERMINATION' ? [fromDeterminationNote(days)] : [] });
}

const meetsThreshold = (count: number, threshold: NonNullable<StateLaw['regulator']>['threshold']) =>
  threshold === null || (threshold.comparison === 'MORE_THAN' ? count > threshold.count : count >= threshold.count);

/** The state's regulator, where the residents affected reach its threshold (state-laws.ts). */
function stateRegulatorNotice(incident: Incident, law: StateLaw, residents: number, residentsNotice: Draft): Draft[] {
  const options = { jurisdiction: law.jurisdiction, captured: law.captured };
  if (!law.captured) {
    return [draft('STATE_REGULATOR', incident.hipaaLimitMs, law.statute,
      { ...options, notes: [`${NOT_CAPTURED_NOTE}; whether a state authority must be told is not known`] })];
  }
  const regulator = law.regulator;
  if (!regulator || !meetsThreshold(residents, regulator.threshold)) return [];
  const rule = `${law.statute}: ${regulator.name}`;
  const notes: string[] = [];
  let dueMs: number;
  if (regulator.days === null) {
    dueMs = residentsNotice.dueMs;
    notes.push('no number of days of its own: shown with the notice to residents');
  } else if (regulator.from === 'RESIDENTS_NOTICE') {
    dueMs = daysAfter(residentsNotice.dueMs, regulator.days);
    notes.push(regulator.days === 0
      ? 'due no later than the notice to residents'
      : `due ${regulator.days} days after the notice to residents: counted from the latest day of that notice`);
  } else {
    dueMs = daysAfter(incident.discoveredMs, regulator.days);
    if (regulator.from === 'DETERMINATION') notes.push(fromDeterminationNote(regulator.days));
  }
  if (regulator.businessDays) notes.push('the statute counts business days: counted as calendar days, the earlier reading');
  return [draft('STATE_REGULATOR', dueMs, rule, { ...options, notes })];
}

function stateNotices(incident: Incident): Draft[] {
  return incident.facts.affectedJurisdictions
    .filter(({ affectedCount }) => affectedCount > 0)
    .flatMap(({ jurisdiction, affectedCount }) => {
      const law = stateLawOf(jurisdiction);
      const residentsNotice = stateIndividualsNotice(incident, law);
      return [residentsNotice, ...stateRegulatorNotice(incident, law, affectedCount, residentsNotice)];
    });
}

/**
 * 164.412 holds the HIPAA notices (individuals, media, HHS, the annual log, the covered entity). Our
 * reading for the state notices: nearly every state statute delays notice while a law-enforcement
 * agency says it would impede an investigation, so the same statements hold them, with 164.412's
 * limits (an oral one at most 30 days), and the note says so. The contract window is not held.
 */
function held(obligation: Draft, holds: readonly Hold[]): Obligation {
  const { dueMs, notBeforeMs, notes } = obligation.held ? applyHolds(obligation.dueMs, holds) : { dueMs: obligation.dueMs, notBeforeMs: null, notes: [] };
  const isState = obligation.kind === 'STATE_INDIVIDUALS' || obligation.kind === 'STATE_REGULATOR';
  const stateReading = isState && notBeforeMs !== null ? ["read as the request the state statute's own law-enforcement delay honours"] : [];
  const allNotes = [...obligation.notes, ...notes, ...stateReading];
  return {
    key: obligation.jurisdiction === null ? obligation.kind : `${obligation.kind}:${obligation.jurisdiction}`,
    kind: obligation.kind,
    jurisdiction: obligation.jurisdiction,
    dueAt: toIso(dueMs),
    notBefore: notBeforeMs === null ? null : toIso(notBeforeMs),
    rule: obligation.rule,
    note: allNotes.length > 0 ? allNotes.join('; ') : null,
    captured: obligation.captured,
  };
}

/** Every obligation the facts give, ordered by dueAt then key. Throws a plain Error on facts that break invariants (counts negative, unknown jurisdiction). */
export function deriveObligations(facts: BreachFacts): Obligation[] {
  const incident = checkedFacts(facts);
  const holds = holdsOf(facts.lawEnforcementDelays);
  const drafts = [
    individualsNotice(incident),
    ...mediaNotices(incident),
    hhsNotice(incident),
    ...coveredEntityNotice(incident),
    contractNotice(incident),
    ...stateNotices(incident),
  ];
  return drafts
    .map((obligation) => held(obligation, holds))
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
