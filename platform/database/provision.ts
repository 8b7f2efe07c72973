// Brings a database to the current version: the service login roles (least privilege, no RLS
// bypass), the owner group role, database-level privileges, then the migrations. Runs with an
// owner connection; the running services never hold one.
import pg from 'pg';
import { Migrator } from '@mikro-orm/migrations';
import type { DatabaseServiceRole } from '../config.ts';
import type { Logger } from '../logger.ts';
import { migrations } from './migrations/index.ts';
import { MIGRATIONS_TABLE, openDatabase } from './orm.ts';
import { OWNER_DATABASE_ROLE, SERVICE_DATABASE_ROLES } from './roles.ts';

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
    // The owner's policies name this role, not the owner login (see roles.ts): the login that
    // provisions is made a member that inherits it, so it keeps reading and writing every row.
    const owner = await client.query('select 1 from pg_roles where rolname = $1', [OWNER_DATABASE_ROLE]);
    if (!owner.rowCount) await client.query(`create role ${OWNER_DATABASE_ROLE} nologin nosuperuser nocreatedb nocreaterole noinherit nobypassrls noreplication`);
    const member = await client.query(
      `select 1 from pg_auth_members m join pg_roles r on r.oid = m.roleid
        where r.rolname = $1 and m.member = (select oid from pg_roles where rolname = current_user) and m.inherit_option`,
      [OWNER_DATABASE_ROLE],
    );
    if (!member.rowCount) await client.query(`grant ${OWNER_DATABASE_ROLE} to current_user with inherit true`);
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
      migrations: { migrationsList: migrations, tableName: MIGRATIONS_TABLE, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    },
  });
  try {
    const applied = await orm.migrator.up();
    return { applied: applied.map((m) => m.name) };
  } finally {
    await orm.close(true);
  }
}
