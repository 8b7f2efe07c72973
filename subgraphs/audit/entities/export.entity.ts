// audit.exports: audit exports on file, while they are written and until their link expires.
// The audit service sees its organization's rows, and any organization's expired ones, which it
// deletes with their files.
import { defineEntity, p } from '@mikro-orm/core';
import { ownerMaintains, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';

// Expired: the link has expired, or the writing was abandoned an hour ago (the service stopped
// mid-export). The interval is written as PostgreSQL prints it back, so the model compares equal.
const expired = `expires_at < now() or (status = 'WRITING' and started_at < now() - '01:00:00'::interval)`;

export const AuditExportSchema = defineEntity({
  name: 'AuditExport',
  schema: 'audit',
  tableName: 'exports',
  properties: {
    id: p.uuid().primary(),
    organizationId: p.uuid(),
    requestedBy: p.uuid().nullable(),
    status: p.enum(['WRITING', 'READY']).default('WRITING'),
    storageKey: p.text().nullable().check('length(storage_key) <= 200'),
    startedAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'exports_org_status', properties: ['organizationId', 'status'] },
    { name: 'exports_expiry', properties: ['expiresAt'] },
  ],
  rowLevelSecurity: 'force',
  policies: [
    sameOrganization(R.audit),
    { name: 'sweep_sees_expired', command: 'select', roles: [R.audit], using: expired },
    { name: 'sweep_deletes_expired', command: 'delete', roles: [R.audit], using: expired },
    // The file of a finished export job, registered so that the sweep deletes it when it expires.
    { name: 'worker_registers_job_files', command: 'insert', roles: [R.worker], check: `status = 'READY'` },
    ownerMaintains,
  ],
});

export class AuditExport extends AuditExportSchema.class {}
AuditExportSchema.setClass(AuditExport);

export const auditExportGrants: TableGrants = { table: 'audit.exports', roles: { [R.audit]: ['select', 'insert', 'update', 'delete'], [R.worker]: ['insert'] } };
