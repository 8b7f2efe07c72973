// The offboarding workflow's steps, as the worker's database role: each is idempotent, so a retry
// (or a worker that died mid-step) changes nothing twice.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { SigningKey } from '../../domain/audit-chain.ts';
import { signDeletionCertificate, type DeletionFacts } from '../../domain/deletion-certificate.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, type EntityManager, type MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import type { Logger } from '../../platform/logger.ts';
import { enqueueMail } from '../../platform/mail-outbox/outbox.ts';
import type { Storage } from '../../platform/storage.ts';
import { verificationWorkflowId } from '../credential-verification/shared.ts';
import { credentialingWorkflowId } from '../credentialing-cycle/shared.ts';
import { exportPackageFolder } from '../organization-export/activities.ts';
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
}

export function createOrganizationOffboardingActivities(deps: OrganizationOffboardingDeps) {
  const inTransaction = <T>(work: (em: EntityManager) => Promise<T>) => deps.orm.em.fork().transactional(work);
  const system = (step: string) => systemCaller(`offboarding-${step}-${randomUUID()}`);

  return {
    async recordWorkflowStarted(organizationId: string): Promise<void> {
      await inTransaction((em) => em.execute(
        `update identity.organization_offboardings set workflow_started_at = coalesce(workflow_started_at, now()), updated_at = now() where organization_id = ?`,
        [organizationId],
      ));
    },

    /** Mails every active owner that the export window closes in `daysLeft` days. */
    async remindOwners(reminder: { organizationId: string; exportWindowEndsAt: string; daysLeft: number }): Promise<number> {
      return inTransaction(async (em) => {
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
        const [offboarding] = await em.execute<{ status: string }[]>(`select status from identity.organization_offboardings where organization_id = ? for update`, [organizationId]);
        if (offboarding?.status === 'REINSTATED') return;
        if (offboarding?.status !== 'EXPORT_WINDOW') throw ApplicationFailure.nonRetryable('the organization is not in its export window', 'REINSTATEMENT_TOO_LATE');
        await em.execute(`update identity.organizations set status = 'ACTIVE', terminated_at = null, terminated_reason = null, terminated_by = null where id = ?`, [organizationId]);
        await em.execute(
          `update identity.organization_offboardings set status = 'REINSTATED', reinstated_at = now(), reinstated_by = ?, updated_at = now() where organization_id = ?`,
          [reinstater.userId, organizationId],
        );
        // Their tokens say read-only: the members sign in again to a writable organization.
        const sessions = await em.execute<{ id: string }[]>(
          `update identity.sessions set revoked_at = now(), revoked_reason = 'organization_reinstated' where organization_id = ? and revoked_at is null returning id`,
          [organizationId],
        );
        const caller: Caller = { ...reinstater, sessionId: null };
        await recordAudit(em, caller, { organizationId, action: 'UPDATE', resourceType: 'Organization', resourceId: organizationId, outcome: 'SUCCESS', reason: 'reinstated' });
        await recordAudit(em, caller, { organizationId, action: 'UPDATE', resourceType: 'Session', outcome: 'SUCCESS', reason: `organization_reinstated:sessions:${sessions.length}` });
      });
    },

    /** The window has closed: the deletion begins (never for an organization that is active). */
    async startDeletion(organizationId: string): Promise<void> {
      await inTransaction(async (em) => {
        const [row] = await em.execute<{ organization_status: string; status: string }[]>(
          `select o.status as organization_status, f.status from identity.organization_offboardings f join identity.organizations o on o.id = f.organization_id
            where f.organization_id = ? for update of f`,
          [organizationId],
        );
        if (row?.organization_status !== 'TERMINATED') throw ApplicationFailure.nonRetryable('the organization is not terminated: nothing is deleted', 'ORGANIZATION_NOT_TERMINATED');
        if (row.status !== 'EXPORT_WINDOW') return;
        await em.execute(`update identity.organization_offboardings set status = 'DELETING', deletion_started_at = now(), updated_at = now() where organization_id = ?`, [organizationId]);
        await recordAudit(em, system('deletion'), { organizationId, action: 'DELETE', resourceType: 'Organization', resourceId: organizationId, outcome: 'SUCCESS', reason: 'deletion_started' });
      });
    },

    /** Crypto-shredding: the organization's data keys are erased, so none of its encrypted data, anywhere, can be read again. */
    async destroyOrganizationKeys(organizationId: string): Promise<void> {
      await inTransaction(async (em) => {
        const [row] = await em.execute<{ done: boolean }[]>(
          `select keys_destroyed_at is not null as done from identity.organization_offboardings where organization_id = ? and status = 'DELETING' for update`, [organizationId],
        );
        if (!row) throw ApplicationFailure.nonRetryable('the organization is not being deleted', 'ORGANIZATION_NOT_TERMINATED');
        if (row.done) return;
        await deps.encryption.destroyOrganizationKeys(em, organizationId);
        await em.execute(`update identity.organization_offboardings set keys_destroyed_at = now(), updated_at = now() where organization_id = ?`, [organizationId]);
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
        await inTransaction((em) => em.execute(
          `update identity.organization_offboardings set documents_deleted = documents_deleted + ?, updated_at = now() where organization_id = ? and status = 'DELETING'`,
          [removed, batch.organizationId],
        ));
      }
      return removed;
    },

    /** One batch of the organization's rows (dependents first), counted with the deletion's progress; 0 when none are left. */
    async deleteOrganizationBatch(batch: { organizationId: string; rows: number }): Promise<{ table: string | null; deleted: number }> {
      Context.current().heartbeat();
      const [row] = await inTransaction((em) => em.execute<{ table_name: string | null; deleted: number }[]>(
        `select table_name, deleted from identity.delete_organization_batch(?, ?)`, [batch.organizationId, batch.rows],
      ));
      Context.current().heartbeat(row);
      return { table: row?.table_name ?? null, deleted: row?.deleted ?? 0 };
    },

    /** The deletion done: recorded, audited, and certified (signed with the audit signing key). */
    async finishDeletion(organizationId: string): Promise<void> {
      await inTransaction(async (em) => {
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
        const [{ kept } = { kept: 0 }] = await em.execute<{ kept: number }[]>(`select count(*)::int as kept from audit.events where organization_id = ?`, [organizationId]);
        const { deleted: _deleted, ...facts } = row;
        const certificate = signDeletionCertificate(deps.auditSigningKey, { ...facts, organizationId, auditEventsKept: kept });
        await em.execute(
          `update identity.organization_offboardings set status = 'DELETED', deleted_at = ?::timestamptz, certificate = ?::jsonb, updated_at = now() where organization_id = ?`,
          [facts.deletedAt, JSON.stringify(certificate), organizationId],
        );
      });
    },
  };
}

export type OrganizationOffboardingActivities = ReturnType<typeof createOrganizationOffboardingActivities>;
