// The PostgreSQL login role of each service. Each has only the privileges its service needs,
// none is a superuser, and none may bypass row-level security.
import type { DatabaseServiceRole } from '../config.ts';

export const SERVICE_DATABASE_ROLES: Record<DatabaseServiceRole, string> = {
  identity: 'credence_identity',
  credentials: 'credence_credentials',
  audit: 'credence_audit',
  worker: 'credence_worker',
};

/** The PostgreSQL schema each subgraph owns its tables in. */
export const SUBGRAPH_SCHEMAS = ['identity', 'credentials', 'audit'] as const;
