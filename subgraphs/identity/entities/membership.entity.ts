// identity.memberships: a user's role in an organization.
import { defineEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../../platform/caller.ts';
import { CURRENT_ORGANIZATION, CURRENT_USER, everyRow, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from './organization.entity.ts';
import { User } from './user.entity.ts';

export const MembershipSchema = defineEntity({
  name: 'Membership',
  schema: 'identity',
  tableName: 'memberships',
  properties: {
    // No cascades (MikroORM's default for a key made of relations): the migration made none.
    organization: () => p.manyToOne(Organization).primary().updateRule('no action').deleteRule('no action'),
    user: () => p.manyToOne(User).primary().updateRule('no action').deleteRule('no action'),
    role: p.enum(ROLES),
    status: p.enum(['ACTIVE', 'DEACTIVATED']).default('ACTIVE'),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  primaryKeys: ['organization', 'user'],
  indexes: [{ name: 'memberships_user', properties: ['user'] }],
  rowLevelSecurity: 'force',
  policies: [
    {
      name: 'caller_scope',
      roles: [R.identity],
      using: `organization_id = ${CURRENT_ORGANIZATION} or user_id = ${CURRENT_USER}`,
      check: `organization_id = ${CURRENT_ORGANIZATION}`,
    },
    ownerMaintains,
    everyRow('worker_offboards', R.worker),
  ],
});

export class Membership extends MembershipSchema.class {}
MembershipSchema.setClass(Membership);

export const membershipGrants: TableGrants = {
  table: 'identity.memberships',
  roles: { [R.identity]: ['select', 'insert', 'update'], [R.worker]: ['select', 'update'] },
};
