// Key rotation for field encryption, run by an operator with the worker's configuration
// (DATABASE_URL of the worker role, KEYRING_FILE or KEY_ENCRYPTION_KEYS, TEMPORAL_*):
//   npm run keys:rotate -- kek                 a new key-encryption key first in KEYRING_FILE, then
//                                              every data key re-wrapped under it (data untouched).
//                                              With KEY_ENCRYPTION_KEYS, put the new key first
//                                              yourself and run this to re-wrap.
//   npm run keys:rotate -- data-key <org id>   a new data key version for the organization, and its
//                                              rows re-encrypted in the background (a workflow).
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/database/orm.ts';
import { createFieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { addKeyToKeyringFile, keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { isUuid } from '../platform/ids.ts';
import { createLogger } from '../platform/logger.ts';
import { DATA_KEY_ROTATION_WORKFLOW } from '../workflows/data-key-rotation/workflow.ts';

const [command, organizationId] = process.argv.slice(2);
if (command !== 'kek' && !(command === 'data-key' && isUuid(organizationId))) {
  console.error('Usage: npm run keys:rotate -- kek | data-key <organization id>   (with the worker\'s environment: DATABASE_URL, KEYRING_FILE or KEY_ENCRYPTION_KEYS, TEMPORAL_ADDRESS)');
  process.exit(2);
}
const config = loadConfig('worker');

if (command === 'kek') {
  if (config.keyEncryption.keys.length === 0) console.error(`New key-encryption key ${addKeyToKeyringFile(config.keyEncryption.keyringFile!)} is first in ${config.keyEncryption.keyringFile}`);
  const encryption = createFieldEncryption(keyProviderFromConfig(config.keyEncryption));
  const orm = await openDatabase({ url: config.databaseUrl, logger: createLogger({ service: 'worker', level: 'warn' }) });
  try {
    const rewrapped = await orm.em.fork().transactional((em) => encryption.rewrapDataKeys(em));
    console.error(config.keyEncryption.keys.length === 0
      ? `Re-wrapped ${rewrapped} data keys under ${encryption.keyProvider.currentKekId}. The services that share ${config.keyEncryption.keyringFile} read it again as it changes; keep the older keys in it for the backups they wrapped.`
      : `Re-wrapped ${rewrapped} data keys under ${encryption.keyProvider.currentKekId}. Restart the services so they wrap new keys with it; keep the older keys until then.`);
  } finally {
    await orm.close();
  }
} else {
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const handle = await client.workflow.start(DATA_KEY_ROTATION_WORKFLOW, {
      taskQueue: config.temporal.taskQueue,
      workflowId: `data-key-rotation:${organizationId}:${randomUUID()}`,
      args: [{ organizationId }],
    });
    console.error(`Started ${handle.workflowId}; waiting for the re-encryption to finish (follow it in the Temporal UI)…`);
    const result = (await handle.result()) as { version: number; reencrypted: number };
    console.error(`Data key version ${result.version} is in use; ${result.reencrypted} rows re-encrypted.`);
  } finally {
    await connection.close();
  }
}
