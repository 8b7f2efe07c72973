// Production entry point of the Temporal worker (configured by environment; see README).
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/database/orm.ts';
import { createFieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { createLogger } from '../platform/logger.ts';
import { runService } from '../platform/service-runtime.ts';
import { Connection } from '@temporalio/client';
import { loadSigningKey } from '../domain/audit-chain.ts';
import { ensureSchedules } from './schedules.ts';
import { createWorker } from './worker.ts';

await runService('worker', async () => {
  const config = loadConfig('worker');
  const logger = createLogger({ service: 'worker', level: config.logLevel });
  const auditSigningKey = loadSigningKey(config.auditSigningKey);
  const orm = await openDatabase({ url: config.databaseUrl, logger });
  const encryption = createFieldEncryption(keyProviderFromConfig(config.keyEncryption));
  const { worker, connection } = await createWorker({ temporal: config.temporal, deps: { orm, auditSigningKey, encryption, mail: config.mail, logger }, logger });
  const client = await Connection.connect({ address: config.temporal.address });
  await ensureSchedules(client, config.temporal, { auditCheckpointMinutes: config.auditCheckpointMinutes, mailDeliverySeconds: config.mail.deliverySeconds, exclusionLists: config.exclusionLists });
  await client.close();
  const running = worker.run().catch((error: unknown) => {
    logger.fatal({ err: error }, 'the worker stopped unexpectedly');
    process.exit(1);
  });
  return {
    describe: `worker polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}`,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await orm.close();
    },
  };
});
