// credentials.credentialing_exports: a credentialing file exported for the committee or an NCQA
// file audit (JSON or PDF), stored sealed with a key only its signed link carries, and deleted
// once the link has expired: each export first sweeps the organization's expired ones.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, R, everyRow, ownerMaintains, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { Physician } from './physician.entity.ts';

const own = `organization_id = ${CURRENT_ORGANIZATION}`;

export const CredentialingExportSchema = defineEntity({
  name: 'CredentialingExport',
  schema: 'credentials',
  tableName: 'credentialing_exports',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).updateRule('no action').deleteRule('no action'),
    physician: () => p.manyToOne(Physician).updateRule('no action').deleteRule('no action'),
    format: p.string().columnType('text').check(`format in ('JSON', 'PDF')`),
    storageKey: p.text(),
    requestedBy: p.uuid(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    expiresAt: p.datetime().columnType('timestamptz'),
  },
  indexes: [{ name: 'credentialing_exports_expiry', properties: ['organization', 'expiresAt'] }],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', command: 'select', roles: [R.credentials], using: own },
    { name: 'caller_inserts', command: 'insert', roles: [R.credentials], check: own },
    // The sweep deletes the organization's expired exports.
    { name: 'caller_deletes', command: 'delete', roles: [R.credentials], using: own },
    everyRow('worker_maintains', R.worker),
    ownerMaintains,
  ],
});

export class CredentialingExport extends CredentialingExportSchema.class {}
CredentialingExportSchema.setClass(CredentialingExport);

export const credentialingExportGrants: TableGrants = {
  table: 'credentials.credentialing_exports',
  roles: { [R.credentials]: ['select', 'insert', 'delete'], [R.worker]: ['select', 'insert', 'update', 'delete'] },
};
