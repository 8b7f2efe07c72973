// identity.mfa_challenges: the second step of a sign-in, named by a secret stored as SHA-256 only.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_USER, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from './organization.entity.ts';
import { User } from './user.entity.ts';

export const MfaChallengeSchema = defineEntity({
  name: 'MfaChallenge',
  schema: 'identity',
  tableName: 'mfa_challenges',
  properties: {
    tokenHash: p.blob().primary(),
    user: () => p.manyToOne(User),
    organization: () => p.manyToOne(Organization),
    sourceIp: p.text().nullable().check('length(source_ip) <= 64'),
    createdAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    failedAttempts: p.integer().default(0),
  },
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', roles: [R.identity], using: `user_id = ${CURRENT_USER}`, check: `user_id = ${CURRENT_USER}` },
    ownerMaintains,
  ],
});

export class MfaChallenge extends MfaChallengeSchema.class {}
MfaChallengeSchema.setClass(MfaChallenge);

export const mfaChallengeGrants: TableGrants = { table: 'identity.mfa_challenges', roles: { [R.identity]: ['select', 'insert', 'update'] } };
