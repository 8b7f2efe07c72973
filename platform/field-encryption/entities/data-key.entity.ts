// keys.data_keys: each organization's data keys (one per purpose and version), wrapped by a
// key-encryption key kept outside the database; a destroyed key keeps its row without the key.
import { defineEntity, p } from '@mikro-orm/core';
import { PLATFORM_ORGANIZATION_ID } from '../../audit.ts';
import { CURRENT_ORGANIZATION, everyRow, ownerMaintains, R, type TableGrants } from '../../database/row-level-security.ts';
import { Organization } from '../../../subgraphs/identity/entities/organization.entity.ts';

// Read when the model is discovered, not when this module loads (platform/audit.ts imports the
// database module, which imports this one).
const platformKeys = () => `organization_id = '${PLATFORM_ORGANIZATION_ID}'::uuid`;

export const DataKeySchema = defineEntity({
  name: 'DataKey',
  schema: 'keys',
  tableName: 'data_keys',
  properties: {
    organization: () => p.manyToOne(Organization).primary(),
    /** `data` encrypts fields; `index` keys the blind indexes. */
    purpose: p.enum(['data', 'index']).primary(),
    version: p.integer().primary().check('version > 0'),
    kekId: p.text().nullable(),
    wrapped: p.blob().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    rewrappedAt: p.datetime().nullable(),
    destroyedAt: p.datetime().nullable(),
  },
  primaryKeys: ['organization', 'purpose', 'version'],
  checks: [{ name: 'data_keys_check', expression: '(wrapped is null) = (destroyed_at is not null) and (kek_id is null) = (wrapped is null)' }],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'organization_keys', command: 'select', roles: [R.credentials], using: `organization_id = ${CURRENT_ORGANIZATION}` },
    { name: 'organization_creates_keys', command: 'insert', roles: [R.credentials], check: `organization_id = ${CURRENT_ORGANIZATION} and version = 1` },
    // Identity reads, and creates once, the platform organization's keys (TOTP secrets, outbox secrets), and no other.
    { name: 'platform_keys', command: 'select', roles: [R.identity], using: platformKeys },
    { name: 'platform_creates_keys', command: 'insert', roles: [R.identity], check: () => `${platformKeys()} and version = 1` },
    // The worker rotates and destroys keys.
    everyRow('worker_maintains', R.worker),
    ownerMaintains,
  ],
});

export class DataKey extends DataKeySchema.class {}
DataKeySchema.setClass(DataKey);

export const dataKeyGrants: TableGrants = {
  table: 'keys.data_keys',
  roles: { [R.credentials]: ['select', 'insert'], [R.identity]: ['select', 'insert'], [R.worker]: ['select', 'insert', 'update'] },
};
