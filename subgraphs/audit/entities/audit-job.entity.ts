// audit.audit_jobs: chain verifications and audit exports asked for in the background, polled
// for their status. Codes, counts and hashes only: no event of the log is copied here. The audit
// service writes a request and starts its workflow; the worker's activities run it, record its
// progress in chunks and its result. An export's file is sealed under content_key, kept here
// only until the file expires (the worker's audit-job-starts sweep then erases it), so that the
// signed link made at each poll can carry it.
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, ownerMaintains, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const AuditJobSchema = defineEntity({
  name: 'AuditJob',
  schema: 'audit',
  tableName: 'audit_jobs',
  properties: {
    id: p.uuid().primary(),
    organizationId: p.uuid(),
    kind: p.enum(['CHAIN_VERIFICATION', 'EXPORT']),
    /** CHAIN_VERIFICATION: fromSequence, toSequence; EXPORT: from, to, format. */
    parameters: p.json(),
    status: p.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED']).default('QUEUED'),
    eventsDone: p.bigint('number').default(0).check('events_done >= 0'),
    eventsTotal: p.bigint('number').nullable(),
    /** CHAIN_VERIFICATION: the chain report; EXPORT: storage key, bytes, sha256, event count. */
    result: p.json().nullable(),
    /** A stable code of why it failed; null unless FAILED. */
    failure: p.text().nullable().check('length(failure) <= 64'),
    contentKey: p.blob().nullable(),
    fileExpiresAt: p.datetime().nullable(),
    requestedBy: p.uuid().nullable(),
    requestedAt: p.datetime().defaultRaw('now()'),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    /** When its workflow was started; null until then (Temporal was down: the sweep starts it). */
    workflowStartedAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'audit_jobs_org_requested', properties: ['organizationId', 'requestedAt'] },
    { name: 'audit_jobs_not_started', properties: ['workflowStartedAt', 'requestedAt'] },
  ],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), everyRow('worker_runs', R.worker), ownerMaintains],
});

export class AuditJob extends AuditJobSchema.class {}
AuditJobSchema.setClass(AuditJob);

export const auditJobGrants: TableGrants = {
  table: 'audit.audit_jobs',
  roles: { [R.audit]: ['select', 'insert', { update: ['workflow_started_at'] }], [R.worker]: ['select', 'update'] },
};
