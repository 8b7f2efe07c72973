// One person or business on a federal exclusion list (OIG LEIE or SAM.gov), with the normalised
// name parts that screening looks up and the raw row as published. Public reference data: no
// row-level security. The id is derived from the entry's identifying fields (see entryIdOf), so a
// person keeps the same id from one monthly file to the next and matches stay linked to it.
import { defineEntity, p } from '@mikro-orm/core';
import { R, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { EXCLUSION_LISTS } from '../../../domain/exclusion-matching.ts';
import { ExclusionImport } from './exclusion-import.entity.ts';

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export const ExclusionEntrySchema = defineEntity({
  name: 'ExclusionEntry',
  schema: 'screening',
  tableName: 'exclusion_entries',
  properties: {
    id: p.uuid().primary(),
    list: p.string().columnType('text'),
    /** Normalised names (accents, punctuation and suffixes removed); the last name's parts and whole, for lookup. */
    lastName: p.string().columnType('text').nullable(),
    lastNameKeys: p.array().columnType('text[]').defaultRaw(`'{}'`),
    firstName: p.string().columnType('text').nullable(),
    middleName: p.string().columnType('text').nullable(),
    businessName: p.string().columnType('text').nullable(),
    /** Null where the list gives none (LEIE's 0000000000 is stored as null, never matched on). */
    npi: p.string().columnType('text').nullable(),
    dateOfBirth: p.date().nullable(),
    state: p.string().columnType('text').nullable(),
    excludedOn: p.date().nullable(),
    reinstatedOn: p.date().nullable(),
    /** SAM's Termination Date, where it is a date (not "Indefinite"): the exclusion ends then. */
    terminatesOn: p.date().nullable(),
    exclusionType: p.string().columnType('text'),
    /** LEIE's GENERAL and SPECIALTY. */
    general: p.string().columnType('text').nullable(),
    specialty: p.string().columnType('text').nullable(),
    /** SAM's Excluding Agency. */
    agency: p.string().columnType('text').nullable(),
    raw: p.json<Record<string, string>>(),
    /** The import that stored the row as it is now. */
    import: () => p.manyToOne(ExclusionImport).ref(),
  },
  checks: [
    { name: 'exclusion_entries_list_check', expression: `list in (${quoted(EXCLUSION_LISTS)})` },
    { name: 'exclusion_entries_npi_check', expression: `npi ~ '^[0-9]{10}$' and npi <> '0000000000'` },
    { name: 'exclusion_entries_state_check', expression: `state ~ '^[A-Z]{2}$'` },
  ],
  indexes: [
    { name: 'exclusion_entries_npi', properties: ['npi'], where: 'npi is not null' },
    { name: 'exclusion_entries_birth', properties: ['dateOfBirth'], where: 'date_of_birth is not null' },
    // LEIE name matches need a date of birth, which its index finds; SAM's need the surname alone.
    { name: 'exclusion_entries_sam_last_name_keys', properties: ['lastNameKeys'], type: 'gin', where: `list = 'SAM'` },
  ],
});

export class ExclusionEntry extends ExclusionEntrySchema.class {}
ExclusionEntrySchema.setClass(ExclusionEntry);

// Public reference data: the credentials subgraph reads it, the worker alone writes it.
export const exclusionEntryGrants: TableGrants = { table: 'screening.exclusion_entries', roles: { [R.credentials]: ['select'], [R.worker]: ['select', 'insert', 'update', 'delete', 'maintain'] } };
