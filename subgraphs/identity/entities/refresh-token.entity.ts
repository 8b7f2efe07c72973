// identity.refresh_tokens: a session's refresh tokens (SHA-256 only), each rotated once; a rotated
// one keeps its successor, sealed, for a short retry window.
import { defineEntity, p } from '@mikro-orm/core';
import { encrypted } from '../../../platform/field-encryption/encrypted-properties.ts';
import { ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Session } from './session.entity.ts';

const visibleSession = `session_id in (select s.id
  from identity.sessions s)`;

export const RefreshTokenSchema = defineEntity({
  name: 'RefreshToken',
  schema: 'identity',
  tableName: 'refresh_tokens',
  properties: {
    tokenHash: p.blob().primary(),
    session: () => p.manyToOne(Session),
    createdAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime(),
    rotatedAt: p.datetime().nullable(),
    successorHash: p.blob().nullable(),
    successorCiphertext: encrypted().nullable(),
    successorExpiresAt: p.datetime().nullable(),
  },
  checks: [
    {
      name: 'refresh_tokens_successor_named',
      expression: 'successor_ciphertext is null or (successor_hash is not null and successor_expires_at is not null)',
    },
  ],
  indexes: [
    { name: 'refresh_tokens_session', properties: ['session'] },
    { name: 'refresh_tokens_successor_window', properties: ['successorExpiresAt'], where: 'successor_ciphertext is not null' },
  ],
  rowLevelSecurity: 'force',
  policies: [{ name: 'caller_scope', roles: [R.identity], using: visibleSession, check: visibleSession }, ownerMaintains],
});

export class RefreshToken extends RefreshTokenSchema.class {}
RefreshTokenSchema.setClass(RefreshToken);

export const refreshTokenGrants: TableGrants = { table: 'identity.refresh_tokens', roles: { [R.identity]: ['select', 'insert', 'update'] } };
