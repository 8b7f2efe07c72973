// credentials.verification_settings: how an organization runs its verification reviews (the
// window after which an undecided review is escalated to its admins; without one, the worker's
// default VERIFICATION_REVIEW_HOURS) and whether it acts as a credentials verification
// organization (its primary-source verifications must then be at most 90 days old at a
// credentialing decision instead of 120).
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, R, everyRow, ownerMaintains, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';

const own = `organization_id = ${CURRENT_ORGANIZATION}`;

export const VerificationSettingSchema = defineEntity({
  name: 'VerificationSetting',
  schema: 'credentials',
  tableName: 'verification_settings',
  properties: {
    organization: () => p.manyToOne(Organization).primary().updateRule('no action').deleteRule('no action'),
    reviewWindowHours: p.integer().nullable().check('review_window_hours >= 1 and review_window_hours <= 2160'),
    actsAsCvo: p.boolean().default(false),
    updatedBy: p.uuid().nullable(),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  primaryKeys: ['organization'],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', command: 'select', roles: [R.credentials], using: own },
    { name: 'caller_inserts', command: 'insert', roles: [R.credentials], check: own },
    { name: 'caller_updates', command: 'update', roles: [R.credentials], using: own, check: own },
    everyRow('worker_maintains', R.worker),
    ownerMaintains,
  ],
});

export class VerificationSetting extends VerificationSettingSchema.class {}
VerificationSettingSchema.setClass(VerificationSetting);

export const verificationSettingGrants: TableGrants = {
  table: 'credentials.verification_settings',
  roles: { [R.credentials]: ['select', 'insert', 'update'], [R.worker]: ['select', 'insert', 'update', 'delete'] },
};
