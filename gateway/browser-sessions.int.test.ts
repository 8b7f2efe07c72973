// Sessions as a browser keeps them, seen from the gateway: a stale Authorization header does not
// stop the calls that replace it (and is still recorded), refreshes spend from their session's
// budget and not from the sign-in budget of a shared (NAT) address, and a cross-origin document
// upload passes its CORS preflight.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import pg from 'pg';
import { ACCESS_TOKEN } from '../platform/access-tokens.ts';
import { PLATFORM_ORGANIZATION_ID } from '../platform/audit.ts';
import { loadConfig } from '../platform/config.ts';
import { ensureMember, ensureOrganization } from '../subgraphs/identity/bootstrap.ts';
import { DEFAULT_REFRESH_LIMITS } from '../subgraphs/identity/refresh-limits.ts';
import { loadSigningKeys } from '../subgraphs/identity/signing-keys.ts';
import { anAddressOfItsOwn } from '../test/support/addresses.ts';
import { gatewayHarness, type GraphQLBody } from '../test/support/gateway-harness.ts';
import { testStack } from '../test/support/stack.ts';
import { refusalCodeOf } from '../test/support/factories.ts';

const stack = testStack();
const harness = gatewayHarness();
const APP = 'https://app.example.org';
const PASSWORD = 'a long and unusual passphrase 8264';
/** The sign-in budget per address: two sign-ins, then refused. */
const SIGN_IN_BUDGET = 2;
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let superuser: pg.Client;
let organizationId: string;

type Answer = { status: number; body: GraphQLBody & { data?: Record<string, any> | null } };

async function call(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const codeOf = (answer: Answer) => refusalCodeOf(answer.body);

async function member(): Promise<{ email: string; userId: string }> {
  const email = `browser-${randomUUID().slice(0, 8)}@example.org`;
  const userId = await ensureMember(harness.orms[0]!, { organizationId, email, displayName: 'Browser Test', password: PASSWORD, role: 'CREDENTIALING_STAFF' });
  return { email, userId };
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { loginResult { session { accessToken refreshToken sessionId } } userErrors { code message field reason details } } }';
const REFRESH = 'mutation($t: String!) { refreshSession(refreshToken: $t) { sessionTokens { accessToken refreshToken } userErrors { code message field reason details } } }';

async function signIn(email: string, headers: Record<string, string>): Promise<{ accessToken: string; refreshToken: string; sessionId: string }> {
  const answer = await call(LOGIN, { input: { email, password: PASSWORD } }, headers);
  if (!answer.body.data?.login?.loginResult?.session) throw new Error(`login failed: ${answer.status} ${JSON.stringify(answer.body.errors)}`);
  return answer.body.data.login.loginResult.session;
}

async function auditEvents(organization: string, sourceIp: string) {
  const { rows } = await superuser.query(`select action, actor_id::text, resource_type, reason from audit.events where organization_id = $1 and source_ip = $2 order by seq`, [organization, sourceIp]);
  return rows as { action: string; actor_id: string | null; resource_type: string; reason: string }[];
}

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ CORS_ORIGINS: APP, TRUST_PROXY: 'loopback', REVOCATION_POLL_SECONDS: '1', AUTH_RATE_LIMIT_PER_MINUTE: String(SIGN_IN_BUDGET) });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  organizationId = await ensureOrganization(harness.orms[0]!, { name: 'Browser Hospital' });
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
  await superuser.end();
});

describe('a stale Authorization header', () => {
  it('does not stop signing in or refreshing, and its refusal is still recorded', async () => {
    const address = anAddressOfItsOwn();
    const { email } = await member();
    const stale = { authorization: 'Bearer not.a.valid-token', 'x-forwarded-for': address };
    const session = await signIn(email, stale);
    const refreshed = await call(REFRESH, { t: session.refreshToken }, stale);
    expect(refreshed.body.errors).toBeUndefined();
    expect(refreshed.body.data!.refreshSession.sessionTokens.accessToken).toEqual(expect.any(String));
    // Public reference data, through a fragment, goes on as anonymous too.
    expect((await call('query { ...policy } fragment policy on Query { passwordPolicy { minLength } }', {}, stale)).status).toBe(200);
    expect(await auditEvents(PLATFORM_ORGANIZATION_ID, address)).toContainEqual(expect.objectContaining({ action: 'ACCESS_DENIED', resource_type: 'AccessToken', reason: 'bearer:invalid' }));
  });

  it('of a revoked session does not stop signing in again, and is recorded against its user', async () => {
    const address = anAddressOfItsOwn();
    const { email, userId } = await member();
    const first = await signIn(email, { 'x-forwarded-for': address });
    const bearer = { authorization: `Bearer ${first.accessToken}`, 'x-forwarded-for': address };
    expect((await call('mutation { logout { signedOut userErrors { code message field reason details } } }', {}, bearer)).body.errors).toBeUndefined();
    // The gateway hears of the revocation within its poll: then the token is refused where it is needed.
    const deadline = Date.now() + 15_000;
    let me = await call('{ me { role } }', {}, bearer);
    while (me.status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      me = await call('{ me { role } }', {}, bearer);
    }
    expect(me.status).toBe(401);
    const second = await signIn(email, bearer);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect((await auditEvents(organizationId, address)).filter((event) => event.resource_type === 'AccessToken')).toContainEqual(
      expect.objectContaining({ action: 'ACCESS_DENIED', actor_id: userId, reason: 'bearer:revoked' }),
    );
  });

  it('with an expired access token does not stop refreshing, and is recorded as expired', async () => {
    const address = anAddressOfItsOwn();
    const { email, userId } = await member();
    const session = await signIn(email, { 'x-forwarded-for': address });
    // The session's own access token, as the browser still holds it eleven minutes on: signed by identity's key, expired.
    const [key] = await loadSigningKeys(loadConfig('identity', { ...stack.serviceEnv.identity, NODE_ENV: 'test' }).tokenSigningKeys);
    const issuedAt = Math.floor(Date.now() / 1000) - ACCESS_TOKEN.lifetimeSeconds - 60;
    const expired = await new SignJWT({ org: organizationId, role: 'CREDENTIALING_STAFF', sid: session.sessionId, amr: ['pwd'], jti: randomUUID() })
      .setProtectedHeader({ alg: ACCESS_TOKEN.algorithm, kid: key!.kid, typ: ACCESS_TOKEN.type })
      .setSubject(userId).setIssuer(ACCESS_TOKEN.issuer).setAudience(ACCESS_TOKEN.audience)
      .setIssuedAt(issuedAt).setNotBefore(issuedAt).setExpirationTime(issuedAt + ACCESS_TOKEN.lifetimeSeconds)
      .sign(key!.privateKey);
    const headers = { authorization: `Bearer ${expired}`, 'x-forwarded-for': address };
    const refreshed = await call(REFRESH, { t: session.refreshToken }, headers);
    expect(refreshed.body.errors).toBeUndefined();
    expect(refreshed.body.data!.refreshSession.sessionTokens.accessToken).toEqual(expect.any(String));
    expect(await auditEvents(PLATFORM_ORGANIZATION_ID, address)).toContainEqual(expect.objectContaining({ action: 'ACCESS_DENIED', resource_type: 'AccessToken', reason: 'bearer:expired' }));
    expect((await call('{ me { role } }', {}, headers)).status).toBe(401);
  });

  it('is still refused with 401 on anything not public, mixed with a public field or not', async () => {
    const stale = { authorization: 'Bearer not.a.valid-token', 'x-forwarded-for': anAddressOfItsOwn() };
    const { email } = await member();
    for (const [query, variables] of [
      ['{ me { role } }', {}],
      ['{ passwordPolicy { minLength } me { role } }', {}],
      ['query { ...mine } fragment mine on Query { passwordPolicy { minLength } me { role } }', {}],
      ['{ __typename }', {}],
      ['mutation($input: LoginInput!) { login(input: $input) { loginResult { status } userErrors { code message field reason details } } logout { signedOut userErrors { code message field reason details } } }', { input: { email, password: PASSWORD } }],
    ] as const) {
      const answer = await call(query, variables, stale);
      expect([query, answer.status, codeOf(answer)]).toEqual([query, 401, 'UNAUTHENTICATED']);
    }
  });
});

describe('refreshes', () => {
  it('do not spend from the sign-in budget of their address: many users behind one address keep refreshing', async () => {
    const hospital = { 'x-forwarded-for': anAddressOfItsOwn() };
    const sessions = [];
    for (let i = 0; i < SIGN_IN_BUDGET; i += 1) sessions.push(await signIn((await member()).email, hospital));
    for (let round = 0; round < 3; round += 1) {
      for (const session of sessions) {
        const answer = await call(REFRESH, { t: session.refreshToken }, hospital);
        expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
        session.refreshToken = answer.body.data!.refreshSession.sessionTokens.refreshToken;
      }
    }
    // The sign-in budget itself still holds.
    expect((await call(LOGIN, { input: { email: (await member()).email, password: PASSWORD } }, hospital)).status).toBe(429);
  });

  it('spend from their own session\'s budget: past it RATE_LIMITED with retryAfterSeconds, other sessions unaffected', async () => {
    const hospital = { 'x-forwarded-for': anAddressOfItsOwn() };
    const busy = await signIn((await member()).email, hospital);
    const other = await signIn((await member()).email, hospital);
    for (let i = 0; i < DEFAULT_REFRESH_LIMITS.perSession.requests; i += 1) {
      const answer = await call(REFRESH, { t: busy.refreshToken }, hospital);
      expect(answer.body.errors).toBeUndefined();
      busy.refreshToken = answer.body.data!.refreshSession.sessionTokens.refreshToken;
    }
    const refused = await call(REFRESH, { t: busy.refreshToken }, hospital);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect((refused.body.errors![0]!.extensions.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((await call(REFRESH, { t: other.refreshToken }, hospital)).body.errors).toBeUndefined();
  });
});

describe('a cross-origin document upload', () => {
  const preflight = (origin: string) =>
    fetch(`${gateway.url}/documents/${randomUUID()}?grant=g&signature=s`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });

  it('passes its preflight from an allowed origin', async () => {
    const response = await preflight(APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-methods')?.split(',')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toContain('content-type');
  });

  it('is not allowed from any other origin', async () => {
    const response = await preflight('https://evil.example.com');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
