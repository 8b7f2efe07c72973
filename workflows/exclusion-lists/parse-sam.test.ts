// The SAM.gov extract parser: columns by header name in any order, individuals and firms, US
// dates, "Indefinite", and the refusal of a header without the required columns.
import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../platform/errors.ts';
import { SAM_HEADER, samExtractCsv } from '../../stack/source-stand-ins/exclusion-lists.ts';
import { parseSam } from './parse-sam.ts';

async function* text(value: string) {
  yield value;
}
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('parseSam', () => {
  it('parses individuals with their names and state, firms as business names, and the dates', async () => {
    const [person, firm] = await all(parseSam(text(samExtractCsv())));
    expect(person).toMatchObject({
      lastName: 'Osterhout', firstName: 'Bramwell', businessName: null, npi: null, dateOfBirth: null, state: 'VT',
      excludedOn: '2022-03-14', terminatesOn: null, exclusionType: 'Prohibition/Restriction', agency: 'HHS',
    });
    expect(person!.raw['SAM Number']).toBe('S4MRFICT01');
    expect(firm).toMatchObject({ lastName: null, firstName: null, businessName: 'Saltmarsh Diagnostics, Inc.', state: 'DE', terminatesOn: '2031-07-01' });
  });

  it('finds the columns in any order', async () => {
    const columns = [...SAM_HEADER].reverse();
    const values: Record<string, string> = {
      Classification: 'Individual', First: 'Ines', Last: 'Varga', 'State / Province': 'ny', NPI: '1234567893', 'Active Date': '1/5/2024',
      'Termination Date': 'Indefinite', 'Exclusion Type': 'Ineligible', 'Excluding Agency': 'OPM', 'SAM Number': 'S4MRX',
    };
    const csv = `${columns.join(',')}\n${columns.map((column) => values[column] ?? '').join(',')}\n`;
    const [entry] = await all(parseSam(text(csv)));
    expect(entry).toMatchObject({ firstName: 'Ines', lastName: 'Varga', state: 'NY', npi: '1234567893', excludedOn: '2024-01-05', agency: 'OPM' });
  });

  it('refuses a header without the required columns, naming them', async () => {
    const header = SAM_HEADER.filter((column) => column !== 'NPI' && column !== 'Active Date').join(',');
    await expect(all(parseSam(text(`${header}\n`), 'extract.csv'))).rejects.toThrow(AppError);
    await expect(all(parseSam(text(`${header}\n`), 'extract.csv'))).rejects.toMatchObject({
      message: 'extract.csv is not a SAM.gov Exclusions Public Extract (V2): its header lacks the columns Active Date, NPI',
      details: { reason: 'EXCLUSION_FILE_HEADER', missing: ['Active Date', 'NPI'] },
    });
  });
});
