// credentials.documents: a credential's supporting file (kept encrypted in storage, named by storage_key).
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { Credential } from './credential.entity.ts';
import { credentialsPolicies, SERVICE_WRITES, VISIBLE_CREDENTIAL } from './scope.ts';

export const DocumentSchema = defineEntity({
  name: 'Document',
  schema: 'credentials',
  tableName: 'documents',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    credential: () => p.manyToOne(Credential),
    status: p.enum(['AWAITING_UPLOAD', 'STORED']).default('AWAITING_UPLOAD'),
    contentType: p.enum(['application/pdf', 'image/png', 'image/jpeg']).nullable(),
    sizeBytes: p.integer().nullable().check('size_bytes > 0'),
    sha256: p.blob().nullable(),
    storageKey: p.text().nullable(),
    uploadExpiresAt: p.datetime(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    storedAt: p.datetime().nullable(),
    removedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'documents_credential', properties: ['credential'] }],
  rowLevelSecurity: 'force',
  policies: credentialsPolicies({
    visible: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_CREDENTIAL}`,
    write: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_CREDENTIAL}`,
  }),
});

export class Document extends DocumentSchema.class {}
DocumentSchema.setClass(Document);

export const documentGrants: TableGrants = { table: 'credentials.documents', roles: { ...SERVICE_WRITES } };
