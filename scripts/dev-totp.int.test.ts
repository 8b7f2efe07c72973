// npm run dev:totp against the test stack, found as the command finds a local stack (its data
// directory and PostgreSQL port): the code it prints signs an enrolled member in at the real
// gateway, --enroll lets a member who must enroll sign in with a code and no phone, and it refuses
// production and any data directory not started for development.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, type MikroORM } from '../platform/database/orm.ts';
import { createLogger } from '../platform/logger.ts';
import { recordStackEnvironment } from '../stack/data-directory.ts';
import { aMember, anOrganization, aSignedInMember, TEST_PASSWORD, refusalCodeOf } from '../test/support/factories.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { testStack } from '../test/support/stack.ts';
import { devTotp } from './dev-totp.ts';

const stack = testStack();
const harness = gatewayHarness();
/** How the command is pointed at a stack: its data directory, and its PostgreSQL port when not the default. */
const STACK_ENV = { NODE_ENV: 'development', CREDENCE_DATA_DIR: stack.dataDir, POSTGRES_PORT: new URL(stack.serviceEnv.identity.DATABASE_URL!).port };
let orm: MikroORM;
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let organizationId: string;

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ NODE_ENV: 'development', AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  organizationId = await anOrganization(orm);
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
  await orm.close();
});

type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions: { code: string } }[] };
async function graphql(query: string, variables: Record<string, unknown> = {}, accessToken?: string): Promise<Body> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Body;
}

/** Signs in with the password and then the code, as a frontend does; the session's tokens, or the refusal. */
async function signIn(email: string, code: string) {
  const login = await graphql('mutation($input: LoginInput!) { login(input: $input) { loginResult { status mfaChallenge } userErrors { code message field reason details } } }', { input: { email, password: TEST_PASSWORD } });
  expect(login.data?.login.loginResult.status).toBe('MFA_REQUIRED');
  return graphql('mutation($input: VerifyMfaInput!) { verifyMfa(input: $input) { sessionTokens { accessToken refreshToken mfaEnrollmentRequired } userErrors { code message field reason details } } }', { input: { mfaChallenge: login.data!.login.loginResult.mfaChallenge, code } });
}

describe('for a member who has enrolled an authenticator', () => {
  it('prints a code of that authenticator, which signs the member in', async () => {
    const member = await aSignedInMember(gateway.url, orm, { organizationId, role: 'ORG_OWNER' });
    const printed = await devTotp({ email: member.email, env: STACK_ENV });
    expect(printed.code).toMatch(/^\d{6}$/);
    expect(printed.otpauthUri).toContain(`secret=${member.totpSecret}`); // the stored secret, opened with the stack's keyring
    expect(printed.recoveryCodes).toBeNull();
    expect(printed.acceptedFrom.getTime()).toBeLessThanOrEqual(Date.now());
    const session = await signIn(member.email, printed.code);
    expect(session.errors).toBeUndefined();
    expect(session.data?.verifyMfa.sessionTokens.mfaEnrollmentRequired).toBe(false);
    const me = await graphql('{ me { user { email mfaEnabled } } }', {}, session.data!.verifyMfa.sessionTokens.accessToken);
    expect(me.data?.me.user).toEqual({ email: member.email, mfaEnabled: true });
  });

  it('with --enroll, leaves the authenticator as it is', async () => {
    const member = await aSignedInMember(gateway.url, orm, { organizationId, role: 'ORG_ADMIN' });
    const printed = await devTotp({ email: member.email.toUpperCase(), enroll: true, env: STACK_ENV });
    expect(printed.email).toBe(member.email);
    expect(printed.otpauthUri).toContain(`secret=${member.totpSecret}`);
    expect(printed.recoveryCodes).toBeNull();
    expect((await signIn(member.email, member.recoveryCodes[0]!)).errors).toBeUndefined(); // its recovery codes still work
  });
});

describe('with --enroll, for a member who must enroll', () => {
  it('enrolls an authenticator as confirmTotp does, so that the member signs in with the printed code', async () => {
    const member = await aSignedInMember(gateway.url, orm, { organizationId, role: 'ORG_OWNER', enrollMfa: false });
    expect(member.mfaEnrollmentRequired).toBe(true);
    const enrolled = await devTotp({ email: member.email, enroll: true, env: STACK_ENV });
    expect(enrolled.otpauthUri).toMatch(/^otpauth:\/\/totp\/Credence:.+\?.*secret=[A-Z2-7]+/);
    expect(enrolled.recoveryCodes).toHaveLength(10);

    // The enrollment-only session ended with the enrollment, as it does at confirmTotp.
    const refreshed = await graphql('mutation($token: String) { refreshSession(refreshToken: $token) { sessionTokens { accessToken } userErrors { code message field reason details } } }', { token: member.refreshToken });
    expect(refusalCodeOf(refreshed)).toBe('UNAUTHENTICATED');

    const session = await signIn(member.email, enrolled.code);
    expect(session.errors).toBeUndefined();
    expect(session.data?.verifyMfa.sessionTokens.mfaEnrollmentRequired).toBe(false);
    // The same code is not accepted twice; the next one printed is.
    expect(refusalCodeOf((await signIn(member.email, enrolled.code)))).toBe('UNAUTHENTICATED');
    const next = await devTotp({ email: member.email, env: STACK_ENV });
    expect((await signIn(member.email, next.code)).errors).toBeUndefined();
    expect((await signIn(member.email, enrolled.recoveryCodes![0]!)).errors).toBeUndefined();
  });

  it('without --enroll, says how to enroll', async () => {
    const member = await aMember(orm, { organizationId, role: 'ORG_ADMIN' });
    await expect(devTotp({ email: member.email, env: STACK_ENV })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT', message: `${member.email} has no authenticator enrolled: run npm run dev:totp -- ${member.email} --enroll to enroll one`,
    });
  });
});

describe('refuses', () => {
  it('an account the stack does not have, and an address that is not one', async () => {
    await expect(devTotp({ email: 'nobody-here@example.org', env: STACK_ENV })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^No account nobody-here@example.org on this stack/) });
    await expect(devTotp({ email: 'not an address', env: STACK_ENV })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('to run with NODE_ENV=production', async () => {
    await expect(devTotp({ email: 'org-owner@demo.credence.test', env: { ...STACK_ENV, NODE_ENV: 'production' } })).rejects.toMatchObject({
      code: 'FORBIDDEN', message: 'npm run dev:totp is for development stacks only, and NODE_ENV is production',
    });
  });

  it('a data directory with no stack, or last started other than for development', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'credence-no-stack-'));
    await expect(devTotp({ email: 'org-owner@demo.credence.test', env: { ...STACK_ENV, CREDENCE_DATA_DIR: empty } })).rejects.toMatchObject({
      code: 'NOT_FOUND', message: `No local stack in ${empty}: start one with \`npm start\` (or set CREDENCE_DATA_DIR to its data directory)`,
    });
    // The same secrets, in a data directory with no record of its start, then one last started in production.
    const production = mkdtempSync(join(tmpdir(), 'credence-production-stack-'));
    copyFileSync(join(stack.dataDir, 'secrets.json'), join(production, 'secrets.json'));
    const refusal = () => devTotp({ email: 'org-owner@demo.credence.test', env: { ...STACK_ENV, CREDENCE_DATA_DIR: production } });
    await expect(refusal()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/has no record of being started for development/) });
    recordStackEnvironment(production, 'production');
    await expect(refusal()).rejects.toMatchObject({ code: 'FORBIDDEN', message: `${production} was last started with NODE_ENV=production: npm run dev:totp works only with a development stack` });
  });
});
