// One import of an exclusion list file: what was read, from where, its SHA-256 (a file already
// imported is not imported again) and how it ended. Public reference data: no row-level security.
import { defineEntity, p } from '@mikro-orm/core';
import { R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { EXCLUSION_IMPORT_KINDS, EXCLUSION_IMPORT_STATUSES, EXCLUSION_LISTS } from '../../../domain/exclusion-matching.ts';

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export const ExclusionImportSchema = defineEntity({
  name: 'ExclusionImport',
  schema: 'screening',
  tableName: 'exclusion_imports',
  properties: {
    id: p.uuid().primary(),
    list: p.string().columnType('text'),
    kind: p.string().columnType('text'),
    /** A URL or a path, as given (no credentials: list URLs are public). */
    location: p.string().columnType('text'),
    sha256: p.string().columnType('text'),
    /** Data rows read from the file (null until the import finishes). */
    rows: p.integer().nullable(),
    status: p.string().columnType('text').default('RUNNING'),
    /** Why a failed import failed, or which import a skipped one repeats. */
    detail: p.string().columnType('text').nullable(),
    startedAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
    finishedAt: p.datetime().columnType('timestamptz').nullable(),
  },
  checks: [
    { name: 'exclusion_imports_list_check', expression: `list in (${quoted(EXCLUSION_LISTS)})` },
    { name: 'exclusion_imports_kind_check', expression: `kind in (${quoted(EXCLUSION_IMPORT_KINDS)})` },
    { name: 'exclusion_imports_status_check', expression: `status in (${quoted(EXCLUSION_IMPORT_STATUSES)})` },
    { name: 'exclusion_imports_sha256_check', expression: `sha256 ~ '^[0-9a-f]{64}$'` },
  ],
  indexes: [{ name: 'exclusion_imports_latest', properties: ['list', 'status', 'finishedAt'] }],
  // The same file is imported once: a second import of it is recorded as SKIPPED.
  uniques: [{ name: 'exclusion_imports_file_once', properties: ['list', 'kind', 'sha256'], where: `status = 'COMPLETED'` }],
});

export class ExclusionImport extends ExclusionImportSchema.class {}
ExclusionImportSchema.setClass(ExclusionImport);

// Public reference data: the credentials subgraph reads it, the worker alone writes it.
export const exclusionImportGrants: TableGrants = { table: 'screening.exclusion_imports', roles: { [R.credentials]: ['select'], [R.worker]: ['select', 'insert', 'update', 'delete'] } };
