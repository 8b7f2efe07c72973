// The entity model and the database the migrations make agree: columns, checks, indexes, foreign
// keys, triggers, row-level security and grants. A change to one without the other fails here;
// `npm run db:migration:create -- <name>` writes the migration that follows a model change.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defineEntity, p } from '@mikro-orm/core';
import { testStack } from '../../test/support/stack.ts';
import { createLogger } from '../logger.ts';
import { ENTITIES, TABLE_GRANTS } from './entities.ts';
import { databaseGrantLines, declaredGrantLines } from './grants.ts';
import { splitStatements } from './migration-writer.ts';
import { modelSnapshot, SNAPSHOT_FILE } from './model-diff.ts';
import { openDatabase, type MikroORM } from './orm.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const snapshotPath = join(dirname(fileURLToPath(import.meta.url)), 'migrations', SNAPSHOT_FILE);
let orm: MikroORM;

beforeAll(async () => {
  orm = await openDatabase({ url: testStack().superuserUrl, logger });
});

afterAll(async () => {
  await orm.close();
});

describe('the entity model', () => {
  it('is what the migrations made: the schema diff from the database to it is empty', async () => {
    const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(sql.trim()).toBe('');
  });

  it('declares the privileges the database grants on its tables, and no others', async () => {
    const em = orm.em.fork();
    const granted = await databaseGrantLines((sql, params) => em.execute(sql, params), TABLE_GRANTS.map((entry) => entry.table));
    expect(granted).toEqual(declaredGrantLines(TABLE_GRANTS));
    expect(TABLE_GRANTS.map((entry) => entry.table).sort()).toEqual(
      orm.schema.getTargetSchema().getTables().map((table) => `${table.schema}.${table.name}`).sort(),
    );
  });

  it('is the committed snapshot (run `npm run db:migration:create -- <name>` when this fails)', () => {
    expect(readFileSync(snapshotPath, 'utf8')).toBe(modelSnapshot(orm));
  });

  it('would show a table the migrations did not make, so an empty diff means agreement', async () => {
    const Probe = defineEntity({
      name: 'ModelProbe',
      schema: 'credentials',
      tableName: 'model_probe',
      properties: { id: p.uuid().primary(), note: p.text().check('length(note) <= 10') },
    });
    const probing = await openDatabase({ url: testStack().superuserUrl, logger, entities: [...ENTITIES, Probe] });
    try {
      const sql = await probing.schema.getUpdateSchemaSQL({ wrap: false });
      expect(splitStatements(sql)).toEqual([
        'create table "credentials"."model_probe" ("id" uuid not null, "note" text not null, primary key ("id"))',
        'alter table "credentials"."model_probe" add constraint "model_probe_note_check" check (length(note) <= 10)',
      ]);
    } finally {
      await probing.close();
    }
  });
});
