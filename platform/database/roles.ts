// The PostgreSQL login role of each service. Each has only the privileges its service needs,
// none is a superuser, and none may bypass row-level security.
import type { DatabaseServiceRole } from '../config.ts';

export const SERVICE_DATABASE_ROLES: Record<DatabaseServiceRole, string> = {
  identity: 'credence_identity',
  credentials: 'credence_credentials',
  audit: 'credence_audit',
  worker: 'credence_worker',
};

/**
 * The group role that the `owner_maintains` policies name. The login that owns the tables and
 * runs the migrations differs per environment (`postgres` under `npm start` and the tests, the
 * deployment's own owner elsewhere), and the entity model, which declares every policy, cannot
 * name it; so the policies name this fixed role, which cannot log in, and provisioning grants it
 * to whichever owner login runs it.
 */
export const OWNER_DATABASE_ROLE = 'credence_owner';

/** The PostgreSQL schema each subgraph owns its tables in. */
export const SUBGRAPH_SCHEMAS = ['identity', 'credentials', 'audit'] as const;
