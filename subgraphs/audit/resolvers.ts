// The audit subgraph: the caller's organization's log, its verification, checkpoints, exports
// and retention. Every read of the log is itself audited (VIEW), every export too (EXPORT).
import DataLoader from 'dataloader';
import { sql } from '@mikro-orm/postgresql';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authorize.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { readPage, type ListOrder, type PageArguments } from '../../platform/pagination.ts';
import { badUserInput } from '../../platform/errors.ts';
import { DateScalar, DateTimeScalar, JSONObjectScalar } from '../../platform/scalars.ts';
import { signedDownloadUrl } from '../../platform/signed-urls.ts';
import { entityReference, type SubgraphContext } from '../../platform/subgraph-server.ts';
import type { AuditResourceType, Resolvers } from '../../schema/generated/audit-resolvers.ts';
import { resourceTypeValue, storedResourceNames, type AuditResourceName } from '../../domain/audit-resource-types.ts';
import type { ChainEvent, Checkpoint } from '../../domain/audit-chain.ts';
import { chainEventOf, CHECKPOINT_COLUMNS, EVENT_COLUMNS, readExportContents } from '../../platform/audit-event-store.ts';
import type { AuditConfig } from '../../platform/config.ts';
import { auditJobResolvers, eventsInSequenceRange, rangeTooLarge } from './audit-jobs.ts';
import { EXPORT_EXTENSIONS, writeExport, type ExportHeader } from '../../domain/audit-export-format.ts';
import { writeSealedExport } from './exports.ts';
import { runInOrganization, type AuditService } from './service.ts';
import { incidentResolvers } from './incidents.ts';
import { securityAlertResolvers } from './security-alerts.ts';
import { AUDIT_RETENTION } from '../../domain/audit-retention.ts';
import { verifyStoredChain } from './verify.ts';
import { RetentionSetting } from './entities/index.ts';
import { isUuid } from '../../platform/ids.ts';

const AUDIT_LOG = { type: 'AuditLog' } as const;

interface EventFilter {
  actorId?: string | null;
  action?: string | null;
  resourceType?: AuditResourceType | null;
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
  if (filter?.resourceType) {
    // The enum value, as each of its stored spellings.
    clauses.push(`resource_type = any(string_to_array(?, ','))`);
    params.push(storedResourceNames(filter.resourceType).join(','));
  }
  for (const [field, column] of [['action', 'action'], ['resourceId', 'resource_id'], ['outcome', 'outcome']] as const) {
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

interface SigningKeyView { id: string; keyId: string; algorithm: string; publicKey: string; createdAt: string }

/** An event as the graph shows it (the parent of AuditEvent's fields). */
export type AuditEventView = ReturnType<typeof toGraphQL>;

function toGraphQL(event: ChainEvent) {
  return { ...event, id: `${event.organizationId}:${event.seq}`, sequence: event.seq, previousHash: event.prevHash };
}

async function retentionOf(em: EntityManager, organizationId: string) {
  const row = await em.createQueryBuilder(RetentionSetting).select(['years']).where({ organizationId }).execute<{ years: number }>('get');
  return { id: organizationId, years: row?.years ?? AUDIT_RETENTION.defaultYears, minimumYears: AUDIT_RETENTION.minimumYears };
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
  viewed: { type: AuditResourceName; id?: string },
) {
  return readPage(EVENTS_ORDER, page, async (keyset) => {
    await authorize(service, caller, 'audit.read', AUDIT_LOG);
    return runInOrganization(service, caller, async (em, organizationId) => {
      const { where, params } = filterSql(organizationId, filter);
      // Raw SQL: events in the exact text forms the chain hashed (EVENT_COLUMNS), keyset-paged.
      const rows = await em.execute<ChainEvent[]>(
        `select ${EVENT_COLUMNS}${keyset.keyColumns} from audit.events where ${where}${keyset.where} ${keyset.orderBy}`,
        [...params, ...keyset.params],
      );
      await recordAudit(em, caller, { action: 'VIEW', resourceType: viewed.type, resourceId: viewed.id ?? null, outcome: 'SUCCESS', reason: viewed.type === 'AuditLog' ? null : 'audit_history' });
      return rows.map(chainEventOf);
    });
  }, toGraphQL);
}

function logResolvers(service: AuditService): Resolvers {
  // The evidence of every alert a request shows, read together: one query and one VIEW of the log.
  const evidence = new WeakMap<SubgraphContext, DataLoader<number, AuditEventView | null>>();
  const evidenceOf = (context: SubgraphContext): DataLoader<number, AuditEventView | null> => {
    let loader = evidence.get(context);
    if (!loader) {
      loader = new DataLoader<number, AuditEventView | null>(async (sequences) => {
        await authorize(service, context.caller, 'audit.read', AUDIT_LOG);
        const events = await runInOrganization(service, context.caller, async (em, organizationId) => {
          // Raw SQL: events in the exact text forms the chain hashed (EVENT_COLUMNS).
          const rows = await em.execute<ChainEvent[]>(
            `select ${EVENT_COLUMNS} from audit.events where organization_id = ? and seq = any(string_to_array(?, ',')::bigint[])`, [organizationId, sequences.join(',')]);
          await recordAudit(em, context.caller, { action: 'VIEW', resourceType: 'AuditLog', outcome: 'SUCCESS', reason: 'security_alert_evidence' });
          return new Map(rows.map((row) => [Number(row.seq), toGraphQL(chainEventOf(row))]));
        });
        return sequences.map((sequence) => events.get(sequence) ?? null);
      });
      evidence.set(context, loader);
    }
    return loader;
  };
  // The public signing keys, read once per request (every checkpoint of a page names one).
  const signingKeys = new WeakMap<SubgraphContext, Promise<SigningKeyView[]>>();
  const signingKeysOf = (context: SubgraphContext): Promise<SigningKeyView[]> => {
    let keys = signingKeys.get(context);
    if (!keys) {
      // Raw SQL: the keys as the chain's verifiers take them (base64, ISO text).
      keys = runAsCaller(service.orm, context.caller, (em) => em.execute<SigningKeyView[]>(
        `select key_id as id, key_id as "keyId", 'Ed25519' as algorithm, encode(public_key, 'base64') as "publicKey", ${isoTimestamp('created_at')} as "createdAt" from audit.signing_keys order by created_at`,
      ));
      signingKeys.set(context, keys);
    }
    return keys;
  };

  return {
    SecurityAlert: {
      evidence: async (alert, _args, context) => {
        const events = await evidenceOf(context).loadMany([...alert.evidenceSequences].sort((a, b) => b - a));
        const failed = events.find((event) => event instanceof Error);
        if (failed) throw failed;
        return events.filter((event): event is AuditEventView => event !== null);
      },
    },
    AuditCheckpoint: {
      key: async (checkpoint, _args, context) => (await signingKeysOf(context)).find((key) => key.keyId === checkpoint.keyId) ?? null,
    },
    AuditEvent: {
      actor: (event) => entityReference(event.actorId),
      resourceType: (event) => resourceTypeValue(event.resourceType) as AuditResourceType,
    },
    User: {
      __resolveReference: (reference) => ({ id: reference.id }),
      auditTrail: (user, args, { caller }) => listEvents(service, caller, { actorId: user.id }, args, { type: 'User', id: user.id }),
    },
    Credential: {
      __resolveReference: (reference) => ({ id: reference.id }),
      accessHistory: (credential, args, { caller }) =>
        listEvents(service, caller, { resourceType: 'CREDENTIAL', resourceId: credential.id }, args, { type: 'Credential', id: credential.id }),
    },

    DateTime: DateTimeScalar,
    JSONObject: JSONObjectScalar,
    Date: DateScalar,
    Query: {
      auditRetentionPolicy: () => AUDIT_RETENTION,

      auditSigningKeys: (_parent, _args, context) => signingKeysOf(context),

      auditEvents: (_parent, args, { caller }) => listEvents(service, caller, args.filter, args, { type: 'AuditLog' }),

      auditCheckpoints: (_parent, args, { caller }) =>
        readPage(CHECKPOINTS_ORDER, args, async (keyset) => {
          await authorize(service, caller, 'audit.read', AUDIT_LOG);
          // Raw SQL: checkpoints in the exact text forms their signatures cover (CHECKPOINT_COLUMNS), keyset-paged.
          return runInOrganization(service, caller, (em, organizationId) =>
            em.execute<(Checkpoint & Record<string, unknown>)[]>(
              `select ${CHECKPOINT_COLUMNS}${keyset.keyColumns} from audit.checkpoints where organization_id = ?${keyset.where} ${keyset.orderBy}`,
              [organizationId, ...keyset.params],
            ));
        }, (checkpoint) => ({ ...checkpoint, id: `${checkpoint.organizationId}:${checkpoint.seq}`, sequence: checkpoint.seq })),

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
          await em.createQueryBuilder(RetentionSetting).insert({ organizationId, years: args.years })
            .onConflict('organizationId').merge({ years: args.years, updatedAt: sql.now() }).execute();
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
    ...alerts,
    ...jobs,
    SecurityAlert: { ...log.SecurityAlert, ...alerts.SecurityAlert },
    Query: { ...log.Query, ...incidents.Query, ...alerts.Query, ...jobs.Query },
    Mutation: { ...log.Mutation, ...incidents.Mutation, ...alerts.Mutation, ...jobs.Mutation },
  };
}
