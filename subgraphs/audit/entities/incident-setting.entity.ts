// audit.incident_settings: an organization's defaults for its incidents (the identity schema keeps
// no time zone or contract setting): its customers' contractual notice window and its time zone.
// Without a row, 72 hours and America/New_York.
import { defineEntity, p } from '@mikro-orm/core';
import { ownerMaintains, R, readsEveryRow, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const INCIDENT_SETTING_DEFAULTS = { contractNoticeHours: 72, timeZone: 'America/New_York' } as const;

export const IncidentSettingSchema = defineEntity({
  name: 'IncidentSetting',
  schema: 'audit',
  tableName: 'incident_settings',
  properties: {
    organizationId: p.uuid().primary(),
    contractNoticeHours: p.integer().default(72).check('contract_notice_hours >= 1 and contract_notice_hours <= 8760'),
    timeZone: p.text().default('America/New_York').check('length(time_zone) <= 64'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), readsEveryRow('worker_reads', R.worker), ownerMaintains],
});

export class IncidentSetting extends IncidentSettingSchema.class {}
IncidentSettingSchema.setClass(IncidentSetting);

export const incidentSettingGrants: TableGrants = { table: 'audit.incident_settings', roles: { [R.audit]: ['select', 'insert', 'update'], [R.worker]: ['select'] } };
