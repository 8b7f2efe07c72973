// credentials.credentialing_files: one credentialing cycle of a physician in an organization
// (initial credentialing, then a re-credentialing every 36 months), as its workflow
// (workflows/credentialing-cycle) moves it: collecting fresh verifications, ready for a decision,
// decided, back in review after a monitoring alert. The worker writes it; the graph reads it as
// the caller. The first cycle's row is written with the physician, as the request for its
// workflow (workflow_requested_at), which the verification dispatcher hands over.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { Physician } from './physician.entity.ts';
import { credentialsPolicies, VISIBLE_PHYSICIAN } from './scope.ts';

export const CREDENTIALING_KINDS = ['INITIAL', 'RECREDENTIALING'] as const;
/** LAPSED: a re-credentialing more than 30 days past due (the next cycle is an initial one); CLOSED: the file is gone. */
export const CREDENTIALING_STATUSES = ['IN_PROGRESS', 'READY', 'DECIDED', 'NEEDS_REVIEW', 'LAPSED', 'CLOSED'] as const;
export const CREDENTIALING_DECISIONS = ['APPROVED', 'DENIED', 'DEFERRED'] as const;

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
const scope = `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}`;

export const CredentialingFileSchema = defineEntity({
  name: 'CredentialingFile',
  schema: 'credentials',
  tableName: 'credentialing_files',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).updateRule('no action').deleteRule('no action'),
    physician: () => p.manyToOne(Physician).updateRule('no action').deleteRule('no action'),
    cycleNumber: p.integer().check('cycle_number >= 1'),
    kind: p.string().columnType('text'),
    status: p.string().columnType('text').default('IN_PROGRESS'),
    cycleStartedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    readySince: p.datetime().columnType('timestamptz').nullable(),
    /** The oldest primary-source check the file's readiness rests on (its age is checked against the organization's limit). */
    oldestCheckAt: p.datetime().columnType('timestamptz').nullable(),
    /** What still keeps the file from a decision: short codes (`missing:state_license`, `stale:dea_registration`, ...). */
    blockers: p.array().defaultRaw(`'{}'::text[]`),
    decision: p.string().columnType('text').nullable(),
    reasonCode: p.string().columnType('text').nullable(),
    decidedAt: p.datetime().columnType('timestamptz').nullable(),
    decidedBy: p.uuid().nullable(),
    recredentialDueAt: p.datetime().columnType('timestamptz').nullable(),
    /** How many reminders of the due date have gone out (of 180, 90 and 30 days before). */
    remindersSent: p.integer().default(0),
    /** A monitoring alert put the decided file back in review. */
    flaggedAt: p.datetime().columnType('timestamptz').nullable(),
    /** The cycle's workflow asked for (with the physician, by the migration's backfill) and when the dispatcher handed it over. */
    workflowRequestedAt: p.datetime().columnType('timestamptz').nullable(),
    workflowDispatchedAt: p.datetime().columnType('timestamptz').nullable(),
    updatedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
  checks: [
    { name: 'credentialing_files_kind_check', expression: `kind in (${quoted(CREDENTIALING_KINDS)})` },
    { name: 'credentialing_files_status_check', expression: `status in (${quoted(CREDENTIALING_STATUSES)})` },
    { name: 'credentialing_files_decision_check', expression: `decision is null or decision in (${quoted(CREDENTIALING_DECISIONS)}) and decided_at is not null and decided_by is not null and reason_code is not null` },
  ],
  uniques: [{ name: 'credentialing_files_cycle', properties: ['organization', 'physician', 'cycleNumber'] }],
  indexes: [
    { name: 'credentialing_files_requests', properties: ['workflowRequestedAt'], where: 'workflow_requested_at is not null' },
    { name: 'credentialing_files_decided', properties: ['organization', 'physician'], where: 'decided_at is not null' },
  ],
  rowLevelSecurity: 'force',
  policies: credentialsPolicies({ visible: scope, write: scope }),
});

export class CredentialingFile extends CredentialingFileSchema.class {}
CredentialingFileSchema.setClass(CredentialingFile);

// The service writes the first cycle's row with the physician (the request); the worker the rest.
export const credentialingFileGrants: TableGrants = {
  table: 'credentials.credentialing_files',
  roles: { [R.credentials]: ['select', 'insert'], [R.worker]: ['select', 'insert', 'update', 'delete'] },
};
