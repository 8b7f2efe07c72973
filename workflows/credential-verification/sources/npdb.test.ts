import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSourceStandIns, type SourceStandIns } from '../../../stack/source-stand-ins/index.ts';
import { createNpdbSource, manualNpdbSource, type NpdbSource } from './npdb.ts';
import type { CheckSubject, SourceHttpSettings } from './source.ts';

const settings: SourceHttpSettings = { timeoutMs: 2_000, attempts: 3, retryBaseMs: 1, fetch, now: () => new Date('2026-06-01T12:00:00Z') };
const amara: CheckSubject = { physician: { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1980-02-14' }, credential: null };
const jose: CheckSubject = { physician: { givenName: 'José', familyName: 'Núñez', npi: '1000000020', dateOfBirth: '1975-09-30' }, credential: null };

let stack: SourceStandIns;
let npdb: NpdbSource;
beforeAll(async () => {
  stack = await startSourceStandIns();
  npdb = createNpdbSource(stack.urls.npdb, settings);
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => stack.standIns.npdb.reset());

describe('NPDB', () => {
  it('verifies a practitioner with no reports, querying with the practitioner\'s identifiers', async () => {
    const check = await npdb.check(amara);
    expect(check).toMatchObject({ source: 'NPDB', result: 'VERIFIED', problems: [], atSource: { reportCount: '0', reportTypes: null } });
    const [request] = stack.standIns.npdb.requests;
    expect(request!.method).toBe('POST');
    expect(JSON.parse(request!.body)).toEqual({ queryType: 'ONE_TIME', practitioner: { firstName: 'Amara', lastName: 'Okafor-Reyes', dateOfBirth: '1980-02-14', npi: '1000000012' } });
    expect(check.evidence!.url).toBe(`${stack.urls.npdb}/v1/queries`);
  });

  it('sends reports on file for review', async () => {
    const check = await npdb.check(jose);
    expect(check).toMatchObject({ result: 'MISMATCH', problems: [{ field: 'reports', code: 'REPORTS_ON_FILE', atSource: '1' }], atSource: { reportCount: '1', reportTypes: 'MEDICAL_MALPRACTICE_PAYMENT' } });
  });

  it('sends one idempotency key with every attempt of a check, so a retried query is one query', async () => {
    stack.standIns.npdb.failNext(1);
    const check = await npdb.check(jose);
    expect(check.result).toBe('MISMATCH');
    const keys = stack.standIns.npdb.requests.map((request) => request.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    const again = await npdb.check(jose);
    expect(stack.standIns.npdb.requests[2]!.headers['idempotency-key']).not.toBe(keys[0]);
    expect(again.atSource!.queryId).not.toBe(check.atSource!.queryId);
  });

  it('knows reports added at run time', async () => {
    stack.standIns.npdb.addRecord({ npi: '1000000012', reports: [{ reportId: '5500000000000009', reportType: 'DEA_ACTION', reportDate: '2026-01-02' }] });
    expect((await npdb.check(amara)).result).toBe('MISMATCH');
    stack.standIns.npdb.addRecord({ npi: '1000000012', reports: [] });
  });

  it('enrolls a practitioner in Continuous Query', async () => {
    const enrollment = await npdb.enroll(amara);
    expect(enrollment.enrolled).toBe(true);
    if (!enrollment.enrolled) return;
    expect(stack.standIns.npdb.enrollments).toContainEqual({ enrollmentId: enrollment.enrollmentId, npi: '1000000012', expiresOn: enrollment.expiresOn });
    expect(enrollment.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(enrollment.evidence.status).toBe(201);
  });

  it('reports an enrollment it could not make', async () => {
    stack.standIns.npdb.failNext(3);
    const enrollment = await npdb.enroll(amara);
    expect(enrollment).toMatchObject({ enrolled: false, check: { result: 'SOURCE_UNAVAILABLE', problems: [{ code: 'SOURCE_ERROR_STATUS' }] } });
  });

  it('leaves the query and the enrollment to a person when NPDB is not configured', async () => {
    const manual = manualNpdbSource();
    expect(await manual.check(amara)).toEqual({ source: 'NPDB', result: 'MANUAL', problems: [{ field: 'source', code: 'NO_AUTOMATED_SOURCE' }], evidence: null });
    expect(await manual.enroll(amara)).toMatchObject({ enrolled: false, check: { result: 'MANUAL' } });
  });
});
