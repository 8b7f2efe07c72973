// Terminating an organization through the gateway, from the attacker's side, on the real stack
// (three subgraphs, a gateway, the worker on the Temporal dev server): who may terminate, the
// sessions that end at once, the writes a terminated organization's owner still tries with a new
// token, the subgraphs' own refusal behind the gateway's, and a reinstatement that cancels it all.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PLATFORM_ORGANIZATION_ID } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { anAddressOfItsOwn } from '../../test/support/addresses.ts';
import { aCredential, aPhysician, anOrganization, aSignedInMember, errorCodeOf, signInWithRecoveryCode, throughGateway, refusalCodeOf } from '../../test/support/factories.ts';
import { subgraphClient } from '../../test/support/subgraph-client.ts';
import { recordHistory } from '../../test/support/histories.ts';
import { startOffboardingStack, type OffboardingStack } from '../../test/support/offboarding-stack.ts';
import { until } from '../../test/support/verification.ts';
import { offboardingStateQuery, offboardingWorkflowId } from './shared.ts';

const HISTORIES = new URL('./histories/', import.meta.url);
let { gateway, subgraphUrls, identityOrm, workerOrm, superuser, client, send, stop } = {} as OffboardingStack;

const TERMINATE = 'mutation($id: ID!, $reason: String!) { terminateOrganization(organizationId: $id, reason: $reason) { organizationOffboarding { organizationId status terminatedAt reason exportWindowEndsAt } userErrors { code message field reason details } } }';
const REINSTATE = 'mutation($id: ID!) { reinstateOrganization(organizationId: $id) { organizationOffboarding { status reinstatedAt } userErrors { code message field reason details } } }';
const OFFBOARDING = 'query($id: ID) { organizationOffboarding(organizationId: $id) { status terminatedAt exportWindowEndsAt rowsDeleted deletedAt } }';

beforeAll(async () => {
  ({ gateway, subgraphUrls, identityOrm, workerOrm, superuser, client, send, stop } = await startOffboardingStack('offboarding'));
});

afterAll(() => stop?.());

describe('terminateOrganization', () => {
  it('is for platform administrators signed in with MFA, with a reason code and an organization that exists', async () => {
    const organizationId = await anOrganization(identityOrm);
    const owner = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'ORG_OWNER' });
    const enrolling = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN', enrollMfa: false });
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });

    expect(errorCodeOf(await send(owner.accessToken, TERMINATE, { id: organizationId, reason: 'contract_ended' }))).toBe('FORBIDDEN');
    expect(errorCodeOf(await send(enrolling.accessToken, TERMINATE, { id: organizationId, reason: 'contract_ended' }))).toBe('MFA_ENROLLMENT_REQUIRED');
    expect(errorCodeOf(await send(null, TERMINATE, { id: organizationId, reason: 'contract_ended' }))).toBe('UNAUTHENTICATED');
    expect(errorCodeOf(await send(admin.accessToken, TERMINATE, { id: organizationId, reason: 'Contract ended; see ticket' }))).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(await send(admin.accessToken, TERMINATE, { id: 'not-an-id', reason: 'contract_ended' }))).toBe('BAD_USER_INPUT');
    expect(errorCodeOf(await send(admin.accessToken, TERMINATE, { id: randomUUID(), reason: 'contract_ended' }))).toBe('NOT_FOUND');
    expect(errorCodeOf(await send(admin.accessToken, TERMINATE, { id: PLATFORM_ORGANIZATION_ID, reason: 'contract_ended' }))).toBe('BAD_USER_INPUT');
    // Nothing happened to the organization.
    expect((await send(owner.accessToken, '{ organization { status } }')).data?.organization.status).toBe('ACTIVE');
  });

  it('ends every session at once, starts the offboarding, and leaves the organization read-only to its owners only', async () => {
    const organizationId = await anOrganization(identityOrm);
    const other = await anOrganization(identityOrm);
    const owner = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'ORG_OWNER' });
    const staff = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'CREDENTIALING_STAFF' });
    const physicianMember = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'PHYSICIAN' });
    const otherOwner = await aSignedInMember(gateway.url, identityOrm, { organizationId: other, role: 'ORG_OWNER' });
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    const physician = await aPhysician(throughGateway(gateway.url, staff.accessToken));
    const credential = await aCredential(throughGateway(gateway.url, staff.accessToken), physician.id);
    const pending = await send(owner.accessToken, 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code message field reason details } } }', { input: { email: `pending-${randomUUID().slice(0, 8)}@example.org`, role: 'AUDITOR' } });
    expect(pending.data?.inviteMember.invitation.id).toBeDefined();

    const terminated = await send(admin.accessToken, TERMINATE, { id: organizationId, reason: 'contract_ended' });
    expect(terminated.errors).toBeUndefined();
    expect(terminated.data?.terminateOrganization.organizationOffboarding).toMatchObject({ organizationId, status: 'EXPORT_WINDOW', reason: 'contract_ended' });
    const { terminatedAt, exportWindowEndsAt } = terminated.data!.terminateOrganization.organizationOffboarding;
    expect(new Date(exportWindowEndsAt).getTime() - new Date(terminatedAt).getTime()).toBe(3_600_000);
    // Terminating again changes nothing and answers the same offboarding.
    expect((await send(admin.accessToken, TERMINATE, { id: organizationId, reason: 'other_reason' })).data?.terminateOrganization.organizationOffboarding).toMatchObject({ terminatedAt, reason: 'contract_ended' });

    // Every member's token is refused within seconds, as a revoked session's.
    for (const member of [owner, staff, physicianMember]) {
      await until('the old token to be refused', async () => errorCodeOf(await send(member.accessToken, '{ me { role } }')) === 'UNAUTHENTICATED', 10_000);
    }
    // The workflow started right after the commit, and recorded its start.
    const handle = client.workflow.getHandle(offboardingWorkflowId(organizationId));
    await until('the workflow to record its start', async () => {
      const [row] = await workerOrm.em.fork().execute<{ started: boolean }[]>(`select workflow_started_at is not null as started from identity.organization_offboardings where organization_id = ?`, [organizationId]);
      return row?.started;
    }, 30_000);
    expect(await handle.query(offboardingStateQuery)).toEqual({ phase: 'export_window', remindersSent: 0 });
    // Audited in the organization's own chain, with the sessions ended.
    const events = await workerOrm.em.fork().execute<{ reason: string; actor_id: string }[]>(
      `select reason, actor_id from audit.events where organization_id = ? and resource_type in ('Organization', 'Session') and action = 'UPDATE' order by seq`, [organizationId],
    );
    expect(events.map((event) => event.reason)).toEqual(['terminated:contract_ended', 'organization_terminated:sessions:3:invitations:1']);
    expect(events.every((event) => event.actor_id === admin.userId)).toBe(true);

    // Only owners sign in again, and read.
    expect(errorCodeOf(await send(null, 'mutation($input: LoginInput!) { login(input: $input) { loginResult { status } userErrors { code message field reason details } } }', { input: { email: physicianMember.email, password: physicianMember.password } }))).toBe('UNAUTHENTICATED');
    const token = await signInWithRecoveryCode(send, owner, owner.recoveryCodes[0]!);
    expect((await send(token, '{ organization { status } }')).data?.organization.status).toBe('TERMINATED');
    expect((await send(token, '{ physician(id: "' + physician.id + '") { id familyName } }')).data?.physician).toMatchObject({ id: physician.id });
    expect((await send(token, OFFBOARDING, {})).data?.organizationOffboarding).toMatchObject({ status: 'EXPORT_WINDOW', exportWindowEndsAt });
    // An owner sees only their own organization's offboarding.
    expect(errorCodeOf(await send(otherOwner.accessToken, OFFBOARDING, { id: organizationId }))).toBe('NOT_FOUND');

    // Every kind of write, tried with the owner's new token (each one the owner's role may make), answers ORGANIZATION_TERMINATED.
    const writes: [string, string, Record<string, unknown>][] = [
      ['createPhysician', 'mutation($input: CreatePhysicianInput!) { createPhysician(input: $input) { physician { id } userErrors { code message field reason details } } }', { input: { givenName: 'Ada', familyName: 'Byron', npi: '1234567893' } }],
      ['updatePhysician', 'mutation($id: ID!) { updatePhysician(id: $id, input: { givenName: "Eve" }) { physician { id } userErrors { code message field reason details } } }', { id: physician.id }],
      ['setAffiliationStatus', 'mutation($id: ID!) { setAffiliationStatus(physicianId: $id, status: INACTIVE) { physician { id } userErrors { code message field reason details } } }', { id: physician.id }],
      ['addCredential', 'mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id } userErrors { code message field reason details } } }', { input: { physicianId: physician.id, type: 'STATE_LICENSE', number: 'A1', issuer: 'Board', state: 'CA', expiresOn: '2029-01-01' } }],
      ['updateCredential', 'mutation($id: ID!) { updateCredential(id: $id, input: { issuer: "Other board" }) { credential { id } userErrors { code message field reason details } } }', { id: credential.id }],
      ['removeCredential', 'mutation($id: ID!) { removeCredential(id: $id) { removed userErrors { code message field reason details } } }', { id: credential.id }],
      ['requestDocumentUpload', 'mutation($id: ID!) { requestDocumentUpload(input: { credentialId: $id }) { documentUpload { uploadUrl } userErrors { code message field reason details } } }', { id: credential.id }],
      ['requestVerification', 'mutation($id: ID!) { requestVerification(credentialId: $id) { credential { id } userErrors { code message field reason details } } }', { id: credential.id }],
      ['setVerificationReviewWindow', 'mutation { setVerificationReviewWindow(hours: 24) { verificationSettings { reviewWindowHours } userErrors { code message field reason details } } }', {}],
      ['inviteMember', 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code message field reason details } } }', { input: { email: `late-${randomUUID().slice(0, 8)}@example.org`, role: 'AUDITOR' } }],
      ['changeMemberRole', 'mutation($id: ID!) { changeMemberRole(userId: $id, role: AUDITOR) { membership { role } userErrors { code message field reason details } } }', { id: staff.userId }],
      ['deactivateMember', 'mutation($id: ID!) { deactivateMember(userId: $id) { membership { status } userErrors { code message field reason details } } }', { id: staff.userId }],
      ['setAuditRetention', 'mutation { setAuditRetention(years: 9) { organizationAuditRetention { years } userErrors { code message field reason details } } }', {}],
      ['declareIncident', 'mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { id } userErrors { code message field reason details } } }', { input: { kind: 'LOST_DEVICE', discoveredAt: new Date(Date.now() - 3_600_000).toISOString(), affectedCount: 1, actingAsBusinessAssociate: false, affectedJurisdictions: [{ jurisdiction: 'CO', affectedCount: 1 }] } }],
    ];
    for (const [field, query, variables] of writes) {
      const body = await send(token, query, variables);
      expect([field, errorCodeOf(body), body.data?.[field] ?? null]).toEqual([field, 'ORGANIZATION_TERMINATED', null]);
    }
    // Nothing was written.
    const { rows: [counts] } = await superuser.query(
      `select (select count(*)::int from credentials.physicians where organization_id = $1) as physicians,
              (select count(*)::int from credentials.credentials where organization_id = $1 and removed_at is null) as credentials,
              (select count(*)::int from identity.invitations where organization_id = $1) as invitations`,
      [organizationId],
    );
    expect(counts).toEqual({ physicians: 1, credentials: 1, invitations: 1 });

    // Behind the gateway, a subgraph refuses the write of a terminated organization's session on its own.
    const caller: Caller = { userId: owner.userId, organizationId, role: 'ORG_OWNER', sessionId: randomUUID(), requestId: randomUUID(), sourceIp: anAddressOfItsOwn(), organizationTerminated: true };
    const direct = await subgraphClient(subgraphUrls.credentials, 'credentials')(caller, 'mutation { setVerificationReviewWindow(hours: 24) { verificationSettings { reviewWindowHours } userErrors { code message field reason details } } }');
    expect(refusalCodeOf(direct)).toBe('ORGANIZATION_TERMINATED');

    // Reading still works, exports included: the audit log, with its checkpoints.
    expect((await send(token, 'mutation { exportAuditLog(format: JSON_LINES) { auditExport { url } userErrors { code message field reason details } } }')).data?.exportAuditLog.auditExport.url).toMatch(/^https?:\/\//);
    // Signing out still works; another organization is untouched.
    expect((await send(token, 'mutation { logout { signedOut userErrors { code message field reason details } } }')).data?.logout.signedOut).toBe(true);
    expect((await aPhysician(throughGateway(gateway.url, otherOwner.accessToken))).id).toBeDefined();
  });
});

describe('reinstateOrganization', () => {
  it('cancels the deletion before the window closes: the organization is writable again once its members sign in anew', async () => {
    const organizationId = await anOrganization(identityOrm);
    const owner = await aSignedInMember(gateway.url, identityOrm, { organizationId, role: 'ORG_OWNER' });
    const admin = await aSignedInMember(gateway.url, identityOrm, { organizationId: PLATFORM_ORGANIZATION_ID, role: 'PLATFORM_ADMIN' });
    expect(errorCodeOf(await send(admin.accessToken, REINSTATE, { id: organizationId }))).toBe('CONFLICT');
    expect((await send(admin.accessToken, TERMINATE, { id: organizationId, reason: 'unpaid_invoices' })).errors).toBeUndefined();
    const readOnly = await signInWithRecoveryCode(send, owner, owner.recoveryCodes[0]!);
    expect(errorCodeOf(await send(readOnly, REINSTATE, { id: organizationId }))).toBe('FORBIDDEN');

    const reinstated = await send(admin.accessToken, REINSTATE, { id: organizationId });
    expect(reinstated.errors).toBeUndefined();
    expect(reinstated.data?.reinstateOrganization.organizationOffboarding.status).toBe('REINSTATED');
    // Reinstating again answers the same.
    expect((await send(admin.accessToken, REINSTATE, { id: organizationId })).data?.reinstateOrganization.organizationOffboarding).toEqual(reinstated.data?.reinstateOrganization.organizationOffboarding);
    // The workflow ended without deleting anything.
    const handle = client.workflow.getHandle(offboardingWorkflowId(organizationId));
    expect(await handle.result()).toEqual({ phase: 'reinstated', remindersSent: 0 });
    await recordHistory(handle, HISTORIES, 'reinstated');
    const [row] = await workerOrm.em.fork().execute<{ status: string; terminated_at: string | null; deletion_started_at: string | null; keys: number }[]>(
      `select o.status, o.terminated_at, f.deletion_started_at, (select count(*)::int from keys.data_keys k where k.organization_id = o.id and k.destroyed_at is not null) as keys
         from identity.organizations o join identity.organization_offboardings f on f.organization_id = o.id where o.id = ?`, [organizationId],
    );
    expect(row).toEqual({ status: 'ACTIVE', terminated_at: null, deletion_started_at: null, keys: 0 });
    const [audit] = await workerOrm.em.fork().execute<{ actor_id: string }[]>(`select actor_id from audit.events where organization_id = ? and reason = 'reinstated'`, [organizationId]);
    expect(audit?.actor_id).toBe(admin.userId);

    // The read-only token ends; a new sign-in writes.
    await until('the read-only token to be refused', async () => errorCodeOf(await send(readOnly, '{ me { role } }')) === 'UNAUTHENTICATED', 10_000);
    const writable = await signInWithRecoveryCode(send, owner, owner.recoveryCodes[1]!);
    expect((await send(writable, 'mutation { setVerificationReviewWindow(hours: 24) { verificationSettings { reviewWindowHours } userErrors { code message field reason details } } }')).data?.setVerificationReviewWindow.verificationSettings.reviewWindowHours).toBe(24);
  });
});
