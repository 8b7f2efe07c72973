// Runs an operator's backup tool (pgBackRest, WAL-G) as a program, never through a shell: its
// arguments are never parsed again. Any failure is an error with a stable code (the activity that
// asked retries it), never an empty answer that would read as "no backups".
import { execFile } from 'node:child_process';
import { serviceUnavailable } from '../errors.ts';
import type { BackupAdapter, BackupInfo } from './local-backups.ts';

export interface BackupTool {
  /** How the tool is named in errors (pgBackRest, WAL-G). */
  name: string;
  /** Its executable: a path, or a name looked up in PATH. */
  bin: string;
  /** The whole environment it runs with (its own settings, PATH): nothing else of the worker's. */
  env: Record<string, string>;
}

/** Long enough for an expire or delete over a slow object store; a tool that hangs past it is a failure. */
const TOOL_TIMEOUT_MS = 30 * 60_000;
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** The tool's standard output; its exit status not zero, a missing binary, or a timeout: SERVICE_UNAVAILABLE. */
export function runBackupTool(tool: BackupTool, args: readonly string[]): Promise<string> {
  const command = `${tool.name} (${tool.bin} ${args.join(' ')})`;
  return new Promise((resolve, reject) => {
    execFile(tool.bin, args, { env: tool.env, timeout: TOOL_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) {
        resolve(stdout);
        return;
      }
      const failure = error as NodeJS.ErrnoException & { code?: string | number; killed?: boolean; signal?: string | null };
      const said = lastLines(stderr || stdout);
      if (failure.code === 'ENOENT') reject(serviceUnavailable(`${command} could not be run: ${tool.bin} was not found`));
      else if (failure.killed || failure.signal) reject(serviceUnavailable(`${command} was stopped (${failure.signal ?? 'timeout'})${said ? `: ${said}` : ''}`));
      else reject(serviceUnavailable(`${command} failed with exit status ${String(failure.code)}${said ? `: ${said}` : ''}`));
    });
  });
}

/** What the tool said last: enough to see why, not its whole log. */
function lastLines(output: string): string {
  return output.trim().split('\n').slice(-3).join(' / ').slice(0, 600);
}

/** The tool's JSON answer, or SERVICE_UNAVAILABLE naming the command: output that is not JSON is never read as none. */
export function parseToolJson(tool: BackupTool, args: readonly string[], output: string): unknown {
  try {
    return JSON.parse(output);
  } catch {
    throw serviceUnavailable(`${tool.name} (${tool.bin} ${args.join(' ')}) answered output that is not JSON: ${output.trim().slice(0, 200)}`);
  }
}

export function malformed(tool: BackupTool, args: readonly string[], what: string): Error {
  return serviceUnavailable(`${tool.name} (${tool.bin} ${args.join(' ')}) answered JSON this adapter does not read: ${what}`);
}

/**
 * A BackupAdapter over a backup tool: `backups` reads its listing (oldest first), and `expire`
 * asks the tool's own expiry to remove what finished before the cutoff, answering whether it asked
 * for anything. What went is counted by listing again: neither tool says, nor how many WAL segments
 * its archive retention removed.
 */
export function adapterOverTool<Backup extends BackupInfo>(
  backups: () => Promise<Backup[]>,
  expire: (before: Backup[], cutoff: Date) => Promise<boolean>,
): BackupAdapter {
  const list = async (): Promise<BackupInfo[]> => (await backups()).map(({ id, startedAt, finishedAt, bytes }) => ({ id, startedAt, finishedAt, bytes }));
  return {
    list,
    async oldest() {
      return (await list())[0] ?? null;
    },
    async purgeOlderThan(cutoff) {
      const before = await backups();
      if (!(await expire(before, cutoff))) return { baseBackups: 0, walSegments: 0 };
      const kept = new Set((await backups()).map((backup) => backup.id));
      return { baseBackups: before.filter((backup) => !kept.has(backup.id)).length, walSegments: 0 };
    },
  };
}
