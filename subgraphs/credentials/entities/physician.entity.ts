// credentials.physicians: a physician's file in the organization that opened it; date of birth
// and SSN are field-encrypted (bytea).
import { defineEntity, p } from '@mikro-orm/core';
import { encrypted } from '../../../platform/field-encryption/encrypted-properties.ts';
import { CURRENT_ORGANIZATION, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from '../../identity/entities/organization.entity.ts';
import { User } from '../../identity/entities/user.entity.ts';
import { Affiliation } from './affiliation.entity.ts';
import { PhysicianRepository } from './physician.repository.ts';
import { credentialsPolicies, OWN_FILE, SERVICE_WRITES, STAFF, SUPPORT_SESSION } from './scope.ts';

export const PhysicianSchema = defineEntity({
  name: 'Physician',
  schema: 'credentials',
  tableName: 'physicians',
  repository: () => PhysicianRepository,
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    /** The physician's own account, when it has one. */
    user: () => p.manyToOne(User).nullable().deleteRule('no action'),
    givenName: p.text().check('length(given_name) >= 1 and length(given_name) <= 100'),
    familyName: p.text().check('length(family_name) >= 1 and length(family_name) <= 100'),
    npi: p.text().check(`npi ~ '^[12][0-9]{9}$'`),
    dateOfBirth: encrypted().nullable(),
    ssn: encrypted().nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    /** Its affiliations (no column: the affiliation holds the key); reads join the one of the file's own organization. */
    affiliations: () => p.oneToMany(Affiliation).mappedBy('physician'),
  },
  uniques: [{ properties: ['organization', 'npi'] }, { properties: ['organization', 'user'] }],
  indexes: [{ name: 'physicians_org_name', properties: ['organization', 'familyName', 'id'] }],
  rowLevelSecurity: 'force',
  policies: credentialsPolicies({
    visible: `((${STAFF} or ${SUPPORT_SESSION}) and organization_id = ${CURRENT_ORGANIZATION} and credentials.affiliated_with_current_organization(id)) or (${OWN_FILE})`,
    write: `(${STAFF} and organization_id = ${CURRENT_ORGANIZATION}) or (${OWN_FILE})`,
    // Files are opened by the organization (before their affiliation exists), not by physicians themselves.
    insert: `${STAFF} and organization_id = ${CURRENT_ORGANIZATION}`,
  }),
});

export class Physician extends PhysicianSchema.class {}
PhysicianSchema.setClass(Physician);

export const physicianGrants: TableGrants = { table: 'credentials.physicians', roles: { ...SERVICE_WRITES } };
