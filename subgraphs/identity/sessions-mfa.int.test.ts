// Identity from the attacker's side, on sessions and the second factor (signed contexts, as from
// the gateway, on the test PostgreSQL): a short access token turned into a sign-in of its own by
// switching organization, a role that requires MFA reached without it, sessions that outlive an
// enrollment, codes guessed outside the attempt budget, guesses sent all at once, and TOTP
// secrets read from the database.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { generate } from 'otplib';
import pg from 'pg';
import { PLATFORM_ORGANIZATION_ID } from '../../platform/audit.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createFieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { keyProviderFromConfig } from '../../platform/field-encryption/key-provider.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { anAddressOfItsOwn } from '../../test/support/addresses.ts';
import { anOrganization, IDENTITY_TOKENS, identitySessions, type IdentityTokens, uniqueEmail, refusalCodeOf, refusalDetailsOf } from '../../test/support/factories.ts';
import { testStack } from '../../test/support/stack.ts';
import { subgraphClient, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { createIdentitySubgraph } from './subgraph.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const PASSWORD = 'correct horse battery staple 42!';
let server: Server;
let orm: MikroORM;
let superuser: pg.Client;
let call: ReturnType<typeof subgraphClient>;
let orgA: string;
let orgB: string;
let closeDefinition: (() => Promise<void>) | undefined;

const TOKENS = IDENTITY_TOKENS;
const SWITCH = `mutation($o: ID!) { switchOrganization(organizationId: $o) { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`;
const STEP_UP_SWITCH = `mutation($o: ID!, $code: String) { switchOrganization(organizationId: $o, code: $code) { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`;
const ENROLL = `mutation { enrollTotp { totpEnrollment { secret } userErrors { code message field reason details } } }`;
const ENROLL_WITH_PASSWORD = `mutation($password: String) { enrollTotp(password: $password) { totpEnrollment { secret } userErrors { code message field reason details } } }`;
const CONFIRM = `mutation($code: String!) { confirmTotp(code: $code) { totpConfirmation { recoveryCodes session { ${TOKENS} } } userErrors { code message field reason details } } }`;
const REGENERATE = `mutation($code: String!) { regenerateRecoveryCodes(totpCode: $code) { recoveryCodes userErrors { code message field reason details } } }`;
const VERIFY = `mutation($input: VerifyMfaInput!) { verifyMfa(input: $input) { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`;

// A source address of its own for each caller: the per-IP budget stays out of each test's way.
const { anonymous, callerOf, login, signedIn, enroll, member } = identitySessions(() => ({ call, orm }), { password: PASSWORD, anonymousAddress: anAddressOfItsOwn, memberAddress: anAddressOfItsOwn });

const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);
function refusalOf(work: () => unknown): string | null {
  try {
    work();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
const fieldOf = (result: GraphQLResponse) => refusalDetailsOf(result)?.field;

/** One person: a physician in organization A and an administrator (MFA required) in B. */
async function physicianAndAdmin() {
  const email = uniqueEmail('two-roles');
  const { userId } = await member(orgA, 'PHYSICIAN', { email, displayName: 'Two Roles' });
  await member(orgB, 'ORG_ADMIN', { email, displayName: 'Two Roles' });
  return { email, userId };
}

/** A TOTP code of a later step than any used so far (codes are accepted one step either way). */
const laterCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function sessionRow(sessionId: string) {
  const { rows } = await superuser.query(
    `select revoked_at is not null as revoked, revoked_reason, expires_at, authenticated_at, amr from identity.sessions where id = $1`, [sessionId],
  );
  return rows[0] as { revoked: boolean; revoked_reason: string | null; expires_at: Date; authenticated_at: Date; amr: string[] };
}

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  const config = loadConfig('identity', { ...stack.serviceEnv.identity, NODE_ENV: 'test' });
  orm = await openDatabase({ url: config.databaseUrl, logger });
  const deps = { config, logger, orm, storage: createLocalStorage(config.downloads.storageDir) };
  const definition = await createIdentitySubgraph(deps);
  const { app } = await createSubgraphApp(deps, definition);
  const port = await freePort();
  server = await listen(app, '127.0.0.1', port, 'identity');
  call = subgraphClient(`http://127.0.0.1:${port}/graphql`, 'identity');
  orgA = await anOrganization(orm, { name: 'Hospital A' });
  orgB = await anOrganization(orm, { name: 'Hospital B' });
  closeDefinition = definition.close;
});

afterAll(async () => {
  await closeServer(server);
  await closeDefinition?.();
  await orm.close();
  await superuser.end();
});

describe('switching organization', () => {
  it('needs a live session, refuses the current organization, ends the session it replaces and keeps its expiry', async () => {
    const email = uniqueEmail('switcher');
    const { userId } = await member(orgA, 'PHYSICIAN', { email, displayName: 'S' });
    await member(orgB, 'AUDITOR', { email, displayName: 'S' });

    // A signed-out session: its access token still verifies for minutes, but it mints nothing.
    const signedOut = await signedIn(email, userId, orgA);
    expect((await call<{ logout: { signedOut: boolean } }>(signedOut.caller, 'mutation { logout { signedOut userErrors { code message field reason details } } }')).data?.logout.signedOut).toBe(true);
    expect(codeOf(await call(signedOut.caller, SWITCH, { o: orgB }))).toBe('UNAUTHENTICATED');

    // A session past its absolute expiry, likewise.
    const expired = await signedIn(email, userId, orgA);
    await superuser.query(`update identity.sessions set expires_at = now() - interval '1 minute' where id = $1`, [expired.tokens.sessionId]);
    expect(codeOf(await call(expired.caller, SWITCH, { o: orgB }))).toBe('UNAUTHENTICATED');

    // A live one, placed eleven hours into its twelve: the new session ends when it would have.
    const live = await signedIn(email, userId, orgA);
    await superuser.query(
      `update identity.sessions set authenticated_at = now() - interval '11 hours', expires_at = now() + interval '1 hour' where id = $1`, [live.tokens.sessionId],
    );
    const before = await sessionRow(live.tokens.sessionId);
    const current = await call(live.caller, SWITCH, { o: orgA });
    expect(codeOf(current)).toBe('BAD_USER_INPUT');
    expect(fieldOf(current)).toEqual(['organizationId']);
    const switched = (await call<{ switchOrganization: { sessionTokens: IdentityTokens } }>(live.caller, SWITCH, { o: orgB })).data!.switchOrganization.sessionTokens;
    expect(switched).toMatchObject({ organizationId: orgB, role: 'AUDITOR' });
    const after = await sessionRow(switched.sessionId);
    expect(after.expires_at.getTime()).toBe(before.expires_at.getTime());
    expect(after.authenticated_at.getTime()).toBe(before.authenticated_at.getTime());
    expect(await sessionRow(live.tokens.sessionId)).toMatchObject({ revoked: true, revoked_reason: 'switched_organization' });
    // The replaced session is gone everywhere: its token, its refresh token, another switch.
    expect(codeOf(await call(live.caller, '{ me { role } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(anonymous(), REFRESH, { t: live.tokens.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(live.caller, SWITCH, { o: orgB }))).toBe('UNAUTHENTICATED');
  });

  it('turns one session into one, not two, when two switches race', async () => {
    const email = uniqueEmail('racer');
    const { userId } = await member(orgA, 'PHYSICIAN', { email, displayName: 'R' });
    await member(orgB, 'AUDITOR', { email, displayName: 'R' });
    const { caller } = await signedIn(email, userId, orgA);
    const results = await Promise.all([call(caller, SWITCH, { o: orgB }), call(caller, SWITCH, { o: orgB })]);
    expect(results.map(codeOf).sort()).toEqual([undefined, 'UNAUTHENTICATED'].sort());
  });

  it('gives a role that requires MFA, from a sign-in without a second factor, only a token that may enroll', async () => {
    const { email, userId } = await physicianAndAdmin();
    const { caller } = await signedIn(email, userId, orgA);
    const switched = (await call<{ switchOrganization: { sessionTokens: IdentityTokens } }>(caller, SWITCH, { o: orgB })).data!.switchOrganization.sessionTokens;
    expect(switched).toMatchObject({ role: 'ORG_ADMIN', mfaEnrollmentRequired: true });
    expect(decodeJwt(switched.accessToken)).toMatchObject({ amr: ['pwd'], mfa_enroll: true });
  });

  it('asks a password-only session for a step-up code before an administrator role, even when the account has an authenticator', async () => {
    const { email, userId } = await physicianAndAdmin();
    const passwordOnly = await signedIn(email, userId, orgA);
    const other = await signedIn(email, userId, orgA);
    const { secret } = await enroll(other.caller, userId);
    // Enrolling ends the password-only session (tested below); one that slipped through (signed in
    // while the enrollment was being confirmed) is put back, to see that the switch holds the rule.
    await superuser.query(`update identity.sessions set revoked_at = null, revoked_reason = null where id = $1`, [passwordOnly.tokens.sessionId]);

    const noCode = await call(passwordOnly.caller, SWITCH, { o: orgB });
    expect(codeOf(noCode)).toBe('BAD_USER_INPUT');
    expect(fieldOf(noCode)).toEqual(['code']);
    expect(codeOf(await call(passwordOnly.caller, STEP_UP_SWITCH, { o: orgB, code: '000000' }))).toBe('BAD_USER_INPUT');
    expect((await sessionRow(passwordOnly.tokens.sessionId)).revoked).toBe(false); // a refused switch ends nothing
    const stepped = (await call<{ switchOrganization: { sessionTokens: IdentityTokens } }>(passwordOnly.caller, STEP_UP_SWITCH, { o: orgB, code: await laterCode(secret) })).data!.switchOrganization.sessionTokens;
    expect(stepped).toMatchObject({ role: 'ORG_ADMIN', mfaEnrollmentRequired: false });
    expect(decodeJwt(stepped.accessToken).amr).toEqual(['pwd', 'otp', 'mfa']);
    expect((await call<{ members: { nodes: unknown[] } }>(callerOf(stepped, userId), '{ members { nodes { role } } }')).data?.members.nodes.length).toBeGreaterThan(0);

    // The second factor stays with the sign-in: switching back and forth asks for no new code.
    const back = (await call<{ switchOrganization: { sessionTokens: IdentityTokens } }>(callerOf(stepped, userId), SWITCH, { o: orgA })).data!.switchOrganization.sessionTokens;
    expect(decodeJwt(back.accessToken).amr).toEqual(['pwd', 'otp', 'mfa']);
    const { rows } = await superuser.query(`select action, reason from audit.events where organization_id = $1 and actor_id = $2 and action like 'MFA_%'`, [orgB, userId]);
    expect(rows).toEqual(expect.arrayContaining([{ action: 'MFA_FAILED', reason: 'step_up' }, { action: 'MFA_VERIFY', reason: 'step_up:totp' }]));
  });
});

describe('enrolling an authenticator', () => {
  it('ends every session of the user, each signed in without the second factor', async () => {
    const { email, userId } = await physicianAndAdmin();
    const elsewhere = await signedIn(email, userId, orgA);
    const enrolling = await signedIn(email, userId, orgA);
    const { full } = await enroll(enrolling.caller, userId);
    expect(codeOf(await call(elsewhere.caller, '{ me { role } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(anonymous(), REFRESH, { t: elsewhere.tokens.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(elsewhere.caller, SWITCH, { o: orgB }))).toBe('UNAUTHENTICATED');
    expect(await sessionRow(elsewhere.tokens.sessionId)).toMatchObject({ revoked: true, revoked_reason: 'mfa_enrolled' });
    expect((await call<{ me: { role: string } }>(full, '{ me { role } }')).data?.me.role).toBe('PHYSICIAN');
  });

  it('from a token that may only enroll, needs a sign-in under ten minutes old or the password again', async () => {
    const email = uniqueEmail('late-enroller');
    const { userId } = await member(orgA, 'ORG_ADMIN', { email, displayName: 'L' });
    const { tokens } = await signedIn(email, userId);
    expect(tokens.mfaEnrollmentRequired).toBe(true);
    // The token was kept alive by refreshing: its sign-in is now eleven minutes old.
    await superuser.query(`update identity.sessions set authenticated_at = now() - interval '11 minutes' where id = $1`, [tokens.sessionId]);
    const refreshed = callerOf((await call<{ refreshSession: { sessionTokens: IdentityTokens } }>(anonymous(), REFRESH, { t: tokens.refreshToken })).data!.refreshSession.sessionTokens, userId);
    const stale = await call(refreshed, ENROLL);
    expect(codeOf(stale)).toBe('BAD_USER_INPUT');
    expect(fieldOf(stale)).toEqual(['password']);
    expect(codeOf(await call(refreshed, ENROLL_WITH_PASSWORD, { password: 'not the password at all' }))).toBe('BAD_USER_INPUT');
    expect((await call<{ enrollTotp: { totpEnrollment: { secret: string } } }>(refreshed, ENROLL_WITH_PASSWORD, { password: PASSWORD })).data?.enrollTotp.totpEnrollment.secret).toMatch(/^[A-Z2-7]+$/);
  });

  it('counts a switch into a role that requires MFA as the same sign-in: it does not make the sign-in recent again', async () => {
    const { email, userId } = await physicianAndAdmin();
    const { tokens, caller } = await signedIn(email, userId, orgA);
    await superuser.query(`update identity.sessions set authenticated_at = now() - interval '11 minutes' where id = $1`, [tokens.sessionId]);
    const admin = callerOf((await call<{ switchOrganization: { sessionTokens: IdentityTokens } }>(caller, SWITCH, { o: orgB })).data!.switchOrganization.sessionTokens, userId);
    expect(admin.mfaEnrollmentOnly).toBe(true);
    expect(fieldOf(await call(admin, ENROLL))).toEqual(['password']);
  });
});

describe('codes checked for a signed-in user', () => {
  it('counts wrong codes to regenerate recovery codes in the lockout, like sign-in', async () => {
    const email = uniqueEmail('regenerate');
    const { userId } = await member(orgA, 'PHYSICIAN', { email, displayName: 'G' });
    const { caller } = await signedIn(email, userId);
    const { secret, full } = await enroll(caller, userId);
    for (let i = 0; i < 5; i += 1) expect(codeOf(await call(full, REGENERATE, { code: String(100000 + i) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await call(full, REGENERATE, { code: await laterCode(secret) }))).toBe('RATE_LIMITED');
    expect(codeOf(await login(email))).toBe('RATE_LIMITED'); // the same account lockout as sign-in
  });

  it('counts wrong codes to confirm an enrollment in the lockout', async () => {
    const email = uniqueEmail('confirm');
    const { userId } = await member(orgA, 'ORG_OWNER', { email, displayName: 'C' });
    const { caller } = await signedIn(email, userId);
    const { secret } = (await call<{ enrollTotp: { totpEnrollment: { secret: string } } }>(caller, ENROLL)).data!.enrollTotp.totpEnrollment;
    for (let i = 0; i < 5; i += 1) expect(codeOf(await call(caller, CONFIRM, { code: String(100000 + i) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await call(caller, CONFIRM, { code: await generate({ secret }) }))).toBe('RATE_LIMITED');
  });
});

describe('the sign-in lockout', () => {
  it('verifies at most the allowance of fifty wrong passwords sent at once', async () => {
    const email = uniqueEmail('flood');
    const { userId } = await member(orgA, 'PHYSICIAN', { email, displayName: 'F' });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => login(email, `wrong password number ${i}`)));
    const codes = answers.map(codeOf);
    const { rows } = await superuser.query(
      `select count(*)::int as verified from audit.events where action = 'LOGIN_FAILED' and actor_id = $1 and reason = 'wrong_password'`, [userId],
    );
    expect(rows[0].verified).toBeLessThanOrEqual(5);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(rows[0].verified);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(50 - rows[0].verified);
    expect(codeOf(await login(email))).toBe('RATE_LIMITED');
  });

  it('gives a successful attempt back: failures in a row count, not failures between successes', async () => {
    const email = uniqueEmail('forgetful');
    await member(orgA, 'PHYSICIAN', { email, displayName: 'F' });
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 4; i += 1) expect(codeOf(await login(email, `wrong password number ${i}`))).toBe('UNAUTHENTICATED');
      expect((await login(email)).data?.login.loginResult.status).toBe('AUTHENTICATED');
    }
  });
});

describe('TOTP secrets at rest', () => {
  it('are stored encrypted, bound to their user row and column; a copied or plaintext secret is refused, never used', async () => {
    const firstEmail = uniqueEmail('secret-a');
    const { userId: first } = await member(orgA, 'PHYSICIAN', { email: firstEmail, displayName: 'A' });
    const secondEmail = uniqueEmail('secret-b');
    const { userId: second } = await member(orgA, 'PHYSICIAN', { email: secondEmail, displayName: 'B' });
    const a = await enroll((await signedIn(firstEmail, first)).caller, first);
    await enroll((await signedIn(secondEmail, second)).caller, second);

    const { rows } = await superuser.query(`select totp_secret, totp_pending_secret from identity.users where id = $1`, [first]);
    const stored = rows[0].totp_secret as Buffer;
    expect(rows[0].totp_pending_secret).toBeNull();
    expect(stored.toString('latin1')).not.toContain(a.secret);
    expect(stored.toString('base64')).not.toContain(a.secret);

    // With the keyring, it opens for its own row and column only.
    const encryption = createFieldEncryption(keyProviderFromConfig({ keys: [], keyringFile: stack.serviceEnv.identity.KEYRING_FILE! }));
    const em = orm.em.fork();
    const keys = await encryption.forOrganization(em, PLATFORM_ORGANIZATION_ID);
    expect(keys.decryptText({ table: 'users', column: 'totp_secret', rowId: first }, stored)).toBe(a.secret);
    expect(refusalOf(() => keys.decryptText({ table: 'users', column: 'totp_secret', rowId: second }, stored))).toBe('DATA_UNREADABLE');
    expect(refusalOf(() => keys.decryptText({ table: 'users', column: 'totp_pending_secret', rowId: first }, stored))).toBe('DATA_UNREADABLE');

    // Someone with write access to the table puts the first user's secret on the second's row:
    // the first user's codes do not sign the second in.
    await superuser.query(`update identity.users set totp_secret = $1 where id = $2`, [stored, second]);
    const copied = (await login(secondEmail)).data!.login.loginResult.mfaChallenge;
    expect(codeOf(await call(anonymous(), VERIFY, { input: { mfaChallenge: copied, code: await laterCode(a.secret) } }))).toBe('DATA_UNREADABLE');

    // A secret in the clear (as rows were stored before) is refused, not accepted.
    const plain = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await superuser.query(`update identity.users set totp_secret = convert_to($1, 'UTF8'), totp_last_step = null where id = $2`, [plain, second]);
    const challenge = (await login(secondEmail)).data!.login.loginResult.mfaChallenge;
    expect(codeOf(await call(anonymous(), VERIFY, { input: { mfaChallenge: challenge, code: await generate({ secret: plain }) } }))).toBe('DATA_UNREADABLE');
  });
});
