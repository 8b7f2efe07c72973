// Records as a client cache and a UI read them through the gateway: every record with an id, the
// records an id names resolved by the subgraph that owns them (and refused, field by field, when
// the caller may not see them), enums where the values form a closed set, fields another subgraph
// serves that a refusal leaves null without taking their parent with them, and what the caller may
// do with each record.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemCaller } from '../domain/system-caller.ts';
import { PLATFORM_ORGANIZATION_ID } from '../platform/audit.ts';
import type { Caller, Role } from '../platform/caller.ts';
import { openDatabase, type MikroORM } from '../platform/database/orm.ts';
import { createLogger } from '../platform/logger.ts';
import { aCredential, aMember, anOrganization, aPhysician, aSignedInMember, seedAuditEvents, throughGateway, type SignedInMember, refusalCodeOf } from '../test/support/factories.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { testStack } from '../test/support/stack.ts';

const stack = testStack();
const harness = gatewayHarness();
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let identityOrm: MikroORM;
let organizationId: string;

type Body = { data?: Record<string, any> | null; errors?: { message: string; path?: (string | number)[]; extensions: { code: string } }[] };

async function gql(query: string, variables: Record<string, unknown>, accessToken: string): Promise<Body> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Body;
}

const signIn = (role: Role, displayName?: string): Promise<SignedInMember> =>
  aSignedInMember(gateway.url, identityOrm, { organizationId, role, ...(displayName ? { displayName } : {}) });

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  organizationId = await anOrganization(identityOrm, { name: `References ${randomUUID().slice(0, 8)}` });
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
  await identityOrm.close();
});

describe('fields served by another subgraph', () => {
  it('leaves the rest of me intact when the caller may not read its audit trail', async () => {
    const staff = await signIn('CREDENTIALING_STAFF', 'Staff Reader');
    const body = await gql('{ me { role user { id displayName auditTrail { nodes { id } } } organization { id } } }', {}, staff.accessToken);
    expect(body.data?.me).toEqual({
      role: 'CREDENTIALING_STAFF',
      user: { id: staff.userId, displayName: 'Staff Reader', auditTrail: null },
      organization: { id: organizationId },
    });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['me', 'user', 'auditTrail'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  it('leaves the rest of a credential intact when the caller may not read its access history', async () => {
    const staff = await signIn('CREDENTIALING_STAFF');
    const physician = await aPhysician(throughGateway(gateway.url, staff.accessToken));
    const credential = await aCredential(throughGateway(gateway.url, staff.accessToken), physician.id);
    const body = await gql('query($id: ID!) { credential(id: $id) { id type accessHistory { nodes { id } } } }', { id: credential.id }, staff.accessToken);
    expect(body.data?.credential).toEqual({ id: credential.id, type: expect.any(String), accessHistory: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['credential', 'accessHistory'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  it('answers the audit trail to an auditor in me, beside the rest', async () => {
    const auditor = await signIn('AUDITOR');
    const body = await gql('{ me { user { id auditTrail(first: 5) { nodes { id actorId } } } } }', {}, auditor.accessToken);
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.me.user.auditTrail.nodes as { id: string; actorId: string }[];
    expect(nodes.length).toBeGreaterThan(0); // its own sign-in, at least
    expect(nodes.every((event) => event.actorId === auditor.userId)).toBe(true);
  });
});

describe('the audit log as records', () => {
  it('gives every event an id, its actor as a user, its role and resource type as enums', async () => {
    const owner = await signIn('ORG_OWNER', 'Owner Of References');
    await seedAuditEvents(identityOrm, { ...systemCaller(`references-${randomUUID()}`), organizationId }, ['UPDATE']); // scheduled work: no actor
    const body = await gql(`{
      auditEvents(first: 50) { nodes { id sequence actorId actorRole resourceType actor { id displayName } } }
    }`, {}, owner.accessToken);
    expect(body.errors).toBeUndefined();
    const events = body.data?.auditEvents.nodes as { id: string; sequence: number; actorId: string | null; actorRole: string | null; resourceType: string; actor: { id: string; displayName: string } | null }[];
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    for (const event of events) expect(event.id).toBe(`${organizationId}:${event.sequence}`);
    const ownSignIn = events.find((event) => event.actorId === owner.userId && event.resourceType === 'SESSION');
    expect(ownSignIn).toMatchObject({ actorRole: 'ORG_OWNER', actor: { id: owner.userId, displayName: 'Owner Of References' } });
    // An event of no one (the system) names no actor, and no error comes with it.
    const ofNoOne = events.filter((event) => event.actorId === null);
    expect(ofNoOne.length).toBeGreaterThan(0);
    expect(ofNoOne.every((event) => event.actor === null && event.actorRole === null)).toBe(true);
  });

  it('narrows the log by a resource type given as the enum', async () => {
    const owner = await signIn('ORG_OWNER');
    const body = await gql('{ auditEvents(filter: { resourceType: SESSION }, first: 20) { nodes { resourceType } } }', {}, owner.accessToken);
    expect(body.errors).toBeUndefined();
    const types = (body.data?.auditEvents.nodes as { resourceType: string }[]).map((event) => event.resourceType);
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['SESSION']));
    const refused = await gql('{ auditEvents(filter: { resourceType: "Session" }) { nodes { id } } }', {}, owner.accessToken);
    expect(refused.data?.auditEvents ?? null).toBeNull();
    expect(refusalCodeOf(refused)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers an actor the caller may not see as null with FORBIDDEN on that field alone', async () => {
    // A platform administrator is no member of the organization: its owner may not read its account.
    const administrator = await aMember(identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const asAdministrator: Caller = {
      userId: administrator.userId, organizationId, role: 'PLATFORM_ADMIN', sessionId: randomUUID(), requestId: `req-${randomUUID()}`, sourceIp: '198.51.100.40',
    };
    await seedAuditEvents(identityOrm, asAdministrator, ['VIEW']);
    const owner = await signIn('ORG_OWNER');
    const body = await gql('query($actor: ID!) { auditEvents(filter: { actorId: $actor }) { nodes { id actorId actorRole resourceType actor { id email } } } }', { actor: administrator.userId }, owner.accessToken);
    expect(body.data?.auditEvents.nodes).toEqual([
      { id: expect.stringMatching(new RegExp(`^${organizationId}:\\d+$`)), actorId: administrator.userId, actorRole: 'PLATFORM_ADMIN', resourceType: 'CREDENTIAL', actor: null },
    ]);
    // The gateway merges identity's fields of the user into the event: the refusal is at the first of them asked.
    expect(body.errors).toEqual([expect.objectContaining({ path: ['auditEvents', 'nodes', 0, 'actor', 'email'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    expect(JSON.stringify(body)).not.toContain(administrator.email);
  });
});

describe('closed sets as enums', () => {
  it('names how the session was authenticated', async () => {
    const staff = await signIn('CREDENTIALING_STAFF');
    const owner = await signIn('ORG_OWNER'); // enrolled an authenticator: its session is a second factor's
    expect((await gql('{ me { authenticationMethods } }', {}, staff.accessToken)).data?.me).toEqual({ authenticationMethods: ['PWD'] });
    expect((await gql('{ me { authenticationMethods } }', {}, owner.accessToken)).data?.me.authenticationMethods).toEqual(expect.arrayContaining(['OTP', 'MFA']));
  });
});

describe('settings as records', () => {
  it('gives each organization setting its organization\'s id, the same in the answer of the mutation that changes it', async () => {
    const owner = await signIn('ORG_OWNER');
    const body = await gql('{ verificationSettings { id } incidentSettings { id } securityAlertSettings { id } organizationAuditRetention { id } }', {}, owner.accessToken);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      verificationSettings: { id: organizationId }, incidentSettings: { id: organizationId }, securityAlertSettings: { id: organizationId }, organizationAuditRetention: { id: organizationId },
    });
    const changed = await gql('mutation { setAuditRetention(years: 7) { organizationAuditRetention { id years } userErrors { code message field reason details } } setVerificationReviewWindow(hours: 48) { verificationSettings { id reviewWindowHours } userErrors { code message field reason details } } }', {}, owner.accessToken);
    expect(changed.errors).toBeUndefined();
    expect(changed.data).toEqual({
      setAuditRetention: { organizationAuditRetention: { id: organizationId, years: 7 }, userErrors: [] },
      setVerificationReviewWindow: { verificationSettings: { id: organizationId, reviewWindowHours: 48 }, userErrors: [] },
    });
  });
});

describe('what the caller may do with each record', () => {
  it('tells an admin which memberships it may change: not its own, not an owner\'s', async () => {
    const admin = await signIn('ORG_ADMIN');
    const owner = await aMember(identityOrm, { organizationId, role: 'ORG_OWNER' });
    const staff = await aMember(identityOrm, { organizationId, role: 'CREDENTIALING_STAFF' });
    const body = await gql('{ members { nodes { id user { id } role viewerCanChangeRole viewerCanDeactivate } } }', {}, admin.accessToken);
    expect(body.errors).toBeUndefined();
    const byUser = new Map((body.data?.members.nodes as { id: string; user: { id: string }; viewerCanChangeRole: boolean; viewerCanDeactivate: boolean }[]).map((m) => [m.user.id, m]));
    expect(byUser.get(admin.userId)).toMatchObject({ id: `${organizationId}:${admin.userId}`, viewerCanChangeRole: false, viewerCanDeactivate: false });
    expect(byUser.get(owner.userId)).toMatchObject({ viewerCanChangeRole: false, viewerCanDeactivate: false });
    expect(byUser.get(staff.userId)).toMatchObject({ viewerCanChangeRole: true, viewerCanDeactivate: true });

    // What it answers is what the mutations do.
    const onOwner = await gql('mutation($id: ID!) { changeMemberRole(userId: $id, role: AUDITOR) { membership { role } userErrors { code message field reason details } } }', { id: owner.userId }, admin.accessToken);
    expect(refusalCodeOf(onOwner)).toBe('FORBIDDEN');
    const onStaff = await gql('mutation($id: ID!) { changeMemberRole(userId: $id, role: AUDITOR) { membership { role viewerCanChangeRole } userErrors { code message field reason details } } }', { id: staff.userId }, admin.accessToken);
    expect(onStaff.data?.changeMemberRole.membership).toEqual({ role: 'AUDITOR', viewerCanChangeRole: true });
  });

  it('tells an owner it may change another owner, and its own memberships elsewhere nothing', async () => {
    const owner = await signIn('ORG_OWNER');
    const otherOwner = await aMember(identityOrm, { organizationId, role: 'ORG_OWNER' });
    const body = await gql('{ members { nodes { user { id } viewerCanChangeRole } } me { memberships { id viewerCanChangeRole viewerCanDeactivate } } }', {}, owner.accessToken);
    expect(body.errors).toBeUndefined();
    const byUser = new Map((body.data?.members.nodes as { user: { id: string }; viewerCanChangeRole: boolean }[]).map((m) => [m.user.id, m.viewerCanChangeRole]));
    expect(byUser.get(otherOwner.userId)).toBe(true);
    expect(byUser.get(owner.userId)).toBe(false);
    expect(body.data?.me.memberships).toEqual([{ id: `${organizationId}:${owner.userId}`, viewerCanChangeRole: false, viewerCanDeactivate: false }]);
  });

  it('tells an admin it may revoke a pending invitation, but not one to the owner role', async () => {
    const owner = await signIn('ORG_OWNER');
    const admin = await signIn('ORG_ADMIN');
    const invite = (role: Role) => gql('mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code message field reason details } } }', { input: { email: `invitee-${randomUUID()}@example.org`, role } }, owner.accessToken);
    const toOwner = (await invite('ORG_OWNER')).data?.inviteMember.invitation.id as string;
    const toStaff = (await invite('CREDENTIALING_STAFF')).data?.inviteMember.invitation.id as string;
    const asAdmin = await gql('{ invitations { nodes { id viewerCanRevoke } } }', {}, admin.accessToken);
    const asOwner = await gql('{ invitations { nodes { id viewerCanRevoke } } }', {}, owner.accessToken);
    const revocable = (body: Body) => new Map((body.data?.invitations.nodes as { id: string; viewerCanRevoke: boolean }[]).map((i) => [i.id, i.viewerCanRevoke]));
    expect([revocable(asAdmin).get(toOwner), revocable(asAdmin).get(toStaff)]).toEqual([false, true]);
    expect([revocable(asOwner).get(toOwner), revocable(asOwner).get(toStaff)]).toEqual([true, true]);
  });

  it('tells a physician it may change its own file and credentials but not ask for a verification, and staff both', async () => {
    const staff = await signIn('CREDENTIALING_STAFF');
    const physicianMember = await signIn('PHYSICIAN');
    const physician = await aPhysician(throughGateway(gateway.url, staff.accessToken), { userId: physicianMember.userId });
    const credential = await aCredential(throughGateway(gateway.url, staff.accessToken), physician.id);
    const query = 'query($id: ID!) { credential(id: $id) { viewerCanUpdate viewerCanRequestVerification physician { viewerCanUpdate affiliation { id } } } }';
    const asPhysician = await gql(query, { id: credential.id }, physicianMember.accessToken);
    expect(asPhysician.errors).toBeUndefined();
    expect(asPhysician.data?.credential).toEqual({
      viewerCanUpdate: true, viewerCanRequestVerification: false, physician: { viewerCanUpdate: true, affiliation: { id: `${organizationId}:${physician.id}` } },
    });
    const asStaff = await gql(query, { id: credential.id }, staff.accessToken);
    expect(asStaff.data?.credential).toMatchObject({ viewerCanUpdate: true, viewerCanRequestVerification: true, physician: { viewerCanUpdate: true } });
    const auditor = await signIn('AUDITOR');
    const asAuditor = await gql(query, { id: credential.id }, auditor.accessToken);
    expect(asAuditor.data?.credential ?? null).toBeNull(); // an auditor reads no credentials at all
  });
});
