// The I/O of the credentialing cycle, as the worker's database role: a cycle's file opened or
// resumed, its readiness assessed from the credentials' latest primary-source checks (stale
// ones asked for again the way requestVerification asks), the committee's decision recorded
// once with the physician's notice, reminders of the re-credentialing date, a lapsed cycle, the
// monthly monitoring's alerts, and the dispatcher's hand-over of new files to their workflows.
// Every change is audited in its own transaction; mail goes through the one outbox.
import { createHash } from 'node:crypto';
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { systemCaller } from '../../domain/system-caller.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, type EntityManager, type MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import type { Logger } from '../../platform/logger.ts';
import { enqueueMail } from '../../platform/mail-outbox/outbox.ts';
import { enqueueWebhookEvent } from '../../platform/webhooks-out/events.ts';
import { Credential, CredentialingDecision, CredentialingFile, Physician, PhysicianScreening, VerificationSetting } from '../../subgraphs/credentials/entities/index.ts';
import type { MailParameters, MailTemplateName } from '../../platform/mail-outbox/templates.ts';
import {
  CREDENTIALING_CYCLE_WORKFLOW, DEFAULT_CREDENTIALING_TIMINGS, credentialingRequested, credentialingWorkflowId, monitoringAlertRaised, verificationSettled,
  type CredentialingCycle, type CredentialingDecisionInput, type CredentialingKind, type CredentialingStatus, type CredentialingTimings,
  type CredentialingDecisionValue, type RecordedCredentialingDecision,
} from './shared.ts';

export interface CredentialingDeps {
  orm: MikroORM;
  encryption: FieldEncryption;
  logger?: Logger;
  verification: {
    /** Where the dispatcher starts the workflows and activities signal them (the worker's own task queue). */
    client: Client | null;
    taskQueue: string;
    /** The cycle's timings (the defaults: NCQA's), given to each workflow the dispatcher starts. */
    credentialingTimings?: CredentialingTimings;
  };
}

const STAFF = ['CREDENTIALING_STAFF'];
const ADMINS = ['ORG_ADMIN', 'ORG_OWNER'];
const DISPATCH_CONCURRENCY = 20;

/** The groups of credentials a file needs verified (DOMAIN.md, "Verified from the primary source"). */
const REQUIRED = [
  { code: 'state_license', types: ['STATE_LICENSE'], always: true },
  { code: 'controlled_substance_registration', types: ['DEA_REGISTRATION', 'STATE_CONTROLLED_SUBSTANCE'], always: true },
  // Its sources are the certificate (a person) and the NPDB's malpractice history.
  { code: 'malpractice_insurance', types: ['MALPRACTICE_INSURANCE'], always: true },
  // Only when claimed.
  { code: 'board_certification', types: ['BOARD_CERTIFICATION'], always: false },
] as const;

/** An id made from the work it names, so a retried activity finds the row its first attempt wrote. */
function idFor(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const cycleCaller = (): Caller => {
  let workflowId = 'activity';
  try {
    workflowId = Context.current().info.workflowExecution?.workflowId ?? workflowId;
  } catch {
    // Called outside an activity (a test, the exclusion-list step's own helper).
  }
  return systemCaller(`credentialing-${workflowId}`);
};

async function contacts(em: EntityManager, organizationId: string, roles: string[], userId: string | null = null): Promise<string[]> {
  // Raw SQL: identity.organization_contacts is a SECURITY DEFINER function (the worker reads no members).
  const rows = await em.execute<{ email: string }[]>(`select email from identity.organization_contacts(?, string_to_array(?, ',')::text[], ?) as email`, [organizationId, roles.join(','), userId]);
  return rows.map((row) => row.email);
}

async function mailTo<T extends MailTemplateName>(encryption: FieldEncryption, em: EntityManager, organizationId: string, recipients: string[], template: T, parameters: MailParameters<T>) {
  for (const recipient of recipients) await enqueueMail(em, encryption, { organizationId, recipient, template, parameters });
}

interface FileRow {
  id: string;
  organization_id: string;
  physician_id: string;
  cycle_number: number;
  kind: CredentialingKind;
  status: CredentialingStatus;
  decision: CredentialingDecisionValue | null;
  decided_at: string | null;
  recredential_due_at: string | null;
  reminders_sent: number;
}

/** A file read through the ORM, in the shape the activities read it (timestamps as ISO 8601 text). */
const fileRowOf = (file: CredentialingFile): FileRow => ({
  id: file.id, organization_id: file.organization.id, physician_id: file.physician.id, cycle_number: file.cycleNumber, kind: file.kind as CredentialingKind,
  status: file.status as CredentialingStatus, decision: (file.decision ?? null) as CredentialingDecisionValue | null, decided_at: file.decidedAt?.toISOString() ?? null,
  recredential_due_at: file.recredentialDueAt?.toISOString() ?? null, reminders_sent: file.remindersSent,
});

export interface BegunCycle {
  removed: boolean;
  fileId: string;
  cycle: CredentialingCycle;
  status: CredentialingStatus;
  decision: CredentialingDecisionValue | null;
  recredentialingDueAt: string | null;
  remindersSent: number;
}

export interface Assessment {
  ready: boolean;
  blockers: string[];
  oldestCheckAt: string | null;
  /** When the oldest check turns stale (ISO), null without checks. */
  staleAt: string | null;
  /** Credentials (and the exclusion screening, as `screening`) asked for again because their checks turned stale. */
  requested: string[];
}

/**
 * Where the file stands, from the database as it is: every required group verified (a review's
 * approval verifies too), nothing in flight or rejected without a verified replacement, the
 * exclusion screening clear, and the age of the oldest check the readiness rests on.
 */
async function readiness(em: EntityManager, file: Pick<FileRow, 'organization_id' | 'physician_id'>, freshForMs: number) {
  // Raw SQL: each credential's oldest check of its latest verification run, by source (a grouped
  // correlated subquery), beside whether its verification is asked for and not yet dispatched.
  const credentials = await em.execute<{ id: string; type: string; status: string; oldest_check_at: string | null; requested: boolean }[]>(
    `select c.id, c.type, c.status,
            (select ${isoTimestamp('min(latest.at)')} from (
               select max(v.checked_at) as at from credentials.verification_checks v
                where v.credential_id = c.id and v.result <> 'SOURCE_UNAVAILABLE'
                  and v.workflow_run_id = (select w.workflow_run_id from credentials.verification_checks w where w.credential_id = c.id order by w.checked_at desc limit 1)
                group by v.source) latest) as oldest_check_at,
            (c.verification_requested_at is not null and (c.verification_dispatched_at is null or c.verification_dispatched_at < c.verification_requested_at)) as requested
       from credentials.credentials c
      where c.physician_id = ? and c.organization_id = ? and c.removed_at is null`,
    [file.physician_id, file.organization_id],
  );
  const [found] = await em.createQueryBuilder(PhysicianScreening, 's')
    .select(['status', 'screenedAt', raw('(s.requested_at is not null and s.requested_at >= s.screened_at) as requested')])
    .where({ physician: file.physician_id, organization: file.organization_id })
    .execute<{ status: string; screenedAt: Date; requested: boolean }[]>('all');
  const screening = found && { status: found.status, screened_at: found.screenedAt.toISOString(), requested: found.requested };
  // Raw SQL: the database's clock, which the checks' ages are measured by (no table holds it).
  const [{ now }] = (await em.execute<{ now: string }[]>(`select ${isoTimestamp('now()')} as now`)) as [{ now: string }];
  const blockers: string[] = [];
  const counted: { id: string; type: string; oldestCheckAt: string | null }[] = [];
  for (const group of REQUIRED) {
    const ofGroup = credentials.filter((credential) => (group.types as readonly string[]).includes(credential.type));
    const verified = ofGroup.filter((credential) => credential.status === 'VERIFIED');
    if (ofGroup.length === 0 && !group.always) continue;
    if (verified.length === 0) blockers.push(ofGroup.length === 0 ? `missing:${group.code}` : `unverified:${group.code}`);
    counted.push(...verified.map((credential) => ({ id: credential.id, type: credential.type, oldestCheckAt: credential.oldest_check_at })));
  }
  // A credential still being checked or waiting for review holds the file: the committee decides on settled facts.
  for (const credential of credentials) {
    if (['PENDING', 'NEEDS_REVIEW', 'SOURCE_UNAVAILABLE'].includes(credential.status) || credential.requested) blockers.push(`pending:${credential.type.toLowerCase()}`);
  }
  if (!screening || screening.status !== 'CLEAR' || screening.requested) blockers.push(`exclusions:${(screening?.status ?? 'NOT_SCREENED').toLowerCase()}`);
  const nowMs = Date.parse(now);
  const isStale = (at: string | null) => at === null || Date.parse(at) + freshForMs <= nowMs;
  const staleCredentials = counted.filter((credential) => isStale(credential.oldestCheckAt));
  const screeningStale = screening?.status === 'CLEAR' && !screening.requested && isStale(screening.screened_at);
  for (const credential of staleCredentials) blockers.push(`stale:${credential.type.toLowerCase()}`);
  if (screeningStale) blockers.push('stale:exclusion_screening');
  const times = [...counted.map((credential) => credential.oldestCheckAt), screening?.status === 'CLEAR' ? screening.screened_at : null].filter((at): at is string => at !== null);
  const oldestCheckAt = times.length > 0 ? times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)) : null;
  return {
    blockers: [...new Set(blockers)],
    oldestCheckAt,
    staleAt: oldestCheckAt ? new Date(Date.parse(oldestCheckAt) + freshForMs).toISOString() : null,
    staleCredentials: staleCredentials.map((credential) => credential.id),
    screeningStale,
  };
}

async function freshForOf(em: EntityManager, organizationId: string, timings: CredentialingTimings): Promise<number> {
  const setting = await em.findOne(VerificationSetting, { organization: organizationId }, { fields: ['actsAsCvo'] });
  return setting?.actsAsCvo ? timings.freshForCvoMs : timings.freshForMs;
}

/** Which decisions a file in this status takes only when ready: every one of an offered file; an approval of a file back in review. */
const needsReadiness = (status: CredentialingStatus, decision: CredentialingDecisionValue) => status === 'READY' || decision === 'APPROVED';

export function createCredentialingActivities(deps: CredentialingDeps) {
  const { orm, encryption } = deps;
  const transaction = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);
  const timingsOf = () => deps.verification.credentialingTimings ?? DEFAULT_CREDENTIALING_TIMINGS;

  async function fileRow(em: EntityManager, fileId: string, lock: 'for update' | '' = ''): Promise<FileRow | null> {
    const file = await em.findOne(CredentialingFile, { id: fileId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
    return file ? fileRowOf(file) : null;
  }

  /** Signals a physician's cycle, if it runs; a cycle not running has nothing to learn. */
  async function signalCycle(organizationId: string, physicianId: string, send: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<void>): Promise<void> {
    const client = deps.verification.client;
    if (!client) return;
    try {
      await send(client.workflow.getHandle(credentialingWorkflowId(organizationId, physicianId)));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return;
      // The cycle assesses its file again on its own timer; a lost signal only delays it.
      deps.logger?.warn({ err: error, organizationId }, 'a credentialing cycle could not be signalled');
    }
  }

  return {
    /**
     * Run by the `verification-dispatch` schedule: every credentialing file whose workflow was asked
     * for (a new physician, the backfill) is handed to it. Starting twice is harmless.
     */
    async dispatchCredentialingRequests(input: { limit: number; organizationId?: string | null }): Promise<{ dispatched: number; more: boolean }> {
      const client = deps.verification.client;
      if (!client) throw new Error('the worker was built without a Temporal client for dispatching credentialing cycles');
      return transaction(async (em) => {
        const inOrganization = input.organizationId ? { organization: input.organizationId } : {};
        const requests = await em.createQueryBuilder(CredentialingFile)
          .select(['id', 'organization', 'physician', 'workflowRequestedAt'])
          .where({ workflowRequestedAt: { $ne: null }, $or: [{ workflowDispatchedAt: null }, { workflowDispatchedAt: { $lt: raw('workflow_requested_at') } }], ...inOrganization })
          .orderBy({ workflowRequestedAt: 'asc' })
          .limit(input.limit + 1)
          .setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE)
          .execute<{ id: string; organization: string; physician: string; workflowRequestedAt: Date }[]>('all');
        const rows = requests.map((row) => ({ id: row.id, organization_id: row.organization, physician_id: row.physician, requested_at: row.workflowRequestedAt.toISOString() }));
        const batch = rows.slice(0, input.limit);
        for (let start = 0; start < batch.length; start += DISPATCH_CONCURRENCY) {
          Context.current().heartbeat(start);
          await Promise.all(batch.slice(start, start + DISPATCH_CONCURRENCY).map((row) => client.workflow.signalWithStart(CREDENTIALING_CYCLE_WORKFLOW, {
            workflowId: credentialingWorkflowId(row.organization_id, row.physician_id),
            taskQueue: deps.verification.taskQueue,
            args: [{ organizationId: row.organization_id, physicianId: row.physician_id, timings: timingsOf() }],
            signal: credentialingRequested,
            signalArgs: [{ requestedAt: row.requested_at }],
          })));
        }
        if (batch.length > 0) {
          await em.nativeUpdate(CredentialingFile, { id: { $in: batch.map((row) => row.id) } }, { workflowDispatchedAt: raw('workflow_requested_at') });
        }
        return { dispatched: batch.length, more: rows.length > input.limit };
      });
    },

    /**
     * The start of a run: the file of the cycle it carries (opened now when new), or, on the first
     * start, the physician's latest file (a new cycle after one that lapsed or was denied).
     */
    async beginCycle(input: { organizationId: string; physicianId: string; cycle: CredentialingCycle | null }): Promise<BegunCycle> {
      return transaction(async (em) => {
        const physician = (await em.count(Physician, { id: input.physicianId, organization: input.organizationId })) > 0;
        let cycle = input.cycle;
        if (!cycle) {
          const found = await em.findOne(CredentialingFile, { organization: input.organizationId, physician: input.physicianId }, { orderBy: { cycleNumber: 'desc' } });
          const latest = found ? fileRowOf(found) : undefined;
          const closed = latest && (['LAPSED', 'CLOSED'].includes(latest.status) || latest.decision === 'DENIED');
          cycle = latest && !closed
            ? { number: latest.cycle_number, kind: latest.kind, dueAt: latest.kind === 'RECREDENTIALING' ? latest.recredential_due_at : null }
            : { number: (latest?.cycle_number ?? 0) + 1, kind: 'INITIAL', dueAt: null };
        }
        if (!physician) {
          return { removed: true, fileId: '', cycle, status: 'CLOSED', decision: null, recredentialingDueAt: null, remindersSent: 0 };
        }
        const inserted = await em.createQueryBuilder(CredentialingFile)
          .insert({
            id: idFor('credentialing-file', input.organizationId, input.physicianId, String(cycle.number)), organization: input.organizationId, physician: input.physicianId,
            cycleNumber: cycle.number, kind: cycle.kind, recredentialDueAt: cycle.dueAt === null ? null : new Date(cycle.dueAt),
          })
          .onConflict(['organization', 'physician', 'cycleNumber'])
          .ignore()
          .returning(['id'])
          .execute<{ id: string }[]>('all');
        const opened = await em.findOne(CredentialingFile, { organization: input.organizationId, physician: input.physicianId, cycleNumber: cycle.number }, { refresh: true });
        const row = opened ? fileRowOf(opened) : null;
        if (inserted.length > 0) {
          await recordAudit(em, cycleCaller(), {
            organizationId: input.organizationId, action: 'CREATE', resourceType: 'CredentialingFile', resourceId: row!.id, outcome: 'SUCCESS',
            reason: `credentialing:cycle_opened:${cycle.kind.toLowerCase()}`,
          });
        }
        return { removed: false, fileId: row!.id, cycle, status: row!.status, decision: row!.decision, recredentialingDueAt: row!.recredential_due_at, remindersSent: row!.reminders_sent };
      });
    },

    /**
     * Assesses the file and records where it stands. When nothing but the age of checks keeps it
     * from a decision, the stale ones are asked for again (the dispatcher runs them) before the
     * file is offered; the file is READY only with every check fresh.
     */
    async assessFile(input: { fileId: string }): Promise<Assessment> {
      return transaction(async (em) => {
        const file = await fileRow(em, input.fileId, 'for update');
        if (!file) return { ready: false, blockers: ['closed'], oldestCheckAt: null, staleAt: null, requested: [] };
        const found = await readiness(em, file, await freshForOf(em, file.organization_id, timingsOf()));
        const requested: string[] = [];
        const onlyStale = found.blockers.every((blocker) => blocker.startsWith('stale:'));
        if (onlyStale && found.staleCredentials.length > 0) {
          await em.nativeUpdate(Credential, { id: { $in: found.staleCredentials }, removedAt: null }, {
            verificationRequestedAt: sql.now(), updatedAt: sql.now(), status: raw(`case when cardinality(review_reasons) > 0 then 'NEEDS_REVIEW' else 'PENDING' end`),
          });
          requested.push(...found.staleCredentials);
          await recordAudit(em, cycleCaller(), found.staleCredentials.map((id) => ({
            organizationId: file.organization_id, action: 'UPDATE' as const, resourceType: 'Credential', resourceId: id, outcome: 'SUCCESS' as const, reason: 'verification:requested:stale_for_credentialing',
          })));
        }
        if (onlyStale && found.screeningStale) {
          await em.nativeUpdate(PhysicianScreening, { organization: file.organization_id, physician: file.physician_id }, { requestedAt: sql.now() });
          requested.push('screening');
        }
        const ready = found.blockers.length === 0;
        // A file decided, or back in review, keeps its status; the assessment is still recorded.
        await em.nativeUpdate(CredentialingFile, { id: input.fileId }, {
          blockers: found.blockers, oldestCheckAt: found.oldestCheckAt === null ? null : new Date(found.oldestCheckAt), updatedAt: sql.now(),
          status: raw(`case when status in ('IN_PROGRESS', 'READY') then ? else status end`, [ready ? 'READY' : 'IN_PROGRESS']),
          readySince: ready ? raw('coalesce(ready_since, now())') : null,
        });
        return { ready, blockers: found.blockers, oldestCheckAt: found.oldestCheckAt, staleAt: found.staleAt, requested };
      });
    },

    /**
     * The committee's decision, recorded once (a retried attempt finds it), after the file's
     * readiness is checked again from the database at this instant. Refused: the blockers come back
     * and nothing is written. Recorded: the file, its history, the audit event (the decider as
     * actor) and the physician's notice, in one transaction.
     */
    async recordCredentialingDecision(input: CredentialingDecisionInput & { fileId: string; recredentialAfterMs: number }): Promise<RecordedCredentialingDecision | { refused: string[] }> {
      const decisionId = idFor('credentialing-decision', input.fileId, input.decider.requestId);
      const decider: Caller = { ...input.decider, sessionId: null };
      return transaction(async (em) => {
        const file = await fileRow(em, input.fileId, 'for update');
        if (!file) return { refused: ['closed'] };
        const stored = await em.findOne(CredentialingDecision, { id: decisionId }, { fields: ['decidedAt'] });
        if (stored) return { fileId: file.id, decision: input.decision, decidedAt: stored.decidedAt.toISOString(), recredentialingDueAt: file.recredential_due_at, status: file.status };
        if (!['READY', 'NEEDS_REVIEW'].includes(file.status)) return { refused: [`status:${file.status.toLowerCase()}`] };
        const found = await readiness(em, file, await freshForOf(em, file.organization_id, timingsOf()));
        if (needsReadiness(file.status, input.decision) && found.blockers.length > 0) return { refused: found.blockers };
        // A deferral leaves a file back in review in review; an offered one goes back to collecting.
        const status: CredentialingStatus = input.decision !== 'DEFERRED' ? 'DECIDED' : file.status === 'NEEDS_REVIEW' ? 'NEEDS_REVIEW' : 'IN_PROGRESS';
        // Re-credentialing is due 36 months after an approval; an approval out of review keeps the cycle's date.
        const newDueAt = input.decision === 'APPROVED' && (file.status === 'READY' || file.recredential_due_at === null);
        // Raw SQL: the update returns the physician's account beside the file's dates (update ... from), in one round trip.
        const [updated] = await em.execute<{ decided_at: string; recredential_due_at: string | null; user_id: string | null }[]>(
          `update credentials.credentialing_files f set decision = ?, reason_code = ?, decided_at = now(), decided_by = ?, status = ?, updated_at = now(),
                  flagged_at = case when ? = 'DEFERRED' then flagged_at else null end,
                  ready_since = case when ? = 'DEFERRED' then null else ready_since end,
                  recredential_due_at = case when ? then now() + (? || ' milliseconds')::interval else recredential_due_at end
             from credentials.physicians p
            where f.id = ? and p.id = f.physician_id
           returning ${isoTimestamp('f.decided_at')} as decided_at, ${isoTimestamp('f.recredential_due_at')} as recredential_due_at, p.user_id`,
          [input.decision, input.reasonCode, input.decider.userId, status, input.decision, input.decision, newDueAt, String(input.recredentialAfterMs), file.id],
        );
        await em.insert(CredentialingDecision, {
          id: decisionId, organization: file.organization_id, physician: file.physician_id, file: file.id, decision: input.decision, reasonCode: input.reasonCode,
          decidedBy: input.decider.userId, decidedByRole: input.decider.role, decidedAt: new Date(updated!.decided_at),
          oldestCheckAt: found.oldestCheckAt === null ? null : new Date(found.oldestCheckAt),
        });
        await recordAudit(em, decider, {
          organizationId: file.organization_id, action: 'UPDATE', resourceType: 'CredentialingFile', resourceId: file.id, outcome: 'SUCCESS',
          reason: `credentialing:${input.decision.toLowerCase()}:${input.reasonCode}`,
        });
        // The physician is told at once (NCQA: within 30 days): at the address of its own account when the
        // file is linked to one; the credentialing staff always, who tell a physician without an account.
        await mailTo(encryption, em, file.organization_id, await contacts(em, file.organization_id, STAFF, updated!.user_id), 'credentialing_decision', {
          decision: input.decision, decidedOn: updated!.decided_at.slice(0, 10),
        });
        // The organization's own systems hear of it from its webhooks, in the same transaction.
        await enqueueWebhookEvent(em, {
          organizationId: file.organization_id, type: 'credentialing.decided',
          data: { physicianId: file.physician_id, decision: input.decision, reasonCode: input.reasonCode },
        });
        return { fileId: file.id, decision: input.decision, decidedAt: updated!.decided_at, recredentialingDueAt: updated!.recredential_due_at, status };
      });
    },

    /**
     * The `nth` reminder of the re-credentialing date (1: 180 days before, 2: 90, 3: 30), to the
     * credentialing staff and the physician, with the days actually left; sent once each.
     */
    async sendRecredentialingReminder(input: { fileId: string; nth: number }): Promise<void> {
      await transaction(async (em) => {
        // Raw SQL: the update returns the physician's account (update ... from) and the days left on the
        // database's clock, in one round trip.
        const [row] = await em.execute<{ organization_id: string; due_on: string; days_left: number; user_id: string | null }[]>(
          `update credentials.credentialing_files f set reminders_sent = ?, updated_at = now() from credentials.physicians p
            where f.id = ? and p.id = f.physician_id and f.reminders_sent < ? and f.recredential_due_at is not null
          returning f.organization_id, to_char(f.recredential_due_at at time zone 'UTC', 'YYYY-MM-DD') as due_on,
                    greatest(0, ceil(extract(epoch from f.recredential_due_at - now()) / 86400))::int as days_left, p.user_id`,
          [input.nth, input.fileId, input.nth],
        );
        if (!row) return;
        await recordAudit(em, cycleCaller(), {
          organizationId: row.organization_id, action: 'UPDATE', resourceType: 'CredentialingFile', resourceId: input.fileId, outcome: 'SUCCESS', reason: `credentialing:reminder:${input.nth}`,
        });
        await mailTo(encryption, em, row.organization_id, await contacts(em, row.organization_id, STAFF, row.user_id), 'recredentialing_due', { days: row.days_left, dueOn: row.due_on });
      });
    },

    /** More than the grace past due without a decision: the cycle lapses, and the next is an initial credentialing. */
    async lapseCycle(input: { fileId: string }): Promise<void> {
      await transaction(async (em) => {
        const [row] = await em.createQueryBuilder(CredentialingFile)
          .update({ status: 'LAPSED', readySince: null, updatedAt: sql.now() })
          .where({ id: input.fileId, status: { $ne: 'LAPSED' } })
          .returning(['organization'])
          .execute<{ organization: string }[]>('all');
        if (!row) return;
        await recordAudit(em, cycleCaller(), {
          organizationId: row.organization, action: 'UPDATE', resourceType: 'CredentialingFile', resourceId: input.fileId, outcome: 'SUCCESS', reason: 'credentialing:lapsed',
        });
        await mailTo(encryption, em, row.organization, await contacts(em, row.organization, [...STAFF, ...ADMINS]), 'recredentialing_lapsed', {});
      });
    },

    /** The physician file is gone: its open cycle closes. */
    async closeCycle(input: { fileId: string }): Promise<void> {
      await transaction((em) => em.nativeUpdate(CredentialingFile, { id: input.fileId }, { status: 'CLOSED', updatedAt: sql.now() }));
    },

    /**
     * The monthly monitoring, after an exclusion-list import's screening: every open exclusion
     * match of a decided (approved) file found after its decision, and not alerted yet, raises an
     * alert (mail to staff and admins, audited), puts the file back in review (flagged), and
     * signals its cycle. Batch by batch; `more` while some remain.
     */
    async raiseMonitoringAlerts(input: { limit: number }): Promise<{ raised: number; more: boolean }> {
      const raised = await transaction(async (em) => {
        // Raw SQL: the fresh matches of credentialed files chosen and raised in one statement (an
        // insert selecting from CTEs, on conflict ignored, returning the alerts).
        const rows = await em.execute<{ id: string; organization_id: string; physician_id: string; file_id: string; list: string }[]>(
          `with approved as (
             select distinct on (organization_id, physician_id) id, organization_id, physician_id, decided_at, cycle_number
               from credentials.credentialing_files where decision = 'APPROVED' order by organization_id, physician_id, cycle_number desc),
           -- Credentialed: approved, and no later cycle lapsed or was denied (a re-credentialing under way keeps the approval in force).
           credentialed as (
             select a.* from approved a
              where not exists (select 1 from credentials.credentialing_files later
                                 where later.organization_id = a.organization_id and later.physician_id = a.physician_id and later.cycle_number > a.cycle_number
                                   and (later.status = 'LAPSED' or later.decision = 'DENIED'))),
           fresh as (
             select m.id as match_id, m.found_at, m.list, m.matched_by, f.id as file_id, f.organization_id, f.physician_id
               from credentials.exclusion_matches m join credentialed f on f.organization_id = m.organization_id and f.physician_id = m.physician_id
              where m.cleared_at is null and m.found_at > f.decided_at
                and not exists (select 1 from credentials.monitoring_alerts a where a.match_id = m.id and a.match_found_at = m.found_at)
              order by m.found_at limit ?)
           insert into credentials.monitoring_alerts (id, organization_id, physician_id, file_id, match_id, match_found_at, list, matched_by)
           select gen_random_uuid(), organization_id, physician_id, file_id, match_id, found_at, list, matched_by from fresh
           on conflict (match_id, match_found_at) do nothing
           returning id, organization_id, physician_id, file_id, list`,
          [input.limit],
        );
        if (rows.length === 0) return [];
        const fileIds = [...new Set(rows.map((row) => row.file_id))];
        // The approved file is flagged; it goes back to review when it is the current cycle (during a
        // re-credentialing the new match holds the new cycle's file instead, as a blocker).
        // Raw SQL: whether a flagged file goes back to review is a correlated subquery over the physician's later cycles.
        await em.execute(
          `update credentials.credentialing_files f set flagged_at = now(), updated_at = now(),
                  status = case when f.status = 'DECIDED' and not exists (select 1 from credentials.credentialing_files later
                                  where later.organization_id = f.organization_id and later.physician_id = f.physician_id and later.cycle_number > f.cycle_number)
                                then 'NEEDS_REVIEW' else f.status end
            where f.id = any(string_to_array(?, ',')::uuid[])`,
          [fileIds.join(',')],
        );
        await recordAudit(em, cycleCaller(), rows.map((row) => ({
          organizationId: row.organization_id, action: 'CREATE' as const, resourceType: 'MonitoringAlert', resourceId: row.id, outcome: 'SUCCESS' as const,
          reason: `monitoring:exclusion_match:${row.list.toLowerCase()}`,
        })));
        for (const organizationId of new Set(rows.map((row) => row.organization_id))) {
          const recipients = await contacts(em, organizationId, [...STAFF, ...ADMINS]);
          for (const row of rows.filter((candidate) => candidate.organization_id === organizationId)) {
            await mailTo(encryption, em, organizationId, recipients, 'monitoring_alert', { list: row.list });
          }
        }
        return rows;
      });
      for (const row of raised) {
        await signalCycle(row.organization_id, row.physician_id, (handle) => handle.signal(monitoringAlertRaised, { alertId: row.id }));
      }
      return { raised: raised.length, more: raised.length === input.limit };
    },
  };
}

/**
 * Told by the verification activities when a credential's verification settles (VERIFIED,
 * REJECTED, EXPIRED) or the physician's screening ran: the physician's cycle assesses its file again.
 */
export async function tellCredentialingCycle(client: Client | null, credential: { organizationId: string; physicianId: string; credentialId: string | null; status: string }, logger?: Logger): Promise<void> {
  if (!client) return;
  try {
    await client.workflow.getHandle(credentialingWorkflowId(credential.organizationId, credential.physicianId)).signal(verificationSettled, { credentialId: credential.credentialId, status: credential.status });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return;
    logger?.warn({ err: error, organizationId: credential.organizationId }, 'a credentialing cycle could not be told of a settled verification');
  }
}

export type CredentialingActivities = ReturnType<typeof createCredentialingActivities>;
