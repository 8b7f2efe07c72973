// How users, organizations and memberships are read for the graph (RLS decides which are visible).
import type { Role } from '../../platform/caller.ts';
import { raw } from '@mikro-orm/postgresql';
import type { EntityManager } from '../../platform/database/orm.ts';
import { onPage, pageKeysOf, type ListOrder, type PageRequest } from '../../platform/pagination.ts';
import { Membership, Organization, User } from './entities/index.ts';
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
  // Plain rows, not managed entities: a request's references are read, never changed.
  const users = await em.createQueryBuilder(User, 'u').select(['id', 'email', 'displayName', 'totpEnabledAt']).where({ id: { $in: [...new Set(ids)] } })
    .execute<Pick<User, 'id' | 'email' | 'displayName' | 'totpEnabledAt'>[]>('all');
  return new Map(users.map((user) => [user.id, { id: user.id, email: user.email, displayName: user.displayName, mfaEnabled: user.totpEnabledAt != null }]));
}

export async function organizationsById(em: EntityManager, ids: readonly string[]): Promise<Map<string, OrganizationView>> {
  if (ids.length === 0) return new Map();
  const organizations = await em.createQueryBuilder(Organization, 'o').select(['id', 'name', 'status', 'createdAt']).where({ id: { $in: [...new Set(ids)] } })
    .execute<Pick<Organization, 'id' | 'name' | 'status' | 'createdAt'>[]>('all');
  return new Map(organizations.map((organization) => [organization.id, { id: organization.id, name: organization.name, status: organization.status, createdAt: organization.createdAt.toISOString() }]));
}

export interface ActiveMembership {
  organization_id: string;
  role: Role;
  since: string;
}

/** A user's active memberships in organizations they may sign in to (service.ts USABLE_ORGANIZATION), oldest first. */
export async function activeMemberships(em: EntityManager, userId: string): Promise<ActiveMembership[]> {
  const rows = await em.createQueryBuilder(Membership, 'm')
    .select(['organization', 'role', 'createdAt'])
    .join('m.organization', 'o')
    .where({ user: userId, status: 'ACTIVE' })
    // Raw SQL: the rule is shared with the session check's query (service.ts).
    .andWhere(raw(USABLE_ORGANIZATION))
    .orderBy({ createdAt: 'asc', organization: 'asc' })
    .execute<{ organization: string; role: Role; createdAt: Date }[]>('all');
  return rows.map((row) => ({ organization_id: row.organization, role: row.role, since: row.createdAt.toISOString() }));
}

type MembershipRow = { user: string; role: string; status: MembershipView['status']; createdAt: Date };

/** An organization's memberships in the order they began; one page of them with `page` (MEMBERS_ORDER). */
export async function membershipsOf(
  em: EntityManager,
  organizationId: string,
  options: { includeDeactivated: boolean; userId?: string; page?: PageRequest },
): Promise<MembershipView[]> {
  const qb = em.createQueryBuilder(Membership, 'm').select(['user', 'role', 'status', 'createdAt']).where({
    organization: organizationId,
    ...(options.includeDeactivated ? {} : { status: 'ACTIVE' as const }),
    ...(options.userId ? { user: options.userId } : {}),
  });
  const rows = await (options.page ? onPage(qb, options.page) : qb.orderBy({ createdAt: 'asc', user: 'asc' })).execute<MembershipRow[]>('all');
  const users = await usersById(em, rows.map((row) => row.user));
  const organization = (await organizationsById(em, [organizationId])).get(organizationId)!;
  return rows.map((row) => ({ ...pageKeysOf(row), user: users.get(row.user)!, organization, role: row.role, status: row.status, since: row.createdAt.toISOString() }));
}

export const MEMBERS_ORDER: ListOrder = { list: 'members', keys: [{ sql: 'm.created_at', kind: 'timestamp' }, { sql: 'm.user_id', kind: 'uuid' }], direction: 'ASC' };

/** How many memberships the caller's organization holds, as the caller sees them. */
export async function countMemberships(em: EntityManager, organizationId: string, includeDeactivated: boolean): Promise<number> {
  return em.count(Membership, { organization: organizationId, ...(includeDeactivated ? {} : { status: 'ACTIVE' as const }) });
}
