// Starts the Credence services of the local stack as child processes, each through its own
// production entry point and configured by environment exactly as in production.
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { logTail } from './logs.ts';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './temporal.ts';

export type StackService = 'identity' | 'credentials' | 'audit' | 'worker' | 'gateway';

export const SERVICE_ENTRY_POINTS: Record<StackService, string> = {
  identity: '../subgraphs/identity/main.ts',
  credentials: '../subgraphs/credentials/main.ts',
  audit: '../subgraphs/audit/main.ts',
  worker: '../workflows/main.ts',
  gateway: '../gateway/main.ts',
};

export interface RunningService {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

export function startService(options: { name: StackService; env: Record<string, string>; logFile: string; startTimeoutMs?: number }): Promise<RunningService> {
  return startNodeProcess({ ...options, entry: fileURLToPath(new URL(SERVICE_ENTRY_POINTS[options.name], import.meta.url)) });
}

/**
 * Forks a Node.js program that sends { type: 'ready' } over IPC once it serves (as runService
 * does), with its output in `logFile`; an exit or a time-out while starting is an error with the
 * log's last lines.
 */
export async function startNodeProcess(options: {
  name: string;
  entry: string;
  env: Record<string, string>;
  logFile: string;
  startTimeoutMs?: number;
}): Promise<RunningService> {
  const { entry } = options;
  const log = openSync(options.logFile, 'a');
  const child: ChildProcess = fork(entry, [], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log, 'ipc'],
    execArgv: [],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.name} did not become ready within ${timeoutMs / 1000} s.\n${logTail(options.logFile)}`)), timeoutMs);
    child.on('message', (message: { type?: string }) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with code ${code} while starting:\n${logTail(options.logFile)}`));
    });
  }).catch(async (error: unknown) => {
    await stopProcess(child, exited, 2_000);
    throw error;
  });
  return { name: options.name, pid: child.pid!, stop: () => stopProcess(child, exited) };
}
