// Where the embedded PostgreSQL cluster of a data directory lives, and whose it is.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { closedAncestor } from './postgres.ts';
import type { Progress } from './progress.ts';

export const OUTSIDE_CLUSTERS_ROOT = '/var/lib/credence';

/**
 * The cluster lives in the data directory. As root it runs as the `postgres` user, which must be
 * able to pass through every parent directory; when one is closed to others (a home directory,
 * say) the cluster goes to /var/lib/credence instead, keyed by the data directory's path.
 */
export function postgresDirectory(dataDir: string, progress: Progress): string {
  const inside = join(dataDir, 'postgres');
  if (userInfo().uid !== 0) return inside;
  const closed = closedAncestor(dataDir);
  if (!closed) return inside;
  const elsewhere = join(OUTSIDE_CLUSTERS_ROOT, createHash('sha256').update(dataDir).digest('hex').slice(0, 12), 'postgres');
  mkdirSync(dirname(elsewhere), { recursive: true, mode: 0o711 });
  progress.step(`${closed} is closed to the postgres user; the PostgreSQL cluster lives in ${elsewhere}`);
  return elsewhere;
}

const OWNER_FILE = 'owner';
const ownerMark = (superuserPassword: string) => createHash('sha256').update(`credence cluster owner\n${superuserPassword}`).digest('hex');

/**
 * A cluster kept outside its data directory outlives it: a data directory deleted and made again at
 * the same path (a fresh clone into the same folder) meets its predecessor's cluster, whose
 * superuser password and data keys went with the old directory, so it can neither be opened nor
 * read. The cluster's home records whose it is, as a digest of the superuser password; a cluster
 * that is another data directory's (or, from before the record, older than a data directory made
 * this start) is removed and made anew. A cluster still running is never touched.
 */
export function claimClusterHome(
  clusterDir: string,
  owner: { dataDir: string; superuserPassword: string; dataDirIsNew: boolean },
  progress: Progress,
): void {
  const home = dirname(clusterDir);
  const markFile = join(home, OWNER_FILE);
  const ours = ownerMark(owner.superuserPassword);
  const recorded = existsSync(markFile) ? readFileSync(markFile, 'utf8').trim() : null;
  const clusterExists = existsSync(join(clusterDir, 'PG_VERSION'));
  const stale = clusterExists && (recorded !== null ? recorded !== ours : owner.dataDirIsNew);
  if (stale) {
    const pid = runningPostmaster(clusterDir);
    if (pid !== null) {
      throw new Error(
        `PostgreSQL (pid ${pid}) still runs from ${clusterDir}, a cluster made for an earlier data directory at ${owner.dataDir}. ` +
          `Stop that stack (Ctrl-C in its terminal, or kill -INT ${pid}) and start again.`,
      );
    }
    progress.step(
      `${clusterDir} holds a PostgreSQL cluster made for an earlier data directory at ${owner.dataDir}, whose passwords and keys are gone; ` +
        'removing it and creating a new one',
    );
    rmSync(home, { recursive: true, force: true });
    mkdirSync(home, { recursive: true, mode: 0o711 });
  }
  if (recorded !== ours) writeFileSync(markFile, `${ours}\n`, { mode: 0o600 });
}

/** The pid in the cluster's postmaster.pid when that process is alive; null otherwise. */
function runningPostmaster(clusterDir: string): number | null {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
