// The OIG List of Excluded Individuals/Entities (LEIE): the monthly full file UPDATED.csv and the
// monthly supplements (MMYYEXCL.csv, new exclusions; MMYYREIN.csv, reinstatements), all with the
// same columns. Dates are yyyymmdd, 00000000 for none; an unknown NPI is 0000000000 (kept as null).
import { usableNpi } from '../../domain/exclusion-matching.ts';
import { readCsv } from './csv.ts';
import { columnsOf, dateField, fieldReader, orNull, rawRow, stateField, type ParsedEntry } from './exclusion-file.ts';

export const LEIE_COLUMNS = [
  'LASTNAME', 'FIRSTNAME', 'MIDNAME', 'BUSNAME', 'GENERAL', 'SPECIALTY', 'UPIN', 'NPI', 'DOB', 'ADDRESS',
  'CITY', 'STATE', 'ZIP', 'EXCLTYPE', 'EXCLDATE', 'REINDATE', 'WAIVERDATE', 'WVRSTATE',
] as const;

/** The entries of an LEIE file (full or supplement), streamed; refuses a header without the LEIE columns. */
export async function* parseLeie(chunks: AsyncIterable<string | Uint8Array>, source = 'the LEIE file'): AsyncGenerator<ParsedEntry> {
  const records = readCsv(chunks, source);
  const header = (await records.next()).value || undefined;
  const columns = columnsOf(header, LEIE_COLUMNS, 'an OIG LEIE file (UPDATED.csv or a monthly supplement)', source);
  for await (const record of records) {
    const field = fieldReader(columns, record);
    const date = (column: string) => dateField(field(column), column, record.line, source);
    const entry: ParsedEntry = {
      line: record.line,
      lastName: orNull(field('LASTNAME')),
      firstName: orNull(field('FIRSTNAME')),
      middleName: orNull(field('MIDNAME')),
      businessName: orNull(field('BUSNAME')),
      npi: usableNpi(field('NPI')),
      dateOfBirth: date('DOB'),
      state: stateField(field('STATE')),
      excludedOn: date('EXCLDATE'),
      reinstatedOn: date('REINDATE'),
      terminatesOn: null,
      exclusionType: field('EXCLTYPE'),
      general: orNull(field('GENERAL')),
      specialty: orNull(field('SPECIALTY')),
      agency: null,
      raw: rawRow(header!, record),
      // A reinstatement row repeats the exclusion's fields with REINDATE set: it has the same identity.
      identity: ['LASTNAME', 'FIRSTNAME', 'MIDNAME', 'BUSNAME', 'NPI', 'DOB', 'EXCLTYPE', 'EXCLDATE'].map((column) => field(column).toUpperCase()),
    };
    yield entry;
  }
}
