import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSourceStandIns, type SourceStandIns } from '../../../stack/source-stand-ins/index.ts';
import { createBoardCertificationSource } from './board-certification.ts';
import type { CheckSubject, SourceHttpSettings, VerificationSource } from './source.ts';

const settings: SourceHttpSettings = { timeoutMs: 2_000, attempts: 2, retryBaseMs: 1, fetch, now: () => new Date('2026-06-01T12:00:00Z') };
const amara: CheckSubject = {
  physician: { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: null },
  credential: { type: 'BOARD_CERTIFICATION', number: 'ABIM 100432', state: null, issuer: 'American Board of Internal Medicine', expiresOn: '2031-12-31', issuedOn: '2011-08-15' },
};
const withCredential = (subject: CheckSubject, credential: Partial<NonNullable<CheckSubject['credential']>>): CheckSubject => ({ ...subject, credential: { ...subject.credential!, ...credential } });

let stack: SourceStandIns;
let boards: VerificationSource;
beforeAll(async () => {
  stack = await startSourceStandIns();
  boards = createBoardCertificationSource(stack.urls.boardCertification, settings);
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => stack.standIns.boardCertification.reset());

describe('board certification', () => {
  it('verifies a current certificate of the board the credential names, by board name or code', async () => {
    const byName = await boards.check(amara);
    expect(byName).toMatchObject({ source: 'BOARD_CERTIFICATION', result: 'VERIFIED', problems: [], atSource: { board: 'ABIM', specialty: 'Internal Medicine', status: 'CERTIFIED', expiresOn: '2031-12-31', meetingMocRequirements: 'true' } });
    expect(byName.evidence!.url).toBe(`${stack.urls.boardCertification}/v1/physicians?npi=1000000012`);
    expect((await boards.check(withCredential(amara, { issuer: 'abim' }))).result).toBe('VERIFIED');
  });

  it('verifies a lifetime certificate with no expiry on file', async () => {
    const check = await boards.check({
      physician: { givenName: 'José', familyName: 'Núñez', npi: '1000000020', dateOfBirth: null },
      credential: { type: 'BOARD_CERTIFICATION', number: 'ABFM-55120', state: null, issuer: 'ABFM', expiresOn: null, issuedOn: null },
    });
    expect(check.result).toBe('VERIFIED');
  });

  it('reports a diplomate not meeting MOC requirements', async () => {
    const check = await boards.check({
      physician: { givenName: 'Priya', familyName: 'Venkataraman', npi: '1000000038', dateOfBirth: null },
      credential: { type: 'BOARD_CERTIFICATION', number: 'ABEM-20931', state: null, issuer: 'American Board of Emergency Medicine', expiresOn: '2027-12-31', issuedOn: null },
    });
    expect(check).toMatchObject({ result: 'MISMATCH', problems: [{ field: 'meetingMocRequirements', code: 'MOC_REQUIREMENTS_NOT_MET' }] });
  });

  it('reports an expiry that differs, and a certificate number the board does not list', async () => {
    expect((await boards.check(withCredential(amara, { expiresOn: '2030-12-31' }))).problems).toEqual([{ field: 'expiresOn', code: 'EXPIRY_DIFFERS', recorded: '2030-12-31', atSource: '2031-12-31' }]);
    const otherNumber = await boards.check(withCredential(amara, { number: 'ABIM-999' }));
    expect(otherNumber).toMatchObject({ result: 'MISMATCH', problems: [{ field: 'number', code: 'NUMBER_DIFFERS', recorded: 'ABIM-999', atSource: 'ABIM-100432' }] });
  });

  it('reports an expired or revoked certificate', async () => {
    stack.standIns.boardCertification.addRecord({
      npi: '1000000053', name: { firstName: 'Ada', lastName: 'Byron' },
      certificates: [
        { certificateId: 'ABS-1', board: { code: 'ABS', name: 'American Board of Surgery' }, specialty: 'Surgery', status: 'EXPIRED', issuedOn: '2010-01-01', expirationDate: '2020-12-31', meetingMocRequirements: null },
        { certificateId: 'ABP-2', board: { code: 'ABP', name: 'American Board of Pediatrics' }, specialty: 'Pediatrics', status: 'REVOKED', issuedOn: '2012-01-01', expirationDate: '2030-12-31', meetingMocRequirements: null },
      ],
    });
    const ada = { givenName: 'Ada', familyName: 'Byron', npi: '1000000053', dateOfBirth: null };
    const expired = await boards.check({ physician: ada, credential: { type: 'BOARD_CERTIFICATION', number: 'ABS-1', state: null, issuer: 'ABS', expiresOn: '2020-12-31', issuedOn: null } });
    expect(expired.problems).toEqual([{ field: 'status', code: 'EXPIRED_AT_SOURCE', recorded: null, atSource: 'EXPIRED' }]);
    const revoked = await boards.check({ physician: ada, credential: { type: 'BOARD_CERTIFICATION', number: 'ABP-2', state: null, issuer: 'ABP', expiresOn: '2030-12-31', issuedOn: null } });
    expect(revoked.problems).toEqual([{ field: 'status', code: 'INACTIVE', recorded: null, atSource: 'REVOKED' }]);
  });

  it('reports no certificate from the board named, and a physician the lookup does not know, as not found', async () => {
    expect(await boards.check(withCredential(amara, { issuer: 'American Board of Surgery' }))).toMatchObject({ result: 'NOT_FOUND', problems: [{ field: 'issuer', code: 'NOT_FOUND_AT_SOURCE' }] });
    expect(await boards.check({ ...amara, physician: { ...amara.physician, npi: '1000000061' } })).toMatchObject({ result: 'NOT_FOUND', problems: [{ field: 'npi', code: 'NOT_FOUND_AT_SOURCE' }] });
  });
});
