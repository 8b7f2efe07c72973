// A workflow run's history written where its suite's replay test reads it (protobuf's own JSON
// form: enums by name, 64-bit integers and bytes as strings), when RECORD_HISTORIES=1.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export async function recordHistory(handle: WorkflowHandle, directory: URL, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(directory, { recursive: true });
  const { History } = temporal.api.history.v1;
  const json = History.toObject(History.fromObject(await handle.fetchHistory()), { longs: String, enums: String, bytes: String });
  writeFileSync(new URL(`${name}.json`, directory), `${JSON.stringify(json)}\n`);
}
