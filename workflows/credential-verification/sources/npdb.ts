// The National Practitioner Data Bank, modelled as a JSON API over its Query and Continuous Query:
//   POST {base}/v1/queries { "queryType": "ONE_TIME", "practitioner": { ...identifiers } }
//   → { "queryId", "processedAt", "reports": [{ "reportId", "reportType", "reportDate" }] }
//   POST {base}/v1/continuous-query/enrollments { "practitioner": { ... } }
//   → { "enrollmentId", "expiresOn": "YYYY-MM-DD", "status": "ENROLLED" }
// No report on file verifies the screen; any report is for a person to review. A query is charged
// for, so each check sends one idempotency key with all its attempts.
import { randomUUID } from 'node:crypto';
import { dateAtSource, isRecord, PROBLEM_CODES, stringOrNull } from './compare.ts';
import { requestSource, unexpectedStatus, unreadable, type Interpretation } from './source-request.ts';
import { manualCheck, type CheckOptions, type CheckSubject, type SourceCheck, type SourceEvidence, type SourceHttpSettings, type VerificationSource } from './source.ts';

export type NpdbEnrollment =
  | { enrolled: true; enrollmentId: string; expiresOn: string | null; evidence: SourceEvidence }
  /** Not enrolled: the source was unavailable, or is not configured (result MANUAL). */
  | { enrolled: false; check: SourceCheck };

export interface NpdbSource extends VerificationSource {
  name: 'NPDB';
  /** Enrolls the practitioner in Continuous Query, so that new reports are sent as they are filed. */
  enroll(subject: CheckSubject, options?: CheckOptions): Promise<NpdbEnrollment>;
}

interface QueryAnswer {
  queryId: string | null;
  reportTypes: string[];
}

function practitionerOf(subject: CheckSubject) {
  const { physician } = subject;
  return { firstName: physician.givenName, lastName: physician.familyName, dateOfBirth: physician.dateOfBirth, npi: physician.npi };
}

function interpretQuery(status: number, json: unknown): Interpretation<QueryAnswer> {
  if (status !== 200 && status !== 201) return unexpectedStatus(status);
  if (!isRecord(json) || !Array.isArray(json.reports)) return unreadable('no reports list');
  return { value: { queryId: stringOrNull(json.queryId), reportTypes: json.reports.map((report) => (isRecord(report) ? stringOrNull(report.reportType) : null) ?? 'UNKNOWN') } };
}

function interpretEnrollment(status: number, json: unknown): Interpretation<{ enrollmentId: string; expiresOn: string | null }> {
  if (status !== 200 && status !== 201) return unexpectedStatus(status);
  if (!isRecord(json) || typeof json.enrollmentId !== 'string') return unreadable('no enrollmentId');
  const expiresOn = dateAtSource(json.expiresOn);
  if (expiresOn === undefined) return unreadable('an enrollment expiry that is not a date');
  return { value: { enrollmentId: json.enrollmentId, expiresOn } };
}

export function createNpdbSource(baseUrl: string, settings: SourceHttpSettings): NpdbSource {
  return {
    name: 'NPDB',
    async check(subject, options) {
      const outcome = await requestSource({
        source: 'NPDB',
        baseUrl,
        path: '/v1/queries',
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        json: { queryType: 'ONE_TIME', practitioner: practitionerOf(subject) },
        interpret: (response) => interpretQuery(response.status, response.json()),
      }, settings, options);
      if (!outcome.ok) return outcome.check;
      const { evidence, value } = outcome;
      const atSource = { queryId: value.queryId, reportCount: String(value.reportTypes.length), reportTypes: [...new Set(value.reportTypes)].join(' ') || null };
      if (value.reportTypes.length === 0) return { source: 'NPDB', result: 'VERIFIED', problems: [], evidence, atSource };
      return { source: 'NPDB', result: 'MISMATCH', problems: [{ field: 'reports', code: PROBLEM_CODES.reportsOnFile, recorded: null, atSource: String(value.reportTypes.length) }], evidence, atSource };
    },
    async enroll(subject, options) {
      const outcome = await requestSource({
        source: 'NPDB',
        baseUrl,
        path: '/v1/continuous-query/enrollments',
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        json: { practitioner: practitionerOf(subject) },
        interpret: (response) => interpretEnrollment(response.status, response.json()),
      }, settings, options);
      if (!outcome.ok) return { enrolled: false, check: outcome.check };
      return { enrolled: true, ...outcome.value, evidence: outcome.evidence };
    },
  };
}

/** NPDB when no NPDB_URL is configured: a person queries it. */
export function manualNpdbSource(): NpdbSource {
  return {
    name: 'NPDB',
    check: async () => manualCheck('NPDB'),
    enroll: async () => ({ enrolled: false, check: manualCheck('NPDB') }),
  };
}
