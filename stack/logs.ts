import { readFileSync } from 'node:fs';

/** The last lines of a log file, indented, for error messages that say what went wrong. */
export function logTail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).map((line) => `  ${line}`).join('\n');
  } catch {
    return '  (no output)';
  }
}
