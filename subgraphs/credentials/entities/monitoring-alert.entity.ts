// credentials.monitoring_alerts: the monthly monitoring of decided files found a new exclusion
// match (one alert per match as found; a match reopened later is a new alert). Raised by the
// worker after each exclusion-list import's screening; acknowledged by a person with a reason code.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { CredentialingFile } from './credentialing-file.entity.ts';
import { Physician } from './physician.entity.ts';
import { credentialsPolicies, VISIBLE_PHYSICIAN } from './scope.ts';

const scope = `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}`;

export const MonitoringAlertSchema = defineEntity({
  name: 'MonitoringAlert',
  schema: 'credentials',
  tableName: 'monitoring_alerts',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).updateRule('no action').deleteRule('no action'),
    physician: () => p.manyToOne(Physician).updateRule('no action').deleteRule('no action'),
    file: () => p.manyToOne(CredentialingFile).updateRule('no action').deleteRule('no action'),
    /** credentials.exclusion_matches.id, and when that match was found. */
    matchId: p.uuid(),
    matchFoundAt: p.datetime().columnType('timestamptz'),
    list: p.string().columnType('text'),
    matchedBy: p.string().columnType('text'),
    raisedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    acknowledgedAt: p.datetime().columnType('timestamptz').nullable(),
    acknowledgedBy: p.uuid().nullable(),
    acknowledgeReason: p.string().columnType('text').nullable(),
  },
  checks: [{
    name: 'monitoring_alerts_acknowledged_check',
    expression: `(acknowledged_at is null and acknowledged_by is null and acknowledge_reason is null) or (acknowledged_at is not null and acknowledged_by is not null and acknowledge_reason ~ '^[a-z][a-z0-9_]{0,63}$')`,
  }],
  uniques: [{ name: 'monitoring_alerts_once', properties: ['matchId', 'matchFoundAt'] }],
  indexes: [{ name: 'monitoring_alerts_listing', properties: ['organization', 'raisedAt'] }],
  rowLevelSecurity: 'force',
  policies: credentialsPolicies({ visible: scope, write: scope }),
});

export class MonitoringAlert extends MonitoringAlertSchema.class {}
MonitoringAlertSchema.setClass(MonitoringAlert);

// A person acknowledges (update); the worker raises.
export const monitoringAlertGrants: TableGrants = {
  table: 'credentials.monitoring_alerts',
  roles: { [R.credentials]: ['select', 'update'], [R.worker]: ['select', 'insert', 'update', 'delete'] },
};
