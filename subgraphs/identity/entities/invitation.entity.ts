// identity.invitations: an invitation to join an organization in a role; its token stored as SHA-256 only.
import { defineEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../../platform/caller.ts';
import { CURRENT_ORGANIZATION, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from './organization.entity.ts';
import { User } from './user.entity.ts';

export const InvitationSchema = defineEntity({
  name: 'Invitation',
  schema: 'identity',
  tableName: 'invitations',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    email: p.text().check('length(email) >= 3 and length(email) <= 254 and email = lower(email)'),
    role: p.enum(ROLES),
    tokenHash: p.blob().unique(),
    invitedBy: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime(),
    acceptedAt: p.datetime().nullable(),
    acceptedBy: () => p.manyToOne(User).fieldName('accepted_by').nullable().deleteRule('no action'),
    revokedAt: p.datetime().nullable(),
    revokedBy: p.uuid().nullable(),
    /** The outbox message that carries it, withdrawn when the invitation is revoked before it left. */
    mailId: p.uuid().nullable(),
  },
  indexes: [{ name: 'invitations_org', properties: ['organization', 'createdAt'] }],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', roles: [R.identity], using: `organization_id = ${CURRENT_ORGANIZATION}`, check: `organization_id = ${CURRENT_ORGANIZATION}` },
    ownerMaintains,
  ],
});

export class Invitation extends InvitationSchema.class {}
InvitationSchema.setClass(Invitation);

export const invitationGrants: TableGrants = { table: 'identity.invitations', roles: { [R.identity]: ['select', 'insert', 'update'] } };
