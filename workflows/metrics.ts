// Prometheus metrics of the worker, served on their own port (the worker's METRICS_PORT, 9465,
// loopback by default; WORKER_METRICS_PORT under `npm start`): failed activities by activity and
// failure type (a broken audit chain fails its activity with AUDIT_CHAIN_BROKEN), and the backlog of the mail and webhook outboxes, counted
// when scraped so that no copy of the worker has to keep them; with backups of its own (BACKUP_DIR),
// the age of the newest base backup and the WAL files waiting in the spool to be sealed.
import { readdir } from 'node:fs/promises';
import { ApplicationFailure } from '@temporalio/activity';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter, Gauge, Registry } from 'prom-client';
import type { MikroORM } from '../platform/database/orm.ts';
import { listBaseBackups } from '../platform/backups/local-backups.ts';

interface Backlog {
  waiting: number;
  oldestSeconds: number;
}

async function readBacklog(orm: MikroORM, table: 'mail.outbox' | 'credentials.webhook_deliveries'): Promise<Backlog> {
  // Raw SQL: an aggregate with an age by the database's clock, over either table.
  const [row] = await orm.em.fork().execute<{ waiting: number; oldestSeconds: number | null }[]>(
    `select count(*)::int as waiting, extract(epoch from now() - min(created_at))::float8 as "oldestSeconds"
     from ${table} where status in ('PENDING', 'SENDING')`,
  );
  return { waiting: row?.waiting ?? 0, oldestSeconds: row?.oldestSeconds ?? 0 };
}

export function createWorkerMetrics(orm?: MikroORM, backups?: { backupDir: string; spoolDir: string } | null) {
  const registry = new Registry();
  const activityFailures = new Counter({ name: 'credence_activity_failures_total', help: 'Failed activity attempts by activity and failure type', labelNames: ['activity', 'type'], registers: [registry] });
  const outboxes = [
    { table: 'mail.outbox', outbox: 'mail' },
    { table: 'credentials.webhook_deliveries', outbox: 'webhooks' },
  ] as const;
  // One query per outbox per scrape, shared by both gauges.
  let reading: Promise<void> | null = null;
  const refresh = () => {
    reading ??= (async () => {
      try {
        for (const { table, outbox } of outboxes) {
          if (!orm) continue;
          const found = await readBacklog(orm, table);
          backlog.set({ outbox }, found.waiting);
          oldest.set({ outbox }, found.oldestSeconds);
        }
      } finally {
        reading = null;
      }
    })();
    return reading;
  };
  const backlog = new Gauge({ name: 'credence_outbox_backlog', help: 'Messages waiting to be sent, by outbox', labelNames: ['outbox'], registers: [registry], collect: refresh });
  const oldest = new Gauge({ name: 'credence_outbox_oldest_waiting_seconds', help: 'Age of the oldest message waiting to be sent, by outbox', labelNames: ['outbox'], registers: [registry], collect: refresh });

  if (backups) {
    new Gauge({
      name: 'credence_backup_base_age_seconds', help: 'Seconds since the newest base backup finished (+Inf: none)', registers: [registry],
      async collect() {
        const newest = (await listBaseBackups(backups.backupDir)).at(-1);
        this.set(newest ? (Date.now() - newest.finishedAt.getTime()) / 1000 : Number.POSITIVE_INFINITY);
      },
    });
    // An idle database archives no WAL, so the age of the newest segment says nothing; segments
    // piling up in the spool say that sealing is stuck.
    new Gauge({
      name: 'credence_backup_wal_spooled', help: 'WAL files archived by PostgreSQL and not sealed yet', registers: [registry],
      async collect() {
        this.set(await readdir(backups.spoolDir).then((names) => names.length, () => 0));
      },
    });
  }

  const activityInterceptor: ActivityInterceptorsFactory = (context) => {
    const inbound: ActivityInboundCallsInterceptor = {
      async execute(input, next) {
        try {
          return await next(input);
        } catch (error) {
          const type = error instanceof ApplicationFailure && error.type ? error.type : error instanceof Error ? error.name : 'unknown';
          activityFailures.inc({ activity: context.info.activityType, type });
          throw error;
        }
      },
    };
    return { inbound };
  };

  return { registry, activityFailures, activityInterceptor };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
