// In domain/: a pure file format (no I/O), shared by the audit subgraph that writes it and the offline verifier that reads it.
// The audit export file, as JSON Lines or CSV: a header (organization, range, the event just
// before the range, the signing keys), the events, then the checkpoints. Everything needed to
// verify it offline is inside; `npm run audit:verify -- FILE` does so.
//
// CSV: one `record` column (export, key, event, checkpoint) then the fields; an unquoted empty
// field is null, a quoted empty field ("") is an empty string, so values round-trip exactly.
// A value a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
// return) is written behind an apostrophe, as is a value that starts with one, and the reader
// takes exactly one leading apostrophe off: the cell shows as text, and the export still verifies.
import type { ChainEvent, Checkpoint, PublicKeys } from './audit-chain.ts';

export type ExportFormat = 'JSON_LINES' | 'CSV';
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { JSON_LINES: 'jsonl', CSV: 'csv' };

export interface ExportHeader {
  format: 'credence-audit-export';
  version: 1;
  organizationId: string;
  exportedAt: string;
  from: string | null;
  to: string | null;
  /** The event just before the first exported one (or the chain's start), to link from. */
  previous: { seq: number; hash: string };
  keys: PublicKeys;
}

export interface ParsedExport {
  header: ExportHeader;
  events: ChainEvent[];
  checkpoints: Checkpoint[];
}

const EVENT_FIELDS = ['organizationId', 'seq', 'occurredAt', 'actorId', 'actorRole', 'sourceIp', 'requestId', 'action', 'resourceType', 'resourceId', 'outcome', 'reason', 'prevHash', 'hash'] as const;
const CHECKPOINT_FIELDS = ['organizationId', 'seq', 'hash', 'signedAt', 'keyId', 'signature'] as const;
const CSV_COLUMNS = ['record', ...EVENT_FIELDS, 'signedAt', 'keyId', 'signature', 'publicKey', 'exportedAt', 'from', 'to'] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

/** What a spreadsheet would read as the start of a formula, and the apostrophe that neutralises it. */
const FORMULA_START = /^[=+\-@\t\r']/;

function csvValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return text === '' || /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvText = (value: string | null) => (value !== null && value.startsWith("'") ? value.slice(1) : value);

const csvLine = (row: CsvRow) => `${CSV_COLUMNS.map((column) => csvValue(row[column])).join(',')}\n`;

export async function* writeExport(format: ExportFormat, header: ExportHeader, events: AsyncIterable<ChainEvent>, checkpoints: Checkpoint[]): AsyncGenerator<string> {
  if (format === 'JSON_LINES') {
    yield `${JSON.stringify({ record: 'export', ...header })}\n`;
    for await (const event of events) yield `${JSON.stringify({ record: 'event', ...event })}\n`;
    for (const checkpoint of checkpoints) yield `${JSON.stringify({ record: 'checkpoint', ...checkpoint })}\n`;
    return;
  }
  yield csvLine(Object.fromEntries(CSV_COLUMNS.map((c) => [c, c])));
  yield csvLine({ record: 'export', organizationId: header.organizationId, seq: header.previous.seq, hash: header.previous.hash, exportedAt: header.exportedAt, from: header.from, to: header.to });
  for (const [keyId, publicKey] of Object.entries(header.keys)) yield csvLine({ record: 'key', keyId, publicKey });
  for await (const event of events) yield csvLine({ record: 'event', ...event });
  for (const checkpoint of checkpoints) yield csvLine({ record: 'checkpoint', ...checkpoint });
}

export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

export function parseExport(text: string): ParsedExport {
  return text.trimStart().startsWith('{') ? parseJsonLines(text) : parseCsv(text);
}

function parseJsonLines(text: string): ParsedExport {
  let header: ExportHeader | undefined;
  const events: ChainEvent[] = [];
  const checkpoints: Checkpoint[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new ExportFormatError(`line ${index + 1} is not JSON`);
    }
    const { record: kind, ...rest } = record;
    if (kind === 'export') header = rest as unknown as ExportHeader;
    else if (kind === 'event') events.push(rest as unknown as ChainEvent);
    else if (kind === 'checkpoint') checkpoints.push(rest as unknown as Checkpoint);
    else throw new ExportFormatError(`line ${index + 1} has an unknown record type`);
  });
  if (!header || header.format !== 'credence-audit-export' || header.version !== 1) throw new ExportFormatError('no Credence audit export header (version 1)');
  return { header, events, checkpoints };
}

/** RFC 4180 fields, keeping the difference between an unquoted empty field (null) and "" (empty string). */
function parseCsvRows(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i < text.length) {
    let value: string | null;
    if (text[i] === '"') {
      let end = i + 1;
      value = '';
      for (;;) {
        const next = text.indexOf('"', end);
        if (next === -1) throw new ExportFormatError('unterminated quoted field');
        value += text.slice(end, next);
        if (text[next + 1] === '"') {
          value += '"';
          end = next + 2;
        } else {
          i = next + 1;
          break;
        }
      }
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end += 1;
      value = end === i ? null : text.slice(i, end);
      i = end;
    }
    row.push(csvText(value));
    if (text[i] === ',') {
      i += 1;
    } else {
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') i += 1;
      rows.push(row);
      row = [];
    }
  }
  return rows.filter((r) => r.length > 1 || r[0] !== null);
}

function parseCsv(text: string): ParsedExport {
  const [columns, ...rows] = parseCsvRows(text);
  if (!columns || columns.join(',') !== CSV_COLUMNS.join(',')) throw new ExportFormatError('the CSV columns are not those of a Credence audit export');
  let header: ExportHeader | undefined;
  const keys: PublicKeys = {};
  const events: ChainEvent[] = [];
  const checkpoints: Checkpoint[] = [];
  for (const values of rows) {
    const row = Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, values[index] ?? null])) as Record<(typeof CSV_COLUMNS)[number], string | null>;
    const pick = <K extends readonly string[]>(fields: K) =>
      Object.fromEntries(fields.map((field) => [field, field === 'seq' ? Number(row.seq) : row[field as keyof typeof row]]));
    if (row.record === 'export') {
      header = {
        format: 'credence-audit-export', version: 1, organizationId: row.organizationId!, exportedAt: row.exportedAt!,
        from: row.from, to: row.to, previous: { seq: Number(row.seq), hash: row.hash! }, keys,
      };
    } else if (row.record === 'key') keys[row.keyId!] = row.publicKey!;
    else if (row.record === 'event') events.push(pick(EVENT_FIELDS) as unknown as ChainEvent);
    else if (row.record === 'checkpoint') checkpoints.push(pick(CHECKPOINT_FIELDS) as unknown as Checkpoint);
    else throw new ExportFormatError(`unknown record type "${row.record}"`);
  }
  if (!header) throw new ExportFormatError('no export record');
  return { header, events, checkpoints };
}
