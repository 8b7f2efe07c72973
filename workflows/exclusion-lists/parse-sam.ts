// SAM.gov's "Exclusions Public Extract V2" (CSV): every active federal exclusion, individuals and
// firms. Columns are found by their header names, in any order. Dates are MM/DD/YYYY; the
// Termination Date may be "Indefinite". No date of birth is published.
import { usableNpi } from '../../domain/exclusion-matching.ts';
import { readCsv } from './csv.ts';
import { columnsOf, dateField, fieldReader, orNull, rawRow, stateField, type ParsedEntry } from './exclusion-file.ts';

/** Every column of the V2 extract. */
export const SAM_COLUMNS = [
  'Classification', 'Name', 'Prefix', 'First', 'Middle', 'Last', 'Suffix', 'Address 1', 'Address 2', 'Address 3', 'Address 4',
  'City', 'State / Province', 'Country', 'Zip Code', 'Unique Entity ID', 'Exclusion Program', 'Excluding Agency', 'CT Code',
  'Exclusion Type', 'Additional Comments', 'Active Date', 'Termination Date', 'Record Status', 'Cross-Reference', 'SAM Number',
  'CAGE', 'NPI', 'Creation_Date',
] as const;

/** The columns screening reads: a file without one of them is refused. */
export const SAM_REQUIRED_COLUMNS = [
  'Classification', 'Name', 'First', 'Middle', 'Last', 'State / Province', 'Excluding Agency', 'Exclusion Type',
  'Active Date', 'Termination Date', 'SAM Number', 'NPI',
] as const;

/** The entries of a SAM exclusions extract, streamed; refuses a header without the required columns. */
export async function* parseSam(chunks: AsyncIterable<string | Uint8Array>, source = 'the SAM exclusions file'): AsyncGenerator<ParsedEntry> {
  const records = readCsv(chunks, source);
  const header = (await records.next()).value || undefined;
  const columns = columnsOf(header, SAM_REQUIRED_COLUMNS, 'a SAM.gov Exclusions Public Extract (V2)', source);
  for await (const record of records) {
    const field = fieldReader(columns, record);
    const individual = field('Classification').toLowerCase() === 'individual';
    const termination = field('Termination Date');
    const samNumber = field('SAM Number');
    const entry: ParsedEntry = {
      line: record.line,
      lastName: individual ? orNull(field('Last')) : null,
      firstName: individual ? orNull(field('First')) : null,
      middleName: individual ? orNull(field('Middle')) : null,
      businessName: individual ? null : orNull(field('Name')),
      npi: usableNpi(field('NPI')),
      dateOfBirth: null,
      state: stateField(field('State / Province')),
      excludedOn: dateField(field('Active Date'), 'Active Date', record.line, source),
      reinstatedOn: null,
      terminatesOn: /^indefinite$/i.test(termination) ? null : dateField(termination, 'Termination Date', record.line, source),
      exclusionType: field('Exclusion Type'),
      general: null,
      specialty: null,
      agency: orNull(field('Excluding Agency')),
      raw: rawRow(header!, record),
      identity: samNumber
        ? [samNumber.toUpperCase(), field('Active Date'), field('Exclusion Type').toUpperCase()]
        : ['Classification', 'Name', 'First', 'Middle', 'Last', 'Unique Entity ID', 'Exclusion Type', 'Active Date'].map((column) => field(column).toUpperCase()),
    };
    yield entry;
  }
}
