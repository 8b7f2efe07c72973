// Test data, made one way for every suite and bench: organizations and members through the
// product's own bootstrap (identity's database role, under row-level security, audited); members
// signed in through the graph itself (login, then enrollTotp and confirmTotp for a role that needs
// MFA), at a gateway or at the identity subgraph; physicians and credentials through the graph, or
// stored in bulk encrypted as the product stores them; audit events through recordAudit. Every
// default is unique per call; a suite names only what its test relies on.
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { anonymousCaller, type Caller, type Role } from '../../platform/caller.ts';
import { recordAudit, type AuditEventInput } from '../../platform/audit.ts';
import { runAsCaller, type EntityManager, type MikroORM } from '../../platform/database/orm.ts';
import type { OrganizationKeys } from '../../platform/field-encryption/data-keys.ts';
import { encryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { Credential, Physician } from '../../subgraphs/credentials/entities/index.ts';
import { ensureMember, ensureOrganization } from '../../subgraphs/identity/bootstrap.ts';
import { randomNpi } from './identifiers.ts';
import type { subgraphClient } from './subgraph-client.ts';

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
    // A mutation's payload: its one result beside userErrors.
    const payload = body.data?.[field] as Record<string, unknown> | null | undefined;
    const result = payload && payloadResultOf(payload);
    if (!result) throw new Error(`${field} failed: ${JSON.stringify(body.errors ?? payload?.userErrors)}`);
    return result as Record<string, any>;
  };
  const input = { email: member.email, password: member.password, ...(overrides.chooseOrganization ? { organizationId: member.organizationId } : {}) };
  const login = (await call('login', `mutation($input: LoginInput!) { login(input: $input) { loginResult { ${SESSION} } userErrors { code message field reason details } } }`, { input })).session as Session | null;
  if (!login) throw new Error('login failed: no session');
  const handedOut = [login.accessToken, login.refreshToken];
  if (!login.mfaEnrollmentRequired || overrides.enrollMfa === false) return { ...member, ...login, totpSecret: null, recoveryCodes: [], handedOut };
  const enrollment = (await call('enrollTotp', 'mutation { enrollTotp { totpEnrollment { secret otpauthUri } userErrors { code message field reason details } } }', {}, login.accessToken)) as { secret: string; otpauthUri: string };
  const confirmed = (await call('confirmTotp', `mutation($code: String!) { confirmTotp(code: $code) { totpConfirmation { recoveryCodes ${SESSION} } userErrors { code message field reason details } } }`, { code: await generate({ secret: enrollment.secret }) }, login.accessToken)) as { recoveryCodes: string[]; session: Session };
  handedOut.push(enrollment.secret, enrollment.otpauthUri, ...confirmed.recoveryCodes, confirmed.session.accessToken, confirmed.session.refreshToken);
  return { ...member, ...confirmed.session, totpSecret: enrollment.secret, recoveryCodes: confirmed.recoveryCodes, handedOut };
}

/** The session fields identity answers with, as suites that call identity directly select them. */
export const IDENTITY_TOKENS = 'accessToken refreshToken sessionId organizationId role mfaEnrollmentRequired';
export interface IdentityTokens { accessToken: string; refreshToken: string; sessionId: string; organizationId: string; role: Role; mfaEnrollmentRequired: boolean }
type LoginData = { login: { loginResult: { status: string; session: IdentityTokens | null; mfaChallenge: string | null } } };
const IDENTITY_LOGIN = `mutation($input: LoginInput!) { login(input: $input) { loginResult { status mfaChallenge session { ${IDENTITY_TOKENS} } } userErrors { code message field reason details } } }`;

/**
 * Members signed in at the identity subgraph itself (called as the gateway would, with a signed
 * caller context). `target` is read at each call (suites open their subgraph in beforeAll).
 * `anonymousAddress` and `memberAddress` give the source address of an anonymous caller and of a
 * signed-in one: a suite that counts per-address budgets chooses them.
 */
export function identitySessions(
  target: () => { call: ReturnType<typeof subgraphClient>; orm: MikroORM },
  options: { password?: string; emailDomain?: string; anonymousAddress: () => string; memberAddress: () => string },
) {
  const password = options.password ?? TEST_PASSWORD;
  const anonymous = (sourceIp = options.anonymousAddress()): Caller => anonymousCaller(randomUUID(), sourceIp);
  /** The caller a gateway would derive from these tokens (identity tokens are verified at the gateway). */
  const callerOf = (tokens: Pick<IdentityTokens, 'organizationId' | 'role' | 'sessionId' | 'mfaEnrollmentRequired'>, userId: string): Caller => ({
    userId, organizationId: tokens.organizationId, role: tokens.role, sessionId: tokens.sessionId, requestId: randomUUID(), sourceIp: options.memberAddress(),
    ...(tokens.mfaEnrollmentRequired ? { mfaEnrollmentOnly: true } : {}),
  });
  const login = (email: string, withPassword = password, caller = anonymous(), organizationId?: string) =>
    target().call<LoginData>(caller, IDENTITY_LOGIN, { input: { email, password: withPassword, ...(organizationId ? { organizationId } : {}) } });
  /** Logs in with the suite's password; throws unless a session is issued. */
  const signedIn = async (email: string, userId: string, organizationId?: string): Promise<{ tokens: IdentityTokens; caller: Caller }> => {
    const result = await login(email, password, anonymous(), organizationId);
    const tokens = result.data?.login.loginResult.session;
    if (!tokens) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return { tokens, caller: callerOf(tokens, userId) };
  };
  /** Enrolls a TOTP authenticator from the caller's session; returns its secret, recovery codes and the full session's caller. */
  const enroll = async (caller: Caller, userId: string) => {
    const { call } = target();
    const { secret } = (await call<{ enrollTotp: { totpEnrollment: { secret: string } } }>(caller, 'mutation { enrollTotp { totpEnrollment { secret } userErrors { code message field reason details } } }')).data!.enrollTotp.totpEnrollment;
    const confirmed = await call<{ confirmTotp: { totpConfirmation: { recoveryCodes: string[]; session: IdentityTokens } } }>(caller, `mutation($code: String!) { confirmTotp(code: $code) { totpConfirmation { recoveryCodes session { ${IDENTITY_TOKENS} } } userErrors { code message field reason details } } }`, { code: await generate({ secret }) });
    if (!confirmed.data?.confirmTotp.totpConfirmation) throw new Error(`confirmTotp failed: ${JSON.stringify(confirmed.errors)}`);
    return { secret, recoveryCodes: confirmed.data.confirmTotp.totpConfirmation.recoveryCodes, full: callerOf(confirmed.data.confirmTotp.totpConfirmation.session, userId) };
  };
  /** A member with the suite's password (and an address at the suite's `emailDomain`, unless named). */
  const member = (organizationId: string, role: Role, overrides: Omit<MemberOverrides, 'organizationId' | 'role' | 'password'> = {}) =>
    aMember(target().orm, { organizationId, role, password, email: uniqueEmail(role.toLowerCase(), options.emailDomain), ...overrides });
  /** A member signed in with an authenticator enrolled (the full session a role that needs MFA reaches). */
  const enrolledMember = async (organizationId: string, role: Role, overrides: Omit<MemberOverrides, 'organizationId' | 'role' | 'password'> = {}) => {
    const { userId, email } = await member(organizationId, role, overrides);
    const { caller } = await signedIn(email, userId);
    const { secret, full } = await enroll(caller, userId);
    return { userId, email, secret, caller: full };
  };
  return { anonymous, callerOf, login, signedIn, enroll, member, enrolledMember };
}

/** Sends one GraphQL operation as some caller (a subgraph client with its caller, or a gateway with a token). */
export type GraphQLSend = <T>(query: string, variables: Record<string, unknown>) => Promise<{ data?: T | null; errors?: unknown }>;

/** A gateway's /graphql, called with this access token. */
export function throughGateway(gatewayUrl: string, accessToken: string): GraphQLSend {
  return async (query, variables) => {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  };
}

/** What a gateway's /graphql answers. */
export type GatewayBody = { data?: Record<string, any> | null; errors?: { message: string; path?: (string | number)[]; extensions: { code: string; details?: Record<string, unknown> } }[] };

/** A gateway's /graphql, called with an access token or none; `gatewayUrl` is read at each call (suites start their gateway in beforeAll). */
export function sendThroughGateway(gatewayUrl: () => string) {
  return (accessToken: string | null, query: string, variables: Record<string, unknown> = {}) =>
    fetch(`${gatewayUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
      body: JSON.stringify({ query, variables }),
    }).then((response) => response.json() as Promise<GatewayBody>);
}

/** A mutation payload's one result, beside its userErrors. */
export function payloadResultOf(payload: Record<string, unknown>): unknown {
  return Object.entries(payload).find(([key]) => key !== 'userErrors')?.[1];
}

/** How the suites select a mutation payload's userErrors. */
export const USER_ERRORS = 'userErrors { code message field reason details }';

/** One entry of a mutation payload's userErrors, as the suites select them (USER_ERRORS). */
export interface UserErrorBody {
  code: string;
  message: string;
  field: string[] | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** The userErrors of every mutation payload in an answer's data, in order. */
export function userErrorsOf(body: { data?: unknown }): UserErrorBody[] {
  const data = (body.data ?? {}) as Record<string, unknown>;
  return Object.values(data).flatMap((payload) => {
    const userErrors = (payload as { userErrors?: unknown } | null)?.userErrors;
    return Array.isArray(userErrors) ? (userErrors as UserErrorBody[]) : [];
  });
}

/**
 * The code of an answer's refusal: its first error's, else the first userError of a mutation's
 * payload (an expected failure, answered as data).
 */
export function refusalCodeOf(body: { data?: unknown; errors?: readonly { extensions?: unknown }[] }): string | undefined {
  const code = (body.errors?.[0]?.extensions as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : userErrorsOf(body)[0]?.code;
}

/**
 * The details of an answer's refusal, in the shape of `extensions.details`: its first error's, else
 * the first userError's field, reason and other facts.
 */
export function refusalDetailsOf(body: { data?: unknown; errors?: readonly { extensions?: unknown }[] }): Record<string, unknown> | undefined {
  if (body.errors?.length) return (body.errors[0]?.extensions as { details?: Record<string, unknown> } | undefined)?.details;
  const [userError] = userErrorsOf(body);
  if (!userError) return undefined;
  return {
    ...(userError.field ? { field: userError.field } : {}),
    ...(userError.reason ? { reason: userError.reason } : {}),
    ...userError.details,
  };
}

/** The code of a gateway answer's refusal (an error, or a mutation's first userError). */
export const errorCodeOf = (body: GatewayBody) => refusalCodeOf(body);

/** Signs a member whose account has an authenticator in again through the gateway: login, then a recovery code. Returns the new access token. */
export async function signInWithRecoveryCode(send: ReturnType<typeof sendThroughGateway>, member: { email: string; password: string }, recoveryCode: string): Promise<string> {
  const login = await send(null, 'mutation($input: LoginInput!) { login(input: $input) { loginResult { status mfaChallenge } userErrors { code message field reason details } } }', { input: { email: member.email, password: member.password } });
  if (!login.data?.login?.loginResult?.mfaChallenge) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
  const verified = await send(null, 'mutation($input: VerifyMfaInput!) { verifyMfa(input: $input) { sessionTokens { accessToken } userErrors { code message field reason details } } }', { input: { mfaChallenge: login.data.login.loginResult.mfaChallenge, code: recoveryCode } });
  if (!verified.data?.verifyMfa.sessionTokens) throw new Error(`verifyMfa failed: ${JSON.stringify(verified.errors)}`);
  return verified.data.verifyMfa.sessionTokens.accessToken;
}

/** What createPhysician takes: a physician with a valid new NPI and protected fields, unless told otherwise (a field given as undefined is left out). */
export function aPhysicianInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { givenName: 'Ada', familyName: 'Byron', npi: randomNpi(), dateOfBirth: '1979-04-12', ssn: '123-45-6789', ...overrides };
}

/** A physician made through the graph (createPhysician, encrypted and audited by the product); answers `fields`. */
export async function aPhysician<T extends { id: string } = { id: string }>(send: GraphQLSend, overrides: Record<string, unknown> = {}, fields = 'id'): Promise<T> {
  const result = await send<{ createPhysician: { physician: T } }>(`mutation($input: CreatePhysicianInput!) { createPhysician(input: $input) { physician { ${fields} } userErrors { code message field reason details } } }`, { input: aPhysicianInput(overrides) });
  if (!result.data?.createPhysician.physician) throw new Error(`createPhysician failed: ${JSON.stringify(result.errors)}`);
  return result.data.createPhysician.physician;
}

/** What addCredential takes: a current California state license with a new number, unless told otherwise. */
export function aCredentialInput(physicianId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { physicianId, type: 'STATE_LICENSE', number: `MD-${Math.floor(Math.random() * 1e6)}`, issuer: 'Medical Board of California', state: 'CA', issuedOn: '2020-01-01', expiresOn: '2028-01-01', ...overrides };
}

/** A credential added through the graph (addCredential); answers `fields`. */
export async function aCredential<T extends { id: string } = { id: string }>(send: GraphQLSend, physicianId: string, overrides: Record<string, unknown> = {}, fields = 'id'): Promise<T> {
  const result = await send<{ addCredential: { credential: T } }>(`mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { ${fields} } userErrors { code message field reason details } } }`, { input: aCredentialInput(physicianId, overrides) });
  if (!result.data?.addCredential.credential) throw new Error(`addCredential failed: ${JSON.stringify(result.errors)}`);
  return result.data.addCredential.credential;
}

/**
 * Audit events written as the product writes them (recordAudit, chained, under the caller's
 * row-level security), one unit of work each: the actions given, or `count` VIEWs, each of a new
 * credential, all by this caller.
 */
export async function seedAuditEvents(orm: MikroORM, caller: Caller, events: number | AuditEventInput['action'][]): Promise<void> {
  const actions = typeof events === 'number' ? Array.from({ length: events }, () => 'VIEW' as const) : events;
  for (const action of actions) {
    await runAsCaller(orm, caller, (em) => recordAudit(em, caller, { action, resourceType: 'Credential', resourceId: randomUUID(), outcome: 'SUCCESS' }));
  }
}

/**
 * A physician stored directly, as createPhysician stores it (ssn and date of birth encrypted for
 * the row with the organization's keys), in the unit of work `em` under whatever role and caller it
 * runs as; `affiliated` also records its affiliation with the organization. Returns its id.
 */
export async function insertStoredPhysician(
  em: EntityManager, keys: OrganizationKeys, organizationId: string,
  physician: { givenName: string; familyName: string; npi?: string; ssn?: string; dateOfBirth?: string; affiliated?: boolean },
): Promise<string> {
  const id = randomUUID();
  const sealed = encryptedFields(em, keys, Physician).seal(id, { ssn: physician.ssn ?? null, dateOfBirth: physician.dateOfBirth ?? null });
  await em.execute(`insert into credentials.physicians (id, organization_id, given_name, family_name, npi, ssn, date_of_birth) values (?, ?, ?, ?, ?, ?, ?)`,
    [id, organizationId, physician.givenName, physician.familyName, physician.npi ?? randomNpi(), sealed.ssn, sealed.dateOfBirth]);
  if (physician.affiliated) await em.execute(`insert into credentials.affiliations (physician_id, organization_id) values (?, ?)`, [id, organizationId]);
  return id;
}

/** A credential row to store directly; a field left out takes the column's default. */
export interface StoredCredential {
  id?: string;
  physicianId: string;
  type: string;
  /** Normalized, as addCredential stores it. */
  number: string;
  issuer: string;
  state: string | null;
  issuedOn?: string | null;
  expiresOn: string;
  status?: string;
  createdAt?: string;
}

const STORED_CREDENTIAL_COLUMNS = [
  'id', 'organization_id', 'physician_id', 'type', 'number', 'number_index', 'issuer', 'state', 'issued_on', 'expires_on', 'status', 'created_at', 'updated_at',
] as const;

/**
 * Many credentials at once, stored as addCredential stores them (the number encrypted for its
 * row with the organization's keys, number_index its blind index), in batches of 250, in the unit
 * of work `em` under whatever role and caller it runs as (row-level security applies). For the
 * bulk a workflow or a benchmark needs, where one addCredential a row would take too long.
 * Returns the ids, in order.
 */
export async function insertStoredCredentials(em: EntityManager, keys: OrganizationKeys, organizationId: string, credentials: StoredCredential[]): Promise<string[]> {
  const ids: string[] = [];
  const fields = encryptedFields(em, keys, Credential);
  for (let start = 0; start < credentials.length; start += 250) {
    const rows: string[] = [];
    const params: unknown[] = [];
    for (const credential of credentials.slice(start, start + 250)) {
      const id = credential.id ?? randomUUID();
      ids.push(id);
      const sealed = fields.seal(id, { number: credential.number });
      const values: Record<(typeof STORED_CREDENTIAL_COLUMNS)[number], unknown> = {
        id, organization_id: organizationId, physician_id: credential.physicianId, type: credential.type, number: sealed.number, number_index: sealed.numberIndex,
        issuer: credential.issuer, state: credential.state, issued_on: credential.issuedOn, expires_on: credential.expiresOn,
        status: credential.status, created_at: credential.createdAt, updated_at: credential.createdAt,
      };
      rows.push(`(${STORED_CREDENTIAL_COLUMNS.map((column) => (values[column] === undefined ? 'default' : '?')).join(', ')})`);
      params.push(...STORED_CREDENTIAL_COLUMNS.map((column) => values[column]).filter((value) => value !== undefined));
    }
    await em.execute(`insert into credentials.credentials (${STORED_CREDENTIAL_COLUMNS.join(', ')}) values ${rows.join(', ')}`, params);
  }
  return ids;
}
