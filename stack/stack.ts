// The one way to start Credence locally: PostgreSQL (embedded), the Temporal dev server, the
// database migrations, the three subgraphs, the worker and the gateway. `npm start` and the
// test suites both start it from here, with their own data directory and ports.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import type { RuntimeEnv, SubgraphName } from '../platform/config.ts';
import { claimClusterHome, postgresDirectory } from './cluster-home.ts';
import { logTail } from './logs.ts';
import { provisionDatabase } from '../platform/database/provision.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { createLogger } from '../platform/logger.ts';
import { startMailCatcher, type RunningMailCatcher } from './mail-catcher.ts';
import { startExclusionListStandIn } from './source-stand-ins/exclusion-lists.ts';
import { standInEnv, startSourceStandIns } from './source-stand-ins/index.ts';
import { assertPortsFree, isPortInUse, withPorts } from './ports.ts';
import { allowBaseBackups, startPostgres, type RunningPostgres } from './postgres.ts';
import type { Progress } from './progress.ts';
import { recordStackEnvironment } from './data-directory.ts';
import { loadOrCreateSecrets, publicKeyOf, SECRETS_FILE, type StackSecrets } from './secrets.ts';
import { startService, superviseService, type ProcessExit, type StackService, type SupervisedService } from './services.ts';
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
  /** The worker's Prometheus endpoint (loopback only). */
  workerMetrics: number;
  /** The development mail catcher's SMTP port and web page (started in development only). */
  mailSmtp?: number;
  mailWeb?: number;
}

/** What uses each port, and the variable of `npm start` that sets it (named in every message about it). */
export const STACK_PORT_SETTINGS: Record<keyof StackPorts, { what: string; variable: string }> = {
  gateway: { what: 'gateway', variable: 'GATEWAY_PORT' },
  identity: { what: 'identity subgraph', variable: 'IDENTITY_PORT' },
  credentials: { what: 'credentials subgraph', variable: 'CREDENTIALS_PORT' },
  audit: { what: 'audit subgraph', variable: 'AUDIT_PORT' },
  postgres: { what: 'PostgreSQL', variable: 'POSTGRES_PORT' },
  temporal: { what: 'Temporal', variable: 'TEMPORAL_PORT' },
  temporalUi: { what: 'Temporal UI', variable: 'TEMPORAL_UI_PORT' },
  metrics: { what: 'gateway metrics', variable: 'METRICS_PORT' },
  workerMetrics: { what: 'worker metrics', variable: 'WORKER_METRICS_PORT' },
  mailSmtp: { what: 'mail catcher SMTP', variable: 'MAIL_SMTP_PORT' },
  mailWeb: { what: 'mail catcher web page', variable: 'MAIL_WEB_PORT' },
};

/** Ports 0 are chosen when their process starts, and chosen again if that port is taken meanwhile. */
export const DEFAULT_STACK_PORTS: StackPorts = {
  gateway: 4000,
  identity: 4001,
  credentials: 4002,
  audit: 4003,
  postgres: 5433,
  temporal: 7233,
  temporalUi: 8233,
  metrics: 9464,
  workerMetrics: 9465,
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
  /**
   * Called once, after the start, when the stack cannot go on: PostgreSQL or Temporal exited, or
   * a service kept exiting after its restarts. The caller stops the stack.
   */
  onFailure?: (message: string) => void;
}

export interface RunningStack {
  /** The ports in use, those given as 0 replaced by the ones chosen. */
  ports: StackPorts;
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
  const { progress } = options;
  const ports: StackPorts = { ...options.ports };
  const withMailCatcher = options.env === 'development' && options.services !== false && ports.mailSmtp !== undefined && ports.mailWeb !== undefined;
  const dataDir = resolve(options.dataDir);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  chmodSync(dataDir, 0o711); // as root, the postgres user must reach the cluster directory inside
  await assertPortsFree(
    (Object.keys(STACK_PORT_SETTINGS) as (keyof StackPorts)[])
      .filter((key) => ports[key] !== null && ports[key] !== undefined && (options.services !== false || ['postgres', 'temporal', 'temporalUi'].includes(key)))
      .filter((key) => withMailCatcher || (key !== 'mailSmtp' && key !== 'mailWeb'))
      .map((key) => ({ ...STACK_PORT_SETTINGS[key], port: ports[key]! })),
  );
  const dataDirIsNew = !existsSync(join(dataDir, SECRETS_FILE));
  const secrets = loadOrCreateSecrets(dataDir);
  recordStackEnvironment(dataDir, options.env);
  const temporalCli = await resolveTemporalCli(progress);

  const stoppers: (() => Promise<void>)[] = [];
  let started = false;
  let stopping = false;
  let failed = false;
  const stopAll = async () => {
    stopping = true;
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
    stoppers.length = 0;
  };
  /** After the start, a part that stops on its own ends the stack (once). */
  const failure = (message: string) => {
    if (stopping || failed || !started) return;
    failed = true;
    options.onFailure?.(message);
  };
  const watchExit = (what: string, exited: Promise<ProcessExit>, logFile: string) =>
    void exited.then(({ code, signal }) =>
      failure(`${what} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}). Its log: ${logFile}\n${logTail(logFile)}`),
    );
  // Backups of the embedded cluster: beside the data, sealed under their own keyring. A deployment
  // that cares about losing the disk points BACKUP_DIR elsewhere (README, Operations).
  const backups = options.ephemeral ? null : {
    spoolDir: (cluster: string) => join(dirname(cluster), 'wal-spool'),
    backupDir: process.env.BACKUP_DIR?.trim() || join(dataDir, 'backups'),
    keyringFile: process.env.BACKUP_KEYRING_FILE?.trim() || join(dataDir, 'backup-keyring.json'),
  };
  let clusterDir = '';
  try {
    // Both start at once; allSettled waits for both, so a failure of one never leaves the other
    // running unregistered.
    const [postgresStart, temporalStart] = await Promise.allSettled([
      progress.time('PostgreSQL ready', async () => {
        const logFile = join(logDir, 'postgres.log');
        const dir = postgresDirectory(dataDir, progress);
        if (!dir.startsWith(`${dataDir}/`)) claimClusterHome(dir, { dataDir, superuserPassword: secrets.postgresSuperuserPassword, dataDirIsNew }, progress);
        clusterDir = dir;
        const created = !existsSync(join(dir, 'PG_VERSION')); // before a first attempt, which may create it and then find its port taken
        const { postgres } = await withPorts([ports.postgres], ([port]) =>
          startPostgres({
            dir, port: port!, superuserPassword: secrets.postgresSuperuserPassword, logFile, fast: options.ephemeral, progress,
            // Test stacks keep no backups; every other stack archives its WAL (see the worker's BACKUP_* below).
            ...(backups ? { archive: { spoolDir: backups.spoolDir(dir), timeoutSeconds: 60 } } : {}),
          }),
        );
        ports.postgres = postgres.port;
        stoppers.push(() => postgres.stop());
        watchExit('PostgreSQL', postgres.exited, logFile);
        if (created) progress.step('PostgreSQL cluster created');
        return postgres;
      }),
      progress.time('Temporal dev server ready', async () => {
        const logFile = join(logDir, 'temporal.log');
        const temporal = await withPorts([ports.temporal, ports.temporalUi ?? -1], ([port, uiPort]) =>
          startTemporal({
            cli: temporalCli,
            port: port!,
            uiPort: uiPort === -1 ? null : uiPort!,
            dbFile: options.ephemeral ? null : join(dataDir, 'temporal.sqlite'),
            logFile,
          }),
        );
        ports.temporal = temporal.port;
        ports.temporalUi = temporal.uiPort;
        stoppers.push(() => temporal.stop());
        watchExit('The Temporal dev server', temporal.exited, logFile);
        return temporal;
      }),
    ]);
    if (postgresStart.status === 'rejected') throw postgresStart.reason;
    if (temporalStart.status === 'rejected') throw temporalStart.reason;
    const postgres = postgresStart.value;
    const temporal = temporalStart.value;
    let mailCatcher: RunningMailCatcher | null = null;
    if (withMailCatcher) {
      mailCatcher = await progress.time('mail catcher ready', () =>
        withPorts([ports.mailSmtp!, ports.mailWeb!], async ([smtpPort, webPort]) => {
          const catcher = await startMailCatcher({ smtpPort: smtpPort!, webPort: webPort!, mailDirectory: join(dataDir, 'mail') });
          ports.mailSmtp = smtpPort!;
          ports.mailWeb = webPort!;
          return catcher;
        }));
      stoppers.push(() => mailCatcher!.stop());
    }
    // The primary sources of credential verification: local stand-ins speaking their formats (no
    // internet needed to see a credential verified end to end), each replaced by a real URL set in
    // the environment (NPPES_URL, STATE_LICENSE_LOOKUP_URL, DEA_LOOKUP_URL, ...).
    let sourceEnv: Record<string, string> = {};
    // Development and test stacks only: production asks the sources it is configured with (https).
    if (options.services !== false && options.env !== 'production') {
      const standIns = await progress.time('primary-source stand-ins ready', () => startSourceStandIns());
      stoppers.push(() => standIns.close());
      const exclusionLists = await startExclusionListStandIn();
      stoppers.push(() => exclusionLists.stop());
      const local = { ...standInEnv(standIns), LEIE_URL: exclusionLists.leieUrl, SAM_EXCLUSIONS_URL: exclusionLists.samUrl };
      sourceEnv = Object.fromEntries(Object.entries(local).map(([name, url]) => [name, process.env[name]?.trim() || url]));
    }
    await progress.time('database migrated', () =>
      provisionDatabase({
        ownerUrl: postgres.superuserUrl(),
        servicePasswords: secrets.servicePasswords,
        logger: createLogger({ service: 'migrate', level: 'warn' }),
      }),
    );
    if (backups) await allowBaseBackups(postgres.superuserUrl(), SERVICE_DATABASE_ROLES.worker);

    const gatewayOrigin = () => `${options.tls ? 'https' : 'http'}://127.0.0.1:${ports.gateway}`;
    const subgraphUrl = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}/graphql`;
    const common = { NODE_ENV: options.env, LOG_LEVEL: options.logLevel ?? 'info' };
    // Field encryption's key-encryption keys: a keyring beside the data, never inside PostgreSQL.
    const keyring = { KEYRING_FILE: join(dataDir, 'keyring.json') };
    const temporalEnv = { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: TASK_QUEUE };
    const serviceEnv = (service: StackService): Record<string, string> => {
      const downloads = {
        STORAGE_DIR: join(dataDir, 'storage'),
        URL_SIGNING_SECRET: secrets.urlSigningSecret,
        PUBLIC_URL: gatewayOrigin(),
      };
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
          PUBLIC_URL: gatewayOrigin(), ...(mailCatcher ? { SMTP_URL: mailCatcher.smtpUrl, MAIL_DELIVERY_SECONDS: '2' } : {}),
          // A terminated organization's document files are deleted with its rows.
          STORAGE_DIR: downloads.STORAGE_DIR,
          ...sourceEnv, VERIFICATION_DISPATCH_SECONDS: '2',
          METRICS_PORT: String(ports.workerMetrics),
          ...(backups ? { BACKUP_DIR: backups.backupDir, BACKUP_CLUSTER_DIR: clusterDir, BACKUP_WAL_SPOOL_DIR: backups.spoolDir(clusterDir), BACKUP_KEYRING_FILE: backups.keyringFile } : {}),
        };
      }
      return {
        ...common, ...downloads, HOST: '127.0.0.1', PORT: String(ports[service]), DATABASE_URL: databaseUrl,
        CONTEXT_PUBLIC_KEYS: publicKeyOf(secrets.contextSigningKey),
        ...(service === 'credentials' || service === 'identity' ? keyring : {}),
        ...(service === 'credentials' ? { DOCUMENT_GRANT_SECRET: secrets.documentGrantSecret, ...temporalEnv } : {}),
        ...(service === 'audit' ? temporalEnv : {}),
        // Identity starts a terminated organization's offboarding workflow.
        ...(service === 'identity' ? temporalEnv : {}),
        ...(service === 'identity' ? { TOKEN_SIGNING_KEYS: secrets.tokenSigningKey, ...(process.env.BREACHED_PASSWORDS_URL ? { BREACHED_PASSWORDS_URL: process.env.BREACHED_PASSWORDS_URL } : {}) } : {}),
      };
    };

    if (options.services !== false) {
      // The services' ports are chosen (where given as 0) only now, just before they bind, and
      // all of them again if one was taken meanwhile: the gateway's origin is in every
      // subgraph's environment (download links), so a new gateway port starts them anew.
      const servicePortKeys = ['gateway', 'metrics', 'workerMetrics', 'identity', 'credentials', 'audit'] as const;
      const requested = servicePortKeys.map((key) => options.ports[key]);
      const supervised = await withPorts(requested, async (chosen) => {
        servicePortKeys.forEach((key, i) => (ports[key] = chosen[i]!));
        const launched: SupervisedService[] = [];
        const launch = async (name: StackService) => {
          const logFile = join(logDir, `${name}.log`);
          const start = () => startService({ name, env: serviceEnv(name), logFile });
          launched.push(superviseService({ name, first: await start(), start, logFile, progress, onGiveUp: failure, active: () => !stopping }));
        };
        try {
          const subgraphs = await progress.time('subgraphs and worker ready', () =>
            Promise.allSettled((['identity', 'credentials', 'audit', 'worker'] as const).map(launch)),
          );
          for (const result of subgraphs) if (result.status === 'rejected') throw result.reason;
          await progress.time('gateway ready', () => launch('gateway'));
          return launched;
        } catch (error) {
          for (const service of launched.reverse()) await service.stop().catch(() => {});
          throw error;
        }
      });
      for (const service of supervised) stoppers.push(() => service.stop());
      await waitForReadiness(`${gatewayOrigin()}/readyz`);
      const chosen = (Object.keys(STACK_PORT_SETTINGS) as (keyof StackPorts)[]).filter((key) => options.ports[key] === 0 && ports[key] !== 0);
      if (chosen.length > 0) progress.step(`ports chosen: ${chosen.map((key) => `${STACK_PORT_SETTINGS[key].variable}=${ports[key]}`).join(' ')}`);
    }
    started = true;

    return {
      ports,
      gatewayUrl: `${gatewayOrigin()}/graphql`,
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
    throw isPortInUse(error) ? new Error(portInUseMessage(error.port, ports, error.message)) : error;
  }
}

/** A port clash, naming the variable that moves that port (or the program's own message for a port it chose itself). */
function portInUseMessage(port: number, ports: StackPorts, message: string): string {
  const key = (Object.keys(STACK_PORT_SETTINGS) as (keyof StackPorts)[]).find((name) => ports[name] === port);
  if (!key) return message;
  const { what, variable } = STACK_PORT_SETTINGS[key];
  return `The ${what} port ${port} is already in use. Stop the process using it or set ${variable} to another port (0 picks a free one).`;
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

