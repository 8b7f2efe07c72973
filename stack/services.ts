// Starts the Credence services of the local stack as child processes, each through its own
// production entry point and configured by environment exactly as in production, and keeps them
// running: a service that exits on its own is started again (see superviseService).
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { logTail } from './logs.ts';
import { PortInUseError } from './ports.ts';
import type { Progress } from './progress.ts';
import { stopProcess } from './temporal.ts';

export type StackService = 'identity' | 'credentials' | 'audit' | 'worker' | 'gateway';

export const SERVICE_ENTRY_POINTS: Record<StackService, string> = {
  identity: '../subgraphs/identity/main.ts',
  credentials: '../subgraphs/credentials/main.ts',
  audit: '../subgraphs/audit/main.ts',
  worker: '../workflows/main.ts',
  gateway: '../gateway/main.ts',
};

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningService {
  name: string;
  pid: number;
  /** Settles when the process exits, whoever stopped it. */
  exited: Promise<ProcessExit>;
  stop(): Promise<void>;
}

export function startService(options: { name: StackService; env: Record<string, string>; logFile: string; startTimeoutMs?: number }): Promise<RunningService> {
  return startNodeProcess({ ...options, entry: fileURLToPath(new URL(SERVICE_ENTRY_POINTS[options.name], import.meta.url)) });
}

/**
 * Forks a Node.js program that sends { type: 'ready' } over IPC once it serves (as runService
 * does), with its output in `logFile`; an exit or a time-out while starting is an error with the
 * log's last lines, and a port the program found taken (its { type: 'failed', code: 'EADDRINUSE' })
 * is a PortInUseError.
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
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  await new Promise<void>((resolve, reject) => {
    let failed: { message?: string; code?: string; port?: number } | undefined;
    const timer = setTimeout(() => reject(new Error(`${options.name} did not become ready within ${timeoutMs / 1000} s.\n${logTail(options.logFile)}`)), timeoutMs);
    child.on('message', (message: { type?: string; message?: string; code?: string; port?: number }) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      } else if (message?.type === 'failed') {
        failed = message;
      }
    });
    // 'close' comes after the IPC channel has delivered everything the process sent.
    child.once('close', (code) => {
      clearTimeout(timer);
      if (failed?.code === 'EADDRINUSE' && typeof failed.port === 'number') reject(new PortInUseError(failed.message ?? `${options.name}: port in use`, failed.port));
      else reject(new Error(`${options.name} exited with code ${code} while starting:\n${logTail(options.logFile)}`));
    });
  }).catch(async (error: unknown) => {
    await stopProcess(child, exited, 2_000);
    throw error;
  });
  return { name: options.name, pid: child.pid!, exited, stop: () => stopProcess(child, exited) };
}

/** Pauses before a restart: 1 s after the first exit, doubling with each exit in a row, at most 30 s. */
export const RESTART_BACKOFF = { firstMs: 1_000, maxMs: 30_000, attempts: 6, stableMs: 60_000 };

export interface SupervisedService {
  /** The process running now (null while it is being started again). */
  current(): RunningService | null;
  stop(): Promise<void>;
}

/**
 * Keeps a started service running: when it exits on its own (killed, crashed), it is started
 * again after a pause (RESTART_BACKOFF), each step said by a progress line naming the service and
 * its log file. A service that ran for `stableMs` before exiting starts over at the first pause.
 * After `attempts` exits or failed starts in a row, `onGiveUp` is called with what to read.
 */
export function superviseService(options: {
  name: string;
  first: RunningService;
  start: () => Promise<RunningService>;
  logFile: string;
  progress: Progress;
  onGiveUp: (message: string) => void;
  /** False once the whole stack is stopping: an exit then is expected, whichever part stops first. */
  active?: () => boolean;
  backoff?: typeof RESTART_BACKOFF;
}): SupervisedService {
  const { name, logFile, progress } = options;
  const backoff = options.backoff ?? RESTART_BACKOFF;
  let current: RunningService | null = options.first;
  let stopped = false;
  let inARow = 0;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> = Promise.resolve();
  const ended = () => stopped || options.active?.() === false;

  const watch = (service: RunningService) => {
    const startedAt = Date.now();
    void service.exited.then(({ code, signal }) => {
      if (ended()) return;
      current = null;
      if (Date.now() - startedAt >= backoff.stableMs) inARow = 0;
      restartLater(`${name} exited (${signal ? `signal ${signal}` : `code ${code}`})`);
    });
  };
  const restartLater = (why: string) => {
    if (ended()) return;
    inARow += 1;
    if (inARow > backoff.attempts) {
      options.onGiveUp(`${why}, and ${backoff.attempts} restarts in a row did not keep it running. Its log: ${logFile}\n${logTail(logFile)}`);
      return;
    }
    const delayMs = Math.min(backoff.maxMs, backoff.firstMs * 2 ** (inARow - 1));
    progress.step(`${why}; restarting it in ${delayMs / 1000} s (log: ${logFile})`);
    timer = setTimeout(() => {
      restarting = (async () => {
        try {
          if (ended()) return;
          const service = await options.start();
          if (ended()) return void (await service.stop());
          current = service;
          progress.step(`${name} restarted (pid ${service.pid})`);
          watch(service);
        } catch (error) {
          if (!ended()) restartLater(`${name} did not start again (${(error as Error).message.split('\n')[0]})`);
        }
      })();
    }, delayMs);
  };
  watch(options.first);
  return {
    current: () => current,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await restarting;
      await current?.stop();
    },
  };
}
