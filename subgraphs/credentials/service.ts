// What every credentials operation works with, built once per process, and the one way a read
// of protected fields happens: decrypted and audited (VIEW) in the transaction that reads them,
// or refused and audited (ACCESS_DENIED) for a role the matrix denies.
import type { GraphQLResolveInfo } from 'graphql';
import { recordAudit, recordDenial } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import type { CredentialsConfig } from '../../platform/config.ts';
import { runAsCaller, type EntityManager, type MikroORM, type Refusal } from '../../platform/database/orm.ts';
import { AppError, badUserInput, conflict, notFound } from '../../platform/errors.ts';
import type { FieldEncryption, OrganizationKeys } from '../../platform/field-encryption/data-keys.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import { DEFAULT_PAGE_SIZE } from '../../platform/pagination.ts';
import { refusal, type Operation } from '../../platform/permissions.ts';
import { requestedFields } from '../../platform/requested-fields.ts';
import type { Storage } from '../../platform/storage.ts';

export interface CredentialsService {
  config: Readonly<CredentialsConfig>;
  orm: MikroORM;
  logger: Logger;
  encryption: FieldEncryption;
  storage: Storage;
}

/** A protected field of a GraphQL type: the operation that may read it and where its ciphertext lives. */
export interface ProtectedField {
  graphqlField: string;
  operation: Operation;
  table: string;
  column: string;
}

/**
 * For one request: which protected fields it asks for that the caller may read, and which it
 * asks for that the caller may not (each refused field answers FORBIDDEN).
 */
export interface ProtectedSelection {
  fields: Set<string>;
  readable: ProtectedField[];
  refused: Map<string, AppError>;
}

export function selectProtected(caller: Caller, info: GraphQLResolveInfo, byType: Record<string, readonly ProtectedField[]>): ProtectedSelection {
  const fields = requestedFields(info);
  const readable: ProtectedField[] = [];
  const refused = new Map<string, AppError>();
  for (const [type, list] of Object.entries(byType)) {
    for (const field of list) {
      const name = `${type}.${field.graphqlField}`;
      if (!fields.has(name)) continue;
      const error = refusal(caller, field.operation);
      if (error) refused.set(name, error);
      else readable.push(field);
    }
  }
  return { fields, readable, refused };
}

/** Records the refused protected fields of a request (after its own transaction, which may roll back). */
export async function recordRefusedFields(service: CredentialsService, caller: Caller, selection: ProtectedSelection, byType: Record<string, readonly ProtectedField[]>): Promise<void> {
  for (const [type, list] of Object.entries(byType)) {
    const operations = new Set(list.filter((field) => selection.refused.has(`${type}.${field.graphqlField}`)).map((field) => field.operation));
    for (const operation of operations) {
      await recordDenial(service.orm, caller, { resourceType: type, reason: `missing_permission:${operation}` });
    }
  }
}

/** One unit of work that reads protected records: the reads and views in one transaction, then the refusals. */
export async function readAsCaller<T>(
  service: CredentialsService,
  caller: Caller,
  info: GraphQLResolveInfo,
  byType: Record<string, readonly ProtectedField[]>,
  work: (em: EntityManager, selection: ProtectedSelection) => Promise<T>,
): Promise<T> {
  const selection = selectProtected(caller, info, byType);
  const result = await runAsCaller(service.orm, caller, (em) => work(em, selection));
  await recordRefusedFields(service, caller, selection, byType);
  return result;
}

/**
 * Puts the protected fields of `type` that the request selected into the views of `rows`: the
 * refusal in place of those the caller may not read; for the others, the decrypted values and
 * one VIEW event per record, in the reading transaction.
 */
export async function revealProtected<R extends { id: string }>(
  service: CredentialsService,
  em: EntityManager,
  caller: Caller,
  selection: ProtectedSelection,
  type: string,
  fields: readonly ProtectedField[],
  rows: readonly R[],
  views: readonly object[],
): Promise<void> {
  const viewAt = (i: number) => views[i] as Record<string, unknown>;
  for (const field of fields) {
    const refused = selection.refused.get(`${type}.${field.graphqlField}`);
    if (refused) views.forEach((_view, i) => (viewAt(i)[field.graphqlField] = refused));
  }
  const readable = selection.readable.filter((field) => fields.includes(field));
  if (readable.length === 0 || rows.length === 0) return;
  const keys = await service.encryption.forOrganization(em, caller.organizationId!);
  rows.forEach((row, i) => {
    for (const field of readable) viewAt(i)[field.graphqlField] = decryptForView(service, keys, field, row.id, (row as Record<string, unknown>)[field.column] as Buffer | null);
  });
  await recordViews(em, caller, type, rows.map((row) => row.id));
}

/** Records the views of protected fields, one event per record, in the reading transaction. */
export async function recordViews(em: EntityManager, caller: Caller, resourceType: string, ids: readonly string[]): Promise<void> {
  await recordAudit(em, caller, ids.map((id) => ({ action: 'VIEW' as const, resourceType, resourceId: id, outcome: 'SUCCESS' as const })));
}

/** Decrypts one field for a view, or gives the error to answer in its place (and logs it: an integrity problem). */
export function decryptForView(service: CredentialsService, keys: OrganizationKeys, field: ProtectedField, rowId: string, ciphertext: Buffer | null): string | null | AppError {
  if (ciphertext === null) return null;
  try {
    return keys.decryptText({ table: field.table, column: field.column, rowId }, ciphertext);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    service.logger.error({ table: field.table, column: field.column, rowId }, 'an encrypted field failed to decrypt');
    return error;
  }
}

/**
 * A record the caller asked for by id that does not exist or is not visible to the caller
 * (another organization, another physician): the same NOT_FOUND for both, and a denial recorded.
 */
export async function notVisible(service: CredentialsService, caller: Caller, resourceType: string, id: string): Promise<AppError> {
  await recordDenial(service.orm, caller, { resourceType, resourceId: isUuid(id) ? id : null, reason: 'not_found_or_not_visible' });
  return notFound(resourceType);
}

/** Runs a write as the caller (runAsCaller); a unique violation becomes CONFLICT with `message`. */
export async function writeAsCaller<T>(service: CredentialsService, caller: Caller, duplicateMessage: string, work: (em: EntityManager) => Promise<T>): Promise<Exclude<T, Refusal>> {
  try {
    return await runAsCaller(service.orm, caller, work);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict(duplicateMessage);
    throw error;
  }
}

/** Cursor pagination: a page size from `first`, and the id to continue after. */
export function page(args: { first?: number | null; after?: string | null }, max = 100): { limit: number; after: string | null } {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw badUserInput(`first must be between 1 and ${max}`, { field: 'first' });
  if (args.after == null) return { limit, after: null };
  const after = Buffer.from(args.after, 'base64url').toString('utf8');
  if (!isUuid(after)) throw badUserInput('after is not a cursor from this list', { field: 'after' });
  return { limit, after };
}

export const cursorOf = (id: string) => Buffer.from(id).toString('base64url');

export function connection<T extends { id: string }>(rows: T[], limit: number) {
  const nodes = rows.slice(0, limit);
  return { nodes, pageInfo: { hasNextPage: rows.length > limit, endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1]!.id) : null } };
}

/** Text input: trimmed, within bounds, or BAD_USER_INPUT naming the field. */
export function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > max) throw badUserInput(`${field} must be 1 to ${max} characters`, { field });
  return trimmed;
}
