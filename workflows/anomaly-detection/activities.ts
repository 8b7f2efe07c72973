// Reads each organization's audit chain as it is written, from where the detectors last stopped
// (audit.anomaly_cursors), and raises what the detectors find (domain/anomaly-detection). One
// organization per transaction: its cursor row is locked, its new events and their context read,
// its alerts written (one per organization, detector and key: a retried scan adds none), each
// alert audited in the same chain and mailed to the organization's owners and admins and to the
// platform's security contact, and the cursor moved past the events read. A failure rolls back
// all of it, so events are read again, never skipped (at least once, idempotent).
import { randomUUID } from 'node:crypto';
import { LockMode, sql } from '@mikro-orm/postgresql';
import { recordAudit } from '../../platform/audit.ts';
import type { EntityManager, MikroORM } from '../../platform/database/orm.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import type { Logger } from '../../platform/logger.ts';
import { enqueueMail } from '../../platform/mail-outbox/outbox.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import { AnomalyCursor, SecurityAlert } from '../../subgraphs/audit/entities/index.ts';
import { ALERT_SETTING_DEFAULTS, detectAnomalies, type AlertSettings, type DetectorEvent, type RaisedAlert } from '../../domain/anomaly-detection/detectors.ts';

/** New events read per organization and scan; the next scan goes on from there. */
export const SCAN_BATCH = 5_000;
/** The actions a window reaches back for (the other detectors read fresh events only). */
const WINDOWED_ACTIONS = ['VIEW', 'ACCESS_DENIED', 'LOGIN_FAILED'];
/** Recent active hours that make an actor's view baseline. */
const BASELINE_DAYS = 14;
/** Who in the organization is told of an alert. */
export const ALERT_RECIPIENT_ROLES = ['ORG_OWNER', 'ORG_ADMIN'];

export interface AnomalyDetectionDeps {
  orm: MikroORM;
  encryption: FieldEncryption;
  /** The platform's security contact, sent every alert (none: the organization's people only). */
  securityContactEmail?: string | null;
  logger?: Logger;
}

/** Working days as stored: bit 0 Monday .. bit 6 Sunday. */
export const workingDaysFromMask = (mask: number): number[] => [1, 2, 3, 4, 5, 6, 7].filter((day) => (mask & (1 << (day - 1))) !== 0);
export const workingDaysMask = (days: readonly number[]): number => days.reduce((mask, day) => mask | (1 << (day - 1)), 0);

/** An organization's alert settings (its row, else the defaults) in its time zone (audit.incident_settings). */
export async function readAlertSettings(em: EntityManager, organizationId: string): Promise<AlertSettings & { customized: boolean }> {
  // Raw SQL: the settings and the time zone in one round trip, either of them possibly missing (a
  // left join from one row), which an ORM query, starting from one of the two tables, cannot say.
  const [row] = await em.execute<{ viewFloor: number | null; viewMultiplier: number; denialThreshold: number; stuffingAccountThreshold: number; workingHoursStart: number; workingHoursEnd: number; workingDays: number; timeZone: string | null }[]>(
    `select s.view_floor as "viewFloor", s.view_multiplier as "viewMultiplier", s.denial_threshold as "denialThreshold",
            s.stuffing_account_threshold as "stuffingAccountThreshold", s.working_hours_start as "workingHoursStart",
            s.working_hours_end as "workingHoursEnd", s.working_days as "workingDays",
            (select time_zone from audit.incident_settings where organization_id = ?) as "timeZone"
       from (select 1) one left join audit.security_alert_settings s on s.organization_id = ?`,
    [organizationId, organizationId],
  );
  const timeZone = row?.timeZone ?? ALERT_SETTING_DEFAULTS.timeZone;
  if (!row || row.viewFloor === null) return { ...ALERT_SETTING_DEFAULTS, timeZone, customized: false };
  return {
    viewFloor: row.viewFloor, viewMultiplier: row.viewMultiplier, denialThreshold: row.denialThreshold, stuffingAccountThreshold: row.stuffingAccountThreshold,
    workingHoursStart: row.workingHoursStart, workingHoursEnd: row.workingHoursEnd, workingDays: workingDaysFromMask(row.workingDays), timeZone, customized: true,
  };
}

const EVENT_FIELDS = `seq::int as seq, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "occurredAt",
  actor_id::text as "actorId", actor_role as "actorRole", source_ip as "sourceIp", action, resource_type as "resourceType",
  resource_id as "resourceId", outcome, reason`;

async function viewBaselines(em: EntityManager, organizationId: string, actors: string[], before: string): Promise<Record<string, number>> {
  if (actors.length === 0) return {};
  // Raw SQL: the audit chain's events, averaged over hourly counts (a grouped derived table).
  const rows = await em.execute<{ actorId: string; baseline: number }[]>(
    `select actor_id::text as "actorId", avg(views)::float8 as baseline from (
       select actor_id, date_trunc('hour', occurred_at) as hour, count(*) as views from audit.events
        where organization_id = ? and action = 'VIEW' and outcome = 'SUCCESS' and actor_id::text = any(string_to_array(?, ','))
          and occurred_at >= ?::timestamptz - make_interval(days => ?) and occurred_at < ?::timestamptz - interval '1 hour'
        group by 1, 2) hours
     group by actor_id`,
    [organizationId, actors.join(','), before, BASELINE_DAYS, before],
  );
  return Object.fromEntries(rows.map((row) => [row.actorId, row.baseline]));
}

export function createAnomalyDetectionActivities(deps: AnomalyDetectionDeps) {
  async function raise(em: EntityManager, organizationId: string, alert: RaisedAlert, caller: ReturnType<typeof systemCaller>): Promise<boolean> {
    const [row] = await em.createQueryBuilder(SecurityAlert)
      .insert({
        id: randomUUID(), organizationId, detector: alert.detector, severity: alert.severity, alertKey: alert.key, subject: alert.subject,
        evidenceSequences: alert.evidenceSequences, eventCount: alert.eventCount, raisedAtSequence: alert.raisedAtSequence,
      })
      .onConflict(['organizationId', 'detector', 'alertKey'])
      .ignore()
      .returning(['id', 'raisedAt'])
      .execute<{ id: string; raisedAt: Date }[]>('all');
    if (!row) return false;
    await recordAudit(em, caller, { organizationId, action: 'CREATE', resourceType: 'SecurityAlert', resourceId: row.id, outcome: 'SUCCESS', reason: `detector:${alert.detector.toLowerCase()}` });
    // Raw SQL: identity.organization_contacts is a SECURITY DEFINER function (the worker reads no members).
    const people = await em.execute<{ email: string }[]>(
      `select email from identity.organization_contacts(?, string_to_array(?, ',')::text[], null) as email order by email`,
      [organizationId, ALERT_RECIPIENT_ROLES.join(',')],
    );
    // To the second, as the mail shows it.
    const raisedAt = row.raisedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const recipients = new Set([...people.map((person) => person.email), ...(deps.securityContactEmail ? [deps.securityContactEmail] : [])]);
    for (const recipient of recipients) {
      await enqueueMail(em, deps.encryption, {
        organizationId, recipient, template: 'security_alert',
        parameters: { detector: alert.detector, severity: alert.severity, eventCount: alert.eventCount, raisedAt },
      });
    }
    return true;
  }

  /** One organization's new events: the alerts written, and whether events are left for the next scan. */
  async function scanChain(organizationId: string): Promise<{ raised: number; read: number; more: boolean }> {
    return deps.orm.em.fork().transactional(async (em) => {
      await em.createQueryBuilder(AnomalyCursor).insert({ organizationId, seq: 0 }).onConflict('organizationId').ignore().execute();
      const cursor = await em.findOneOrFail(AnomalyCursor, { organizationId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Raw SQL: the audit chain's events, their times to the microsecond as text (a Date keeps
      // milliseconds), as the detectors and the window's bound compare them.
      const fresh = await em.execute<DetectorEvent[]>(
        `select ${EVENT_FIELDS} from audit.events where organization_id = ? and seq > ? order by seq limit ?`,
        [organizationId, cursor.seq, SCAN_BATCH],
      );
      if (fresh.length === 0) return { raised: 0, read: 0, more: false };
      const since = fresh[0]!.occurredAt;
      // Raw SQL: as above, the hour before the batch, compared to the microsecond.
      const context = await em.execute<DetectorEvent[]>(
        `select ${EVENT_FIELDS} from audit.events
          where organization_id = ? and seq <= ? and occurred_at > ?::timestamptz - interval '1 hour' and action = any(string_to_array(?, ','))
          order by seq`,
        [organizationId, cursor.seq, since, WINDOWED_ACTIONS.join(',')],
      );
      const viewers = [...new Set(fresh.filter((event) => event.action === 'VIEW' && event.actorId).map((event) => event.actorId!))];
      const settings: AlertSettings = await readAlertSettings(em, organizationId);
      const alerts = detectAnomalies({ fresh, context, viewBaselines: await viewBaselines(em, organizationId, viewers, since), settings });
      const caller = systemCaller(`anomaly-scan-${randomUUID()}`);
      let raised = 0;
      for (const alert of alerts) if (await raise(em, organizationId, alert, caller)) raised += 1;
      await em.nativeUpdate(AnomalyCursor, { organizationId }, { seq: fresh.at(-1)!.seq, updatedAt: sql.now() });
      return { raised, read: fresh.length, more: fresh.length === SCAN_BATCH };
    });
  }

  return {
    /** Every chain that moved since its cursor, one batch each. */
    async scanAuditForAnomalies(): Promise<{ organizations: number; events: number; raised: number; more: boolean }> {
      // Raw SQL: the audit chain's heads beside the cursors, which no relation joins.
      const moved = await deps.orm.em.fork().execute<{ organizationId: string }[]>(
        `select h.organization_id::text as "organizationId" from audit.chain_heads h
           left join audit.anomaly_cursors c on c.organization_id = h.organization_id
          where h.seq > coalesce(c.seq, 0) order by h.organization_id`,
      );
      const total = { organizations: 0, events: 0, raised: 0, more: false };
      for (const { organizationId } of moved) {
        const result = await scanChain(organizationId);
        total.organizations += 1;
        total.events += result.read;
        total.raised += result.raised;
        total.more ||= result.more;
        if (result.raised > 0) deps.logger?.warn({ organizationId, raised: result.raised }, 'security alerts raised');
      }
      return total;
    },
  };
}

export type AnomalyDetectionActivities = ReturnType<typeof createAnomalyDetectionActivities>;
