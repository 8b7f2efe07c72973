// Constraint and index names as PostgreSQL gives them when a migration names none
// (`<table>_pkey`, `<table>_<columns>_fkey`, `<table>_<columns>_key`, `<table>_<column>_check`,
// `<table>_<columns>_idx`), so the entity model names what the hand-written migrations made, and
// a generated migration names its constraints the same way. Columns are snake_case.
import { UnderscoreNamingStrategy } from '@mikro-orm/core';

type ConstraintKind = Parameters<UnderscoreNamingStrategy['indexName']>[2];

const POSTGRES_SUFFIXES: Partial<Record<ConstraintKind, string>> = { foreign: 'fkey', unique: 'key', index: 'idx' };

export class PostgresNamingStrategy extends UnderscoreNamingStrategy {
  override indexName(tableName: string, columns: string[], type: ConstraintKind): string {
    return super.indexName(tableName, columns, (POSTGRES_SUFFIXES[type] ?? type) as ConstraintKind);
  }
}
