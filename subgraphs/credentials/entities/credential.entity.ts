// credentials.credentials: a license, registration, certification or insurance of a physician;
// its number is field-encrypted, with a keyed blind index for equality search.
import { defineEntity, p } from '@mikro-orm/core';
import { encrypted } from '../../../platform/field-encryption/encrypted-properties.ts';
import { CURRENT_ORGANIZATION, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { CREDENTIAL_TYPES } from '../credential-types.ts';
import { CredentialRepository } from './credential.repository.ts';
import { Physician } from './physician.entity.ts';
import { credentialsPolicies, SERVICE_WRITES, VISIBLE_PHYSICIAN } from './scope.ts';

const listed = 'removed_at is null';

export const CredentialSchema = defineEntity({
  name: 'Credential',
  schema: 'credentials',
  tableName: 'credentials',
  repository: () => CredentialRepository,
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    physician: () => p.manyToOne(Physician),
    type: p.enum(CREDENTIAL_TYPES.map((entry) => entry.type)),
    number: encrypted({ blindIndex: 'numberIndex' }),
    numberIndex: p.blob(),
    issuer: p.text().check('length(issuer) >= 1 and length(issuer) <= 200'),
    state: p.text().nullable().check(`state ~ '^[A-Z]{2}$'`),
    issuedOn: p.date().nullable(),
    expiresOn: p.date().nullable(),
    status: p.enum(['PENDING', 'NEEDS_REVIEW', 'VERIFIED', 'SOURCE_UNAVAILABLE', 'REJECTED', 'EXPIRED']).default('PENDING'),
    reviewReasons: p.array().defaultRaw(`'{}'::text[]`),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    removedAt: p.datetime().nullable(),
    /** A verification asked for (written with the change that needs it) and when the dispatcher handed it to the credential's workflow. */
    verificationRequestedAt: p.datetime().nullable(),
    verificationDispatchedAt: p.datetime().nullable(),
    verifiedAt: p.datetime().nullable(),
    nextReminderAt: p.datetime().nullable(),
    remindedAt: p.datetime().nullable(),
  },
  checks: [{ name: 'credentials_check', expression: 'expires_on is null or issued_on is null or expires_on > issued_on' }],
  indexes: [
    { name: 'credentials_physician', properties: ['physician'], where: listed },
    { name: 'credentials_number', properties: ['organization', 'numberIndex'], where: listed },
    { name: 'credentials_expiry', properties: ['organization', 'expiresOn'], where: listed },
    { name: 'credentials_listing', properties: ['organization', 'id'], where: listed },
    { name: 'credentials_verification_requests', properties: ['verificationRequestedAt'], where: `${listed} and verification_requested_at is not null` },
  ],
  rowLevelSecurity: 'force',
  policies: credentialsPolicies({
    visible: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}`,
    write: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}`,
  }),
});

export class Credential extends CredentialSchema.class {}
CredentialSchema.setClass(Credential);

export const credentialGrants: TableGrants = { table: 'credentials.credentials', roles: { ...SERVICE_WRITES } };
