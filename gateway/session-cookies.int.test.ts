// Sessions in an HttpOnly cookie, through the gateway, as a browser and as an attacker would use
// them: the refresh token never reaches the body, the cookie refreshes the session, and a request
// another site could make (without the opt-in header, or from another origin) cannot use it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aMember, anOrganization, TEST_PASSWORD, uniqueEmail, refusalCodeOf } from '../test/support/factories.ts';
import { gatewayHarness, type GraphQLBody } from '../test/support/gateway-harness.ts';
import { REFRESH_COOKIE } from './session-cookies.ts';

const harness = gatewayHarness();
const APP = 'https://app.example.org';
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let organizationId: string;

const TOKENS = 'accessToken refreshToken refreshTokenExpiresAt';

async function call(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, cookies: response.headers.getSetCookie(), body: (await response.json()) as GraphQLBody & { data?: Record<string, any> | null } };
}

/** The refresh cookie the answer sets: its value and its attributes. */
function refreshCookie(cookies: string[]): { value: string; attributes: string[] } | null {
  const cookie = cookies.find((line) => line.startsWith(`${REFRESH_COOKIE}=`));
  if (!cookie) return null;
  const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
  return { value: decodeURIComponent(pair!.slice(REFRESH_COOKIE.length + 1)), attributes };
}

/** A new member's address, to log in with. */
const member = async () => (await aMember(harness.orms[0]!, { organizationId, role: 'CREDENTIALING_STAFF', email: uniqueEmail('cookie') })).email;

const browser = { 'x-credence-session': 'cookie', origin: APP };
const login = (email: string, headers: Record<string, string>) =>
  call(`mutation($input: LoginInput!) { login(input: $input) { loginResult { session { ${TOKENS} } } userErrors { code message field reason details } } }`, { input: { email, password: TEST_PASSWORD } }, headers);
const refresh = (headers: Record<string, string>) => call(`mutation { refreshSession { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`, {}, headers);
const me = async (accessToken: string) => (await call('{ me { role } }', {}, { authorization: `Bearer ${accessToken}` })).body.data?.me;

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ CORS_ORIGINS: APP, AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  organizationId = await anOrganization(harness.orms[0]!, { name: 'Cookie Hospital' });
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
});

describe('a session kept in a cookie', () => {
  it('puts the refresh token in an HttpOnly, Secure, SameSite=Strict cookie for /graphql, never in the body', async () => {
    const signedIn = await login(await member(), browser);
    expect(signedIn.body.errors).toBeUndefined();
    const session = signedIn.body.data!.login.loginResult.session;
    expect(session.refreshToken).toBeNull();
    expect(await me(session.accessToken)).toEqual({ role: 'CREDENTIALING_STAFF' });
    const cookie = refreshCookie(signedIn.cookies);
    expect(cookie?.value).toMatch(/.{20,}/);
    expect(cookie?.attributes).toEqual(expect.arrayContaining(['Path=/graphql', 'HttpOnly', 'Secure', 'SameSite=Strict']));
    expect(Date.parse(cookie!.attributes.find((attribute) => attribute.startsWith('Expires='))!.slice('Expires='.length))).toBeGreaterThan(Date.now());
  });

  it('refreshes the session from the cookie alone, and turns it over', async () => {
    const first = refreshCookie((await login(await member(), browser)).cookies)!;
    const refreshed = await refresh({ ...browser, cookie: `${REFRESH_COOKIE}=${encodeURIComponent(first.value)}` });
    expect(refreshed.body.errors).toBeUndefined();
    expect(refreshed.body.data!.refreshSession.sessionTokens.refreshToken).toBeNull();
    expect(await me(refreshed.body.data!.refreshSession.sessionTokens.accessToken)).toEqual({ role: 'CREDENTIALING_STAFF' });
    const second = refreshCookie(refreshed.cookies)!;
    expect(second.value).not.toBe(first.value);
  });

  it('is not used by a request without the opt-in header, as a cross-site form or simple request would send', async () => {
    const cookie = refreshCookie((await login(await member(), browser)).cookies)!;
    const forged = await refresh({ cookie: `${REFRESH_COOKIE}=${encodeURIComponent(cookie.value)}`, origin: 'https://evil.example.com' });
    expect(forged.body.data?.refreshSession.sessionTokens ?? null).toBeNull();
    expect(refusalCodeOf(forged.body)).toBe('BAD_USER_INPUT');
    expect(refreshCookie(forged.cookies)).toBeNull();
    // The cookie was not spent: its owner still refreshes with it.
    expect((await refresh({ ...browser, cookie: `${REFRESH_COOKIE}=${encodeURIComponent(cookie.value)}` })).body.data?.refreshSession.sessionTokens.accessToken).toEqual(expect.any(String));
  });

  it('is refused to an origin outside CORS_ORIGINS, even with the header', async () => {
    const cookie = refreshCookie((await login(await member(), browser)).cookies)!;
    const forged = await refresh({ 'x-credence-session': 'cookie', origin: 'https://evil.example.com', cookie: `${REFRESH_COOKIE}=${encodeURIComponent(cookie.value)}` });
    expect(forged.status).toBe(403);
    expect(forged.body).toEqual({ errors: [{ message: 'Cookie sessions are served only to the origins in CORS_ORIGINS', extensions: { code: 'FORBIDDEN' } }] });
    expect((await refresh({ ...browser, cookie: `${REFRESH_COOKIE}=${encodeURIComponent(cookie.value)}` })).body.data?.refreshSession.sessionTokens.accessToken).toEqual(expect.any(String));
  });

  it('is removed by logout, and the session it named is over', async () => {
    const signedIn = await login(await member(), browser);
    const cookie = refreshCookie(signedIn.cookies)!;
    const out = await call('mutation { logout { signedOut userErrors { code message field reason details } } }', {}, { ...browser, authorization: `Bearer ${signedIn.body.data!.login.loginResult.session.accessToken}`, cookie: `${REFRESH_COOKIE}=${encodeURIComponent(cookie.value)}` });
    expect(out.body.data).toEqual({ logout: { signedOut: true, userErrors: [] } });
    const cleared = refreshCookie(out.cookies);
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes).toEqual(expect.arrayContaining(['Path=/graphql', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT']));
    expect(refusalCodeOf((await refresh({ ...browser, cookie: `${REFRESH_COOKIE}=${encodeURIComponent(cookie.value)}` })).body)).toBe('UNAUTHENTICATED');
  });

  it('lets the configured origin send the header and the cookie across origins (CORS preflight)', async () => {
    const preflight = await fetch(`${gateway.url}/graphql`, {
      method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-credence-session' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-credence-session');
  });

  it('leaves the bearer flow as it was: without the header, the refresh token is in the body and no cookie is set; a malformed cookie is no token', async () => {
    const signedIn = await login(await member(), {});
    expect(signedIn.body.data!.login.loginResult.session.refreshToken).toMatch(/.{20,}/);
    expect(refreshCookie(signedIn.cookies)).toBeNull();
    const refreshed = await call(`mutation($t: String) { refreshSession(refreshToken: $t) { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`, { t: signedIn.body.data!.login.loginResult.session.refreshToken });
    expect(refreshed.body.data!.refreshSession.sessionTokens.refreshToken).toMatch(/.{20,}/);
    expect(refusalCodeOf((await refresh({})).body)).toBe('BAD_USER_INPUT'); // neither a token nor the cookie
    for (const forged of ['%E0%A4%A', '', 'x'.repeat(4000)]) {
      const answer = await refresh({ ...browser, cookie: `${REFRESH_COOKIE}=${forged}` });
      expect(answer.status).toBe(200);
      expect(refusalCodeOf(answer.body)).toMatch(/^(BAD_USER_INPUT|UNAUTHENTICATED)$/);
    }
  });
});
