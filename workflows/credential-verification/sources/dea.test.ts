import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSourceStandIns, type SourceStandIns } from '../../../stack/source-stand-ins/index.ts';
import { createDeaSource } from './dea.ts';
import type { CheckSubject, SourceHttpSettings, VerificationSource } from './source.ts';

const settings: SourceHttpSettings = { timeoutMs: 2_000, attempts: 2, retryBaseMs: 1, fetch, now: () => new Date('2026-06-01T12:00:00Z') };
const amara: CheckSubject = {
  physician: { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: null },
  credential: { type: 'DEA_REGISTRATION', number: 'bo1234563', state: 'CA', issuer: 'DEA', expiresOn: '2028-05-31', issuedOn: null },
};
const withCredential = (subject: CheckSubject, credential: Partial<NonNullable<CheckSubject['credential']>>): CheckSubject => ({ ...subject, credential: { ...subject.credential!, ...credential } });

let stack: SourceStandIns;
let dea: VerificationSource;
beforeAll(async () => {
  stack = await startSourceStandIns();
  dea = createDeaSource(stack.urls.dea, settings);
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => stack.standIns.dea.reset());

describe('DEA', () => {
  it('verifies an active registration with the registrant\'s name, state and expiry', async () => {
    const check = await dea.check(amara);
    expect(check).toMatchObject({ source: 'DEA', result: 'VERIFIED', problems: [], atSource: { status: 'ACTIVE', expiresOn: '2028-05-31', state: 'CA', schedules: '2 2N 3 3N 4 5', businessActivity: 'PRACTITIONER' } });
    expect(check.evidence!.url).toBe(`${stack.urls.dea}/v1/registrations/BO1234563`);
  });

  it('compares the first initial only, as DEA records often carry no more', async () => {
    const check = await dea.check({
      physician: { givenName: 'José', familyName: 'Núñez', npi: '1000000020', dateOfBirth: null },
      credential: { type: 'DEA_REGISTRATION', number: 'FN2468014', state: 'NY', issuer: 'DEA', expiresOn: '2027-10-31', issuedOn: null },
    });
    expect(check.result).toBe('VERIFIED');
  });

  it('reports a different initial, last name and state', async () => {
    const check = await dea.check({ physician: { ...amara.physician, givenName: 'Beatrice', familyName: 'Okafor' }, credential: { ...amara.credential!, state: 'NV' } });
    expect(check.problems).toEqual([
      { field: 'familyName', code: 'NAME_DIFFERS', recorded: 'Okafor', atSource: 'OKAFOR-REYES' },
      { field: 'givenName', code: 'INITIAL_DIFFERS', recorded: 'Beatrice', atSource: 'AMARA N' },
      { field: 'state', code: 'STATE_DIFFERS', recorded: 'NV', atSource: 'CA' },
    ]);
  });

  it('reports an expired registration and an expiry that differs from the file', async () => {
    const check = await dea.check({
      physician: { givenName: 'Priya', familyName: 'Venkataraman', npi: '1000000038', dateOfBirth: null },
      credential: { type: 'DEA_REGISTRATION', number: 'AV1357929', state: 'TX', issuer: 'DEA', expiresOn: '2027-03-31', issuedOn: null },
    });
    expect(check.result).toBe('MISMATCH');
    expect(check.problems).toEqual([
      { field: 'status', code: 'INACTIVE', recorded: null, atSource: 'EXPIRED' },
      { field: 'expiresOn', code: 'EXPIRY_DIFFERS', recorded: '2027-03-31', atSource: '2024-03-31' },
      { field: 'expiresOn', code: 'EXPIRED_AT_SOURCE', recorded: '2027-03-31', atSource: '2024-03-31' },
    ]);
  });

  it('reports a registration the lookup does not have (404) as not found', async () => {
    const check = await dea.check(withCredential(amara, { number: 'BO7654321' }));
    expect(check).toMatchObject({ result: 'NOT_FOUND', problems: [{ field: 'number', code: 'NOT_FOUND_AT_SOURCE' }] });
    expect(check.evidence?.status).toBe(404);
    expect(stack.standIns.dea.requests).toHaveLength(1);
  });

  it('knows a registration added at run time', async () => {
    stack.standIns.dea.addRecord({ registrationNumber: 'BW3141594', name: 'WU, LIN', businessActivity: { code: 'C', description: 'PRACTITIONER' }, schedules: ['2', '3'], address: { state: 'WA' }, expirationDate: '2027-01-31', status: 'ACTIVE' });
    const check = await dea.check({ physician: { givenName: 'Lin', familyName: 'Wu', npi: '1000000053', dateOfBirth: null }, credential: { type: 'DEA_REGISTRATION', number: 'BW 314 1594', state: 'WA', issuer: 'DEA', expiresOn: '2027-01-31', issuedOn: null } });
    expect(check.result).toBe('VERIFIED');
  });
});
