// Where a physician stands against the federal exclusion lists, as of the list imports named in
// lists_as_of: the verification workflow and the graph read it; the worker's screening writes it.
import { defineEntity, p } from '@mikro-orm/core';
import { SCREENING_STATUSES } from '../../../domain/exclusion-matching.ts';
import { CURRENT_ORGANIZATION, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { Physician } from './physician.entity.ts';
import { credentialsPolicies, VISIBLE_PHYSICIAN } from './scope.ts';

export const PhysicianScreeningSchema = defineEntity({
  name: 'PhysicianScreening',
  schema: 'credentials',
  tableName: 'physician_screenings',
  properties: {
    organization: () => p.manyToOne(Organization).primary().updateRule('no action').deleteRule('no action'),
    physician: () => p.manyToOne(Physician).primary().updateRule('no action').deleteRule('no action'),
    status: p.string().columnType('text').default('NOT_SCREENED'),
    screenedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    /** The finish time of the latest completed import of each list screened against, by list. */
    listsAsOf: p.json<Record<string, string>>().defaultRaw(`'{}'`),
    /** A screening asked for (a new file, a new name, NPI or date of birth): pending while not older than screened_at. */
    requestedAt: p.datetime().nullable(),
  },
  primaryKeys: ['organization', 'physician'],
  checks: [{ name: 'physician_screenings_status_check', expression: `status in (${SCREENING_STATUSES.map((s) => `'${s}'`).join(', ')})` }],
  indexes: [
    { name: 'physician_screenings_status', properties: ['organization', 'status'] },
    { name: 'physician_screenings_requests', properties: ['requestedAt'], where: 'requested_at is not null' },
  ],
  policies: credentialsPolicies({ visible: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}`, write: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}` }),
  rowLevelSecurity: 'force',
});

export class PhysicianScreening extends PhysicianScreeningSchema.class {}
PhysicianScreeningSchema.setClass(PhysicianScreening);

export const physicianScreeningGrants: TableGrants = {
  table: 'credentials.physician_screenings',
  roles: { [R.credentials]: ['select', 'insert', 'update'], [R.worker]: ['select', 'insert', 'update', 'delete'] },
};
