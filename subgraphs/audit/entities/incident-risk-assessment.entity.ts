// audit.incident_risk_assessments: the documented four-factor assessment of 164.402(2), as codes.
// Kept six years (164.530(j)): no role may delete one.
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { RISK_CONCLUSIONS, RISK_FACTORS } from '../../../workflows/breach-notification/codes.ts';
import { Incident } from './incident.entity.ts';

export const IncidentRiskAssessmentSchema = defineEntity({
  name: 'IncidentRiskAssessment',
  schema: 'audit',
  tableName: 'incident_risk_assessments',
  properties: {
    id: p.uuid().primary(),
    incident: () => p.manyToOne(Incident),
    organizationId: p.uuid(),
    phiNature: p.enum([...RISK_FACTORS.phiNature]),
    recipient: p.enum([...RISK_FACTORS.recipient]),
    acquisition: p.enum([...RISK_FACTORS.acquisition]),
    mitigation: p.enum([...RISK_FACTORS.mitigation]),
    conclusion: p.enum([...RISK_CONCLUSIONS]),
    assessedBy: p.uuid(),
    assessedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'incident_risk_assessments_incident', properties: ['incident'] }],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), everyRow('worker_maintains', R.worker)],
});

export class IncidentRiskAssessment extends IncidentRiskAssessmentSchema.class {}
IncidentRiskAssessmentSchema.setClass(IncidentRiskAssessment);

export const incidentRiskAssessmentGrants: TableGrants = { table: 'audit.incident_risk_assessments', roles: { [R.audit]: ['select'], [R.worker]: ['select', 'insert'] } };
