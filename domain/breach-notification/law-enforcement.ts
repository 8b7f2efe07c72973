// Law-enforcement delays (45 CFR 164.412): which statements hold notice, until when, and how a hold
// moves an obligation's due date.
import { DAY_MS, parseInstant, toIso } from './time.ts';

/** A law-enforcement statement under 164.412. */
export interface LawEnforcementDelay {
  id: string;                 // stable id given by the caller
  kind: 'WRITTEN' | 'ORAL';
  statedAt: string;           // ISO instant the statement was made
  /** WRITTEN: the end of the period the statement names (ISO instant). ORAL: the end the official gave, if any (capped at statedAt + 30 days). */
  until: string | null;
  agency: string;             // code-like text, no PHI, e.g. "FBI"
  officer: string | null;     // ORAL: who made it (documented, 164.412(b))
}

/** A statement that holds notice: from when it was made to the end of its period. */
export interface Hold {
  delay: LawEnforcementDelay;
  /** When notice began to be held: the statement, or the oral one a written statement replaces. */
  heldSinceMs: number;
  endMs: number;
  /** Why the end is not the one the statement gave, or which oral statement it replaced. */
  remarks: string[];
}

/** 164.412(b): an oral statement holds notice at most 30 days from when it was made. */
export const ORAL_DELAY_LIMIT_DAYS = 30;

const describe = (delay: LawEnforcementDelay) =>
  `${delay.kind === 'WRITTEN' ? 'written' : 'oral'} statement of ${delay.statedAt} by ${delay.agency}${delay.officer ? ` (${delay.officer})` : ''}`;

function validDelay(delay: LawEnforcementDelay): { statedAtMs: number; untilMs: number | null } {
  const name = `law-enforcement delay "${delay.id}"`;
  if (typeof delay.id !== 'string' || delay.id.trim() === '') throw new Error('a law-enforcement delay needs an id');
  if (delay.kind !== 'WRITTEN' && delay.kind !== 'ORAL') throw new Error(`${name}: kind must be WRITTEN or ORAL, not ${String(delay.kind)}`);
  if (typeof delay.agency !== 'string' || delay.agency.trim() === '') throw new Error(`${name}: the agency is required`);
  const statedAtMs = parseInstant(delay.statedAt);
  if (statedAtMs === null) throw new Error(`${name}: statedAt "${delay.statedAt}" is not an ISO instant with an offset`);
  if (delay.until === null) {
    // 164.412(a): a written statement delays notice for the period it specifies; without one there is nothing to hold to.
    if (delay.kind === 'WRITTEN') throw new Error(`${name}: a written statement must name the end of its period (until)`);
    return { statedAtMs, untilMs: null };
  }
  const untilMs = parseInstant(delay.until);
  if (untilMs === null) throw new Error(`${name}: until "${delay.until}" is not an ISO instant with an offset`);
  if (untilMs <= statedAtMs) throw new Error(`${name}: until ${delay.until} is not after statedAt ${delay.statedAt}`);
  return { statedAtMs, untilMs };
}

/**
 * The holds the statements give, in the order they began. A written statement holds until the end
 * of the period it names (164.412(a)). An oral one holds until the end the official gave, at most 30 days
 * from the statement (164.412(b)); a written statement made while it holds governs instead of it.
 */
export function holdsOf(delays: readonly LawEnforcementDelay[]): Hold[] {
  const ids = new Set<string>();
  const statements = delays.map((delay) => {
    const { statedAtMs, untilMs } = validDelay(delay);
    if (ids.has(delay.id)) throw new Error(`law-enforcement delay "${delay.id}" is listed twice`);
    ids.add(delay.id);
    return { delay, statedAtMs, untilMs };
  }).sort((a, b) => a.statedAtMs - b.statedAtMs || (a.delay.id < b.delay.id ? -1 : a.delay.id > b.delay.id ? 1 : 0));

  const written = statements.filter((statement) => statement.delay.kind === 'WRITTEN');
  // 164.412(b): an oral statement holds until the end the official gave, at most 30 days.
  const oralEndOf = (statedAtMs: number, untilMs: number | null) =>
    Math.min(untilMs ?? Number.POSITIVE_INFINITY, statedAtMs + ORAL_DELAY_LIMIT_DAYS * DAY_MS);
  // "unless a written statement is submitted during that time": the first written one made while the oral one holds.
  const successorOf = (oral: { statedAtMs: number; untilMs: number | null }) =>
    written.find((statement) => statement.statedAtMs >= oral.statedAtMs && statement.statedAtMs <= oralEndOf(oral.statedAtMs, oral.untilMs));

  const holds: Hold[] = [];
  for (const statement of statements) {
    const { delay, statedAtMs, untilMs } = statement;
    if (delay.kind === 'WRITTEN') {
      const replaced = statements.filter((oral) => oral.delay.kind === 'ORAL' && successorOf(oral)?.delay === delay);
      // It continues the hold of the oral statements it replaces, so it counts from the first of them.
      const heldSinceMs = Math.min(statedAtMs, ...replaced.map((oral) => oral.statedAtMs));
      holds.push({ delay, heldSinceMs, endMs: untilMs!, remarks: replaced.map((oral) => `it replaces the ${describe(oral.delay)}`) });
    } else if (!successorOf(statement)) {
      const endMs = oralEndOf(statedAtMs, untilMs);
      holds.push({
        delay, heldSinceMs: statedAtMs, endMs,
        remarks: untilMs !== null && untilMs > endMs ? [`the official gave ${delay.until}; an oral statement holds at most ${ORAL_DELAY_LIMIT_DAYS} days`] : [],
      });
    }
  }
  return holds.sort((a, b) => a.heldSinceMs - b.heldSinceMs);
}

export interface HeldDue {
  dueMs: number;
  notBeforeMs: number | null;
  notes: string[];
}

/**
 * Our reading of 164.412: notice is held until the latest end of the holds, and the limit moves to
 * max(original limit, end of hold). A statement made after the obligation was already due (counting the
 * holds before it) does not revive it: noted, the due date stays.
 */
export function applyHolds(originalDueMs: number, holds: readonly Hold[]): HeldDue {
  let dueMs = originalDueMs;
  let governing: Hold | null = null;
  const notes: string[] = [];
  for (const hold of holds) {
    if (hold.heldSinceMs > dueMs) {
      notes.push(`the ${describe(hold.delay)} came after this notice was due (${toIso(dueMs)}) and does not revive it`);
      continue;
    }
    if (!governing || hold.endMs > governing.endMs) governing = hold;
    dueMs = Math.max(dueMs, hold.endMs);
  }
  if (!governing) return { dueMs, notBeforeMs: null, notes };
  const until = toIso(governing.endMs);
  const detail = governing.remarks.length > 0 ? ` (${governing.remarks.join('; ')})` : '';
  notes.unshift(governing.endMs > originalDueMs
    ? `delayed by law enforcement until ${until}, by the ${describe(governing.delay)}${detail}; our reading of 164.412: the limit moves to the end of the delay`
    : `held by law enforcement until ${until}, by the ${describe(governing.delay)}${detail}; the limit is unchanged`);
  return { dueMs, notBeforeMs: governing.endMs, notes };
}
