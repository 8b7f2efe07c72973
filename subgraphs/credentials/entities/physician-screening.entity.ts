// Where a physician stands against the federal exclusion lists, as of the list imports named in
// lists_as_of: the verification workflow and the graph read it; the worker's screening writes it.
import { defineEntity, p } from '@mikro-orm/core';
import { SCREENING_STATUSES } from '../../../domain/exclusion-matching.ts';
import { physicianRowPolicies } from './credential-policies.ts';

export const PhysicianScreeningSchema = defineEntity({
  name: 'PhysicianScreening',
  schema: 'credentials',
  tableName: 'physician_screenings',
  properties: {
    organizationId: p.uuid().primary(),
    physicianId: p.uuid().primary(),
    status: p.string().columnType('text').default('NOT_SCREENED'),
    screenedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    /** The finish time of the latest completed import of each list screened against, by list. */
    listsAsOf: p.json<Record<string, string>>().defaultRaw(`'{}'`),
  },
  primaryKeys: ['organizationId', 'physicianId'],
  checks: [{ name: 'physician_screenings_status_check', expression: `status in (${SCREENING_STATUSES.map((s) => `'${s}'`).join(', ')})` }],
  indexes: [{ name: 'physician_screenings_status', properties: ['organizationId', 'status'] }],
  policies: physicianRowPolicies(),
  rowLevelSecurity: 'force',
});

export class PhysicianScreening extends PhysicianScreeningSchema.class {}
PhysicianScreeningSchema.setClass(PhysicianScreening);
