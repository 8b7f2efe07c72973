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
