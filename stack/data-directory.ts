// What a local stack's data directory was last started as (development, test or production),
// written at each start beside its secrets. Commands that take development shortcuts with a local
// stack (npm run dev:totp) read it, and refuse any data directory not started for development.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeEnv } from '../platform/config.ts';

export const STACK_FILE = 'stack.json';

export function recordStackEnvironment(dataDir: string, env: RuntimeEnv): void {
  writeFileSync(join(dataDir, STACK_FILE), `${JSON.stringify({ env }, null, 2)}\n`, { mode: 0o600 });
}

/** The environment the data directory was last started as; null when no start recorded one (or the file is unreadable). */
export function stackEnvironmentOf(dataDir: string): RuntimeEnv | null {
  const file = join(dataDir, STACK_FILE);
  if (!existsSync(file)) return null;
  try {
    const { env } = JSON.parse(readFileSync(file, 'utf8')) as { env?: unknown };
    return env === 'development' || env === 'test' || env === 'production' ? env : null;
  } catch {
    return null;
  }
}
