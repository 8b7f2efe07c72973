// identity.organization_exports: a terminated organization's data exports, asked for by its owners
// during the export window (subgraphs/identity/organization-export.ts). The row is the request to
// build it (its workflow is started after the commit, and again by a sweep while it has not
// recorded its start), then the worker's record of the build: the sealed package in storage, its
// size, digest and counts. It holds the recipient's public key and, for a passphrase, the private
// key wrapped under it (domain/organization-export-package.ts), never the passphrase. Deleted with
// the organization's data at the end of the window; a package outlives its window nowhere (its
// workflow removes it then, when the organization was reinstated too).
import { defineEntity, p } from '@mikro-orm/core';
import { CURRENT_ORGANIZATION, CURRENT_ROLE, everyRow, ownerMaintains, R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { Organization } from './organization.entity.ts';

/** EXPIRED: the window it was made for has ended (reinstated, or being deleted) and its package is removed. */
export const ORGANIZATION_EXPORT_STATUSES = ['REQUESTED', 'BUILDING', 'READY', 'FAILED', 'EXPIRED'] as const;
export type OrganizationExportStatus = (typeof ORGANIZATION_EXPORT_STATUSES)[number];

const ownerOfOrganization = `${CURRENT_ROLE} = 'ORG_OWNER' and organization_id = ${CURRENT_ORGANIZATION}`;

export const OrganizationExportSchema = defineEntity({
  name: 'OrganizationExport',
  schema: 'identity',
  tableName: 'organization_exports',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).updateRule('no action').deleteRule('no action'),
    requestedBy: p.uuid(),
    status: p.enum(ORGANIZATION_EXPORT_STATUSES).default('REQUESTED'),
    /** The X25519 public key the package is sealed to (raw, base64): the owner's, or the one made for a passphrase. */
    recipientPublicKey: p.text().check('length(recipient_public_key) = 44'),
    /** For a passphrase: the private key wrapped under it (domain/organization-export-package.ts); null for the owner's own key. */
    wrappedKey: p.json().nullable(),
    /** Set by the workflow's first step: until then the request's start is retried by the sweep. */
    workflowStartedAt: p.datetime().nullable(),
    storageKey: p.text().nullable(),
    bytes: p.bigint('number').nullable(),
    /** SHA-256 of the sealed package, hex. */
    sha256: p.text().nullable(),
    /** How many records of each kind the package holds. */
    counts: p.json().nullable(),
    /** Why the build failed, as a code; null unless FAILED. */
    failureCode: p.text().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    readyAt: p.datetime().nullable(),
    /** Until when the package may be fetched: the end of the export window. */
    expiresAt: p.datetime(),
  },
  indexes: [
    { name: 'organization_exports_organization', properties: ['organization', 'createdAt'] },
    { name: 'organization_exports_not_started', properties: ['createdAt'], where: 'workflow_started_at is null' },
  ],
  rowLevelSecurity: 'force',
  policies: [
    // An owner asks for its organization's exports; owners and platform administrators follow them (as the offboarding).
    { name: 'caller_scope', command: 'select', roles: [R.identity], using: `${CURRENT_ROLE} = 'PLATFORM_ADMIN' or organization_id = ${CURRENT_ORGANIZATION}` },
    { name: 'owner_requests', command: 'insert', roles: [R.identity], check: ownerOfOrganization },
    ownerMaintains,
    // The worker builds them.
    everyRow('worker_exports', R.worker),
  ],
});

export class OrganizationExport extends OrganizationExportSchema.class {}
OrganizationExportSchema.setClass(OrganizationExport);

export const organizationExportGrants: TableGrants = {
  table: 'identity.organization_exports',
  roles: { [R.identity]: ['select', 'insert'], [R.worker]: ['select', 'update'] },
};
