// What the list parsers share: the header check, dates, and the shape of a parsed entry.
import { badUserInput } from '../../platform/errors.ts';
import type { CsvRecord } from './csv.ts';

/** One entry of a list file, its names as published (the import normalises them). */
export interface ParsedEntry {
  line: number;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  businessName: string | null;
  npi: string | null;
  dateOfBirth: string | null;
  state: string | null;
  excludedOn: string | null;
  reinstatedOn: string | null;
  terminatesOn: string | null;
  exclusionType: string;
  general: string | null;
  specialty: string | null;
  agency: string | null;
  /** The row as published, by column name. */
  raw: Record<string, string>;
  /** The values that identify the entry from one file to the next (its id is derived from them). */
  identity: string[];
}

/**
 * The position of each column by name (header names compared trimmed and case-insensitively);
 * refuses a header that lacks a required column, naming every one missing.
 */
export function columnsOf(header: CsvRecord | undefined, required: readonly string[], what: string, source: string): Map<string, number> {
  if (!header) throw badUserInput(`${source} is empty: expected ${what} starting with its header row`, { reason: 'EXCLUSION_FILE_EMPTY' });
  const positions = new Map<string, number>();
  header.fields.forEach((name, i) => positions.set(name.trim().toUpperCase(), i));
  const missing = required.filter((name) => !positions.has(name.toUpperCase()));
  if (missing.length > 0) {
    throw badUserInput(`${source} is not ${what}: its header lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, {
      reason: 'EXCLUSION_FILE_HEADER', missing,
    });
  }
  return positions;
}

/** A reader of one record's fields by column name (trimmed; "" for a column the row is short of). */
export function fieldReader(columns: Map<string, number>, record: CsvRecord) {
  return (name: string): string => (record.fields[columns.get(name.toUpperCase()) ?? -1] ?? '').trim();
}

/** The row as published, by the header's own column names. */
export function rawRow(header: CsvRecord, record: CsvRecord): Record<string, string> {
  const raw: Record<string, string> = {};
  header.fields.forEach((name, i) => (raw[name.trim()] = record.fields[i] ?? ''));
  return raw;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A date as yyyy-mm-dd from yyyymmdd, MM/DD/YYYY or yyyy-mm-dd; null for none (blank or 00000000); refuses anything else. */
export function dateField(value: string, column: string, line: number, source: string): string | null {
  if (value === '' || /^0+$/.test(value)) return null;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const us = match ? null : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : us ? [Number(us[3]), Number(us[1]), Number(us[2])] : [NaN, NaN, NaN];
  if (!isCalendarDate(year, month, day)) {
    throw badUserInput(`${source}, line ${line}: ${column} "${value}" is not a date (yyyymmdd, or 00000000 for none)`, { reason: 'EXCLUSION_FILE_ROW', line, column });
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** A two-letter state in upper case, or null (blank, or a province or country name). */
export function stateField(value: string): string | null {
  const state = value.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(state) ? state : null;
}

export const orNull = (value: string): string | null => (value === '' ? null : value);

/** Which list a file's header row is from (for a command given a file without --list); null when it is neither's. */
export function listOfHeader(headerLine: string): 'OIG_LEIE' | 'SAM' | null {
  const names = new Set(headerLine.replace(/^\ufeff/, '').split(',').map((name) => name.trim().replace(/^"|"$/g, '').trim().toUpperCase()));
  if (names.has('LASTNAME') && names.has('EXCLTYPE') && names.has('EXCLDATE')) return 'OIG_LEIE';
  if (names.has('CLASSIFICATION') && names.has('EXCLUSION TYPE') && names.has('SAM NUMBER')) return 'SAM';
  return null;
}
