// Production entry point of the Temporal worker (configured by environment; see README).
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/database/orm.ts';
import { createFieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { createBackupAdapter } from '../platform/backups/adapter.ts';
import { keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { closeServer, listen, metricsEndpoint } from '../platform/http.ts';
import { createLogger } from '../platform/logger.ts';
import { runService } from '../platform/service-runtime.ts';
import { createLocalStorage } from '../platform/storage.ts';
import { loadSigningKey } from '../domain/audit-chain.ts';
import { exclusionListScreens } from './credential-verification/exclusion-screens.ts';
import { screenPhysicianBatch } from './exclusion-lists/screening.ts';
import { createVerificationSources } from './credential-verification/sources/index.ts';
import { ensureSchedules, importExclusionListsIfNeverImported, takeBaseBackupIfNone } from './schedules.ts';
import { createWorkerMetrics } from './metrics.ts';
import { createWorker } from './worker.ts';

await runService('worker', async () => {
  const config = loadConfig('worker');
  const logger = createLogger({ service: 'worker', level: config.logLevel });
  const auditSigningKey = loadSigningKey(config.auditSigningKey);
  const orm = await openDatabase({ url: config.databaseUrl, logger });
  const encryption = createFieldEncryption(keyProviderFromConfig(config.keyEncryption));
  // The dispatcher's client: it starts verification workflows on this worker's task queue.
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
  const verification = {
    sources: createVerificationSources(config.verificationSources),
    listScreens: exclusionListScreens({ orm, encryption, logger }, config.exclusionLists.samUrl ? ['OIG_LEIE', 'SAM'] : ['OIG_LEIE']),
    screenPhysicians: async (physicianIds: string[]) => {
      await screenPhysicianBatch({ orm, encryption, logger }, { physicianIds, limit: physicianIds.length });
    },
    timings: config.verification.timings,
    client,
    taskQueue: config.temporal.taskQueue,
  };
  const metrics = createWorkerMetrics(orm, config.backups);
  const { worker, connection } = await createWorker({ temporal: config.temporal, deps: {
    orm, auditSigningKey, encryption, mail: config.mail, logger, verification, securityContactEmail: config.securityAlerts.contactEmail,
    auditJobs: { chunkEvents: config.auditJobChunkEvents },
    webhooks: { rules: { production: config.env === 'production' }, options: { timeoutMs: config.webhooks.timeoutSeconds * 1000 } },
    ...(config.storageDir ? { storage: createLocalStorage(config.storageDir) } : {}),
    backups: config.backups ? { ...config.backups, databaseUrl: config.databaseUrl, backupKeys: keyProviderFromConfig(config.backups.keys) } : null,
    backupTool: config.backupTool,
    backupAdapter: createBackupAdapter(config),
  }, logger, metrics });
  await ensureSchedules(clientConnection, config.temporal, {
    auditCheckpointMinutes: config.auditCheckpointMinutes,
    mailDeliverySeconds: config.mail.deliverySeconds,
    verificationDispatchSeconds: config.verification.dispatchSeconds,
    webhookDeliverySeconds: config.webhooks.deliverySeconds,
    anomalyScanSeconds: config.securityAlerts.scanSeconds,
    exclusionLists: config.exclusionLists,
    backups: config.backups,
    backupTool: config.backupTool,
    keyRotation: config.keyRotation,
  });
  // A new deployment does not wait a day for its first lists: verifications wait for them.
  await importExclusionListsIfNeverImported(orm, client);
  if (config.backups) await takeBaseBackupIfNone(config.backups.backupDir, client);
  const running = worker.run().catch((error: unknown) => {
    logger.fatal({ err: error }, 'the worker stopped unexpectedly');
    process.exit(1);
  });
  const metricsServer = config.metricsPort
    ? await listen(
        metricsEndpoint(metrics.registry),
        config.metricsHost, config.metricsPort, 'The worker metrics endpoint', null, undefined, 'METRICS_PORT',
      )
    : null;
  return {
    describe: `worker polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address}${config.metricsPort ? `, metrics on http://${config.metricsHost}:${config.metricsPort}/metrics` : ''}`,
    async stop() {
      worker.shutdown();
      await running;
      if (metricsServer) await closeServer(metricsServer);
      await connection.close();
      await clientConnection.close();
      await orm.close();
    },
  };
});
