// The replay test every workflow folder has: its recorded histories (test/support/histories.ts
// writes them with RECORD_HISTORIES=1) replayed against today's workflow code, so that a change
// that would make a running workflow take another path than the one it took fails in the tests,
// before it reaches a worker that holds such workflows.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../workflows/worker.ts';

/** Defines the test: exactly the `recorded` histories are in `directory`, and each replays without a determinism error. */
export function describeHistoryReplay(workflowType: string, directory: URL, recorded: string[]): void {
  describe(`${workflowType} histories`, () => {
    it('replay against the current code without a determinism error', async () => {
      const files = readdirSync(directory).filter((name) => name.endsWith('.json')).sort();
      expect(files).toEqual(recorded.map((name) => `${name}.json`).sort());
      const histories = files.map((name) => ({
        workflowId: name.replace(/\.json$/, ''),
        history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(new URL(name, directory), 'utf8'))),
      }));
      const failures: string[] = [];
      for await (const result of Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH }, histories)) {
        if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
      }
      expect(failures).toEqual([]);
    }, 120_000);
  });
}
