// audit.security_alerts: what the anomaly detectors raised over an organization's audit chain
// (domain/anomaly-detection). The worker writes them; the audit service shows them to the
// organization and records their acknowledgement. The evidence is event sequences, never contents.
import { defineEntity, p } from '@mikro-orm/core';
import { everyRow, ownerMaintains, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { DETECTORS, SEVERITIES } from '../../../domain/anomaly-detection/detectors.ts';

export const SecurityAlertSchema = defineEntity({
  name: 'SecurityAlert',
  schema: 'audit',
  tableName: 'security_alerts',
  properties: {
    id: p.uuid().primary(),
    organizationId: p.uuid(),
    detector: p.enum([...DETECTORS]),
    severity: p.enum([...SEVERITIES]),
    /** The subject and hour the detector raised it for: one alert per organization, detector and key. */
    alertKey: p.text().check('length(alert_key) <= 200'),
    subject: p.text().check('length(subject) <= 200'),
    evidenceSequences: p.json<number[]>(),
    eventCount: p.integer(),
    raisedAtSequence: p.bigint('number'),
    raisedAt: p.datetime().defaultRaw('now()'),
    acknowledgedAt: p.datetime().nullable(),
    acknowledgedBy: p.uuid().nullable(),
    acknowledgementReason: p.text().nullable().check('length(acknowledgement_reason) <= 100'),
  },
  uniques: [{ name: 'security_alerts_key', properties: ['organizationId', 'detector', 'alertKey'] }],
  indexes: [{ name: 'security_alerts_org_raised', properties: ['organizationId', 'raisedAt'] }],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), everyRow('worker_raises', R.worker), ownerMaintains],
});

export class SecurityAlert extends SecurityAlertSchema.class {}
SecurityAlertSchema.setClass(SecurityAlert);

export const securityAlertGrants: TableGrants = {
  table: 'audit.security_alerts',
  roles: {
    [R.audit]: ['select', { update: ['acknowledged_at', 'acknowledged_by', 'acknowledgement_reason'] }],
    [R.worker]: ['select', 'insert'],
  },
};
