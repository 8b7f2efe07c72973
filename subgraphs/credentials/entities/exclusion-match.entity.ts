// One exclusion list entry found to match a physician. An NPI match is an exclusion; a name match
// is a possible match for a person to review. cleared_at is set once the match no longer holds,
// with cleared_because: NO_LONGER_LISTED when the entry was reinstated or left the list (should the
// list name the person again, screening reopens the match), REVIEWED when a person cleared it (it
// stays cleared for that entry).
import { defineEntity, p } from '@mikro-orm/core';
import { EXCLUSION_LISTS, MATCH_CLEARED_BECAUSE, MATCHED_BY } from '../../../domain/exclusion-matching.ts';
import { CURRENT_ORGANIZATION, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { Physician } from './physician.entity.ts';
import { credentialsPolicies, VISIBLE_PHYSICIAN } from './scope.ts';

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export const ExclusionMatchSchema = defineEntity({
  name: 'ExclusionMatch',
  schema: 'credentials',
  tableName: 'exclusion_matches',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    physician: () => p.manyToOne(Physician),
    list: p.string().columnType('text'),
    /** screening.exclusion_entries.id (stable across monthly files; no foreign key, the entry may leave the list). */
    entryId: p.uuid(),
    matchedBy: p.string().columnType('text'),
    excludedOn: p.date().nullable(),
    exclusionType: p.string().columnType('text'),
    foundAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    clearedAt: p.datetime().columnType('timestamptz').nullable(),
    clearedBecause: p.string().columnType('text').nullable(),
  },
  checks: [
    { name: 'exclusion_matches_list_check', expression: `list in (${quoted(EXCLUSION_LISTS)})` },
    { name: 'exclusion_matches_matched_by_check', expression: `matched_by in (${quoted(MATCHED_BY)})` },
    { name: 'exclusion_matches_cleared_check', expression: `cleared_because in (${quoted(MATCH_CLEARED_BECAUSE)}) and cleared_at is not null or cleared_because is null` },
  ],
  uniques: [{ name: 'exclusion_matches_once', properties: ['organization', 'physician', 'entryId'] }],
  indexes: [{ name: 'exclusion_matches_open', properties: ['physician'], where: 'cleared_at is null' }],
  policies: credentialsPolicies({ visible: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}`, write: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}` }),
  rowLevelSecurity: 'force',
});

export class ExclusionMatch extends ExclusionMatchSchema.class {}
ExclusionMatchSchema.setClass(ExclusionMatch);

// A reviewer clears a possible match (cleared_at); screening itself is the worker's.
export const exclusionMatchGrants: TableGrants = {
  table: 'credentials.exclusion_matches',
  roles: { [R.credentials]: ['select', 'insert', 'update'], [R.worker]: ['select', 'insert', 'update', 'delete'] },
};
