// How every service process runs: start, log one line when ready, stop cleanly on SIGINT or
// SIGTERM, and exit non-zero with a message (not a stack trace) when it cannot start.
import { ConfigError } from './config.ts';

export interface RunningService {
  describe: string;
  stop(): Promise<void>;
}

export async function runService(name: string, start: () => Promise<RunningService>): Promise<void> {
  let running: RunningService;
  try {
    running = await start();
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : `${name} could not start: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    if (process.env.NODE_ENV === 'development' && !(error instanceof ConfigError)) process.stderr.write(`${(error as Error).stack}\n`);
    // To the local stack, when it started this process (sent before exiting): a port clash is told
    // apart, so that a port the stack chose is chosen again.
    const { code, port } = error as { code?: unknown; port?: unknown };
    const failed = { type: 'failed', message, ...(code === 'EADDRINUSE' && typeof port === 'number' ? { code, port } : {}) };
    if (process.send) await new Promise<void>((resolve) => process.send!(failed, () => resolve()));
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ level: 'info', service: name, msg: `ready: ${running.describe}` })}\n`);
  process.send?.({ type: 'ready' }); // to the local stack, when it started this process

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const forced = setTimeout(() => {
      process.stderr.write(`${name}: did not stop within 10 s after ${signal}; exiting\n`);
      process.exit(1);
    }, 10_000);
    forced.unref();
    try {
      await running.stop();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`${name}: error while stopping: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Started by the local stack with an IPC channel: if that parent dies, stop with it.
  process.on('disconnect', () => void stop('parent exit'));
}
