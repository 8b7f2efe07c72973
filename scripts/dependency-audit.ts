// What `npm audit --audit-level=high --json` answered, as a verdict of `npm run check`. npm exits 1
// both when it found vulnerabilities and when it could not ask the advisory service, so the two are
// told apart by its JSON: a report (metadata.vulnerabilities) is judged by its counts; an error is
// "unreachable" only when it says so (a network error code, or an HTTP status the registry gives
// when it does not offer the audit endpoint); anything else fails, so nothing passes unread.

export interface AuditRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export type VulnerabilityCounts = Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>;

export type AuditVerdict =
  | { outcome: 'passed'; counts: VulnerabilityCounts }
  | { outcome: 'vulnerable'; counts: VulnerabilityCounts }
  | { outcome: 'unreachable'; reason: string }
  | { outcome: 'failed'; reason: string };

/** Error codes of a request that never reached an advisory service (DNS, connection, timeout, proxy). */
const NETWORK_ERROR_CODES = new Set([
  'ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EHOSTUNREACH',
  'ENETUNREACH', 'ENETDOWN', 'EPIPE', 'ERR_SOCKET_TIMEOUT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'SELF_SIGNED_CERT_IN_CHAIN',
  // npm's own code when the configured registry does not offer audits at all.
  'ENOAUDIT',
]);

/** HTTP statuses of a registry or proxy that has no audit endpoint, or none available now. */
const UNAVAILABLE_STATUSES = new Set([404, 405, 501, 502, 503, 504]);

const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function countsOf(report: Record<string, unknown>): VulnerabilityCounts | null {
  const metadata = report.metadata;
  if (!isObject(metadata) || !isObject(metadata.vulnerabilities)) return null;
  const given = metadata.vulnerabilities;
  const counts = {} as VulnerabilityCounts;
  for (const severity of SEVERITIES) {
    const count = given[severity];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return null;
    counts[severity] = count;
  }
  return counts;
}

function firstLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).find((line) => line.length > 0) ?? '';
}

export function auditVerdict(run: AuditRun): AuditVerdict {
  const answer = parseJson(run.stdout);
  if (isObject(answer)) {
    const counts = countsOf(answer);
    if (counts) {
      if (counts.high + counts.critical > 0) return { outcome: 'vulnerable', counts };
      if (run.exitCode === 0) return { outcome: 'passed', counts };
      return { outcome: 'failed', reason: `npm audit exited ${String(run.exitCode)} with no finding of high severity or above` };
    }
    const error = isObject(answer.error) ? answer.error : {};
    const code = typeof error.code === 'string' ? error.code : typeof answer.code === 'string' ? answer.code : null;
    const status = typeof answer.statusCode === 'number' ? answer.statusCode : null;
    const message = typeof answer.message === 'string' && answer.message ? answer.message
      : typeof error.summary === 'string' && error.summary ? firstLine(error.summary)
        : code ?? `HTTP ${String(status)}`;
    if ((code !== null && NETWORK_ERROR_CODES.has(code)) || (status !== null && UNAVAILABLE_STATUSES.has(status))) {
      return { outcome: 'unreachable', reason: message };
    }
    if (code !== null || status !== null) return { outcome: 'failed', reason: `npm audit could not audit: ${message}` };
  }
  // No JSON answer: npm may have stopped before writing one, naming the network error on stderr.
  const networkCode = /\b(E[A-Z_]{3,})\b/.exec(run.stderr)?.[1];
  if (answer === undefined && networkCode !== undefined && NETWORK_ERROR_CODES.has(networkCode)) {
    return { outcome: 'unreachable', reason: firstLine(run.stderr) };
  }
  const said = firstLine(run.stderr) || firstLine(run.stdout) || 'no output';
  return { outcome: 'failed', reason: `npm audit gave no report (exit ${String(run.exitCode)}): ${said}` };
}

const countsText = (counts: VulnerabilityCounts) => SEVERITIES.map((severity) => `${counts[severity]} ${severity}`).reverse().join(', ');

/** The line `npm run check` prints for the audit. */
export function describeAuditVerdict(verdict: AuditVerdict): string {
  switch (verdict.outcome) {
    case 'passed':
      return `no vulnerability of high severity or above (${countsText(verdict.counts)})`;
    case 'vulnerable':
      return `VULNERABILITIES FOUND: ${countsText(verdict.counts)}; \`npm audit\` lists them`;
    case 'unreachable':
      return `advisory service not reachable: skipped, not passed (${verdict.reason})`;
    case 'failed':
      return verdict.reason;
  }
}

/** Whether the check fails: vulnerabilities and unreadable answers do; an unreachable service does not, and says so. */
export const auditFails = (verdict: AuditVerdict): boolean => verdict.outcome === 'vulnerable' || verdict.outcome === 'failed';
