// Organizations and their members: creation (platform administrators), invitations (single use,
// seven days, stored hashed, revocable while pending), role changes and deactivation. An
// invitation's token goes by mail to the invited address only, through the mail outbox in the
// same transaction: the inviter never sees it, so no inviter can choose the password of an
// account for someone else's address. Changing a member's role or
// deactivating them ends their sessions in the organization at once. Only an owner grants or
// touches the owner role; an organization always keeps an active owner.
import { randomUUID } from 'node:crypto';
import { LockMode, raw, sql, type FilterObject } from '@mikro-orm/postgresql';
import { PLATFORM_ORGANIZATION_ID, recordAudit, recordRefusal } from '../../platform/audit.ts';
import type { Caller, Role } from '../../platform/caller.ts';
import { secondsFromNow } from '../../platform/database/clock.ts';
import { actAs, refuse, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
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
import { connectionOf, DEFAULT_PAGE_SIZE, onPage, pageKeysOf, pageRequest, type CountedConnection, type ListOrder, type PageArguments } from '../../platform/pagination.ts';
import { Invitation, Membership, Organization, User } from './entities/index.ts';

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

/** The fields of an invitation its view shows; its status by the database's clock (raw SQL: a case over the row). */
const invitationFields = () => ['id', 'email', 'role', 'expiresAt',
  raw(`case when accepted_at is not null then 'ACCEPTED' when revoked_at is not null then 'REVOKED' when expires_at <= now() then 'EXPIRED' else 'PENDING' end as status`)] as const;
type InvitationRow = Pick<Invitation, 'id' | 'email' | 'role' | 'expiresAt'> & { status: InvitationStatus };
const invitationView = (row: InvitationRow): InvitationView => ({ id: row.id, email: row.email, role: row.role, status: row.status, expiresAt: row.expiresAt.toISOString() });

export async function currentOrganization(service: IdentityService, caller: Caller): Promise<OrganizationView> {
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    return (await organizationsById(em, [caller.organizationId!])).get(caller.organizationId!)!;
  });
}

export type MembershipConnectionView = CountedConnection<MembershipView>;
export type InvitationConnectionView = CountedConnection<InvitationView>;

export async function members(service: IdentityService, caller: Caller, args: PageArguments & { includeDeactivated: boolean }): Promise<MembershipConnectionView> {
  const request = pageRequest(MEMBERS_ORDER, args);
  const page = connectionOf(request, await runAsCaller(service.orm, caller, async (em) => {
      await assertLiveSession(em, caller);
      const list = await membershipsOf(em, caller.organizationId!, { includeDeactivated: args.includeDeactivated, page: request });
      await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Membership', outcome: 'SUCCESS', reason: `count:${Math.min(list.length, args.last ?? args.first ?? DEFAULT_PAGE_SIZE)}` });
      return list;
    }), (row) => row);
  // Counted only when asked for, as the caller: row-level security shows its organization's alone.
  const totalCount = () => runAsCaller(service.orm, caller, (em) => countMemberships(em, caller.organizationId!, args.includeDeactivated));
  return { ...page, totalCount };
}

const INVITATIONS_ORDER: ListOrder = { list: 'invitations', keys: [{ sql: 'i.created_at', kind: 'timestamp' }, { sql: 'i.id', kind: 'uuid' }], direction: 'ASC' };
const pendingInvitationsOf = (organizationId: string): FilterObject<Invitation> => ({ organization: organizationId, acceptedAt: null, revokedAt: null, expiresAt: { $gt: sql.now() } });

async function createInvitation(service: IdentityService, em: EntityManager, caller: Caller, organizationId: string, email: string, role: Role): Promise<InvitationView> {
  const token = newOpaqueSecret();
  const id = randomUUID();
  const inserted = await em.createQueryBuilder(Invitation)
    .insert({ id, organization: organizationId, email, role, tokenHash: secretHash(token), invitedBy: caller.userId, expiresAt: secondsFromNow(INVITATION_DAYS * 86_400) })
    .returning(['expiresAt'])
    .execute<{ expiresAt: Date }>('get');
  const expiresAt = inserted.expiresAt.toISOString();
  const organization = await em.findOneOrFail(Organization, organizationId, { fields: ['name'] });
  const mailId = await enqueueMail(em, service.encryption, {
    organizationId, recipient: email, template: 'invitation', secret: token, expiresAt,
    parameters: { organizationName: organization.name, role, expiresAt },
  });
  await em.nativeUpdate(Invitation, { id }, { mailId });
  await recordAudit(em, caller, { action: 'INVITE', resourceType: 'Invitation', resourceId: id, outcome: 'SUCCESS', organizationId, reason: `role:${role.toLowerCase()}` });
  return { id, email, role, status: 'PENDING', expiresAt };
}

/** The invitations of the caller's organization that can still be accepted (or revoked). */
export async function pendingInvitations(service: IdentityService, caller: Caller, args: PageArguments): Promise<InvitationConnectionView> {
  const request = pageRequest(INVITATIONS_ORDER, args);
  const rows = await runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    const list = await onPage(em.createQueryBuilder(Invitation, 'i').select([...invitationFields()]).where(pendingInvitationsOf(caller.organizationId!)), request).execute<InvitationRow[]>('all');
    await recordAudit(em, caller, { action: 'VIEW', resourceType: 'Invitation', outcome: 'SUCCESS', reason: `count:${Math.min(list.length, args.last ?? args.first ?? DEFAULT_PAGE_SIZE)}` });
    return list;
  });
  const totalCount = () => runAsCaller(service.orm, caller, (em) => em.count(Invitation, pendingInvitationsOf(caller.organizationId!)));
  return { ...connectionOf(request, rows, (row) => ({ ...pageKeysOf(row), ...invitationView(row) })), totalCount };
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
    const row = await em.createQueryBuilder(Invitation, 'i').select([...invitationFields()]).where({ id, organization: caller.organizationId! })
      .setLockMode(LockMode.PESSIMISTIC_WRITE).execute<InvitationRow | null>('get');
    if (!row) return refuse(notFound('Invitation'));
    const invitation = invitationView(row);
    if (invitation.role === 'ORG_OWNER' && caller.role !== 'ORG_OWNER') return refuse(forbidden('Only an owner may revoke an invitation to the owner role'));
    if (invitation.status === 'ACCEPTED') return refuse(conflict('The invitation was already accepted; deactivate the member instead'));
    if (invitation.status === 'REVOKED') return invitation;
    const { mailId } = await em.createQueryBuilder(Invitation).update({ revokedAt: sql.now(), revokedBy: caller.userId }).where({ id })
      .returning(['mailId']).execute<{ mailId: string | null }>('get');
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
    await em.insert(Organization, { id, name });
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
    const existing = await em.count(Membership, { organization: caller.organizationId!, user: { email }, status: 'ACTIVE' });
    if (existing > 0) return refuse(conflict('That person is already an active member'));
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
  // Raw SQL: SECURITY DEFINER functions (an invitation and its account are found by the token, before anyone is signed in).
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
    const row = await em.createQueryBuilder(Invitation, 'i')
      // Raw SQL: expiry by the database's clock.
      .select(['email', 'role', 'acceptedAt', 'revokedAt', raw('expires_at <= now() as expired')])
      .where({ id: invitation.invitation_id })
      .setLockMode(LockMode.PESSIMISTIC_WRITE)
      .execute<(Pick<Invitation, 'email' | 'role' | 'acceptedAt' | 'revokedAt'> & { expired: boolean }) | null>('get');
    if (!row || row.acceptedAt) return refuse(INVITATION_UNUSABLE());
    if (row.revokedAt) return refuse(INVITATION_REVOKED());
    if (row.expired) return refuse(INVITATION_EXPIRED());
    const userId = account?.user_id ?? newAccount!.id;
    await actAs(em, { ...caller, userId, organizationId });
    if (newAccount) {
      await em.insert(User, { id: userId, email: row.email, displayName: newAccount.name, passwordHash: newAccount.passwordHash });
      await recordAudit(em, caller, { action: 'CREATE', resourceType: 'User', resourceId: userId, outcome: 'SUCCESS', organizationId, actorId: userId, actorRole: null });
    }
    const membership = await em.findOne(Membership, { organization: organizationId, user: userId }, { fields: ['status'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (membership?.status === 'ACTIVE') return refuse(conflict('You are already a member of this organization'));
    await activateMembership(em, { organizationId, userId, role: row.role });
    await em.nativeUpdate(Invitation, { id: invitation.invitation_id }, { acceptedAt: sql.now(), acceptedBy: userId });
    await recordAudit(em, caller, { action: 'INVITE', resourceType: 'Invitation', resourceId: invitation.invitation_id, outcome: 'SUCCESS', organizationId, actorId: userId, actorRole: row.role, reason: 'accepted' });
    const user = await em.findOneOrFail(User, userId, { fields: ['totpEnabledAt'] });
    if (user.totpEnabledAt) {
      // An account with an authenticator still proves it: accepting signs in only after the code.
      return startMfaChallenge(em, caller, userId, organizationId);
    }
    return { status: 'AUTHENTICATED' as const, session: await completeSignIn(service, em, caller, { userId, membership: { organization_id: organizationId, role: row.role }, amr: ['pwd'], mfaEnabled: false }) };
  });
}

/** Makes the user an active member of the organization with the role (again, if they were deactivated). */
export async function activateMembership(em: EntityManager, membership: { organizationId: string; userId: string; role: Role }): Promise<void> {
  await em.createQueryBuilder(Membership)
    .insert({ organization: membership.organizationId, user: membership.userId, role: membership.role })
    .onConflict(['organization', 'user'])
    .merge({ role: membership.role, status: 'ACTIVE', updatedAt: sql.now() })
    .execute('run');
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
  const member = await em.findOne(Membership, { organization: caller.organizationId!, user: userId }, { fields: ['role', 'status'], lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!member) return notFound('Member');
  return membershipChangeRefusal(caller, { userId, role: member.role }) ?? { role: member.role, status: member.status };
}

async function assertOtherActiveOwner(em: EntityManager, caller: Caller, userId: string): Promise<AppError | null> {
  const owners = await em.count(Membership, { organization: caller.organizationId!, role: 'ORG_OWNER', status: 'ACTIVE', user: { $ne: userId } });
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
    await em.nativeUpdate(Membership, { organization: caller.organizationId!, user: userId }, { role: input.role, updatedAt: sql.now() });
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
      await em.nativeUpdate(Membership, { organization: caller.organizationId!, user: userId }, { status: 'DEACTIVATED', updatedAt: sql.now() });
      await revokeSessions(em, { userId, organizationId: caller.organizationId! }, 'deactivated');
      await recordAudit(em, caller, { action: 'DEACTIVATE', resourceType: 'Membership', resourceId: userId, outcome: 'SUCCESS' });
    }
    return (await membershipsOf(em, caller.organizationId!, { includeDeactivated: true, userId }))[0]!;
  });
}
