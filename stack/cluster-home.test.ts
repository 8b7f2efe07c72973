// A cluster kept outside its data directory, met again by a data directory made anew at the same
// path: the stack removes what it can no longer open, keeps what is its own, and never touches a
// cluster that still runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { claimClusterHome } from './cluster-home.ts';
import type { Progress } from './progress.ts';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function recordingProgress(): Progress & { steps: string[] } {
  const steps: string[] = [];
  return { steps, step: (message) => void steps.push(message), time: (_label, work) => work() };
}

/** A cluster home holding a (pretend) cluster with one row of data, as an earlier start left it. */
function clusterHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'cluster-home-'));
  homes.push(home);
  const cluster = join(home, 'postgres');
  mkdirSync(cluster);
  writeFileSync(join(cluster, 'PG_VERSION'), '18\n');
  writeFileSync(join(cluster, 'data'), 'earlier rows');
  mkdirSync(join(home, 'wal-spool'));
  return cluster;
}

const owner = (superuserPassword: string, dataDirIsNew = false) => ({ dataDir: '/root/clone/.credence', superuserPassword, dataDirIsNew });

describe('claimClusterHome', () => {
  it('keeps its own cluster, start after start', () => {
    const cluster = clusterHome();
    rmSync(cluster, { recursive: true });
    claimClusterHome(cluster, owner('first', true), recordingProgress()); // the first start, before the cluster is made
    mkdirSync(cluster);
    writeFileSync(join(cluster, 'PG_VERSION'), '18\n');
    writeFileSync(join(cluster, 'data'), 'earlier rows');
    const progress = recordingProgress();
    claimClusterHome(cluster, owner('first'), progress);
    expect(readFileSync(join(cluster, 'data'), 'utf8')).toBe('earlier rows');
    expect(progress.steps).toEqual([]);
  });

  it("removes the cluster of an earlier data directory at the same path, with its WAL spool, and says so", () => {
    const cluster = clusterHome();
    claimClusterHome(cluster, owner('first'), recordingProgress());
    const progress = recordingProgress();
    claimClusterHome(cluster, owner('second', true), progress);
    expect(existsSync(join(cluster, 'PG_VERSION'))).toBe(false);
    expect(existsSync(join(cluster, '..', 'wal-spool'))).toBe(false);
    expect(progress.steps.join('\n')).toContain('made for an earlier data directory at /root/clone/.credence');
    // The new owner's mark is in place: its next start keeps the cluster it creates.
    mkdirSync(cluster);
    writeFileSync(join(cluster, 'PG_VERSION'), '18\n');
    claimClusterHome(cluster, owner('second'), recordingProgress());
    expect(existsSync(join(cluster, 'PG_VERSION'))).toBe(true);
  });

  it('removes an unmarked cluster only when the data directory was made this start', () => {
    const adopted = clusterHome();
    claimClusterHome(adopted, owner('kept'), recordingProgress());
    expect(existsSync(join(adopted, 'data'))).toBe(true);
    const stale = clusterHome();
    claimClusterHome(stale, owner('new', true), recordingProgress());
    expect(existsSync(join(stale, 'data'))).toBe(false);
  });

  it('refuses, touching nothing, while a server still runs from the earlier cluster', () => {
    const cluster = clusterHome();
    claimClusterHome(cluster, owner('first'), recordingProgress());
    writeFileSync(join(cluster, 'postmaster.pid'), `${process.pid}\n${cluster}\n`);
    expect(() => claimClusterHome(cluster, owner('second', true), recordingProgress())).toThrow(`PostgreSQL (pid ${process.pid}) still runs from ${cluster}`);
    expect(readFileSync(join(cluster, 'data'), 'utf8')).toBe('earlier rows');
  });
});
