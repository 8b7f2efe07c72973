import { rmSync } from 'node:fs';
import type { RunningStack } from '../stack/stack.ts';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { credenceTestStack?: RunningStack }).credenceTestStack;
  await stack?.stop();
  const info = process.env.CREDENCE_TEST_STACK ? (JSON.parse(process.env.CREDENCE_TEST_STACK) as { dataDir: string }) : undefined;
  if (info) rmSync(info.dataDir, { recursive: true, force: true });
}
