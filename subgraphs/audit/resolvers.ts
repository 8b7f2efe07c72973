// The audit subgraph: the caller's organization's log, its verification, checkpoints, exports
// and retention. Every read of the log is itself audited (VIEW), every export too (EXPORT).
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authorize.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { readPage, type ListOrder, type PageArguments } from '../../platform/pagination.ts';
import { badUserInput } from '../../platform/errors.ts';
import { DateScalar, DateTimeScalar } from '../../platform/scalars.ts';
import { signedDownloadUrl } from '../../platform/signed-urls.ts';
import type { Resolvers } from '../../schema/generated/audit-resolvers.ts';
import type { ChainEvent, Checkpoint } from '../../domain/audit-chain.ts';
import { CHECKPOINT_COLUMNS, EVENT_COLUMNS, readCheckpoints, readEvents, readLinkBefore, readPublicKeys } from '../../platform/audit-event-store.ts';
import { EXPORT_EXTENSIONS, writeExport, type ExportHeader } from '../../domain/audit-export-format.ts';
import { writeSealedExport } from './exports.ts';
import { runInOrganization, type AuditService } from './service.ts';
import { incidentResolvers } from './incidents.ts';
import { securityAlertResolvers } from './security-alerts.ts';
import { AUDIT_RETENTION } from '../../domain/audit-retention.ts';
import { verifyStoredChain } from './verify.ts';
import { isUuid } from '../../platform/ids.ts';

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

// An organization's events and checkpoints, newest first: their sequence is unique in the organization.
const EVENTS_ORDER: ListOrder = { list: 'auditEvents', keys: [{ sql: 'seq', kind: 'integer' }], direction: 'DESC' };
const CHECKPOINTS_ORDER: ListOrder = { list: 'auditCheckpoints', keys: [{ sql: 'seq', kind: 'integer' }], direction: 'DESC' };


function filterSql(organizationId: string, filter: EventFilter | null | undefined): { where: string; params: unknown[] } {
  const clauses = ['organization_id = ?'];
  const params: unknown[] = [organizationId];
  if (filter?.actorId) {
    if (!isUuid(filter.actorId)) throw badUserInput('filter.actorId must be a user id');
    clauses.push('actor_id = ?');
    params.push(filter.actorId);
  }
  for (const [field, column] of [['action', 'action'], ['resourceType', 'resource_type'], ['resourceId', 'resource_id'], ['outcome', 'outcome']] as const) {
    // eslint-disable-next-line security/detect-object-injection -- a field name from the constant list above
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
  page: PageArguments,
  viewed: { type: string; id?: string },
) {
  return readPage(EVENTS_ORDER, page, async (keyset) => {
    await authorize(service, caller, 'audit.read', AUDIT_LOG);
    return runInOrganization(service, caller, async (em, organizationId) => {
      const { where, params } = filterSql(organizationId, filter);
      const rows = await em.execute<ChainEvent[]>(
        `select ${EVENT_COLUMNS}${keyset.keyColumns} from audit.events where ${where}${keyset.where} ${keyset.orderBy}`,
        [...params, ...keyset.params],
      );
      await recordAudit(em, caller, { action: 'VIEW', resourceType: viewed.type, resourceId: viewed.id ?? null, outcome: 'SUCCESS', reason: viewed.type === 'AuditLog' ? null : 'audit_history' });
      return rows;
    });
  }, toGraphQL);
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

      auditCheckpoints: (_parent, args, { caller }) =>
        readPage(CHECKPOINTS_ORDER, args, async (keyset) => {
          await authorize(service, caller, 'audit.read', AUDIT_LOG);
          return runInOrganization(service, caller, (em, organizationId) =>
            em.execute<(Checkpoint & Record<string, unknown>)[]>(
              `select ${CHECKPOINT_COLUMNS}${keyset.keyColumns} from audit.checkpoints where organization_id = ?${keyset.where} ${keyset.orderBy}`,
              [organizationId, ...keyset.params],
            ));
        }, (checkpoint) => ({ ...checkpoint, sequence: checkpoint.seq })),

      verifyAuditChain: async (_parent, args, { caller }) => {
        const { fromSequence, toSequence } = args;
        if ((fromSequence ?? 1) < 1 || (toSequence ?? 1) < 1) throw badUserInput('sequences start at 1');
        if (fromSequence && toSequence && fromSequence > toSequence) throw badUserInput('fromSequence must not be after toSequence');
        await authorize(service, caller, 'audit.verify', AUDIT_LOG);
        return runInOrganization(service, caller, async (em, organizationId) => {
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
          const { where, params } = filterSql(organizationId, { from: args.from, to: args.to });
          const [range] = await em.execute<{ first: number | null; last: number | null; count: number }[]>(
            `select min(seq)::int as first, max(seq)::int as last, count(*)::int as count from audit.events where ${where}`,
            params,
          );
          const previous = await readLinkBefore(em, organizationId, range?.first ?? 1);
          const header: ExportHeader = {
            format: 'credence-audit-export', version: 1, organizationId, exportedAt: new Date().toISOString(),
            from: args.from?.toISOString() ?? null, to: args.to?.toISOString() ?? null, previous, keys: await readPublicKeys(em),
          };
          const events = range?.first ? readEvents(em, organizationId, range.first, range.last) : (async function* () {})();
          const checkpoints = range?.first ? await readCheckpoints(em, organizationId, range.first, range.last) : [];
          const { key, contentKey, expiresAt } = await write(EXPORT_EXTENSIONS[args.format], writeExport(args.format, header, events, checkpoints));
          await recordAudit(em, caller, { action: 'EXPORT', resourceType: 'AuditLog', outcome: 'SUCCESS', reason: `format:${args.format.toLowerCase()}` });
          const { publicUrl, urlSigningSecret } = service.config.downloads;
          return { url: signedDownloadUrl({ publicUrl, secret: urlSigningSecret, key, expiresAt, contentKey }), expiresAt, format: args.format, eventCount: range?.count ?? 0 };
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
  return {
    ...log,
    ...incidents,
    Query: { ...log.Query, ...incidents.Query, ...alerts.Query },
    Mutation: { ...log.Mutation, ...incidents.Mutation, ...alerts.Mutation },
  };
}
