// Organizations and their members: creation (platform administrators), invitations (single use,
// seven days, stored hashed, revocable while pending), role changes and deactivation. An
// invitation's token goes by mail to the invited address only, through the mail outbox in the
// same transaction: the inviter never sees it, so no inviter can choose the password of an
// account for someone else's address. Changing a member's role or
// deactivating them ends their sessions in the organization at once. Only an owner grants or
// touches the owner role; an organization always keeps an active owner.
import { randomUUID } from 'node:crypto';
import { PLATFORM_ORGANIZATION_ID, recordAudit, recordRefusal } from '../../platform/audit.ts';
import type { Caller, Role } from '../../platform/caller.ts';
import { actAs, isoTimestamp, refuse, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, conflict, forbidden, notFound, unauthenticated } from '../../platform/errors.ts';
import { assertId } from '../../platform/ids.ts';
import { mayMutate } from '../../platform/permissions.ts';
import { cancelMail, enqueueMail } from '../../platform/mail-outbox/outbox.ts';
import { passwordRefused } from './account.ts';
import { completeSignIn, startMfaChallenge, type LoginResult } from './authentication.ts';
import { checkPasswordLength, displayName, normalizeEmail, organizationName } from './inputs.ts';
import { looksLikeOpaqueSecret, newOpaqueSecret, secretHash } from './opaque-secrets.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { assertLiveSession, type IdentityService } from './service.ts';
import { revokeSessions } from './sessions.ts';
import { countMemberships, MEMBERS_ORDER, membershipsOf, organizationsById, type MembershipView, type OrganizationView } from './views.ts';
import { DEFAULT_PAGE_SIZE, readPage, type CountedConnection, type ListOrder, type PageArguments } from '../../platform/pagination.ts';

export const INVITATION_DAYS = 7;

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'EXPIRED';

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  expiresAt: string;
}

const INVITATION_UNUSABLE = () => new AppError('NOT_FOUND', 'The invitation is unknown or already used; ask for a new one');
const INVITATION_REVOKED = () => new AppError('INVITATION_REVOKED', 'This invitation was revoked by its organization; ask for a new one');
const INVITATION_EXPIRED = () => new AppError('INVITATION_EXPIRED', 'This invitation has expired; ask for a new one');

const INVITATION_COLUMNS = `id, email, role, ${isoTimestamp('expires_at')} as "expiresAt",
  case when accepted_at is not null then 'ACCEPTED' when revoked_at is not null then 'REVOKED' when expires_at <= now() then 'EXPIRED' else 'PENDING' end as status`;

export async function currentOrganization(service: IdentityService, caller: Caller): Promise<OrganizationView> {
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    return (await organizationsById(em, [caller.organizationId!])).get(caller.organizationId!)!;
  });
}

export type MembershipConnectionView = CountedConnection<MembershipView>;
export type InvitationConnectionView = CountedConnection<InvitationView>;

export async function members(service: IdentityService, caller: Caller, args: PageArguments & { includeDeactivated: boolean }): Promise<MembershipConnectionView> {
  const page = await readPage(MEMBERS_ORDER, args, (keyset) =>
    runAsCaller(service.orm, caller, async (em) => {
      await assertLiveSession(em, caller);
      const list = await membershipsOf(em, caller.organizationId!, { includeDeactivated: args.includeDeactivated, keyset });
      await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Membership', outcome: 'SUCCESS', reason: `count:${Math.min(list.length, args.last ?? args.first ?? DEFAULT_PAGE_SIZE)}` });
      return list;
    }));
  // Counted only when asked for, as the caller: row-level security shows its organization's alone.
  const totalCount = () => runAsCaller(service.orm, caller, (em) => countMemberships(em, caller.organizationId!, args.includeDeactivated));
  return { ...page, totalCount };
}

const INVITATIONS_ORDER: ListOrder = { list: 'invitations', keys: [{ sql: 'created_at', kind: 'timestamp' }, { sql: 'id', kind: 'uuid' }], direction: 'ASC' };
const PENDING_INVITATION = 'organization_id = ? and accepted_at is null and revoked_at is null and expires_at > now()';

async function createInvitation(service: IdentityService, em: EntityManager, caller: Caller, organizationId: string, email: string, role: Role): Promise<InvitationView> {
  const token = newOpaqueSecret();
  const id = randomUUID();
  const [row] = await em.execute<{ expires_at: string; organization_name: string }[]>(
    `insert into identity.invitations (id, organization_id, email, role, token_hash, invited_by, expires_at)
     values (?, ?, ?, ?, ?, ?, now() + make_interval(days => ?))
     returning ${isoTimestamp('expires_at')} as expires_at, (select name from identity.organizations where id = organization_id) as organization_name`,
    [id, organizationId, email, role, secretHash(token), caller.userId, INVITATION_DAYS],
  );
  const mailId = await enqueueMail(em, service.encryption, {
    organizationId, recipient: email, template: 'invitation', secret: token, expiresAt: row!.expires_at,
    parameters: { organizationName: row!.organization_name, role, expiresAt: row!.expires_at },
  });
  await em.execute(`update identity.invitations set mail_id = ? where id = ?`, [mailId, id]);
  await recordAudit(em, caller, { action: 'INVITE', resourceType: 'Invitation', resourceId: id, outcome: 'SUCCESS', organizationId, reason: `role:${role.toLowerCase()}` });
  return { id, email, role, status: 'PENDING', expiresAt: row!.expires_at };
}

/** The invitations of the caller's organization that can still be accepted (or revoked). */
export async function pendingInvitations(service: IdentityService, caller: Caller, args: PageArguments): Promise<InvitationConnectionView> {
  const page = await readPage(INVITATIONS_ORDER, args, (keyset) =>
    runAsCaller(service.orm, caller, async (em) => {
      await assertLiveSession(em, caller);
      const list = await em.execute<InvitationView[]>(
        `select ${INVITATION_COLUMNS}${keyset.keyColumns} from identity.invitations where ${PENDING_INVITATION}${keyset.where} ${keyset.orderBy}`,
        [caller.organizationId, ...keyset.params],
      );
      await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Invitation', outcome: 'SUCCESS', reason: `count:${Math.min(list.length, args.last ?? args.first ?? DEFAULT_PAGE_SIZE)}` });
      return list;
    }));
  const totalCount = () =>
    runAsCaller(service.orm, caller, async (em) => {
      const [row] = await em.execute<{ count: number }[]>(`select count(*)::int as count from identity.invitations where ${PENDING_INVITATION}`, [caller.organizationId]);
      return row!.count;
    });
  return { ...page, totalCount };
}

/**
 * Revokes a pending invitation of the caller's organization: its link stops working at once, and
 * its mail is withdrawn if it has not been sent yet.
 * Revoking twice answers the revoked invitation; an accepted one cannot be revoked (deactivate
 * the member instead). Only an owner revokes an invitation to the owner role.
 */
export async function revokeInvitation(service: IdentityService, caller: Caller, input: { id: string }): Promise<InvitationView> {
  const id = assertId(input.id, 'id');
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller, 'write');
    const [invitation] = await em.execute<InvitationView[]>(`select ${INVITATION_COLUMNS} from identity.invitations where id = ? and organization_id = ? for update`, [id, caller.organizationId]);
    if (!invitation) return refuse(notFound('Invitation'));
    if (invitation.role === 'ORG_OWNER' && caller.role !== 'ORG_OWNER') return refuse(forbidden('Only an owner may revoke an invitation to the owner role'));
    if (invitation.status === 'ACCEPTED') return refuse(conflict('The invitation was already accepted; deactivate the member instead'));
    if (invitation.status === 'REVOKED') return invitation;
    const [{ mail_id: mailId } = { mail_id: null }] = await em.execute<{ mail_id: string | null }[]>(
      `update identity.invitations set revoked_at = now(), revoked_by = ? where id = ? returning mail_id`, [caller.userId, id],
    );
    if (mailId) await cancelMail(em, mailId); // a mail already sent carries a link that no longer works
    await recordAudit(em, caller, { action: 'INVITE', resourceType: 'Invitation', resourceId: id, outcome: 'SUCCESS', reason: 'revoked' });
    return { ...invitation, status: 'REVOKED' };
  });
}

export async function createOrganization(service: IdentityService, caller: Caller, input: { name: string; ownerEmail: string }) {
  const name = organizationName(input.name);
  const ownerEmail = normalizeEmail(input.ownerEmail);
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller, 'write');
    const id = randomUUID();
    await em.execute(`insert into identity.organizations (id, name) values (?, ?)`, [id, name]);
    await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Organization', resourceId: id, outcome: 'SUCCESS' });
    // The platform administrator acts in the new organization only to invite its first owner.
    await actAs(em, { ...caller, organizationId: id });
    const ownerInvitation = await createInvitation(service, em, caller, id, ownerEmail, 'ORG_OWNER');
    await actAs(em, caller);
    const organization = (await organizationsById(em, [id])).get(id)!;
    return { organization, ownerInvitation };
  });
}

/** Roles a caller may hand out or take away: only owners touch the owner role; platform admins live in the platform organization. */
function assertMayManageRole(caller: Caller, role: Role, organizationId: string): AppError | null {
  if (role === 'PLATFORM_ADMIN' && organizationId !== PLATFORM_ORGANIZATION_ID) return badUserInput('PLATFORM_ADMIN is not a role within a customer organization', { field: 'role' });
  if (role !== 'PLATFORM_ADMIN' && organizationId === PLATFORM_ORGANIZATION_ID) return badUserInput('The platform organization has only platform administrators', { field: 'role' });
  if (role === 'ORG_OWNER' && caller.role !== 'ORG_OWNER') return forbidden('Only an owner may grant or change the owner role');
  return null;
}

export async function inviteMember(service: IdentityService, caller: Caller, input: { email: string; role: Role }): Promise<InvitationView> {
  const email = normalizeEmail(input.email);
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller, 'write');
    const refused = assertMayManageRole(caller, input.role, caller.organizationId!);
    if (refused) return refuse(refused);
    const existing = await em.execute(
      `select 1 from identity.memberships m join identity.users u on u.id = m.user_id where m.organization_id = ? and u.email = ? and m.status = 'ACTIVE'`,
      [caller.organizationId, email],
    );
    if (existing.length > 0) return refuse(conflict('That person is already an active member'));
    return createInvitation(service, em, caller, caller.organizationId!, email, input.role);
  });
}

/**
 * Accepting an invitation: a new account is created with the given password (the policy applies),
 * or an existing account proves itself with its password. Then the member is signed in.
 */
export async function acceptInvitation(service: IdentityService, caller: Caller, input: { token: string; displayName?: string | null; password: string }): Promise<LoginResult> {
  checkPasswordLength(input.password);
  if (!looksLikeOpaqueSecret(input.token)) throw INVITATION_UNUSABLE();
  const hash = secretHash(input.token);
  const db = service.orm.em.fork();
  const [invitation] = await db.execute<{ invitation_id: string; organization_id: string; email: string }[]>(`select * from identity.invitation_for_token(?)`, [hash]);
  if (!invitation) throw INVITATION_UNUSABLE();
  const [account] = await db.execute<{ user_id: string; password_hash: string; display_name: string }[]>(`select * from identity.account_for_invitation(?)`, [hash]);
  // The slow part (argon2) happens before the transaction.
  let newAccount: { id: string; name: string; passwordHash: string } | null = null;
  if (account) {
    // The same lockout as sign-in: an invitation must not become a way to guess its account's password.
    const attempt = await service.loginLimits.reserve(invitation.email, caller.sourceIp);
    if (!(await verifyPassword(account.password_hash, input.password))) {
      await attempt.failed();
      await recordRefusal(service.orm, caller, {
        action: 'LOGIN_FAILED', resourceType: 'Invitation', resourceId: invitation.invitation_id, organizationId: invitation.organization_id,
        actorId: account.user_id, actorRole: null, reason: 'invitation_wrong_password',
      });
      throw unauthenticated('The password is incorrect for the account of this invitation\'s email');
    }
    await attempt.succeeded();
  } else {
    const name = displayName(input.displayName);
    const assessment = await service.passwordPolicy.assess(input.password, { name, email: invitation.email });
    if (!assessment.acceptable) throw passwordRefused(assessment, 'password');
    newAccount = { id: randomUUID(), name, passwordHash: await hashPassword(input.password) };
  }

  return runAsCaller(service.orm, caller, async (em) => {
    const organizationId = invitation.organization_id;
    await actAs(em, { ...caller, organizationId });
    const [row] = await em.execute<{ email: string; role: Role; accepted: boolean; revoked: boolean; expired: boolean }[]>(
      `select email, role, accepted_at is not null as accepted, revoked_at is not null as revoked, expires_at <= now() as expired
       from identity.invitations where id = ? for update`,
      [invitation.invitation_id],
    );
    if (!row || row.accepted) return refuse(INVITATION_UNUSABLE());
    if (row.revoked) return refuse(INVITATION_REVOKED());
    if (row.expired) return refuse(INVITATION_EXPIRED());
    const userId = account?.user_id ?? newAccount!.id;
    await actAs(em, { ...caller, userId, organizationId });
    if (newAccount) {
      await em.execute(`insert into identity.users (id, email, display_name, password_hash) values (?, ?, ?, ?)`, [userId, row.email, newAccount.name, newAccount.passwordHash]);
      await recordAudit(em, caller, { action: 'CREATE', resourceType: 'User', resourceId: userId, outcome: 'SUCCESS', organizationId, actorId: userId, actorRole: null });
    }
    const [membership] = await em.execute<{ status: string }[]>(`select status from identity.memberships where organization_id = ? and user_id = ? for update`, [organizationId, userId]);
    if (membership?.status === 'ACTIVE') return refuse(conflict('You are already a member of this organization'));
    await activateMembership(em, { organizationId, userId, role: row.role });
    await em.execute(`update identity.invitations set accepted_at = now(), accepted_by = ? where id = ?`, [userId, invitation.invitation_id]);
    await recordAudit(em, caller, { action: 'INVITE', resourceType: 'Invitation', resourceId: invitation.invitation_id, outcome: 'SUCCESS', organizationId, actorId: userId, actorRole: row.role, reason: 'accepted' });
    const [user] = await em.execute<{ mfa_enabled: boolean }[]>(`select totp_enabled_at is not null as mfa_enabled from identity.users where id = ?`, [userId]);
    if (user!.mfa_enabled) {
      // An account with an authenticator still proves it: accepting signs in only after the code.
      return startMfaChallenge(em, caller, userId, organizationId);
    }
    return { status: 'AUTHENTICATED' as const, session: await completeSignIn(service, em, caller, { userId, membership: { organization_id: organizationId, role: row.role }, amr: ['pwd'], mfaEnabled: false }) };
  });
}

/** Makes the user an active member of the organization with the role (again, if they were deactivated). */
export async function activateMembership(em: EntityManager, membership: { organizationId: string; userId: string; role: Role }): Promise<void> {
  await em.execute(
    `insert into identity.memberships (organization_id, user_id, role) values (?, ?, ?)
     on conflict (organization_id, user_id) do update set role = excluded.role, status = 'ACTIVE', updated_at = now()`,
    [membership.organizationId, membership.userId, membership.role],
  );
}

/**
 * Why the caller, an owner or admin of the member's organization, may not change or deactivate
 * this member (its role unknown before it is read): its own membership, or an owner's for one who
 * is not an owner; null otherwise. `changeMemberRole`, `deactivateMember` and
 * `Membership.viewerCan…` decide by it.
 */
export function membershipChangeRefusal(caller: Caller, member: { userId: string; role: Role | null }): AppError | null {
  if (member.userId === caller.userId) return forbidden('You cannot change your own membership; ask another owner or administrator');
  if (member.role === 'ORG_OWNER' && caller.role !== 'ORG_OWNER') return forbidden('Only an owner may change another owner');
  return null;
}

/** Whether the caller may revoke the invitation now, by the rules `revokeInvitation` applies. */
export function mayRevokeInvitation(caller: Caller, invitation: Pick<InvitationView, 'role' | 'status'>): boolean {
  return mayMutate(caller, 'members.manage', 'revokeInvitation') && invitation.status === 'PENDING' && (invitation.role !== 'ORG_OWNER' || caller.role === 'ORG_OWNER');
}

/** Loads a member of the caller's organization for a change, applying the rules every change shares. */
async function memberForChange(em: EntityManager, caller: Caller, userId: string): Promise<{ role: Role; status: string } | AppError> {
  const own = membershipChangeRefusal(caller, { userId, role: null });
  if (own) return own;
  const [member] = await em.execute<{ role: Role; status: string }[]>(
    `select role, status from identity.memberships where organization_id = ? and user_id = ? for update`, [caller.organizationId, userId],
  );
  if (!member) return notFound('Member');
  return membershipChangeRefusal(caller, { userId, role: member.role }) ?? member;
}

async function assertOtherActiveOwner(em: EntityManager, caller: Caller, userId: string): Promise<AppError | null> {
  const [{ owners } = { owners: 0 }] = await em.execute<{ owners: number }[]>(
    `select count(*)::int as owners from identity.memberships where organization_id = ? and role = 'ORG_OWNER' and status = 'ACTIVE' and user_id <> ?`,
    [caller.organizationId, userId],
  );
  return owners > 0 ? null : conflict('An organization must keep at least one active owner; make someone else owner first');
}

export async function changeMemberRole(service: IdentityService, caller: Caller, input: { userId: string; role: Role }): Promise<MembershipView> {
  const userId = assertId(input.userId, 'userId');
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller, 'write');
    const refused = assertMayManageRole(caller, input.role, caller.organizationId!);
    if (refused) return refuse(refused);
    const member = await memberForChange(em, caller, userId);
    if (member instanceof AppError) return refuse(member);
    if (member.status !== 'ACTIVE') return refuse(conflict('The member is deactivated; invite them again'));
    if (member.role === input.role) return (await membershipsOf(em, caller.organizationId!, { includeDeactivated: true, userId }))[0]!;
    if (member.role === 'ORG_OWNER') {
      const lastOwner = await assertOtherActiveOwner(em, caller, userId);
      if (lastOwner) return refuse(lastOwner);
    }
    await em.execute(`update identity.memberships set role = ?, updated_at = now() where organization_id = ? and user_id = ?`, [input.role, caller.organizationId, userId]);
    await revokeSessions(em, { userId, organizationId: caller.organizationId! }, 'role_changed');
    await recordAudit(em, caller, {
      action: 'ROLE_CHANGE', resourceType: 'Membership', resourceId: userId, outcome: 'SUCCESS', reason: `${member.role.toLowerCase()}:${input.role.toLowerCase()}`,
    });
    return (await membershipsOf(em, caller.organizationId!, { includeDeactivated: true, userId }))[0]!;
  });
}

export async function deactivateMember(service: IdentityService, caller: Caller, input: { userId: string }): Promise<MembershipView> {
  const userId = assertId(input.userId, 'userId');
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller, 'write');
    const member = await memberForChange(em, caller, userId);
    if (member instanceof AppError) return refuse(member);
    if (member.role === 'ORG_OWNER') {
      const lastOwner = await assertOtherActiveOwner(em, caller, userId);
      if (lastOwner) return refuse(lastOwner);
    }
    if (member.status === 'ACTIVE') {
      await em.execute(`update identity.memberships set status = 'DEACTIVATED', updated_at = now() where organization_id = ? and user_id = ?`, [caller.organizationId, userId]);
      await revokeSessions(em, { userId, organizationId: caller.organizationId! }, 'deactivated');
      await recordAudit(em, caller, { action: 'DEACTIVATE', resourceType: 'Membership', resourceId: userId, outcome: 'SUCCESS' });
    }
    return (await membershipsOf(em, caller.organizationId!, { includeDeactivated: true, userId }))[0]!;
  });
}
