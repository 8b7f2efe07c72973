import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { standInSourcesConfig, startSourceStandIns, type NppesRecord, type SourceStandIns } from '../../../stack/source-stand-ins/index.ts';
import { createNppesSource } from './nppes.ts';
import type { CheckSubject, SourceHttpSettings, VerificationSource } from './source.ts';

const amara: CheckSubject = {
  physician: { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1980-02-14' },
  credential: { type: 'STATE_LICENSE', number: 'A-123 456', state: 'ca', issuer: 'Medical Board of California', expiresOn: '2029-08-31', issuedOn: '2010-07-01' },
};
const screen = (physician: CheckSubject['physician']): CheckSubject => ({ physician, credential: null });

function individual(npi: string | number, basic: Record<string, unknown>, taxonomies: Record<string, unknown>[] = []): NppesRecord {
  return { number: npi, enumeration_type: 'NPI-1', basic: { status: 'A', ...basic }, taxonomies, addresses: [] };
}

let stack: SourceStandIns;
let nppes: VerificationSource;
beforeAll(async () => {
  stack = await startSourceStandIns();
  const config = standInSourcesConfig(stack);
  const settings: SourceHttpSettings = { timeoutMs: 2_000, attempts: 3, retryBaseMs: 1, fetch, now: () => new Date('2026-06-01T12:00:00Z') };
  nppes = createNppesSource(config.nppesUrl, settings);
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => stack.standIns.nppes.reset());

describe('NPPES', () => {
  it('verifies an active individual NPI with the name on file and the license in a taxonomy', async () => {
    const check = await nppes.check(amara);
    expect(check).toMatchObject({ source: 'NPPES', result: 'VERIFIED', problems: [], atSource: { enumerationType: 'NPI-1', status: 'A', primaryTaxonomy: '207R00000X' } });
    expect(stack.standIns.nppes.requests[0]!.query.get('number')).toBe('1000000012');
  });

  it('reads a record whose number is an integer, and compares names without accents', async () => {
    const check = await nppes.check({
      physician: { givenName: 'José', familyName: 'Núñez', npi: '1000000020', dateOfBirth: null },
      credential: { type: 'STATE_LICENSE', number: '298765', state: 'NY', issuer: 'NYSED', expiresOn: null, issuedOn: null },
    });
    expect(check.result).toBe('VERIFIED');
    expect(Buffer.from(check.evidence!.body).toString()).toContain('"number":1000000020');
  });

  it('reports a first or last name that differs from the file', async () => {
    const check = await nppes.check({ ...amara, physician: { ...amara.physician, givenName: 'Amanda', familyName: 'Okafor' } });
    expect(check.result).toBe('MISMATCH');
    expect(check.problems).toEqual([
      { field: 'givenName', code: 'NAME_DIFFERS', recorded: 'Amanda', atSource: 'AMARA' },
      { field: 'familyName', code: 'NAME_DIFFERS', recorded: 'Okafor', atSource: 'OKAFOR-REYES' },
    ]);
  });

  it('reports an organization NPI as not an individual', async () => {
    const check = await nppes.check(screen({ givenName: 'Ruth', familyName: 'Example', npi: '1500000017', dateOfBirth: null }));
    expect(check).toMatchObject({ result: 'MISMATCH', problems: [{ field: 'npi', code: 'NOT_INDIVIDUAL', atSource: 'NPI-2' }] });
  });

  it('reports a deactivated NPI', async () => {
    const check = await nppes.check(screen({ givenName: 'Wendell', familyName: 'Marsh', npi: '1000000046', dateOfBirth: null }));
    expect(check).toMatchObject({ result: 'MISMATCH', problems: [{ field: 'npi', code: 'INACTIVE', atSource: 'D' }] });
  });

  it('reports a license that no taxonomy lists in the credential\'s state', async () => {
    const elsewhere = await nppes.check({ ...amara, credential: { ...amara.credential!, state: 'NV' } });
    expect(elsewhere).toMatchObject({ result: 'MISMATCH', problems: [{ field: 'number', code: 'LICENSE_NOT_IN_TAXONOMIES', recorded: 'NV A-123 456', atSource: 'CA A123456; NV NV-55012' }] });
    const otherNumber = await nppes.check({ ...amara, credential: { ...amara.credential!, number: 'A999999' } });
    expect(otherNumber.problems.map((problem) => problem.code)).toEqual(['LICENSE_NOT_IN_TAXONOMIES']);
  });

  it('checks no license for a physician screen or another credential type', async () => {
    expect((await nppes.check(screen(amara.physician))).result).toBe('VERIFIED');
    expect((await nppes.check({ ...amara, credential: { ...amara.credential!, type: 'DEA_REGISTRATION', number: 'BO1234563' } })).result).toBe('VERIFIED');
  });

  it('reports an NPI the registry does not know as not found', async () => {
    const check = await nppes.check(screen({ givenName: 'Ada', familyName: 'Byron', npi: '1000000053', dateOfBirth: null }));
    expect(check).toMatchObject({ result: 'NOT_FOUND', problems: [{ field: 'npi', code: 'NOT_FOUND_AT_SOURCE', recorded: '1000000053' }] });
    expect(JSON.parse(Buffer.from(check.evidence!.body).toString())).toEqual({ result_count: 0, results: [] });
  });

  it('reads an Errors answer about the number (HTTP 200) as not found', async () => {
    const check = await nppes.check(screen({ givenName: 'Ada', familyName: 'Byron', npi: '12345', dateOfBirth: null }));
    expect(check.result).toBe('NOT_FOUND');
    expect(check.evidence?.status).toBe(200);
    expect(JSON.parse(Buffer.from(check.evidence!.body).toString())).toEqual({ Errors: [{ description: 'Field number must be 10 digits', field: 'number' }] });
  });

  it('reads any other Errors answer as the registry failing, asked again and then unavailable', async () => {
    stack.standIns.nppes.answerNext(3, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"Errors":[{"description":"The service is temporarily unavailable"}]}' });
    const check = await nppes.check(amara);
    expect(check).toMatchObject({ result: 'SOURCE_UNAVAILABLE', problems: [{ code: 'SOURCE_REPORTED_ERROR', atSource: 'The service is temporarily unavailable' }] });
    expect(stack.standIns.nppes.requests).toHaveLength(3);
  });

  it('does not take results for another NPI as an answer about this one', async () => {
    stack.standIns.nppes.answerNext(3, { status: 200, body: JSON.stringify({ result_count: 1, results: [individual('1000000038', { first_name: 'AMARA', last_name: 'OKAFOR-REYES' })] }) });
    expect((await nppes.check(amara)).problems).toEqual([{ field: 'source', code: 'SOURCE_UNREADABLE_RESPONSE', atSource: 'results for another NPI' }]);
  });

  it('knows a physician added at run time', async () => {
    stack.standIns.nppes.addRecord(individual(1000000061, { first_name: 'SIOBHAN', last_name: "O'BRIEN" }, [{ code: '207Q00000X', desc: 'Family Medicine', license: 'G-12 345', state: 'CA', primary: true }]));
    const check = await nppes.check({
      physician: { givenName: 'Siobhan', familyName: 'OBrien', npi: '1000000061', dateOfBirth: null },
      credential: { type: 'STATE_LICENSE', number: 'g12345', state: 'CA', issuer: 'Medical Board of California', expiresOn: null, issuedOn: null },
    });
    expect(check.result).toBe('VERIFIED');
  });
});
