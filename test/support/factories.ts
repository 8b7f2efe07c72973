// Test data, made one way for every suite and bench: organizations and members through the
// product's own bootstrap (identity's database role, under row-level security, audited), and
// members signed in through the graph itself (login, then enrollTotp and confirmTotp for a role
// that needs MFA). Every default is unique per call; a suite names only what its test relies on.
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import type { Role } from '../../platform/caller.ts';
import type { MikroORM } from '../../platform/database/orm.ts';
import { ensureMember, ensureOrganization } from '../../subgraphs/identity/bootstrap.ts';

/** The password every member a factory makes signs in with, unless a test names its own. */
export const TEST_PASSWORD = 'a long and unusual passphrase 7391';

/** A new address each call: `label-1a2b3c4d@domain`. */
export function uniqueEmail(label = 'member', domain = 'example.org'): string {
  return `${label}-${randomUUID().slice(0, 8)}@${domain}`;
}

/** An organization (through the bootstrap, audited as its creation); returns its id. */
export async function anOrganization(orm: MikroORM, overrides: { id?: string; name?: string } = {}): Promise<string> {
  return ensureOrganization(orm, { name: overrides.name ?? `Test Hospital ${randomUUID().slice(0, 8)}`, ...(overrides.id ? { id: overrides.id } : {}) });
}

export interface MemberOverrides {
  organizationId: string;
  role?: Role;
  /** Default: a new address labelled with the role. An existing account gains the membership. */
  email?: string;
  displayName?: string;
  password?: string;
}

export interface Member { userId: string; email: string; password: string; organizationId: string; role: Role }

/** An active member of the organization (a physician unless told), with a password to sign in with. */
export async function aMember(orm: MikroORM, overrides: MemberOverrides): Promise<Member> {
  const role = overrides.role ?? 'PHYSICIAN';
  const email = overrides.email ?? uniqueEmail(role.toLowerCase());
  const password = overrides.password ?? TEST_PASSWORD;
  const userId = await ensureMember(orm, { organizationId: overrides.organizationId, email, displayName: overrides.displayName ?? 'Test Member', password, role });
  return { userId, email, password, organizationId: overrides.organizationId, role };
}

export interface SignedInMember extends Member {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  /** True only when `enrollMfa: false` left a role that needs MFA at its enrollment-only session. */
  mfaEnrollmentRequired: boolean;
  /** The TOTP secret enrolled, and its recovery codes (null and empty when none was enrolled). */
  totpSecret: string | null;
  recoveryCodes: string[];
  /** Every secret the graph handed out while signing in (tokens of both sessions, the TOTP secret and URI, recovery codes). */
  handedOut: string[];
}

const SESSION = 'session { accessToken refreshToken sessionId mfaEnrollmentRequired }';
type Session = { accessToken: string; refreshToken: string; sessionId: string; mfaEnrollmentRequired: boolean };

/**
 * A new member signed in through the gateway at `gatewayUrl`. A role that needs MFA enrolls a TOTP
 * authenticator and confirms it, so the session is a full one; `enrollMfa: false` stops at the
 * enrollment-only session. `headers` go with every request (a forwarded address, say);
 * `chooseOrganization` names the organization in the login.
 */
export async function aSignedInMember(
  gatewayUrl: string,
  orm: MikroORM,
  overrides: MemberOverrides & { enrollMfa?: boolean; headers?: Record<string, string>; chooseOrganization?: boolean },
): Promise<SignedInMember> {
  const member = await aMember(orm, overrides);
  const call = async (field: string, query: string, variables: Record<string, unknown>, accessToken?: string) => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...overrides.headers, ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, any> | null; errors?: unknown[] };
    if (!body.data?.[field]) throw new Error(`${field} failed: ${JSON.stringify(body.errors)}`);
    return body.data[field];
  };
  const input = { email: member.email, password: member.password, ...(overrides.chooseOrganization ? { organizationId: member.organizationId } : {}) };
  const login = (await call('login', `mutation($input: LoginInput!) { login(input: $input) { ${SESSION} } }`, { input })).session as Session | null;
  if (!login) throw new Error('login failed: no session');
  const handedOut = [login.accessToken, login.refreshToken];
  if (!login.mfaEnrollmentRequired || overrides.enrollMfa === false) return { ...member, ...login, totpSecret: null, recoveryCodes: [], handedOut };
  const enrollment = (await call('enrollTotp', 'mutation { enrollTotp { secret otpauthUri } }', {}, login.accessToken)) as { secret: string; otpauthUri: string };
  const confirmed = (await call('confirmTotp', `mutation($code: String!) { confirmTotp(code: $code) { recoveryCodes ${SESSION} } }`, { code: await generate({ secret: enrollment.secret }) }, login.accessToken)) as { recoveryCodes: string[]; session: Session };
  handedOut.push(enrollment.secret, enrollment.otpauthUri, ...confirmed.recoveryCodes, confirmed.session.accessToken, confirmed.session.refreshToken);
  return { ...member, ...confirmed.session, totpSecret: enrollment.secret, recoveryCodes: confirmed.recoveryCodes, handedOut };
}
