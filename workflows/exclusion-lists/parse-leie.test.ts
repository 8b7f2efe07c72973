// The LEIE parser on the real column layout: quoted and unquoted fields, CRLF, a byte order mark,
// dates with 00000000 for none, the unknown NPI, chunks that split fields and quotes, and the
// refusals (a header without the LEIE columns, a date that is not one, a broken quote).
import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../platform/errors.ts';
import { LEIE_HEADER, leieUpdatedCsv } from '../../stack/source-stand-ins/exclusion-lists.ts';
import { readCsv } from './csv.ts';
import { parseLeie } from './parse-leie.ts';

async function* chunked(text: string, size: number) {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, across any chunk boundary', async () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""","two\nlines"\nplain,,last\n\n';
    for (const size of [1, 2, 3, 7, 1000]) {
      const records = await all(readCsv(chunked(text, size)));
      expect(records.map((record) => record.fields)).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\nlines'], ['plain', '', 'last']]);
      expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
    }
  });

  it('refuses a quote left open and text after a closing quote', async () => {
    expect((await refusal(all(readCsv(chunked('a,"open\n', 4))))).details).toMatchObject({ reason: 'CSV_MALFORMED' });
    expect((await refusal(all(readCsv(chunked('a,"closed"x\n', 4))))).details).toMatchObject({ reason: 'CSV_MALFORMED', line: 1 });
  });
});

describe('parseLeie', () => {
  it('parses the full file: names, NPI (0000000000 as none), dates, state, type', async () => {
    const entries = await all(parseLeie(chunked(leieUpdatedCsv(), 5)));
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatchObject({
      line: 2, lastName: 'QUILLFEATHER', firstName: 'THADDEUS', middleName: 'R', businessName: null, npi: '1900001235',
      dateOfBirth: '1970-02-14', state: 'OR', excludedOn: '2024-01-15', reinstatedOn: null, exclusionType: '1128a1',
      general: 'INDIVIDUAL', specialty: 'FAMILY PRACTICE',
    });
    expect(entries[0]!.raw.ADDRESS).toBe('12 LANTERN WAY');
    expect(entries[1]).toMatchObject({ lastName: 'PENHALLOW', npi: null, dateOfBirth: '1981-06-30' });
    expect(entries[3]).toMatchObject({ lastName: null, firstName: null, businessName: 'GREYMANTLE MEDICAL SUPPLY, LLC', npi: null, dateOfBirth: null });
  });

  it('reads a reinstatement row with the same identity as its exclusion', async () => {
    const exclusion = 'DOE,JANE,,,,,,1234567893,19600101,,,NY,,1128a1,20200101,00000000,00000000,';
    const reinstatement = 'DOE,JANE,,,,,,1234567893,19600101,,,NY,,1128a1,20200101,20250301,00000000,';
    const [excluded] = await all(parseLeie(chunked(`${LEIE_HEADER}\n${exclusion}\n`, 64)));
    const [reinstated] = await all(parseLeie(chunked(`${LEIE_HEADER}\n${reinstatement}\n`, 64)));
    expect(reinstated!.reinstatedOn).toBe('2025-03-01');
    expect(reinstated!.identity).toEqual(excluded!.identity);
  });

  it('accepts the columns in another order and in lower case', async () => {
    const columns = LEIE_HEADER.split(',').reverse();
    const values: Record<string, string> = { LASTNAME: 'ROE', FIRSTNAME: 'RICHARD', NPI: '1234567893', DOB: '19700101', EXCLTYPE: '1128b4', EXCLDATE: '20210505' };
    const text = `${columns.map((column) => column.toLowerCase()).join(',')}\n${columns.map((column) => values[column] ?? '').join(',')}\n`;
    const [entry] = await all(parseLeie(chunked(text, 100)));
    expect(entry).toMatchObject({ lastName: 'ROE', firstName: 'RICHARD', npi: '1234567893', dateOfBirth: '1970-01-01', excludedOn: '2021-05-05' });
  });

  it('refuses a header without the LEIE columns, naming those missing', async () => {
    const error = await refusal(all(parseLeie(chunked('LASTNAME,FIRSTNAME,NPI\nDOE,JANE,1234567893\n', 100), 'mystery.csv')));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details).toMatchObject({ reason: 'EXCLUSION_FILE_HEADER', missing: expect.arrayContaining(['DOB', 'EXCLTYPE', 'EXCLDATE']) });
    expect(error.message).toMatch(/^mystery\.csv is not an OIG LEIE file .*: its header lacks the columns MIDNAME, BUSNAME, .*DOB/);
    expect((await refusal(all(parseLeie(chunked('', 10))))).details).toMatchObject({ reason: 'EXCLUSION_FILE_EMPTY' });
  });

  it('refuses a date that is not one, with its line and column', async () => {
    const text = `${LEIE_HEADER}\nDOE,JANE,,,,,,0000000000,19601345,,,NY,,1128a1,20200101,00000000,00000000,\n`;
    const error = await refusal(all(parseLeie(chunked(text, 100), 'UPDATED.csv')));
    expect(error.message).toBe('UPDATED.csv, line 2: DOB "19601345" is not a date (yyyymmdd, or 00000000 for none)');
    expect(error.details).toMatchObject({ reason: 'EXCLUSION_FILE_ROW', line: 2, column: 'DOB' });
  });
});
