// npm start: the whole of Credence on embedded defaults, until Ctrl-C.
// Ports and the data directory can be moved with environment variables (see README).
import { resolve } from 'node:path';
import type { RuntimeEnv } from '../platform/config.ts';
import { seedDemo, seedDemoFiles } from '../stack/demo-seed.ts';
import { consoleProgress } from '../stack/progress.ts';
import { DEFAULT_STACK_PORTS, STACK_PORT_SETTINGS, startStack, type RunningStack, type StackPorts } from '../stack/stack.ts';

const env = process.env;

/** Whatever goes wrong is one plain message, never a stack trace; what was started is stopped. */
function fail(message: string): never {
  console.error(`\nCredence could not start: ${message}`);
  process.exit(1);
}

/** A port from its variable; 0 lets the stack choose a free one. */
function port(key: keyof StackPorts, fallback = DEFAULT_STACK_PORTS[key]!): number {
  const name = STACK_PORT_SETTINGS[key].variable;
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) fail(`${name} must be a TCP port between 1 and 65535, or 0 for any free port (got "${value}")`);
  return parsed;
}

/** Unless set, the worker's metrics follow the gateway's: the port after it, or chosen at start with it. */
function workerMetricsDefault(): number {
  const gateway = port('metrics');
  if (gateway === 0) return 0;
  if (gateway === DEFAULT_STACK_PORTS.metrics) return DEFAULT_STACK_PORTS.workerMetrics;
  return gateway < 65535 ? gateway + 1 : 0;
}

const runtimeEnv: RuntimeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
const ports: StackPorts = {
  gateway: port('gateway'),
  identity: port('identity'),
  credentials: port('credentials'),
  audit: port('audit'),
  postgres: port('postgres'),
  temporal: port('temporal'),
  temporalUi: port('temporalUi'),
  metrics: port('metrics'),
  workerMetrics: port('workerMetrics', workerMetricsDefault()),
  mailSmtp: port('mailSmtp'),
  mailWeb: port('mailWeb'),
};
if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
  fail('TLS_CERT_FILE and TLS_KEY_FILE go together: set both (npm run dev:certificate makes a pair), or neither');
}
const tls = env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { certFile: resolve(env.TLS_CERT_FILE), keyFile: resolve(env.TLS_KEY_FILE) } : null;
const dataDir = resolve(env.CREDENCE_DATA_DIR ?? new URL('../.credence', import.meta.url).pathname);
const progress = consoleProgress();
const started = performance.now();

progress.step(`starting Credence (${runtimeEnv}) with data in ${dataDir}`);
const starting: Promise<RunningStack> = startStack({
  dataDir, ports, env: runtimeEnv, progress, logLevel: env.LOG_LEVEL, tls,
  onFailure: (message) => void shutdown('failure', message),
});

let stopping = false;
/** Stops everything; after a failure (a part of the stack that stopped on its own) says why and exits 1. */
async function shutdown(signal: string, failure?: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stderr.write(failure ? `\n• ${failure}\n• stopping Credence\n` : `\n• ${signal}: stopping Credence\n`);
  const stack = await starting.catch(() => undefined); // a failed start has already stopped what it began
  await stack?.stop();
  process.stderr.write('• stopped\n');
  if (failure) console.error(`\nCredence stopped: ${failure.split('\n')[0]}`);
  process.exit(failure ? 1 : 0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// A fault that escapes (a library's unhandled error event, say) is reported plainly, never as a
// stack trace, and stops what was started.
const unexpected = (error: unknown) => void shutdown('error', `Credence stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`);
process.on('uncaughtException', unexpected);
process.on('unhandledRejection', unexpected);

let stack: RunningStack;
try {
  stack = await starting;
} catch (error) {
  if (stopping) await new Promise(() => {}); // shutdown() reports and exits
  fail((error as Error).message);
}
if (runtimeEnv === 'development') {
  // Demo logins, in development only: a production stack starts with no accounts and no passwords printed.
  const logins = await progress.time('demo organization seeded', () => seedDemo(stack.serviceEnv('identity').DATABASE_URL!, stack.secrets.demoPassword));
  await progress.time('demo physician files seeded (their credentials are verified against the local stand-ins)', () => seedDemoFiles(stack.serviceEnv('credentials')));
  console.log(`\nDemo logins (password for all: ${stack.secrets.demoPassword})`);
  for (const login of logins) console.log(`  ${login.role.padEnd(20)} ${login.email.padEnd(42)} ${login.organization}${login.mfaRequired ? '  (enrolls MFA at first sign-in)' : ''}`);
  console.log('');
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Credence ready in ${seconds} s: gateway ${stack.gatewayUrl} · Temporal UI ${stack.temporalUiUrl}${stack.mailCatcherUrl ? ` · mail ${stack.mailCatcherUrl}` : ''} · logs ${dataDir}/logs · Ctrl-C to stop`,
);
