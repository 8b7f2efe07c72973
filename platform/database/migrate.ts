// Production entry point: `DATABASE_URL=<owner url> node platform/database/migrate.ts`
// (npm run db:migrate). Creates or updates the service roles and applies pending migrations.
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { provisionDatabase } from './provision.ts';

try {
  const config = loadConfig('migrate');
  const logger = createLogger({ service: 'migrate', level: config.logLevel });
  const { applied } = await provisionDatabase({ ownerUrl: config.databaseUrl, servicePasswords: config.servicePasswords, logger });
  logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
