// Access tokens through the whole path: signed in through the gateway, verified there against
// identity's JWKS, checked by shield, and refused within seconds once their session is revoked.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordAudit } from '../platform/audit.ts';
import { openDatabase, runAsCaller, type MikroORM } from '../platform/database/orm.ts';
import { createLogger } from '../platform/logger.ts';
import type { Role } from '../platform/caller.ts';
import { anOrganization, aSignedInMember, refusalCodeOf } from '../test/support/factories.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { testStack } from '../test/support/stack.ts';

const stack = testStack();
const harness = gatewayHarness();
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let identityOrm: MikroORM;
let orgA: string;
let orgB: string;

async function gql(query: string, variables: Record<string, unknown> = {}, accessToken?: string) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, any> | null; errors?: { message: string; extensions: { code: string } }[] } };
}

/** A new member signed in through the gateway; a role that needs MFA keeps its enrollment-only session. */
const signIn = (organizationId: string, role: Role) => aSignedInMember(gateway.url, identityOrm, { organizationId, role, enrollMfa: false });

/** Polls until the gateway refuses the token (revocations arrive by polling, in about a second here). */
async function refusedWithin(accessToken: string, seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const { status } = await gql('{ me { role } }', {}, accessToken);
    if (status === 401 || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ REVOCATION_POLL_SECONDS: '1', AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  orgA = await anOrganization(identityOrm, { name: 'Gateway Hospital A' });
  orgB = await anOrganization(identityOrm, { name: 'Gateway Hospital B' });
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
  await identityOrm.close();
});

describe('access tokens at the gateway', () => {
  it('signs in through the gateway and answers as the token says', async () => {
    const { accessToken, email } = await signIn(orgA, 'PHYSICIAN');
    const { status, body } = await gql('{ me { role user { email } organization { name } authenticationMethods } }', {}, accessToken);
    expect(status).toBe(200);
    expect(body.data?.me).toEqual({ role: 'PHYSICIAN', user: { email }, organization: { name: 'Gateway Hospital A' }, authenticationMethods: ['PWD'] });
  });

  it('lets shield refuse what the role may not have, and an enrollment-only token everything but enrollment', async () => {
    const physician = await signIn(orgA, 'PHYSICIAN');
    const members = await gql('{ members { nodes { role } } }', {}, physician.accessToken);
    expect(refusalCodeOf(members.body)).toBe('FORBIDDEN');
    const owner = await signIn(orgA, 'ORG_OWNER');
    expect(owner.mfaEnrollmentRequired).toBe(true);
    expect(refusalCodeOf((await gql('{ members { nodes { role } } }', {}, owner.accessToken)).body)).toBe('MFA_ENROLLMENT_REQUIRED');
    expect(refusalCodeOf((await gql('{ auditEvents(first: 1) { pageInfo { hasNextPage } } }', {}, owner.accessToken)).body)).toBe('MFA_ENROLLMENT_REQUIRED');
    const enroll = await gql('mutation { enrollTotp { totpEnrollment { otpauthUri } userErrors { code message field reason details } } }', {}, owner.accessToken);
    expect(enroll.body.data?.enrollTotp.totpEnrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
  });

  it('keeps a token of organization A to the data of A', async () => {
    const auditor = await signIn(orgA, 'AUDITOR');
    const auditOrm = harness.orms[2]!; // the audit subgraph's connection
    const viewIn = async (organizationId: string) => {
      const marker = randomUUID();
      const caller = { userId: randomUUID(), organizationId, role: 'CREDENTIALING_STAFF' as const, sessionId: null, requestId: randomUUID(), sourceIp: null };
      await runAsCaller(auditOrm, caller, (em) => recordAudit(em, caller, { action: 'VIEW', resourceType: 'Credential', resourceId: marker, outcome: 'SUCCESS' }));
      return marker;
    };
    const inA = await viewIn(orgA);
    const inB = await viewIn(orgB);
    const { body } = await gql('{ auditEvents(first: 100) { nodes { resourceId } } }', {}, auditor.accessToken);
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).toContain(inA);
    expect(JSON.stringify(body.data)).not.toContain(inB);
  });

  it('throttles sign-in requests per IP at the edge, however the field is spelled', async () => {
    const strict = await harness.startGateway({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const attempt = (query: string) =>
        fetch(`${strict.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { i: { email: 'x@example.org', password: 'guess guess guess' } } }) });
      const statuses = [];
      for (const query of [
        'mutation($i: LoginInput!) { login(input: $i) { loginResult { status } userErrors { code message field reason details } } }',
        'mutation($i: LoginInput!) { a: login(input: $i) { loginResult { status } userErrors { code message field reason details } } }',
        'mutation($i: LoginInput!) { ...F } fragment F on Mutation { login(input: $i) { loginResult { status } } }',
        'mutation($i: LoginInput!) { login(input: $i) { loginResult { status } userErrors { code message field reason details } } }',
      ]) statuses.push((await attempt(query)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const other = await fetch(`${strict.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ passwordPolicy { minLength } }' }) });
      expect(other.status).toBe(200); // other requests keep their own budget
    } finally {
      await strict.stop();
    }
  });

  it('throttles password resets and code checks from one address like sign-ins', async () => {
    const strict = await harness.startGateway({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const send = (query: string, variables: Record<string, unknown>) =>
        fetch(`${strict.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      const statuses = [
        (await send('mutation($e: String!) { requestPasswordReset(email: $e) { accepted userErrors { code message field reason details } } }', { e: 'x@example.org' })).status,
        (await send('mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { passwordReset userErrors { code message field reason details } } }', { i: { token: 'a'.repeat(43), newPassword: 'a long enough new password 1' } })).status,
        (await send('mutation($c: String!) { confirmTotp(code: $c) { totpConfirmation { recoveryCodes } userErrors { code message field reason details } } }', { c: '123456' })).status,
        (await send('mutation($c: String!) { regenerateRecoveryCodes(totpCode: $c) { recoveryCodes userErrors { code message field reason details } } }', { c: '123456' })).status,
      ];
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await strict.stop();
    }
  });

  it('gives each signed-in user a budget of their own', async () => {
    const perUser = await harness.startGateway({ RATE_LIMIT_PER_USER_PER_MINUTE: '2', AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
    try {
      const { accessToken } = await signIn(orgA, 'PHYSICIAN');
      const ask = (token?: string) =>
        fetch(`${perUser.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query: '{ passwordPolicy { minLength } }' }) });
      const statuses = [(await ask(accessToken)).status, (await ask(accessToken)).status, (await ask(accessToken)).status];
      expect(statuses).toEqual([200, 200, 429]);
      expect((await ask()).status).toBe(200); // anonymous requests from the same address are not that user's
    } finally {
      await perUser.stop();
    }
  });

  it('refuses a token whose claims were altered', async () => {
    const { accessToken } = await signIn(orgA, 'PHYSICIAN');
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, role: 'ORG_OWNER', org: orgB })).toString('base64url'), signature].join('.');
    const { status, body } = await gql('{ me { role } }', {}, forged);
    expect(status).toBe(401);
    expect(refusalCodeOf(body)).toBe('UNAUTHENTICATED');
  });

  it("refuses a deactivated member's unexpired token within seconds", async () => {
    const physician = await signIn(orgA, 'PHYSICIAN');
    expect((await gql('{ me { role } }', {}, physician.accessToken)).status).toBe(200);
    // The owner (with MFA enrolled beforehand) deactivates the member; here the database does it
    // the way identity's deactivateMember does, which identity's own tests cover end to end.
    await runAsCaller(identityOrm, { userId: null, organizationId: orgA, role: 'ORG_OWNER', sessionId: null, requestId: randomUUID(), sourceIp: null }, async (em) => {
      await em.execute(`update identity.memberships set status = 'DEACTIVATED' where organization_id = ? and user_id = ?`, [orgA, physician.userId]);
      await em.execute(`update identity.sessions set revoked_at = now(), revoked_reason = 'deactivated' where organization_id = ? and user_id = ?`, [orgA, physician.userId]);
    });
    expect(await refusedWithin(physician.accessToken, 10)).toBe(401);
  });

  it('refuses every token of a user who logged out everywhere, within seconds, and rotates refresh tokens through the gateway', async () => {
    const first = await signIn(orgA, 'INCIDENT_RESPONDER');
    const refreshed = await gql('mutation($t: String!) { refreshSession(refreshToken: $t) { sessionTokens { accessToken } userErrors { code message field reason details } } }', { t: first.refreshToken });
    const secondAccess = refreshed.body.data?.refreshSession.sessionTokens.accessToken as string;
    expect((await gql('{ me { role } }', {}, secondAccess)).body.data?.me.role).toBe('INCIDENT_RESPONDER');
    const out = await gql('mutation { logoutEverywhere { sessionsEnded userErrors { code message field reason details } } }', {}, secondAccess);
    expect(out.body.data?.logoutEverywhere.sessionsEnded).toBe(1);
    expect(await refusedWithin(first.accessToken, 10)).toBe(401);
    expect(await refusedWithin(secondAccess, 10)).toBe(401);
  });
});
