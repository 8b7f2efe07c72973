// Security alerts: what the anomaly detectors raised over the caller's organization's audit log
// (workflows/anomaly-detection), listed (the read audited as a VIEW), acknowledged with a reason
// code (audited as an UPDATE; once: a second acknowledgement is refused), and the thresholds and
// working hours the detectors use, set by owners (audited).
import { sql } from '@mikro-orm/postgresql';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authorize.ts';
import { isoTimestamp, type EntityManager } from '../../platform/database/orm.ts';
import { AppError, badUserInput, notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { readPage, type ListOrder } from '../../platform/pagination.ts';
import { mayMutate } from '../../platform/permissions.ts';
import { entityReference } from '../../platform/subgraph-server.ts';
import type { Resolvers, SecurityAlertAcknowledgement, SecurityAlertDetector, SecurityAlertSeverity } from '../../schema/generated/audit-resolvers.ts';
import { SEVERITIES, type AlertSettings } from '../../domain/anomaly-detection/detectors.ts';
import { readAlertSettings, workingDaysMask } from '../../workflows/anomaly-detection/activities.ts';
import { SecurityAlert, SecurityAlertSetting } from './entities/index.ts';
import { runInOrganization, type AuditService } from './service.ts';

const ALERTS = { type: 'SecurityAlert' } as const;

interface AlertRow {
  id: string;
  detector: SecurityAlertDetector;
  severity: SecurityAlertSeverity;
  subject: string;
  evidenceSequences: number[];
  eventCount: number;
  raisedAtSequence: number;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgement: SecurityAlertAcknowledgement | null;
}

const ALERT_COLUMNS = `id::text, detector, severity, subject, evidence_sequences as "evidenceSequences", event_count as "eventCount",
  raised_at_sequence::int as "raisedAtSequence", ${isoTimestamp('raised_at')} as "raisedAt", ${isoTimestamp('acknowledged_at')} as "acknowledgedAt",
  acknowledged_by::text as "acknowledgedBy", acknowledgement_reason as acknowledgement`;

const alertAcknowledged = () => new AppError('SECURITY_ALERT_ACKNOWLEDGED', 'The security alert is acknowledged already');

const ALERTS_ORDER: ListOrder = { list: 'securityAlerts', keys: [{ sql: 'raised_at', kind: 'timestamp' }, { sql: 'id', kind: 'uuid' }], direction: 'DESC' };

/** An alert as the graph shows it (the parent of SecurityAlert's fields). */
export type SecurityAlertView = ReturnType<typeof toGraphQL>;

const toGraphQL = (row: AlertRow) => ({ ...row, raisedAt: new Date(row.raisedAt), acknowledgedAt: row.acknowledgedAt ? new Date(row.acknowledgedAt) : null });

function settingsView(organizationId: string, settings: AlertSettings & { customized: boolean }) {
  const { customized, ...rest } = settings;
  return { id: organizationId, ...rest, workingDays: [...rest.workingDays], isDefault: !customized };
}

const RANGES = {
  viewFloor: [1, 1_000_000], viewMultiplier: [2, 1000], denialThreshold: [2, 100_000], stuffingAccountThreshold: [2, 100_000],
  workingHoursStart: [0, 23], workingHoursEnd: [1, 24],
} as const;

/** An alert read through the ORM, as the graph shows it. */
const viewOf = (alert: SecurityAlert): SecurityAlertView => ({
  id: alert.id, detector: alert.detector, severity: alert.severity, subject: alert.subject, evidenceSequences: alert.evidenceSequences,
  eventCount: alert.eventCount, raisedAtSequence: alert.raisedAtSequence, raisedAt: alert.raisedAt, acknowledgedAt: alert.acknowledgedAt ?? null,
  acknowledgedBy: alert.acknowledgedBy ?? null, acknowledgement: (alert.acknowledgementReason ?? null) as SecurityAlertAcknowledgement | null,
});

/** The alert as it is now (`refresh`: not the copy read before an update in the same transaction). */
const findAlert = (em: EntityManager, id: string) => em.findOne(SecurityAlert, { id }, { refresh: true });

export function securityAlertResolvers(service: AuditService): Resolvers {
  return {
    SecurityAlert: {
      acknowledgedByUser: (alert) => entityReference(alert.acknowledgedBy),
      viewerCanAcknowledge: (alert, _args, { caller }) => alert.acknowledgedAt === null && mayMutate(caller, 'security.alerts.acknowledge', 'acknowledgeSecurityAlert'),
    },
    Query: {
      securityAlerts: (_parent, args, { caller }) => readPage(ALERTS_ORDER, args, async (keyset) => {
        const filter = args.filter ?? {};
        if (filter.from && filter.to && filter.from >= filter.to) throw badUserInput('filter.from must be before filter.to', { field: 'filter.from' });
        await authorize(service, caller, 'security.alerts.read', ALERTS);
        return runInOrganization(service, caller, async (em, organizationId) => {
          const clauses = ['organization_id = ?'];
          const params: unknown[] = [organizationId];
          if (filter.detector) { clauses.push('detector = ?'); params.push(filter.detector); }
          if (filter.minimumSeverity) { clauses.push('severity = any(string_to_array(?, \',\'))'); params.push(SEVERITIES.slice(SEVERITIES.indexOf(filter.minimumSeverity)).join(',')); }
          if (filter.open === true) clauses.push('acknowledged_at is null');
          if (filter.open === false) clauses.push('acknowledged_at is not null');
          if (filter.from) { clauses.push('raised_at >= ?'); params.push(filter.from.toISOString()); }
          if (filter.to) { clauses.push('raised_at < ?'); params.push(filter.to.toISOString()); }
          // Raw SQL: the keyset page (platform/pagination.ts) is SQL, as every list's.
          const rows = await em.execute<AlertRow[]>(
            `select ${ALERT_COLUMNS}${keyset.keyColumns} from audit.security_alerts where ${clauses.join(' and ')}${keyset.where} ${keyset.orderBy}`,
            [...params, ...keyset.params],
          );
          await recordAudit(em, caller, { action: 'VIEW', resourceType: 'SecurityAlert', outcome: 'SUCCESS', reason: 'security_alerts' });
          return rows;
        });
      }, toGraphQL),

      securityAlertSettings: async (_parent, _args, { caller }) => {
        await authorize(service, caller, 'security.alerts.read', { type: 'SecurityAlertSettings' });
        return runInOrganization(service, caller, async (em, organizationId) => settingsView(organizationId, await readAlertSettings(em, organizationId)));
      },
    },

    Mutation: {
      acknowledgeSecurityAlert: async (_parent, args, { caller }) => {
        if (!isUuid(args.id)) throw badUserInput('id must be a security alert id', { field: 'id' });
        await authorize(service, caller, 'security.alerts.acknowledge', { type: 'SecurityAlert', id: args.id });
        return runInOrganization(service, caller, async (em) => {
          const alert = await findAlert(em, args.id);
          if (!alert) throw notFound('Security alert');
          const updated = await em.nativeUpdate(
            SecurityAlert,
            { id: args.id, acknowledgedAt: null },
            { acknowledgedAt: sql.now(), acknowledgedBy: caller.userId, acknowledgementReason: args.reason },
          );
          if (updated === 0) throw alertAcknowledged();
          await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'SecurityAlert', resourceId: args.id, outcome: 'SUCCESS', reason: `acknowledged:${args.reason.toLowerCase()}` });
          return viewOf((await findAlert(em, args.id))!);
        });
      },

      setSecurityAlertSettings: async (_parent, args, { caller }) => {
        const input = args.settings;
        for (const [field, [min, max]] of Object.entries(RANGES)) {
          const value = input[field as keyof typeof RANGES];
          if (value !== null && value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
            throw badUserInput(`settings.${field} must be from ${min} to ${max}`, { field: `settings.${field}` });
          }
        }
        const days = input.workingDays;
        if (days !== null && days !== undefined && (days.length === 0 || days.some((day) => !Number.isInteger(day) || day < 1 || day > 7))) {
          throw badUserInput('settings.workingDays must name at least one day, 1 Monday to 7 Sunday', { field: 'settings.workingDays' });
        }
        await authorize(service, caller, 'security.alerts.settings.manage', { type: 'SecurityAlertSettings' });
        return runInOrganization(service, caller, async (em, organizationId) => {
          const current = await readAlertSettings(em, organizationId);
          const next = {
            viewFloor: input.viewFloor ?? current.viewFloor,
            viewMultiplier: input.viewMultiplier ?? current.viewMultiplier,
            denialThreshold: input.denialThreshold ?? current.denialThreshold,
            stuffingAccountThreshold: input.stuffingAccountThreshold ?? current.stuffingAccountThreshold,
            workingHoursStart: input.workingHoursStart ?? current.workingHoursStart,
            workingHoursEnd: input.workingHoursEnd ?? current.workingHoursEnd,
            workingDays: workingDaysMask(days ?? current.workingDays),
          };
          if (next.workingHoursStart >= next.workingHoursEnd) throw badUserInput('settings.workingHoursStart must be before settings.workingHoursEnd', { field: 'settings.workingHoursStart' });
          await em.createQueryBuilder(SecurityAlertSetting)
            .insert({ organizationId, ...next, updatedBy: caller.userId, updatedAt: sql.now() })
            .onConflict('organizationId')
            .merge(['viewFloor', 'viewMultiplier', 'denialThreshold', 'stuffingAccountThreshold', 'workingHoursStart', 'workingHoursEnd', 'workingDays', 'updatedBy', 'updatedAt'])
            .execute();
          await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'SecurityAlertSettings', resourceId: organizationId, outcome: 'SUCCESS' });
          return settingsView(organizationId, await readAlertSettings(em, organizationId));
        });
      },
    },
  };
}
