// identity.recovery_codes: single-use MFA recovery codes, stored as their SHA-256 only.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_USER, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { User } from './user.entity.ts';

export const RecoveryCodeSchema = defineEntity({
  name: 'RecoveryCode',
  schema: 'identity',
  tableName: 'recovery_codes',
  properties: {
    user: () => p.manyToOne(User).primary(),
    codeHash: p.blob().primary(),
    createdAt: p.datetime().defaultRaw('now()'),
    usedAt: p.datetime().nullable(),
  },
  primaryKeys: ['user', 'codeHash'],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', roles: [R.identity], using: `user_id = ${CURRENT_USER}`, check: `user_id = ${CURRENT_USER}` },
    ownerMaintains,
  ],
});

export class RecoveryCode extends RecoveryCodeSchema.class {}
RecoveryCodeSchema.setClass(RecoveryCode);

export const recoveryCodeGrants: TableGrants = {
  table: 'identity.recovery_codes',
  roles: { [R.identity]: ['select', 'insert', 'delete', { update: ['used_at'] }] },
};
