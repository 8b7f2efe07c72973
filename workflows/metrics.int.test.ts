// The worker's outbox gauges count the waiting mail and webhook deliveries when scraped.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { openDatabase, type MikroORM } from '../platform/database/orm.ts';
import { createLogger } from '../platform/logger.ts';
import { testStack } from '../test/support/stack.ts';
import { createWorkerMetrics } from './metrics.ts';

const stack = testStack();
let orm: MikroORM;
let superuser: pg.Client;

beforeAll(async () => {
  orm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
});

afterAll(async () => {
  await superuser.end();
  await orm.close();
});

const gauge = async (metrics: ReturnType<typeof createWorkerMetrics>, name: string, outbox: string) =>
  (await metrics.registry.getMetricsAsJSON()).find((metric) => metric.name === name)?.values.find((value) => value.labels.outbox === outbox)?.value;

describe('the worker metrics', () => {
  it('report the waiting mail and its age, and the waiting webhook deliveries, as the database holds them', async () => {
    await superuser.query(
      `insert into mail.outbox (id, recipient, template, created_at) values ($1, 'waiting@credence.test', 'metrics_probe', now() - interval '2 hours'), ($2, 'sent@credence.test', 'metrics_probe', now())`,
      [randomUUID(), randomUUID()],
    );
    const sent = await superuser.query(`update mail.outbox set status = 'SENT' where recipient = 'sent@credence.test' returning id`);
    expect(sent.rowCount).toBeGreaterThan(0);
    const metrics = createWorkerMetrics(orm);
    const [expected] = (await superuser.query(`select count(*) filter (where status in ('PENDING', 'SENDING'))::int as mail from mail.outbox`)).rows;
    const [webhooks] = (await superuser.query(`select count(*) filter (where status in ('PENDING', 'SENDING'))::int as waiting from credentials.webhook_deliveries`)).rows;

    expect(await gauge(metrics, 'credence_outbox_backlog', 'mail')).toBe(expected.mail);
    expect(expected.mail).toBeGreaterThan(0);
    expect(await gauge(metrics, 'credence_outbox_oldest_waiting_seconds', 'mail')).toBeGreaterThanOrEqual(7200);
    expect(await gauge(metrics, 'credence_outbox_backlog', 'webhooks')).toBe(webhooks.waiting);
    await superuser.query(`delete from mail.outbox where template = 'metrics_probe'`);
  });
});
