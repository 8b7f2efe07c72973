// identity.organization_offboardings: a terminated organization's way out, one row per organization.
// Written with the termination in its transaction (so its workflow's start is never lost: a row
// whose workflow has not recorded its start is started again), then advanced by the workflow:
// the export window, a reinstatement, or the deletion and its progress, then the wait for the
// backups older than the deletion to be gone and the certificate. It outlives the deletion.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, CURRENT_ROLE, everyRow, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from './organization.entity.ts';

export const OFFBOARDING_STATUSES = ['EXPORT_WINDOW', 'REINSTATED', 'DELETING', 'AWAITING_BACKUP_EXPIRY', 'DELETED'] as const;
export type OffboardingStatus = (typeof OFFBOARDING_STATUSES)[number];

const platformAdminOrOwnOrganization = `${CURRENT_ROLE} = 'PLATFORM_ADMIN' or organization_id = ${CURRENT_ORGANIZATION}`;

export const OrganizationOffboardingSchema = defineEntity({
  name: 'OrganizationOffboarding',
  schema: 'identity',
  tableName: 'organization_offboardings',
  properties: {
    organization: () => p.manyToOne(Organization).primary().updateRule('no action').deleteRule('no action'),
    status: p.enum(OFFBOARDING_STATUSES).default('EXPORT_WINDOW'),
    terminatedAt: p.datetime(),
    exportWindowEndsAt: p.datetime(),
    /** Set by the workflow's first step: until then the termination's start is retried by the sweep. */
    workflowStartedAt: p.datetime().nullable(),
    reinstatedAt: p.datetime().nullable(),
    reinstatedBy: p.uuid().nullable(),
    deletionStartedAt: p.datetime().nullable(),
    keysDestroyedAt: p.datetime().nullable(),
    rowsDeleted: p.bigint('number').default(0),
    documentsDeleted: p.integer().default(0),
    deletedAt: p.datetime().nullable(),
    /** By when no backup older than the deletion may remain (the termination and OFFBOARDING_BACKUP_DEADLINE). */
    backupsDeadlineAt: p.datetime().nullable(),
    /** What the backup adapter showed at the last check after the deletion, and what was purged (BackupConfirmation in activities.ts). */
    backupConfirmation: p.json().nullable(),
    /** When the certificate was issued: the deletion, backups included, is done. */
    certifiedAt: p.datetime().nullable(),
    /** The certificate of deletion (domain/deletion-certificate.ts), signed with the audit signing key, once certified. */
    certificate: p.json().nullable(),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'organization_offboardings_not_started', properties: ['terminatedAt'], where: 'workflow_started_at is null' }],
  rowLevelSecurity: 'force',
  policies: [
    // Platform administrators terminate (insert) and follow every organization; owners see their own.
    { name: 'caller_scope', roles: [R.identity], using: platformAdminOrOwnOrganization, check: `${CURRENT_ROLE} = 'PLATFORM_ADMIN'` },
    ownerMaintains,
    // The worker advances the offboarding (reinstatement, deletion progress).
    everyRow('worker_offboards', R.worker),
  ],
});

export class OrganizationOffboarding extends OrganizationOffboardingSchema.class {}
OrganizationOffboardingSchema.setClass(OrganizationOffboarding);

export const organizationOffboardingGrants: TableGrants = {
  table: 'identity.organization_offboardings',
  roles: { [R.identity]: ['select', 'insert', 'update'], [R.worker]: ['select', 'update'] },
};
