// The entity model: every table that services read or write. The migration generator diffs the
// database against it, and platform/database/entities.int.test.ts holds the two to each other.
import { AUDIT_ENTITIES, AUDIT_GRANTS } from '../../subgraphs/audit/entities/index.ts';
import { CREDENTIALS_ENTITIES, CREDENTIALS_GRANTS } from '../../subgraphs/credentials/entities/index.ts';
import { IDENTITY_ENTITIES, IDENTITY_GRANTS } from '../../subgraphs/identity/entities/index.ts';
import { SCREENING_ENTITIES, SCREENING_GRANTS } from '../../workflows/exclusion-lists/entities/index.ts';
import { FIELD_ENCRYPTION_ENTITIES, FIELD_ENCRYPTION_GRANTS } from '../field-encryption/entities/index.ts';
import { MAIL_OUTBOX_ENTITIES, MAIL_OUTBOX_GRANTS } from '../mail-outbox/entities/index.ts';
import { WEBHOOKS_OUT_ENTITIES, WEBHOOKS_OUT_GRANTS } from '../webhooks-out/entities/index.ts';

export const ENTITIES = [...IDENTITY_ENTITIES, ...CREDENTIALS_ENTITIES, ...AUDIT_ENTITIES, ...FIELD_ENCRYPTION_ENTITIES, ...MAIL_OUTBOX_ENTITIES, ...SCREENING_ENTITIES, ...WEBHOOKS_OUT_ENTITIES];

/** The privileges of the service roles on each entity's table (see row-level-security.ts). */
export const TABLE_GRANTS = [...IDENTITY_GRANTS, ...CREDENTIALS_GRANTS, ...AUDIT_GRANTS, ...FIELD_ENCRYPTION_GRANTS, ...MAIL_OUTBOX_GRANTS, ...SCREENING_GRANTS, ...WEBHOOKS_OUT_GRANTS];
