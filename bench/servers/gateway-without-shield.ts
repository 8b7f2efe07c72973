// Our gateway exactly as production runs it (gateway/server.ts: access tokens verified against
// identity, rate limits, operation limits, HTTP hardening, metrics, denial audit), with one
// difference: gateway/permissions/shield.ts is replaced by no-shield.ts, so the supergraph runs
// without graphql-shield. Against the production gateway it measures what shield alone costs.
// Bench only: Credence never serves without its rules.
import { registerHooks } from 'node:module';
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { runService } from '../../platform/service-runtime.ts';

const SHIELD = new URL('../../gateway/permissions/shield.ts', import.meta.url).href;
const NO_SHIELD = new URL('./no-shield.ts', import.meta.url).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    return resolved.url === SHIELD ? { ...resolved, url: NO_SHIELD } : resolved;
  },
});

// Imported after the hook is in place (a static import would be loaded before it).
const { serveGateway } = await import('../../gateway/server.ts');
const { replacedShield } = await import('./no-shield.ts');

await runService('gateway', async () => {
  const config = loadConfig('gateway');
  const running = await serveGateway({ config, logger: createLogger({ service: 'gateway', level: config.logLevel }) });
  if (!replacedShield()) {
    await running.stop();
    throw new Error('the shield module was not replaced: this would measure the gateway with shield');
  }
  return running;
});
