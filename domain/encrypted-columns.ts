// In domain/: names with no I/O, read by the worker's key rotation (its workflow and its
// activities), the gateway and the credentials subgraph. The encrypted columns themselves are
// declared on their entities (`encrypted()`, platform/field-encryption/encrypted-properties.ts).

/**
 * The tables of the credentials schema that have encrypted columns, in the order re-encryption
 * under a new data key version walks them (the activities read each table's columns from its
 * entity). A table is only ever added at the end, behind a patch in the workflow, so a rotation
 * under way keeps its history. Document contents live in storage, encrypted per file; their key
 * versions stay readable because a data key version is never destroyed short of crypto-shredding.
 */
export const ENCRYPTED_TABLES = ['physicians', 'credentials', 'webhook_subscriptions', 'verification_checks'] as const;

/**
 * The tables whose encrypted columns are sealed under the platform organization's keys (TOTP
 * secrets; a rotated refresh token's successor, kept 30 seconds; a waiting mail's link secret):
 * the platform's data key is not rotated, so the rotation does not walk them.
 */
export const PLATFORM_ENCRYPTED_TABLES = ['identity.refresh_tokens', 'identity.users', 'mail.outbox'] as const;

/** The tables a rotation started before verification evidence was re-encrypted walks. */
export const ENCRYPTED_TABLES_BEFORE_EVIDENCE = ENCRYPTED_TABLES.slice(0, 3);

export type EncryptedTable = (typeof ENCRYPTED_TABLES)[number];

/**
 * The GraphQL fields whose values are encrypted columns' plaintext, declared once: each the
 * encrypted property of the same name on the entity of the same name as its type, read under an
 * operation of its own in the permission matrix, and withheld from a role the matrix denies it
 * (null, named in its record's withheldFields) by the gateway and the credentials subgraph alike.
 */
export const PROTECTED_GRAPHQL_FIELDS = [
  { type: 'Credential', field: 'number' },
  { type: 'Physician', field: 'dateOfBirth' },
  { type: 'Physician', field: 'ssn' },
] as const satisfies readonly { type: string; field: string }[];

/** The types that have protected fields. */
export type ProtectedType = (typeof PROTECTED_GRAPHQL_FIELDS)[number]['type'];
