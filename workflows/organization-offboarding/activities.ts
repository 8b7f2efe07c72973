// The offboarding workflow's steps, as the worker's database role: each is idempotent, so a retry
// (or a worker that died mid-step) changes nothing twice.
import { randomUUID } from 'node:crypto';
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { SigningKey } from '../../domain/audit-chain.ts';
import {
  signDeletionCertificate, signDeletionCertificateV1, type BackupConfirmedDeletionFacts, type BackupsUnconfirmedReason, type DeletionFacts,
} from '../../domain/deletion-certificate.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, type EntityManager, type MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import type { Logger } from '../../platform/logger.ts';
import { enqueueMail } from '../../platform/mail-outbox/outbox.ts';
import type { Storage } from '../../platform/storage.ts';
import { createBackupAdapter, type BackupAdapter } from '../../platform/backups/adapter.ts';
import type { BackupToolConfig } from '../../platform/config.ts';
import { verificationWorkflowId } from '../credential-verification/shared.ts';
import { credentialingWorkflowId } from '../credentialing-cycle/shared.ts';
import { exportPackageFolder } from '../organization-export/activities.ts';
import { AuditEvent } from '../../subgraphs/audit/entities/index.ts';
import { Organization, OrganizationOffboarding, Session } from '../../subgraphs/identity/entities/index.ts';
import type { Reinstater } from './shared.ts';

/** Verification workflows ended at once (each one request to Temporal). */
const STOPS_AT_ONCE = 32;

export interface OrganizationOffboardingDeps {
  orm: MikroORM;
  encryption: FieldEncryption;
  auditSigningKey: SigningKey;
  storage?: Storage;
  logger?: Logger;
  /** The worker's Temporal client (the verification dispatcher's): it ends the organization's credentialing and verification workflows. */
  verification: { client: Client | null };
  /** The embedded cluster's backups (BACKUP_DIR), asked through their BackupAdapter; none (and no backup tool): backups cannot be confirmed, and the certificate says so. */
  backups?: { backupDir: string } | null;
  /** The operator's pgBackRest or WAL-G (BACKUP_ADAPTER), asked instead. */
  backupTool?: BackupToolConfig | null;
  /** The adapter the worker built (createBackupAdapter); absent: built here from the settings above. */
  backupAdapter?: BackupAdapter | null;
}

/** What the backup adapter showed at the last check after the deletion (identity.organization_offboardings.backup_confirmation). */
export interface BackupConfirmation {
  checkedAt: string;
  /** No backup that finished before the deletion is kept; false also when none could be asked (see reason). */
  confirmed: boolean;
  reason: BackupsUnconfirmedReason | null;
  /** When the oldest backup kept finished; null: none. */
  oldestBackupAt: string | null;
  /** Backups kept that finished before the deletion. */
  olderThanDeletion: number;
  backupsPurged: number;
  walSegmentsPurged: number;
  /** The ids of the base backups a purge under way deletes, recorded before it deletes any: a retry after a crash still counts them. */
  purging?: string[];
}

/** The offboardings terminated before the deadline was configured get the contract's. */
const DEFAULT_BACKUPS_DEADLINE = `f.terminated_at + interval '180 days'`;
/** The offboarding's deadline, else the contract's, as an update of the offboarding (no alias there) writes it. */
const BACKUPS_DEADLINE = `coalesce(backups_deadline_at, terminated_at + interval '180 days')`;

export function createOrganizationOffboardingActivities(deps: OrganizationOffboardingDeps) {
  const inTransaction = <T>(work: (em: EntityManager) => Promise<T>) => deps.orm.em.fork().transactional(work);
  const system = (step: string) => systemCaller(`offboarding-${step}-${randomUUID()}`);
  const backups: BackupAdapter | null = deps.backupAdapter !== undefined ? deps.backupAdapter : createBackupAdapter(deps);
  /** The deletion awaiting the backups' expiry: when it was recorded and what the last check showed; null once certified. */
  const awaitingBackups = async (em: EntityManager, organizationId: string) => {
    const row = await em.findOne(
      OrganizationOffboarding,
      { organization: organizationId },
      { fields: ['status', 'deletedAt', 'backupConfirmation'], lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (row?.status === 'DELETED') return null;
    if (row?.status !== 'AWAITING_BACKUP_EXPIRY') throw ApplicationFailure.nonRetryable('the organization\'s deletion is not recorded', 'ORGANIZATION_NOT_DELETED');
    return { status: row.status, deletedAt: row.deletedAt!, confirmation: (row.backupConfirmation ?? null) as BackupConfirmation | null };
  };

  return {
    async recordWorkflowStarted(organizationId: string): Promise<void> {
      await inTransaction((em) => em.nativeUpdate(
        OrganizationOffboarding,
        { organization: organizationId },
        { workflowStartedAt: raw('coalesce(workflow_started_at, now())'), updatedAt: sql.now() },
      ));
    },

    /** Mails every active owner that the export window closes in `daysLeft` days. */
    async remindOwners(reminder: { organizationId: string; exportWindowEndsAt: string; daysLeft: number }): Promise<number> {
      return inTransaction(async (em) => {
        // Raw SQL: identity.organization_contacts is a SECURITY DEFINER function (the worker reads no members).
        const owners = await em.execute<{ email: string }[]>(
          `select email from identity.organization_contacts(?, array['ORG_OWNER'], null) as email order by email`, [reminder.organizationId],
        );
        for (const owner of owners) {
          await enqueueMail(em, deps.encryption, {
            organizationId: reminder.organizationId, recipient: owner.email, template: 'offboarding_reminder',
            parameters: { daysLeft: reminder.daysLeft, exportWindowEndsAt: reminder.exportWindowEndsAt },
          });
        }
        await recordAudit(em, system('reminder'), {
          organizationId: reminder.organizationId, action: 'UPDATE', resourceType: 'OrganizationOffboarding', resourceId: reminder.organizationId,
          outcome: 'SUCCESS', reason: `export_reminder:days:${reminder.daysLeft}:owners:${owners.length}`,
        });
        return owners.length;
      });
    },

    /** The organization active again: its deletion cancelled, its read-only sessions ended, audited as the administrator. */
    async recordReinstatement(request: { organizationId: string; reinstater: Reinstater }): Promise<void> {
      const { organizationId, reinstater } = request;
      await inTransaction(async (em) => {
        const offboarding = await em.findOne(OrganizationOffboarding, { organization: organizationId }, { fields: ['status'], lockMode: LockMode.PESSIMISTIC_WRITE });
        if (offboarding?.status === 'REINSTATED') return;
        if (offboarding?.status !== 'EXPORT_WINDOW') throw ApplicationFailure.nonRetryable('the organization is not in its export window', 'REINSTATEMENT_TOO_LATE');
        await em.nativeUpdate(Organization, { id: organizationId }, { status: 'ACTIVE', terminatedAt: null, terminatedReason: null, terminatedBy: null });
        await em.nativeUpdate(
          OrganizationOffboarding,
          { organization: organizationId },
          { status: 'REINSTATED', reinstatedAt: sql.now(), reinstatedBy: reinstater.userId, updatedAt: sql.now() },
        );
        // Their tokens say read-only: the members sign in again to a writable organization.
        const sessions = await em.nativeUpdate(Session, { organization: organizationId, revokedAt: null }, { revokedAt: sql.now(), revokedReason: 'organization_reinstated' });
        const caller: Caller = { ...reinstater, sessionId: null };
        await recordAudit(em, caller, { organizationId, action: 'UPDATE', resourceType: 'Organization', resourceId: organizationId, outcome: 'SUCCESS', reason: 'reinstated' });
        await recordAudit(em, caller, { organizationId, action: 'UPDATE', resourceType: 'Session', outcome: 'SUCCESS', reason: `organization_reinstated:sessions:${sessions}` });
      });
    },

    /** The window has closed: the deletion begins (never for an organization that is active). */
    async startDeletion(organizationId: string): Promise<void> {
      await inTransaction(async (em) => {
        const row = await em.createQueryBuilder(OrganizationOffboarding, 'f')
          .join('f.organization', 'o')
          .select(['f.status', raw('o.status as organization_status')])
          .where({ organization: organizationId })
          .setLockMode(LockMode.PESSIMISTIC_WRITE, ['f'])
          .execute<{ organization_status: string; status: string } | undefined>('get');
        if (row?.organization_status !== 'TERMINATED') throw ApplicationFailure.nonRetryable('the organization is not terminated: nothing is deleted', 'ORGANIZATION_NOT_TERMINATED');
        if (row.status !== 'EXPORT_WINDOW') return;
        await em.nativeUpdate(OrganizationOffboarding, { organization: organizationId }, { status: 'DELETING', deletionStartedAt: sql.now(), updatedAt: sql.now() });
        await recordAudit(em, system('deletion'), { organizationId, action: 'DELETE', resourceType: 'Organization', resourceId: organizationId, outcome: 'SUCCESS', reason: 'deletion_started' });
      });
    },

    /** Crypto-shredding: the organization's data keys are erased, so none of its encrypted data, anywhere, can be read again. */
    async destroyOrganizationKeys(organizationId: string): Promise<void> {
      await inTransaction(async (em) => {
        const row = await em.findOne(
          OrganizationOffboarding,
          { organization: organizationId, status: 'DELETING' },
          { fields: ['keysDestroyedAt'], lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (!row) throw ApplicationFailure.nonRetryable('the organization is not being deleted', 'ORGANIZATION_NOT_TERMINATED');
        if (row.keysDestroyedAt) return;
        await deps.encryption.destroyOrganizationKeys(em, organizationId);
        await em.nativeUpdate(OrganizationOffboarding, { organization: organizationId }, { keysDestroyedAt: sql.now(), updatedAt: sql.now() });
        await recordAudit(em, system('keys'), { organizationId, action: 'DELETE', resourceType: 'DataKey', resourceId: null, outcome: 'SUCCESS', reason: 'crypto_shredded' });
      });
    },

    /**
     * Ends the workflows of the organization's physicians after `afterId` (up to `limit`): each
     * one's credentialing cycle and its credentials' verifications, whose work would otherwise go
     * on for rows that are about to go; returns the last physician id seen, null when none are
     * left. One already ended is skipped.
     */
    async stopOrganizationWorkflows(batch: { organizationId: string; afterId: string | null; limit: number }): Promise<string | null> {
      const client = deps.verification.client;
      if (!client) {
        deps.logger?.warn({ organizationId: batch.organizationId }, 'no Temporal client: a deleted organization\'s credentialing and verification workflows are left running');
        return null;
      }
      // Raw SQL: each physician with its credentials' ids aggregated (array_agg … group by), a page of
      // physicians in one round trip.
      const physicians = await deps.orm.em.fork().execute<{ id: string; credential_ids: string[] }[]>(
        `select p.id, coalesce(array_agg(c.id) filter (where c.id is not null), '{}') as credential_ids
           from credentials.physicians p left join credentials.credentials c on c.physician_id = p.id
          where p.organization_id = ? and (?::uuid is null or p.id > ?::uuid) group by p.id order by p.id limit ?`,
        [batch.organizationId, batch.afterId, batch.afterId, batch.limit],
      );
      const workflowIds = physicians.flatMap((physician) => [
        credentialingWorkflowId(batch.organizationId, physician.id),
        ...physician.credential_ids.map((id) => verificationWorkflowId(id)),
      ]);
      const stop = async (workflowId: string) => {
        try {
          await client.workflow.getHandle(workflowId).terminate('the organization is deleted');
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error; // never started, or ended already
        }
      };
      // A few at once: one round trip to Temporal each.
      for (let start = 0; start < workflowIds.length; start += STOPS_AT_ONCE) {
        Context.current().heartbeat(workflowIds[start]);
        await Promise.all(workflowIds.slice(start, start + STOPS_AT_ONCE).map(stop));
      }
      return physicians.length < batch.limit ? null : physicians.at(-1)!.id;
    },

    /** Up to `files` of the organization's document files (their folder, documents/<organizationId>), counted; 0 when none are left. Its export packages go first. */
    async deleteDocumentFiles(batch: { organizationId: string; files: number }): Promise<number> {
      if (!deps.storage) {
        deps.logger?.warn({ organizationId: batch.organizationId }, 'no STORAGE_DIR: a deleted organization\'s document files are left (unreadable: its keys are destroyed)');
        return 0;
      }
      Context.current().heartbeat();
      // Its data exports' packages first (not counted as documents): they hold its data decrypted, sealed to its owners.
      while ((await deps.storage.removeFromFolder(exportPackageFolder(batch.organizationId), batch.files)) > 0) Context.current().heartbeat();
      const removed = await deps.storage.removeFromFolder(`documents/${batch.organizationId}`, batch.files);
      if (removed > 0) {
        await inTransaction((em) => em.nativeUpdate(
          OrganizationOffboarding,
          { organization: batch.organizationId, status: 'DELETING' },
          { documentsDeleted: raw('documents_deleted + ?', [removed]), updatedAt: sql.now() },
        ));
      }
      return removed;
    },

    /** One batch of the organization's rows (dependents first), counted with the deletion's progress; 0 when none are left. */
    async deleteOrganizationBatch(batch: { organizationId: string; rows: number }): Promise<{ table: string | null; deleted: number }> {
      Context.current().heartbeat();
      // Raw SQL: identity.delete_organization_batch is a SECURITY DEFINER function (it deletes from every table of the organization's data, as no service role may).
      const [row] = await inTransaction((em) => em.execute<{ table_name: string | null; deleted: number }[]>(
        `select table_name, deleted from identity.delete_organization_batch(?, ?)`, [batch.organizationId, batch.rows],
      ));
      Context.current().heartbeat(row);
      return { table: row?.table_name ?? null, deleted: row?.deleted ?? 0 };
    },

    /**
     * The rows deleted: recorded and audited; the certificate waits for the backups older than
     * the deletion to be gone. Answers when the deletion was recorded and the backups' deadline.
     */
    async recordDeletion(organizationId: string): Promise<{ deletedAt: string; backupsDeadlineAt: string }> {
      return inTransaction(async (em) => {
        // Raw SQL: the contract's deadline, for an offboarding terminated before one was configured,
        // reckoned by PostgreSQL (days on a timestamptz) as the update below writes it.
        const [row] = await em.execute<{ status: string; rowsDeleted: number; deletedAt: string | null; backupsDeadlineAt: string }[]>(
          `select f.status, f.rows_deleted::int as "rowsDeleted", ${isoTimestamp('f.deleted_at')} as "deletedAt",
                  ${isoTimestamp(`coalesce(f.backups_deadline_at, ${DEFAULT_BACKUPS_DEADLINE})`)} as "backupsDeadlineAt"
             from identity.organization_offboardings f where f.organization_id = ? for update`,
          [organizationId],
        );
        if ((row?.status === 'AWAITING_BACKUP_EXPIRY' || row?.status === 'DELETED') && row.deletedAt) return { deletedAt: row.deletedAt, backupsDeadlineAt: row.backupsDeadlineAt };
        if (row?.status !== 'DELETING') throw ApplicationFailure.nonRetryable('the organization is not being deleted', 'ORGANIZATION_NOT_TERMINATED');
        const [recorded] = await em.createQueryBuilder(OrganizationOffboarding)
          .update({ status: 'AWAITING_BACKUP_EXPIRY', deletedAt: sql.now(), backupsDeadlineAt: raw(BACKUPS_DEADLINE), updatedAt: sql.now() })
          .where({ organization: organizationId })
          .returning(['deletedAt'])
          .execute<{ deletedAt: Date }[]>('all');
        await recordAudit(em, system('deletion'), { organizationId, action: 'DELETE', resourceType: 'Organization', resourceId: organizationId, outcome: 'SUCCESS', reason: `deleted:rows:${row.rowsDeleted}` });
        return { deletedAt: recorded!.deletedAt.toISOString(), backupsDeadlineAt: row.backupsDeadlineAt };
      });
    },

    /**
     * Asks the backup adapter which backups are kept, and records it: clear once none finished
     * before the deletion. Without a backup adapter nothing can be asked: clear, and recorded as
     * not confirmed, so that the certificate says so rather than claiming.
     */
    async checkBackups(organizationId: string): Promise<{ clear: boolean }> {
      const kept = backups ? await backups.list() : null;
      return inTransaction(async (em) => {
        const row = await awaitingBackups(em, organizationId);
        if (!row) return { clear: true };
        const deletedAt = new Date(row.deletedAt);
        const older = kept?.filter((backup) => backup.finishedAt < deletedAt).length ?? 0;
        const confirmation: BackupConfirmation = {
          checkedAt: new Date().toISOString(),
          confirmed: kept !== null && older === 0,
          reason: kept === null ? 'no_backup_adapter' : null,
          oldestBackupAt: kept?.[0]?.finishedAt.toISOString() ?? null,
          olderThanDeletion: older,
          backupsPurged: row.confirmation?.backupsPurged ?? 0,
          walSegmentsPurged: row.confirmation?.walSegmentsPurged ?? 0,
          ...(row.confirmation?.purging ? { purging: row.confirmation.purging } : {}),
        };
        await em.nativeUpdate(OrganizationOffboarding, { organization: organizationId }, { backupConfirmation: confirmation, updatedAt: sql.now() });
        return { clear: older === 0 };
      });
    },

    /**
     * The deadline has come: the backups that finished before the deletion are purged through the
     * adapter (with the WAL only they needed), counted and audited. Which ones is recorded before
     * any is deleted, so that a retry after a crash mid-purge still counts them (the WAL segments
     * a crashed attempt deleted are not counted again: the adapter reports only its own).
     */
    async purgeBackupsBeforeDeletion(organizationId: string): Promise<{ baseBackups: number; walSegments: number }> {
      const row = await inTransaction((em) => awaitingBackups(em, organizationId));
      if (!row || !backups) return { baseBackups: 0, walSegments: 0 };
      const deletedAt = new Date(row.deletedAt);
      let purging = row.confirmation?.purging;
      if (!purging) {
        purging = (await backups.list()).filter((backup) => backup.finishedAt < deletedAt).map((backup) => backup.id);
        await inTransaction((em) => em.nativeUpdate(
          OrganizationOffboarding,
          { organization: organizationId },
          { updatedAt: sql.now(), backupConfirmation: raw(`coalesce(backup_confirmation, '{}'::jsonb) || jsonb_build_object('purging', ?::jsonb)`, [JSON.stringify(purging)]) },
        ));
      }
      const { walSegments } = await backups.purgeOlderThan(deletedAt);
      const kept = await backups.list();
      const keptIds = new Set(kept.map((backup) => backup.id));
      const baseBackups = purging.filter((id) => !keptIds.has(id)).length;
      if (kept.length === 0) {
        deps.logger?.error({ organizationId }, 'the purge of the backups older than a deleted organization left no base backup: nothing restores until the next one is taken');
      }
      await inTransaction(async (em) => {
        await em.nativeUpdate(OrganizationOffboarding, { organization: organizationId }, {
          updatedAt: sql.now(),
          backupConfirmation: raw(`(coalesce(backup_confirmation, '{}'::jsonb) - 'purging') || jsonb_build_object(
             'backupsPurged', coalesce((backup_confirmation->>'backupsPurged')::int, 0) + ?::int,
             'walSegmentsPurged', coalesce((backup_confirmation->>'walSegmentsPurged')::int, 0) + ?::int)`, [baseBackups, walSegments]),
        });
        await recordAudit(em, system('backups'), {
          organizationId, action: 'DELETE', resourceType: 'Backup', resourceId: null, outcome: 'SUCCESS',
          reason: `backups_older_than_deletion_purged:base:${baseBackups}:wal:${walSegments}`,
        });
      });
      return { baseBackups, walSegments };
    },

    /** No backup older than the deletion remains (or none could be asked): the certificate of deletion, signed with the audit signing key, with what the backups showed. */
    async certifyDeletion(organizationId: string): Promise<void> {
      await inTransaction(async (em) => {
        // Raw SQL: the facts as the certificate signs them, each time as ISO 8601 text to the
        // millisecond, the issue time the database's now(), the termination reason from the
        // organization (a join locking the offboarding only).
        const [row] = await em.execute<(Omit<DeletionFacts, 'auditEventsKept' | 'organizationId'> & { backupsDeadlineAt: string; confirmation: BackupConfirmation | null })[]>(
          `select ${isoTimestamp('f.terminated_at')} as "terminatedAt", o.terminated_reason as "terminationReason",
                  ${isoTimestamp('f.export_window_ends_at')} as "exportWindowEndsAt", ${isoTimestamp('f.deletion_started_at')} as "deletionStartedAt",
                  ${isoTimestamp('f.keys_destroyed_at')} as "keysDestroyedAt", ${isoTimestamp('f.deleted_at')} as "deletedAt", ${isoTimestamp('now()')} as "issuedAt",
                  f.rows_deleted::int as "rowsDeleted", f.documents_deleted as "documentsDeleted",
                  ${isoTimestamp(`coalesce(f.backups_deadline_at, ${DEFAULT_BACKUPS_DEADLINE})`)} as "backupsDeadlineAt", f.backup_confirmation as confirmation
             from identity.organization_offboardings f join identity.organizations o on o.id = f.organization_id
            where f.organization_id = ? and f.status = 'AWAITING_BACKUP_EXPIRY' for update of f`,
          [organizationId],
        );
        if (!row) return; // certified already
        const { confirmation, ...deletion } = row;
        if (!confirmation || (!confirmation.confirmed && confirmation.reason === null)) {
          throw ApplicationFailure.nonRetryable('backups older than the deletion are kept: nothing is certified', 'BACKUPS_NOT_CONFIRMED');
        }
        const kept = await em.count(AuditEvent, { organizationId });
        const facts: BackupConfirmedDeletionFacts = {
          ...deletion, organizationId, auditEventsKept: kept,
          backupsCheckedAt: confirmation.checkedAt, backupsConfirmed: confirmation.confirmed, backupsUnconfirmedReason: confirmation.reason,
          oldestBackupAt: confirmation.oldestBackupAt, backupsPurged: confirmation.backupsPurged, walSegmentsPurged: confirmation.walSegmentsPurged,
        };
        const certificate = signDeletionCertificate(deps.auditSigningKey, facts);
        await em.nativeUpdate(
          OrganizationOffboarding,
          { organization: organizationId },
          { status: 'DELETED', certifiedAt: new Date(facts.issuedAt), certificate, updatedAt: sql.now() },
        );
        await recordAudit(em, system('certificate'), {
          organizationId, action: 'CREATE', resourceType: 'DeletionCertificate', resourceId: organizationId, outcome: 'SUCCESS',
          reason: confirmation.confirmed ? `certified:backups_confirmed:purged:${confirmation.backupsPurged}` : `certified:backups_unconfirmed:${confirmation.reason}`,
        });
      });
    },

    /**
     * The deletion done, recorded and certified at once (a v1 certificate, without backup facts):
     * the path of an offboarding whose deletion ran before the backup confirmation existed.
     */
    async finishDeletion(organizationId: string): Promise<void> {
      await inTransaction(async (em) => {
        // Raw SQL: the facts as the certificate signs them (as certifyDeletion reads them).
        const [row] = await em.execute<(Omit<DeletionFacts, 'auditEventsKept' | 'organizationId'> & { deleted: boolean })[]>(
          `select f.deleted_at is not null as deleted, ${isoTimestamp('f.terminated_at')} as "terminatedAt", o.terminated_reason as "terminationReason",
                  ${isoTimestamp('f.export_window_ends_at')} as "exportWindowEndsAt", ${isoTimestamp('f.deletion_started_at')} as "deletionStartedAt",
                  ${isoTimestamp('f.keys_destroyed_at')} as "keysDestroyedAt", ${isoTimestamp('now()')} as "deletedAt", ${isoTimestamp('now()')} as "issuedAt",
                  f.rows_deleted::int as "rowsDeleted", f.documents_deleted as "documentsDeleted"
             from identity.organization_offboardings f join identity.organizations o on o.id = f.organization_id
            where f.organization_id = ? and f.status = 'DELETING' for update of f`,
          [organizationId],
        );
        if (!row || row.deleted) return;
        await recordAudit(em, system('deletion'), { organizationId, action: 'DELETE', resourceType: 'Organization', resourceId: organizationId, outcome: 'SUCCESS', reason: `deleted:rows:${row.rowsDeleted}` });
        const kept = await em.count(AuditEvent, { organizationId });
        const { deleted: _deleted, ...facts } = row;
        const certificate = signDeletionCertificateV1(deps.auditSigningKey, { ...facts, organizationId, auditEventsKept: kept });
        await em.nativeUpdate(
          OrganizationOffboarding,
          { organization: organizationId },
          { status: 'DELETED', deletedAt: new Date(facts.deletedAt), certifiedAt: new Date(facts.issuedAt), certificate, updatedAt: sql.now() },
        );
      });
    },
  };
}

export type OrganizationOffboardingActivities = ReturnType<typeof createOrganizationOffboardingActivities>;
