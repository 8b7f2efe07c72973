// NPPES NPI Registry API 2.1 (https://npiregistry.cms.hhs.gov/api/?version=2.1&number=<npi>): the
// NPI exists, belongs to an individual (NPI-1), is active, carries the physician's name, and, for
// a state license, lists that license in one of its taxonomies.
import { isRecord, nameProblems, PROBLEM_CODES, sameCredentialNumber, stringOrNull } from './compare.ts';
import { requestSource, unexpectedStatus, unreadable, type Interpretation } from './source-request.ts';
import { resultOf, SOURCE_PROBLEMS, type CheckOptions, type CheckProblem, type CheckSubject, type SourceCheck, type SourceHttpSettings, type VerificationSource } from './source.ts';

interface NppesTaxonomy {
  code: string | null;
  desc: string | null;
  license: string | null;
  state: string | null;
  primary: boolean;
}

interface NppesResult {
  number: string;
  enumerationType: string | null;
  firstName: string | null;
  lastName: string | null;
  status: string | null;
  taxonomies: NppesTaxonomy[];
}

type NppesAnswer = { found: false } | { found: true; result: NppesResult };

/** Descriptions of NPPES errors that mean "no such NPI" rather than "the registry failed". */
const NUMBER_REJECTED = /\b(invalid|not found|no (matching )?(records?|results?)|must be 10 digits|not a valid)\b/i;

function parseResult(raw: Record<string, unknown>): NppesResult | undefined {
  // NPPES answers `number` as a string or, in some records, as an integer.
  const number = typeof raw.number === 'number' && Number.isInteger(raw.number) ? String(raw.number) : raw.number;
  if (typeof number !== 'string') return undefined;
  const basic = isRecord(raw.basic) ? raw.basic : {};
  const taxonomies = Array.isArray(raw.taxonomies) ? raw.taxonomies.filter(isRecord) : [];
  return {
    number,
    enumerationType: stringOrNull(raw.enumeration_type),
    firstName: stringOrNull(basic.first_name),
    lastName: stringOrNull(basic.last_name),
    status: stringOrNull(basic.status),
    taxonomies: taxonomies.map((taxonomy) => ({
      code: stringOrNull(taxonomy.code),
      desc: stringOrNull(taxonomy.desc),
      license: stringOrNull(taxonomy.license),
      state: stringOrNull(taxonomy.state),
      primary: taxonomy.primary === true || taxonomy.primary === 'Y',
    })),
  };
}

function interpret(npi: string, status: number, json: unknown): Interpretation<NppesAnswer> {
  if (status !== 200) return unexpectedStatus(status);
  if (!isRecord(json)) return unreadable('not a JSON object');
  if (Array.isArray(json.Errors)) {
    const descriptions = json.Errors.filter(isRecord).map((error) => stringOrNull(error.description) ?? '');
    if (descriptions.some((description) => NUMBER_REJECTED.test(description))) return { value: { found: false } };
    return { retry: { field: 'source', code: SOURCE_PROBLEMS.reportedError, atSource: descriptions.join('; ').slice(0, 200) || null } };
  }
  if (typeof json.result_count !== 'number' || !Array.isArray(json.results)) return unreadable('no result_count and results');
  if (json.result_count === 0 || json.results.length === 0) return { value: { found: false } };
  const results = json.results.filter(isRecord).map(parseResult);
  if (results.some((result) => result === undefined)) return unreadable('a result without a number');
  const result = results.find((candidate) => candidate!.number === npi);
  // Asked for one NPI, the registry answered with others: not an answer about this one.
  if (!result) return unreadable('results for another NPI');
  return { value: { found: true, result } };
}

export function licenseProblems(credential: NonNullable<CheckSubject['credential']>, taxonomies: NppesTaxonomy[]): CheckProblem[] {
  const state = credential.state?.toUpperCase() ?? null;
  const listed = taxonomies.some((taxonomy) => taxonomy.license !== null && sameCredentialNumber(taxonomy.license, credential.number) && taxonomy.state?.toUpperCase() === state);
  if (listed) return [];
  const atSource = taxonomies.filter((taxonomy) => taxonomy.license).map((taxonomy) => `${taxonomy.state ?? '?'} ${taxonomy.license}`).join('; ') || null;
  return [{ field: 'number', code: PROBLEM_CODES.licenseNotInTaxonomies, recorded: `${state ?? '?'} ${credential.number}`, atSource }];
}

export function createNppesSource(baseUrl: string, settings: SourceHttpSettings): VerificationSource {
  return {
    name: 'NPPES',
    async check(subject: CheckSubject, options?: CheckOptions): Promise<SourceCheck> {
      const { npi } = subject.physician;
      const outcome = await requestSource({
        source: 'NPPES',
        baseUrl,
        path: '/api/',
        query: { version: '2.1', number: npi },
        interpret: (response) => interpret(npi, response.status, response.json()),
      }, settings, options);
      if (!outcome.ok) return outcome.check;
      const { evidence } = outcome;
      if (!outcome.value.found) {
        return { source: 'NPPES', result: 'NOT_FOUND', problems: [{ field: 'npi', code: PROBLEM_CODES.notFoundAtSource, recorded: npi, atSource: null }], evidence };
      }
      const { result } = outcome.value;
      const primary = result.taxonomies.find((taxonomy) => taxonomy.primary) ?? result.taxonomies[0];
      const atSource = { enumerationType: result.enumerationType, status: result.status, primaryTaxonomy: primary?.code ?? null };
      if (result.enumerationType !== 'NPI-1') {
        return { source: 'NPPES', result: 'MISMATCH', problems: [{ field: 'npi', code: PROBLEM_CODES.notIndividual, recorded: 'NPI-1', atSource: result.enumerationType }], evidence, atSource };
      }
      const problems: CheckProblem[] = [];
      if (result.status !== 'A') problems.push({ field: 'npi', code: PROBLEM_CODES.inactive, recorded: null, atSource: result.status });
      problems.push(...nameProblems(subject.physician, { givenName: result.firstName, familyName: result.lastName }));
      if (subject.credential?.type === 'STATE_LICENSE') problems.push(...licenseProblems(subject.credential, result.taxonomies));
      return { source: 'NPPES', result: resultOf(problems), problems, evidence, atSource };
    },
  };
}

