// audit.security_alert_settings: an organization's anomaly thresholds and working hours, set by
// its owners. Without a row, the defaults of domain/anomaly-detection; the time zone is the
// organization's one (audit.incident_settings).
import { defineEntity, p } from '@mikro-orm/core';
import { ownerMaintains, R, readsEveryRow, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const SecurityAlertSettingSchema = defineEntity({
  name: 'SecurityAlertSetting',
  schema: 'audit',
  tableName: 'security_alert_settings',
  properties: {
    organizationId: p.uuid().primary(),
    viewFloor: p.integer().check('view_floor >= 1 and view_floor <= 1000000'),
    viewMultiplier: p.integer().check('view_multiplier >= 2 and view_multiplier <= 1000'),
    denialThreshold: p.integer().check('denial_threshold >= 2 and denial_threshold <= 100000'),
    stuffingAccountThreshold: p.integer().check('stuffing_account_threshold >= 2 and stuffing_account_threshold <= 100000'),
    workingHoursStart: p.integer().check('working_hours_start >= 0 and working_hours_start <= 23'),
    workingHoursEnd: p.integer().check('working_hours_end >= 1 and working_hours_end <= 24'),
    /** Bit 0 Monday .. bit 6 Sunday. */
    workingDays: p.integer().check('working_days >= 1 and working_days <= 127'),
    updatedAt: p.datetime().defaultRaw('now()'),
    updatedBy: p.uuid().nullable(),
  },
  checks: [{ name: 'working_hours_order', expression: 'working_hours_start < working_hours_end' }],
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), readsEveryRow('worker_reads', R.worker), ownerMaintains],
});

export class SecurityAlertSetting extends SecurityAlertSettingSchema.class {}
SecurityAlertSettingSchema.setClass(SecurityAlertSetting);

export const securityAlertSettingGrants: TableGrants = { table: 'audit.security_alert_settings', roles: { [R.audit]: ['select', 'insert', 'update'], [R.worker]: ['select'] } };
