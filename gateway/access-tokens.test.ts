// Access tokens from the attacker's side. A local identity publishes a real JWKS (the keys identity
// signs with) and answers the signed revoked-sessions route; the gateway's verifier must accept
// identity's tokens and refuse every forged, stale, mistargeted or revoked one, and refuse to
// vouch for any token when it cannot know about revocations.
import { createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { base64url, SignJWT } from 'jose';
import { ACCESS_TOKEN, type AccessTokenClaims } from '../platform/access-tokens.ts';
import type { Caller } from '../platform/caller.ts';
import { AppError } from '../platform/errors.ts';
import { createLogger } from '../platform/logger.ts';
import { CONTEXT_HEADER, verifyCallerContext } from '../platform/service-signing.ts';
import { freePort } from '../stack/ports.ts';
import { loadSigningKeys, publicJwks, signAccessToken, type SigningKey } from '../subgraphs/identity/signing-keys.ts';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './access-tokens.ts';
import { createSessionRevocations, type SessionRevocations } from './session-revocations.ts';

const REFUSED = { code: 'UNAUTHENTICATED', message: 'The access token is invalid or expired' };
const UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE', message: 'Session revocations cannot be checked right now; try again shortly' };
const request = { requestId: randomUUID(), sourceIp: '203.0.113.7' };

// --- identity, as the gateway sees it -------------------------------------------------------

const contextKey = generateKeyPairSync('ed25519');
const contextSigningKey = contextKey.privateKey;
let published: SigningKey[] = [];
/** Revoked session id → when identity revoked it. */
const revokedAt = new Map<string, Date>();
/** Route prefixes ('' or '/flaky') whose revoked-sessions route is down. */
const down = new Set<string>();
/** Every signed poll identity answered: what was asked, and the `now` it answered. */
const polls: { prefix: string; since: Date; now: Date }[] = [];
let unsignedPolls = 0;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function identity(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && path === '/.well-known/jwks.json') return json(res, 200, publicJwks(published));
  const route = /^(\/flaky)?\/internal\/revoked-sessions$/.exec(path ?? '');
  if (req.method !== 'POST' || !route) return json(res, 404, { errors: [{ message: 'Not found' }] });
  const prefix = route[1] ?? '';
  if (down.has(prefix)) return void req.socket.destroy();
  const body = await readBody(req);
  try {
    await verifyCallerContext([contextKey.publicKey], req.headers[CONTEXT_HEADER] as string | undefined, { audience: 'identity', method: 'POST', path: path ?? '', body });
  } catch {
    unsignedPolls += 1;
    return json(res, 401, { errors: [{ message: 'Requests must come through the Credence gateway', extensions: { code: 'UNAUTHENTICATED' } }] });
  }
  const since = new Date((JSON.parse(body.toString('utf8')) as { since: string }).since);
  const now = new Date();
  polls.push({ prefix, since, now });
  json(res, 200, { now: now.toISOString(), sessionIds: [...revokedAt].filter(([, at]) => at >= since).map(([id]) => id) });
}

// --- keys and tokens --------------------------------------------------------------------------

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const [key] = await loadSigningKeys([new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }))]);
  return key!;
}

function newClaims(overrides: Partial<AccessTokenClaims> = {}): AccessTokenClaims {
  return { sub: randomUUID(), org: randomUUID(), role: 'CREDENTIALING_STAFF', sid: randomUUID(), amr: ['pwd', 'otp', 'mfa'], jti: randomUUID(), ...overrides };
}

const issued: string[] = [];

/** A token as identity issues it. */
async function issue(key: SigningKey, claims: AccessTokenClaims = newClaims()): Promise<string> {
  const { token } = await signAccessToken(key, claims);
  issued.push(token);
  return token;
}

/** Any token at all: the payload and header as given, signed by whichever key. */
async function forge(privateKey: KeyObject | Uint8Array, header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string> {
  const token = await new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(privateKey);
  issued.push(token);
  return token;
}

/** The registered claims of a token that is valid now, ready to be altered. */
function registered(now = Math.floor(Date.now() / 1000)) {
  return { iss: ACCESS_TOKEN.issuer, aud: ACCESS_TOKEN.audience, iat: now, nbf: now, exp: now + ACCESS_TOKEN.lifetimeSeconds };
}

function callerOf(claims: AccessTokenClaims): Caller {
  return { userId: claims.sub, organizationId: claims.org, role: claims.role, sessionId: claims.sid, ...request };
}

// --- the gateway's side -----------------------------------------------------------------------

const logLines: string[] = [];
const logger = createLogger({ service: 'test', level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
let server: Server;
let origin: string;
let signing: SigningKey;
let revocations: SessionRevocations;
let verifier: AccessTokenVerifier;
const preRevokedSession = randomUUID();
let startedAt: number;

async function outcome(authorization: string, using: AccessTokenVerifier = verifier): Promise<Caller | { code: string; message: string }> {
  try {
    return await using.verify(authorization, request);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const isCaller = (value: unknown) => typeof value === 'object' && value !== null && 'userId' in value;
const isCode = (code: string) => (value: unknown) => typeof value === 'object' && value !== null && (value as { code?: string }).code === code;

beforeAll(async () => {
  signing = await newSigningKey();
  published = [signing];
  revokedAt.set(preRevokedSession, new Date(Date.now() - 5 * 60_000));
  const port = await freePort();
  server = createServer((req, res) => {
    identity(req, res).catch(() => json(res, 500, {}));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${port}`;
  startedAt = Date.now();
  revocations = createSessionRevocations({ identityUrl: `${origin}/graphql`, contextSigningKey, pollIntervalMs: 100, logger });
  await revocations.start();
  verifier = createAccessTokenVerifier({ jwksUrl: `${origin}/.well-known/jwks.json`, revocations, logger, keySet: { cooldownMs: 200 } });
});

afterAll(async () => {
  revocations.stop();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});

describe('a token identity issued', () => {
  it('names its caller', async () => {
    const claims = newClaims({ role: 'ORG_ADMIN' });
    expect(await outcome(`Bearer ${await issue(signing, claims)}`)).toEqual(callerOf(claims));
  });

  it('keeps an MFA-enrollment-only token to enrollment', async () => {
    const claims = newClaims({ role: 'ORG_OWNER', amr: ['pwd'], mfa_enroll: true });
    expect(await outcome(`Bearer ${await issue(signing, claims)}`)).toEqual({ ...callerOf(claims), mfaEnrollmentOnly: true });
  });

  it('carries the support grant of a platform administrator\'s support session, and no other role\'s', async () => {
    const grant = { support_grant: '5d1f3b0e-2c4a-4e8b-9f6d-7a1b2c3d4e5f', support_ends: 1_800_000_000 };
    const claims = newClaims({ role: 'PLATFORM_ADMIN', ...grant });
    expect(await outcome(`Bearer ${await issue(signing, claims)}`)).toEqual({ ...callerOf(claims), supportGrant: { id: grant.support_grant, endsAt: grant.support_ends } });
    const staff = newClaims({ role: 'CREDENTIALING_STAFF', ...grant });
    expect(await outcome(`Bearer ${await issue(signing, staff)}`)).toEqual(callerOf(staff));
  });

  it('is taken with the scheme in any case, and only with the Bearer scheme', async () => {
    const claims = newClaims();
    const token = await issue(signing, claims);
    expect(await outcome(`bearer ${token}`)).toEqual(callerOf(claims));
    for (const authorization of [token, `Basic ${token}`, 'Bearer', 'Bearer ', `Bearer  ${token}`, `Bearer ${token} ${token}`, `Bearer ${token},`, `DPoP ${token}`, '']) {
      expect([authorization, await outcome(authorization)]).toEqual([authorization, REFUSED]);
    }
  });
});

describe('a forged token', () => {
  it('is refused without a signature (alg none)', async () => {
    const claims = { ...newClaims({ role: 'PLATFORM_ADMIN' }), ...registered() };
    for (const alg of ['none', 'None', 'NONE']) {
      const header = base64url.encode(JSON.stringify({ alg, typ: ACCESS_TOKEN.type, kid: signing.kid }));
      const token = `${header}.${base64url.encode(JSON.stringify(claims))}.`;
      expect([alg, await outcome(`Bearer ${token}`)]).toEqual([alg, REFUSED]);
    }
  });

  it('is refused when signed with HS256 using the public key as the secret', async () => {
    const publicKey = createPublicKey(signing.privateKey);
    const secrets = {
      raw: base64url.decode(signing.publicJwk.x!),
      spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
      pem: new TextEncoder().encode(publicKey.export({ format: 'pem', type: 'spki' }) as string),
      jwk: new TextEncoder().encode(JSON.stringify(signing.publicJwk)),
      jwks: new TextEncoder().encode(JSON.stringify(publicJwks(published))),
    };
    for (const [name, secret] of Object.entries(secrets)) {
      for (const alg of ['HS256', 'HS384', 'HS512']) {
        const token = await forge(secret, { alg, typ: ACCESS_TOKEN.type, kid: signing.kid }, { ...newClaims({ role: 'PLATFORM_ADMIN' }), ...registered() });
        expect([name, alg, await outcome(`Bearer ${token}`)]).toEqual([name, alg, REFUSED]);
      }
    }
  });

  it('is refused when signed by a key identity never published, whatever key id it claims', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const claims = { ...newClaims({ role: 'PLATFORM_ADMIN' }), ...registered() };
    const embedded = { ...publicKey.export({ format: 'jwk' }), kid: 'attacker-key' };
    for (const header of [
      { kid: 'attacker-key' },
      { kid: 'attacker-key', jwk: embedded },
      { kid: 'attacker-key', jku: `${origin}/attacker/jwks.json` },
      {},
      { kid: signing.kid },
      { kid: signing.kid, jwk: { ...embedded, kid: signing.kid } },
    ]) {
      const token = await forge(privateKey, { alg: 'EdDSA', typ: ACCESS_TOKEN.type, ...header }, claims);
      expect([header, await outcome(`Bearer ${token}`)]).toEqual([header, REFUSED]);
    }
  });

  it('is refused when its payload was altered after signing', async () => {
    const claims = newClaims({ role: 'PHYSICIAN' });
    const [header, , signature] = (await issue(signing, claims)).split('.');
    const now = Math.floor(Date.now() / 1000);
    const altered = { ...claims, role: 'PLATFORM_ADMIN', iss: ACCESS_TOKEN.issuer, aud: ACCESS_TOKEN.audience, iat: now, nbf: now, exp: now + 600 };
    expect(await outcome(`Bearer ${header}.${base64url.encode(JSON.stringify(altered))}.${signature}`)).toEqual(REFUSED);
    const typo = Buffer.from(signature!, 'base64url');
    typo[0] = typo[0]! ^ 1;
    const [h, p] = (await issue(signing, claims)).split('.');
    expect(await outcome(`Bearer ${h}.${p}.${typo.toString('base64url')}`)).toEqual(REFUSED);
  });

  it('is refused when its header was altered after signing', async () => {
    const [, payload, signature] = (await issue(signing)).split('.');
    const header = base64url.encode(JSON.stringify({ alg: 'EdDSA', kid: signing.kid, typ: ACCESS_TOKEN.type, crit: [] }));
    expect(await outcome(`Bearer ${header}.${payload}.${signature}`)).toEqual(REFUSED);
  });
});

describe('a token signed with identity\'s key', () => {
  const header = () => ({ alg: 'EdDSA', typ: ACCESS_TOKEN.type, kid: signing.kid });

  it('is refused once expired (beyond the clock tolerance)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await forge(signing.privateKey, header(), { ...newClaims(), ...registered(now - 700), exp: now - ACCESS_TOKEN.clockToleranceSeconds - 5 });
    expect(await outcome(`Bearer ${token}`)).toEqual(REFUSED);
  });

  it('is refused before it is valid, or when issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const notYet = await forge(signing.privateKey, header(), { ...newClaims(), ...registered(now), nbf: now + 60 });
    expect(await outcome(`Bearer ${notYet}`)).toEqual(REFUSED);
    const future = await forge(signing.privateKey, header(), { ...newClaims(), ...registered(now), iat: now + 60 });
    expect(await outcome(`Bearer ${future}`)).toEqual(REFUSED);
  });

  it('is refused when it lives longer than an access token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await forge(signing.privateKey, header(), { ...newClaims(), ...registered(now), exp: now + 365 * 86_400 });
    expect(await outcome(`Bearer ${token}`)).toEqual(REFUSED);
  });

  it('is refused for another issuer or audience', async () => {
    for (const changed of [{ iss: 'someone-else' }, { iss: undefined }, { aud: 'credence-audit' }, { aud: ['other'] }, { aud: undefined }]) {
      const token = await forge(signing.privateKey, header(), { ...newClaims(), ...registered(), ...changed });
      expect([changed, await outcome(`Bearer ${token}`)]).toEqual([changed, REFUSED]);
    }
  });

  it('is refused with another type than an access token\'s', async () => {
    for (const typ of ['JWT', 'credence-context+jwt', undefined]) {
      const token = await forge(signing.privateKey, { ...header(), typ }, { ...newClaims(), ...registered() });
      expect([typ, await outcome(`Bearer ${token}`)]).toEqual([typ, REFUSED]);
    }
  });

  it('is refused when its claims are not those of an access token', async () => {
    const base = { ...newClaims(), ...registered() };
    for (const changed of [
      { role: 'SUPERUSER' }, { sub: 'admin' }, { org: 'not-a-uuid' }, { sid: 42 }, { amr: 'pwd' },
      { sub: undefined }, { org: undefined }, { role: undefined }, { sid: undefined }, { amr: undefined }, { jti: undefined }, { nbf: undefined }, { iat: undefined }, { exp: undefined },
    ]) {
      const token = await forge(signing.privateKey, header(), { ...base, ...changed });
      expect([changed, await outcome(`Bearer ${token}`)]).toEqual([changed, REFUSED]);
    }
  });
});

describe('a token verified before', () => {
  it('is refused once expired all the same, on the clock the verifier reads', async () => {
    let clock = Date.now();
    const timed = createAccessTokenVerifier({ jwksUrl: `${origin}/.well-known/jwks.json`, revocations, logger, now: () => clock });
    const claims = newClaims();
    const token = await issue(signing, claims);
    expect(await outcome(`Bearer ${token}`, timed)).toEqual(callerOf(claims));
    clock += (ACCESS_TOKEN.lifetimeSeconds - 60) * 1000;
    expect(await outcome(`Bearer ${token}`, timed)).toEqual(callerOf(claims));
    clock += (60 + ACCESS_TOKEN.clockToleranceSeconds + 1) * 1000;
    expect(await outcome(`Bearer ${token}`, timed)).toEqual(REFUSED);
    expect(await outcome(`Bearer ${token}`, timed)).toEqual(REFUSED);
  });

  it('does not vouch for an altered copy of it', async () => {
    const claims = newClaims();
    const token = await issue(signing, claims);
    expect(await outcome(`Bearer ${token}`)).toEqual(callerOf(claims));
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    expect(await outcome(`Bearer ${header}.${payload}.${flipped}`)).toEqual(REFUSED);
    const otherSession = base64url.encode(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), sid: randomUUID() }));
    expect(await outcome(`Bearer ${header}.${otherSession}.${signature}`)).toEqual(REFUSED);
  });

});

describe('revoked sessions', () => {
  it('asks identity, signed, for what was revoked within a token\'s lifetime, then since its last answer', async () => {
    await eventually(async () => polls.filter((poll) => poll.prefix === '').length, (count) => count >= 3);
    const mine = polls.filter((poll) => poll.prefix === '');
    expect(Math.abs(mine[0]!.since.getTime() - (startedAt - (ACCESS_TOKEN.lifetimeSeconds + 60) * 1000))).toBeLessThan(5_000);
    expect(mine[1]!.since.getTime()).toBe(mine[0]!.now.getTime() - 10_000);
    expect(mine[2]!.since.getTime()).toBe(mine[1]!.now.getTime() - 10_000);
    expect(unsignedPolls).toBe(0);
  });

  it('refuses a session revoked before the gateway started', async () => {
    expect(await outcome(`Bearer ${await issue(signing, newClaims({ sid: preRevokedSession }))}`)).toEqual(REFUSED);
    expect(await outcome(`Bearer ${await issue(signing, newClaims({ sid: preRevokedSession.toUpperCase() }))}`)).toEqual(REFUSED);
  });

  it('refuses a session once identity lists it as revoked', async () => {
    const claims = newClaims();
    const token = await issue(signing, claims);
    expect(await outcome(`Bearer ${token}`)).toEqual(callerOf(claims));
    revokedAt.set(claims.sid, new Date());
    expect(await eventually(() => outcome(`Bearer ${token}`), isCode('UNAUTHENTICATED'))).toEqual(REFUSED);
    expect(await outcome(`Bearer ${await issue(signing, { ...newClaims(), sid: claims.sid })}`)).toEqual(REFUSED);
    expect(revocations.stats()).toMatchObject({ revokedSessions: 2 });
  });
});

describe('key rotation', () => {
  it('accepts a token signed by a newly published key once the key set is fetched again, and the older key\'s until it is withdrawn', async () => {
    const next = await newSigningKey();
    const older = await issue(signing);
    const claims = newClaims();
    const newer = await issue(next, claims);
    expect(await outcome(`Bearer ${newer}`)).toEqual(REFUSED);
    published = [next, signing];
    expect(await eventually(() => outcome(`Bearer ${newer}`), isCaller)).toEqual(callerOf(claims));
    expect(await outcome(`Bearer ${older}`)).toMatchObject({ role: 'CREDENTIALING_STAFF' });
  });
});

describe('when identity cannot be reached', () => {
  it('refuses to vouch for tokens once revocations cannot be checked, and recovers', async () => {
    down.add('/flaky');
    const flaky = createSessionRevocations({ identityUrl: `${origin}/flaky/graphql`, contextSigningKey, pollIntervalMs: 50, maxStalenessMs: 300, logger });
    try {
      await flaky.start(); // identity down at startup: the gateway still starts
      const guarded = createAccessTokenVerifier({ jwksUrl: `${origin}/.well-known/jwks.json`, revocations: flaky, logger });
      const claims = newClaims();
      const token = await issue(signing, claims);
      expect(await outcome(`Bearer ${token}`, guarded)).toEqual(UNAVAILABLE);

      down.delete('/flaky');
      expect(await eventually(() => outcome(`Bearer ${token}`, guarded), isCaller)).toEqual(callerOf(claims));

      down.add('/flaky');
      expect(await eventually(() => outcome(`Bearer ${token}`, guarded), isCode('SERVICE_UNAVAILABLE'))).toEqual(UNAVAILABLE);
      // Forgeries are still refused as such; anonymous access is not the verifier's concern.
      const forged = await forge(generateKeyPairSync('ed25519').privateKey, { alg: 'EdDSA', typ: ACCESS_TOKEN.type, kid: signing.kid }, { ...newClaims(), ...registered() });
      expect(await outcome(`Bearer ${forged}`, guarded)).toEqual(REFUSED);

      // One warning per failure streak, however many polls fail.
      expect(flaky.stats().failedPolls).toBeGreaterThan(2);
      const warnings = logLines.filter((line) => line.includes('cannot fetch revoked sessions') && line.includes('/flaky/'));
      expect(warnings).toHaveLength(2);
      expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 'warn' });
    } finally {
      flaky.stop();
      down.delete('/flaky');
    }
  });

  it('answers SERVICE_UNAVAILABLE when the key set cannot be fetched', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}/.well-known/jwks.json`;
    const cut = createAccessTokenVerifier({ jwksUrl: nowhere, revocations, logger, keySet: { timeoutMs: 1_000 } });
    expect(await outcome(`Bearer ${await issue(signing)}`, cut)).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'Access tokens cannot be verified right now; try again shortly' });
  });
});

describe('logging', () => {
  it('records why a token was refused at debug level, never the token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await forge(signing.privateKey, { alg: 'EdDSA', typ: ACCESS_TOKEN.type, kid: signing.kid }, { ...newClaims(), ...registered(now - 700), exp: now - 60 });
    const before = logLines.length;
    await outcome(`Bearer ${expired}`);
    const line = JSON.parse(logLines.slice(before).find((entry) => entry.includes('access token refused'))!);
    expect(line).toMatchObject({ level: 'debug', requestId: request.requestId, reason: expect.stringContaining('ERR_JWT_EXPIRED') });
    const leaked = issued.filter((token) => logLines.some((entry) => entry.includes(token.split('.')[2]!) || entry.includes(token.split('.')[1]!)));
    expect(leaked).toEqual([]);
  });
});
