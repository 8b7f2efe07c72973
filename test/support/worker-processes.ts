// Verification workers in processes of their own (verification-worker.ts), for suites that kill
// one (SIGKILL, no goodbye) mid-run and start another on the same task queue.
import { spawn, type ChildProcess } from 'node:child_process';
import type { VerificationSourcesConfig } from '../../platform/config.ts';
import type { VerificationTimings } from '../../workflows/credential-verification/shared.ts';

const WORKER_SCRIPT = new URL('./verification-worker.ts', import.meta.url).pathname;

/** Sources for a worker whose workflows never ask one: NPPES at a closed port, the others off. */
export const UNASKED_SOURCES: VerificationSourcesConfig = {
  nppesUrl: 'http://127.0.0.1:1', stateBoardUrl: null, stateBoardApiKey: null, stateBoardStates: [], deaUrl: null, boardCertificationUrl: null, npdbUrl: null,
  sourceTimeoutMs: 1_000, sourceAttempts: 1, sourceRetryBaseMs: 0,
};

/** Starts worker processes; `killAll` (in afterAll) kills those still running. */
export function workerProcesses() {
  const children: ChildProcess[] = [];
  return {
    /** The real worker in a process of its own on `taskQueue`; resolves once it polls. `options` adds to its settings (the chunk of background audit jobs). */
    start(taskQueue: string, sources: VerificationSourcesConfig, timings: VerificationTimings, options: { auditJobChunkEvents?: number } = {}): Promise<ChildProcess> {
      const child = spawn(process.execPath, [WORKER_SCRIPT], {
        env: { ...process.env, CREDENCE_TEST_WORKER: JSON.stringify({ taskQueue, sources, timings, ...options }) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      return new Promise((resolve, reject) => {
        child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve(child));
        child.on('exit', (code) => reject(new Error(`the worker process exited (${code}) before it was ready: ${stderr}`)));
      });
    },
    killAll() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Sends `signal` to a worker process and waits until it has exited. */
export async function stopWorkerProcess(child: ChildProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
