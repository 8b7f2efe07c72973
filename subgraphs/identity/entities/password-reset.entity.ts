// identity.password_resets: single-use reset tokens, stored as their SHA-256 only, valid for minutes.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_USER, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { User } from './user.entity.ts';

export const PasswordResetSchema = defineEntity({
  name: 'PasswordReset',
  schema: 'identity',
  tableName: 'password_resets',
  properties: {
    tokenHash: p.blob().primary(),
    user: () => p.manyToOne(User),
    createdAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'password_resets_user', properties: ['user'], where: 'used_at is null' }],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', roles: [R.identity], using: `user_id = ${CURRENT_USER}`, check: `user_id = ${CURRENT_USER}` },
    ownerMaintains,
  ],
});

export class PasswordReset extends PasswordResetSchema.class {}
PasswordResetSchema.setClass(PasswordReset);

export const passwordResetGrants: TableGrants = { table: 'identity.password_resets', roles: { [R.identity]: ['select', 'insert', 'update'] } };
