// Instants and the organization's calendar for the deadline engine. Pure and deterministic: no
// clock, only arithmetic on the facts and Intl's zone data (bundle-safe in the workflow sandbox).
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

// An ISO 8601 instant with its offset ("Z" or ±hh:mm): a local time without an offset would be read in
// whatever zone the process runs in, and Date.parse rolls impossible dates (30 February) over silently.
// eslint-disable-next-line security/detect-unsafe-regex -- optional groups in a fixed order, each of bounded length: no backtracking blow-up
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Milliseconds since the epoch of an ISO instant, or null when it is not one. */
export function parseInstant(text: string): number | null {
  const parts = ISO_INSTANT.exec(text);
  if (!parts) return null;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = parts.slice(1).map((part) => Number(part ?? 0));
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth(year!, month!)) return null;
  if (hour! > 23 || minute! > 59 || second! > 59 || offsetHours! > 23 || offsetMinutes! > 59) return null;
  const epochMs = Date.parse(text);
  return Number.isFinite(epochMs) ? epochMs : null;
}

export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** A formatter giving the calendar date in `timeZone`; throws a plain Error naming the zone when Intl does not know it. */
export function calendarOf(timeZone: string): (epochMs: number) => { year: number; month: number; day: number } {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
  } catch {
    throw new Error(`timeZone "${timeZone}" is not an IANA time zone`);
  }
  return (epochMs) => {
    const value = (type: string) => Number(format.formatToParts(epochMs).find((part) => part.type === type)?.value);
    return { year: value('year'), month: value('month'), day: value('day') };
  };
}

const dateKey = ({ year, month, day }: { year: number; month: number; day: number }) => year * 10_000 + month * 100 + day;

/**
 * The first instant of a calendar date in the organization's zone. The zone's offset from UTC is between
 * −12 and +14 hours, so that instant lies within [UTC midnight − 14 h, UTC midnight + 12 h]: found there
 * by bisection on "the local date has reached the target", which also gives the right answer on a day
 * whose midnight a daylight-saving change skips.
 */
export function startOfLocalDay(date: { year: number; month: number; day: number }, timeZone: string): number {
  const localDate = calendarOf(timeZone);
  const target = dateKey(date);
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  let before = utcMidnight - 14 * HOUR_MS - 1; // local date still earlier than the target
  let atOrAfter = utcMidnight + 12 * HOUR_MS;  // local date already the target
  while (atOrAfter - before > 1) {
    const middle = Math.floor((before + atOrAfter) / 2);
    if (dateKey(localDate(middle)) >= target) atOrAfter = middle;
    else before = middle;
  }
  return atOrAfter;
}

/** Whole days after an instant: days of 24 hours, so the limit is one instant however it is read (no weekend or holiday roll-forward). */
export function daysAfter(epochMs: number, days: number): number {
  return epochMs + days * DAY_MS;
}
