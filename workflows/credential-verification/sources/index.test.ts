import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../platform/config.ts';
import { standInEnv, standInSourcesConfig, startSourceStandIns, type SourceStandIns } from '../../../stack/source-stand-ins/index.ts';
import { createVerificationSources, type CheckSubject, type CredentialType } from './index.ts';

const physician = { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1980-02-14' };
const credential = (type: CredentialType, number: string, more: Partial<NonNullable<CheckSubject['credential']>> = {}): CheckSubject => ({
  physician,
  credential: { type, number, state: 'CA', issuer: 'Medical Board of California', expiresOn: null, issuedOn: null, ...more },
});

let stack: SourceStandIns;
beforeAll(async () => {
  stack = await startSourceStandIns();
});
afterAll(async () => {
  await stack.close();
});

describe('createVerificationSources', () => {
  it('asks the sources of each credential type, and screens every physician with NPPES and NPDB', () => {
    const sources = createVerificationSources(standInSourcesConfig(stack));
    const names = (type: CredentialType) => sources.sourcesFor(type).map((source) => source.name);
    expect(names('STATE_LICENSE')).toEqual(['NPPES', 'STATE_BOARD']);
    expect(names('DEA_REGISTRATION')).toEqual(['DEA']);
    expect(names('STATE_CONTROLLED_SUBSTANCE')).toEqual(['STATE_BOARD']);
    expect(names('BOARD_CERTIFICATION')).toEqual(['BOARD_CERTIFICATION']);
    expect(names('MALPRACTICE_INSURANCE')).toEqual(['MALPRACTICE_CARRIER', 'NPDB']);
    expect(sources.physicianScreens().map((source) => source.name)).toEqual(['NPPES', 'NPDB']);
    expect(() => sources.sourcesFor('PASSPORT' as CredentialType)).toThrow(expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }));
  });

  it('verifies a physician\'s credentials end to end from the worker\'s configuration of the stand-ins', async () => {
    const config = loadConfig('worker', {
      DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64'),
      ...standInEnv(stack), SOURCE_RETRY_BASE_MS: '1',
    });
    const sources = createVerificationSources(config.verificationSources, { now: () => new Date('2026-06-01T00:00:00Z') });
    const results = async (subject: CheckSubject) => Promise.all(sources.sourcesFor(subject.credential!.type).map(async (source) => (await source.check(subject)).result));
    expect(await results(credential('STATE_LICENSE', 'A123456', { expiresOn: '2029-08-31' }))).toEqual(['VERIFIED', 'VERIFIED']);
    expect(await results(credential('STATE_CONTROLLED_SUBSTANCE', 'CS778812', { expiresOn: '2029-01-31' }))).toEqual(['VERIFIED']);
    expect(await results(credential('DEA_REGISTRATION', 'BO1234563', { expiresOn: '2028-05-31' }))).toEqual(['VERIFIED']);
    expect(await results(credential('BOARD_CERTIFICATION', 'ABIM-100432', { issuer: 'ABIM', state: null, expiresOn: '2031-12-31' }))).toEqual(['VERIFIED']);
    expect(await Promise.all(sources.physicianScreens().map(async (source) => (await source.check({ physician, credential: null })).result))).toEqual(['VERIFIED', 'VERIFIED']);
  });

  it('leaves malpractice insurance to document review, and every unconfigured source to a person, asking nothing', async () => {
    const sources = createVerificationSources(standInSourcesConfig(stack, { stateBoardUrl: null, stateBoardStates: [], deaUrl: null, boardCertificationUrl: null, npdbUrl: null }));
    for (const standIn of Object.values(stack.standIns)) standIn.reset();
    expect(await sources.sourcesFor('MALPRACTICE_INSURANCE')[0]!.check(credential('MALPRACTICE_INSURANCE', 'POL-1')))
      .toEqual({ source: 'MALPRACTICE_CARRIER', result: 'MANUAL', problems: [{ field: 'document', code: 'DOCUMENT_REVIEW_REQUIRED' }], evidence: null });
    expect(await sources.sourcesFor('STATE_LICENSE')[1]!.check(credential('STATE_LICENSE', 'A123456'))).toMatchObject({ result: 'MANUAL', problems: [{ field: 'state', code: 'NO_AUTOMATED_SOURCE', recorded: 'CA' }] });
    expect(await sources.sourcesFor('STATE_CONTROLLED_SUBSTANCE')[0]!.check(credential('STATE_CONTROLLED_SUBSTANCE', 'CS778812'))).toMatchObject({ result: 'MANUAL' });
    expect(await sources.sourcesFor('DEA_REGISTRATION')[0]!.check(credential('DEA_REGISTRATION', 'BO1234563'))).toMatchObject({ source: 'DEA', result: 'MANUAL', problems: [{ code: 'NO_AUTOMATED_SOURCE' }] });
    expect(await sources.sourcesFor('BOARD_CERTIFICATION')[0]!.check(credential('BOARD_CERTIFICATION', 'ABIM-100432'))).toMatchObject({ source: 'BOARD_CERTIFICATION', result: 'MANUAL' });
    expect(await sources.physicianScreens()[1]!.check({ physician, credential: null })).toMatchObject({ source: 'NPDB', result: 'MANUAL' });
    for (const name of ['stateBoard', 'dea', 'boardCertification', 'npdb'] as const) expect(stack.standIns[name].requests).toHaveLength(0);
  });

  it('serves only the jurisdictions configured for the lookup service', async () => {
    const sources = createVerificationSources(standInSourcesConfig(stack, { stateBoardStates: ['NY'] }));
    stack.standIns.stateBoard.reset();
    expect((await sources.sourcesFor('STATE_LICENSE')[1]!.check(credential('STATE_LICENSE', 'A123456'))).result).toBe('MANUAL');
    expect(stack.standIns.stateBoard.requests).toHaveLength(0);
  });
});

describe('startSourceStandIns', () => {
  it('starts every stand-in on loopback and closes them all', async () => {
    const own = await startSourceStandIns();
    expect(Object.values(own.urls).every((url) => /^http:\/\/127\.0\.0\.1:\d+$/.test(url))).toBe(true);
    expect(new Set(Object.values(own.urls)).size).toBe(5);
    expect((await fetch(`${own.urls.nppes}/api/?version=2.1&number=1000000012`)).status).toBe(200);
    await own.close();
    await expect(fetch(`${own.urls.nppes}/api/?version=2.1&number=1000000012`)).rejects.toThrow();
  });

  it('reports a port already taken and leaves nothing running', async () => {
    const port = Number(new URL(stack.urls.dea).port);
    await expect(startSourceStandIns({ ports: { dea: port } })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
