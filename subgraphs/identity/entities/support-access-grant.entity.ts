// identity.support_access_grants: break-glass support access. A platform administrator's
// time-limited access to one organization's data, for a reason code and a ticket, told to the
// organization's owners at once; it ends by itself at ends_at, or earlier when an owner ends it.
// Its support session (identity.sessions.support_grant_id) reads under it, every read audited.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, CURRENT_ROLE, CURRENT_USER, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from './organization.entity.ts';

const requester = `${CURRENT_ROLE} = 'PLATFORM_ADMIN' and requested_by = ${CURRENT_USER}`;
const organizationOwner = `${CURRENT_ROLE} = 'ORG_OWNER' and organization_id = ${CURRENT_ORGANIZATION}`;
const terminatedOrganization = `${CURRENT_ROLE} = 'PLATFORM_ADMIN' and organization_id = ${CURRENT_ORGANIZATION} and exists (select 1 from identity.organizations o where o.id = organization_id and o.status = 'TERMINATED')`;

export const SupportAccessGrantSchema = defineEntity({
  name: 'SupportAccessGrant',
  schema: 'identity',
  tableName: 'support_access_grants',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).updateRule('no action').deleteRule('no action'),
    /** The platform administrator who asked, and reads under it. */
    requestedBy: p.uuid(),
    reason: p.text().check(`reason ~ '^[a-z][a-z0-9_]{0,63}$'`),
    ticket: p.text().check(`ticket ~ '^[A-Z][A-Z0-9]{1,9}-[0-9]{1,9}$'`),
    startsAt: p.datetime().defaultRaw('now()'),
    endsAt: p.datetime(),
    /** Set when an owner ended it early, or its organization was terminated (a grant past ends_at has ended by itself). */
    endedAt: p.datetime().nullable(),
    endedBy: p.uuid().nullable(),
  },
  indexes: [{ name: 'support_access_grants_organization', properties: ['organization', 'startsAt'] }],
  checks: [{ name: 'support_access_grants_ends_after_start', expression: 'ends_at > starts_at' }],
  rowLevelSecurity: 'force',
  policies: [
    // Owners see their organization's grants and end them; a platform administrator sees and asks for its own.
    { name: 'caller_scope', command: 'select', roles: [R.identity], using: `organization_id = ${CURRENT_ORGANIZATION} or (${requester})` },
    { name: 'caller_requests', command: 'insert', roles: [R.identity], check: requester },
    { name: 'owner_ends', command: 'update', roles: [R.identity], using: organizationOwner, check: organizationOwner },
    // A termination (by a platform administrator, acting in the organization) ends its grants with it.
    { name: 'termination_ends', command: 'update', roles: [R.identity], using: terminatedOrganization, check: terminatedOrganization },
    ownerMaintains,
  ],
});

export class SupportAccessGrant extends SupportAccessGrantSchema.class {}
SupportAccessGrantSchema.setClass(SupportAccessGrant);

export const supportAccessGrantGrants: TableGrants = {
  table: 'identity.support_access_grants',
  roles: { [R.identity]: ['select', 'insert', 'update'] },
};
