// The entity model against a database: the SQL that brings the database to the model (and back),
// and the committed snapshot of the model, in the form MikroORM's migrator stores (`snapshot`,
// `snapshotName: '.snapshot-credence'`), so a change of the model shows in review as a change of
// that file beside its migration.
import { DatabaseSchema } from '@mikro-orm/postgresql';
import type { MikroORM } from './orm.ts';

export const SNAPSHOT_FILE = '.snapshot-credence.json';

export const modelSnapshot = (orm: MikroORM): string => `${JSON.stringify(orm.schema.getTargetSchema(), null, 2)}\n`;

/**
 * The migration SQL from the database to the model (`up`) and back (`down`). The database is read
 * without its functions: they are the migrations' raw SQL, not metadata, and MikroORM would
 * otherwise write them, mangled, into `down` as functions the model lacks.
 */
export async function modelMigrationSql(orm: MikroORM): Promise<{ up: string; down: string }> {
  const { skipTables, skipViews } = orm.config.get('schemaGenerator');
  const namespaces = orm.schema.getTargetSchema().getNamespaces();
  const fromSchema = await DatabaseSchema.create(orm.em.getConnection(), orm.em.getPlatform(), orm.config, undefined, namespaces, undefined, skipTables, skipViews);
  return orm.schema.getUpdateSchemaMigrationSQL({ wrap: false, fromSchema });
}
