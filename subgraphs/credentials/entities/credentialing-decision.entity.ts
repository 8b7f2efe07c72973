// credentials.credentialing_decisions: every decision taken on a credentialing file (a deferral,
// then an approval; a denial after a monitoring alert), never changed: the committee's record.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, R, everyRow, ownerMaintains, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { CREDENTIALING_DECISIONS, CredentialingFile } from './credentialing-file.entity.ts';
import { Physician } from './physician.entity.ts';
import { VISIBLE_PHYSICIAN } from './scope.ts';

export const CredentialingDecisionSchema = defineEntity({
  name: 'CredentialingDecision',
  schema: 'credentials',
  tableName: 'credentialing_decisions',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).updateRule('no action').deleteRule('no action'),
    physician: () => p.manyToOne(Physician).updateRule('no action').deleteRule('no action'),
    file: () => p.manyToOne(CredentialingFile).updateRule('no action').deleteRule('no action'),
    decision: p.string().columnType('text'),
    reasonCode: p.string().columnType('text').check(`reason_code ~ '^[a-z][a-z0-9_]{0,63}$'`),
    decidedBy: p.uuid(),
    decidedByRole: p.string().columnType('text'),
    decidedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    /** The oldest primary-source check the decision rested on. */
    oldestCheckAt: p.datetime().columnType('timestamptz').nullable(),
  },
  checks: [{ name: 'credentialing_decisions_decision_check', expression: `decision in (${CREDENTIALING_DECISIONS.map((d) => `'${d}'`).join(', ')})` }],
  indexes: [{ name: 'credentialing_decisions_file', properties: ['file', 'decidedAt'] }],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', command: 'select', roles: [R.credentials], using: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}` },
    everyRow('worker_maintains', R.worker),
    ownerMaintains,
  ],
});

export class CredentialingDecision extends CredentialingDecisionSchema.class {}
CredentialingDecisionSchema.setClass(CredentialingDecision);

export const credentialingDecisionGrants: TableGrants = {
  table: 'credentials.credentialing_decisions',
  roles: { [R.credentials]: ['select'], [R.worker]: ['select', 'insert', 'update', 'delete'] },
};
