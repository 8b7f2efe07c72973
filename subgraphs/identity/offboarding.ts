// Terminating an organization and reinstating it. A termination is one transaction: the
// organization turns TERMINATED (read-only: permissions.ts `terminatedRefusal`), every session of
// its members ends (the gateway refuses their tokens within seconds, as for any revoked session),
// its pending invitations are revoked, its support access grants end, and its offboarding row is written, which is the request to
// start its workflow (workflows/organization-offboarding/): started right after the commit, and
// again by a sweep while the workflow has not recorded its start (Temporal was down), so no
// termination is lost. A reinstatement is the workflow's decision (an update), so that it can
// never race the deletion: the workflow refuses it once the deletion has begun.
import { LockMode, sql } from '@mikro-orm/postgresql';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { PLATFORM_ORGANIZATION_ID, recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { secondsFromNow } from '../../platform/database/clock.ts';
import { actAs, isoTimestamp, refuse, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, conflict, forbidden, notFound, serviceUnavailable } from '../../platform/errors.ts';
import { assertId } from '../../platform/ids.ts';
import {
  offboardingWorkflowId, ORGANIZATION_OFFBOARDING_WORKFLOW, reinstateUpdate, REINSTATEMENT_REFUSALS, type OffboardingInput,
} from '../../workflows/organization-offboarding/shared.ts';
import { Invitation, Organization, OrganizationOffboarding, Session, SupportAccessGrant } from './entities/index.ts';
import type { OffboardingStatus } from './entities/organization-offboarding.entity.ts';
import { assertLiveSession, type IdentityService } from './service.ts';
import { TEMPORAL_ANSWERS_WITHIN_MS } from '../../platform/workflow-starts.ts';

export const TERMINATION_REASON_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** How long a reinstatement waits for its workflow's answer. */
const REINSTATEMENT_ANSWERS_WITHIN_MS = 10_000;

/** Where the identity subgraph starts offboarding workflows (Temporal, connected on first use). */
export interface OffboardingWorkflows {
  client: Client;
  taskQueue: string;
}

export interface OrganizationOffboardingView {
  organizationId: string;
  status: OffboardingStatus;
  terminatedAt: string;
  reason: string | null;
  exportWindowEndsAt: string;
  reinstatedAt: string | null;
  deletionStartedAt: string | null;
  keysDestroyedAt: string | null;
  rowsDeleted: number;
  documentsDeleted: number;
  deletedAt: string | null;
  /** By when no backup older than the deletion may remain. */
  backupsDeadlineAt: string | null;
  certifiedAt: string | null;
  /** The signed certificate of deletion, as JSON text (domain/deletion-certificate.ts). */
  certificate: string | null;
}

const OFFBOARDING_COLUMNS = `f.organization_id as "organizationId", f.status, ${isoTimestamp('f.terminated_at')} as "terminatedAt",
  o.terminated_reason as reason, ${isoTimestamp('f.export_window_ends_at')} as "exportWindowEndsAt",
  ${isoTimestamp('f.reinstated_at')} as "reinstatedAt", ${isoTimestamp('f.deletion_started_at')} as "deletionStartedAt",
  ${isoTimestamp('f.keys_destroyed_at')} as "keysDestroyedAt", f.rows_deleted::int as "rowsDeleted", f.documents_deleted as "documentsDeleted",
  ${isoTimestamp('f.deleted_at')} as "deletedAt", ${isoTimestamp('f.backups_deadline_at')} as "backupsDeadlineAt",
  ${isoTimestamp('f.certified_at')} as "certifiedAt", f.certificate::text as certificate`;

async function offboardingOf(em: EntityManager, organizationId: string): Promise<OrganizationOffboardingView | null> {
  // Raw SQL: the certificate is answered as PostgreSQL's text of its jsonb, which the ORM's JSON
  // property would write out anew (another spacing), beside the organization's termination reason.
  const [row] = await em.execute<OrganizationOffboardingView[]>(
    `select ${OFFBOARDING_COLUMNS} from identity.organization_offboardings f join identity.organizations o on o.id = f.organization_id where f.organization_id = ?`,
    [organizationId],
  );
  return row ?? null;
}

function targetOrganization(organizationId: string): string {
  const id = assertId(organizationId, 'organizationId');
  if (id === PLATFORM_ORGANIZATION_ID) throw badUserInput('The platform organization cannot be terminated', { field: 'organizationId' });
  return id;
}

/** The offboarding of the organization: any for a platform administrator, only their own for an owner. */
export async function organizationOffboarding(service: IdentityService, caller: Caller, organizationId: string | null | undefined): Promise<OrganizationOffboardingView | null> {
  const id = organizationId ? assertId(organizationId, 'organizationId') : caller.organizationId!;
  if (caller.role !== 'PLATFORM_ADMIN' && id !== caller.organizationId) throw notFound('Organization');
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    const view = await offboardingOf(em, id);
    await recordAudit(em, caller, { action: 'VIEW', resourceType: 'OrganizationOffboarding', resourceId: id, outcome: 'SUCCESS', organizationId: id });
    return view;
  });
}

export async function terminateOrganization(service: IdentityService, caller: Caller, input: { organizationId: string; reason: string }): Promise<OrganizationOffboardingView> {
  const organizationId = targetOrganization(input.organizationId);
  if (!TERMINATION_REASON_PATTERN.test(input.reason)) {
    throw badUserInput('reason must be a short code: lowercase letters, digits and underscores, starting with a letter', { field: 'reason', reason: 'REASON_CODE_FORMAT' });
  }
  const { view, started } = await runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller, 'write');
    // Locked: a second termination, a sign-in (sessions.ts) and a reinstatement queue behind it.
    const organization = await em.findOne(Organization, { id: organizationId }, { fields: ['status'], lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!organization) return refuse(notFound('Organization'));
    if (organization.status === 'TERMINATED') return { view: (await offboardingOf(em, organizationId))!, started: false };
    await em.nativeUpdate(Organization, { id: organizationId }, { status: 'TERMINATED', terminatedAt: sql.now(), terminatedReason: input.reason, terminatedBy: caller.userId });
    // One reinstated before, now terminated again, starts its offboarding anew (now() is the transaction's: the update writes what the insert would).
    const terminated = () => ({
      terminatedAt: sql.now(),
      exportWindowEndsAt: secondsFromNow(service.config.offboarding.exportWindowMs / 1000),
      backupsDeadlineAt: secondsFromNow(service.config.offboarding.backupDeadlineMs / 1000),
    });
    await em.createQueryBuilder(OrganizationOffboarding)
      .insert({ organization: organizationId, ...terminated(), backupConfirmation: null, certificate: null })
      .onConflict('organization')
      .merge({
        status: 'EXPORT_WINDOW', ...terminated(), workflowStartedAt: null, reinstatedAt: null, reinstatedBy: null, deletionStartedAt: null, keysDestroyedAt: null,
        rowsDeleted: 0, documentsDeleted: 0, deletedAt: null, backupConfirmation: null, certifiedAt: null, updatedAt: sql.now(),
      })
      .execute();
    // The organization's own rows are reached acting in it (row-level security).
    await actAs(em, { ...caller, organizationId });
    const sessions = await em.nativeUpdate(Session, { organization: organizationId, revokedAt: null }, { revokedAt: sql.now(), revokedReason: 'organization_terminated' });
    const invitations = await em.nativeUpdate(
      Invitation,
      { organization: organizationId, acceptedAt: null, revokedAt: null },
      { revokedAt: sql.now(), revokedBy: caller.userId },
    );
    // In the organization's own chain, where its audit log (kept after the deletion) shows its end.
    await recordAudit(em, caller, {
      action: 'UPDATE', resourceType: 'Organization', resourceId: organizationId, outcome: 'SUCCESS', organizationId, reason: `terminated:${input.reason}`,
    });
    await recordAudit(em, caller, {
      action: 'UPDATE', resourceType: 'Session', outcome: 'SUCCESS', organizationId, reason: `organization_terminated:sessions:${sessions}:invitations:${invitations}`,
    });
    // Its support access ends with it (its support sessions are among those just revoked), each grant audited.
    const grants = await em.createQueryBuilder(SupportAccessGrant)
      .update({ endedAt: sql.now(), endedBy: caller.userId })
      .where({ organization: organizationId, endedAt: null, endsAt: { $gt: sql.now() } })
      .returning(['id'])
      .execute<{ id: string }[]>('all');
    for (const grant of grants) {
      await recordAudit(em, caller, {
        action: 'UPDATE', resourceType: 'SupportAccessGrant', resourceId: grant.id, outcome: 'SUCCESS', organizationId, reason: 'support_access_ended:organization_terminated',
      });
    }
    await actAs(em, caller);
    return { view: (await offboardingOf(em, organizationId))!, started: true };
  });
  if (started) await startOffboardingWorkflow(service, view).catch(() => undefined); // the sweep starts it when this could not
  return view;
}

/** Starts the organization's offboarding workflow; one already running is kept. Logs and rethrows a failure. */
export async function startOffboardingWorkflow(service: IdentityService, offboarding: { organizationId: string; exportWindowEndsAt: string }): Promise<void> {
  const workflows = service.offboardingWorkflows;
  if (!workflows) throw serviceUnavailable('The identity subgraph has no Temporal connection');
  const input: OffboardingInput = {
    organizationId: offboarding.organizationId,
    exportWindowEndsAt: new Date(offboarding.exportWindowEndsAt).toISOString(),
    remindersBeforeEndMs: service.config.offboarding.remindersBeforeEndMs,
    deletionBatchRows: service.config.offboarding.deletionBatchRows,
    backupCheckIntervalMs: service.config.offboarding.backupCheckIntervalMs,
  };
  try {
    // Bounded: with Temporal down the client would retry for longer than a caller waits; the sweep starts it later.
    await workflows.client.connection.withDeadline(Date.now() + TEMPORAL_ANSWERS_WITHIN_MS, () => workflows.client.workflow.start(ORGANIZATION_OFFBOARDING_WORKFLOW, {
      workflowId: offboardingWorkflowId(offboarding.organizationId),
      taskQueue: workflows.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }));
  } catch (error) {
    service.logger.warn({ err: error, organizationId: offboarding.organizationId }, 'an offboarding workflow did not start; the sweep starts it again');
    throw error;
  }
}

/** Starts the workflows of terminations that have not recorded their start (the sweep); returns how many it asked for. */
export async function startMissedOffboardings(service: IdentityService, em: EntityManager, olderThanMs: number): Promise<number> {
  // Raw SQL: identity.offboardings_not_started is a SECURITY DEFINER function (the sweep sees every organization's).
  const missed = await em.execute<{ organization_id: string; export_window_ends_at: string }[]>(
    `select organization_id, ${isoTimestamp('export_window_ends_at')} as export_window_ends_at from identity.offboardings_not_started(make_interval(secs => ?))`,
    [olderThanMs / 1000],
  );
  for (const row of missed) await startOffboardingWorkflow(service, { organizationId: row.organization_id, exportWindowEndsAt: row.export_window_ends_at });
  return missed.length;
}

/** How a refusal by the workflow's validator reaches the caller. */
function refusalFromWorkflow(error: unknown): AppError | null {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : null;
  if (!(cause instanceof ApplicationFailure)) return null;
  if (cause.type === REINSTATEMENT_REFUSALS.forbidden) return forbidden(cause.message);
  if (cause.type === REINSTATEMENT_REFUSALS.tooLate) return reinstatementTooLate();
  return null;
}

const reinstatementTooLate = () => new AppError('REINSTATEMENT_TOO_LATE', 'The export window has closed: the organization\'s data is being deleted and it can no longer be reinstated');

/**
 * Reinstates a terminated organization, through its workflow: the workflow cancels the deletion
 * and records the reinstatement (the organization ACTIVE again, its read-only sessions ended,
 * audited as the caller) unless the deletion has begun.
 */
export async function reinstateOrganization(service: IdentityService, caller: Caller, input: { organizationId: string }): Promise<OrganizationOffboardingView> {
  const organizationId = targetOrganization(input.organizationId);
  const current = await runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller, 'write');
    return offboardingOf(em, organizationId);
  });
  if (!current) throw conflict('The organization is not terminated');
  if (current.status === 'REINSTATED') return current;
  if (current.status !== 'EXPORT_WINDOW') throw reinstatementTooLate();
  const workflows = service.offboardingWorkflows;
  if (!workflows) throw serviceUnavailable('Reinstatement is not available: the identity subgraph has no Temporal connection');
  try {
    // A termination whose workflow never started (Temporal was down) is started first: the workflow decides.
    await startOffboardingWorkflow(service, current);
    // Bounded below the gateway's wait for a subgraph, so that a worker that does not answer yields SERVICE_UNAVAILABLE.
    await workflows.client.connection.withDeadline(Date.now() + REINSTATEMENT_ANSWERS_WITHIN_MS, () =>
      workflows.client.workflow.getHandle(offboardingWorkflowId(organizationId)).executeUpdate(reinstateUpdate, {
        args: [{
          userId: caller.userId!, organizationId: caller.organizationId!, role: caller.role!, requestId: caller.requestId, sourceIp: caller.sourceIp,
          ...(caller.mfaEnrollmentOnly ? { mfaEnrollmentOnly: true } : {}),
        }],
      }));
  } catch (error) {
    const refusal = refusalFromWorkflow(error);
    if (refusal) throw refusal;
    service.logger.error({ err: error, organizationId }, 'a reinstatement could not be handed to its workflow');
    throw serviceUnavailable('The reinstatement could not be recorded now; try again in a moment');
  }
  return runAsCaller(service.orm, caller, async (em) => (await offboardingOf(em, organizationId))!);
}
