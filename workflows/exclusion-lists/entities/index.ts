// The exclusion lists' reference data (schema `screening`): imports and entries.
import { ExclusionEntrySchema, exclusionEntryGrants } from './exclusion-entry.entity.ts';
import { ExclusionImportSchema, exclusionImportGrants } from './exclusion-import.entity.ts';

export { ExclusionEntry } from './exclusion-entry.entity.ts';
export { ExclusionImport } from './exclusion-import.entity.ts';

export const SCREENING_ENTITIES = [ExclusionImportSchema, ExclusionEntrySchema];

export const SCREENING_GRANTS = [exclusionImportGrants, exclusionEntryGrants];
