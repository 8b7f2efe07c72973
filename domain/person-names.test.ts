import { describe, expect, it } from '@jest/globals';
import { namePartsOf, normalizeNamePart, sameName } from './person-names.ts';

describe('normalizeNamePart', () => {
  it.each([
    ["O'Brien", 'obrien'],
    ['  MARY   ANN ', 'maryann'],
    ['Núñez', 'nunez'],
    ['Groß', 'gross'],
    ['Søren', 'soren'],
    ['St. John-Smythe', 'stjohnsmythe'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
  ])('%s → %s', (value, expected) => {
    expect(normalizeNamePart(value)).toBe(expected);
  });

  it('keeps letters of other scripts', () => {
    expect(normalizeNamePart('Łukasz')).toBe('lukasz');
    expect(normalizeNamePart('Иванов')).toBe('иванов');
  });
});

describe('namePartsOf', () => {
  it.each([
    ['García-López', ['garcia', 'lopez']],
    ['de la Cruz', ['de', 'la', 'cruz']],
    ["O'Brien", ['obrien']],
    ['Okafor–Reyes', ['okafor', 'reyes']],
    ['  ', []],
  ])('%s → %j', (value, expected) => {
    expect(namePartsOf(value)).toEqual(expected);
  });
});

describe('sameName', () => {
  it('treats spellings that differ only in case, accents, punctuation and spacing as one name', () => {
    expect(sameName('Garcia Lopez', 'GARCÍA-LÓPEZ')).toBe(true);
    expect(sameName('obrien', "O'BRIEN")).toBe(true);
  });

  it('tells different names apart, and never matches an empty name', () => {
    expect(sameName('Garcia', 'Garcia-Lopez')).toBe(false);
    expect(sameName('', '')).toBe(false);
    expect(sameName('--', '')).toBe(false);
  });
});
