// The row-level security of a per-physician table of the credentials schema, as entity metadata:
// what Migration20261123040000_credentials gives credentials.verifications. Organization roles
// see and write rows of their organization whose physician they can see; the worker maintains
// every row (screening, key rotation, deletion after termination). The owner's policy names the
// role that runs the migration, so the migration adds it itself.
import type { PolicyDef } from '@mikro-orm/core';
import { SERVICE_DATABASE_ROLES } from '../../../platform/database/roles.ts';

const visible = `organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id)`;

export function physicianRowPolicies(): PolicyDef[] {
  return [
    { name: 'caller_scope', command: 'select', roles: [SERVICE_DATABASE_ROLES.credentials], using: visible },
    { name: 'caller_inserts', command: 'insert', roles: [SERVICE_DATABASE_ROLES.credentials], check: visible },
    { name: 'caller_updates', command: 'update', roles: [SERVICE_DATABASE_ROLES.credentials], using: visible, check: visible },
    { name: 'worker_maintains', command: 'all', roles: [SERVICE_DATABASE_ROLES.worker], using: 'true', check: 'true' },
  ];
}
