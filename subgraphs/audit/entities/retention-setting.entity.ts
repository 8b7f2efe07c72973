// audit.retention_settings: an organization's audit retention, never below six years (HIPAA 164.316(b)(2)).
import { defineEntity, p } from '@mikro-orm/core';
import { ownerMaintains, R, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const RetentionSettingSchema = defineEntity({
  name: 'RetentionSetting',
  schema: 'audit',
  tableName: 'retention_settings',
  properties: {
    organizationId: p.uuid().primary(),
    years: p.integer().check('years >= 6 and years <= 100'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  rowLevelSecurity: 'force',
  policies: [sameOrganization(R.audit), ownerMaintains],
});

export class RetentionSetting extends RetentionSettingSchema.class {}
RetentionSettingSchema.setClass(RetentionSetting);

export const retentionSettingGrants: TableGrants = { table: 'audit.retention_settings', roles: { [R.audit]: ['select', 'insert', 'update'] } };
