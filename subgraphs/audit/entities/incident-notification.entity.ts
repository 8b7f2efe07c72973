// audit.incident_notifications: each notification made for an incident's obligations, recorded
// by its workflow (the update that marks the obligation met).
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Incident } from './incident.entity.ts';
import { OBLIGATION_KINDS } from '../../../domain/breach-notification/obligations.ts';
import { NOTICE_METHODS } from '../../../workflows/breach-notification/codes.ts';

export const IncidentNotificationSchema = defineEntity({
  name: 'IncidentNotification',
  schema: 'audit',
  tableName: 'incident_notifications',
  properties: {
    id: p.uuid().primary(),
    incident: () => p.manyToOne(Incident),
    organizationId: p.uuid(),
    obligation: p.enum([...OBLIGATION_KINDS]),
    /** How the notice was given (a code). */
    method: p.enum([...NOTICE_METHODS]).nullable(),
    /** A document of the organization that evidences it (a letter, a portal receipt). */
    evidenceDocumentId: p.uuid().nullable(),
    jurisdiction: p.text().nullable().check(`jurisdiction ~ '^[A-Z]{2}$'`),
    notifiedAt: p.datetime(),
    recordedBy: p.uuid(),
    recordedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'incident_notifications_incident', properties: ['incident'] }],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), everyRow('worker_maintains', R.worker)],
});

export class IncidentNotification extends IncidentNotificationSchema.class {}
IncidentNotificationSchema.setClass(IncidentNotification);

export const incidentNotificationGrants: TableGrants = { table: 'audit.incident_notifications', roles: { [R.audit]: ['select'], [R.worker]: ['select', 'insert'] } };
