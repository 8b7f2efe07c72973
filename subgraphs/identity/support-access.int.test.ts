// Break-glass support access through the gateway, on the real stack: platform administrators read
// no organization's data without a grant; with one they read that organization only, every read
// audited under the grant, its owners mailed; the owners end it early, and its session ends; a
// termination of the organization ends its grants with it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PLATFORM_ORGANIZATION_ID } from '../../platform/audit.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { aCredential, aPhysician, anOrganization, aSignedInMember, errorCodeOf, sendThroughGateway, throughGateway } from '../../test/support/factories.ts';
import { gatewayHarness } from '../../test/support/gateway-harness.ts';
import { testStack } from '../../test/support/stack.ts';
import { until } from '../../test/support/verification.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const harness = gatewayHarness({});
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let identityOrm: MikroORM;
let superuser: pg.Client;

const send = sendThroughGateway(() => gateway.url);

const REQUEST = `mutation($id: ID!, $reason: String!, $ticket: String!, $minutes: Int!) {
  requestSupportAccess(organizationId: $id, reason: $reason, ticket: $ticket, durationMinutes: $minutes) { supportAccessSession {
    grant { id organizationId requestedBy reason ticket startsAt endsAt endedAt active }
    session { accessToken refreshToken organizationId role }
  } userErrors { code message field reason details } }
}`;
const END = 'mutation($id: ID!) { endSupportAccess(grantId: $id) { supportAccessGrant { id active endedAt } userErrors { code message field reason details } } }';
const GRANTS = '{ supportAccessGrants { nodes { id organizationId active } } }';
const PHYSICIANS = '{ physicians { nodes { id } } }';

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ AUTH_RATE_LIMIT_PER_MINUTE: '1000', REVOCATION_POLL_SECONDS: '1' });
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
});

afterAll(async () => {
  await gateway?.stop();
  await harness.stopSubgraphs();
  await identityOrm?.close();
  await superuser?.end();
});

describe('requestSupportAccess', () => {
  it('is for platform administrators with MFA, a reason code, a ticket, a duration within the maximum and an organization that exists', async () => {
    const organizationId = await anOrganization(identityOrm);
    const owner = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'ORG_OWNER' });
    const enrolling = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN', enrollMfa: false });
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const good = { id: organizationId, reason: 'verification_stuck', ticket: 'SUP-1234', minutes: 60 };

    expect(errorCodeOf(await send(owner.accessToken, REQUEST, good))).toBe('FORBIDDEN');
    expect(errorCodeOf(await send(enrolling.accessToken, REQUEST, good))).toBe('MFA_ENROLLMENT_REQUIRED');
    expect(errorCodeOf(await send(null, REQUEST, good))).toBe('UNAUTHENTICATED');
    expect(errorCodeOf(await send(admin.accessToken, REQUEST, { ...good, reason: 'Doctor Smith asked' }))).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(await send(admin.accessToken, REQUEST, { ...good, ticket: 'see the chat' }))).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(await send(admin.accessToken, REQUEST, { ...good, minutes: 241 }))).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(await send(admin.accessToken, REQUEST, { ...good, minutes: 0 }))).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(await send(admin.accessToken, REQUEST, { ...good, id: randomUUID() }))).toBe('NOT_FOUND');
    expect(errorCodeOf(await send(admin.accessToken, REQUEST, { ...good, id: PLATFORM_ORGANIZATION_ID }))).toBe('BAD_USER_INPUT');
    // Nothing was granted.
    const { rows } = await superuser.query('select 1 from identity.support_access_grants where organization_id = $1', [organizationId]);
    expect(rows).toEqual([]);
  });
});

describe('a support grant', () => {
  it('opens one organization to a platform administrator, reads only, every read audited under it, its owners mailed, until an owner ends it', async () => {
    const organizationId = await anOrganization(identityOrm);
    const other = await anOrganization(identityOrm);
    const owner = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'ORG_OWNER' });
    const staff = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'CREDENTIALING_STAFF' });
    const otherOwner = await aSignedInMember(gateway.url, identityOrm, { organizationId: other, role: 'ORG_OWNER' });
    const otherStaff = await aSignedInMember(gateway.url, identityOrm, { organizationId: other, role: 'CREDENTIALING_STAFF' });
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const physician = await aPhysician(throughGateway(gateway.url, staff.accessToken));
    const credential = await aCredential<{ id: string; number: string }>(throughGateway(gateway.url, staff.accessToken), physician.id, {}, 'id number');
    await aPhysician(throughGateway(gateway.url, otherStaff.accessToken));

    // Without a grant: nothing of the organization's data.
    expect(errorCodeOf(await send(admin.accessToken, PHYSICIANS))).toBe('SUPPORT_ACCESS_REQUIRED');
    expect(errorCodeOf(await send(admin.accessToken, '{ members { nodes { role } } }'))).toBe('SUPPORT_ACCESS_REQUIRED');
    expect(errorCodeOf(await send(admin.accessToken, '{ auditEvents { nodes { sequence } } }'))).toBe('SUPPORT_ACCESS_REQUIRED');

    // Each refusal is in the audit log, as the administrator's.
    const { rows: denied } = await superuser.query<{ resource_id: string }>(
      `select resource_id from audit.events where actor_id = $1 and action = 'ACCESS_DENIED' and reason = 'gateway:support_access_required' order by seq`, [admin.userId],
    );
    expect(denied.map((row) => row.resource_id)).toEqual(['Query.physicians', 'Query.members', 'Query.auditEvents']);

    const requested = await send(admin.accessToken, REQUEST, { id: organizationId, reason: 'verification_stuck', ticket: 'SUP-4711', minutes: 30 });
    const { grant, session } = requested.data!.requestSupportAccess.supportAccessSession;
    expect(grant).toMatchObject({ organizationId, requestedBy: admin.userId, reason: 'verification_stuck', ticket: 'SUP-4711', endedAt: null, active: true });
    expect(new Date(grant.endsAt).getTime() - new Date(grant.startsAt).getTime()).toBe(30 * 60_000);
    expect(session).toMatchObject({ organizationId, role: 'PLATFORM_ADMIN' });

    // The owners are told at once, in the organization's outbox; the audit log has the grant.
    const { rows: mails } = await superuser.query<{ recipient: string }>(
      `select recipient from mail.outbox where organization_id = $1 and template = 'support_access_granted'`, [organizationId],
    );
    expect(mails.map((row) => row.recipient)).toEqual([owner.email]);
    const { rows: created } = await superuser.query<{ actor_id: string; reason: string }>(
      `select actor_id, reason from audit.events where organization_id = $1 and resource_type = 'SupportAccessGrant' and resource_id = $2 and action = 'CREATE'`, [organizationId, grant.id],
    );
    expect(created).toEqual([{ actor_id: admin.userId, reason: 'support_access:verification_stuck:ticket:sup-4711:minutes:30:owners:1' }]);

    // Under the grant: that organization's data, reads only, no SSN.
    const support = session.accessToken as string;
    const read = await send(support, PHYSICIANS);
    expect(read.errors).toBeUndefined();
    expect(read.data!.physicians.nodes.map((node: { id: string }) => node.id)).toEqual([physician.id]);
    expect((await send(support, '{ members { nodes { role } } }')).data?.members.nodes.map((member: { role: string }) => member.role).sort()).toEqual(['CREDENTIALING_STAFF', 'ORG_OWNER']);
    const file = await send(support, 'query($id: ID!) { credential(id: $id) { id number verification { status } } credentials { nodes { id } } }', { id: credential.id });
    expect(file.errors).toBeUndefined();
    expect(file.data).toMatchObject({ credential: { id: credential.id, number: credential.number }, credentials: { nodes: [{ id: credential.id }] } });
    const log = await send(support, '{ auditEvents(first: 100) { nodes { action resourceType } } }');
    expect(log.errors).toBeUndefined();
    expect(log.data!.auditEvents.nodes.some((event: { resourceType: string }) => event.resourceType === 'SUPPORT_ACCESS_GRANT')).toBe(true);
    const protectedRead = await send(support, 'query($id: ID!) { physician(id: $id) { ssn withheldFields { field reason } } }', { id: physician.id });
    expect(protectedRead).toEqual({ data: { physician: { ssn: null, withheldFields: [{ field: 'dateOfBirth', reason: 'NOT_PERMITTED' }, { field: 'ssn', reason: 'NOT_PERMITTED' }] } } });
    expect(errorCodeOf(await send(support, 'mutation($id: ID!, $input: UpdatePhysicianInput!) { updatePhysician(id: $id, input: $input) { physician { id } userErrors { code message field reason details } } }', { id: physician.id, input: { givenName: 'Changed' } }))).toBe('FORBIDDEN');
    expect(errorCodeOf(await send(support, REQUEST, { id: other, reason: 'verification_stuck', ticket: 'SUP-4712', minutes: 30 }))).toBe('FORBIDDEN');
    // It knows itself a support session: what it may do is the support operations, no more.
    const viewer = await send(support, '{ me { role organization { id } permissions } }');
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data!.me).toMatchObject({ role: 'PLATFORM_ADMIN', organization: { id: organizationId } });
    expect(viewer.data!.me.permissions).toContain('physician.read');
    expect(viewer.data!.me.permissions).not.toContain('physician.protected.read');
    expect(viewer.data!.me.permissions).not.toContain('physician.update');
    const sessions = await send(support, '{ mySessions { nodes { organization { id } } } }');
    expect(sessions.errors).toBeUndefined();
    expect(sessions.data!.mySessions.nodes.map((entry: { organization: { id: string } }) => entry.organization.id)).toContain(organizationId);
    // The administrator's own session still reads nothing of it.
    expect(errorCodeOf(await send(admin.accessToken, PHYSICIANS))).toBe('SUPPORT_ACCESS_REQUIRED');

    // Every read is audited under the grant, in the organization's chain.
    const { rows: reads } = await superuser.query<{ resource_id: string; reason: string; actor_id: string }>(
      `select resource_id, reason, actor_id from audit.events where organization_id = $1 and action = 'VIEW' and resource_type = 'GraphQLFields' order by seq`, [organizationId],
    );
    expect(reads.length).toBeGreaterThanOrEqual(3);
    for (const row of reads) expect(row).toMatchObject({ reason: `support_read:support_grant:${grant.id}`, actor_id: admin.userId });
    expect(reads.some((row) => row.resource_id.includes('Query.physicians'))).toBe(true);
    expect(reads.some((row) => row.resource_id.includes('Query.members'))).toBe(true);

    // Who sees the grant: the organization's owners and the administrator, not another organization.
    expect((await send(owner.accessToken, GRANTS)).data?.supportAccessGrants.nodes).toEqual([{ id: grant.id, organizationId, active: true }]);
    expect((await send(admin.accessToken, GRANTS)).data?.supportAccessGrants.nodes).toEqual([{ id: grant.id, organizationId, active: true }]);
    expect((await send(otherOwner.accessToken, GRANTS)).data?.supportAccessGrants.nodes).toEqual([]);
    // The grant as records: its organization, the administrator (whose account an owner may not
    // read: a field error there, not a failed list), and whether the caller may end it.
    const REFERENCES = '{ supportAccessGrants { nodes { viewerCanEnd organization { id } requestedByUser { id displayName } } } }';
    const asOwner = await send(owner.accessToken, REFERENCES);
    expect(asOwner.data?.supportAccessGrants.nodes).toEqual([{ viewerCanEnd: true, organization: { id: organizationId }, requestedByUser: null }]);
    expect(asOwner.errors).toEqual([expect.objectContaining({ path: ['supportAccessGrants', 'nodes', 0, 'requestedByUser'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    const asAdministrator = await send(admin.accessToken, REFERENCES);
    expect(asAdministrator.errors).toBeUndefined();
    expect(asAdministrator.data?.supportAccessGrants.nodes).toEqual([{ viewerCanEnd: false, organization: { id: organizationId }, requestedByUser: { id: admin.userId, displayName: expect.any(String) } }]);
    expect(errorCodeOf(await send(otherOwner.accessToken, END, { id: grant.id }))).toBe('NOT_FOUND');
    expect(errorCodeOf(await send(staff.accessToken, END, { id: grant.id }))).toBe('FORBIDDEN');
    expect(errorCodeOf(await send(admin.accessToken, END, { id: grant.id }))).toBe('FORBIDDEN');

    // An owner ends it: the support session ends within seconds, and cannot be refreshed.
    const ended = await send(owner.accessToken, END, { id: grant.id });
    expect(ended.data?.endSupportAccess.supportAccessGrant).toMatchObject({ id: grant.id, active: false });
    expect(ended.data?.endSupportAccess.supportAccessGrant.endedAt).not.toBeNull();
    await until('the support session refused', async () => errorCodeOf(await send(support, PHYSICIANS)) === 'UNAUTHENTICATED', 15_000);
    const refreshed = await send(null, 'mutation($token: String!) { refreshSession(refreshToken: $token) { sessionTokens { accessToken } userErrors { code message field reason details } } }', { token: session.refreshToken });
    expect(errorCodeOf(refreshed)).toBe('UNAUTHENTICATED');
    // Ending it again answers it as it is.
    expect((await send(owner.accessToken, END, { id: grant.id })).data?.endSupportAccess.supportAccessGrant.active).toBe(false);
  });

  it('is not refreshed past its end', async () => {
    const organizationId = await anOrganization(identityOrm);
    await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'ORG_OWNER' });
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const requested = await send(admin.accessToken, REQUEST, { id: organizationId, reason: 'data_fix', ticket: 'SUP-1', minutes: 5 });
    const { grant, session } = requested.data!.requestSupportAccess.supportAccessSession;
    const refresh = (token: string) => send(null, 'mutation($token: String!) { refreshSession(refreshToken: $token) { sessionTokens { accessToken refreshToken } userErrors { code message field reason details } } }', { token });
    const live = await refresh(session.refreshToken);
    expect(live.errors).toBeUndefined();
    // Its end comes (moved to the past rather than waited for).
    await superuser.query(`update identity.support_access_grants set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = $1`, [grant.id]);
    expect(errorCodeOf(await refresh(live.data!.refreshSession.sessionTokens.refreshToken))).toBe('UNAUTHENTICATED');
    expect(errorCodeOf(await send(live.data!.refreshSession.sessionTokens.accessToken, '{ members { nodes { role } } }'))).toBe('UNAUTHENTICATED');
  });
  it('ends when its organization is terminated: no longer active, its session refused, audited, and none is granted after', async () => {
    const organizationId = await anOrganization(identityOrm);
    await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'ORG_OWNER' });
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const requested = await send(admin.accessToken, REQUEST, { id: organizationId, reason: 'data_fix', ticket: 'SUP-808', minutes: 120 });
    const { grant, session } = requested.data!.requestSupportAccess.supportAccessSession;
    expect((await send(session.accessToken, '{ members { nodes { role } } }')).errors).toBeUndefined();
    // Another organization's grant, by the same administrator, is not touched.
    const other = await anOrganization(identityOrm);
    const otherGrant = (await send(admin.accessToken, REQUEST, { id: other, reason: 'data_fix', ticket: 'SUP-809', minutes: 120 })).data!.requestSupportAccess.supportAccessSession.grant;

    const terminated = await send(admin.accessToken, 'mutation($id: ID!) { terminateOrganization(organizationId: $id, reason: "contract_ended") { organizationOffboarding { status } userErrors { code message field reason details } } }', { id: organizationId });
    expect(terminated.errors).toBeUndefined();
    expect(terminated.data?.terminateOrganization.organizationOffboarding.status).toBe('EXPORT_WINDOW');

    const grants = (await send(admin.accessToken, GRANTS)).data?.supportAccessGrants.nodes as { id: string; active: boolean }[];
    expect(grants.find((entry) => entry.id === grant.id)).toMatchObject({ active: false });
    expect(grants.find((entry) => entry.id === otherGrant.id)).toMatchObject({ active: true });
    const { rows: [row] } = await superuser.query<{ ended: boolean; ended_by: string }>(`select ended_at is not null as ended, ended_by from identity.support_access_grants where id = $1`, [grant.id]);
    expect(row).toEqual({ ended: true, ended_by: admin.userId });
    const { rows: audited } = await superuser.query<{ actor_id: string; reason: string }>(
      `select actor_id, reason from audit.events where organization_id = $1 and resource_type = 'SupportAccessGrant' and resource_id = $2 and action = 'UPDATE'`, [organizationId, grant.id],
    );
    expect(audited).toEqual([{ actor_id: admin.userId, reason: 'support_access_ended:organization_terminated' }]);
    await until('the support session refused', async () => errorCodeOf(await send(session.accessToken, '{ members { nodes { role } } }')) === 'UNAUTHENTICATED', 15_000);
    const refreshed = await send(null, 'mutation($token: String!) { refreshSession(refreshToken: $token) { sessionTokens { accessToken } userErrors { code message field reason details } } }', { token: session.refreshToken });
    expect(errorCodeOf(refreshed)).toBe('UNAUTHENTICATED');
    // Nor is a new one granted to the terminated organization.
    expect(errorCodeOf(await send(admin.accessToken, REQUEST, { id: organizationId, reason: 'data_fix', ticket: 'SUP-810', minutes: 30 }))).toBe('ORGANIZATION_TERMINATED');
    const { rows: live } = await superuser.query(`select 1 from identity.support_access_grants where organization_id = $1 and ended_at is null`, [organizationId]);
    expect(live).toEqual([]);
  });
});
