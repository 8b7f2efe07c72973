// A credential's verification as the graph shows it (status, checks, the pending review, the next
// reminder), the review queue, and the two things people do to it: ask for it again and decide a
// review. What the checks find is written by the worker (workflows/credential-verification);
// this module reads it as the caller and hands decisions to the credential's workflow, whose
// validator checks the permission matrix again.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { GraphQLResolveInfo } from 'graphql';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { raw, sql, type FilterObject } from '@mikro-orm/postgresql';
import { isoTimestamp, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, forbidden, serviceUnavailable } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import {
  REASON_CODE_PATTERN, REVIEW_REFUSALS, resolveReviewUpdate, verificationWorkflowId, type ReviewDecision,
} from '../../workflows/credential-verification/shared.ts';
import { credential, type CredentialView } from './credential-records.ts';
import { notVisible, type CredentialsService } from './service.ts';
import { connectionOf, onPage, pageRequest, type ListOrder, type PageArguments } from '../../platform/pagination.ts';
import { Credential, VerificationReview, VerificationSetting } from './entities/index.ts';
import { temporalAnswers } from '../../platform/workflow-starts.ts';

export interface VerificationCheckView {
  id: string;
  source: string;
  result: string;
  checkedAt: string;
  problems: { field: string; code: string }[];
  evidenceSha256: string | null;
}

export interface VerificationReviewView {
  id: string;
  credentialId: string;
  reasons: string[];
  openedAt: Date;
  escalatedAt: Date | null;
  decision: ReviewDecision | null;
  reasonCode: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export interface CredentialVerificationView {
  status: string;
  checks: VerificationCheckView[];
  pendingReview: VerificationReviewView | null;
  verifiedAt: Date | null;
  nextReminderAt: Date | null;
  requestedAt: Date | null;
}

/** The Temporal client the subgraph hands decisions to, connected on first use. */
export interface VerificationWorkflows {
  client: Client;
}

/** The fields of a review its view shows. */
const REVIEW_FIELDS = ['id', 'credential', 'reasons', 'openedAt', 'escalatedAt', 'decision', 'reasonCode', 'decidedAt', 'decidedBy'] as const;
type ReviewRow = Omit<Pick<VerificationReview, (typeof REVIEW_FIELDS)[number]>, 'credential'> & { credential: string };

const reviewView = (row: ReviewRow): VerificationReviewView => ({
  id: row.id,
  credentialId: row.credential,
  reasons: row.reasons,
  openedAt: row.openedAt,
  escalatedAt: row.escalatedAt ?? null,
  // A review closed by a newer request has no decision to show.
  decision: row.decision === 'APPROVED' || row.decision === 'REJECTED' ? row.decision : null,
  reasonCode: row.reasonCode ?? null,
  decidedAt: row.decidedAt ?? null,
  decidedBy: row.decidedBy ?? null,
});

const reviewsWhere = (em: EntityManager, where: FilterObject<VerificationReview>) => em.createQueryBuilder(VerificationReview, 'r').select([...REVIEW_FIELDS]).where(where);

interface CheckRow { id: string; source: string; result: string; checked_at: string; problems: { field: string; code: string }[]; evidence_sha256: Buffer | null }

async function readVerification(em: EntityManager, credentialId: string): Promise<CredentialVerificationView | null> {
  const row = await em.findOne(Credential, { id: credentialId, removedAt: null }, { fields: ['status', 'verifiedAt', 'nextReminderAt', 'verificationRequestedAt'] });
  if (!row) return null;
  // The checks of the latest run: what the status rests on. Raw SQL: the run is a correlated subquery.
  const checks = await em.execute<CheckRow[]>(
    `select id, source, result, ${isoTimestamp('checked_at')} as checked_at, problems, evidence_sha256 from credentials.verification_checks
      where credential_id = ? and workflow_run_id = (select workflow_run_id from credentials.verification_checks where credential_id = ? order by checked_at desc limit 1)
      order by checked_at desc, source`,
    [credentialId, credentialId],
  );
  const review = await reviewsWhere(em, { credential: credentialId, decidedAt: null }).execute<ReviewRow>('get');
  return {
    status: row.status,
    checks: checks.map((check) => ({
      id: check.id, source: check.source, result: check.result, checkedAt: check.checked_at,
      problems: check.problems.map(({ field, code }) => ({ field, code })),
      evidenceSha256: check.evidence_sha256 ? check.evidence_sha256.toString('hex') : null,
    })),
    pendingReview: review ? reviewView(review) : null,
    verifiedAt: row.verifiedAt ?? null,
    nextReminderAt: row.nextReminderAt ?? null,
    requestedAt: row.verificationRequestedAt ?? null,
  };
}

/** Credential.verification: read as the caller (row-level security decides what is visible). */
export async function verificationOf(service: CredentialsService, caller: Caller, credentialView: CredentialView): Promise<CredentialVerificationView | null> {
  return runAsCaller(service.orm, caller, (em) => readVerification(em, credentialView.id));
}

/** The reviews waiting for a decision in the caller's organization, oldest first. */
export async function verificationReviews(service: CredentialsService, caller: Caller, args: PageArguments) {
  const request = pageRequest(REVIEWS_ORDER, args);
  const rows = await runAsCaller(service.orm, caller, (em) =>
    onPage(reviewsWhere(em, { organization: caller.organizationId!, decidedAt: null }), request).execute<ReviewRow[]>('all'));
  return connectionOf(request, rows, reviewView);
}

const REVIEWS_ORDER: ListOrder = { list: 'verificationReviews', keys: [{ sql: 'r.opened_at', kind: 'timestamp' }, { sql: 'r.id', kind: 'uuid' }], direction: 'ASC' };

/** requestVerification: the credential goes back to PENDING (NEEDS_REVIEW when flagged at entry) and its workflow starts its checks over. */
export async function requestVerification(service: CredentialsService, caller: Caller, credentialId: string, info: GraphQLResolveInfo): Promise<CredentialView> {
  const requested = isUuid(credentialId)
    ? await runAsCaller(service.orm, caller, async (em) => {
        const changed = await em.nativeUpdate(Credential, { id: credentialId, removedAt: null }, {
          verificationRequestedAt: sql.now(), updatedAt: sql.now(),
          // Raw SQL: flagged at entry, decided by the row's own reasons.
          status: raw(`case when cardinality(review_reasons) > 0 then 'NEEDS_REVIEW' else 'PENDING' end`),
        });
        if (changed === 0) return false;
        await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Credential', resourceId: credentialId, outcome: 'SUCCESS', reason: 'verification:requested' });
        return true;
      })
    : false;
  if (!requested) throw await notVisible(service, caller, 'Credential', credentialId);
  return credential(service, caller, credentialId, info);
}

/** How a refusal by the workflow's validator reaches the caller. */
function refusalFromWorkflow(error: unknown): AppError | null {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : null;
  if (!(cause instanceof ApplicationFailure)) return null;
  if (cause.type === REVIEW_REFUSALS.forbidden) return forbidden(cause.message);
  if (cause.type === REVIEW_REFUSALS.noSuchReview) return new AppError('REVIEW_NOT_PENDING', 'This review is not waiting for a decision (it was decided, or the credential was changed and is being verified again)');
  if (cause.type === REVIEW_REFUSALS.badInput) return badUserInput(cause.message);
  return null;
}

/** resolveVerificationReview: the decision is taken by the credential's workflow, which records it once. */
export async function resolveVerificationReview(
  service: CredentialsService,
  caller: Caller,
  input: { reviewId: string; decision: ReviewDecision; reasonCode: string },
): Promise<VerificationReviewView> {
  if (!REASON_CODE_PATTERN.test(input.reasonCode)) {
    throw badUserInput('reasonCode must be a short code: lowercase letters, digits and underscores, starting with a letter', { field: 'reasonCode', reason: 'REASON_CODE_FORMAT' });
  }
  const review = isUuid(input.reviewId) ? await runAsCaller(service.orm, caller, (em) => reviewsWhere(em, { id: input.reviewId }).execute<ReviewRow | null>('get')) : null;
  if (!review) throw await notVisible(service, caller, 'VerificationReview', input.reviewId);
  if (review.decidedAt) throw new AppError('REVIEW_NOT_PENDING', 'This review is not waiting for a decision (it was decided, or the credential was changed and is being verified again)');
  const workflows = service.verificationWorkflows;
  if (!workflows) throw serviceUnavailable('Verification decisions are not available: the credentials subgraph has no Temporal connection');
  if (!(await temporalAnswers(workflows.client))) {
    service.logger.warn({ reviewId: review.id }, 'Temporal did not answer: a verification decision was refused');
    throw serviceUnavailable('The decision could not be recorded now; try again in a moment');
  }
  try {
    await workflows.client.workflow.getHandle(verificationWorkflowId(review.credential)).executeUpdate(resolveReviewUpdate, {
      args: [{
        reviewId: review.id,
        decision: input.decision,
        reasonCode: input.reasonCode,
        reviewer: { userId: caller.userId!, organizationId: caller.organizationId!, role: caller.role!, requestId: caller.requestId, sourceIp: caller.sourceIp },
      }],
    });
  } catch (error) {
    const refusal = refusalFromWorkflow(error);
    if (refusal) throw refusal;
    if (error instanceof WorkflowNotFoundError) throw new AppError('REVIEW_NOT_PENDING', 'This review is no longer waiting for a decision');
    service.logger.error({ err: error, reviewId: review.id }, 'a verification decision could not be handed to its workflow');
    throw serviceUnavailable('The decision could not be recorded now; try again in a moment');
  }
  const decided = await runAsCaller(service.orm, caller, (em) => reviewsWhere(em, { id: review.id }).execute<ReviewRow>('get'));
  return reviewView(decided);
}

export interface VerificationSettingsView {
  /** The organization's id: its settings are one record. */
  id: string;
  reviewWindowHours: number;
  isDefault: boolean;
  actsAsCredentialsVerificationOrganization: boolean;
}

/**
 * The organization's review window, or the platform's default (the worker's
 * VERIFICATION_REVIEW_HOURS, as the subgraph is told it), and whether it acts as a credentials
 * verification organization (a row may hold that alone, without a window of its own).
 */
export async function verificationSettings(service: CredentialsService, caller: Caller): Promise<VerificationSettingsView> {
  const row = await runAsCaller(service.orm, caller, (em) =>
    em.findOne(VerificationSetting, { organization: caller.organizationId! }, { fields: ['reviewWindowHours', 'actsAsCvo'] }));
  const actsAsCredentialsVerificationOrganization = row?.actsAsCvo ?? false;
  return row?.reviewWindowHours
    ? { id: caller.organizationId!, reviewWindowHours: row.reviewWindowHours, isDefault: false, actsAsCredentialsVerificationOrganization }
    : { id: caller.organizationId!, reviewWindowHours: service.config.verificationReviewHours, isDefault: true, actsAsCredentialsVerificationOrganization };
}

export async function setVerificationReviewWindow(service: CredentialsService, caller: Caller, hours: number): Promise<VerificationSettingsView> {
  if (!Number.isInteger(hours) || hours < 1 || hours > 2160) throw badUserInput('hours must be a whole number from 1 to 2160 (90 days)', { field: 'hours', reason: 'OUT_OF_RANGE' });
  await runAsCaller(service.orm, caller, async (em) => {
    await em.createQueryBuilder(VerificationSetting).insert({ organization: caller.organizationId!, reviewWindowHours: hours, updatedBy: caller.userId })
      .onConflict('organization').merge({ reviewWindowHours: hours, updatedBy: caller.userId, updatedAt: sql.now() }).execute();
    await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'VerificationSettings', resourceId: caller.organizationId, outcome: 'SUCCESS', reason: `review_window_hours:${hours}` });
  });
  return verificationSettings(service, caller);
}
