// identity.sessions: a sign-in's session in one organization and role, until it expires or is revoked.
import { defineEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../../platform/caller.ts';
import { CURRENT_ORGANIZATION, CURRENT_USER, everyRow, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from './organization.entity.ts';
import { SupportAccessGrant } from './support-access-grant.entity.ts';
import { User } from './user.entity.ts';

const ownOrOrganization = `user_id = ${CURRENT_USER} or organization_id = ${CURRENT_ORGANIZATION}`;

export const SessionSchema = defineEntity({
  name: 'Session',
  schema: 'identity',
  tableName: 'sessions',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(User),
    organization: () => p.manyToOne(Organization),
    role: p.enum(ROLES),
    /** How the sign-in was proven (RFC 8176 values: pwd, otp, ...). */
    amr: p.array(),
    mfaEnrollmentOnly: p.boolean().default(false),
    sourceIp: p.text().nullable().check('length(source_ip) <= 64'),
    createdAt: p.datetime().defaultRaw('now()'),
    lastUsedAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    revokedReason: p.text().nullable().check(`revoked_reason ~ '^[a-z][a-z_]{0,40}$'`),
    /** When its sign-in happened: a session switched to another organization keeps it. */
    authenticatedAt: p.datetime().defaultRaw('now()'),
    /** Set on a platform administrator's support session: the grant it reads under (in the granted organization). */
    supportGrant: () => p.manyToOne(SupportAccessGrant).nullable().updateRule('no action').deleteRule('no action'),
  },
  indexes: [
    { name: 'sessions_user', properties: ['user'], where: 'revoked_at is null' },
    { name: 'sessions_org_user', properties: ['organization', 'user'], where: 'revoked_at is null' },
    { name: 'sessions_revoked', properties: ['revokedAt'], where: 'revoked_at is not null' },
  ],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', roles: [R.identity], using: ownOrOrganization, check: ownOrOrganization },
    ownerMaintains,
    // The worker revokes every session of a terminated organization.
    everyRow('worker_offboards', R.worker),
  ],
});

export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);

export const sessionGrants: TableGrants = {
  table: 'identity.sessions',
  roles: { [R.identity]: ['select', 'insert', 'update'], [R.worker]: ['select', 'update'] },
};
