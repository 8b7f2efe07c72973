// The comparisons every source makes between the file and what the source says, each producing
// a problem with a stable code that names the field.
import { sameName } from '../../../domain/person-names.ts';
import type { CheckProblem, CheckSubject } from './source.ts';

export const PROBLEM_CODES = {
  nameDiffers: 'NAME_DIFFERS',
  initialDiffers: 'INITIAL_DIFFERS',
  inactive: 'INACTIVE',
  notIndividual: 'NOT_INDIVIDUAL',
  licenseNotInTaxonomies: 'LICENSE_NOT_IN_TAXONOMIES',
  expiredAtSource: 'EXPIRED_AT_SOURCE',
  expiryDiffers: 'EXPIRY_DIFFERS',
  stateDiffers: 'STATE_DIFFERS',
  discipline: 'DISCIPLINE',
  probation: 'PROBATION',
  numberDiffers: 'NUMBER_DIFFERS',
  mocRequirementsNotMet: 'MOC_REQUIREMENTS_NOT_MET',
  reportsOnFile: 'REPORTS_ON_FILE',
  notFoundAtSource: 'NOT_FOUND_AT_SOURCE',
  malformedNumber: 'MALFORMED_NUMBER',
} as const;

/** Credential numbers are compared upper case, without spaces or dashes (as the credentials subgraph stores them). */
export function sameCredentialNumber(a: string, b: string): boolean {
  const normalize = (value: string) => value.replace(/[\s-]/g, '').toUpperCase();
  return normalize(a) !== '' && normalize(a) === normalize(b);
}

/** Today's date (UTC) as YYYY-MM-DD, the form of every date compared. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A source's date as YYYY-MM-DD (also taken from a full timestamp), null when absent, undefined when not a date. */
export function dateAtSource(value: unknown): string | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') return undefined;
  const day = value.slice(0, 10);
  return ISO_DATE.test(day) && !Number.isNaN(Date.parse(day)) ? day : undefined;
}

export function nameProblems(physician: CheckSubject['physician'], atSource: { givenName: string | null; familyName: string | null }): CheckProblem[] {
  const problems: CheckProblem[] = [];
  if (!sameName(physician.givenName, atSource.givenName ?? '')) {
    problems.push({ field: 'givenName', code: PROBLEM_CODES.nameDiffers, recorded: physician.givenName, atSource: atSource.givenName });
  }
  if (!sameName(physician.familyName, atSource.familyName ?? '')) {
    problems.push({ field: 'familyName', code: PROBLEM_CODES.nameDiffers, recorded: physician.familyName, atSource: atSource.familyName });
  }
  return problems;
}

/** The expiry on file against the source's: a different date, and a date already past at the source. */
export function expiryProblems(recorded: string | null, atSource: string | null, today: string): CheckProblem[] {
  const problems: CheckProblem[] = [];
  if ((recorded ?? null) !== atSource) problems.push({ field: 'expiresOn', code: PROBLEM_CODES.expiryDiffers, recorded, atSource });
  if (atSource !== null && atSource < today) problems.push({ field: 'expiresOn', code: PROBLEM_CODES.expiredAtSource, recorded, atSource });
  return problems;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
