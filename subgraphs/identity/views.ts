// How users, organizations and memberships are read for the graph (RLS decides which are visible).
import type { Role } from '../../platform/caller.ts';
import { isoTimestamp, type EntityManager } from '../../platform/database/orm.ts';
import { pageKeysOf, type KeysetQuery, type ListOrder } from '../../platform/pagination.ts';
import { USABLE_ORGANIZATION } from './service.ts';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  mfaEnabled: boolean;
}

export interface OrganizationView {
  id: string;
  name: string;
  status: 'ACTIVE' | 'TERMINATED';
  createdAt: string;
}

export interface MembershipView {
  user: UserView;
  organization: OrganizationView;
  role: string;
  status: 'ACTIVE' | 'DEACTIVATED';
  since: string;
}

export async function usersById(em: EntityManager, ids: readonly string[]): Promise<Map<string, UserView>> {
  if (ids.length === 0) return new Map();
  const rows = await em.execute<{ id: string; email: string; display_name: string; mfa_enabled: boolean }[]>(
    `select id, email, display_name, totp_enabled_at is not null as mfa_enabled from identity.users where id = any(string_to_array(?, ',')::uuid[])`,
    [[...new Set(ids)].join(',')],
  );
  return new Map(rows.map((row) => [row.id, { id: row.id, email: row.email, displayName: row.display_name, mfaEnabled: row.mfa_enabled }]));
}

export async function organizationsById(em: EntityManager, ids: readonly string[]): Promise<Map<string, OrganizationView>> {
  if (ids.length === 0) return new Map();
  const rows = await em.execute<{ id: string; name: string; status: OrganizationView['status']; created_at: string }[]>(
    `select id, name, status, ${isoTimestamp('created_at')} as created_at from identity.organizations where id = any(string_to_array(?, ',')::uuid[])`,
    [[...new Set(ids)].join(',')],
  );
  return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, status: row.status, createdAt: row.created_at }]));
}

export interface ActiveMembership {
  organization_id: string;
  role: Role;
  since: string;
}

/** A user's active memberships in organizations they may sign in to (service.ts USABLE_ORGANIZATION), oldest first. */
export async function activeMemberships(em: EntityManager, userId: string): Promise<ActiveMembership[]> {
  return em.execute<ActiveMembership[]>(
    `select m.organization_id, m.role, ${isoTimestamp('m.created_at')} as since
       from identity.memberships m join identity.organizations o on o.id = m.organization_id
      where m.user_id = ? and m.status = 'ACTIVE' and ${USABLE_ORGANIZATION} order by m.created_at, m.organization_id`,
    [userId],
  );
}

/** The memberships of an organization with their users. */
/** An organization's memberships in the order they began; one page of them with `keyset` (MEMBERS_ORDER). */
export async function membershipsOf(
  em: EntityManager,
  organizationId: string,
  options: { includeDeactivated: boolean; userId?: string; keyset?: KeysetQuery },
): Promise<MembershipView[]> {
  const { keyset } = options;
  const rows = await em.execute<{ user_id: string; role: string; status: MembershipView['status']; since: string }[]>(
    `select user_id, role, status, ${isoTimestamp('created_at')} as since${keyset?.keyColumns ?? ''} from identity.memberships
     where organization_id = ? ${options.includeDeactivated ? '' : `and status = 'ACTIVE'`} ${options.userId ? 'and user_id = ?' : ''}${keyset?.where ?? ''}
     ${keyset?.orderBy ?? 'order by created_at, user_id'}`,
    [organizationId, ...(options.userId ? [options.userId] : []), ...(keyset?.params ?? [])],
  );
  const users = await usersById(em, rows.map((row) => row.user_id));
  const organization = (await organizationsById(em, [organizationId])).get(organizationId)!;
  return rows.map((row) => ({ ...pageKeysOf(row), user: users.get(row.user_id)!, organization, role: row.role, status: row.status, since: row.since }));
}

export const MEMBERS_ORDER: ListOrder = { list: 'members', keys: [{ sql: 'created_at', kind: 'timestamp' }, { sql: 'user_id', kind: 'uuid' }], direction: 'ASC' };

/** How many memberships the caller's organization holds, as the caller sees them. */
export async function countMemberships(em: EntityManager, organizationId: string, includeDeactivated: boolean): Promise<number> {
  const [row] = await em.execute<{ count: number }[]>(
    `select count(*)::int as count from identity.memberships where organization_id = ? ${includeDeactivated ? '' : `and status = 'ACTIVE'`}`,
    [organizationId],
  );
  return row!.count;
}
