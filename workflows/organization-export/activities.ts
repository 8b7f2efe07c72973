// The organization export's steps, as the worker's database role (which reads every
// organization's rows; the members through identity.organization_export_members, for a
// terminated organization only). The build reads everything of the organization in one
// repeatable-read transaction (one consistent picture, counted first for the header), decrypts its
// protected fields and document files, and streams the contents (domain/organization-export-
// contents.ts) sealed to the recipient's public key (domain/organization-export-package.ts) into
// storage, one table's rows and one document at a time in memory, never the whole package; then
// marks the export READY in a transaction that audits it. A retried build writes a new package.
import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { exportLine, ORGANIZATION_EXPORT_FORMAT, type ExportCounts, type ExportRecord } from '../../domain/organization-export-contents.ts';
import { sealExportPackageStream, type WrappedPrivateKey } from '../../domain/organization-export-package.ts';
import { writeExport, type ExportHeader } from '../../domain/audit-export-format.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import { recordAudit } from '../../platform/audit.ts';
import { readCheckpoints, readEvents, readLinkBefore, readPublicKeys } from '../../platform/audit-event-store.ts';
import { IsolationLevel, LockMode, sql } from '@mikro-orm/postgresql';
import type { EntityManager, MikroORM } from '../../platform/database/orm.ts';
import { Organization, OrganizationExport, OrganizationOffboarding } from '../../subgraphs/identity/entities/index.ts';
import type { FieldEncryption, OrganizationKeys } from '../../platform/field-encryption/data-keys.ts';
import { encryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { Credential, Physician, VerificationCheck } from '../../subgraphs/credentials/entities/index.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Storage } from '../../platform/storage.ts';
import { EXPORT_FAILURES, type OrganizationExportInput } from './shared.ts';

export interface OrganizationExportDeps {
  orm: MikroORM;
  encryption: FieldEncryption;
  /** Where document files are kept and where the sealed package is stored (STORAGE_DIR, which the gateway's /downloads/ serves). */
  storage?: Storage;
  logger?: Logger;
}

/** Where the packages of an organization are stored: removed with its document files at the end of the window. */
export const exportPackageFolder = (organizationId: string) => `organization-exports/${organizationId}`;
export const EXPORT_PACKAGE_EXTENSION = 'cexp';

const windowClosed = () => ApplicationFailure.nonRetryable('the organization is not in its export window', EXPORT_FAILURES.windowClosed);

/** The binary columns of a row, base64; the encrypted ones are taken out and decrypted by the caller. */
const base64 = (value: Buffer | null | undefined) => (value ? Buffer.from(value).toString('base64') : null);

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function createOrganizationExportActivities(deps: OrganizationExportDeps) {
  const inTransaction = <T>(work: (em: EntityManager) => Promise<T>) => deps.orm.em.fork().transactional(work);
  const system = (step: string) => systemCaller(`organization-export-${step}-${randomUUID()}`);

  /** The export row and whether its organization is still in its export window. */
  async function exportOf(em: EntityManager, exportId: string) {
    // Raw SQL: the window judged by the database's clock, in the statement that reads the export.
    const [row] = await em.execute<{ status: string; organization_id: string; recipient_public_key: string; wrapped_key: WrappedPrivateKey | null; in_window: boolean; storage_key: string | null }[]>(
      `select e.status, e.organization_id, e.recipient_public_key, e.wrapped_key, e.storage_key,
              (o.status = 'TERMINATED' and f.status = 'EXPORT_WINDOW' and f.export_window_ends_at > now()) as in_window
         from identity.organization_exports e join identity.organizations o on o.id = e.organization_id
         left join identity.organization_offboardings f on f.organization_id = e.organization_id
        where e.id = ?`,
      [exportId],
    );
    return row;
  }

  // Raw SQL: each record is its row as stored (to_jsonb), every column under its column name, so a
  // column added later is exported without a change here; encrypted columns are opened beside it.
  async function* contentsOf(em: EntityManager, organizationId: string, keys: OrganizationKeys, counts: ExportCounts): AsyncGenerator<ExportRecord> {
    const heartbeat = (detail: string) => Context.current().heartbeat(detail);
    const physicianFields = encryptedFields(em, keys, Physician);
    const credentialFields = encryptedFields(em, keys, Credential);
    const checkFields = encryptedFields(em, keys, VerificationCheck);

    heartbeat('physicians');
    const physicians = await em.execute<{ row: Record<string, unknown>; id: string; date_of_birth: Buffer | null; ssn: Buffer | null }[]>(
      `select to_jsonb(p) - 'date_of_birth' - 'ssn' as row, p.id, p.date_of_birth, p.ssn from credentials.physicians p where p.organization_id = ? order by p.id`,
      [organizationId],
    );
    for (const physician of physicians) {
      counts.physicians += 1;
      yield { record: 'physician', ...physician.row, date_of_birth: physician.date_of_birth && physicianFields.open(physician.id, 'dateOfBirth', physician.date_of_birth), ssn: physician.ssn && physicianFields.open(physician.id, 'ssn', physician.ssn) };
    }
    const affiliations = await em.execute<{ row: Record<string, unknown> }[]>(
      `select to_jsonb(a) as row from credentials.affiliations a where a.organization_id = ? order by a.physician_id`, [organizationId],
    );
    for (const affiliation of affiliations) {
      counts.affiliations += 1;
      yield { record: 'affiliation', ...affiliation.row };
    }

    heartbeat('credentials');
    const credentials = await em.execute<{ row: Record<string, unknown>; id: string; number: Buffer }[]>(
      `select to_jsonb(c) - 'number' - 'number_index' as row, c.id, c.number from credentials.credentials c where c.organization_id = ? order by c.id`,
      [organizationId],
    );
    for (const credential of credentials) {
      counts.credentials += 1;
      yield { record: 'credential', ...credential.row, number: credentialFields.open(credential.id, 'number', credential.number) };
    }
    const checks = await em.execute<{ row: Record<string, unknown>; id: string; evidence: Buffer | null; evidence_sha256: Buffer | null }[]>(
      `select to_jsonb(v) - 'evidence' - 'evidence_sha256' as row, v.id, v.evidence, v.evidence_sha256 from credentials.verification_checks v where v.organization_id = ? order by v.checked_at, v.id`,
      [organizationId],
    );
    for (const check of checks) {
      counts.verificationChecks += 1;
      const evidence = check.evidence && checkFields.openBytes(check.id, 'evidence', check.evidence);
      yield { record: 'verification_check', ...check.row, evidence: base64(evidence), evidence_sha256: check.evidence_sha256 ? Buffer.from(check.evidence_sha256).toString('hex') : null };
    }
    const reviews = await em.execute<{ row: Record<string, unknown> }[]>(
      `select to_jsonb(r) as row from credentials.verification_reviews r where r.organization_id = ? order by r.opened_at, r.id`, [organizationId],
    );
    for (const review of reviews) {
      counts.verificationReviews += 1;
      yield { record: 'verification_review', ...review.row };
    }

    const documents = await em.execute<{ row: Record<string, unknown>; id: string; sha256: Buffer | null; storage_key: string | null; status: string }[]>(
      `select to_jsonb(d) - 'sha256' as row, d.id, d.sha256, d.storage_key, d.status from credentials.documents d where d.organization_id = ? order by d.id`,
      [organizationId],
    );
    for (const document of documents) {
      heartbeat(`document:${document.id}`);
      let contents: Buffer | null = null;
      if (document.status === 'STORED' && document.storage_key) {
        const stream = deps.storage!.read(document.storage_key);
        if (!stream) throw ApplicationFailure.nonRetryable(`the file of document ${document.id} is missing`, EXPORT_FAILURES.unreadable);
        contents = keys.decrypt({ table: 'documents', column: 'content', rowId: document.id }, await readAll(stream));
        if (document.sha256 && !createHash('sha256').update(contents).digest().equals(Buffer.from(document.sha256))) {
          throw ApplicationFailure.nonRetryable(`the file of document ${document.id} failed its checksum`, EXPORT_FAILURES.unreadable);
        }
      }
      counts.documents += 1;
      yield { record: 'document', ...document.row, sha256: document.sha256 ? Buffer.from(document.sha256).toString('hex') : null, contents: base64(contents) };
    }

    heartbeat('members');
    // Raw SQL: a SECURITY DEFINER function (members' emails are identity's, named for the export only).
    const members = await em.execute<Record<string, unknown>[]>(
      `select user_id, email, display_name, role, status, created_at, updated_at from identity.organization_export_members(?)`, [organizationId],
    );
    for (const member of members) {
      counts.members += 1;
      yield { record: 'member', ...member };
    }

    // The audit log, in the format of its own export (with the signing keys and checkpoints), so it verifies offline.
    heartbeat('audit');
    // Raw SQL: the chain's range of sequence numbers (an aggregate), read as the chain's readers read it.
    const [range] = await em.execute<{ first: number | null; last: number | null }[]>(
      `select min(seq)::int as first, max(seq)::int as last from audit.events where organization_id = ?`, [organizationId],
    );
    const header: ExportHeader = {
      format: 'credence-audit-export', version: 1, organizationId, exportedAt: new Date().toISOString(), from: null, to: null,
      previous: await readLinkBefore(em, organizationId, range?.first ?? 1), keys: await readPublicKeys(em),
    };
    const events = range?.first ? readEvents(em, organizationId, range.first, range.last) : (async function* () {})();
    const checkpoints = range?.first ? await readCheckpoints(em, organizationId, range.first, range.last) : [];
    for await (const line of writeExport('JSON_LINES', header, events, checkpoints)) {
      const parsed = JSON.parse(line) as { record: string };
      if (parsed.record === 'event') {
        counts.auditEvents += 1;
        if (counts.auditEvents % 10_000 === 0) heartbeat(`audit:${counts.auditEvents}`);
      }
      if (parsed.record === 'checkpoint') counts.auditCheckpoints += 1;
      yield { record: 'audit_log', line: parsed };
    }
  }

  return {
    /** Marks the export as being built; `build` false when there is nothing to build (built, failed or expired already). `expiresAt`: when its package goes. */
    async startOrganizationExport(input: OrganizationExportInput): Promise<{ build: boolean; status: string | null; expiresAt: string }> {
      return inTransaction(async (em) => {
        const row = await em.findOne(OrganizationExport, { id: input.exportId, organization: input.organizationId },
          { fields: ['status', 'expiresAt', 'workflowStartedAt'], lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!row) return { build: false, status: null, expiresAt: new Date(0).toISOString() };
        const status = row.status === 'REQUESTED' ? 'BUILDING' : row.status;
        await em.nativeUpdate(OrganizationExport, { id: input.exportId }, { status, ...(row.workflowStartedAt ? {} : { workflowStartedAt: sql.now() }) });
        return { build: status === 'BUILDING', status, expiresAt: row.expiresAt.toISOString() };
      });
    },

    /** The window the export was made for has ended: its package is removed and the export EXPIRED (audited); one already gone (deleted with its organization) is left. */
    async expireOrganizationExport(input: OrganizationExportInput): Promise<void> {
      const row = await deps.orm.em.fork().findOne(OrganizationExport, { id: input.exportId, status: 'READY' }, { fields: ['storageKey'] });
      if (!row) return;
      // The file first: an expired row never names a file that is still there.
      if (row.storageKey) await deps.storage?.remove(row.storageKey);
      await inTransaction(async (em) => {
        const expired = await em.nativeUpdate(OrganizationExport, { id: input.exportId, status: 'READY' }, { status: 'EXPIRED', storageKey: null });
        if (expired === 0) return;
        await recordAudit(em, system('expired'), {
          organizationId: input.organizationId, action: 'DELETE', resourceType: 'OrganizationExport', resourceId: input.exportId, outcome: 'SUCCESS', reason: 'expired',
        });
      });
    },

    /** Reads, decrypts, packages and seals the organization's data, stores the package and marks the export READY (audited). */
    async buildOrganizationExport(input: OrganizationExportInput): Promise<void> {
      const { exportId, organizationId } = input;
      if (!deps.storage) throw ApplicationFailure.nonRetryable('the worker has no STORAGE_DIR: an export cannot be stored', EXPORT_FAILURES.noStorage);
      // Counted in the snapshot the contents are read in (the header comes first), and checked against what was written.
      const counted: ExportCounts = { physicians: 0, affiliations: 0, credentials: 0, verificationChecks: 0, verificationReviews: 0, documents: 0, members: 0, auditEvents: 0, auditCheckpoints: 0 };
      const { key, bytes, sha256, counts } = await deps.orm.em.fork().transactional(async (em) => {
        const request = await exportOf(em, exportId);
        if (!request || request.organization_id !== organizationId || request.status !== 'BUILDING') throw ApplicationFailure.nonRetryable('the export is not being built', EXPORT_FAILURES.buildFailed);
        if (!request.in_window) throw windowClosed();
        const organization = await em.findOne(Organization, { id: organizationId }, { fields: ['name'] });
        // Raw SQL: nine counts in one statement, in the snapshot the contents are then read in.
        const [expected] = await em.execute<ExportCounts[]>(
          `select (select count(*)::int from credentials.physicians where organization_id = ?) as physicians,
                  (select count(*)::int from credentials.affiliations where organization_id = ?) as affiliations,
                  (select count(*)::int from credentials.credentials where organization_id = ?) as "credentials",
                  (select count(*)::int from credentials.verification_checks where organization_id = ?) as "verificationChecks",
                  (select count(*)::int from credentials.verification_reviews where organization_id = ?) as "verificationReviews",
                  (select count(*)::int from credentials.documents where organization_id = ?) as documents,
                  (select count(*)::int from identity.organization_export_members(?)) as members,
                  (select count(*)::int from audit.events where organization_id = ?) as "auditEvents",
                  (select count(*)::int from audit.checkpoints where organization_id = ?) as "auditCheckpoints"`,
          Array(9).fill(organizationId),
        );
        const keys = await deps.encryption.forOrganization(em, organizationId);
        const digest = createHash('sha256');
        async function* lines() {
          yield exportLine({ record: 'export', format: ORGANIZATION_EXPORT_FORMAT, version: 1, organizationId, organizationName: organization?.name ?? '', exportedAt: new Date().toISOString(), counts: expected! });
          for await (const record of contentsOf(em, organizationId, keys, counted)) yield exportLine(record);
        }
        async function* digested(chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            digest.update(chunk);
            yield chunk;
          }
        }
        const stored = await deps.storage!.write(exportPackageFolder(organizationId), EXPORT_PACKAGE_EXTENSION, digested(sealExportPackageStream(lines(), request.recipient_public_key, request.wrapped_key ?? undefined)));
        if ((Object.keys(counted) as (keyof ExportCounts)[]).some((kind) => counted[kind] !== expected![kind])) {
          await deps.storage!.remove(stored.key);
          throw ApplicationFailure.retryable('the records written differ from those counted', EXPORT_FAILURES.buildFailed);
        }
        return { ...stored, sha256: digest.digest('hex'), counts: expected! };
      }, { isolationLevel: IsolationLevel.REPEATABLE_READ });
      try {
        const previous = await inTransaction(async (em) => {
          const row = await em.findOne(OrganizationExport, { id: exportId }, { fields: ['storageKey', 'status'], lockMode: LockMode.PESSIMISTIC_WRITE });
          if (row?.status !== 'BUILDING') throw ApplicationFailure.nonRetryable('the export is no longer being built', EXPORT_FAILURES.buildFailed);
          // Shared with the start of the deletion (which locks it for update): a package is either ready before the
          // deletion begins, and then removed by it, or refused here and removed below, never left behind.
          const window = await em.findOne(OrganizationOffboarding, { organization: organizationId }, { fields: ['status'], lockMode: LockMode.PESSIMISTIC_READ });
          if (window?.status !== 'EXPORT_WINDOW') throw windowClosed();
          await em.nativeUpdate(OrganizationExport, { id: exportId }, { status: 'READY', storageKey: key, bytes, sha256, counts, readyAt: sql.now() });
          await recordAudit(em, system('built'), {
            organizationId, action: 'EXPORT', resourceType: 'OrganizationExport', resourceId: exportId, outcome: 'SUCCESS',
            reason: `built:physicians:${counts.physicians}:credentials:${counts.credentials}:documents:${counts.documents}:members:${counts.members}:audit_events:${counts.auditEvents}`,
          });
          return row.storageKey ?? null;
        });
        if (previous && previous !== key) await deps.storage.remove(previous);
      } catch (error) {
        await deps.storage.remove(key);
        throw error;
      }
    },

    /** Records a build that failed for good, with its code (audited). */
    async markOrganizationExportFailed(failure: OrganizationExportInput & { code: string }): Promise<void> {
      await inTransaction(async (em) => {
        const failed = await em.nativeUpdate(OrganizationExport, { id: failure.exportId, status: { $in: ['REQUESTED', 'BUILDING'] } }, { status: 'FAILED', failureCode: failure.code });
        if (failed === 0) return;
        deps.logger?.warn({ exportId: failure.exportId, organizationId: failure.organizationId, code: failure.code }, 'an organization export failed');
        await recordAudit(em, system('failed'), {
          organizationId: failure.organizationId, action: 'EXPORT', resourceType: 'OrganizationExport', resourceId: failure.exportId, outcome: 'FAILURE',
          reason: `build_failed:${failure.code.toLowerCase()}`,
        });
      });
    },
  };
}

export type OrganizationExportActivities = ReturnType<typeof createOrganizationExportActivities>;
