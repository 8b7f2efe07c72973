import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSourceStandIns, type LicenseRecord, type SourceStandIns } from '../../../stack/source-stand-ins/index.ts';
import type { CheckSubject, SourceHttpSettings, VerificationSource } from './source.ts';
import { createLicenseLookupAdapter, createStateBoardRegistry, createStateBoardSource, type StateBoardAdapter } from './state-board.ts';

const API_KEY = 'stand-in-lookup-key';
const settings: SourceHttpSettings = { timeoutMs: 2_000, attempts: 2, retryBaseMs: 1, fetch, now: () => new Date('2026-06-01T12:00:00Z') };

const amara: CheckSubject = {
  physician: { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: null },
  credential: { type: 'STATE_LICENSE', number: 'A123456', state: 'CA', issuer: 'Medical Board of California', expiresOn: '2029-08-31', issuedOn: '2010-07-01' },
};
const withCredential = (subject: CheckSubject, credential: Partial<NonNullable<CheckSubject['credential']>>): CheckSubject => ({ ...subject, credential: { ...subject.credential!, ...credential } });
const priya: CheckSubject = {
  physician: { givenName: 'Priya', familyName: 'Venkataraman', npi: '1000000038', dateOfBirth: null },
  credential: { type: 'STATE_LICENSE', number: 'R4567', state: 'TX', issuer: 'Texas Medical Board', expiresOn: '2028-11-30', issuedOn: null },
};

let stack: SourceStandIns;
let stateBoard: VerificationSource;
const adapterFor = (states: string[], apiKey: string | null = API_KEY) => createLicenseLookupAdapter({ baseUrl: stack.urls.stateBoard, apiKey, states, settings });
beforeAll(async () => {
  stack = await startSourceStandIns({ stateBoardApiKey: API_KEY });
  stateBoard = createStateBoardSource(createStateBoardRegistry([adapterFor(['CA', 'NY', 'TX', 'WA'])]));
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => stack.standIns.stateBoard.reset());

describe('state board', () => {
  it('verifies an active license with the name and expiry on file, asking with the API key', async () => {
    const check = await stateBoard.check(amara);
    expect(check).toMatchObject({ source: 'STATE_BOARD', result: 'VERIFIED', problems: [], atSource: { status: 'ACTIVE', expiresOn: '2029-08-31', disciplinaryActions: '0' } });
    const [request] = stack.standIns.stateBoard.requests;
    expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(check.evidence!.url).toBe(`${stack.urls.stateBoard}/v1/licenses?state=CA&number=A123456`);
    expect(check.evidence!.url).not.toContain(API_KEY);
  });

  it('looks up a state controlled-substance registration as that kind of license', async () => {
    const check = await stateBoard.check(withCredential(amara, { type: 'STATE_CONTROLLED_SUBSTANCE', number: 'CS778812', expiresOn: '2029-01-31' }));
    expect(check.result).toBe('VERIFIED');
    expect(stack.standIns.stateBoard.requests[0]!.query.get('licenseType')).toBe('CONTROLLED_SUBSTANCE');
  });

  it('reports probation and disciplinary actions', async () => {
    const check = await stateBoard.check(priya);
    expect(check.result).toBe('MISMATCH');
    expect(check.problems).toEqual([
      { field: 'status', code: 'PROBATION', recorded: null, atSource: 'PROBATION' },
      { field: 'disciplinaryActions', code: 'DISCIPLINE', recorded: null, atSource: '1' },
    ]);
  });

  it('reports a revoked license past its expiry', async () => {
    const check = await stateBoard.check({
      physician: { givenName: 'Wendell', familyName: 'Marsh', npi: '1000000046', dateOfBirth: null },
      credential: { type: 'STATE_LICENSE', number: 'MD60123456', state: 'WA', issuer: 'Washington Medical Commission', expiresOn: '2022-04-30', issuedOn: null },
    });
    expect(check.problems.map((problem) => problem.code)).toEqual(['INACTIVE', 'EXPIRED_AT_SOURCE', 'DISCIPLINE']);
  });

  it('reports an expiry on file that differs from the board\'s', async () => {
    const check = await stateBoard.check(withCredential(amara, { expiresOn: '2030-08-31' }));
    expect(check).toMatchObject({ result: 'MISMATCH', problems: [{ field: 'expiresOn', code: 'EXPIRY_DIFFERS', recorded: '2030-08-31', atSource: '2029-08-31' }] });
  });

  it('reports an expired license once, by its status', async () => {
    const lapsed: LicenseRecord = { state: 'NY', number: '301122', licensee: { firstName: 'Ada', lastName: 'Byron' }, status: 'EXPIRED', expirationDate: '2025-12-31', disciplinaryActions: [] };
    stack.standIns.stateBoard.addRecord(lapsed);
    const check = await stateBoard.check({
      physician: { givenName: 'Ada', familyName: 'Byron', npi: '1000000053', dateOfBirth: null },
      credential: { type: 'STATE_LICENSE', number: '301-122', state: 'NY', issuer: 'NYSED', expiresOn: '2025-12-31', issuedOn: null },
    });
    expect(check.problems).toEqual([{ field: 'status', code: 'EXPIRED_AT_SOURCE', recorded: null, atSource: 'EXPIRED' }]);
  });

  it('reports an active status whose date has passed as expired at the source', async () => {
    stack.standIns.stateBoard.addRecord({ state: 'CA', number: 'C55555', licensee: { firstName: 'Amara', lastName: 'Okafor-Reyes' }, status: 'ACTIVE', expirationDate: '2026-05-31', disciplinaryActions: [] });
    const check = await stateBoard.check(withCredential(amara, { number: 'C55555', expiresOn: '2026-05-31' }));
    expect(check.problems).toEqual([{ field: 'expiresOn', code: 'EXPIRED_AT_SOURCE', recorded: '2026-05-31', atSource: '2026-05-31' }]);
  });

  it('reports a licensee name that differs from the file', async () => {
    const check = await stateBoard.check({ ...amara, physician: { ...amara.physician, familyName: 'Reyes' } });
    expect(check.problems).toEqual([{ field: 'familyName', code: 'NAME_DIFFERS', recorded: 'Reyes', atSource: 'Okafor-Reyes' }]);
  });

  it('reports a license the board does not have as not found', async () => {
    const check = await stateBoard.check(withCredential(amara, { number: 'A000001' }));
    expect(check).toMatchObject({ result: 'NOT_FOUND', problems: [{ field: 'number', code: 'NOT_FOUND_AT_SOURCE', recorded: 'CA A000001' }] });
    expect(check.evidence?.status).toBe(200);
  });

  it('leaves a jurisdiction no adapter serves to a person, without asking anything', async () => {
    for (const credential of [{ state: 'FL' }, { state: null }, { type: 'STATE_CONTROLLED_SUBSTANCE' as const, state: 'OR' }]) {
      const check = await stateBoard.check(withCredential(amara, credential));
      expect(check).toMatchObject({ result: 'MANUAL', problems: [{ field: 'state', code: 'NO_AUTOMATED_SOURCE' }], evidence: null });
    }
    expect(stack.standIns.stateBoard.requests).toHaveLength(0);
  });

  it('reports a refused API key as the source being unavailable, without retrying', async () => {
    const wrongKey = createStateBoardSource(createStateBoardRegistry([adapterFor(['CA'], 'not-the-key')]));
    const check = await wrongKey.check(amara);
    expect(check).toMatchObject({ result: 'SOURCE_UNAVAILABLE', problems: [{ code: 'SOURCE_REFUSED_CREDENTIALS', atSource: '401' }] });
    expect(stack.standIns.stateBoard.requests).toHaveLength(1);
  });

  it('refuses two adapters for the same jurisdiction', () => {
    const other: StateBoardAdapter = { states: ['ca'], credentialTypes: ['STATE_LICENSE'], lookup: async () => { throw new Error('unused'); } };
    expect(() => createStateBoardRegistry([adapterFor(['CA']), other])).toThrow(/Two state board adapters serve CA:STATE_LICENSE/);
  });

  it('sends each jurisdiction to its own adapter', async () => {
    const seen: string[] = [];
    const florida: StateBoardAdapter = { states: ['FL'], credentialTypes: ['STATE_LICENSE'], lookup: async (subject) => { seen.push(subject.credential.number); return { source: 'STATE_BOARD', result: 'VERIFIED', problems: [], evidence: null }; } };
    const source = createStateBoardSource(createStateBoardRegistry([adapterFor(['CA']), florida]));
    expect((await source.check(withCredential(amara, { state: 'fl', number: 'ME123' }))).result).toBe('VERIFIED');
    expect(seen).toEqual(['ME123']);
    expect(stack.standIns.stateBoard.requests).toHaveLength(0);
  });
});
