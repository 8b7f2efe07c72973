// What the entity model says about access beyond columns: the caller functions that row-level
// security policies read (made by the foundation migration), the policies every table repeats,
// and the privileges each service role holds on a table (GRANT is not entity metadata; the
// migration generator writes these for a new table, and a test holds them to the database).
import type { PolicyDef } from '@mikro-orm/core';
import { OWNER_DATABASE_ROLE, SERVICE_DATABASE_ROLES } from './roles.ts';

// Policy expressions are compared with what PostgreSQL prints back (pg_policies), loosely:
// write them as it prints them where it rewrites (`between`, `is not distinct from`, intervals),
// and a subquery with `from` and `where` on lines of their own, as it prints one (MikroORM's
// comparison rewrites `x in (...)` within one line only).
export const CURRENT_ORGANIZATION = 'app.current_organization_id()';
export const CURRENT_USER = 'app.current_user_id()';
export const CURRENT_ROLE = 'app.current_role_name()';

export const R = SERVICE_DATABASE_ROLES;

/** The owner (who runs migrations and owns the SECURITY DEFINER functions) maintains every row. */
export const ownerMaintains: PolicyDef = { name: 'owner_maintains', roles: [OWNER_DATABASE_ROLE], using: 'true', check: 'true' };

/** A role that sees and writes one organization's rows: the caller's. */
export const sameOrganization = (role: string, name = 'same_organization'): PolicyDef => ({
  name,
  roles: [role],
  using: `organization_id = ${CURRENT_ORGANIZATION}`,
  check: `organization_id = ${CURRENT_ORGANIZATION}`,
});

/** A role that may do anything to every row (row-level security does not narrow it). */
export const everyRow = (name: string, role: string): PolicyDef => ({ name, roles: [role], using: 'true', check: 'true' });

/** A role that reads every row. */
export const readsEveryRow = (name: string, role: string): PolicyDef => ({ name, command: 'select', roles: [role], using: 'true' });

/** `maintain`: VACUUM and ANALYZE (PostgreSQL 17+), for a table its role refills. */
export type TablePrivilege = 'select' | 'insert' | 'update' | 'delete' | 'maintain';

/** A privilege on the whole table, or `update` of some columns only. */
export type Grant = TablePrivilege | { update: string[] };

/** The privileges of each service role on one table (`schema.table`); roles not named hold none. */
export interface TableGrants {
  table: string;
  roles: Partial<Record<string, readonly Grant[]>>;
}
