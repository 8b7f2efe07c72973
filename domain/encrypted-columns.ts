// In domain/: a registry with no I/O of the credentials schema, read by the worker's key rotation (its workflow and its activities).
// Every encrypted column of the credentials schema, by table: what re-encryption under a new data
// key version walks. (Document contents live in storage, encrypted per file; their key versions
// stay readable because a data key version is never destroyed short of crypto-shredding.)
export const ENCRYPTED_COLUMNS = [
  { table: 'physicians', columns: ['date_of_birth', 'ssn'] },
  { table: 'credentials', columns: ['number'] },
  { table: 'webhook_subscriptions', columns: ['secret', 'previous_secret'] },
] as const;

export type EncryptedTable = (typeof ENCRYPTED_COLUMNS)[number]['table'];

/** One encrypted column of the registry: its table and a column of that table. */
export type EncryptedColumn = { [E in (typeof ENCRYPTED_COLUMNS)[number] as E['table']]: { table: E['table']; column: E['columns'][number] } }[EncryptedTable];

/**
 * The GraphQL fields whose values are these columns' plaintext, declared once: each read under an
 * operation of its own in the permission matrix, and withheld from a role the matrix denies it
 * (null, named in its record's withheldFields) by the gateway and the credentials subgraph alike.
 */
export const PROTECTED_GRAPHQL_FIELDS = [
  { type: 'Credential', field: 'number', table: 'credentials', column: 'number' },
  { type: 'Physician', field: 'dateOfBirth', table: 'physicians', column: 'date_of_birth' },
  { type: 'Physician', field: 'ssn', table: 'physicians', column: 'ssn' },
] as const satisfies readonly ({ type: string; field: string } & EncryptedColumn)[];

/** The types that have protected fields. */
export type ProtectedType = (typeof PROTECTED_GRAPHQL_FIELDS)[number]['type'];
