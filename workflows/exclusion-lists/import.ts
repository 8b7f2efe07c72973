// Importing an exclusion list file into screening.exclusion_entries, as the worker's role:
//   FULL            the list as published now: every entry stored (or refreshed) and every entry
//                   the file no longer holds removed, in one transaction: who dropped out of the
//                   list is no longer excluded the moment the import commits.
//   EXCLUSIONS      an LEIE monthly supplement of new exclusions: its entries added.
//   REINSTATEMENTS  an LEIE monthly supplement of reinstatements: each entry marked reinstated
//                   (one the table does not hold is stored reinstated, for the record).
// The file is read as a stream and written in batches. A file already imported (same list, kind
// and SHA-256) is not imported again; the attempt is recorded as SKIPPED. Every import is a row of
// screening.exclusion_imports: RUNNING while it goes, then COMPLETED (with the entries, in the same
// transaction), FAILED (with why) or SKIPPED.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { normaliseName, normaliseSurname, surnameKeys, type ExclusionImportKind, type ExclusionList } from '../../domain/exclusion-matching.ts';
import { sql } from '@mikro-orm/postgresql';
import type { EntityManager, MikroORM } from '../../platform/database/orm.ts';
import { AppError, badUserInput, serviceUnavailable } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ParsedEntry } from './exclusion-file.ts';
import { parseLeie } from './parse-leie.ts';
import { parseSam } from './parse-sam.ts';
import { ExclusionEntry, ExclusionImport } from './entities/index.ts';

export interface ImportRequest {
  list: ExclusionList;
  kind: ExclusionImportKind;
  /** An http(s) URL, or a path on this machine. */
  location: string;
}

export interface ImportProgress {
  phase: 'fetched' | 'importing' | 'finished';
  /** Data rows read so far. */
  rows: number;
}

export interface ImportResult {
  importId: string;
  status: 'COMPLETED' | 'SKIPPED';
  list: ExclusionList;
  kind: ExclusionImportKind;
  sha256: string;
  /** Data rows read from the file. */
  rows: number;
  /** Entries removed because a full file no longer holds them. */
  removed: number;
  /** Entries marked reinstated (a reinstatements file). */
  reinstated: number;
  /** For a SKIPPED import: the import of the same file. */
  sameAs: string | null;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  batchSize?: number;
  logger?: Logger;
  /** Fetches a URL location (tests and the stand-in use the real fetch; the default is global fetch). */
  fetch?: typeof fetch;
}

const DEFAULT_BATCH = 2_000;

/** The kind of an LEIE file from its published name (UPDATED.csv, MMYYEXCL.csv, MMYYREIN.csv); null when the name does not tell. */
export function kindFromFileName(location: string): ExclusionImportKind | null {
  const name = basename(location.split(/[?#]/)[0] ?? location).toUpperCase();
  if (/^\d{4}EXCL\.CSV$/.test(name)) return 'EXCLUSIONS';
  if (/^\d{4}REIN\.CSV$/.test(name)) return 'REINSTATEMENTS';
  if (name === 'UPDATED.CSV') return 'FULL';
  return null;
}

/**
 * An entry's id, from its list and the values that identify it: the same person gets the same id
 * in every month's file, so an import refreshes a row in place and matches stay linked to it.
 */
export function entryIdOf(list: ExclusionList, identity: readonly string[]): string {
  const hex = createHash('sha256').update([list, ...identity].join('\u001f')).digest('hex');
  // RFC 9562 version 8 (custom) layout: the hash, with the version and variant bits set.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface LocalFile {
  path: string;
  sha256: string;
  discard(): Promise<void>;
}

/** The file at `location` on this machine with its SHA-256: a URL is downloaded to a temporary file first. */
async function localCopy(location: string, fetchUrl: typeof fetch): Promise<LocalFile> {
  const hash = createHash('sha256');
  const hashing = new Transform({ transform(chunk: Buffer, _encoding, done) { hash.update(chunk); done(null, chunk); } });
  if (/^https?:\/\//i.test(location)) {
    let response: Response;
    try {
      response = await fetchUrl(location);
    } catch (error) {
      throw serviceUnavailable(`Could not download ${location}: ${(error as Error).message}. Check the address and the network, then run the import again.`);
    }
    if (!response.ok || !response.body) throw serviceUnavailable(`Downloading ${location} answered HTTP ${response.status}. Check the address (LEIE_URL, SAM_EXCLUSIONS_URL) and try again later.`);
    const dir = await mkdtemp(join(tmpdir(), 'credence-exclusions-'));
    const path = join(dir, basename(new URL(location).pathname) || 'list.csv');
    try {
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), hashing, createWriteStream(path, { mode: 0o600 }));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw serviceUnavailable(`Downloading ${location} broke off: ${(error as Error).message}. Try again.`);
    }
    return { path, sha256: hash.digest('hex'), discard: () => rm(dir, { recursive: true, force: true }) };
  }
  const path = resolve(location);
  const found = await stat(path).catch(() => null);
  if (!found?.isFile()) throw badUserInput(`${location} is not a file. Give the path of a list file (or its http(s) URL).`, { reason: 'EXCLUSION_FILE_NOT_FOUND' });
  await pipeline(createReadStream(path), hashing, async (source: AsyncIterable<unknown>) => {
    for await (const _chunk of source); // the hash is all that is wanted of this pass
  });
  return { path, sha256: hash.digest('hex'), discard: async () => {} };
}

function parserFor(list: ExclusionList, path: string): AsyncGenerator<ParsedEntry> {
  const source = basename(path);
  return list === 'OIG_LEIE' ? parseLeie(createReadStream(path), source) : parseSam(createReadStream(path), source);
}

/** One entry as a row of screening.exclusion_entries (names normalised for lookup). */
function rowOf(list: ExclusionList, entry: ParsedEntry, importId: string, kind: ExclusionImportKind) {
  if (kind === 'REINSTATEMENTS' && !entry.reinstatedOn) {
    throw badUserInput(`line ${entry.line}: a reinstatements file gives each entry its reinstatement date (REINDATE); this row has none`, { reason: 'EXCLUSION_FILE_ROW', line: entry.line });
  }
  return {
    id: entryIdOf(list, entry.identity),
    list,
    last_name: normaliseSurname(entry.lastName) || null,
    last_name_keys: surnameKeys(entry.lastName),
    first_name: normaliseName(entry.firstName) || null,
    middle_name: normaliseName(entry.middleName) || null,
    business_name: entry.businessName,
    npi: entry.npi,
    date_of_birth: entry.dateOfBirth,
    state: entry.state,
    excluded_on: entry.excludedOn,
    reinstated_on: entry.reinstatedOn,
    terminates_on: entry.terminatesOn,
    exclusion_type: entry.exclusionType,
    general: entry.general,
    specialty: entry.specialty,
    agency: entry.agency,
    raw: entry.raw,
    import_id: importId,
  };
}
type EntryRow = ReturnType<typeof rowOf>;

const ENTRY_COLUMNS = [
  'id', 'list', 'last_name', 'last_name_keys', 'first_name', 'middle_name', 'business_name', 'npi', 'date_of_birth', 'state',
  'excluded_on', 'reinstated_on', 'terminates_on', 'exclusion_type', 'general', 'specialty', 'agency', 'raw', 'import_id',
] as const;
const ENTRY_TYPES: Record<(typeof ENTRY_COLUMNS)[number], string> = {
  id: 'uuid', list: 'text', last_name: 'text', last_name_keys: 'text[]', first_name: 'text', middle_name: 'text', business_name: 'text',
  npi: 'text', date_of_birth: 'date', state: 'text', excluded_on: 'date', reinstated_on: 'date', terminates_on: 'date',
  exclusion_type: 'text', general: 'text', specialty: 'text', agency: 'text', raw: 'jsonb', import_id: 'uuid',
};

/**
 * Writes one batch in one statement (the rows as one JSON parameter). A full file or a supplement
 * of exclusions refreshes an entry it holds already; a reinstatement sets only its date and row.
 */
async function writeBatch(em: EntityManager, rows: EntryRow[], kind: ExclusionImportKind): Promise<void> {
  // The same entry twice in one statement cannot be upserted: the later row wins.
  const unique = [...new Map(rows.map((row) => [row.id, row])).values()];
  const refreshed = kind === 'REINSTATEMENTS' ? ['reinstated_on', 'raw', 'import_id'] : ENTRY_COLUMNS.filter((column) => column !== 'id' && column !== 'list');
  // Raw SQL: thousands of rows as one JSON parameter (an insert of bound values would pass
  // PostgreSQL's 65,535 parameters a statement).
  await em.execute(
    `insert into screening.exclusion_entries (${ENTRY_COLUMNS.join(', ')})
     select ${ENTRY_COLUMNS.join(', ')} from jsonb_to_recordset(?::jsonb) as r(${ENTRY_COLUMNS.map((column) => `${column} ${ENTRY_TYPES[column]}`).join(', ')})
     on conflict (id) do update set ${refreshed.map((column) => `${column} = excluded.${column}`).join(', ')}`,
    [JSON.stringify(unique.map((row) => Object.fromEntries(ENTRY_COLUMNS.map((column) => [column, row[column]]))))],
  );
}

const messageOf = (error: unknown) => (error instanceof AppError ? error.message : 'the import stopped on an unexpected error (see the worker log)');

/** Imports one list file (see the top of this file). Throws BAD_USER_INPUT for a file that is not that list's, with nothing stored. */
export async function importExclusionList(orm: MikroORM, request: ImportRequest, options: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const file = await localCopy(request.location, options.fetch ?? fetch);
  try {
    options.onProgress?.({ phase: 'fetched', rows: 0 });
    const entries = parserFor(request.list, file.path);
    // The header is checked before anything is written: a file of the wrong format stores nothing.
    const first = await entries.next();
    if (first.done && request.kind === 'FULL') {
      throw badUserInput(`${basename(file.path)} holds no entries: a full list file that is empty would remove every entry of ${request.list}. Check the file.`, { reason: 'EXCLUSION_FILE_EMPTY' });
    }

    const em = orm.em.fork();
    const sameFile = { list: request.list, kind: request.kind, sha256: file.sha256 };
    /** A completed import of the same file, if there is one. */
    const completedImportOfFile = () => em.findOne(ExclusionImport, { ...sameFile, status: 'COMPLETED' }, { fields: ['id'] });
    const previous = await completedImportOfFile();
    const importId = randomUUID();
    const skipped = async (sameAs: string): Promise<ImportResult> => {
      await em.insert(ExclusionImport, { id: importId, ...sameFile, location: request.location, rows: 0, status: 'SKIPPED', detail: `same file as import ${sameAs}`, finishedAt: sql.now() });
      options.logger?.info({ importId, list: request.list, kind: request.kind, sameAs }, 'exclusion list file already imported');
      return { importId, status: 'SKIPPED', list: request.list, kind: request.kind, sha256: file.sha256, rows: 0, removed: 0, reinstated: 0, sameAs };
    };
    if (previous) {
      await entries.return(undefined);
      return await skipped(previous.id);
    }
    await em.insert(ExclusionImport, { id: importId, ...sameFile, location: request.location });

    let rows = 0;
    try {
      const outcome = await orm.em.fork().transactional(async (tx) => {
        let batch: EntryRow[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          await writeBatch(tx, batch, request.kind);
          batch = [];
          options.onProgress?.({ phase: 'importing', rows });
        };
        if (!first.done) {
          batch.push(rowOf(request.list, first.value, importId, request.kind));
          rows += 1;
        }
        for await (const entry of entries) {
          batch.push(rowOf(request.list, entry, importId, request.kind));
          rows += 1;
          if (batch.length >= batchSize) await flush();
        }
        await flush();
        let removed = 0;
        if (request.kind === 'FULL') {
          removed = await tx.nativeDelete(ExclusionEntry, { list: request.list, import: { $ne: importId } });
        }
        await tx.nativeUpdate(ExclusionImport, { id: importId }, { status: 'COMPLETED', rows, finishedAt: sql.now() });
        return { removed };
      });
      // Fresh statistics at once: screening's candidate query is planned on them, and autovacuum
      // may come only after the first screening of a freshly filled table.
      await em.execute('analyze screening.exclusion_entries'); // raw SQL: maintenance, not a query of the model
      options.onProgress?.({ phase: 'finished', rows });
      options.logger?.info({ importId, list: request.list, kind: request.kind, rows, removed: outcome.removed }, 'exclusion list imported');
      return {
        importId, status: 'COMPLETED', list: request.list, kind: request.kind, sha256: file.sha256, rows,
        removed: outcome.removed, reinstated: request.kind === 'REINSTATEMENTS' ? rows : 0, sameAs: null,
      };
    } catch (error) {
      // Another import of the same file committed first (the unique index on completed imports).
      if ((error as { code?: string }).code === '23505') {
        await em.nativeDelete(ExclusionImport, { id: importId });
        const winner = await completedImportOfFile();
        if (winner) return await skipped(winner.id);
      }
      await em.nativeUpdate(ExclusionImport, { id: importId }, { status: 'FAILED', rows, detail: messageOf(error), finishedAt: sql.now() });
      options.logger?.warn({ importId, list: request.list, kind: request.kind, rows, err: error instanceof AppError ? undefined : error }, 'exclusion list import failed');
      throw error;
    }
  } finally {
    await file.discard();
  }
}
