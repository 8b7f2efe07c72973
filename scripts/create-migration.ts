// npm run db:migration:create -- <name>: writes the migration that brings the database to the
// entity model (platform/database/entities.ts), lists it in migrations/index.ts and updates the
// committed snapshot of the model (migrations/.snapshot-credence.json). The database is
// DATABASE_URL (an owner connection) or, when unset, a throwaway embedded PostgreSQL; either way
// the committed migrations are applied first, so the diff is from what they make to the model.
// Starts nothing else (no Temporal, no service).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLE_GRANTS } from '../platform/database/entities.ts';
import { databaseGrantLines, declaredGrantLines, grantChanges } from '../platform/database/grants.ts';
import { appendToIndex, MIGRATION_NAME_PATTERN, migrationClassName, renderMigration, splitStatements } from '../platform/database/migration-writer.ts';
import { modelMigrationSql, modelSnapshot, SNAPSHOT_FILE } from '../platform/database/model-diff.ts';
import { openDatabase } from '../platform/database/orm.ts';
import { provisionDatabase } from '../platform/database/provision.ts';
import { createLogger } from '../platform/logger.ts';
import { withPorts } from '../stack/ports.ts';
import { startPostgres, type RunningPostgres } from '../stack/postgres.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../platform/database/migrations');
const logger = createLogger({ service: 'migrate', level: 'warn' });

const name = process.argv[2];
if (!name || !MIGRATION_NAME_PATTERN.test(name)) {
  console.error('Usage: npm run db:migration:create -- <name>  (snake_case, e.g. add_credential_notes; DATABASE_URL: an owner connection, else a throwaway PostgreSQL)');
  process.exit(2);
}

let throwaway: { postgres: RunningPostgres; dir: string } | null = null;
try {
  let ownerUrl = process.env.DATABASE_URL;
  if (!ownerUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'credence-migration-'));
    chmodSync(dir, 0o711); // as root, PostgreSQL runs as the postgres user, which must reach the cluster inside
    const { postgres } = await withPorts([0], ([port]) =>
      startPostgres({ dir: join(dir, 'postgres'), port: port!, superuserPassword: randomBytes(18).toString('base64url'), logFile: join(dir, 'postgres.log'), fast: true }),
    );
    throwaway = { postgres, dir };
    ownerUrl = postgres.superuserUrl();
  }
  const { applied } = await provisionDatabase({ ownerUrl, servicePasswords: {}, logger });
  if (applied.length) console.error(`• applied ${applied.length} committed migration(s)`);

  const orm = await openDatabase({ url: ownerUrl, logger });
  try {
    const schema = await modelMigrationSql(orm);
    const em = orm.em.fork();
    const grants = grantChanges(
      declaredGrantLines(TABLE_GRANTS),
      await databaseGrantLines((sql, params) => em.execute(sql, params), TABLE_GRANTS.map((entry) => entry.table)),
    );
    const up = [...splitStatements(schema.up), ...grants.up];
    // Undo the grants before the tables they name are dropped.
    const down = [...grants.down, ...splitStatements(schema.down)];
    writeFileSync(join(MIGRATIONS_DIR, SNAPSHOT_FILE), modelSnapshot(orm));
    if (up.length === 0) {
      console.error('The database the committed migrations make already matches the entity model: no migration written (snapshot current).');
    } else {
      const className = migrationClassName(new Date(), name);
      const file = join(MIGRATIONS_DIR, `${className}.ts`);
      writeFileSync(file, renderMigration({ className, summary: [`${name.replaceAll('_', ' ')}: from the entity model (review it, and say why in this comment).`], up, down }));
      const indexFile = join(MIGRATIONS_DIR, 'index.ts');
      writeFileSync(indexFile, appendToIndex(readFileSync(indexFile, 'utf8'), className));
      console.error(`Wrote ${relative(process.cwd(), file)} (${up.length} statement(s)), listed it in migrations/index.ts and updated ${SNAPSHOT_FILE}.`);
      if (up.some((sql) => /^create schema/i.test(sql))) {
        console.error('A new schema: grant usage on it to the service roles that need it, in this migration (schema privileges are not entity metadata).');
      }
    }
  } finally {
    await orm.close(true);
  }
} catch (error) {
  console.error(`Creating the migration failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  if (throwaway) {
    await throwaway.postgres.stop();
    rmSync(throwaway.dir, { recursive: true, force: true });
  }
}
