// In domain/: the contents of an organization's data export (what organization-export-package.ts
// seals), a documented format with no I/O: the worker writes it, its owner reads it with any
// JSON Lines reader once `npm run export:open` has opened the package.
//
// JSON Lines, one record a line, each with a `record` kind:
//   export               first: { format, version, organizationId, organizationName, exportedAt, counts }
//   physician            a physician's row, its protected fields decrypted (dateOfBirth, ssn: text or null)
//   affiliation          a physician's affiliation with the organization
//   credential           a credential's row, its number decrypted
//   verification_check   a check of a credential against a primary source (evidence in base64)
//   verification_review  a review of a credential's verification
//   document             a document's row, and `contents`: its file decrypted, in base64 (null before upload)
//   member               a member: user id, email, display name, role, status
//   audit_log            `line`: one line of the organization's audit export (domain/audit-export-format.ts,
//                        JSON Lines: its header with the signing keys, its events, its checkpoints)
// Rows keep their database column names (snake_case); binary columns are base64. The `audit_log`
// lines, joined with newlines, are an audit export that `npm run audit:verify` verifies offline
// (`auditExportOf` gives it).
export const ORGANIZATION_EXPORT_FORMAT = 'credence-organization-export';

export const EXPORT_RECORD_KINDS = [
  'physician', 'affiliation', 'credential', 'verification_check', 'verification_review', 'document', 'member', 'audit_log',
] as const;
export type ExportRecordKind = (typeof EXPORT_RECORD_KINDS)[number];

/** How many records of each kind the contents hold (the audit log by events and checkpoints). */
export interface ExportCounts {
  physicians: number;
  affiliations: number;
  credentials: number;
  verificationChecks: number;
  verificationReviews: number;
  documents: number;
  members: number;
  auditEvents: number;
  auditCheckpoints: number;
}

export interface ExportContentsHeader {
  record: 'export';
  format: typeof ORGANIZATION_EXPORT_FORMAT;
  version: 1;
  organizationId: string;
  organizationName: string;
  exportedAt: string;
  counts: ExportCounts;
}

export type ExportRecord = { record: ExportRecordKind } & Record<string, unknown>;

export interface ParsedExportContents {
  header: ExportContentsHeader;
  records: Record<ExportRecordKind, Record<string, unknown>[]>;
}

export class ExportContentsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportContentsError';
  }
}

export const exportLine = (record: ExportContentsHeader | ExportRecord) => `${JSON.stringify(record)}\n`;

/** The contents, parsed: the header and the records of each kind, in order. */
export function parseExportContents(text: string): ParsedExportContents {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const parse = (line: string, at: number) => {
    try {
      return JSON.parse(line) as { record?: unknown } & Record<string, unknown>;
    } catch {
      throw new ExportContentsError(`line ${at + 1} is not JSON`);
    }
  };
  const header = parse(lines[0] ?? '', 0) as unknown as ExportContentsHeader;
  if (header.record !== 'export' || header.format !== ORGANIZATION_EXPORT_FORMAT || header.version !== 1) {
    throw new ExportContentsError(`not the contents of a Credence organization export (${ORGANIZATION_EXPORT_FORMAT} version 1)`);
  }
  const records = Object.fromEntries(EXPORT_RECORD_KINDS.map((kind) => [kind, [] as Record<string, unknown>[]])) as ParsedExportContents['records'];
  lines.slice(1).forEach((line, index) => {
    const { record, ...fields } = parse(line, index + 1);
    if (!(EXPORT_RECORD_KINDS as readonly unknown[]).includes(record)) throw new ExportContentsError(`line ${index + 2} is of no known kind`);
    records[record as ExportRecordKind].push(fields);
  });
  return { header, records };
}

/** The audit log inside the contents, as the audit export file it is (JSON Lines): what `npm run audit:verify` reads. */
export function auditExportOf(contents: ParsedExportContents): string {
  return contents.records.audit_log.map((entry) => `${JSON.stringify(entry.line)}\n`).join('');
}
