// The one way to start Credence locally: PostgreSQL (embedded), the Temporal dev server, the
// database migrations, the three subgraphs, the worker and the gateway. `npm start` and the
// test suites both start it from here, with their own data directory and ports.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { RuntimeEnv, SubgraphName } from '../platform/config.ts';
import { provisionDatabase } from '../platform/database/provision.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { createLogger } from '../platform/logger.ts';
import { startMailCatcher, type RunningMailCatcher } from './mail-catcher.ts';
import { assertPortsFree } from './ports.ts';
import { startPostgres, type RunningPostgres } from './postgres.ts';
import type { Progress } from './progress.ts';
import { loadOrCreateSecrets, publicKeyOf, type StackSecrets } from './secrets.ts';
import { startService, type StackService } from './services.ts';
import { resolveTemporalCli } from './temporal-cli.ts';
import { startTemporal, type RunningTemporal } from './temporal.ts';

export interface StackPorts {
  gateway: number;
  identity: number;
  credentials: number;
  audit: number;
  postgres: number;
  temporal: number;
  /** Null runs Temporal without its web UI. */
  temporalUi: number | null;
  /** The gateway's Prometheus endpoint (loopback only). */
  metrics: number;
  /** The development mail catcher's SMTP port and web page (started in development only). */
  mailSmtp?: number;
  mailWeb?: number;
}

export const DEFAULT_STACK_PORTS: StackPorts = {
  gateway: 4000,
  identity: 4001,
  credentials: 4002,
  audit: 4003,
  postgres: 5433,
  temporal: 7233,
  temporalUi: 8233,
  metrics: 9464,
  mailSmtp: 1025,
  mailWeb: 1080,
};

export interface StackOptions {
  dataDir: string;
  ports: StackPorts;
  env: RuntimeEnv;
  progress: Progress;
  logLevel?: string;
  /** False starts only PostgreSQL and Temporal (the infrastructure the test suites share). */
  services?: boolean;
  /** Keep Temporal's state in memory and trade PostgreSQL durability for speed (test stacks). */
  ephemeral?: boolean;
  /** A certificate and key for the gateway, which then serves HTTPS (TLS 1.3 minimum). */
  tls?: { certFile: string; keyFile: string } | null;
}

export interface RunningStack {
  gatewayUrl: string;
  temporalUiUrl: string | null;
  /** The development mail catcher's web page (null outside development). */
  mailCatcherUrl: string | null;
  postgres: RunningPostgres;
  temporal: RunningTemporal;
  secrets: StackSecrets;
  /** The environment each service is started with (tests start services in-process with it). */
  serviceEnv(service: StackService): Record<string, string>;
  stop(): Promise<void>;
}

const TASK_QUEUE = 'credence';

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { progress, ports } = options;
  const mailCatcherPorts = options.env === 'development' && ports.mailSmtp && ports.mailWeb ? { smtp: ports.mailSmtp, web: ports.mailWeb } : null;
  const dataDir = resolve(options.dataDir);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  chmodSync(dataDir, 0o711); // as root, the postgres user must reach the cluster directory inside
  await assertPortsFree({
    gateway: ports.gateway, identity: ports.identity, credentials: ports.credentials, audit: ports.audit,
    PostgreSQL: ports.postgres, Temporal: ports.temporal, ...(ports.temporalUi ? { 'Temporal UI': ports.temporalUi } : {}), metrics: ports.metrics,
    ...(mailCatcherPorts ? { 'mail catcher SMTP': mailCatcherPorts.smtp, 'mail catcher web': mailCatcherPorts.web } : {}),
  });
  const secrets = loadOrCreateSecrets(dataDir);
  const temporalCli = await resolveTemporalCli(progress);

  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
    stoppers.length = 0;
  };
  try {
    // Both start at once; allSettled waits for both, so a failure of one never leaves the other
    // running unregistered.
    const [postgresStart, temporalStart] = await Promise.allSettled([
      progress.time('PostgreSQL ready', async () => {
        const { postgres, created } = await startPostgres({
          dir: postgresDirectory(dataDir, progress),
          port: ports.postgres,
          superuserPassword: secrets.postgresSuperuserPassword,
          logFile: join(logDir, 'postgres.log'),
          fast: options.ephemeral,
        });
        stoppers.push(() => postgres.stop());
        if (created) progress.step('PostgreSQL cluster created');
        return postgres;
      }),
      progress.time('Temporal dev server ready', async () => {
        const temporal = await startTemporal({
          cli: temporalCli,
          port: ports.temporal,
          uiPort: ports.temporalUi,
          dbFile: options.ephemeral ? null : join(dataDir, 'temporal.sqlite'),
          logFile: join(logDir, 'temporal.log'),
        });
        stoppers.push(() => temporal.stop());
        return temporal;
      }),
    ]);
    if (postgresStart.status === 'rejected') throw postgresStart.reason;
    if (temporalStart.status === 'rejected') throw temporalStart.reason;
    const postgres = postgresStart.value;
    const temporal = temporalStart.value;
    let mailCatcher: RunningMailCatcher | null = null;
    if (mailCatcherPorts) {
      mailCatcher = await progress.time('mail catcher ready', () =>
        startMailCatcher({ smtpPort: mailCatcherPorts.smtp, webPort: mailCatcherPorts.web, mailDirectory: join(dataDir, 'mail') }));
      stoppers.push(() => mailCatcher!.stop());
    }
    await progress.time('database migrated', () =>
      provisionDatabase({
        ownerUrl: postgres.superuserUrl(),
        servicePasswords: secrets.servicePasswords,
        logger: createLogger({ service: 'migrate', level: 'warn' }),
      }),
    );

    const subgraphUrl = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}/graphql`;
    const gatewayOrigin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${ports.gateway}`;
    const common = { NODE_ENV: options.env, LOG_LEVEL: options.logLevel ?? 'info' };
    const downloads = {
      STORAGE_DIR: join(dataDir, 'storage'),
      URL_SIGNING_SECRET: secrets.urlSigningSecret,
      PUBLIC_URL: gatewayOrigin,
    };
    // Field encryption's key-encryption keys: a keyring beside the data, never inside PostgreSQL.
    const keyring = { KEYRING_FILE: join(dataDir, 'keyring.json') };
    const temporalEnv = { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: TASK_QUEUE };
    const serviceEnv = (service: StackService): Record<string, string> => {
      if (service === 'gateway') {
        return {
          ...common, ...temporalEnv, ...downloads, HOST: '127.0.0.1', PORT: String(ports.gateway), METRICS_PORT: String(ports.metrics),
          // Local runs only: a deployment names its own contact (required in production).
          SECURITY_CONTACT: process.env.SECURITY_CONTACT ?? 'mailto:security@credence.invalid',
          ...(options.tls ? { TLS_CERT_FILE: options.tls.certFile, TLS_KEY_FILE: options.tls.keyFile } : {}),
          CONTEXT_SIGNING_KEY: secrets.contextSigningKey, DOCUMENT_GRANT_SECRET: secrets.documentGrantSecret,
          IDENTITY_URL: subgraphUrl('identity'), CREDENTIALS_URL: subgraphUrl('credentials'), AUDIT_URL: subgraphUrl('audit'),
        };
      }
      const databaseUrl = postgres.serviceUrl(SERVICE_DATABASE_ROLES[service], secrets.servicePasswords[service]);
      if (service === 'worker') {
        return {
          ...common, ...temporalEnv, ...keyring, DATABASE_URL: databaseUrl, AUDIT_SIGNING_KEY: secrets.auditSigningKey, AUDIT_CHECKPOINT_MINUTES: '5',
          PUBLIC_URL: gatewayOrigin, ...(mailCatcher ? { SMTP_URL: mailCatcher.smtpUrl, MAIL_DELIVERY_SECONDS: '2' } : {}),
        };
      }
      return {
        ...common, ...downloads, HOST: '127.0.0.1', PORT: String(ports[service]), DATABASE_URL: databaseUrl,
        CONTEXT_PUBLIC_KEYS: publicKeyOf(secrets.contextSigningKey),
        ...(service === 'credentials' || service === 'identity' ? keyring : {}),
        ...(service === 'credentials' ? { DOCUMENT_GRANT_SECRET: secrets.documentGrantSecret } : {}),
        ...(service === 'identity' ? { TOKEN_SIGNING_KEYS: secrets.tokenSigningKey, ...(process.env.BREACHED_PASSWORDS_URL ? { BREACHED_PASSWORDS_URL: process.env.BREACHED_PASSWORDS_URL } : {}) } : {}),
      };
    };

    const launch = async (name: StackService) => {
      const service = await startService({ name, env: serviceEnv(name), logFile: join(logDir, `${name}.log`) });
      stoppers.push(() => service.stop());
    };
    if (options.services !== false) {
      await progress.time('subgraphs and worker ready', () =>
        Promise.all((['identity', 'credentials', 'audit', 'worker'] as const).map(launch)),
      );
      await progress.time('gateway ready', () => launch('gateway'));
      await waitForReadiness(`${gatewayOrigin}/readyz`);
    }

    return {
      gatewayUrl: `${gatewayOrigin}/graphql`,
      temporalUiUrl: temporal.uiUrl,
      mailCatcherUrl: mailCatcher?.webUrl ?? null,
      postgres,
      temporal,
      secrets,
      serviceEnv,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Polls the gateway's /readyz (over HTTPS it accepts the local, possibly self-signed, certificate). */
async function waitForReadiness(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const { status, body } = await getLocal(url);
      if (status === 200) return;
      last = body;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The gateway did not report ready within ${timeoutMs / 1000} s: ${last}`);
}

function getLocal(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const req = get(url, { rejectUnauthorized: false, timeout: 2_000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

/**
 * The cluster lives in the data directory. As root it runs as the `postgres` user, which must be
 * able to pass through every parent directory; when one is closed to others (a home directory,
 * say) the cluster goes to /var/lib/credence instead, keyed by the data directory.
 */
function postgresDirectory(dataDir: string, progress: Progress): string {
  const inside = join(dataDir, 'postgres');
  if (userInfo().uid !== 0) return inside;
  for (let dir = dataDir; dir !== dirname(dir); dir = dirname(dir)) {
    if (!othersMayTraverse(dir)) {
      const elsewhere = join('/var/lib/credence', createHash('sha256').update(dataDir).digest('hex').slice(0, 12), 'postgres');
      mkdirSync(dirname(elsewhere), { recursive: true, mode: 0o711 });
      progress.step(`${dir} is closed to the postgres user; the PostgreSQL cluster lives in ${elsewhere}`);
      return elsewhere;
    }
  }
  return inside;
}

function othersMayTraverse(dir: string): boolean {
  return (statSync(dir).mode & 0o001) !== 0;
}
