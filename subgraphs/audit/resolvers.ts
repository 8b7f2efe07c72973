// The audit subgraph: the caller's organization's log, its verification, checkpoints, exports
// and retention. Every read of the log is itself audited (VIEW), every export too (EXPORT).
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authorize.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { DEFAULT_PAGE_SIZE } from '../../platform/pagination.ts';
import { badUserInput } from '../../platform/errors.ts';
import { DateScalar, DateTimeScalar } from '../../platform/scalars.ts';
import { signedDownloadUrl } from '../../platform/signed-urls.ts';
import type { Resolvers } from '../../schema/generated/audit-resolvers.ts';
import type { ChainEvent } from '../../domain/audit-chain.ts';
import { EVENT_COLUMNS, readCheckpoints, readExportContents } from '../../platform/audit-event-store.ts';
import type { AuditConfig } from '../../platform/config.ts';
import { auditJobResolvers, eventsInSequenceRange, rangeTooLarge } from './audit-jobs.ts';
import { EXPORT_EXTENSIONS, writeExport, type ExportHeader } from '../../domain/audit-export-format.ts';
import { writeSealedExport } from './exports.ts';
import { runInOrganization, type AuditService } from './service.ts';
import { incidentResolvers } from './incidents.ts';
import { securityAlertResolvers } from './security-alerts.ts';
import { AUDIT_RETENTION } from '../../domain/audit-retention.ts';
import { verifyStoredChain } from './verify.ts';
import { isUuid } from '../../platform/ids.ts';

const MAX_PAGE = 200;
const AUDIT_LOG = { type: 'AuditLog' };

interface EventFilter {
  actorId?: string | null;
  action?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  outcome?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badUserInput(`first must be between 1 and ${MAX_PAGE}`);
  return size;
}

function decodeCursor(after: string | null | undefined): number | null {
  if (after === null || after === undefined) return null;
  const text = Buffer.from(after, 'base64url').toString('utf8');
  if (!/^seq:\d{1,15}$/.test(text)) throw badUserInput('after is not a cursor from this list');
  return Number(text.slice(4));
}

const encodeCursor = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');


function filterSql(organizationId: string, filter: EventFilter | null | undefined): { where: string; params: unknown[] } {
  const clauses = ['organization_id = ?'];
  const params: unknown[] = [organizationId];
  if (filter?.actorId) {
    if (!isUuid(filter.actorId)) throw badUserInput('filter.actorId must be a user id');
    clauses.push('actor_id = ?');
    params.push(filter.actorId);
  }
  for (const [field, column] of [['action', 'action'], ['resourceType', 'resource_type'], ['resourceId', 'resource_id'], ['outcome', 'outcome']] as const) {
    const value = filter?.[field];
    if (value) {
      if (value.length > 128) throw badUserInput(`filter.${field} is too long`);
      clauses.push(`${column} = ?`);
      params.push(value);
    }
  }
  if (filter?.from && filter?.to && filter.from >= filter.to) throw badUserInput('filter.from must be before filter.to');
  if (filter?.from) {
    clauses.push('occurred_at >= ?');
    params.push(filter.from.toISOString());
  }
  if (filter?.to) {
    clauses.push('occurred_at < ?');
    params.push(filter.to.toISOString());
  }
  return { where: clauses.join(' and '), params };
}

/** An event as the graph shows it (the parent of AuditEvent's fields). */
export type AuditEventView = ReturnType<typeof toGraphQL>;

function toGraphQL(event: ChainEvent) {
  return { ...event, sequence: event.seq, previousHash: event.prevHash };
}

async function retentionOf(em: EntityManager, organizationId: string) {
  const [row] = await em.execute<{ years: number }[]>('select years from audit.retention_settings where organization_id = ?', [organizationId]);
  return { years: row?.years ?? AUDIT_RETENTION.defaultYears, minimumYears: AUDIT_RETENTION.minimumYears };
}


/**
 * One page of the caller's organization's events matching `filter`, newest first; the read is
 * recorded as a VIEW of `viewed` (the log itself, or the user or credential whose history it is).
 */
async function listEvents(
  service: AuditService,
  caller: Caller,
  filter: EventFilter | null | undefined,
  page: { first?: number | null; after?: string | null },
  viewed: { type: string; id?: string },
) {
  const first = pageSize(page.first);
  const before = decodeCursor(page.after);
  await authorize(service, caller, 'audit.read', AUDIT_LOG);
  return runInOrganization(service, caller, async (em, organizationId) => {
    const { where, params } = filterSql(organizationId, filter);
    const rows = await em.execute<ChainEvent[]>(
      `select ${EVENT_COLUMNS} from audit.events where ${where} ${before === null ? '' : 'and seq < ?'} order by seq desc limit ?`,
      [...params, ...(before === null ? [] : [before]), first + 1],
    );
    await recordAudit(em, caller, { action: 'VIEW', resourceType: viewed.type, resourceId: viewed.id ?? null, outcome: 'SUCCESS', reason: viewed.type === 'AuditLog' ? null : 'audit_history' });
    const nodes = rows.slice(0, first);
    return {
      nodes: nodes.map(toGraphQL),
      pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1]!.seq) : null },
    };
  });
}

function logResolvers(service: AuditService): Resolvers {
  return {
    User: {
      __resolveReference: (reference) => ({ id: reference.id }),
      auditTrail: (user, args, { caller }) => listEvents(service, caller, { actorId: user.id }, args, { type: 'User', id: user.id }),
    },
    Credential: {
      __resolveReference: (reference) => ({ id: reference.id }),
      accessHistory: (credential, args, { caller }) =>
        listEvents(service, caller, { resourceType: 'Credential', resourceId: credential.id }, args, { type: 'Credential', id: credential.id }),
    },

    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query: {
      auditRetentionPolicy: () => AUDIT_RETENTION,

      auditSigningKeys: (_parent, _args, { caller }) =>
        runAsCaller(service.orm, caller, (em) =>
          em.execute<{ keyId: string; algorithm: string; publicKey: string; createdAt: string }[]>(`select key_id as "keyId", 'Ed25519' as algorithm, encode(public_key, 'base64') as "publicKey", ${isoTimestamp('created_at')} as "createdAt" from audit.signing_keys order by created_at`),
        ),

      auditEvents: (_parent, args, { caller }) => listEvents(service, caller, args.filter, args, { type: 'AuditLog' }),

      auditCheckpoints: async (_parent, args, { caller }) => {
        const first = pageSize(args.first);
        await authorize(service, caller, 'audit.read', AUDIT_LOG);
        return runInOrganization(service, caller, async (em, organizationId) => {
          const checkpoints = await readCheckpoints(em, organizationId);
          return checkpoints.reverse().slice(0, first).map((checkpoint) => ({ ...checkpoint, sequence: checkpoint.seq }));
        });
      },

      verifyAuditChain: async (_parent, args, { caller }) => {
        const { fromSequence, toSequence } = args;
        if ((fromSequence ?? 1) < 1 || (toSequence ?? 1) < 1) throw badUserInput('sequences start at 1');
        if (fromSequence && toSequence && fromSequence > toSequence) throw badUserInput('fromSequence must not be after toSequence');
        await authorize(service, caller, 'audit.verify', AUDIT_LOG);
        return runInOrganization(service, caller, async (em, organizationId) => {
          const limit = (service.config as AuditConfig).inlineMaxEvents;
          const events = await eventsInSequenceRange(em, organizationId, { fromSequence, toSequence });
          if (events > limit) throw rangeTooLarge(events, limit, 'startAuditChainVerification');
          const report = await verifyStoredChain(em, organizationId, { fromSequence, toSequence });
          await recordAudit(em, caller, { action: 'VIEW', resourceType: 'AuditLog', outcome: 'SUCCESS', reason: 'chain_verification' });
          return report;
        });
      },

      organizationAuditRetention: async (_parent, _args, { caller }) => {
        await authorize(service, caller, 'audit.read', AUDIT_LOG);
        return runInOrganization(service, caller, (em, organizationId) => retentionOf(em, organizationId));
      },
    },

    Mutation: {
      exportAuditLog: async (_parent, args, { caller }) => {
        if (args.from && args.to && args.from >= args.to) throw badUserInput('from must be before to');
        await authorize(service, caller, 'audit.export', AUDIT_LOG);
        return writeSealedExport(service, caller, async (em, organizationId, write) => {
          const contents = await readExportContents(em, organizationId, { from: args.from ?? null, to: args.to ?? null });
          const limit = (service.config as AuditConfig).inlineMaxEvents;
          if (contents.eventCount > limit) throw rangeTooLarge(contents.eventCount, limit, 'startAuditExport');
          const header: ExportHeader = { ...contents.header, exportedAt: new Date().toISOString() };
          const { key, contentKey, expiresAt } = await write(EXPORT_EXTENSIONS[args.format], writeExport(args.format, header, contents.events, contents.checkpoints));
          await recordAudit(em, caller, { action: 'EXPORT', resourceType: 'AuditLog', outcome: 'SUCCESS', reason: `format:${args.format.toLowerCase()}` });
          const { publicUrl, urlSigningSecret } = service.config.downloads;
          return { url: signedDownloadUrl({ publicUrl, secret: urlSigningSecret, key, expiresAt, contentKey }), expiresAt, format: args.format, eventCount: contents.eventCount };
        });
      },

      setAuditRetention: async (_parent, args, { caller }) => {
        if (!Number.isInteger(args.years) || args.years < AUDIT_RETENTION.minimumYears || args.years > 100) {
          throw badUserInput(`years must be from ${AUDIT_RETENTION.minimumYears} to 100`);
        }
        await authorize(service, caller, 'audit.retention.manage', AUDIT_LOG);
        return runInOrganization(service, caller, async (em, organizationId) => {
          await em.execute(
            `insert into audit.retention_settings (organization_id, years) values (?, ?)
             on conflict (organization_id) do update set years = excluded.years, updated_at = now()`,
            [organizationId, args.years],
          );
          await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'AuditRetention', resourceId: organizationId, outcome: 'SUCCESS' });
          return retentionOf(em, organizationId);
        });
      },
    },
  };
}

export function auditResolvers(service: AuditService): Resolvers {
  const log = logResolvers(service);
  const incidents = incidentResolvers(service);
  const alerts = securityAlertResolvers(service);
  const jobs = auditJobResolvers(service);
  return {
    ...log,
    ...incidents,
    ...jobs,
    Query: { ...log.Query, ...incidents.Query, ...alerts.Query, ...jobs.Query },
    Mutation: { ...log.Mutation, ...incidents.Mutation, ...alerts.Mutation, ...jobs.Mutation },
  };
}
