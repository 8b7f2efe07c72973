// A physician's credentialing as the graph shows it (the current cycle, its decisions), the
// committee's decision, the monitoring alerts and their acknowledgement, and the organization's
// credentials-verification-organization setting. The cycle's workflow
// (workflows/credentialing-cycle) writes the files; this module reads them as the caller and
// hands decisions to the workflow, whose validator checks the permission matrix and readiness again.
import { randomUUID } from 'node:crypto';
import { LockMode, sql } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, forbidden, serviceUnavailable } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import {
  CREDENTIALING_DECISIONS, DECISION_REFUSALS, DEFAULT_CREDENTIALING_TIMINGS, REASON_CODE_PATTERN,
  credentialingWorkflowId, recordCredentialingDecisionUpdate, type CredentialingDecisionValue,
} from '../../workflows/credentialing-cycle/shared.ts';
import { CredentialingDecision, CredentialingFile, MonitoringAlert, VerificationSetting } from './entities/index.ts';
import { notVisible, type CredentialsService } from './service.ts';
import { connectionOf, onPage, pageRequest, type ListOrder, type PageArguments } from '../../platform/pagination.ts';
import { temporalAnswers } from '../../platform/workflow-starts.ts';
import { verificationSettings, type VerificationSettingsView } from './verifications.ts';

const DAY_MS = 24 * 3600_000;

export interface CredentialingDecisionRecordView {
  id: string;
  decision: CredentialingDecisionValue;
  reasonCode: string;
  decidedAt: string;
  decidedBy: string;
  decidedByRole: string;
}

export interface CredentialingView {
  id: string;
  cycleNumber: number;
  kind: 'INITIAL' | 'RECREDENTIALING';
  status: 'IN_PROGRESS' | 'READY' | 'DECIDED' | 'NEEDS_REVIEW' | 'LAPSED' | 'CLOSED';
  cycleStartedAt: string;
  readySince: string | null;
  blockers: string[];
  decision: CredentialingDecisionValue | null;
  reasonCode: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  recredentialingDueAt: string | null;
  flaggedAt: string | null;
  oldestVerificationAgeDays: number | null;
  maxVerificationAgeDays: number;
  decisions: CredentialingDecisionRecordView[];
}

export interface MonitoringAlertView {
  id: string;
  physicianId: string;
  list: 'OIG_LEIE' | 'SAM';
  matchedBy: 'NPI' | 'NAME_AND_DATE_OF_BIRTH' | 'NAME_AND_STATE';
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgeReason: string | null;
}

/** In the transaction that creates the physician: its first (initial) cycle, requested; the verification dispatcher starts its workflow. */
export async function requestCredentialing(em: EntityManager, organizationId: string, physicianId: string): Promise<void> {
  await em.createQueryBuilder(CredentialingFile)
    .insert({ id: randomUUID(), organization: organizationId, physician: physicianId, cycleNumber: 1, kind: 'INITIAL', workflowRequestedAt: sql.now() })
    .onConflict(['organization', 'physician', 'cycleNumber'])
    .ignore()
    .execute();
}

const maxAgeDays = (actsAsCvo: boolean) => Math.round((actsAsCvo ? DEFAULT_CREDENTIALING_TIMINGS.freshForCvoMs : DEFAULT_CREDENTIALING_TIMINGS.freshForMs) / DAY_MS);

async function readCredentialing(em: EntityManager, physicianId: string): Promise<CredentialingView | null> {
  const [file] = await em.execute<{
    id: string; cycle_number: number; kind: CredentialingView['kind']; status: CredentialingView['status']; cycle_started_at: string; ready_since: string | null;
    blockers: string[]; decision: CredentialingDecisionValue | null; reason_code: string | null; decided_at: string | null; decided_by: string | null;
    recredential_due_at: string | null; flagged_at: string | null; age_days: number | null; acts_as_cvo: boolean | null;
  }[]>(
    // Raw SQL: the file with its organization's setting (a correlated subquery) and the age of its
    // oldest check on the database's clock, in one round trip.
    `select f.id, f.cycle_number, f.kind, f.status, ${isoTimestamp('f.cycle_started_at')} as cycle_started_at, ${isoTimestamp('f.ready_since')} as ready_since,
            f.blockers, f.decision, f.reason_code, ${isoTimestamp('f.decided_at')} as decided_at, f.decided_by,
            ${isoTimestamp('f.recredential_due_at')} as recredential_due_at, ${isoTimestamp('f.flagged_at')} as flagged_at,
            floor(extract(epoch from now() - f.oldest_check_at) / 86400)::int as age_days,
            (select s.acts_as_cvo from credentials.verification_settings s where s.organization_id = f.organization_id) as acts_as_cvo
       from credentials.credentialing_files f where f.physician_id = ? order by f.cycle_number desc limit 1`,
    [physicianId],
  );
  if (!file) return null;
  const decisions = await em.find(CredentialingDecision, { file: file.id }, { orderBy: { decidedAt: 'asc', id: 'asc' } });
  return {
    id: file.id,
    cycleNumber: file.cycle_number,
    kind: file.kind,
    status: file.status,
    cycleStartedAt: file.cycle_started_at,
    readySince: file.ready_since,
    blockers: file.blockers,
    decision: file.decision,
    reasonCode: file.reason_code,
    decidedAt: file.decided_at,
    decidedBy: file.decided_by,
    recredentialingDueAt: file.recredential_due_at,
    flaggedAt: file.flagged_at,
    oldestVerificationAgeDays: file.age_days,
    maxVerificationAgeDays: maxAgeDays(file.acts_as_cvo ?? false),
    decisions: decisions.map((row) => ({
      id: row.id, decision: row.decision as CredentialingDecisionValue, reasonCode: row.reasonCode, decidedAt: row.decidedAt.toISOString(), decidedBy: row.decidedBy, decidedByRole: row.decidedByRole,
    })),
  };
}

/** Physician.credentialing, read as the caller (row-level security decides what is visible). */
export async function credentialingOf(service: CredentialsService, caller: Caller, physicianId: string): Promise<CredentialingView | null> {
  return runAsCaller(service.orm, caller, (em) => readCredentialing(em, physicianId));
}

const NOT_READY_MESSAGE = 'The credentialing file is not ready for a decision';

/** How a refusal by the workflow (its validator, or its re-check in the database) reaches the caller. */
function refusalFromWorkflow(error: unknown): AppError | null {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : null;
  if (!(cause instanceof ApplicationFailure)) return null;
  if (cause.type === DECISION_REFUSALS.forbidden) return forbidden(cause.message);
  if (cause.type === DECISION_REFUSALS.badInput) return badUserInput(cause.message);
  if (cause.type === DECISION_REFUSALS.notReady) {
    const [details] = (cause.details ?? []) as [{ blockers?: unknown } | undefined];
    const blockers = Array.isArray(details?.blockers) ? details.blockers.filter((blocker): blocker is string => typeof blocker === 'string') : [];
    return new AppError('CREDENTIALING_FILE_NOT_READY', `${NOT_READY_MESSAGE}${blockers.length > 0 ? `: ${blockers.join(', ')}` : ''}`, { blockers });
  }
  return null;
}

/** recordCredentialingDecision: taken by the physician's cycle, which records it once. */
export async function recordCredentialingDecision(
  service: CredentialsService,
  caller: Caller,
  input: { physicianId: string; decision: CredentialingDecisionValue; reasonCode: string },
): Promise<CredentialingView> {
  if (!REASON_CODE_PATTERN.test(input.reasonCode)) {
    throw badUserInput('reasonCode must be a short code: lowercase letters, digits and underscores, starting with a letter', { field: 'reasonCode', reason: 'REASON_CODE_FORMAT' });
  }
  if (!(CREDENTIALING_DECISIONS as readonly string[]).includes(input.decision)) throw badUserInput('decision must be APPROVED, DENIED or DEFERRED', { field: 'decision' });
  const file = isUuid(input.physicianId) ? await credentialingOf(service, caller, input.physicianId) : null;
  if (!file) throw await notVisible(service, caller, 'Physician', input.physicianId);
  if (file.status !== 'READY' && file.status !== 'NEEDS_REVIEW') {
    throw new AppError('CREDENTIALING_FILE_NOT_READY', `${NOT_READY_MESSAGE} (${file.status.toLowerCase()})`, { blockers: file.blockers });
  }
  const workflows = service.verificationWorkflows;
  if (!workflows) throw serviceUnavailable('Credentialing decisions are not available: the credentials subgraph has no Temporal connection');
  if (!(await temporalAnswers(workflows.client))) {
    service.logger.warn({ physicianId: input.physicianId }, 'Temporal did not answer: a credentialing decision was refused');
    throw serviceUnavailable('The decision could not be recorded now; try again in a moment');
  }
  try {
    await workflows.client.workflow.getHandle(credentialingWorkflowId(caller.organizationId!, input.physicianId)).executeUpdate(recordCredentialingDecisionUpdate, {
      args: [{
        decision: input.decision,
        reasonCode: input.reasonCode,
        decider: { userId: caller.userId!, organizationId: caller.organizationId!, role: caller.role!, requestId: caller.requestId, sourceIp: caller.sourceIp },
      }],
    });
  } catch (error) {
    const refusal = refusalFromWorkflow(error);
    if (refusal) throw refusal;
    if (error instanceof WorkflowNotFoundError) throw new AppError('CREDENTIALING_FILE_NOT_READY', `${NOT_READY_MESSAGE}: its cycle has not started yet`, { blockers: [] });
    service.logger.error({ err: error, physicianId: input.physicianId }, 'a credentialing decision could not be handed to its workflow');
    throw serviceUnavailable('The decision could not be recorded now; try again in a moment');
  }
  return (await credentialingOf(service, caller, input.physicianId))!;
}

/** The fields of an alert its view shows. */
const ALERT_FIELDS = ['id', 'physician', 'list', 'matchedBy', 'raisedAt', 'acknowledgedAt', 'acknowledgedBy', 'acknowledgeReason'] as const;
type AlertFields = Omit<Pick<MonitoringAlert, (typeof ALERT_FIELDS)[number]>, 'physician'> & { physician: string };

const alertView = (alert: AlertFields): MonitoringAlertView => ({
  id: alert.id, physicianId: alert.physician, list: alert.list as MonitoringAlertView['list'], matchedBy: alert.matchedBy as MonitoringAlertView['matchedBy'],
  raisedAt: alert.raisedAt.toISOString(), acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null, acknowledgedBy: alert.acknowledgedBy ?? null,
  acknowledgeReason: alert.acknowledgeReason ?? null,
});

/** The caller's organization's monitoring alerts, newest first. */
export async function monitoringAlerts(service: CredentialsService, caller: Caller, args: PageArguments & { acknowledged?: boolean | null }) {
  const acknowledged = args.acknowledged ?? null;
  const request = pageRequest(MONITORING_ALERTS_ORDER, args);
  const rows = await runAsCaller(service.orm, caller, (em) =>
    onPage(em.createQueryBuilder(MonitoringAlert, 'a').select([...ALERT_FIELDS]).where({
      organization: caller.organizationId!,
      ...(acknowledged === null ? {} : { acknowledgedAt: acknowledged ? { $ne: null } : null }),
    }), request).execute<AlertFields[]>('all'));
  return connectionOf(request, rows, alertView);
}

const MONITORING_ALERTS_ORDER: ListOrder = { list: 'monitoringAlerts', keys: [{ sql: 'a.raised_at', kind: 'timestamp' }, { sql: 'a.id', kind: 'uuid' }], direction: 'DESC' };

/** acknowledgeMonitoringAlert: once, with a reason code, audited; the file stays in review until a new decision. */
export async function acknowledgeMonitoringAlert(service: CredentialsService, caller: Caller, id: string, reasonCode: string): Promise<MonitoringAlertView> {
  if (!REASON_CODE_PATTERN.test(reasonCode)) {
    throw badUserInput('reasonCode must be a short code: lowercase letters, digits and underscores, starting with a letter', { field: 'reasonCode', reason: 'REASON_CODE_FORMAT' });
  }
  const found = isUuid(id)
    ? await runAsCaller(service.orm, caller, async (em) => {
        const current = await em.findOne(MonitoringAlert, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!current) return null;
        if (current.acknowledgedAt) throw new AppError('CONFLICT', 'This monitoring alert was acknowledged already');
        const [row] = await em.createQueryBuilder(MonitoringAlert)
          .update({ acknowledgedAt: sql.now(), acknowledgedBy: caller.userId, acknowledgeReason: reasonCode })
          .where({ id })
          .returning([...ALERT_FIELDS])
          .execute<AlertFields[]>('all');
        await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'MonitoringAlert', resourceId: id, outcome: 'SUCCESS', reason: `monitoring:acknowledged:${reasonCode}` });
        return row!;
      })
    : null;
  if (!found) throw await notVisible(service, caller, 'MonitoringAlert', id);
  return alertView(found);
}

/** setCredentialsVerificationOrganization: the organization's flag beside its review window, audited. */
export async function setCredentialsVerificationOrganization(service: CredentialsService, caller: Caller, actsAsCvo: boolean): Promise<VerificationSettingsView> {
  if (typeof actsAsCvo !== 'boolean') throw badUserInput('actsAsCredentialsVerificationOrganization must be true or false', { field: 'actsAsCredentialsVerificationOrganization' });
  await runAsCaller(service.orm, caller, async (em) => {
    await em.createQueryBuilder(VerificationSetting)
      .insert({ organization: caller.organizationId!, actsAsCvo, updatedBy: caller.userId, updatedAt: sql.now() })
      .onConflict('organization')
      .merge(['actsAsCvo', 'updatedBy', 'updatedAt'])
      .execute();
    await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'VerificationSettings', resourceId: caller.organizationId, outcome: 'SUCCESS', reason: `acts_as_cvo:${actsAsCvo}` });
  });
  return verificationSettings(service, caller);
}
