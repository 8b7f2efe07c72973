// Brings a database to the current version: the service login roles (least privilege, no RLS
// bypass), database-level privileges, then the migrations. Runs with an owner connection; the
// running services never hold one.
import pg from 'pg';
import { Migrator } from '@mikro-orm/migrations';
import type { DatabaseServiceRole } from '../config.ts';
import type { Logger } from '../logger.ts';
import { migrations } from './migrations/index.ts';
import { openDatabase } from './orm.ts';
import { SERVICE_DATABASE_ROLES } from './roles.ts';

export async function provisionDatabase(options: {
  ownerUrl: string;
  servicePasswords: Partial<Record<DatabaseServiceRole, string>>;
  logger: Logger;
}): Promise<{ applied: string[] }> {
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  try {
    for (const [service, role] of Object.entries(SERVICE_DATABASE_ROLES) as [DatabaseServiceRole, string][]) {
      const exists = await client.query('select 1 from pg_roles where rolname = $1', [role]);
      const attributes = 'login nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication';
      await client.query(`${exists.rowCount ? 'alter' : 'create'} role ${role} ${attributes}`);
      const password = options.servicePasswords[service];
      if (password) await client.query(`alter role ${role} password ${client.escapeLiteral(password)}`);
    }
    const { rows } = await client.query<{ db: string }>('select current_database() as db');
    const database = client.escapeIdentifier(rows[0]!.db);
    await client.query(`revoke all on database ${database} from public`);
    await client.query(`grant connect on database ${database} to ${Object.values(SERVICE_DATABASE_ROLES).join(', ')}`);
  } finally {
    await client.end();
  }

  const orm = await openDatabase({
    url: options.ownerUrl,
    logger: options.logger,
    extra: {
      extensions: [Migrator],
      migrations: { migrationsList: migrations, tableName: 'app.migrations', transactional: true, allOrNothing: true, snapshot: false, silent: true },
    },
  });
  try {
    const applied = await orm.migrator.up();
    return { applied: applied.map((m) => m.name) };
  } finally {
    await orm.close(true);
  }
}
