// What every credentials operation works with, built once per process: the service, a record
// not visible to the caller, pagination and text input. (Protected fields: protected-fields.ts.)
import { recordDenial } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import type { CredentialsConfig } from '../../platform/config.ts';
import type { MikroORM } from '../../platform/database/orm.ts';
import { AppError, badUserInput, notFound } from '../../platform/errors.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import { DEFAULT_PAGE_SIZE } from '../../platform/pagination.ts';
import type { Storage } from '../../platform/storage.ts';
import type { VerificationWorkflows } from './verifications.ts';
import type { AuditResourceName } from '../../domain/audit-resource-types.ts';

export interface CredentialsService {
  config: Readonly<CredentialsConfig>;
  orm: MikroORM;
  logger: Logger;
  encryption: FieldEncryption;
  storage: Storage;
  /** Where verification decisions are handed to the credential's workflow (Temporal). */
  verificationWorkflows: VerificationWorkflows | null;
}

/**
 * A record the caller asked for by id that does not exist or is not visible to the caller
 * (another organization, another physician): the same NOT_FOUND for both, and a denial recorded.
 */
export async function notVisible(service: CredentialsService, caller: Caller, resourceType: AuditResourceName, id: string): Promise<AppError> {
  await recordDenial(service.orm, caller, { resourceType, resourceId: isUuid(id) ? id : null, reason: 'not_found_or_not_visible' });
  return notFound(resourceType);
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
