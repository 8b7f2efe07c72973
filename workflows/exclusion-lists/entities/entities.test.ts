// The migration's schema SQL is what the entities say: a change to an entity's columns, checks,
// indexes or policies without the migration (or the other way round) fails here.
import { describe, expect, it } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import { SCHEMA_SQL } from '../../../platform/database/migrations/Migration20261201220000_exclusion_lists.ts';
import { EXCLUSION_SCREENING_ENTITIES } from './index.ts';

describe('exclusion screening entities', () => {
  it('generate the schema SQL of Migration20261201220000_exclusion_lists', async () => {
    const orm = await MikroORM.init({ clientUrl: 'postgresql://nobody@127.0.0.1:1/none', entities: EXCLUSION_SCREENING_ENTITIES });
    try {
      const generated = (await orm.schema.getCreateSchemaSQL({ wrap: false })).split('\n').map((line) => line.trim().replace(/;$/, '')).filter(Boolean);
      expect(generated).toEqual(SCHEMA_SQL);
    } finally {
      await orm.close(true);
    }
  });
});
