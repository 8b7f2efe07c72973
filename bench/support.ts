// Shared by the benchmarks: a throwaway PostgreSQL (embedded, migrated like production) and the
// results file.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provisionDatabase } from '../platform/database/provision.ts';
import { createLogger } from '../platform/logger.ts';
import { freePort } from '../stack/ports.ts';
import { startPostgres, type RunningPostgres } from '../stack/postgres.ts';

export const benchLogger = createLogger({ service: 'bench', level: 'warn' });

export const SERVICE_PASSWORDS = { identity: 'bench-identity', credentials: 'bench-credentials', audit: 'bench-audit', worker: 'bench-worker' };

/** `archive`: the cluster archives its WAL into `<dir>/wal-spool` (the backups benchmark); `work` gets the directory. */
export async function withBenchDatabase<T>(work: (postgres: RunningPostgres, dir: string) => Promise<T>, options: { archive?: boolean } = {}): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-bench-'));
  chmodSync(dir, 0o711);
  const { postgres } = await startPostgres({
    dir: join(dir, 'postgres'), port: await freePort(), superuserPassword: 'bench', logFile: join(dir, 'postgres.log'),
    ...(options.archive ? { archive: { spoolDir: join(dir, 'wal-spool'), timeoutSeconds: 60 } } : {}),
  });
  try {
    await provisionDatabase({ ownerUrl: postgres.superuserUrl(), servicePasswords: SERVICE_PASSWORDS, logger: benchLogger });
    return await work(postgres, dir);
  } finally {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function writeResults(name: string, results: unknown): string {
  const dir = new URL('./results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export interface Latency { median: number; p95: number; samples: number }

/** Nearest-rank median and p95 of milliseconds. */
export function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { median: at(0.5), p95: at(0.95), samples: sorted.length };
}

export interface Spread { median: number; min: number; max: number }

/** The median (the mean of the middle two of an even count) and the range of some figures. */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

let clockTicks: number | undefined;

/**
 * CPU time (user + system, every thread) a process has used so far, in milliseconds, from
 * /proc (Linux); null where that cannot be read.
 */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' '); // after "(comm) "
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks; // utime, stime (fields 14 and 15)
  } catch {
    return null;
  }
}

/**
 * CPU time the whole machine has spent busy so far (every core; not idle, not waiting for I/O),
 * in milliseconds, from /proc/stat (Linux); null where that cannot be read.
 */
export function machineBusyCpuMs(): number | null {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((user + nice + system + irq + softirq + steal) * 1000) / clockTicks;
  } catch {
    return null;
  }
}
