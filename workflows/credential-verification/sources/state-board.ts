// State licenses (and state controlled-substance registrations) at the board that issued them. Each
// jurisdiction is served by at most one adapter; a jurisdiction no adapter serves is checked by a
// person. The adapter here speaks a JSON license lookup service, shaped like the commercial ones:
//   GET {base}/v1/licenses?state=CA&number=A12345[&licenseType=CONTROLLED_SUBSTANCE]
//   → { "licenses": [{ "state", "number", "licenseType", "licensee": { "firstName", "lastName" },
//        "status": "ACTIVE" | "EXPIRED" | "REVOKED" | "SUSPENDED" | "PROBATION" | ...,
//        "expirationDate": "YYYY-MM-DD", "disciplinaryActions": [{ "date", "action", "description" }] }] }
import { AppError } from '../../../platform/errors.ts';
import { dateAtSource, expiryProblems, isoDay, isRecord, nameProblems, PROBLEM_CODES, sameCredentialNumber, stringOrNull } from './compare.ts';
import { requestSource, unexpectedStatus, unreadable, type Interpretation } from './source-request.ts';
import { manualCheck, resultOf, SOURCE_PROBLEMS, type CheckOptions, type CheckProblem, type CheckSubject, type CredentialType, type SourceCheck, type SourceHttpSettings, type VerificationSource } from './source.ts';

export type StateBoardCredentialType = Extract<CredentialType, 'STATE_LICENSE' | 'STATE_CONTROLLED_SUBSTANCE'>;

/** One way of reaching the boards of some jurisdictions. */
export interface StateBoardAdapter {
  /** USPS codes of the jurisdictions it serves. */
  states: string[];
  /** The credential types it looks up there. */
  credentialTypes: StateBoardCredentialType[];
  lookup(subject: CheckSubject & { credential: NonNullable<CheckSubject['credential']> }, options?: CheckOptions): Promise<SourceCheck>;
}

export interface StateBoardRegistry {
  adapterFor(state: string, credentialType: CredentialType): StateBoardAdapter | null;
}

/** Maps each jurisdiction and credential type to its one adapter; two adapters for the same pair is a configuration error. */
export function createStateBoardRegistry(adapters: StateBoardAdapter[]): StateBoardRegistry {
  const byKey = new Map<string, StateBoardAdapter>();
  for (const adapter of adapters) {
    for (const state of adapter.states) {
      for (const type of adapter.credentialTypes) {
        const key = `${state.toUpperCase()}:${type}`;
        if (byKey.has(key)) throw new AppError('INTERNAL_SERVER_ERROR', `Two state board adapters serve ${key}: each jurisdiction has one`);
        byKey.set(key, adapter);
      }
    }
  }
  return { adapterFor: (state, credentialType) => byKey.get(`${state.toUpperCase()}:${credentialType}`) ?? null };
}

/** The STATE_BOARD source: the adapter of the credential's jurisdiction, or a person when there is none. */
export function createStateBoardSource(registry: StateBoardRegistry): VerificationSource {
  return {
    name: 'STATE_BOARD',
    async check(subject, options) {
      const { credential } = subject;
      if (credential === null) throw new AppError('INTERNAL_SERVER_ERROR', 'The state board checks a credential, and none was given');
      const adapter = credential.state ? registry.adapterFor(credential.state, credential.type) : null;
      if (!adapter) return manualCheck('STATE_BOARD', { field: 'state', code: SOURCE_PROBLEMS.noAutomatedSource, recorded: credential.state });
      return adapter.lookup({ ...subject, credential }, options);
    },
  };
}

export const LICENSE_STATUSES = ['ACTIVE', 'EXPIRED', 'REVOKED', 'SUSPENDED', 'PROBATION', 'SURRENDERED', 'INACTIVE', 'DECEASED'] as const;

interface LicenseAtSource {
  state: string | null;
  number: string;
  firstName: string | null;
  lastName: string | null;
  status: string;
  expirationDate: string | null;
  disciplinaryActions: number;
}

function parseLicense(raw: unknown): LicenseAtSource | undefined {
  if (!isRecord(raw) || typeof raw.number !== 'string' || typeof raw.status !== 'string') return undefined;
  const expirationDate = dateAtSource(raw.expirationDate);
  if (expirationDate === undefined) return undefined;
  const licensee = isRecord(raw.licensee) ? raw.licensee : {};
  return {
    state: stringOrNull(raw.state)?.toUpperCase() ?? null,
    number: raw.number,
    firstName: stringOrNull(licensee.firstName),
    lastName: stringOrNull(licensee.lastName),
    status: raw.status.toUpperCase(),
    expirationDate,
    disciplinaryActions: Array.isArray(raw.disciplinaryActions) ? raw.disciplinaryActions.length : 0,
  };
}

function interpretLicenses(status: number, json: unknown): Interpretation<LicenseAtSource[]> {
  if (status === 404) return { value: [] };
  if (status !== 200) return unexpectedStatus(status);
  if (!isRecord(json) || !Array.isArray(json.licenses)) return unreadable('no licenses list');
  const licenses = json.licenses.map(parseLicense);
  if (licenses.some((license) => license === undefined)) return unreadable('a license without number, status or a valid expiration date');
  return { value: licenses as LicenseAtSource[] };
}

export function licenseProblems(subject: CheckSubject, license: LicenseAtSource, today: string): CheckProblem[] {
  const credential = subject.credential!;
  const problems = nameProblems(subject.physician, { givenName: license.firstName, familyName: license.lastName });
  if (license.status === 'PROBATION') problems.push({ field: 'status', code: PROBLEM_CODES.probation, recorded: null, atSource: license.status });
  else if (license.status === 'EXPIRED') problems.push({ field: 'status', code: PROBLEM_CODES.expiredAtSource, recorded: null, atSource: license.status });
  else if (license.status !== 'ACTIVE') problems.push({ field: 'status', code: PROBLEM_CODES.inactive, recorded: null, atSource: license.status });
  problems.push(...expiryProblems(credential.expiresOn, license.expirationDate, today)
    // An EXPIRED status already says it; the past date is then one problem, not two.
    .filter((problem) => !(problem.code === PROBLEM_CODES.expiredAtSource && license.status === 'EXPIRED')));
  if (license.disciplinaryActions > 0) problems.push({ field: 'disciplinaryActions', code: PROBLEM_CODES.discipline, recorded: null, atSource: String(license.disciplinaryActions) });
  return problems;
}

/** An adapter for a JSON license lookup service covering `states`. */
export function createLicenseLookupAdapter(options: { baseUrl: string; apiKey: string | null; states: string[]; settings: SourceHttpSettings }): StateBoardAdapter {
  const { baseUrl, apiKey, settings } = options;
  return {
    states: options.states.map((state) => state.toUpperCase()),
    credentialTypes: ['STATE_LICENSE', 'STATE_CONTROLLED_SUBSTANCE'],
    async lookup(subject, checkOptions) {
      const { credential } = subject;
      const state = credential.state!.toUpperCase();
      const query: Record<string, string> = { state, number: credential.number };
      if (credential.type === 'STATE_CONTROLLED_SUBSTANCE') query.licenseType = 'CONTROLLED_SUBSTANCE';
      const outcome = await requestSource({
        source: 'STATE_BOARD',
        baseUrl,
        path: '/v1/licenses',
        query,
        headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
        interpret: (response) => interpretLicenses(response.status, response.json()),
      }, settings, checkOptions);
      if (!outcome.ok) return outcome.check;
      const { evidence } = outcome;
      const license = outcome.value.find((candidate) => sameCredentialNumber(candidate.number, credential.number) && (candidate.state ?? state) === state);
      if (!license) {
        return { source: 'STATE_BOARD', result: 'NOT_FOUND', problems: [{ field: 'number', code: PROBLEM_CODES.notFoundAtSource, recorded: `${state} ${credential.number}`, atSource: null }], evidence };
      }
      const problems = licenseProblems(subject, license, isoDay(settings.now()));
      return {
        source: 'STATE_BOARD',
        result: resultOf(problems),
        problems,
        evidence,
        atSource: { status: license.status, expiresOn: license.expirationDate, disciplinaryActions: String(license.disciplinaryActions) },
      };
    },
  };
}
