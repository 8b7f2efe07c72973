// The work of background audit jobs, as the worker's database role. A chain verification reads
// the chain one chunk of sequences at a time, each with a verifier that starts where the last
// chunk ended; the state between chunks (the link, the counts) is both the activity's heartbeat
// and the job's progress, so a retry after a worker restart resumes at the next chunk. An export
// streams the same contents as exportAuditLog into a sealed file, recording its progress every
// chunk; a retry writes the file again (a partial file is never handed out: only a finished one
// is recorded).
import { createHash, randomUUID } from 'node:crypto';
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { createChainVerifier, type ChainEvent, type ChainReport } from '../../domain/audit-chain.ts';
import { EXPORT_EXTENSIONS, writeExport } from '../../domain/audit-export-format.ts';
import { readCheckpoints, readEventWindows, readExportContents, readKnownEnd, readLinkBefore, readPublicKeys } from '../../platform/audit-event-store.ts';
import type { EntityManager, MikroORM } from '../../platform/database/orm.ts';
import { newFileKey, sealedFolder, sealFile } from '../../platform/field-encryption/sealed-files.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Storage } from '../../platform/storage.ts';
import { AuditJob } from '../../subgraphs/audit/entities/index.ts';
import {
  AUDIT_JOB_FILE_HOURS, AUDIT_JOB_WORKFLOW, auditJobWorkflowId,
  type AuditJobKind, type ChainVerificationParameters, type ExportParameters, type ExportResult,
} from './shared.ts';

export const DEFAULT_AUDIT_JOB_CHUNK_EVENTS = 10_000;

export interface AuditJobDeps {
  orm: MikroORM;
  storage?: Storage;
  logger?: Logger;
  /** Where the sweep starts workflows that a request could not (the worker's own client and task queue). */
  verification: { client: Client | null; taskQueue: string };
  /** AUDIT_JOB_CHUNK_EVENTS: events between two progress records. */
  auditJobs?: { chunkEvents: number };
}

interface JobRow {
  id: string;
  organizationId: string;
  kind: AuditJobKind;
  parameters: ChainVerificationParameters | ExportParameters;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  requestedBy: string | null;
}

/** Where a verification stands between two chunks (its heartbeat). */
interface VerificationState {
  startSeq: number;
  end: number;
  /** The first sequence the next chunk reads. */
  next: number;
  /** The last event that verified (or the link before the range): where the next chunk's verifier starts. */
  link: { seq: number; hash: string };
  checkedEvents: number;
  checkedCheckpoints: number;
}

export function createAuditJobActivities(deps: AuditJobDeps) {
  const { orm } = deps;
  const chunkEvents = deps.auditJobs?.chunkEvents ?? DEFAULT_AUDIT_JOB_CHUNK_EVENTS;
  const transaction = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);
  const recordProgress = (jobId: string, eventsDone: number) =>
    transaction((em) => em.nativeUpdate(AuditJob, { id: jobId, status: 'RUNNING' }, { eventsDone }));

  const recordTotal = (jobId: string, eventsTotal: number) =>
    transaction((em) => em.nativeUpdate(AuditJob, { id: jobId }, { eventsTotal }));

  async function finish(jobId: string, result: ChainReport | ExportResult, file?: { contentKey: Buffer; expiresAt: Date; organizationId: string; requestedBy: string | null }) {
    await transaction(async (em) => {
      if (file) {
        // Raw SQL: the ORM's insert reads back the columns the database fills (returning), which the
        // worker, allowed to insert export files only, may not read.
        await em.execute(`insert into audit.exports (id, organization_id, requested_by, status, storage_key, expires_at) values (?, ?, ?, 'READY', ?, ?)`,
          [randomUUID(), file.organizationId, file.requestedBy, (result as ExportResult).storageKey, file.expiresAt.toISOString()]);
      }
      await em.nativeUpdate(AuditJob, { id: jobId }, {
        status: 'SUCCEEDED', result, finishedAt: sql.now(), contentKey: file?.contentKey ?? null, fileExpiresAt: file?.expiresAt ?? null,
        eventsDone: raw('coalesce(events_total, events_done)'),
      });
    });
  }

  async function verifyChain(job: JobRow): Promise<void> {
    const parameters = job.parameters as ChainVerificationParameters;
    const em = orm.em.fork();
    const organizationId = job.organizationId;
    let state = Context.current().info.heartbeatDetails as VerificationState | undefined;
    if (!state) {
      const link = await readLinkBefore(em, organizationId, parameters.fromSequence ?? 1);
      const knownEnd = await readKnownEnd(em, organizationId);
      const end = parameters.toSequence === null ? knownEnd : Math.min(parameters.toSequence, knownEnd);
      state = { startSeq: link.seq, end, next: link.seq + 1, link, checkedEvents: 0, checkedCheckpoints: 0 };
      await recordTotal(job.id, Math.max(0, end - link.seq));
    }
    const keys = await readPublicKeys(em);
    for (;;) {
      const last = Math.min(state.next + chunkEvents - 1, state.end);
      const final = last >= state.end;
      const verifier = createChainVerifier(state.link, await readCheckpoints(em, organizationId, state.next, final && parameters.toSequence === null ? null : last), keys);
      for await (const events of readEventWindows(em, organizationId, state.next, last, chunkEvents)) if (!verifier.pushAll(events)) break;
      const link = verifier.lastVerified();
      const report = verifier.report(final ? { seq: state.end } : undefined);
      state = { ...state, next: last + 1, link, checkedEvents: state.checkedEvents + report.checkedEvents, checkedCheckpoints: state.checkedCheckpoints + report.checkedCheckpoints };
      if (!report.valid || final) {
        await finish(job.id, { ...report, checkedEvents: state.checkedEvents, checkedCheckpoints: state.checkedCheckpoints });
        return;
      }
      Context.current().heartbeat(state);
      await recordProgress(job.id, Math.max(0, last - state.startSeq));
    }
  }

  async function exportLog(job: JobRow): Promise<void> {
    const parameters = job.parameters as ExportParameters;
    const storage = deps.storage;
    if (!storage) throw ApplicationFailure.nonRetryable('the worker has no STORAGE_DIR to write audit exports to', 'AUDIT_JOB_NO_STORAGE');
    const organizationId = job.organizationId;
    const contentKey = newFileKey();
    const digest = createHash('sha256');
    let bytes = 0;
    let eventCount = 0;
    const { key } = await transaction(async (em) => {
      const contents = await readExportContents(em, organizationId, { from: parameters.from ? new Date(parameters.from) : null, to: new Date(parameters.to) }, chunkEvents);
      // Outside this transaction, which must hold no lock on the job's row: progress is recorded beside it.
      await recordTotal(job.id, contents.eventCount);
      eventCount = contents.eventCount;
      async function* counted(events: AsyncIterable<ChainEvent>) {
        let done = 0;
        for await (const event of events) {
          yield event;
          done += 1;
          if (done % chunkEvents === 0) {
            Context.current().heartbeat({ eventsDone: done });
            await recordProgress(job.id, done);
          }
        }
      }
      async function* measured(chunks: AsyncIterable<string>) {
        for await (const chunk of chunks) {
          const data = Buffer.from(chunk, 'utf8');
          digest.update(data);
          bytes += data.length;
          yield data;
        }
      }
      const file = writeExport(parameters.format, { ...contents.header, exportedAt: new Date().toISOString() }, counted(contents.events), contents.checkpoints);
      return storage.write(sealedFolder('audit_export', organizationId), EXPORT_EXTENSIONS[parameters.format], sealFile(contentKey, { organizationId, kind: 'audit_export' }, measured(file)));
    });
    const expiresAt = new Date(Date.now() + AUDIT_JOB_FILE_HOURS * 3_600_000);
    try {
      await finish(job.id, { storageKey: key, bytes, sha256: digest.digest('hex'), eventCount }, { contentKey, expiresAt, organizationId, requestedBy: job.requestedBy });
    } catch (error) {
      await storage.remove(key); // not recorded: a file no row names would never be deleted
      throw error;
    }
  }

  return {
    /** Runs a job to its end; a finished one is left as it is (a second run of its workflow). */
    async runAuditJob(input: { jobId: string }): Promise<void> {
      const job = await transaction(async (em) => {
        const [row] = await em.createQueryBuilder(AuditJob)
          .update({ status: 'RUNNING', startedAt: raw('coalesce(started_at, now())') })
          .where({ id: input.jobId, status: { $in: ['QUEUED', 'RUNNING'] } })
          .returning(['id', 'organizationId', 'kind', 'parameters', 'status', 'requestedBy'])
          .execute<JobRow[]>('all');
        return row;
      });
      if (!job) {
        if ((await orm.em.fork().count(AuditJob, { id: input.jobId })) > 0) return;
        throw ApplicationFailure.nonRetryable(`no audit job ${input.jobId}`, 'AUDIT_JOB_UNKNOWN');
      }
      if (job.kind === 'CHAIN_VERIFICATION') await verifyChain(job);
      else await exportLog(job);
    },

    /** Marks a job its attempts could not finish FAILED, with a code. */
    async failAuditJob(input: { jobId: string; failure: string }): Promise<void> {
      await transaction((em) => em.nativeUpdate(
        AuditJob,
        { id: input.jobId, status: { $in: ['QUEUED', 'RUNNING'] } },
        { status: 'FAILED', failure: input.failure, finishedAt: sql.now() },
      ));
    },

    /**
     * Run by the `audit-job-starts` schedule: jobs whose workflow was not started at their request
     * (Temporal did not answer) get it now. A second start is harmless: the workflow id is the job's.
     * The keys of export files past their expiry are erased (the files are swept with audit.exports).
     */
    async startPendingAuditJobs(input: { limit: number; organizationId?: string | null }): Promise<{ started: number; keysErased: number }> {
      const client = deps.verification.client;
      if (!client) throw new Error('the worker was built without a Temporal client for starting workflows');
      return transaction(async (em) => {
        const inOrganization = input.organizationId ? { organizationId: input.organizationId } : {};
        const rows = await em.createQueryBuilder(AuditJob)
          .select('id')
          .where({ workflowStartedAt: null, status: 'QUEUED', ...inOrganization })
          .orderBy({ requestedAt: 'asc' })
          .limit(input.limit)
          .setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE)
          .execute<{ id: string }[]>('all');
        for (const row of rows) {
          await startAuditJobWorkflow(client, deps.verification.taskQueue, row.id);
          await em.nativeUpdate(AuditJob, { id: row.id }, { workflowStartedAt: sql.now() });
        }
        const erased = await em.nativeUpdate(AuditJob, { contentKey: { $ne: null }, fileExpiresAt: { $lte: sql.now() }, ...inOrganization }, { contentKey: null });
        return { started: rows.length, keysErased: erased };
      });
    },
  };
}

/** Starts a job's workflow; one already started (or finished) under its id is left alone. */
export async function startAuditJobWorkflow(client: Client, taskQueue: string, jobId: string): Promise<void> {
  try {
    await client.workflow.start(AUDIT_JOB_WORKFLOW, { workflowId: auditJobWorkflowId(jobId), taskQueue, args: [{ jobId }], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

export type AuditJobActivities = ReturnType<typeof createAuditJobActivities>;
