// A service that keeps dying, from the stack's side: it is started again with a pause, each
// restart said by a progress line, and after the last restart the stack is told, naming its log.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startNodeProcess, superviseService } from './services.ts';

const dir = mkdtempSync(join(tmpdir(), 'credence-supervise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('superviseService', () => {
  it('restarts a service that exits with growing pauses, then gives up saying which log to read', async () => {
    // Serves (reports ready), then crashes.
    const entry = join(dir, 'crashes.mjs');
    writeFileSync(entry, "process.send({ type: 'ready' }); console.log('serving, then crashing'); setTimeout(() => process.exit(3), 50);\n");
    const logFile = join(dir, 'crashes.log');
    const start = () => startNodeProcess({ name: 'crasher', entry, env: {}, logFile });
    const lines: string[] = [];
    const first = await start();
    const gaveUp = new Promise<string>((resolve) => {
      superviseService({
        name: 'crasher', first, start, logFile,
        progress: { step: (line) => lines.push(line), time: (_label, work) => work() },
        onGiveUp: resolve,
        backoff: { firstMs: 20, maxMs: 40, attempts: 3, stableMs: 60_000 },
      });
    });
    const message = await gaveUp;
    expect(lines).toEqual([
      `crasher exited (code 3); restarting it in 0.02 s (log: ${logFile})`,
      expect.stringMatching(/^crasher restarted \(pid \d+\)$/),
      `crasher exited (code 3); restarting it in 0.04 s (log: ${logFile})`,
      expect.stringMatching(/^crasher restarted \(pid \d+\)$/),
      `crasher exited (code 3); restarting it in 0.04 s (log: ${logFile})`,
      expect.stringMatching(/^crasher restarted \(pid \d+\)$/),
    ]);
    expect(message).toContain(`crasher exited (code 3), and 3 restarts in a row did not keep it running. Its log: ${logFile}`);
    expect(message).toContain('serving, then crashing');
  });
});
