// What every credentials operation works with, built once per process: the service, a record
// not visible to the caller and text input. (Protected fields: protected-fields.ts.)
import { recordDenial } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import type { CredentialsConfig } from '../../platform/config.ts';
import type { MikroORM } from '../../platform/database/orm.ts';
import { AppError, badUserInput, notFound } from '../../platform/errors.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
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

/** Text input: trimmed, within bounds, or BAD_USER_INPUT naming the field. */
export function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < 1 || trimmed.length > max) throw badUserInput(`${field} must be 1 to ${max} characters`, { field });
  return trimmed;
}
