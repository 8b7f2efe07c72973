// credentials.verification_reviews: a verification that left doubt, waiting for a person, and the
// decision taken on it (who, in which role, when, why), recorded once through the credential's
// workflow. SUPERSEDED: a new request started the checks over before anyone decided.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, R, everyRow, ownerMaintains, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { Credential } from './credential.entity.ts';
import { VISIBLE_CREDENTIAL } from './scope.ts';

const open = 'decided_at is null';

export const VerificationReviewSchema = defineEntity({
  name: 'VerificationReview',
  schema: 'credentials',
  tableName: 'verification_reviews',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    credential: () => p.manyToOne(Credential),
    workflowRunId: p.text().check('length(workflow_run_id) >= 1 and length(workflow_run_id) <= 100'),
    reasons: p.array().check('cardinality(reasons) > 0'),
    openedAt: p.datetime().defaultRaw('now()'),
    escalatedAt: p.datetime().nullable(),
    decision: p.enum(['APPROVED', 'REJECTED', 'SUPERSEDED']).nullable(),
    reasonCode: p.text().nullable().check(`reason_code ~ '^[a-z][a-z0-9_]{0,63}$'`),
    decidedBy: p.uuid().nullable(),
    decidedByRole: p.text().nullable(),
    decidedAt: p.datetime().nullable(),
  },
  checks: [
    { name: 'verification_reviews_decided', expression: '(decision is null) = (decided_at is null)' },
    { name: 'verification_reviews_decided_by', expression: `coalesce(decision in ('APPROVED', 'REJECTED'), false) = (decided_by is not null and decided_by_role is not null and reason_code is not null)` },
  ],
  // At most one review waits per credential.
  uniques: [{ name: 'verification_reviews_open', properties: ['credential'], where: open }],
  indexes: [
    { name: 'verification_reviews_queue', properties: ['organization', 'openedAt', 'id'], where: open },
  ],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', command: 'select', roles: [R.credentials], using: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_CREDENTIAL}` },
    everyRow('worker_maintains', R.worker),
    ownerMaintains,
  ],
});

export class VerificationReview extends VerificationReviewSchema.class {}
VerificationReviewSchema.setClass(VerificationReview);

export const verificationReviewGrants: TableGrants = {
  table: 'credentials.verification_reviews',
  roles: { [R.credentials]: ['select'], [R.worker]: ['select', 'insert', 'update', 'delete'] },
};
