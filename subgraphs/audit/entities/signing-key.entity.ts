// audit.signing_keys: the public keys that checkpoints are signed with (the private key never
// reaches the database). Platform-wide: no row-level security.
import { defineEntity, p } from '@mikro-orm/core';
import { R, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const SigningKeySchema = defineEntity({
  name: 'SigningKey',
  schema: 'audit',
  tableName: 'signing_keys',
  properties: {
    keyId: p.text().primary(),
    publicKey: p.blob(),
    createdAt: p.datetime().defaultRaw('now()'),
  },
});

export class SigningKey extends SigningKeySchema.class {}
SigningKeySchema.setClass(SigningKey);

export const signingKeyGrants: TableGrants = { table: 'audit.signing_keys', roles: { [R.audit]: ['select'], [R.worker]: ['select', 'insert'] } };
