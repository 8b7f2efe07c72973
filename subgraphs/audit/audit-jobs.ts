// Background audit jobs: a chain verification or an export too long for one request, asked for
// here (a row written and audited with the request, its workflow started after the commit, or by
// the worker's sweep when Temporal does not answer) and polled until it is done. An export job's
// download link is made at each read of it, and each is audited as an export.
import { randomUUID } from 'node:crypto';
import { sql } from '@mikro-orm/postgresql';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authorize.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { readPage, type ListOrder } from '../../platform/pagination.ts';
import { signedDownloadUrl } from '../../platform/signed-urls.ts';
import { readChainStart, readKnownEnd } from '../../platform/audit-event-store.ts';
import type { Resolvers } from '../../schema/generated/audit-resolvers.ts';
import { startAuditJobWorkflow } from '../../workflows/audit-jobs/activities.ts';
import type { AuditJobKind, ChainVerificationParameters, ChainVerificationResult, ExportParameters, ExportResult } from '../../workflows/audit-jobs/shared.ts';
import { AuditJob } from './entities/index.ts';
import { EXPORT_LINK_MINUTES } from './exports.ts';
import { runInOrganization, type AuditService } from './service.ts';
import { temporalAnswers } from '../../platform/workflow-starts.ts';

const AUDIT_LOG = { type: 'AuditLog' } as const;

/** AUDIT_RANGE_TOO_LARGE: a range of more events than one request may work through. */
export function rangeTooLarge(events: number, limit: number, useInstead: string): AppError {
  return new AppError('AUDIT_RANGE_TOO_LARGE', `The range holds ${events} events, more than the ${limit} one request may work through; use ${useInstead} and poll auditJob`, { events, limit, useInstead });
}

/** How many events a verification of [fromSequence, toSequence] works through (as verifyStoredChain bounds it). */
export async function eventsInSequenceRange(em: EntityManager, organizationId: string, range: { fromSequence?: number | null; toSequence?: number | null }): Promise<number> {
  const start = await readChainStart(em, organizationId);
  const from = Math.max(range.fromSequence ?? 1, start.seq + 1);
  const knownEnd = await readKnownEnd(em, organizationId);
  const to = Math.min(range.toSequence ?? knownEnd, knownEnd);
  return Math.max(0, to - from + 1);
}

interface JobRow {
  id: string;
  kind: AuditJobKind;
  parameters: ChainVerificationParameters | ExportParameters;
  status: string;
  eventsDone: number;
  eventsTotal: number | null;
  result: ChainVerificationResult | ExportResult | null;
  failure: string | null;
  contentKey: Buffer | null;
  fileExpiresAt: string | null;
  requestedBy: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A job read through the ORM, in the shape the list's SQL reads it (timestamps as ISO 8601 text). */
function jobRowOf(job: AuditJob): JobRow {
  const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;
  return {
    id: job.id, kind: job.kind, parameters: job.parameters as JobRow['parameters'], status: job.status, eventsDone: job.eventsDone, eventsTotal: job.eventsTotal ?? null,
    result: (job.result ?? null) as JobRow['result'], failure: job.failure ?? null, contentKey: (job.contentKey ?? null) as Buffer | null, fileExpiresAt: iso(job.fileExpiresAt),
    requestedBy: job.requestedBy ?? null, requestedAt: iso(job.requestedAt)!, startedAt: iso(job.startedAt), finishedAt: iso(job.finishedAt),
  };
}

const JOB_COLUMNS = `id::text, kind, parameters, status, events_done::float8 as "eventsDone", events_total::float8 as "eventsTotal", result, failure,
  content_key as "contentKey", ${isoTimestamp('file_expires_at')} as "fileExpiresAt", requested_by::text as "requestedBy",
  ${isoTimestamp('requested_at')} as "requestedAt", ${isoTimestamp('started_at')} as "startedAt", ${isoTimestamp('finished_at')} as "finishedAt"`;

/** What an export job's file needs for its link, kept off the graph (AuditJobExport's parent). */
interface JobExportView {
  jobId: string;
  storageKey: string;
  contentKey: Buffer | null;
  fileExpiresAt: string;
  format: ExportParameters['format'];
  eventCount: number;
  bytes: number;
  sha256: string;
  /** The link made for this read; absent once the file has expired. */
  link?: { url: string; expiresAt: Date };
}

function toGraphQL(row: JobRow) {
  const succeeded = row.status === 'SUCCEEDED';
  const verification = row.kind === 'CHAIN_VERIFICATION' ? (row.parameters as ChainVerificationParameters) : null;
  const exported = row.kind === 'EXPORT' ? (row.parameters as ExportParameters) : null;
  const file = succeeded && exported ? (row.result as ExportResult) : null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED',
    progress: { eventsDone: row.eventsDone, eventsTotal: row.eventsTotal },
    fromSequence: verification?.fromSequence ?? null,
    toSequence: verification?.toSequence ?? null,
    from: exported?.from ?? null,
    to: exported?.to ?? null,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    verification: succeeded && verification ? (row.result as ChainVerificationResult) : null,
    export: file && exported
      ? ({ jobId: row.id, storageKey: file.storageKey, contentKey: row.contentKey, fileExpiresAt: row.fileExpiresAt!, format: exported.format, eventCount: file.eventCount, bytes: file.bytes, sha256: file.sha256 } satisfies JobExportView)
      : null,
    failure: row.failure,
  };
}


/** Writes the job and its audit event in one transaction, then starts its workflow (or leaves it to the sweep). */
async function requestJob(service: AuditService, caller: Caller, kind: AuditJobKind, parameters: ChainVerificationParameters | ExportParameters) {
  const row = await runInOrganization(service, caller, async (em, organizationId) => {
    // One insert, which reads back the columns the database fills.
    const job = em.create(AuditJob, { id: randomUUID(), organizationId, kind, parameters, result: null, requestedBy: caller.userId });
    await em.flush();
    await recordAudit(em, caller, { action: 'CREATE', resourceType: 'AuditJob', resourceId: job.id, outcome: 'SUCCESS', reason: `kind:${kind.toLowerCase()}` });
    return jobRowOf(job);
  });
  const workflows = service.incidentWorkflows;
  if (workflows && (await temporalAnswers(workflows.client))) {
    try {
      await startAuditJobWorkflow(workflows.client, workflows.taskQueue, row.id);
      await runInOrganization(service, caller, (em) => em.nativeUpdate(AuditJob, { id: row.id, workflowStartedAt: null }, { workflowStartedAt: sql.now() }));
    } catch (error) {
      service.logger.warn({ err: error, auditJobId: row.id }, 'an audit job workflow could not be started; the sweep starts it');
    }
  }
  return toGraphQL(row);
}

const JOBS_ORDER: ListOrder = { list: 'auditJobs', keys: [{ sql: 'requested_at', kind: 'timestamp' }, { sql: 'id', kind: 'uuid' }], direction: 'DESC' };

export function auditJobResolvers(service: AuditService): Resolvers {
  return {
    AuditJobExport: {
      // Made at each read, and each read is audited as an export of the log.
      downloadUrl: (file) => (file as unknown as JobExportView).link?.url ?? null,
      expiresAt: (file) => (file as unknown as JobExportView).link?.expiresAt ?? null,
    },
    Query: {
      auditJob: async (_parent, args, { caller }) => {
        await authorize(service, caller, 'audit.read', AUDIT_LOG);
        if (!isUuid(args.id)) return null;
        const job = await runInOrganization(service, caller, async (em) => {
          const row = await em.findOne(AuditJob, { id: args.id });
          return row ? toGraphQL(jobRowOf(row)) : null;
        });
        if (job?.export) await auditLinkRead(caller, job.export);
        return job;
      },
      auditJobs: async (_parent, args, { caller }) => {
        const page = await readPage(JOBS_ORDER, args, async (keyset) => {
          await authorize(service, caller, 'audit.read', AUDIT_LOG);
          // Raw SQL: the keyset page (platform/pagination.ts) is SQL, as every list's.
          return runInOrganization(service, caller, (em, organizationId) => em.execute<JobRow[]>(
            `select ${JOB_COLUMNS}${keyset.keyColumns} from audit.audit_jobs where organization_id = ?${keyset.where} ${keyset.orderBy}`,
            [organizationId, ...keyset.params],
          ));
        }, toGraphQL);
        for (const node of page.nodes) if (node.export) await auditLinkRead(caller, node.export);
        return page;
      },
    },
    Mutation: {
      startAuditChainVerification: async (_parent, args, { caller }) => {
        const { fromSequence, toSequence } = args;
        if ((fromSequence ?? 1) < 1 || (toSequence ?? 1) < 1) throw badUserInput('sequences start at 1');
        if (fromSequence && toSequence && fromSequence > toSequence) throw badUserInput('fromSequence must not be after toSequence');
        await authorize(service, caller, 'audit.verify.background', AUDIT_LOG);
        return requestJob(service, caller, 'CHAIN_VERIFICATION', { fromSequence: fromSequence ?? null, toSequence: toSequence ?? null });
      },
      startAuditExport: async (_parent, args, { caller }) => {
        const to = args.to ?? new Date();
        if (args.from && args.from >= to) throw badUserInput(args.to ? 'from must be before to' : 'from must be in the past');
        await authorize(service, caller, 'audit.export', AUDIT_LOG);
        return requestJob(service, caller, 'EXPORT', { from: args.from?.toISOString() ?? null, to: to.toISOString(), format: args.format });
      },
    },
  };

  function linkOf(view: JobExportView): { url: string; expiresAt: Date } {
    const { publicUrl, urlSigningSecret } = service.config.downloads;
    const fileExpiresAt = new Date(view.fileExpiresAt);
    const expiresAt = new Date(Math.min(Date.now() + EXPORT_LINK_MINUTES * 60_000, fileExpiresAt.getTime()));
    return { url: signedDownloadUrl({ publicUrl, secret: urlSigningSecret, key: view.storageKey, expiresAt, contentKey: view.contentKey! }), expiresAt };
  }

  /** A job read whose file can still be downloaded hands out a link: audited as the export it is. */
  async function auditLinkRead(caller: Caller, view: JobExportView): Promise<void> {
    if (!view.contentKey || new Date(view.fileExpiresAt).getTime() <= Date.now()) return;
    view.link = linkOf(view);
    await runInOrganization(service, caller, (em) =>
      recordAudit(em, caller, { action: 'EXPORT', resourceType: 'AuditLog', resourceId: view.jobId, outcome: 'SUCCESS', reason: `format:${view.format.toLowerCase()}` }));
  }
}
