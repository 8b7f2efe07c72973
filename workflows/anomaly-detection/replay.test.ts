// Histories recorded from real runs of the anomaly scan (anomaly-detection.int.test.ts with
// RECORD_HISTORIES=1), replayed against today's code: a change that would make a run take
// another path than the one it took fails here. Record them again only for a deliberate change.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../worker.ts';

const HISTORIES = new URL('./histories/', import.meta.url);

describe('anomalyDetectionWorkflow histories', () => {
  it('replay against the current code without a determinism error', async () => {
    const files = readdirSync(HISTORIES).filter((name) => name.endsWith('.json')).sort();
    expect(files).toEqual(['quiet.json', 'raised.json']);
    const histories = files.map((name) => ({ workflowId: name.replace(/\.json$/, ''), history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(new URL(name, HISTORIES), 'utf8'))) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
