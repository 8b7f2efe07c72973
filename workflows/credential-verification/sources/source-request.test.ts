// How every source asks, tested through the NPPES and DEA clients against their stand-ins over
// real HTTP: retries, heartbeats, timeouts, redirects, cancellation and the evidence kept.
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { standInSourcesConfig, startSourceStandIns, type SourceStandIns } from '../../../stack/source-stand-ins/index.ts';
import { createVerificationSources } from './index.ts';
import { backoffMs, pathSegment, sourceUrl } from './source-request.ts';
import type { CheckSubject } from './source.ts';

const amara: CheckSubject = {
  physician: { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1980-02-14' },
  credential: { type: 'STATE_LICENSE', number: 'A123456', state: 'CA', issuer: 'Medical Board of California', expiresOn: '2029-08-31', issuedOn: '2010-07-01' },
};

let stack: SourceStandIns;
beforeAll(async () => {
  stack = await startSourceStandIns();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => {
  for (const standIn of Object.values(stack.standIns)) standIn.reset();
});

function nppesWith(overrides: Parameters<typeof standInSourcesConfig>[1] = {}) {
  const sources = createVerificationSources(standInSourcesConfig(stack, { sourceAttempts: 3, sourceRetryBaseMs: 1, sourceTimeoutMs: 2_000, ...overrides }));
  return sources.sourcesFor('STATE_LICENSE')[0]!;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('asking a source', () => {
  it('keeps the answer exactly as received, with its URL and SHA-256', async () => {
    const check = await nppesWith().check(amara);
    expect(check.result).toBe('VERIFIED');
    const evidence = check.evidence!;
    expect(evidence.url).toBe(`${stack.urls.nppes}/api/?version=2.1&number=1000000012`);
    expect(evidence.status).toBe(200);
    expect(evidence.contentType).toBe('application/json');
    expect(evidence.sha256).toBe(createHash('sha256').update(evidence.body).digest('hex'));
    expect(JSON.parse(Buffer.from(evidence.body).toString('utf8'))).toMatchObject({ result_count: 1, results: [{ number: '1000000012' }] });
    expect(Date.parse(evidence.requestedAt)).not.toBeNaN();
  });

  it('asks again after a 503 and verifies when the source recovers, with a heartbeat before each attempt', async () => {
    stack.standIns.nppes.failNext(2);
    const heartbeats: unknown[] = [];
    const check = await nppesWith().check(amara, { heartbeat: (detail) => heartbeats.push(detail) });
    expect(check.result).toBe('VERIFIED');
    expect(stack.standIns.nppes.requests).toHaveLength(3);
    expect(heartbeats).toEqual([{ source: 'NPPES', attempt: 1 }, { source: 'NPPES', attempt: 2 }, { source: 'NPPES', attempt: 3 }]);
  });

  it('reports a source that stays down as unavailable after its attempts, with the last answer as evidence', async () => {
    stack.standIns.nppes.failNext(10);
    const heartbeats: unknown[] = [];
    const check = await nppesWith({ sourceAttempts: 4 }).check(amara, { heartbeat: (detail) => heartbeats.push(detail) });
    expect(check).toMatchObject({ source: 'NPPES', result: 'SOURCE_UNAVAILABLE', problems: [{ field: 'source', code: 'SOURCE_ERROR_STATUS', atSource: '503' }] });
    expect(check.evidence?.status).toBe(503);
    expect(stack.standIns.nppes.requests).toHaveLength(4);
    expect(heartbeats).toHaveLength(4);
  });

  it('gives up an attempt that hangs past the timeout and reports the source unavailable', async () => {
    stack.standIns.nppes.hangNext(2);
    const check = await nppesWith({ sourceAttempts: 2, sourceTimeoutMs: 150 }).check(amara);
    expect(check).toMatchObject({ result: 'SOURCE_UNAVAILABLE', problems: [{ code: 'SOURCE_TIMEOUT' }], evidence: null });
    expect(stack.standIns.nppes.requests).toHaveLength(2);
  });

  it('recovers from a timeout on the next attempt', async () => {
    stack.standIns.nppes.hangNext(1);
    const check = await nppesWith({ sourceAttempts: 2, sourceTimeoutMs: 150 }).check(amara);
    expect(check.result).toBe('VERIFIED');
  });

  it('never follows a redirect, even to another local server', async () => {
    stack.standIns.nppes.redirectNext(1, `${stack.urls.dea}/v1/registrations/BO1234563`);
    const check = await nppesWith().check(amara);
    expect(check).toMatchObject({ result: 'SOURCE_UNAVAILABLE', problems: [{ code: 'SOURCE_REDIRECT_REFUSED', atSource: '302' }] });
    expect(check.evidence?.status).toBe(302);
    expect(stack.standIns.nppes.requests).toHaveLength(1);
    expect(stack.standIns.dea.requests).toHaveLength(0);
  });

  it('asks again after an answer it cannot read, then reports it unavailable', async () => {
    stack.standIns.nppes.answerNext(3, { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' });
    const check = await nppesWith().check(amara);
    expect(check).toMatchObject({ result: 'SOURCE_UNAVAILABLE', problems: [{ code: 'SOURCE_UNREADABLE_RESPONSE' }] });
    expect(Buffer.from(check.evidence!.body).toString()).toBe('<html>maintenance</html>');
    expect(stack.standIns.nppes.requests).toHaveLength(3);
  });

  it('reports a source nobody answers at as unreachable', async () => {
    const port = await closedPort();
    const check = await nppesWith({ nppesUrl: `http://127.0.0.1:${port}`, sourceAttempts: 2 }).check(amara);
    expect(check).toMatchObject({ result: 'SOURCE_UNAVAILABLE', problems: [{ code: 'SOURCE_UNREACHABLE' }], evidence: null });
  });

  it('stops at once when cancelled, with the signal\'s reason, and asks no more', async () => {
    stack.standIns.nppes.hangNext(5);
    const controller = new AbortController();
    const cancelled = new Error('activity cancelled');
    const check = nppesWith({ sourceAttempts: 5, sourceTimeoutMs: 60_000 }).check(amara, { signal: controller.signal });
    while (stack.standIns.nppes.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(cancelled);
    await expect(check).rejects.toBe(cancelled);
    expect(stack.standIns.nppes.requests).toHaveLength(1);
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled before start'));
    await expect(nppesWith().check(amara, { signal: controller.signal })).rejects.toThrow('cancelled before start');
    expect(stack.standIns.nppes.requests).toHaveLength(0);
  });

  it('sends no registration number that could reach another path', async () => {
    const sources = createVerificationSources(standInSourcesConfig(stack, { sourceAttempts: 1 }));
    const check = await sources.sourcesFor('DEA_REGISTRATION')[0]!.check({ ...amara, credential: { ...amara.credential!, type: 'DEA_REGISTRATION', number: '../../admin?x=1' } });
    expect(check).toMatchObject({ result: 'NOT_FOUND', problems: [{ field: 'number', code: 'MALFORMED_NUMBER' }], evidence: null });
    expect(stack.standIns.dea.requests).toHaveLength(0);
  });
});

describe('sourceUrl', () => {
  it('appends the path to the configured base, a path prefix included', () => {
    expect(sourceUrl('https://lookup.example.org/api/v2/', '/v1/licenses', { state: 'CA', number: 'A 1&2' })).toBe('https://lookup.example.org/api/v2/v1/licenses?state=CA&number=A+1%262');
  });

  it('refuses a base that is not a URL, and a path that would leave the base', () => {
    expect(() => sourceUrl('not a url', '/x')).toThrow(expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }));
    expect(() => sourceUrl('https://lookup.example.org/api', '/../admin')).toThrow(/leave its configured base URL/);
    expect(() => sourceUrl('https://lookup.example.org/api', '/x/../../apiother')).toThrow(/leave its configured base URL/);
    expect(new URL(sourceUrl('https://lookup.example.org', '//elsewhere.example.org/x')).origin).toBe('https://lookup.example.org');
  });

  it('encodes a path segment from data and refuses dot segments', () => {
    expect(sourceUrl('https://lookup.example.org', `/v1/registrations/${pathSegment('a/b?c#d')}`)).toBe('https://lookup.example.org/v1/registrations/a%2Fb%3Fc%23d');
    for (const segment of ['', '.', '..', '%2e%2E']) expect(() => pathSegment(segment)).toThrow(expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }));
  });
});

describe('backoffMs', () => {
  it('doubles from the base with up to half of each delay random', () => {
    expect([1, 2, 3].map((attempt) => backoffMs(100, attempt, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((attempt) => backoffMs(100, attempt, () => 1))).toEqual([100, 200, 400]);
  });
});
