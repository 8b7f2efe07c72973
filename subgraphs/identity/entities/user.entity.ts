// identity.users: accounts. TOTP secrets are encrypted columns, sealed under the platform organization's data key.
import { defineEntity, p } from '@mikro-orm/core';
import { encrypted } from '../../../platform/field-encryption/encrypted-properties.ts';
import { CURRENT_ORGANIZATION, CURRENT_USER, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const UserSchema = defineEntity({
  name: 'User',
  schema: 'identity',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    email: p.text().unique().check('length(email) >= 3 and length(email) <= 254 and email = lower(email)'),
    displayName: p.text().check('length(display_name) >= 1 and length(display_name) <= 200'),
    passwordHash: p.text(),
    passwordChangedAt: p.datetime().defaultRaw('now()'),
    totpSecret: encrypted().nullable(),
    totpPendingSecret: encrypted().nullable(),
    totpEnabledAt: p.datetime().nullable(),
    totpLastStep: p.bigint('number').nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  },
  rowLevelSecurity: 'force',
  policies: [
    // A user is visible to itself and within organizations it belongs to.
    {
      name: 'caller_scope',
      roles: [R.identity],
      using: `id = ${CURRENT_USER} or id in (select m.user_id
        from identity.memberships m
        where m.organization_id = ${CURRENT_ORGANIZATION})`,
      check: `id = ${CURRENT_USER}`,
    },
    ownerMaintains,
  ],
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);

export const userGrants: TableGrants = { table: 'identity.users', roles: { [R.identity]: ['select', 'insert', 'update'] } };
