// credentials.verifications: each primary-source check of a credential, and each review decision.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { Credential } from './credential.entity.ts';
import { credentialsPolicies, SERVICE_WRITES, VISIBLE_CREDENTIAL } from './scope.ts';

export const VerificationSchema = defineEntity({
  name: 'Verification',
  schema: 'credentials',
  tableName: 'verifications',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    credential: () => p.manyToOne(Credential),
    source: p.text(),
    outcome: p.enum(['VERIFIED', 'NOT_FOUND', 'MISMATCH', 'ERROR', 'REVIEW_APPROVED', 'REVIEW_REJECTED']),
    detail: p.text().nullable(),
    checkedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'verifications_credential', properties: ['credential', 'checkedAt'] }],
  rowLevelSecurity: 'force',
  policies: credentialsPolicies({
    visible: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_CREDENTIAL}`,
    write: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_CREDENTIAL}`,
  }),
});

export class Verification extends VerificationSchema.class {}
VerificationSchema.setClass(Verification);

// A verification is a record: the service adds it and never changes it.
export const verificationGrants: TableGrants = {
  table: 'credentials.verifications',
  roles: { [R.credentials]: ['select', 'insert'], [R.worker]: SERVICE_WRITES[R.worker] },
};
