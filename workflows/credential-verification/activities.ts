// The I/O of credential verification, as the worker's database role: reading what a source is
// asked about (decrypted for the call only), asking it, recording each check with its evidence
// (encrypted like documents), reviews and their decisions, statuses, reminders. Every record is
// audited in its own transaction; mail goes through the one outbox, and the organization's webhook
// events (verification.completed, review.required, credential.expiring, credential.expired) are
// written in the transaction of the change that causes them.
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { systemCaller } from '../../domain/system-caller.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, type EntityManager, type MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption, OrganizationKeys } from '../../platform/field-encryption/data-keys.ts';
import { encryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { raw, sql, type RequiredEntityData } from '@mikro-orm/postgresql';
import { Credential, Physician, VerificationCheck, VerificationReview } from '../../subgraphs/credentials/entities/index.ts';
import { enqueueMail } from '../../platform/mail-outbox/outbox.ts';
import type { MailTemplateName, MailParameters } from '../../platform/mail-outbox/templates.ts';
import { enqueueWebhookEvent } from '../../platform/webhooks-out/events.ts';
import { tellCredentialingCycle } from '../credentialing-cycle/activities.ts';
import type { CheckResult, CheckSubject, CredentialType, SourceCheck, VerificationSources } from './sources/index.ts';
import {
  CREDENTIAL_VERIFICATION_WORKFLOW, verificationRequested, verificationWorkflowId,
  type DecidedReview, type ProviderResult, type ReviewResolution, type VerificationStatus, type VerificationTimings,
} from './shared.ts';

/** A physician-level screen against a list held in the database (the exclusion lists): same outcome shape as a source's. */
export interface ListScreen {
  name: string;
  screen(physician: { organizationId: string; physicianId: string }, subject: CheckSubject): Promise<Pick<SourceCheck, 'result' | 'problems'>>;
}

export interface CredentialVerificationDeps {
  orm: MikroORM;
  encryption: FieldEncryption;
  verification: {
    sources: VerificationSources;
    /** Screens run for every credential's physician (OIG LEIE, SAM.gov). */
    listScreens: ListScreen[];
    /** Screens physician files against the exclusion lists (a file's own screening, outside any credential's verification). */
    screenPhysicians?: (physicianIds: string[]) => Promise<void>;
    timings: VerificationTimings;
    /** Where the dispatcher starts the workflows (the worker's own task queue). */
    client: Client | null;
    taskQueue: string;
  };
}

export interface BegunVerification {
  removed: boolean;
  sources: string[];
  reviewReasons: string[];
  expiresOn: string | null;
}

export interface CheckOutcome {
  source: string;
  result: CheckResult;
  checkId: string;
}


/** An id made from the work it names, so a retried activity finds the row its first attempt wrote. */
function idFor(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const verificationCaller = (): Caller => systemCaller(`verification-${Context.current().info.workflowExecution?.workflowId ?? 'activity'}`);

interface CredentialRecord {
  organization_id: string;
  physician_id: string;
  type: CredentialType;
  status: VerificationStatus;
  expires_on: string | null;
  review_reasons: string[];
  removed: boolean;
}

/**
 * Whether the physician of the credential `c` has a credentialing file, read in the statement that
 * reads the credential: without one there is no cycle to tell when its verification settles.
 */
const HAS_CREDENTIALING_FILE = `exists(select 1 from credentials.credentialing_files f where f.organization_id = c.organization_id and f.physician_id = c.physician_id) as has_credentialing_file`;

async function credentialRecord(em: EntityManager, credentialId: string, lock = ''): Promise<(CredentialRecord & { has_credentialing_file: boolean }) | null> {
  // Raw SQL: the credential locked (when asked) with an exists() over another table, in one statement.
  const [row] = await em.execute<(CredentialRecord & { has_credentialing_file: boolean })[]>(
    `select c.organization_id, c.physician_id, c.type, c.status, c.expires_on::text as expires_on, c.review_reasons, c.removed_at is not null as removed, ${HAS_CREDENTIALING_FILE}
       from credentials.credentials c where c.id = ? ${lock}`,
    [credentialId],
  );
  return row ?? null;
}

/** The people a message goes to: members with the given roles and, when named, one user of the organization. */
async function contacts(em: EntityManager, organizationId: string, roles: string[], userId: string | null = null): Promise<string[]> {
  // Raw SQL: a SECURITY DEFINER function (memberships and emails are identity's).
  const rows = await em.execute<{ email: string }[]>(`select email from identity.organization_contacts(?, string_to_array(?, ',')::text[], ?) as email`, [organizationId, roles.join(','), userId]);
  return rows.map((row) => row.email);
}

async function mailTo<T extends MailTemplateName>(deps: CredentialVerificationDeps, em: EntityManager, organizationId: string, recipients: string[], template: T, parameters: MailParameters<T>) {
  for (const recipient of recipients) await enqueueMail(em, deps.encryption, { organizationId, recipient, template, parameters });
}

const STAFF = ['CREDENTIALING_STAFF'];
/** Verification workflows started (or signalled) at once by the dispatcher. */
const DISPATCH_CONCURRENCY = 20;
const ADMINS = ['ORG_ADMIN', 'ORG_OWNER'];

/** Records a check once (its id names its attempt or its webhook): whether this call recorded it. */
/** A source's response, sealed as its check's evidence (the entity's encrypted column). */
const sealEvidence = (em: EntityManager, keys: OrganizationKeys, checkId: string, body: Uint8Array) =>
  encryptedFields(em, keys, VerificationCheck).sealValue(checkId, 'evidence', body);

async function insertCheck(em: EntityManager, check: RequiredEntityData<VerificationCheck>): Promise<boolean> {
  const inserted = await em.createQueryBuilder(VerificationCheck).insert(check).onConflict('id').ignore().returning(['id']).execute<{ id: string }[]>('all');
  return inserted.length > 0;
}

export function createCredentialVerificationActivities(deps: CredentialVerificationDeps) {
  const { orm, encryption, verification } = deps;
  const transaction = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);

  /** What the sources are asked about, in the caller's transaction: the file as recorded, protected fields decrypted for this call only. */
  async function subjectOf(em: EntityManager, credentialId: string, lock = ''): Promise<{ record: CredentialRecord; subject: CheckSubject } | null> {
    const [row] = await em.execute<{
      organization_id: string; physician_id: string; type: CredentialType; status: VerificationStatus; number: Buffer; state: string | null; issuer: string;
      expires_on: string | null; issued_on: string | null; review_reasons: string[]; removed: boolean;
      given_name: string; family_name: string; npi: string; date_of_birth: Buffer | null;
    }[]>(
      `select c.organization_id, c.physician_id, c.type, c.status, c.number, c.state, c.issuer, c.expires_on::text as expires_on, c.issued_on::text as issued_on,
              c.review_reasons, c.removed_at is not null as removed, p.given_name, p.family_name, p.npi, p.date_of_birth
         from credentials.credentials c join credentials.physicians p on p.id = c.physician_id where c.id = ? ${lock}`,
      [credentialId],
    );
    if (!row) return null;
    const keys = await encryption.forOrganization(em, row.organization_id);
    return {
      record: { organization_id: row.organization_id, physician_id: row.physician_id, type: row.type, status: row.status, expires_on: row.expires_on, review_reasons: row.review_reasons, removed: row.removed },
      subject: {
        physician: {
          givenName: row.given_name, familyName: row.family_name, npi: row.npi,
          dateOfBirth: row.date_of_birth ? encryptedFields(em, keys, Physician).open(row.physician_id, 'dateOfBirth', row.date_of_birth) : null,
        },
        credential: {
          type: row.type, number: encryptedFields(em, keys, Credential).open(credentialId, 'number', row.number),
          state: row.state, issuer: row.issuer, expiresOn: row.expires_on, issuedOn: row.issued_on,
        },
      },
    };
  }

  /** The start of a run, in the caller's transaction: the credential locked, its status where checks begin. */
  async function beginRun(em: EntityManager, credentialId: string, record: CredentialRecord | null): Promise<BegunVerification> {
    if (!record || record.removed) return { removed: true, sources: [], reviewReasons: [], expiresOn: null };
    // Flagged at entry (a DEA number that fails its check) stays flagged while its sources are asked.
    // Raw SQL: the status follows the row's own reasons.
    await em.nativeUpdate(Credential, { id: credentialId }, { status: raw(`case when cardinality(review_reasons) > 0 then 'NEEDS_REVIEW' else 'PENDING' end`), nextReminderAt: null });
    const sources = [...verification.sources.sourcesFor(record.type).map((source) => source.name), ...verification.listScreens.map((screen) => screen.name)];
    return { removed: false, sources, reviewReasons: record.review_reasons, expiresOn: record.expires_on };
  }

  /** The checks of this attempt already recorded (by an earlier attempt), by check id. */
  async function storedChecks(em: EntityManager, checkIds: string[]): Promise<Map<string, CheckResult>> {
    const rows = await em.find(VerificationCheck, { id: { $in: checkIds } }, { fields: ['result'] });
    return new Map(rows.map((row) => [row.id, row.result]));
  }

  /**
   * Asks the sources not yet in `stored`, all at once, and records what each said with its
   * evidence, in one transaction; `found` is the file as read for them (null: it is gone).
   */
  async function askSources(
    input: { credentialId: string; sources: string[]; workflowRunId: string },
    checkIdOf: (source: string) => string,
    found: { record: CredentialRecord; subject: CheckSubject } | null,
    stored: Map<string, CheckResult>,
  ): Promise<CheckOutcome[]> {
    const context = Context.current();
    // The attempt's start already tells the server this worker is alive: heartbeats in the first
    // tenth of the heartbeat timeout (before each source's first attempt) would each be one more
    // round trip and state write on the server for every credential, and tell it nothing new.
    const startedAt = performance.now();
    const quietMs = (context.info.heartbeatTimeoutMs ?? 0) / 10;
    const heartbeat = (detail: unknown) => {
      if (performance.now() - startedAt >= quietMs) context.heartbeat(detail);
    };
    const pending = input.sources.filter((source) => !stored.has(checkIdOf(source)));
    if (pending.length > 0 && !found) return input.sources.map((source) => ({ source, result: 'NOT_FOUND', checkId: checkIdOf(source) }));
    type Answer = Pick<SourceCheck, 'result' | 'problems'> & { evidence?: SourceCheck['evidence'] };
    const answers = await Promise.all(pending.map(async (name): Promise<[string, Answer]> => {
      const { record, subject } = found!;
      const screen = verification.listScreens.find((candidate) => candidate.name === name);
      if (screen) {
        heartbeat(name);
        return [name, await screen.screen({ organizationId: record.organization_id, physicianId: record.physician_id }, subject)];
      }
      const source = verification.sources.sourcesFor(record.type).find((candidate) => candidate.name === name);
      if (!source) return [name, { result: 'MANUAL', problems: [{ field: 'source', code: 'NO_AUTOMATED_SOURCE' }] }];
      return [name, await source.check(subject, { heartbeat, signal: context.cancellationSignal })];
    }));
    if (answers.length > 0) {
      const { record } = found!;
      await transaction(async (em) => {
        const keys = await encryption.forOrganization(em, record.organization_id);
        const events = [];
        for (const [name, check] of answers) {
          const checkId = checkIdOf(name);
          const evidence = check.evidence ?? null;
          const inserted = await insertCheck(em, {
            id: checkId, organization: record.organization_id, credential: input.credentialId, workflowRunId: input.workflowRunId, source: name, result: check.result,
            // Only which field and why: the values compared are in the evidence, encrypted.
            problems: check.problems.map((problem) => ({ field: problem.field, code: problem.code })),
            evidence: evidence ? sealEvidence(em, keys, checkId, evidence.body) : null,
            evidenceSha256: evidence ? Buffer.from(evidence.sha256, 'hex') : null,
            evidenceContentType: evidence?.contentType?.slice(0, 100) ?? null,
            evidenceUrl: evidence?.url.slice(0, 2000) ?? null,
          });
          if (inserted) {
            events.push({
              organizationId: record.organization_id, action: 'CREATE' as const, resourceType: 'VerificationCheck' as const, resourceId: checkId, outcome: 'SUCCESS' as const,
              reason: `check:${name.toLowerCase()}:${check.result.toLowerCase()}`,
            });
          }
          stored.set(checkId, check.result);
        }
        await recordAudit(em, verificationCaller(), events);
      });
    }
    return input.sources.map((source) => ({ source, result: stored.get(checkIdOf(source))!, checkId: checkIdOf(source) }));
  }

  /** Each source's check id for this attempt: a retried attempt finds the rows its first one wrote. */
  const checkIdsOf = (input: { credentialId: string; workflowRunId: string }) => {
    const { activityId } = Context.current().info;
    return (source: string) => idFor('check', input.workflowRunId, input.credentialId, source, activityId);
  };

  /** A verification settled (after its commit): the physician's credentialing cycle assesses its file again. */
  const settledFor = async (record: { organization_id: string; physician_id: string; has_credentialing_file: boolean }, credentialId: string, status: VerificationStatus) => {
    // Without a credentialing file there is no cycle to tell, and no signal that Temporal answers
    // not-found after looking the workflow up, for every verification.
    if (!record.has_credentialing_file) return;
    await tellCredentialingCycle(verification.client, { organizationId: record.organization_id, physicianId: record.physician_id, credentialId, status });
  };

  return {
    /**
     * Run by the `verification-dispatch` schedule: every credential whose verification was asked
     * for and not yet handed to its workflow is, oldest first. Starting twice is safe: a running
     * workflow takes the request as a signal and starts its checks over.
     */
    async dispatchVerificationRequests(input: { limit: number; organizationId?: string | null }): Promise<{ dispatched: number; more: boolean }> {
      if (!verification.client) throw new Error('the worker was built without a Temporal client for dispatching verifications');
      const client = verification.client;
      return transaction(async (em) => {
        // Raw SQL: a column compared with another column's value and a correlated subquery, in one locked statement.
        const rows = await em.execute<{ id: string; organization_id: string; requested_at: string; review_window_hours: number | null }[]>(
          `select c.id, c.organization_id, ${isoTimestamp('c.verification_requested_at')} as requested_at,
                  (select s.review_window_hours from credentials.verification_settings s where s.organization_id = c.organization_id) as review_window_hours
             from credentials.credentials c
            where c.removed_at is null and c.verification_requested_at is not null
              and (c.verification_dispatched_at is null or c.verification_dispatched_at < c.verification_requested_at)
              and (?::uuid is null or c.organization_id = ?::uuid)
            order by c.verification_requested_at limit ? for update of c skip locked`,
          [input.organizationId ?? null, input.organizationId ?? null, input.limit + 1],
        );
        const batch = rows.slice(0, input.limit);
        // Handed over a few at a time: each is a round trip to Temporal, and the batch holds its rows locked.
        for (let start = 0; start < batch.length; start += DISPATCH_CONCURRENCY) {
          const group = batch.slice(start, start + DISPATCH_CONCURRENCY);
          Context.current().heartbeat(start);
          await Promise.all(group.map((row) => client.workflow.signalWithStart(CREDENTIAL_VERIFICATION_WORKFLOW, {
            workflowId: verificationWorkflowId(row.id),
            taskQueue: verification.taskQueue,
            // The organization's own review window, when it set one.
            args: [{ organizationId: row.organization_id, credentialId: row.id, timings: row.review_window_hours ? { ...verification.timings, reviewWindowMs: row.review_window_hours * 3600_000 } : verification.timings }],
            signal: verificationRequested,
            signalArgs: [{ requestedAt: row.requested_at }],
          })));
        }
        if (batch.length > 0) {
          await em.nativeUpdate(Credential, { id: { $in: batch.map((row) => row.id) } }, { verificationDispatchedAt: raw('verification_requested_at') });
        }
        return { dispatched: batch.length, more: rows.length > input.limit };
      });
    },

    /**
     * Run by the same schedule: physician files whose screening against the exclusion lists was
     * asked for (a new file, a new name or date of birth) are screened, oldest request first.
     */
    async screenRequestedPhysicians(input: { limit: number; organizationId?: string | null }): Promise<{ screened: number; more: boolean }> {
      if (!verification.screenPhysicians) return { screened: 0, more: false };
      // Raw SQL: a column compared with another column of the same row.
      const rows = await orm.em.fork().execute<{ physician_id: string; organization_id: string }[]>(
        `select physician_id, organization_id from credentials.physician_screenings
          where requested_at is not null and requested_at >= screened_at and (?::uuid is null or organization_id = ?::uuid)
          order by requested_at limit ?`,
        [input.organizationId ?? null, input.organizationId ?? null, input.limit + 1],
      );
      const batch = rows.slice(0, input.limit);
      if (batch.length > 0) await verification.screenPhysicians(batch.map((row) => row.physician_id));
      // A new standing may be what a credentialing file waited for.
      for (const row of batch) {
        await tellCredentialingCycle(verification.client, { organizationId: row.organization_id, physicianId: row.physician_id, credentialId: null, status: 'SCREENED' });
      }
      return { screened: batch.length, more: rows.length > input.limit };
    },

    /** The start of a run, as a local activity of its own (runs recorded before `beginChecks`): which sources to ask, and what the credential carries already. */
    async beginVerification(input: { credentialId: string; workflowRunId: string }): Promise<BegunVerification> {
      return transaction(async (em) => beginRun(em, input.credentialId, await credentialRecord(em, input.credentialId, 'for update')));
    },

    /**
     * Asks the given sources about the credential, all at once, and records what each said with
     * its evidence, in one transaction. The file is read (and decrypted) once for them all. A
     * retried attempt finds the checks its first attempt recorded and does not ask those again.
     */
    async runChecks(input: { credentialId: string; sources: string[]; workflowRunId: string }): Promise<CheckOutcome[]> {
      const checkIdOf = checkIdsOf(input);
      const stored = await storedChecks(orm.em.fork(), input.sources.map(checkIdOf));
      const found = input.sources.some((source) => !stored.has(checkIdOf(source))) ? await transaction((em) => subjectOf(em, input.credentialId)) : null;
      return askSources(input, checkIdOf, found, stored);
    },

    /**
     * The start of a run and its first checks in one activity (one transaction to begin, one to
     * record): which sources to ask, what the credential carries already, and what each source said.
     */
    async beginChecks(input: { credentialId: string; workflowRunId: string }): Promise<BegunVerification & { outcomes: CheckOutcome[] }> {
      const checkIdOf = checkIdsOf(input);
      const begun = await transaction(async (em) => {
        const found = await subjectOf(em, input.credentialId, 'for update of c');
        const run = await beginRun(em, input.credentialId, found?.record ?? null);
        return { run, found, stored: run.removed ? new Map<string, CheckResult>() : await storedChecks(em, run.sources.map(checkIdOf)) };
      });
      if (begun.run.removed) return { ...begun.run, outcomes: [] };
      return { ...begun.run, outcomes: await askSources({ ...input, sources: begun.run.sources }, checkIdOf, begun.found, begun.stored) };
    },

    /**
     * A provider's result (a signed webhook) recorded as a check of this run, its body kept as the
     * evidence. The check is named after the webhook id, so a result delivered twice is recorded once.
     */
    async recordProviderCheck(input: { credentialId: string; workflowRunId: string; providerResult: ProviderResult }): Promise<CheckOutcome> {
      const { providerResult } = input;
      const checkId = idFor('provider-check', input.credentialId, providerResult.webhookId);
      const outcome: CheckOutcome = { source: providerResult.source, result: providerResult.result, checkId };
      const body = Buffer.from(providerResult.bodyBase64, 'base64');
      return transaction(async (em) => {
        const record = await credentialRecord(em, input.credentialId);
        if (!record) return outcome;
        const keys = await encryption.forOrganization(em, record.organization_id);
        const inserted = await insertCheck(em, {
          id: checkId, organization: record.organization_id, credential: input.credentialId, workflowRunId: input.workflowRunId, source: providerResult.source, result: providerResult.result,
          problems: providerResult.problems.map((problem) => ({ field: problem.field, code: problem.code })),
          evidence: sealEvidence(em, keys, checkId, body), evidenceSha256: createHash('sha256').update(body).digest(),
          evidenceContentType: 'application/json', evidenceUrl: `webhook:verification:${providerResult.webhookId}`,
        });
        if (!inserted) return outcome;
        await recordAudit(em, verificationCaller(), {
          organizationId: record.organization_id, action: 'CREATE', resourceType: 'VerificationCheck' as const, resourceId: checkId, outcome: 'SUCCESS',
          reason: `provider_check:${providerResult.source.toLowerCase()}:${providerResult.result.toLowerCase()}`,
        });
        return outcome;
      });
    },

    /** A status the checks reached, and (once verified) when the first expiry reminder goes out. */
    async recordStatus(input: { credentialId: string; status: Extract<VerificationStatus, 'VERIFIED' | 'SOURCE_UNAVAILABLE'>; nextReminderAt?: string | null }): Promise<void> {
      const settled = await transaction(async (em) => {
        const record = await credentialRecord(em, input.credentialId, 'for update');
        if (!record) return null;
        // The row is locked: its status as read is the one this changes, in one statement with the reminder.
        const changed = record.status !== input.status;
        const changes = {
          ...(input.nextReminderAt !== undefined ? { nextReminderAt: input.nextReminderAt === null ? null : new Date(input.nextReminderAt) } : {}),
          ...(changed ? { status: input.status, ...(input.status === 'VERIFIED' ? { verifiedAt: sql.now() } : {}) } : {}),
        };
        if (Object.keys(changes).length > 0) await em.nativeUpdate(Credential, { id: input.credentialId }, changes);
        if (changed) {
          await recordAudit(em, verificationCaller(), {
            organizationId: record.organization_id, action: 'UPDATE', resourceType: 'Credential', resourceId: input.credentialId, outcome: 'SUCCESS', reason: `verification:${input.status.toLowerCase()}`,
          });
          if (input.status === 'VERIFIED') {
            await enqueueWebhookEvent(em, {
              organizationId: record.organization_id, type: 'verification.completed',
              data: { credentialId: input.credentialId, physicianId: record.physician_id, credentialType: record.type, status: 'VERIFIED' },
            });
          }
        }
        return changed && input.status === 'VERIFIED' ? record : null;
      });
      if (settled) await settledFor(settled, input.credentialId, input.status);
    },

    /** Opens the review a run's doubt needs (one per run), and tells the organization's credentialing staff. */
    async openReview(input: { credentialId: string; workflowRunId: string; reasons: string[] }): Promise<string> {
      const reviewId = idFor('review', input.workflowRunId, input.credentialId);
      return transaction(async (em) => {
        const record = await credentialRecord(em, input.credentialId, 'for update');
        if (!record) return reviewId;
        const inserted = await em.createQueryBuilder(VerificationReview)
          .insert({ id: reviewId, organization: record.organization_id, credential: input.credentialId, workflowRunId: input.workflowRunId, reasons: input.reasons })
          .onConflict('id').ignore()
          .returning(['id'])
          .execute<{ id: string }[]>('all');
        if (inserted.length === 0) return reviewId;
        await em.nativeUpdate(Credential, { id: input.credentialId }, { status: 'NEEDS_REVIEW' });
        await recordAudit(em, verificationCaller(), {
          organizationId: record.organization_id, action: 'CREATE', resourceType: 'VerificationReview', resourceId: reviewId, outcome: 'SUCCESS', reason: 'review:opened',
        });
        await mailTo(deps, em, record.organization_id, await contacts(em, record.organization_id, STAFF), 'verification_review', { reasons: input.reasons.length });
        await enqueueWebhookEvent(em, {
          organizationId: record.organization_id, type: 'review.required',
          data: { reviewId, credentialId: input.credentialId, physicianId: record.physician_id, reasons: input.reasons },
        });
        return reviewId;
      });
    },

    /** No decision within the review window: the organization's admins are told. */
    async escalateReview(input: { reviewId: string }): Promise<void> {
      await transaction(async (em) => {
        const [escalated] = await em.createQueryBuilder(VerificationReview)
          .update({ escalatedAt: sql.now() })
          .where({ id: input.reviewId, escalatedAt: null, decidedAt: null })
          .returning(['organization'])
          .execute<{ organization: string }[]>('all');
        if (!escalated) return;
        const review = { organization_id: escalated.organization };
        await recordAudit(em, verificationCaller(), {
          organizationId: review.organization_id, action: 'UPDATE', resourceType: 'VerificationReview', resourceId: input.reviewId, outcome: 'SUCCESS', reason: 'review:escalated',
        });
        await mailTo(deps, em, review.organization_id, await contacts(em, review.organization_id, ADMINS), 'verification_escalation', {});
      });
    },

    /** A reviewer's decision, recorded once with who, when and why; the credential follows it. */
    async recordReviewDecision(input: ReviewResolution & { credentialId: string }): Promise<DecidedReview> {
      const status: VerificationStatus = input.decision === 'APPROVED' ? 'VERIFIED' : 'REJECTED';
      const reviewer: Caller = { ...input.reviewer, sessionId: null };
      const decided = await transaction(async (em) => {
        const [review] = await em.createQueryBuilder(VerificationReview)
          .update({ decision: input.decision, reasonCode: input.reasonCode, decidedBy: input.reviewer.userId, decidedByRole: input.reviewer.role, decidedAt: sql.now() })
          .where({ id: input.reviewId, credential: input.credentialId, decidedAt: null })
          .returning(['organization', 'decidedAt'])
          .execute<{ organization: string; decidedAt: Date }[]>('all');
        if (!review) {
          // A retried attempt: the decision it made is there.
          const stored = await em.findOneOrFail(VerificationReview, input.reviewId, { fields: ['decision', 'decidedAt'] });
          return { reviewId: input.reviewId, credentialId: input.credentialId, decision: stored.decision as DecidedReview['decision'], decidedAt: stored.decidedAt!.toISOString(), status };
        }
        const [credential] = await em.createQueryBuilder(Credential)
          .update({ status, ...(status === 'VERIFIED' ? { verifiedAt: sql.now() } : {}) })
          .where({ id: input.credentialId })
          .returning(['physician', 'type'])
          .execute<{ physician: string; type: string }[]>('all');
        await recordAudit(em, reviewer, {
          organizationId: review.organization, action: 'UPDATE', resourceType: 'VerificationReview', resourceId: input.reviewId, outcome: 'SUCCESS',
          reason: `review:${input.decision.toLowerCase()}:${input.reasonCode}`,
        });
        if (credential) {
          await enqueueWebhookEvent(em, {
            organizationId: review.organization, type: 'verification.completed',
            data: { credentialId: input.credentialId, physicianId: credential.physician, credentialType: credential.type, status: status === 'VERIFIED' ? 'VERIFIED' : 'REJECTED' },
          });
        }
        return { reviewId: input.reviewId, credentialId: input.credentialId, decision: input.decision, decidedAt: review.decidedAt.toISOString(), status };
      });
      const record = await orm.em.fork().transactional((em) => credentialRecord(em, input.credentialId));
      if (record) await settledFor(record, input.credentialId, status);
      return decided;
    },

    /** A new request replaced the run that opened this review: it closes without a decision. */
    async supersedeReview(input: { reviewId: string }): Promise<void> {
      await transaction(async (em) => {
        await em.nativeUpdate(VerificationReview, { id: input.reviewId, decidedAt: null }, { decision: 'SUPERSEDED', decidedAt: sql.now() });
      });
    },

    async recordNextReminder(input: { credentialId: string; nextReminderAt: string | null }): Promise<void> {
      await transaction((em) => em.nativeUpdate(Credential, { id: input.credentialId }, { nextReminderAt: input.nextReminderAt === null ? null : new Date(input.nextReminderAt) }));
    },

    /**
     * An expiry reminder to the credentialing staff and the physician, with the days actually left.
     * Sent once per due reminder: the attempt that sends it records when, and a retried attempt
     * within the hour finds it sent.
     */
    async sendExpiryReminder(input: { credentialId: string }): Promise<void> {
      await transaction(async (em) => {
        // Raw SQL: an update joined to the physician, returning what the mail needs (days left by the database's date).
        const [row] = await em.execute<{ organization_id: string; physician_id: string; type: string; expires_on: string; days_left: number; user_id: string | null }[]>(
          `update credentials.credentials c set next_reminder_at = null, reminded_at = now() from credentials.physicians p
            where c.id = ? and p.id = c.physician_id and c.removed_at is null and (c.reminded_at is null or c.reminded_at < now() - interval '1 hour')
          returning c.organization_id, c.physician_id, c.type, c.expires_on::text as expires_on, c.expires_on - current_date as days_left, p.user_id`,
          [input.credentialId],
        );
        if (!row) return;
        await mailTo(deps, em, row.organization_id, await contacts(em, row.organization_id, STAFF, row.user_id), 'credential_expiring', {
          credentialType: row.type, days: row.days_left, expiresOn: row.expires_on,
        });
        await enqueueWebhookEvent(em, {
          organizationId: row.organization_id, type: 'credential.expiring',
          data: { credentialId: input.credentialId, physicianId: row.physician_id, credentialType: row.type, daysLeft: row.days_left },
        });
      });
    },

    async markExpired(input: { credentialId: string }): Promise<void> {
      const expired = await transaction(async (em) => {
        // Raw SQL: an update joined to the physician, returning what the mails and the cycle need, in one statement.
        const [row] = await em.execute<{ organization_id: string; physician_id: string; type: string; expires_on: string; user_id: string | null; has_credentialing_file: boolean }[]>(
          `update credentials.credentials c set status = 'EXPIRED', next_reminder_at = null from credentials.physicians p
            where c.id = ? and p.id = c.physician_id and c.status <> 'EXPIRED' and c.removed_at is null
          returning c.organization_id, c.physician_id, c.type, c.expires_on::text as expires_on, p.user_id, ${HAS_CREDENTIALING_FILE}`,
          [input.credentialId],
        );
        if (!row) return null;
        await recordAudit(em, verificationCaller(), {
          organizationId: row.organization_id, action: 'UPDATE', resourceType: 'Credential', resourceId: input.credentialId, outcome: 'SUCCESS', reason: 'verification:expired',
        });
        await enqueueWebhookEvent(em, {
          organizationId: row.organization_id, type: 'credential.expired',
          data: { credentialId: input.credentialId, physicianId: row.physician_id, credentialType: row.type },
        });
        await mailTo(deps, em, row.organization_id, await contacts(em, row.organization_id, STAFF, row.user_id), 'credential_expired', {
          credentialType: row.type, expiresOn: row.expires_on,
        });
        return row;
      });
      if (expired) await settledFor(expired, input.credentialId, 'EXPIRED');
    },
  };
}

export type CredentialVerificationActivities = ReturnType<typeof createCredentialVerificationActivities>;
