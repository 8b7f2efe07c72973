// A local stand-in for the federal exclusion lists, for development and tests: the OIG's LEIE
// full file (UPDATED.csv) and a SAM.gov Exclusions Public Extract (V2), in their real formats,
// over HTTP on 127.0.0.1. Every person in them is fictional. The physicians they are built to
// catch are exported, so a development stack or a test can create them and see each outcome.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Physicians to create against the stand-in's lists, and what screening finds for each. */
export const EXCLUSION_STAND_IN_PHYSICIANS = {
  /** On the LEIE with this NPI: EXCLUDED. */
  excludedByNpi: { givenName: 'Thaddeus', familyName: 'Quillfeather', npi: '1900001235', dateOfBirth: '1970-02-14' },
  /** On the LEIE as PENHALLOW, MARISOL with this date of birth and no NPI: POSSIBLE_MATCH (name and date of birth). */
  possibleMatch: { givenName: 'Marisol', familyName: 'Ochoa-Penhallow', npi: '1900004569', dateOfBirth: '1981-06-30' },
  /** On the SAM extract in Vermont with no NPI: POSSIBLE_MATCH when licensed in VT (name and state). */
  samPossibleMatch: { givenName: 'Bramwell', familyName: 'Osterhout', npi: '1900007893', dateOfBirth: '1965-09-03', licenseState: 'VT' },
  /** On no list: CLEAR. */
  clear: { givenName: 'Eulalie', familyName: 'Brightwater', npi: '1900003215', dateOfBirth: '1990-12-01' },
} as const;

export const LEIE_HEADER = 'LASTNAME,FIRSTNAME,MIDNAME,BUSNAME,GENERAL,SPECIALTY,UPIN,NPI,DOB,ADDRESS,CITY,STATE,ZIP,EXCLTYPE,EXCLDATE,REINDATE,WAIVERDATE,WVRSTATE';

/** The stand-in's UPDATED.csv (quoted as the OIG quotes it). */
export function leieUpdatedCsv(): string {
  const rows = [
    ['QUILLFEATHER', 'THADDEUS', 'R', '', 'INDIVIDUAL', 'FAMILY PRACTICE', '', '1900001235', '19700214', '12 LANTERN WAY', 'SALEM', 'OR', '97301', '1128a1', '20240115', '00000000', '00000000', ''],
    ['PENHALLOW', 'MARISOL', '', '', 'INDIVIDUAL', 'NURSING PROFESSION', '', '0000000000', '19810630', '4 HARBOR ST', 'PORTLAND', 'ME', '04101', '1128b4', '20230905', '00000000', '00000000', ''],
    ['PENHALLOW', 'MARISOL', '', '', 'INDIVIDUAL', 'NURSING PROFESSION', '', '0000000000', '19790211', '9 ELM RD', 'AUGUSTA', 'ME', '04330', '1128b4', '20220110', '00000000', '00000000', ''],
    ['', '', '', 'GREYMANTLE MEDICAL SUPPLY, LLC', 'DME COMPANY', 'DME - OXYGEN', '', '0000000000', '00000000', '77 DEPOT AVE', 'TUCSON', 'AZ', '85701', '1128b7', '20211020', '00000000', '00000000', ''],
  ];
  return `${[LEIE_HEADER, ...rows.map((row) => row.map((field) => `"${field.replace(/"/g, '""')}"`).join(','))].join('\r\n')}\r\n`;
}

/**
 * The stand-in's UPDATED.csv with one more fictional business, named by `marker`: a file of its
 * own (its SHA-256 differs), for a test that must import the list afresh whatever was imported
 * before it into the same database.
 */
export function leieUpdatedCsvMarked(marker: string): string {
  const row = ['', '', '', `FICTIONAL SUPPLY ${marker.toUpperCase()}`, 'DME COMPANY', 'DME - SUPPLIES', '', '0000000000', '00000000', '1 MAIN ST', 'NOWHERE', 'VT', '05001', '1128b7', '20200101', '00000000', '00000000', ''];
  return `${leieUpdatedCsv()}${row.map((field) => `"${field.replace(/"/g, '""')}"`).join(',')}\r\n`;
}

export const SAM_HEADER = [
  'Classification', 'Name', 'Prefix', 'First', 'Middle', 'Last', 'Suffix', 'Address 1', 'Address 2', 'Address 3', 'Address 4', 'City',
  'State / Province', 'Country', 'Zip Code', 'Unique Entity ID', 'Exclusion Program', 'Excluding Agency', 'CT Code',
  'Exclusion Type', 'Additional Comments', 'Active Date', 'Termination Date', 'Record Status', 'Cross-Reference', 'SAM Number', 'CAGE', 'NPI', 'Creation_Date',
];

/** The stand-in's SAM extract: an individual in Vermont, and a firm. */
export function samExtractCsv(): string {
  const record = (values: Record<string, string>) => SAM_HEADER.map((column) => `"${(values[column] ?? '').replace(/"/g, '""')}"`).join(',');
  const rows = [
    record({
      Classification: 'Individual', Name: 'Osterhout, Bramwell', First: 'Bramwell', Last: 'Osterhout', City: 'Montpelier', 'State / Province': 'VT', Country: 'USA',
      'Zip Code': '05602', 'Exclusion Program': 'Reciprocal', 'Excluding Agency': 'HHS', 'CT Code': 'Z1', 'Exclusion Type': 'Prohibition/Restriction',
      'Active Date': '03/14/2022', 'Termination Date': 'Indefinite', 'SAM Number': 'S4MRFICT01', 'Creation_Date': '03/15/2022',
    }),
    record({
      Classification: 'Firm', Name: 'Saltmarsh Diagnostics, Inc.', City: 'Dover', 'State / Province': 'DE', Country: 'USA', 'Zip Code': '19901',
      'Exclusion Program': 'Reciprocal', 'Excluding Agency': 'HHS', 'Exclusion Type': 'Ineligible (Proceedings Completed)',
      'Active Date': '07/01/2021', 'Termination Date': '07/01/2031', 'SAM Number': 'S4MRFICT02', NPI: '', 'Creation_Date': '07/02/2021',
    }),
  ];
  return `${[SAM_HEADER.map((column) => `"${column}"`).join(','), ...rows].join('\r\n')}\r\n`;
}

export interface RunningExclusionListStandIn {
  /** The LEIE full file, as LEIE_URL. */
  leieUrl: string;
  /** The SAM extract, as SAM_EXCLUSIONS_URL. */
  samUrl: string;
  stop(): Promise<void>;
}

/** Serves the two files on 127.0.0.1 (port 0: any free port). */
export async function startExclusionListStandIn(options: { port?: number } = {}): Promise<RunningExclusionListStandIn> {
  const files: Record<string, () => string> = {
    '/exclusions/downloadables/UPDATED.csv': leieUpdatedCsv,
    '/sam/exclusions/SAM_Exclusions_Public_Extract_V2.csv': samExtractCsv,
  };
  const server = createServer((request, response) => {
    const file = request.method === 'GET' ? files[new URL(request.url ?? '/', 'http://127.0.0.1').pathname] : undefined;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/csv' }).end(file());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    leieUrl: `${base}/exclusions/downloadables/UPDATED.csv`,
    samUrl: `${base}/sam/exclusions/SAM_Exclusions_Public_Extract_V2.csv`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
