// Audit exports on file: sealed at rest with a key of their own that only their signed link
// carries (platform/field-encryption/sealed-files.ts), at most MAX_EXPORTS_IN_PROGRESS being
// written per organization at once, and deleted once their link has expired: each export first
// sweeps every organization's expired ones (audit.exports holds what exists and until when).
import { randomUUID } from 'node:crypto';
import type { Caller } from '../../platform/caller.ts';
import { secondsFromNow } from '../../platform/database/clock.ts';
import { runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, serviceUnavailable } from '../../platform/errors.ts';
import { newFileKey, sealedFolder, sealFile } from '../../platform/field-encryption/sealed-files.ts';
import { AuditExport } from './entities/index.ts';
import { runInOrganization, type AuditService } from './service.ts';

export const MAX_EXPORTS_IN_PROGRESS = 2;
export const EXPORT_LINK_MINUTES = 15;

const abandoned = () => serviceUnavailable('The export took longer than an hour to write and was given up; export a shorter period, or try again');

/** Expired: the link has expired, or the writing was abandoned (as the sweep policies of audit.exports say). */
const EXPIRED = `(expires_at < now() or (status = 'WRITING' and started_at < now() - interval '1 hour'))`;

/**
 * Deletes every expired export (link expired, or writing abandoned): its row, then its file, in
 * one transaction, so a file whose removal fails keeps its row for the next sweep. The expiry is
 * checked again on the row being deleted: an export that became READY since it was seen (its
 * writing finished) is not deleted without its file.
 */
export async function sweepExpiredExports(service: AuditService, caller: Caller): Promise<number> {
  return runAsCaller(service.orm, caller, async (em) => {
    // Raw SQL: the ORM's delete returns no columns, and the storage keys of the rows it deleted are
    // what the sweep removes.
    const expired = await em.execute<{ storageKey: string | null }[]>(
      `delete from audit.exports where ${EXPIRED} and id in (select id from audit.exports where ${EXPIRED} limit 1000)
        returning storage_key as "storageKey"`,
    );
    for (const { storageKey } of expired) if (storageKey) await service.storage.remove(storageKey);
    return expired.length;
  });
}

/** Registers an export being written, or refuses it while the organization has too many. */
async function beginExport(service: AuditService, caller: Caller, organizationId: string): Promise<string> {
  const id = randomUUID();
  await runAsCaller(service.orm, caller, async (em) => {
    // Raw SQL: a transaction-level advisory lock, which the ORM has no call for.
    await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`audit-export:${organizationId}`]);
    const writing = await em.count(AuditExport, { organizationId, status: 'WRITING', startedAt: { $gte: secondsFromNow(-3600) } });
    if (writing >= MAX_EXPORTS_IN_PROGRESS) {
      throw new AppError('RATE_LIMITED', `At most ${MAX_EXPORTS_IN_PROGRESS} audit exports of an organization are written at once; try again when one has finished`, {
        retryAfterSeconds: 30, limit: MAX_EXPORTS_IN_PROGRESS,
      });
    }
    await em.insert(AuditExport, { id, organizationId, requestedBy: caller.userId });
  });
  return id;
}

/** Stores the sealed file of an export and marks it READY; returns its storage key, the key it is sealed with (for the link only) and when the link expires. */
export type SealedExportWriter = (extension: string, chunks: AsyncIterable<string | Uint8Array>) => Promise<{ key: string; contentKey: Buffer; expiresAt: Date }>;

/**
 * Registers an export being written (refused while the organization has too many), then runs
 * `work` as the caller in one transaction, with `write`, which stores the file sealed under a new
 * key and marks the export READY in that same transaction. The sweep and the registration come
 * first, each in a transaction of its own: an export never holds two database connections at
 * once, so concurrent exports cannot take the whole pool and wait on it for ever.
 */
export async function writeSealedExport<T>(
  service: AuditService,
  caller: Caller,
  work: (em: EntityManager, organizationId: string, write: SealedExportWriter) => Promise<T>,
): Promise<T> {
  const organizationId = caller.organizationId!;
  await sweepExpiredExports(service, caller);
  const id = await beginExport(service, caller, organizationId);
  let key: string | null = null;
  try {
    return await runInOrganization(service, caller, (em) =>
      work(em, organizationId, async (extension, chunks) => {
        const contentKey = newFileKey();
        const { key: stored } = await service.storage.write(sealedFolder('audit_export', organizationId), extension, sealFile(contentKey, { organizationId, kind: 'audit_export' }, chunks));
        key = stored;
        const expiresAt = new Date(Date.now() + EXPORT_LINK_MINUTES * 60_000);
        const ready = await em.nativeUpdate(AuditExport, { id, status: 'WRITING' }, { status: 'READY', storageKey: stored, expiresAt });
        // Written for so long that the sweep gave it up (its row is gone): a file without a row would never be deleted.
        if (ready === 0) throw abandoned();
        return { key: stored, contentKey, expiresAt };
      }));
  } catch (error) {
    if (key) await service.storage.remove(key);
    await runAsCaller(service.orm, caller, (other) => other.nativeDelete(AuditExport, { id }));
    throw error;
  }
}
