// The matching rules on a table of cases: accents, hyphenated and multi-word surnames,
// apostrophes, suffixes, middle initials, reinstated entries, unknown NPIs, and SAM.gov's
// name-and-state rule.
import { describe, expect, it } from '@jest/globals';
import {
  givenNameKeys, matchPhysician, normaliseName, normaliseSurname, screeningStatusOf, surnameKeys, usableNpi,
  type ExclusionCandidate, type ScreenedPhysician,
} from './exclusion-matching.ts';

const AS_OF = '2026-12-01';
const physician = (overrides: Partial<ScreenedPhysician> = {}): ScreenedPhysician => ({
  npi: '1234567893', givenName: 'Ada', familyName: 'Byron', dateOfBirth: '1979-04-12', states: ['CA'], ...overrides,
});
const entry = (overrides: Partial<ExclusionCandidate> = {}): ExclusionCandidate => ({
  id: 'entry-1', list: 'OIG_LEIE', npi: null, lastName: 'BYRON', firstName: 'ADA', dateOfBirth: '1979-04-12', state: 'CA',
  excludedOn: '2024-01-15', reinstatedOn: null, terminatesOn: null, exclusionType: '1128a1', ...overrides,
});
const outcome = (who: ScreenedPhysician, candidate: ExclusionCandidate) => matchPhysician(who, [candidate], AS_OF).map((match) => match.matchedBy)[0] ?? null;

describe('name normalisation', () => {
  it.each([
    ['José', 'JOSE'],
    ['  müller-lüdenscheidt ', 'MULLER LUDENSCHEIDT'],
    ["O'Neil", 'ONEIL'],
    ['O’Brien', 'OBRIEN'],
    ['St. John,  Jr.', 'ST JOHN JR'],
    ['Ñúñez', 'NUNEZ'],
    ['', ''],
  ])('%p → %p', (input, expected) => expect(normaliseName(input)).toBe(expected));

  it('drops suffixes from surnames, but not a surname that is only a suffix-like word', () => {
    expect(normaliseSurname('Smith Jr.')).toBe('SMITH');
    expect(normaliseSurname('Smith, III, MD')).toBe('SMITH');
    expect(normaliseSurname('Do')).toBe('DO');
  });

  it('gives each part of a hyphenated or multi-word surname, and the whole', () => {
    expect(surnameKeys('Garcia-Lopez').sort()).toEqual(['GARCIA', 'GARCIALOPEZ', 'LOPEZ']);
    expect(surnameKeys('de la Cruz').sort()).toEqual(['CRUZ', 'DELACRUZ']);
    expect(surnameKeys("O'Neil")).toEqual(['ONEIL']);
    expect(surnameKeys('')).toEqual([]);
  });

  it('keeps the first word of a given name and the whole without initials', () => {
    expect(givenNameKeys('Ada M.')).toEqual(['ADA']);
    expect(givenNameKeys('Mary-Jane').sort()).toEqual(['MARY', 'MARYJANE']);
  });

  it.each([['1234567893', '1234567893'], ['0000000000', null], ['', null], [null, null], ['12345', null], [' 1234567893 ', '1234567893']])(
    'usable NPI %p → %p', (input, expected) => expect(usableNpi(input)).toBe(expected));
});

describe('matchPhysician', () => {
  it.each<[string, Partial<ScreenedPhysician>, Partial<ExclusionCandidate>, string | null]>([
    ['the same NPI, whatever the name', {}, { npi: '1234567893', lastName: 'SOMEONE', firstName: 'ELSE', dateOfBirth: null }, 'NPI'],
    ['the unknown NPI 0000000000 on both sides is never a match', { npi: '0000000000', dateOfBirth: null }, { npi: '0000000000', dateOfBirth: null }, null],
    ['name and date of birth', {}, {}, 'NAME_AND_DATE_OF_BIRTH'],
    ['an accent on one side only (José / JOSE)', { givenName: 'José', familyName: 'Núñez' }, { firstName: 'JOSE', lastName: 'NUNEZ' }, 'NAME_AND_DATE_OF_BIRTH'],
    ['a part of a hyphenated surname (Garcia-Lopez / LOPEZ)', { givenName: 'Maria', familyName: 'Garcia-Lopez' }, { firstName: 'MARIA', lastName: 'LOPEZ' }, 'NAME_AND_DATE_OF_BIRTH'],
    ['a part of the list\'s hyphenated surname (Lopez / GARCIA-LOPEZ)', { givenName: 'Maria', familyName: 'Lopez' }, { firstName: 'MARIA', lastName: 'GARCIA LOPEZ' }, 'NAME_AND_DATE_OF_BIRTH'],
    ['a multi-word surname written as one (Garcia Lopez / GARCIALOPEZ)', { givenName: 'Maria', familyName: 'Garcia Lopez' }, { firstName: 'MARIA', lastName: 'GARCIALOPEZ' }, 'NAME_AND_DATE_OF_BIRTH'],
    ['an apostrophe (O\'Neil / ONEIL)', { givenName: 'Sean', familyName: "O'Neil" }, { firstName: 'SEAN', lastName: 'ONEIL' }, 'NAME_AND_DATE_OF_BIRTH'],
    ['an apostrophe as a space on the list (O\'Neil / O NEIL)', { givenName: 'Sean', familyName: "O'Neil" }, { firstName: 'SEAN', lastName: 'O NEIL' }, 'NAME_AND_DATE_OF_BIRTH'],
    ['a middle initial in the given name (Ada M. / ADA)', { givenName: 'Ada M.' }, {}, 'NAME_AND_DATE_OF_BIRTH'],
    ['a suffix on one side (Byron Jr / BYRON)', { familyName: 'Byron Jr' }, {}, 'NAME_AND_DATE_OF_BIRTH'],
    ['a surname particle alone is not a shared part (De la Cruz / DE LEON)', { familyName: 'De la Cruz' }, { lastName: 'DE LEON' }, null],
    ['another first name', {}, { firstName: 'ALICE' }, null],
    ['another last name', {}, { lastName: 'BYRNE' }, null],
    ['another date of birth', {}, { dateOfBirth: '1979-04-13' }, null],
    ['no date of birth on the physician\'s side', { dateOfBirth: null }, {}, null],
    ['no date of birth on the list\'s side', {}, { dateOfBirth: null }, null],
    ['a business entry (no first name) by name', {}, { firstName: null, lastName: null }, null],
    ['a reinstated entry, even by NPI', {}, { npi: '1234567893', reinstatedOn: '2025-03-01' }, null],
    ['a reinstated entry by name and date of birth', {}, { reinstatedOn: '2025-03-01' }, null],
    ['SAM: the same NPI', {}, { list: 'SAM', npi: '1234567893', dateOfBirth: null, state: 'NY' }, 'NPI'],
    ['SAM: name and a state the physician is licensed in', { states: ['NY', 'CA'] }, { list: 'SAM', dateOfBirth: null, state: 'CA' }, 'NAME_AND_STATE'],
    ['SAM: name in another state', { states: ['NY'] }, { list: 'SAM', dateOfBirth: null, state: 'CA' }, null],
    ['SAM: name with no state on the list', {}, { list: 'SAM', dateOfBirth: null, state: null }, null],
    ['SAM: name with no licensed state', { states: [] }, { list: 'SAM', dateOfBirth: null, state: 'CA' }, null],
    ['SAM: an exclusion whose termination date has passed', {}, { list: 'SAM', npi: '1234567893', terminatesOn: '2026-11-30' }, null],
    ['SAM: an exclusion that ends later', {}, { list: 'SAM', npi: '1234567893', terminatesOn: '2027-01-01' }, 'NPI'],
  ])('%s', (_case, who, candidate, expected) => {
    expect(outcome(physician(who), entry(candidate))).toBe(expected);
  });

  it('makes an NPI match an exclusion and a name match only a possible match', () => {
    const matches = matchPhysician(physician(), [entry({ id: 'by-npi', npi: '1234567893' }), entry({ id: 'by-name' })], AS_OF);
    expect(matches.map((match) => [match.entryId, match.outcome])).toEqual([['by-npi', 'EXCLUDED'], ['by-name', 'POSSIBLE_MATCH']]);
    expect(screeningStatusOf(matches)).toBe('EXCLUDED');
    expect(screeningStatusOf(matches.filter((match) => match.matchedBy !== 'NPI'))).toBe('POSSIBLE_MATCH');
    expect(screeningStatusOf([])).toBe('CLEAR');
  });
});
