// A refresh token presented twice (two tabs, a response lost on the way), seen from the client's
// and the attacker's side, through the gateway: within the retry window, while the successor is
// unused, the successor is answered again and the retry audited; after the window, or once the
// successor is used, presenting it ends the session as before. The successor is kept encrypted for
// the window only, and cookie sessions retry the same way.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { systemCaller } from '../../domain/system-caller.ts';
import { runAsCaller } from '../../platform/database/orm.ts';
import { REFRESH_COOKIE } from '../../gateway/session-cookies.ts';
import { gatewayHarness, type GraphQLBody } from '../../test/support/gateway-harness.ts';
import { testStack } from '../../test/support/stack.ts';
import { ensureMember, ensureOrganization } from './bootstrap.ts';
import { eraseRefreshSuccessors, REFRESH_RETRY_SECONDS } from './sessions.ts';
import { refusalCodeOf } from '../../test/support/factories.ts';

const stack = testStack();
const harness = gatewayHarness();
const APP = 'https://app.example.org';
const PASSWORD = 'a long and unusual passphrase 4417';
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let superuser: pg.Client;
let organizationId: string;

type Answer = { status: number; cookies: string[]; body: GraphQLBody & { data?: Record<string, any> | null } };
type Session = { accessToken: string; refreshToken: string; sessionId: string };

async function call(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, cookies: response.headers.getSetCookie(), body: (await response.json()) as Answer['body'] };
}

const codeOf = (answer: Answer) => refusalCodeOf(answer.body);
const TOKENS = 'accessToken refreshToken sessionId';
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`;
const refresh = (refreshToken: string) => call(REFRESH, { t: refreshToken });
const role = async (accessToken: string) => (await call('{ me { role } }', {}, { authorization: `Bearer ${accessToken}` })).body.data?.me?.role;

async function signIn(headers: Record<string, string> = {}): Promise<{ session: Session; cookies: string[] }> {
  const email = `grace-${randomUUID().slice(0, 8)}@example.org`;
  await ensureMember(harness.orms[0]!, { organizationId, email, displayName: 'Grace Test', password: PASSWORD, role: 'CREDENTIALING_STAFF' });
  const answer = await call(`mutation($input: LoginInput!) { login(input: $input) { loginResult { session { ${TOKENS} } } userErrors { code message field reason details } } }`, { input: { email, password: PASSWORD } }, headers);
  if (!answer.body.data?.login?.loginResult?.session) throw new Error(`login failed: ${JSON.stringify(answer.body.errors)}`);
  return { session: answer.body.data.login.loginResult.session, cookies: answer.cookies };
}

/** The rotated row of a refresh token, as stored. */
async function storedRow(refreshToken: string) {
  const { rows } = await superuser.query(
    `select successor_hash, successor_ciphertext, successor_expires_at from identity.refresh_tokens where token_hash = sha256(convert_to($1, 'UTF8'))`, [refreshToken]);
  return rows[0] as { successor_hash: Buffer | null; successor_ciphertext: Buffer | null; successor_expires_at: Date | null };
}

/** The retry window of a rotated token, passed (as if REFRESH_RETRY_SECONDS had gone by). */
const windowPassed = (refreshToken: string) =>
  superuser.query(`update identity.refresh_tokens set successor_expires_at = now() - interval '1 second', rotated_at = rotated_at - make_interval(secs => $2)
                    where token_hash = sha256(convert_to($1, 'UTF8'))`, [refreshToken, REFRESH_RETRY_SECONDS + 1]);

async function auditEvents(sessionId: string) {
  const { rows } = await superuser.query(`select action, outcome, reason from audit.events where organization_id = $1 and resource_id = $2 order by seq`, [organizationId, sessionId]);
  return rows as { action: string; outcome: string; reason: string | null }[];
}

function refreshCookie(cookies: string[]): string | null {
  const cookie = cookies.find((line) => line.startsWith(`${REFRESH_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.split(';')[0]!.slice(REFRESH_COOKIE.length + 1)) : null;
}

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ CORS_ORIGINS: APP });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  organizationId = await ensureOrganization(harness.orms[0]!, { name: 'Grace Hospital' });
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
  await superuser.end();
});

describe('a refresh token presented again within the retry window', () => {
  it('answers its successor again, with a working access token, audited as a retry; the session goes on', async () => {
    const { session } = await signIn();
    const first = await refresh(session.refreshToken);
    const successor = first.body.data!.refreshSession.sessionTokens as Session;
    const retried = await refresh(session.refreshToken); // the first answer was lost
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data!.refreshSession.sessionTokens).toMatchObject({ refreshToken: successor.refreshToken, sessionId: session.sessionId });
    expect(await role(retried.body.data!.refreshSession.sessionTokens.accessToken)).toBe('CREDENTIALING_STAFF');
    expect(await auditEvents(session.sessionId)).toEqual(expect.arrayContaining([
      { action: 'TOKEN_REFRESH', outcome: 'SUCCESS', reason: 'refresh_retry' },
    ]));
    // The successor refreshes as usual: nothing was revoked.
    const next = await refresh(successor.refreshToken);
    expect(next.body.errors).toBeUndefined();
    expect(await auditEvents(session.sessionId)).not.toContainEqual(expect.objectContaining({ action: 'REFRESH_REUSE' }));
  });

  it('keeps the successor encrypted, never in the clear, and erases it once the successor is used', async () => {
    const { session } = await signIn();
    const successor = (await refresh(session.refreshToken)).body.data!.refreshSession.sessionTokens as Session;
    const row = await storedRow(session.refreshToken);
    expect(row.successor_ciphertext).not.toBeNull();
    expect(row.successor_ciphertext!.includes(Buffer.from(successor.refreshToken))).toBe(false);
    expect(row.successor_ciphertext!.toString('latin1')).not.toContain(successor.refreshToken);
    expect(row.successor_expires_at!.getTime()).toBeLessThanOrEqual(Date.now() + (REFRESH_RETRY_SECONDS + 5) * 1000);
    expect((await refresh(successor.refreshToken)).body.errors).toBeUndefined();
    expect((await storedRow(session.refreshToken)).successor_ciphertext).toBeNull();
  });

  it('once its successor is used, ends the whole session as a reuse', async () => {
    const { session } = await signIn();
    const successor = (await refresh(session.refreshToken)).body.data!.refreshSession.sessionTokens as Session;
    const next = (await refresh(successor.refreshToken)).body.data!.refreshSession.sessionTokens as Session;
    expect(codeOf(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED'); // a stolen copy, too late to pass as a retry
    expect(codeOf(await refresh(next.refreshToken))).toBe('UNAUTHENTICATED'); // the family is revoked
    expect(await auditEvents(session.sessionId)).toContainEqual({ action: 'REFRESH_REUSE', outcome: 'FAILURE', reason: 'session_revoked' });
  });
});

describe('a refresh token presented again after the retry window', () => {
  it('ends the whole session, as a reuse, even while its successor is unused', async () => {
    const { session } = await signIn();
    const successor = (await refresh(session.refreshToken)).body.data!.refreshSession.sessionTokens as Session;
    await windowPassed(session.refreshToken);
    expect(codeOf(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(successor.refreshToken))).toBe('UNAUTHENTICATED');
    expect(await auditEvents(session.sessionId)).toContainEqual({ action: 'REFRESH_REUSE', outcome: 'FAILURE', reason: 'session_revoked' });
  });

  it('finds no successor left: the sweep erased it, and left those still in their window', async () => {
    const stale = (await signIn()).session;
    const fresh = (await signIn()).session;
    await refresh(stale.refreshToken);
    await refresh(fresh.refreshToken);
    await windowPassed(stale.refreshToken);
    // The sweep every identity copy runs (or this one, if it came first).
    await runAsCaller(harness.orms[0]!, systemCaller(`refresh-sweep-${randomUUID()}`), eraseRefreshSuccessors);
    expect((await storedRow(stale.refreshToken)).successor_ciphertext).toBeNull();
    expect((await storedRow(fresh.refreshToken)).successor_ciphertext).not.toBeNull();
  });
});

describe('a cookie session', () => {
  it('retries a refresh whose answer was lost: the same successor is set as the cookie again', async () => {
    const browser = { 'x-credence-session': 'cookie', origin: APP };
    const first = refreshCookie((await signIn(browser)).cookies)!;
    const withCookie = (value: string) => ({ ...browser, cookie: `${REFRESH_COOKIE}=${encodeURIComponent(value)}` });
    const refreshed = await call(`mutation { refreshSession { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`, {}, withCookie(first));
    const successor = refreshCookie(refreshed.cookies)!;
    expect(successor).not.toBe(first);
    const retried = await call(`mutation { refreshSession { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`, {}, withCookie(first)); // the browser never stored the new cookie
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data!.refreshSession.sessionTokens.refreshToken).toBeNull();
    expect(refreshCookie(retried.cookies)).toBe(successor);
    expect(await role(retried.body.data!.refreshSession.sessionTokens.accessToken)).toBe('CREDENTIALING_STAFF');
  });
});
