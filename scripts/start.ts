// npm start: the whole of Credence on embedded defaults, until Ctrl-C.
// Ports and the data directory can be moved with environment variables (see README).
import { resolve } from 'node:path';
import type { RuntimeEnv } from '../platform/config.ts';
import { seedDemo } from '../stack/demo-seed.ts';
import { consoleProgress } from '../stack/progress.ts';
import { DEFAULT_STACK_PORTS, startStack, type RunningStack, type StackPorts } from '../stack/stack.ts';

const env = process.env;

function port(name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
    console.error(`${name} must be a TCP port between 1 and 65535 (got "${value}")`);
    process.exit(1);
  }
  return parsed;
}

const runtimeEnv: RuntimeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
const ports: StackPorts = {
  gateway: port('GATEWAY_PORT', DEFAULT_STACK_PORTS.gateway),
  identity: port('IDENTITY_PORT', DEFAULT_STACK_PORTS.identity),
  credentials: port('CREDENTIALS_PORT', DEFAULT_STACK_PORTS.credentials),
  audit: port('AUDIT_PORT', DEFAULT_STACK_PORTS.audit),
  postgres: port('POSTGRES_PORT', DEFAULT_STACK_PORTS.postgres),
  temporal: port('TEMPORAL_PORT', DEFAULT_STACK_PORTS.temporal),
  temporalUi: port('TEMPORAL_UI_PORT', DEFAULT_STACK_PORTS.temporalUi!),
  metrics: port('METRICS_PORT', DEFAULT_STACK_PORTS.metrics),
  mailSmtp: port('MAIL_SMTP_PORT', DEFAULT_STACK_PORTS.mailSmtp!),
  mailWeb: port('MAIL_WEB_PORT', DEFAULT_STACK_PORTS.mailWeb!),
};
if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
  console.error('TLS_CERT_FILE and TLS_KEY_FILE go together: set both (npm run dev:certificate makes a pair), or neither');
  process.exit(1);
}
const tls = env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { certFile: resolve(env.TLS_CERT_FILE), keyFile: resolve(env.TLS_KEY_FILE) } : null;
const dataDir = resolve(env.CREDENCE_DATA_DIR ?? new URL('../.credence', import.meta.url).pathname);
const progress = consoleProgress();
const started = performance.now();

progress.step(`starting Credence (${runtimeEnv}) with data in ${dataDir}`);
const starting: Promise<RunningStack> = startStack({ dataDir, ports, env: runtimeEnv, progress, logLevel: env.LOG_LEVEL, tls });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`\n• ${signal}: stopping Credence\n`);
  const stack = await starting.catch(() => undefined); // a failed start has already stopped what it began
  await stack?.stop();
  process.stderr.write('• stopped\n');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

let stack: RunningStack;
try {
  stack = await starting;
} catch (error) {
  if (stopping) await new Promise(() => {}); // shutdown() reports and exits
  console.error(`\nCredence could not start: ${(error as Error).message}`);
  process.exit(1);
}
if (runtimeEnv === 'development') {
  // Demo logins, in development only: a production stack starts with no accounts and no passwords printed.
  const logins = await progress.time('demo organization seeded', () => seedDemo(stack.serviceEnv('identity').DATABASE_URL!, stack.secrets.demoPassword));
  console.log(`\nDemo logins (password for all: ${stack.secrets.demoPassword})`);
  for (const login of logins) console.log(`  ${login.role.padEnd(20)} ${login.email.padEnd(42)} ${login.organization}${login.mfaRequired ? '  (enrolls MFA at first sign-in)' : ''}`);
  console.log('');
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Credence ready in ${seconds} s: gateway ${stack.gatewayUrl} · Temporal UI ${stack.temporalUiUrl}${stack.mailCatcherUrl ? ` · mail ${stack.mailCatcherUrl}` : ''} · logs ${dataDir}/logs · Ctrl-C to stop`,
);
