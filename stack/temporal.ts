// The Temporal dev server for the local stack (`temporal server start-dev`), its state in a
// SQLite file in the data directory, its web UI beside it.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, fstatSync, readFileSync } from 'node:fs';
import { logTail } from './logs.ts';
import { PortInUseError } from './ports.ts';
import type { ProcessExit } from './services.ts';
import { Connection } from '@temporalio/client';

export interface RunningTemporal {
  address: string;
  port: number;
  uiPort: number | null;
  uiUrl: string | null;
  /** Where the server's Prometheus metrics are read, when a port was given for them. */
  metricsUrl: string | null;
  pid: number;
  /** Settles when the dev server exits, whoever stopped it. */
  exited: Promise<ProcessExit>;
  stop(): Promise<void>;
}

export async function startTemporal(options: {
  cli: string;
  port: number;
  uiPort: number | null;
  /** Null keeps the state in memory (test servers). */
  dbFile: string | null;
  logFile: string;
  /** The port of its Prometheus metrics (`/metrics`); without one the dev server picks one and does not say where. */
  metricsPort?: number;
  startTimeoutMs?: number;
}): Promise<RunningTemporal> {
  const args = [
    'server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn', '--log-format', 'json',
    // An activity the worker schedules on its own task queue starts in the reply to the workflow
    // task that scheduled it, not after a poll of its own (a round trip less for each activity).
    // The SDK asks for it; servers before 1.32 (the CLI that `go install` builds, or one given by
    // TEMPORAL_CLI or on PATH) grant it only with this set.
    '--dynamic-config-value', 'system.enableActivityEagerExecution=true',
  ];
  if (options.metricsPort) args.push('--metrics-port', String(options.metricsPort));
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort) args.push('--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1', '--ui-disable-news-fetch');
  else args.push('--headless');
  const log = openSync(options.logFile, 'a');
  const logStart = fstatSync(log).size; // this start's lines come after
  const child = spawn(options.cli, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const address = `127.0.0.1:${options.port}`;

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let exitCode: number | null | undefined;
  void exited.then(({ code }) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) {
      // Go's "listen tcp 127.0.0.1:7233: bind: address already in use" (a port given, or one the dev server chose itself)
      const clash = /:(\d+): bind: address already in use/.exec(readLog(options.logFile, logStart));
      if (clash) throw new PortInUseError(`The Temporal dev server could not listen on port ${clash[1]}: it is already in use`, Number(clash[1]));
      throw new Error(`The Temporal dev server exited with code ${exitCode} at start. Its log:\n${logTail(options.logFile)}`);
    }
    if (await answers(address)) break;
    if (Date.now() > deadline) {
      await stopProcess(child, exited);
      throw new Error(`The Temporal dev server did not answer on ${address} within ${(options.startTimeoutMs ?? 60_000) / 1000} s. Its log:\n${logTail(options.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    address,
    port: options.port,
    uiPort: options.uiPort,
    exited,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : null,
    metricsUrl: options.metricsPort ? `http://127.0.0.1:${options.metricsPort}/metrics` : null,
    pid: child.pid!,
    stop: () => stopProcess(child, exited),
  };
}

function readLog(file: string, from: number): string {
  try {
    return readFileSync(file).subarray(from).toString('utf8');
  } catch {
    return '';
  }
}

async function answers(address: string): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: 1_000 });
    await connection.workflowService.getSystemInfo({});
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => {});
  }
}

export async function stopProcess(child: ChildProcess, exited: Promise<unknown>, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
