// audit.incident_delays: law-enforcement statements that hold an incident's notices (164.412):
// who stated it and when, kept as the documentation the rule asks for.
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { DELAY_KINDS } from '../../../workflows/breach-notification/codes.ts';
import { Incident } from './incident.entity.ts';

export const IncidentDelaySchema = defineEntity({
  name: 'IncidentDelay',
  schema: 'audit',
  tableName: 'incident_delays',
  properties: {
    id: p.uuid().primary(),
    incident: () => p.manyToOne(Incident),
    organizationId: p.uuid(),
    kind: p.enum([...DELAY_KINDS]),
    statedAt: p.datetime(),
    until: p.datetime().nullable(),
    agency: p.text().check('length(agency) <= 100'),
    officer: p.text().nullable().check('length(officer) <= 100'),
    recordedBy: p.uuid(),
    recordedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'incident_delays_incident', properties: ['incident'] }],
  checks: [{ name: 'incident_delays_written_until', expression: `kind <> 'WRITTEN' or until is not null` }],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), everyRow('worker_maintains', R.worker)],
});

export class IncidentDelay extends IncidentDelaySchema.class {}
IncidentDelaySchema.setClass(IncidentDelay);

export const incidentDelayGrants: TableGrants = { table: 'audit.incident_delays', roles: { [R.audit]: ['select'], [R.worker]: ['select', 'insert'] } };
