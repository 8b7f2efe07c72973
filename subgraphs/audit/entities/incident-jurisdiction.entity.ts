// audit.incident_jurisdictions: how many people an incident affects in each state.
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Incident } from './incident.entity.ts';

export const IncidentJurisdictionSchema = defineEntity({
  name: 'IncidentJurisdiction',
  schema: 'audit',
  tableName: 'incident_jurisdictions',
  properties: {
    incident: () => p.manyToOne(Incident).primary(),
    organizationId: p.uuid(),
    jurisdiction: p.text().primary().check(`jurisdiction ~ '^[A-Z]{2}$'`),
    affectedCount: p.integer().check('affected_count >= 0'),
  },
  primaryKeys: ['incident', 'jurisdiction'],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), everyRow('worker_maintains', R.worker)],
});

export class IncidentJurisdiction extends IncidentJurisdictionSchema.class {}
IncidentJurisdictionSchema.setClass(IncidentJurisdiction);

export const incidentJurisdictionGrants: TableGrants = { table: 'audit.incident_jurisdictions', roles: { [R.audit]: ['select', 'insert'], [R.worker]: ['select', 'insert', 'update', 'delete'] } };
