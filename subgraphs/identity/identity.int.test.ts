// The identity subgraph from the attacker's side (signed contexts, as from the gateway, on the
// test PostgreSQL): enumeration, brute force, TOTP replay, refresh-token reuse, another
// organization's data, a deactivated member; and the ordinary paths they guard.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { generate } from 'otplib';
import pg from 'pg';
import { ACCESS_TOKEN, REVOKED_SESSIONS_ROUTE } from '../../platform/access-tokens.ts';
import { loadConfig } from '../../platform/config.ts';
import { MAX_PAGE_SIZE } from '../../platform/pagination.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { CONTEXT_HEADER, signCallerContext } from '../../platform/service-signing.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { anAddressOfItsOwn } from '../../test/support/addresses.ts';
import { startMailHarness, tokenFromMail } from '../../test/support/mail.ts';
import { aMember, anOrganization, IDENTITY_TOKENS, identitySessions, type IdentityTokens, refusalCodeOf, userErrorsOf } from '../../test/support/factories.ts';
import { connectionSelection, readBothWays, type ConnectionPage } from '../../test/support/paging.ts';
import { testStack } from '../../test/support/stack.ts';
import { gatewaySigningKey, subgraphClient, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { createIdentitySubgraph } from './subgraph.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const PASSWORD = 'correct horse battery staple 42!';
let server: Server;
let rangeApi: Server;
let orm: MikroORM;
let superuser: pg.Client;
let baseUrl: string;
let call: ReturnType<typeof subgraphClient>;
let orgA: string;
let orgB: string;
let closeDefinition: (() => Promise<void>) | undefined;
let mail: Awaited<ReturnType<typeof startMailHarness>>;

const TOKENS = IDENTITY_TOKENS;
const MEMBER_ADDRESS = anAddressOfItsOwn();
const { anonymous, callerOf, login, signedIn, member, enrolledMember } = identitySessions(() => ({ call, orm }), {
  password: PASSWORD, anonymousAddress: anAddressOfItsOwn, memberAddress: () => MEMBER_ADDRESS,
});

const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);

async function auditEvents(organizationId: string, action: string) {
  const { rows } = await superuser.query(`select action, outcome, reason, actor_id, resource_id from audit.events where organization_id = $1 and action = $2 order by seq`, [organizationId, action]);
  return rows as { action: string; outcome: string; reason: string | null; actor_id: string | null; resource_id: string | null }[];
}

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  // A local server speaking the Have I Been Pwned range API: it knows one breached password.
  rangeApi = createServer((_req, res) => res.end('0000000000000000000000000000000000A:0\r\n'));
  const rangePort = await freePort();
  await new Promise<void>((resolve) => rangeApi.listen(rangePort, '127.0.0.1', resolve));
  const config = loadConfig('identity', { ...stack.serviceEnv.identity, NODE_ENV: 'test', BREACHED_PASSWORDS_URL: `http://127.0.0.1:${rangePort}` });
  orm = await openDatabase({ url: config.databaseUrl, logger });
  const definition = await createIdentitySubgraph({ config, logger, orm, storage: createLocalStorage(config.downloads.storageDir) });
  const { app } = await createSubgraphApp({ config, logger, orm, storage: createLocalStorage(config.downloads.storageDir) }, definition);
  const port = await freePort();
  server = await listen(app, '127.0.0.1', port, 'identity');
  baseUrl = `http://127.0.0.1:${port}`;
  call = subgraphClient(`${baseUrl}/graphql`, 'identity');
  orgA = await anOrganization(orm, { name: 'Hospital A' });
  orgB = await anOrganization(orm, { name: 'Hospital B' });
  closeDefinition = definition.close;
  mail = await startMailHarness();
});

afterAll(async () => {
  await mail.close();
  await closeServer(server);
  await closeDefinition?.();
  await closeServer(rangeApi);
  await orm.close();
  await superuser.end();
});

describe('sign-in', () => {
  it('issues an EdDSA access token that verifies against the published JWKS, with the documented claims', async () => {
    const { email, userId } = await member(orgA, 'PHYSICIAN');
    const { tokens } = await signedIn(email, userId);
    const jwks = createRemoteJWKSet(new URL(`${baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(tokens.accessToken, jwks, { issuer: ACCESS_TOKEN.issuer, audience: ACCESS_TOKEN.audience, algorithms: ['EdDSA'] });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    expect(payload).toMatchObject({ sub: userId, org: orgA, role: 'PHYSICIAN', sid: tokens.sessionId, amr: ['pwd'] });
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(typeof payload.jti).toBe('string');
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await superuser.query(`select encode(token_hash, 'hex') as hash from identity.refresh_tokens where session_id = $1`, [tokens.sessionId]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(tokens.refreshToken); // stored as a hash only
    expect(await auditEvents(orgA, 'LOGIN')).toEqual(expect.arrayContaining([expect.objectContaining({ actor_id: userId, outcome: 'SUCCESS' })]));
  });

  it('answers an unknown email and a wrong password alike and audits both', async () => {
    const { email, userId } = await member(orgA, 'AUDITOR');
    const unknown = `nobody-${randomUUID().slice(0, 8)}@example.org`;
    const wrong = await login(email, 'not the password at all 1');
    const missing = await login(unknown, 'not the password at all 1');
    expect(wrong.errors?.[0]).toMatchObject({ message: 'The email or password is incorrect', extensions: { code: 'UNAUTHENTICATED' } });
    expect(missing.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(codeOf(missing)).toBe(codeOf(wrong));
    expect(await auditEvents(orgA, 'LOGIN_FAILED')).toEqual(expect.arrayContaining([expect.objectContaining({ actor_id: userId, reason: 'wrong_password' })]));
    // That an unknown email costs a real argon2 verification is tested in passwords.test.ts
    // (spendVerificationTime); the latency of the two, side by side, is `npm run bench -- identity`.
  });

  it('locks an account out after repeated failures, even with the right password then, and unknown emails alike', async () => {
    const { email } = await member(orgA, 'PHYSICIAN');
    for (let i = 0; i < 5; i += 1) expect(codeOf(await login(email, `wrong password number ${i}`))).toBe('UNAUTHENTICATED');
    const locked = await login(email, PASSWORD);
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(locked.data?.login?.loginResult ?? null).toBeNull();
    const unknown = `ghost-${randomUUID().slice(0, 8)}@example.org`;
    for (let i = 0; i < 5; i += 1) await login(unknown, `wrong password number ${i}`);
    expect(codeOf(await login(unknown, PASSWORD))).toBe('RATE_LIMITED');
  });

  it('locks out a source IP that tries many accounts', async () => {
    const attacker = anonymous(anAddressOfItsOwn());
    for (let i = 0; i < 50; i += 1) await login(`spray-${i}-${randomUUID().slice(0, 6)}@example.org`, 'Summer2026!', attacker);
    const { email } = await member(orgA, 'PHYSICIAN');
    expect(codeOf(await login(email, PASSWORD, attacker))).toBe('RATE_LIMITED');
    expect((await login(email, PASSWORD)).data?.login.loginResult.status).toBe('AUTHENTICATED'); // from elsewhere, fine
  });

  it('locks out an IPv6 network that takes a new address per attempt: its /64 counts as one source', async () => {
    const network = `2001:db8:${randomUUID().slice(0, 4)}:7`;
    for (let i = 0; i < 50; i += 1) await login(`spray6-${i}-${randomUUID().slice(0, 6)}@example.org`, 'Summer2026!', anonymous(`${network}::${(i + 1).toString(16)}`));
    const { email } = await member(orgA, 'PHYSICIAN');
    expect(codeOf(await login(email, PASSWORD, anonymous(`${network}:ffff:ffff:ffff:fffe`)))).toBe('RATE_LIMITED');
    expect((await login(email, PASSWORD, anonymous(`${network.replace(/:7$/, ':8')}::1`))).data?.login.loginResult.status).toBe('AUTHENTICATED'); // the next /64 is another subscriber
  });

  it('refuses malformed input with BAD_USER_INPUT and accepts an unnormalized form of the same password (NFKC)', async () => {
    expect(codeOf(await login('not-an-email', PASSWORD))).toBe('BAD_USER_INPUT');
    expect(codeOf(await login(`${'a'.repeat(250)}@example.org`, PASSWORD))).toBe('BAD_USER_INPUT');
    expect(codeOf(await login('someone@example.org', 'x'.repeat(300)))).toBe('BAD_USER_INPUT');
    const composed = 'Ｃａｆé straße 2026 ﬁle!'; // fullwidth letters and a ligature: NFKC folds them
    const email = `nfkc-${randomUUID().slice(0, 8)}@example.org`;
    await aMember(orm, { organizationId: orgA, email, displayName: 'N', password: composed, role: 'PHYSICIAN' });
    expect((await login(email, composed.normalize('NFKC'))).data?.login.loginResult.status).toBe('AUTHENTICATED');
    expect((await login(email.toUpperCase(), composed)).data?.login.loginResult.status).toBe('AUTHENTICATED');
  });
});

describe('refresh tokens', () => {
  const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`;

  it('rotates on every use; a reused token ends the whole family and is audited', async () => {
    const { email, userId } = await member(orgA, 'CREDENTIALING_STAFF');
    const { tokens } = await signedIn(email, userId);
    const first = await call<{ refreshSession: { sessionTokens: IdentityTokens } }>(anonymous(), REFRESH, { t: tokens.refreshToken });
    const rotated = first.data!.refreshSession.sessionTokens;
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    expect(rotated.sessionId).toBe(tokens.sessionId);

    // Past the retry window (sessions.ts: REFRESH_RETRY_SECONDS), as if that long had gone by.
    await superuser.query(`update identity.refresh_tokens set successor_expires_at = now() - interval '1 second' where session_id = $1 and rotated_at is not null`, [tokens.sessionId]);
    const replay = await call(anonymous(), REFRESH, { t: tokens.refreshToken }); // the stolen copy
    expect(codeOf(replay)).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(anonymous(), REFRESH, { t: rotated.refreshToken }))).toBe('UNAUTHENTICATED'); // family revoked
    expect(await auditEvents(orgA, 'REFRESH_REUSE')).toEqual(expect.arrayContaining([expect.objectContaining({ resource_id: tokens.sessionId, outcome: 'FAILURE' })]));
    expect(codeOf(await call(anonymous(), REFRESH, { t: 'A'.repeat(43) }))).toBe('UNAUTHENTICATED');
  });
});

describe('MFA', () => {
  const ENROLL = `mutation { enrollTotp { totpEnrollment { secret otpauthUri } userErrors { code message field reason details } } }`;
  const CONFIRM = `mutation($code: String!) { confirmTotp(code: $code) { totpConfirmation { recoveryCodes session { ${TOKENS} } } userErrors { code message field reason details } } }`;
  const VERIFY = `mutation($input: VerifyMfaInput!) { verifyMfa(input: $input) { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`;

  it('gives an admin without MFA a token that may only enroll; enrollment yields recovery codes and full access; codes are single-use', async () => {
    const { email, userId } = await member(orgA, 'ORG_ADMIN');
    const { tokens, caller } = await signedIn(email, userId);
    expect(tokens.mfaEnrollmentRequired).toBe(true);
    expect(codeOf(await call(caller, '{ members { nodes { role } } }'))).toBe('MFA_ENROLLMENT_REQUIRED');

    const enrollment = (await call<{ enrollTotp: { totpEnrollment: { secret: string; otpauthUri: string } } }>(caller, ENROLL)).data!.enrollTotp.totpEnrollment;
    expect(enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Credence:.+\?.*secret=/);
    expect(codeOf(await call(caller, CONFIRM, { code: '000000' }))).toBe('BAD_USER_INPUT');
    const code = await generate({ secret: enrollment.secret });
    const confirmed = await call<{ confirmTotp: { totpConfirmation: { recoveryCodes: string[]; session: IdentityTokens } } }>(caller, CONFIRM, { code });
    const { recoveryCodes, session } = confirmed.data!.confirmTotp.totpConfirmation;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(session.mfaEnrollmentRequired).toBe(false);
    expect(codeOf(await call(caller, '{ me { role } }'))).toBe('UNAUTHENTICATED'); // the enrollment-only session ended
    const full = callerOf(session, userId);
    expect((await call<{ members: { nodes: unknown[] } }>(full, '{ members { nodes { role } } }')).data?.members.nodes.length).toBeGreaterThan(0);
    expect(codeOf(await call(full, ENROLL))).toBe('CONFLICT'); // a stolen token cannot replace the authenticator

    // Next sign-in asks for the second factor. The code used at enrollment is refused (replay).
    const again = (await login(email)).data!.login.loginResult;
    expect(again).toMatchObject({ status: 'MFA_REQUIRED', session: null });
    expect(codeOf(await call(anonymous(), VERIFY, { input: { mfaChallenge: again.mfaChallenge, code } }))).toBe('UNAUTHENTICATED');
    const next = await generate({ secret: enrollment.secret, epoch: Math.floor(Date.now() / 1000) + 30 }); // the next step: within the window
    const verified = await call<{ verifyMfa: { sessionTokens: IdentityTokens } }>(anonymous(), VERIFY, { input: { mfaChallenge: again.mfaChallenge, code: next } });
    expect(verified.data?.verifyMfa.sessionTokens.role).toBe('ORG_ADMIN');
    expect(codeOf(await call(anonymous(), VERIFY, { input: { mfaChallenge: again.mfaChallenge, code: next } }))).toBe('UNAUTHENTICATED'); // challenge used

    // A recovery code signs in once.
    const third = (await login(email)).data!.login.loginResult;
    expect((await call<{ verifyMfa: { sessionTokens: IdentityTokens } }>(anonymous(), VERIFY, { input: { mfaChallenge: third.mfaChallenge, code: recoveryCodes[0] } })).data?.verifyMfa.sessionTokens).toBeTruthy();
    const fourth = (await login(email)).data!.login.loginResult;
    expect(codeOf(await call(anonymous(), VERIFY, { input: { mfaChallenge: fourth.mfaChallenge, code: recoveryCodes[0] } }))).toBe('UNAUTHENTICATED');
    const actions = (await superuser.query(`select action from audit.events where organization_id = $1 and actor_id = $2`, [orgA, userId])).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['MFA_ENROLL', 'MFA_VERIFY', 'MFA_FAILED', 'LOGIN']));
  });

  it('limits guesses at a challenge', async () => {
    const { email, userId } = await member(orgA, 'ORG_OWNER');
    const { caller } = await signedIn(email, userId);
    const { secret } = (await call<{ enrollTotp: { totpEnrollment: { secret: string } } }>(caller, ENROLL)).data!.enrollTotp.totpEnrollment;
    await call(caller, CONFIRM, { code: await generate({ secret }) });
    const challenge = (await login(email)).data!.login.loginResult.mfaChallenge;
    for (let i = 0; i < 5; i += 1) await call(anonymous(), VERIFY, { input: { mfaChallenge: challenge, code: String(100000 + i) } });
    const good = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect(codeOf(await call(anonymous(), VERIFY, { input: { mfaChallenge: challenge, code: good } }))).toBe('UNAUTHENTICATED'); // the challenge is spent
  });
});

describe('organizations and members', () => {
  const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id email role expiresAt } userErrors { code message field reason details } } }`;
  const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { loginResult { status session { ${TOKENS} } } userErrors { code message field reason details } } }`;

  it('invites (single use, hashed), checks the new password against the policy, and signs the new member in', async () => {
    const owner = await enrolledMember(orgA, 'ORG_OWNER');
    const email = `new-${randomUUID().slice(0, 8)}@example.org`;
    const invited = (await call<{ inviteMember: { invitation: { id: string } } }>(owner.caller, INVITE, { input: { email, role: 'PHYSICIAN' } })).data!.inviteMember.invitation;
    const invitation = { ...invited, token: tokenFromMail(await mail.lastMailTo(email)) };
    const { rows } = await superuser.query(`select encode(token_hash, 'hex') as h from identity.invitations where id = $1`, [invitation.id]);
    expect(rows[0].h).not.toContain(invitation.token);

    const weak = await call(anonymous(), ACCEPT, { input: { token: invitation.token, displayName: 'Dr New', password: 'password1234' } });
    expect(userErrorsOf(weak)[0]).toMatchObject({ code: 'BAD_USER_INPUT', details: { breachCheck: 'range-api' } });
    expect(codeOf(await call(anonymous(), ACCEPT, { input: { token: 'x'.repeat(43), displayName: 'Dr New', password: PASSWORD } }))).toBe('NOT_FOUND');
    const accepted = await call<{ acceptInvitation: { loginResult: { status: string; session: IdentityTokens } } }>(anonymous(), ACCEPT, { input: { token: invitation.token, displayName: 'Dr New', password: PASSWORD } });
    expect(accepted.data?.acceptInvitation.loginResult).toMatchObject({ status: 'AUTHENTICATED', session: { role: 'PHYSICIAN', organizationId: orgA } });
    expect(codeOf(await call(anonymous(), ACCEPT, { input: { token: invitation.token, displayName: 'Dr New', password: PASSWORD } }))).toBe('NOT_FOUND');
    expect(await auditEvents(orgA, 'INVITE')).toEqual(expect.arrayContaining([expect.objectContaining({ resource_id: invitation.id, reason: 'accepted' })]));
  });

  it("does not let an invitation become a way to guess an existing account's password", async () => {
    const owner = await enrolledMember(orgB, 'ORG_OWNER');
    const { email } = await member(orgA, 'PHYSICIAN');
    const invited = await call<{ inviteMember: { invitation: { id: string } } }>(owner.caller, INVITE, { input: { email, role: 'AUDITOR' } });
    const invitation = { id: invited.data!.inviteMember.invitation.id, token: tokenFromMail(await mail.lastMailTo(email)) };
    for (let i = 0; i < 5; i += 1) {
      expect(codeOf(await call(anonymous(`203.0.113.${60 + i}`), ACCEPT, { input: { token: invitation.token, password: `guess number ${i} for this` } }))).toBe('UNAUTHENTICATED');
    }
    const guesses = (await auditEvents(orgB, 'LOGIN_FAILED')).filter((event) => event.resource_id === invitation.id);
    expect(guesses).toHaveLength(5); // one per address: each address's first wrong password in a minute is written
    expect(guesses[0]).toMatchObject({ outcome: 'FAILURE', reason: 'invitation_wrong_password' });
    expect(codeOf(await call(anonymous(), ACCEPT, { input: { token: invitation.token, password: PASSWORD } }))).toBe('RATE_LIMITED');
    expect(codeOf(await login(email))).toBe('RATE_LIMITED'); // the same account lockout as sign-in
  });

  it('keeps organizations apart: a token of organization A sees nothing of B, and a forged organization claim is refused', async () => {
    const ownerA = await enrolledMember(orgA, 'ORG_OWNER');
    const { email: bEmail } = await member(orgB, 'PHYSICIAN');
    const membersOfA = (await call<{ members: { nodes: { user: { email: string } }[] } }>(ownerA.caller, '{ members { nodes { user { email } } } }')).data!.members.nodes;
    expect(membersOfA.map((m) => m.user.email)).not.toContain(bEmail);
    const forged = { ...ownerA.caller, organizationId: orgB };
    expect(codeOf(await call(forged, '{ members { nodes { user { email } } } }'))).toBe('UNAUTHENTICATED');
    const { userId: bUser } = await member(orgB, 'AUDITOR');
    expect(codeOf(await call(ownerA.caller, 'mutation($u: ID!) { deactivateMember(userId: $u) { membership { status } userErrors { code message field reason details } } }', { u: bUser }))).toBe('NOT_FOUND');
  });

  it('resolves the users and organizations other subgraphs reference, all in one request, only within the caller\'s organization', async () => {
    const ownerA = await enrolledMember(orgA, 'ORG_OWNER');
    const { email: aEmail, userId: aUser } = await member(orgA, 'PHYSICIAN');
    const { userId: bUser } = await member(orgB, 'PHYSICIAN');
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } ... on Organization { name } } }';
    const representations = [
      { __typename: 'User', id: aUser }, { __typename: 'User', id: bUser }, { __typename: 'Organization', id: orgA },
      { __typename: 'Organization', id: orgB }, { __typename: 'User', id: randomUUID() }, { __typename: 'User', id: aUser },
    ];
    const asOwnerA = await call<{ _entities: unknown[] }>(ownerA.caller, query, { r: representations });
    expect(asOwnerA.data!._entities).toEqual([{ email: aEmail }, null, { name: 'Hospital A' }, null, null, { email: aEmail }]);
    // A user the caller may not see says so (the field that names it is null with FORBIDDEN); an organization is null alone.
    expect(asOwnerA.errors?.map((error) => [error.path, error.extensions.code])).toEqual([[['_entities', 1], 'FORBIDDEN'], [['_entities', 4], 'FORBIDDEN']]);
    const asAnonymous = await call<{ _entities: unknown[] }>(anonymous(), query, { r: representations });
    expect(asAnonymous.data!._entities).toEqual(representations.map(() => null));
  });

  it('enforces the role rules: admins cannot make owners, nobody changes their own role', async () => {
    const org = await anOrganization(orm, { name: 'Hospital C' });
    const owner = await enrolledMember(org, 'ORG_OWNER');
    const { userId: adminId, email: adminEmail } = await member(org, 'ORG_ADMIN');
    const { userId: physicianId } = await member(org, 'PHYSICIAN');
    const CHANGE = 'mutation($u: ID!, $r: Role!) { changeMemberRole(userId: $u, role: $r) { membership { role status } userErrors { code message field reason details } } }';
    expect(codeOf(await call(owner.caller, CHANGE, { u: owner.userId, r: 'PHYSICIAN' }))).toBe('FORBIDDEN');
    expect(codeOf(await call(owner.caller, CHANGE, { u: physicianId, r: 'PLATFORM_ADMIN' }))).toBe('BAD_USER_INPUT');
    expect((await call<{ changeMemberRole: { membership: { role: string } } }>(owner.caller, CHANGE, { u: physicianId, r: 'AUDITOR' })).data?.changeMemberRole.membership.role).toBe('AUDITOR');
    expect(await auditEvents(org, 'ROLE_CHANGE')).toEqual([expect.objectContaining({ resource_id: physicianId, reason: 'physician:auditor' })]);
    // An administrator (with MFA) may not grant the owner role.
    const admin = await signedIn(adminEmail, adminId);
    const { secret } = (await call<{ enrollTotp: { totpEnrollment: { secret: string } } }>(admin.caller, 'mutation { enrollTotp { totpEnrollment { secret } userErrors { code message field reason details } } }')).data!.enrollTotp.totpEnrollment;
    const session = (await call<{ confirmTotp: { totpConfirmation: { session: IdentityTokens } } }>(admin.caller, `mutation($c: String!) { confirmTotp(code: $c) { totpConfirmation { session { ${TOKENS} } } userErrors { code message field reason details } } }`, { c: await generate({ secret }) })).data!.confirmTotp.totpConfirmation.session;
    expect(codeOf(await call(callerOf(session, adminId), CHANGE, { u: physicianId, r: 'ORG_OWNER' }))).toBe('FORBIDDEN');
    expect(codeOf(await call(callerOf(session, adminId), CHANGE, { u: owner.userId, r: 'PHYSICIAN' }))).toBe('FORBIDDEN');
  });

  it("ends a deactivated member's sessions at once and lists them for the gateway", async () => {
    const owner = await enrolledMember(orgA, 'ORG_OWNER');
    const { email, userId } = await member(orgA, 'PHYSICIAN');
    const physician = await signedIn(email, userId);
    const since = new Date(Date.now() - 1000).toISOString();
    const deactivated = await call<{ deactivateMember: { membership: { status: string } } }>(owner.caller, 'mutation($u: ID!) { deactivateMember(userId: $u) { membership { status } userErrors { code message field reason details } } }', { u: userId });
    expect(deactivated.data?.deactivateMember.membership.status).toBe('DEACTIVATED');
    expect(codeOf(await call(physician.caller, '{ me { role } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(anonymous(), `mutation($t: String!) { refreshSession(refreshToken: $t) { sessionTokens { sessionId } userErrors { code message field reason details } } }`, { t: physician.tokens.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(email))).toBe('UNAUTHENTICATED');

    const body = JSON.stringify({ since });
    const gatewayCaller = anonymous();
    const response = await fetch(`${baseUrl}/internal/${REVOKED_SESSIONS_ROUTE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: signCallerContext(gatewaySigningKey(), gatewayCaller, { audience: 'identity', method: 'POST', path: `/internal/${REVOKED_SESSIONS_ROUTE}`, body }) },
      body,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { sessionIds: string[] }).sessionIds).toContain(physician.tokens.sessionId);
    expect((await fetch(`${baseUrl}/internal/${REVOKED_SESSIONS_ROUTE}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
  });

  it('lets a platform administrator create an organization whose first owner is invited; nobody else may', async () => {
    const platform = await member('00000000-0000-0000-0000-000000000000', 'PLATFORM_ADMIN');
    const { caller } = await signedIn(platform.email, platform.userId);
    const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organizationCreation { organization { id name status } ownerInvitation { role } } userErrors { code message field reason details } } }`;
    expect(codeOf(await call(caller, CREATE, { input: { name: 'New Hospital', ownerEmail: 'owner@new.example.org' } }))).toBe('MFA_ENROLLMENT_REQUIRED');
    const { secret } = (await call<{ enrollTotp: { totpEnrollment: { secret: string } } }>(caller, 'mutation { enrollTotp { totpEnrollment { secret } userErrors { code message field reason details } } }')).data!.enrollTotp.totpEnrollment;
    const session = (await call<{ confirmTotp: { totpConfirmation: { session: IdentityTokens } } }>(caller, `mutation($c: String!) { confirmTotp(code: $c) { totpConfirmation { session { ${TOKENS} } } userErrors { code message field reason details } } }`, { c: await generate({ secret }) })).data!.confirmTotp.totpConfirmation.session;
    const created = await call<{ createOrganization: { organizationCreation: { organization: { id: string; status: string }; ownerInvitation: { role: string } } } }>(callerOf(session, platform.userId), CREATE, { input: { name: 'New Hospital', ownerEmail: 'owner@new.example.org' } });
    expect(created.data?.createOrganization.organizationCreation).toMatchObject({ organization: { status: 'ACTIVE' }, ownerInvitation: { role: 'ORG_OWNER' } });
    const owner = await enrolledMember(orgA, 'ORG_OWNER');
    expect(codeOf(await call(owner.caller, CREATE, { input: { name: 'Mine', ownerEmail: 'x@example.org' } }))).toBe('FORBIDDEN');
  });

  it('switches organization with a new token bound to the other one, only where the user is a member', async () => {
    const email = `two-orgs-${randomUUID().slice(0, 8)}@example.org`;
    const { userId } = await member(orgA, 'PHYSICIAN', { email, displayName: 'Two' });
    await member(orgB, 'AUDITOR', { email, displayName: 'Two' });
    const { caller } = await signedIn(email, userId, orgA);
    const SWITCH = `mutation($o: ID!) { switchOrganization(organizationId: $o) { sessionTokens { ${TOKENS} } userErrors { code message field reason details } } }`;
    const third = await anOrganization(orm, { name: 'Elsewhere' });
    expect(codeOf(await call(caller, SWITCH, { o: third }))).toBe('FORBIDDEN');
    const switched = await call<{ switchOrganization: { sessionTokens: IdentityTokens } }>(caller, SWITCH, { o: orgB });
    expect(switched.data?.switchOrganization.sessionTokens).toMatchObject({ organizationId: orgB, role: 'AUDITOR' });
    const inB = callerOf(switched.data!.switchOrganization.sessionTokens, userId);
    const me = await call<{ me: { memberships: { organization: { id: string } }[] } }>(inB, '{ me { role memberships { organization { id } } } }');
    expect(me.data?.me.memberships.map((m) => m.organization.id).sort()).toEqual([orgA, orgB].sort());
  });

  it('logs out one session, or every session, and lists the live ones', async () => {
    const { email, userId } = await member(orgA, 'INCIDENT_RESPONDER');
    const one = await signedIn(email, userId);
    const two = await signedIn(email, userId);
    const sessions = (await call<{ mySessions: { nodes: { id: string; current: boolean }[] } }>(one.caller, '{ mySessions { nodes { id current } } }')).data!.mySessions.nodes;
    expect(sessions.map((s) => s.id).sort()).toEqual([one.tokens.sessionId, two.tokens.sessionId].sort());
    expect(sessions.find((s) => s.current)?.id).toBe(one.tokens.sessionId);
    expect((await call<{ logout: { signedOut: boolean } }>(one.caller, 'mutation { logout { signedOut userErrors { code message field reason details } } }')).data?.logout.signedOut).toBe(true);
    expect(codeOf(await call(one.caller, '{ mySessions { nodes { id } } }'))).toBe('UNAUTHENTICATED');
    const three = await signedIn(email, userId);
    expect((await call<{ logoutEverywhere: { sessionsEnded: number } }>(three.caller, 'mutation { logoutEverywhere { sessionsEnded userErrors { code message field reason details } } }')).data?.logoutEverywhere.sessionsEnded).toBe(2);
    expect(codeOf(await call(two.caller, '{ me { role } }'))).toBe('UNAUTHENTICATED');
  });
});

describe('lists as connections', () => {
  const PAGE_VARIABLES = '$first: Int, $after: String, $last: Int, $before: String';
  const PAGE_ARGUMENTS = 'first: $first, after: $after, last: $last, before: $before';
  const MEMBERS = `query(${PAGE_VARIABLES}) { members(${PAGE_ARGUMENTS}) { ${connectionSelection('user { id } role')} totalCount } }`;
  const SESSIONS = `query(${PAGE_VARIABLES}) { mySessions(${PAGE_ARGUMENTS}) { ${connectionSelection('id')} } }`;
  type Members = { members: ConnectionPage & { totalCount: number } };

  it('pages the members both ways without gaps or duplicates, and counts only its own organization', async () => {
    const organizationId = await anOrganization(orm);
    const elsewhere = await anOrganization(orm);
    const owner = await enrolledMember(organizationId, 'ORG_OWNER');
    const joined = [owner.userId];
    for (let i = 0; i < 6; i += 1) joined.push((await member(organizationId, i % 2 ? 'AUDITOR' : 'PHYSICIAN')).userId);
    await member(elsewhere, 'PHYSICIAN');
    const read = async (args: Record<string, unknown>) => {
      const result = await call<Members>(owner.caller, MEMBERS, args);
      expect(result.errors).toBeUndefined();
      return result.data!.members;
    };
    const { forward, firstPage } = await readBothWays(read, 3, (node) => (node.user as { id: string }).id);
    expect(forward).toEqual(joined); // the order they joined, as before
    expect(firstPage.totalCount).toBe(7);
  });

  it('pages the caller\'s sessions, newest first', async () => {
    const { userId, email } = await member(orgA, 'PHYSICIAN');
    const sessions: string[] = [];
    let last: Awaited<ReturnType<typeof signedIn>> | undefined;
    for (let i = 0; i < 5; i += 1) {
      last = await signedIn(email, userId);
      sessions.unshift(last.tokens.sessionId);
    }
    const read = async (args: Record<string, unknown>) => {
      const result = await call<{ mySessions: ConnectionPage }>(last!.caller, SESSIONS, args);
      expect(result.errors).toBeUndefined();
      return result.data!.mySessions;
    };
    expect((await readBothWays(read, 2)).forward).toEqual(sessions);
  });

  it(`refuses a page above ${MAX_PAGE_SIZE}, first with last, and a cursor that is not the list's own`, async () => {
    const owner = await enrolledMember(orgA, 'ORG_OWNER');
    const refusal = async (query: string, variables: Record<string, unknown>) => {
      const result = await call(owner.caller, query, variables);
      expect(result.data?.members ?? result.data?.mySessions ?? null).toBeNull();
      return { code: refusalCodeOf(result), details: result.errors?.[0]?.extensions.details };
    };
    expect(await refusal(MEMBERS, { first: MAX_PAGE_SIZE + 1 })).toEqual({ code: 'BAD_USER_INPUT', details: { field: ['first'], reason: 'OUT_OF_RANGE' } });
    expect(await refusal(MEMBERS, { last: MAX_PAGE_SIZE + 1 })).toEqual({ code: 'BAD_USER_INPUT', details: { field: ['last'], reason: 'OUT_OF_RANGE' } });
    expect((await refusal(MEMBERS, { first: 1, last: 1 })).code).toBe('BAD_USER_INPUT');
    const session = (await call<{ mySessions: ConnectionPage }>(owner.caller, SESSIONS, { first: 1 })).data!.mySessions.pageInfo.endCursor!;
    expect(await refusal(MEMBERS, { after: session })).toEqual({ code: 'BAD_USER_INPUT', details: { field: ['after'], reason: 'INVALID_CURSOR' } });
    expect(await refusal(MEMBERS, { before: 'eyJub3QiOiJhIGN1cnNvciJ9' })).toEqual({ code: 'BAD_USER_INPUT', details: { field: ['before'], reason: 'INVALID_CURSOR' } });
    expect(await refusal(SESSIONS, { after: "'; drop table identity.sessions; --" })).toEqual({ code: 'BAD_USER_INPUT', details: { field: ['after'], reason: 'INVALID_CURSOR' } });
  });
});
