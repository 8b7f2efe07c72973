// audit.incident_reviews: an incident's post-incident review, one per incident: its root cause as
// a code and a short summary checked for what looks like PHI (see ../reviews.ts), shareable with
// the affected parties as a PDF.
import { defineEntity, p } from '@mikro-orm/core';
import { R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { ROOT_CAUSES } from '../../../workflows/breach-notification/codes.ts';
import { Incident } from './incident.entity.ts';

export const IncidentReviewSchema = defineEntity({
  name: 'IncidentReview',
  schema: 'audit',
  tableName: 'incident_reviews',
  properties: {
    incident: () => p.manyToOne(Incident).primary(),
    organizationId: p.uuid(),
    rootCause: p.enum([...ROOT_CAUSES]),
    summary: p.text().check('length(summary) <= 2000'),
    writtenBy: p.uuid(),
    writtenAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit)],
});

export class IncidentReview extends IncidentReviewSchema.class {}
IncidentReviewSchema.setClass(IncidentReview);

export const incidentReviewGrants: TableGrants = { table: 'audit.incident_reviews', roles: { [R.audit]: ['select', 'insert', { update: ['root_cause', 'summary', 'written_by', 'updated_at'] }] } };
