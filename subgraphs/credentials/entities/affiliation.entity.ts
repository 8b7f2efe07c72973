// credentials.affiliations: which organizations a physician works with, and since when.
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { Physician } from './physician.entity.ts';
import { credentialsPolicies, SERVICE_WRITES, STAFF, VISIBLE_PHYSICIAN } from './scope.ts';

export const AffiliationSchema = defineEntity({
  name: 'Affiliation',
  schema: 'credentials',
  tableName: 'affiliations',
  properties: {
    // No cascades (MikroORM's default for a key made of relations): the migration made none.
    organization: () => p.manyToOne(Organization).primary().updateRule('no action').deleteRule('no action'),
    physician: () => p.manyToOne(Physician).primary().updateRule('no action').deleteRule('no action'),
    status: p.enum(['ACTIVE', 'INACTIVE']).default('ACTIVE'),
    startedOn: p.date().defaultRaw('current_date'),
    endedOn: p.date().nullable(),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  primaryKeys: ['organization', 'physician'],
  rowLevelSecurity: 'force',
  policies: credentialsPolicies({
    visible: `organization_id = ${CURRENT_ORGANIZATION} and ${VISIBLE_PHYSICIAN}`,
    write: `organization_id = ${CURRENT_ORGANIZATION} and ${STAFF}`,
  }),
});

export class Affiliation extends AffiliationSchema.class {}
AffiliationSchema.setClass(Affiliation);

export const affiliationGrants: TableGrants = { table: 'credentials.affiliations', roles: { ...SERVICE_WRITES } };
