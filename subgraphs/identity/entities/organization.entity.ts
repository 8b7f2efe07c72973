// identity.organizations: the hospitals (and the platform organization) that members belong to.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, CURRENT_ROLE, CURRENT_USER, everyRow, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const OrganizationSchema = defineEntity({
  name: 'Organization',
  schema: 'identity',
  tableName: 'organizations',
  properties: {
    id: p.uuid().primary(),
    name: p.text().check('length(name) >= 1 and length(name) <= 200'),
    status: p.enum(['ACTIVE', 'TERMINATED']).default('ACTIVE'),
    createdAt: p.datetime().defaultRaw('now()'),
    /** A termination: when, why (a short code) and by which platform administrator; cleared by a reinstatement. */
    terminatedAt: p.datetime().nullable(),
    terminatedReason: p.text().nullable().check(`terminated_reason ~ '^[a-z][a-z0-9_]{0,63}$'`),
    terminatedBy: p.uuid().nullable(),
  },
  rowLevelSecurity: 'force',
  policies: [
    // An organization is visible to its members and to platform administrators.
    {
      name: 'caller_scope',
      roles: [R.identity],
      using: `id = ${CURRENT_ORGANIZATION} or ${CURRENT_ROLE} = 'PLATFORM_ADMIN' or id in (select m.organization_id
        from identity.memberships m
        where m.user_id = ${CURRENT_USER})`,
      check: `${CURRENT_ROLE} = 'PLATFORM_ADMIN' or id = ${CURRENT_ORGANIZATION}`,
    },
    ownerMaintains,
    // The worker terminates organizations and deletes their data after.
    everyRow('worker_offboards', R.worker),
  ],
});

export class Organization extends OrganizationSchema.class {}
OrganizationSchema.setClass(Organization);

export const organizationGrants: TableGrants = {
  table: 'identity.organizations',
  roles: { [R.identity]: ['select', 'insert', 'update'], [R.worker]: ['select', 'update'] },
};
