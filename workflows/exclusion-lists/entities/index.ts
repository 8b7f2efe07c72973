// The entities of exclusion screening: the lists' reference data (schema `screening`) and the
// per-physician results (schema `credentials`), for the ORM of the worker and of the credentials
// subgraph, and for the schema SQL of Migration20261201220000_exclusion_lists.
import { ExclusionMatchSchema } from '../../../subgraphs/credentials/entities/exclusion-match.entity.ts';
import { PhysicianScreeningSchema } from '../../../subgraphs/credentials/entities/physician-screening.entity.ts';
import { ExclusionEntrySchema } from './exclusion-entry.entity.ts';
import { ExclusionImportSchema } from './exclusion-import.entity.ts';

export const EXCLUSION_SCREENING_ENTITIES = [ExclusionImportSchema, ExclusionEntrySchema, PhysicianScreeningSchema, ExclusionMatchSchema];
