// In domain/: screening physicians against the federal exclusion lists, with no I/O (the worker's
// screening activity and its tests call it; the import stores names normalised the same way).
//
// Rules (DOMAIN.md "Identifiers"):
// - NPI: an entry with the physician's NPI is an exclusion. An unknown NPI (LEIE's 0000000000, or
//   none) is never matched on.
// - OIG LEIE by name: the same last name (any part of either surname equal, or the whole), the
//   same first name and the same date of birth is a POSSIBLE_MATCH for a person to review, never
//   an automatic exclusion. Without a date of birth on either side a name alone is no match: the
//   list holds tens of thousands of common names.
// - SAM.gov by name: its public extract has no date of birth. A name match counts only where the
//   entry's state is one of the physician's (the states of its licenses), and then only as a
//   POSSIBLE_MATCH (NAME_AND_STATE); a name match in another state, or without a state, is ignored.
// - Reinstated entries never match; a SAM exclusion whose termination date has passed neither.
// Names are compared after normalisation: upper case, accents stripped (NFD), apostrophes dropped
// (O'Neil = ONEIL), other punctuation as spaces, suffixes (JR, SR, II, III, IV, MD, DO) dropped.

export const EXCLUSION_LISTS = ['OIG_LEIE', 'SAM'] as const;
export type ExclusionList = (typeof EXCLUSION_LISTS)[number];

export const EXCLUSION_IMPORT_KINDS = ['FULL', 'EXCLUSIONS', 'REINSTATEMENTS'] as const;
export type ExclusionImportKind = (typeof EXCLUSION_IMPORT_KINDS)[number];

export const EXCLUSION_IMPORT_STATUSES = ['RUNNING', 'COMPLETED', 'FAILED', 'SKIPPED'] as const;
export type ExclusionImportStatus = (typeof EXCLUSION_IMPORT_STATUSES)[number];

export const SCREENING_STATUSES = ['NOT_SCREENED', 'CLEAR', 'POSSIBLE_MATCH', 'EXCLUDED'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];

export const MATCHED_BY = ['NPI', 'NAME_AND_DATE_OF_BIRTH', 'NAME_AND_STATE'] as const;
export type MatchedBy = (typeof MATCHED_BY)[number];

/** Why a match was cleared: its entry is no longer in force, or a person reviewed it. */
export const MATCH_CLEARED_BECAUSE = ['NO_LONGER_LISTED', 'REVIEWED'] as const;

/** Name suffixes that are not part of a name. */
const SUFFIXES = new Set(['JR', 'SR', 'II', 'III', 'IV', 'MD', 'DO']);
/**
 * Surname particles: kept in the whole surname, but not a part on their own, or "De la Cruz"
 * would share a part with every "De ..." on the list.
 */
const PARTICLES = new Set(['DE', 'DEL', 'DELA', 'DER', 'DEN', 'DI', 'DA', 'DOS', 'DAS', 'DU', 'LA', 'LE', 'LOS', 'LAS', 'VAN', 'VON', 'Y', 'ST']);

/** Upper case, accents stripped, apostrophes dropped, other punctuation and runs of space as one space. */
export function normaliseName(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/['’`´]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** The words of a name, suffixes dropped (a name that is only a suffix keeps it). */
function nameWords(value: string | null | undefined): string[] {
  const words = normaliseName(value).split(' ').filter(Boolean);
  const kept = words.filter((word, i) => i === 0 || !SUFFIXES.has(word));
  return kept.length > 0 ? kept : words;
}

/** A surname as stored for lookup: its words joined by one space, suffixes dropped ("" for none). */
export function normaliseSurname(familyName: string | null | undefined): string {
  return nameWords(familyName).join(' ');
}

/**
 * What a surname matches on: each part of a multi-word or hyphenated surname (particles and
 * single letters aside), and the whole without spaces ("Garcia-Lopez": GARCIA, LOPEZ, GARCIALOPEZ).
 */
export function surnameKeys(familyName: string | null | undefined): string[] {
  const words = nameWords(familyName);
  if (words.length === 0) return [];
  const keys = new Set(words.filter((word) => word.length > 1 && !PARTICLES.has(word)));
  keys.add(words.join(''));
  return [...keys];
}

/**
 * What a given name matches on: its first word and, where it has several, the whole without
 * spaces and initials ("Mary-Jane" = MARY JANE = MARYJANE; "Ada M." = ADA, the initial is not
 * part of the name).
 */
export function givenNameKeys(givenName: string | null | undefined): string[] {
  const words = nameWords(givenName);
  if (words.length === 0) return [];
  const keys = new Set([words[0]!]);
  const whole = words.filter((word) => word.length > 1).join('');
  if (whole) keys.add(whole);
  return [...keys];
}

/** An NPI that may be matched on: ten digits, not the list's "unknown" (0000000000); else null. */
export function usableNpi(npi: string | null | undefined): string | null {
  const value = npi?.trim() ?? '';
  return /^[0-9]{10}$/.test(value) && value !== '0000000000' ? value : null;
}

export interface ScreenedPhysician {
  npi: string;
  givenName: string;
  familyName: string;
  /** yyyy-mm-dd, or null when the file has none. */
  dateOfBirth: string | null;
  /** Two-letter states the physician is licensed in (SAM name matches need one of them). */
  states?: readonly string[];
}

/** An entry of a list, as stored (names normalised or not: they are normalised again here). */
export interface ExclusionCandidate {
  id: string;
  list: ExclusionList;
  npi: string | null;
  lastName: string | null;
  firstName: string | null;
  /** yyyy-mm-dd or null. */
  dateOfBirth: string | null;
  state: string | null;
  excludedOn: string | null;
  reinstatedOn: string | null;
  /** SAM's termination date, where it is a date. */
  terminatesOn?: string | null;
  exclusionType: string;
}

export interface FoundMatch {
  entryId: string;
  list: ExclusionList;
  matchedBy: MatchedBy;
  /** NPI: EXCLUDED; a name match: POSSIBLE_MATCH. */
  outcome: 'EXCLUDED' | 'POSSIBLE_MATCH';
  excludedOn: string | null;
  exclusionType: string;
}

/** Whether the entry still excludes on `asOf` (yyyy-mm-dd). */
export function isInForce(entry: Pick<ExclusionCandidate, 'reinstatedOn' | 'terminatesOn'>, asOf: string): boolean {
  if (entry.reinstatedOn) return false;
  return !entry.terminatesOn || entry.terminatesOn >= asOf;
}

const sharesAny = (left: readonly string[], right: readonly string[]) => left.some((key) => right.includes(key));

function sameName(physician: ScreenedPhysician, entry: ExclusionCandidate): boolean {
  if (!entry.lastName || !entry.firstName) return false;
  return sharesAny(surnameKeys(physician.familyName), surnameKeys(entry.lastName)) && sharesAny(givenNameKeys(physician.givenName), givenNameKeys(entry.firstName));
}

/** How one entry matches the physician, if it does. */
function matchOf(physician: ScreenedPhysician, entry: ExclusionCandidate): MatchedBy | null {
  const npi = usableNpi(entry.npi);
  if (npi !== null && npi === usableNpi(physician.npi)) return 'NPI';
  if (!sameName(physician, entry)) return null;
  if (entry.list === 'OIG_LEIE') {
    return physician.dateOfBirth && entry.dateOfBirth && physician.dateOfBirth === entry.dateOfBirth ? 'NAME_AND_DATE_OF_BIRTH' : null;
  }
  // SAM: a date of birth is never published; the state must agree.
  return entry.state && physician.states?.includes(entry.state) ? 'NAME_AND_STATE' : null;
}

/** The entries among `candidates` that match the physician on `asOf` (yyyy-mm-dd), one match per entry. */
export function matchPhysician(physician: ScreenedPhysician, candidates: readonly ExclusionCandidate[], asOf: string): FoundMatch[] {
  const found: FoundMatch[] = [];
  for (const entry of candidates) {
    if (!isInForce(entry, asOf)) continue;
    const matchedBy = matchOf(physician, entry);
    if (!matchedBy) continue;
    found.push({
      entryId: entry.id, list: entry.list, matchedBy, outcome: matchedBy === 'NPI' ? 'EXCLUDED' : 'POSSIBLE_MATCH',
      excludedOn: entry.excludedOn, exclusionType: entry.exclusionType,
    });
  }
  return found;
}

/** A physician's standing from its open matches. */
export function screeningStatusOf(matches: readonly Pick<FoundMatch, 'matchedBy'>[]): Exclude<ScreeningStatus, 'NOT_SCREENED'> {
  if (matches.some((match) => match.matchedBy === 'NPI')) return 'EXCLUDED';
  return matches.length > 0 ? 'POSSIBLE_MATCH' : 'CLEAR';
}
