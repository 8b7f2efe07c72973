import { describe, expect, it } from '@jest/globals';
import { auditFails, auditVerdict, describeAuditVerdict, type AuditRun } from './dependency-audit.ts';

// What npm 11 answers when the registry (here, a mirror without the audit endpoint) refuses the bulk advisory request.
const METHOD_NOT_ALLOWED = JSON.stringify({
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  headers: { allow: ['GET,HEAD'], 'content-length': ['0'] },
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
});

const NO_DNS = JSON.stringify({
  error: {
    code: 'ENOTFOUND',
    summary: 'request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org',
    detail: 'This is a problem related to network connectivity.',
  },
});

const report = (counts: Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>>) => {
  const all = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts };
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: all.high > 0 ? { 'some-package': { name: 'some-package', severity: 'high', via: [], range: '<1.2.3', fixAvailable: true } } : {},
    metadata: {
      vulnerabilities: { ...all, total: Object.values(all).reduce((a, b) => a + b, 0) },
      dependencies: { prod: 120, dev: 400, optional: 10, peer: 0, peerOptional: 0, total: 530 },
    },
  });
};

const run = (exitCode: number | null, stdout: string, stderr = ''): AuditRun => ({ exitCode, stdout, stderr });

describe('auditVerdict', () => {
  it.each([
    ['the registry refusing the audit endpoint (405)', run(1, METHOD_NOT_ALLOWED, 'npm error audit endpoint returned an error'), '405 Method Not Allowed'],
    ['no DNS (ENOTFOUND)', run(1, NO_DNS), 'getaddrinfo ENOTFOUND registry.npmjs.org'],
    ['a refused connection named only on stderr', run(1, '', 'npm error code ECONNREFUSED\nnpm error connect ECONNREFUSED 127.0.0.1:4873'), 'ECONNREFUSED'],
    ['a registry without audits (ENOAUDIT)', run(1, JSON.stringify({ error: { code: 'ENOAUDIT', summary: 'Your configured registry (https://registry.example.org/) does not support audit requests.', detail: '' } })), 'does not support audit requests'],
    ['a gateway timeout (504)', run(1, JSON.stringify({ message: '504 Gateway Time-out - POST https://registry.example.org/-/npm/v1/security/advisories/bulk', statusCode: 504 })), '504'],
  ])('%s: unreachable, skipped, not passed', (_case, given, reason) => {
    const verdict = auditVerdict(given);
    expect(verdict.outcome).toBe('unreachable');
    expect(auditFails(verdict)).toBe(false);
    const line = describeAuditVerdict(verdict);
    expect(line).toMatch(/^advisory service not reachable: skipped, not passed \(/);
    expect(line).toContain(reason);
  });

  it('fails on a report with high or critical findings, and says how many', () => {
    for (const counts of [{ high: 1 }, { critical: 2, moderate: 3 }]) {
      const verdict = auditVerdict(run(1, report(counts)));
      expect(verdict).toEqual({ outcome: 'vulnerable', counts: expect.objectContaining(counts) });
      expect(auditFails(verdict)).toBe(true);
      expect(describeAuditVerdict(verdict)).toMatch(/^VULNERABILITIES FOUND: \d+ critical, \d+ high, \d+ moderate, \d+ low, \d+ info/);
    }
  });

  it('fails on high findings even when npm exited 0', () => {
    expect(auditFails(auditVerdict(run(0, report({ high: 1 }))))).toBe(true);
  });

  it('passes a report with nothing of high severity or above, naming what lower findings there are', () => {
    const verdict = auditVerdict(run(0, report({ moderate: 2, low: 1 })));
    expect(verdict.outcome).toBe('passed');
    expect(auditFails(verdict)).toBe(false);
    expect(describeAuditVerdict(verdict)).toBe('no vulnerability of high severity or above (0 critical, 0 high, 2 moderate, 1 low, 0 info)');
  });

  it.each([
    ['output that is not JSON', run(1, 'Segmentation fault'), /no report \(exit 1\): Segmentation fault/],
    ['no output at all', run(null, ''), /no report \(exit null\): no output/],
    ['an error that is not about the network (no lockfile)', run(1, JSON.stringify({ error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.', detail: '' } })), /could not audit: This command requires an existing lockfile/],
    ['a refusal by the registry that is not about availability (401)', run(1, JSON.stringify({ message: '401 Unauthorized - POST https://registry.example.org/-/npm/v1/security/advisories/bulk', statusCode: 401 })), /could not audit: 401 Unauthorized/],
    ['a report whose counts are not numbers', run(0, JSON.stringify({ metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 'many', critical: 0 } } })), /no report/],
    ['a non-zero exit with a clean report', run(1, report({})), /exited 1 with no finding/],
    ['a network error code on stderr when stdout holds some other JSON', run(1, '{"unexpected":true}', 'npm error code ENOTFOUND'), /no report/],
  ])('fails on %s: never a silent pass', (_case, given, reason) => {
    const verdict = auditVerdict(given);
    expect(verdict.outcome).toBe('failed');
    expect(auditFails(verdict)).toBe(true);
    expect(describeAuditVerdict(verdict)).toMatch(reason);
  });
});
