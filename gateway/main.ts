// Production entry point of the gateway (configured by environment; see README).
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { runService } from '../platform/service-runtime.ts';
import { serveGateway } from './server.ts';

await runService('gateway', async () => {
  const config = loadConfig('gateway');
  return serveGateway({ config, logger: createLogger({ service: 'gateway', level: config.logLevel }) });
});
