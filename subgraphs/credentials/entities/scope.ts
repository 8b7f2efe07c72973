// Who sees which rows of the credentials schema: organization roles see the physicians
// affiliated with their organization; a physician sees its own file; a support session (break-glass,
// in the organization it was granted) reads what staff see; every other role, nothing.
import { CURRENT_ORGANIZATION, CURRENT_ROLE, CURRENT_USER, everyRow, ownerMaintains, R } from '../../../platform/database/row-level-security.ts';
import type { PolicyDef } from '@mikro-orm/core';

export const STAFF = `${CURRENT_ROLE} in ('ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF')`;
/**
 * A platform administrator's support session (acting in the granted organization): reads, never
 * writes, and only while the grant it names is live for that organization, checked by the database
 * itself (app.support_grant_is_live), not only by the services.
 */
export const SUPPORT_SESSION = `${CURRENT_ROLE} = 'PLATFORM_ADMIN' and app.support_grant_is_live()`;
export const OWN_FILE = `${CURRENT_ROLE} = 'PHYSICIAN' and organization_id = ${CURRENT_ORGANIZATION} and user_id = ${CURRENT_USER}`;
export const VISIBLE_PHYSICIAN = 'exists (select 1 from credentials.physicians p where p.id = physician_id)';
export const VISIBLE_CREDENTIAL = 'exists (select 1 from credentials.credentials c where c.id = credential_id)';

/** The policies of every credentials table: the service reads, adds and changes what it may see; no one else but the worker and the owner. */
export function credentialsPolicies(scope: { visible: string; write: string; insert?: string }): PolicyDef[] {
  return [
    { name: 'caller_scope', command: 'select', roles: [R.credentials], using: scope.visible },
    { name: 'caller_inserts', command: 'insert', roles: [R.credentials], check: scope.insert ?? scope.write },
    { name: 'caller_updates', command: 'update', roles: [R.credentials], using: scope.visible, check: scope.write },
    // The worker re-encrypts under a new data key and deletes a terminated organization's data.
    everyRow('worker_maintains', R.worker),
    ownerMaintains,
  ];
}

/** The service reads, adds and changes; the worker also deletes. */
export const SERVICE_WRITES = { [R.credentials]: ['select', 'insert', 'update'], [R.worker]: ['select', 'insert', 'update', 'delete'] } as const;
