// The one interface behind which every primary source of credential verification sits: the
// activities of the verification workflow call `check` and record what comes back (the result,
// the problems found, and the source's raw answer as evidence).

export type SourceName = 'NPPES' | 'STATE_BOARD' | 'DEA' | 'BOARD_CERTIFICATION' | 'NPDB' | 'MALPRACTICE_CARRIER';

export type CheckResult = 'VERIFIED' | 'MISMATCH' | 'NOT_FOUND' | 'EXCLUDED' | 'SOURCE_UNAVAILABLE' | 'MANUAL';

export type CredentialType = 'STATE_LICENSE' | 'DEA_REGISTRATION' | 'STATE_CONTROLLED_SUBSTANCE' | 'BOARD_CERTIFICATION' | 'MALPRACTICE_INSURANCE';

export interface CheckSubject {
  physician: { givenName: string; familyName: string; npi: string; dateOfBirth: string | null /* YYYY-MM-DD */ };
  /** null: a physician-level screen (NPPES, NPDB). */
  credential: {
    type: CredentialType;
    number: string;
    state: string | null;
    issuer: string;
    expiresOn: string | null;
    issuedOn: string | null;
  } | null;
}

/** A field the source disagrees on: what the file says and what the source says (no PHI beyond the field's own value is added). */
export interface CheckProblem {
  field: string;
  /** Stable: NAME_DIFFERS, LICENSE_NOT_IN_TAXONOMIES, INACTIVE, NOT_INDIVIDUAL, EXPIRED_AT_SOURCE, EXPIRY_DIFFERS, ... */
  code: string;
  recorded?: string | null;
  atSource?: string | null;
}

export interface SourceEvidence {
  source: SourceName;
  requestedAt: string /* ISO */;
  /** The configured base + path, query included. */
  url: string;
  status: number;
  contentType: string | null;
  /** The raw response, exactly as received. */
  body: Uint8Array;
  /** Hex SHA-256 of body. */
  sha256: string;
}

export interface SourceCheck {
  source: SourceName;
  result: CheckResult;
  problems: CheckProblem[];
  evidence: SourceEvidence | null;
  /** What the source says, normalised, for the record (expiry at source, status text): small, no raw PHI beyond the credential's own fields. */
  atSource?: Record<string, string | null>;
}

export interface CheckOptions {
  /** Temporal cancellation: an aborted check stops at once and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called before each attempt (an activity heartbeat). */
  heartbeat?: (detail?: unknown) => void;
}

export interface VerificationSource {
  name: SourceName;
  check(subject: CheckSubject, options?: CheckOptions): Promise<SourceCheck>;
}

/** How every source asks over HTTP: its timeout and retries (from VerificationSourcesConfig), and the fetch and clock to use. */
export interface SourceHttpSettings {
  timeoutMs: number;
  attempts: number;
  retryBaseMs: number;
  fetch: typeof fetch;
  /** Today, for comparing expiry dates. */
  now: () => Date;
}

/** Stable codes of the problems a source reports about itself (result SOURCE_UNAVAILABLE or MANUAL). */
export const SOURCE_PROBLEMS = {
  noAutomatedSource: 'NO_AUTOMATED_SOURCE',
  documentReviewRequired: 'DOCUMENT_REVIEW_REQUIRED',
  timeout: 'SOURCE_TIMEOUT',
  unreachable: 'SOURCE_UNREACHABLE',
  errorStatus: 'SOURCE_ERROR_STATUS',
  redirectRefused: 'SOURCE_REDIRECT_REFUSED',
  refusedCredentials: 'SOURCE_REFUSED_CREDENTIALS',
  unreadableResponse: 'SOURCE_UNREADABLE_RESPONSE',
  reportedError: 'SOURCE_REPORTED_ERROR',
} as const;

/** A check a person must make: no request is sent. */
export function manualCheck(source: SourceName, problem: CheckProblem = { field: 'source', code: SOURCE_PROBLEMS.noAutomatedSource }): SourceCheck {
  return { source, result: 'MANUAL', problems: [problem], evidence: null };
}

/** MISMATCH when the source disagrees on anything, else VERIFIED. */
export function resultOf(problems: CheckProblem[]): CheckResult {
  return problems.length > 0 ? 'MISMATCH' : 'VERIFIED';
}
