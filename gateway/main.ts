// Production entry point of the gateway (configured by environment; see README).
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { runService } from '../platform/service-runtime.ts';
import { serveGateway } from './server.ts';
import { createVerificationWebhooks, VERIFICATION_WEBHOOK_SOURCE } from './verification-webhooks.ts';

await runService('gateway', async () => {
  const config = loadConfig('gateway');
  const logger = createLogger({ service: 'gateway', level: config.logLevel });
  // Providers' results are taken only where their secret is configured.
  // eslint-disable-next-line security/detect-object-injection -- a constant source name
  const verification = config.webhookSecrets[VERIFICATION_WEBHOOK_SOURCE] ? createVerificationWebhooks({ temporal: config.temporal, logger }) : null;
  try {
    const gateway = await serveGateway({ config, logger, webhookHandlers: verification ? { [VERIFICATION_WEBHOOK_SOURCE]: verification.handle } : {} });
    return {
      describe: gateway.describe,
      async stop() {
        await gateway.stop();
        await verification?.close();
      },
    };
  } catch (error) {
    await verification?.close();
    throw error;
  }
});
