// Delivery of the mail outbox against a slow SMTP server: a message of a batch whose lease ran out
// while another message of the batch was being sent, and that another worker took and sent, is
// not sent a second time by the first worker.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { openDatabase, type MikroORM } from '../database/orm.ts';
import { createLogger } from '../logger.ts';
import { freePort } from '../../stack/ports.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import type { FieldEncryption } from '../field-encryption/data-keys.ts';
import { createMailDelivery } from './delivery.ts';
import { sealOutboxSecret } from './outbox.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let workerOrm: MikroORM;
let superuser: pg.Client;
let encryption: FieldEncryption;

/** A real SMTP server on loopback that holds the first message it receives until released. */
async function startHoldingServer() {
  const received: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let holding = false;
  let held = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        if (!held) {
          held = true;
          holding = true;
          void released.then(() => {
            received.push(...recipients);
            callback();
          });
          return;
        }
        received.push(...recipients);
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    isHolding: () => holding,
    release,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger });
  ({ encryption } = await testActivityDeps(workerOrm));
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
});

afterAll(async () => {
  await workerOrm.close();
  await superuser.end();
});

describe('mail delivery with a server slower than the lease', () => {
  it('does not send again a message that another worker took over and sent', async () => {
    const server = await startHoldingServer();
    const settings = { smtpUrl: server.url, from: 'Credence <no-reply@credence.test>', publicUrl: 'https://credence.test' };
    const first = createMailDelivery({ orm: workerOrm, mail: settings, encryption, options: { batchSize: 2 } });
    const second = createMailDelivery({ orm: workerOrm, mail: settings, encryption, options: { batchSize: 2 } });
    const [slow, next] = [`slow-${randomUUID()}@example.test`, `next-${randomUUID()}@example.test`];
    const ids = [randomUUID(), randomUUID()];
    try {
      // Due long ago: the first worker's batch is these two (sent in no particular order).
      await superuser.query(
        `insert into mail.outbox (id, organization_id, recipient, template, parameters, secret, next_attempt_at)
         values ($1, null, $3, 'password_reset', '{"minutes":30}', $5, now() - interval '10 years'),
                ($2, null, $4, 'password_reset', '{"minutes":30}', $6, now() - interval '10 years' + interval '1 second')`,
        [ids[0], ids[1], slow, next, ...(await Promise.all(ids.map((id) => sealOutboxSecret(encryption, workerOrm.em.fork(), id, 'S'.repeat(43)))))],
      );
      const firstRun = first.deliverDue();
      for (const deadline = Date.now() + 20_000; !server.isHolding() && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(server.isHolding()).toBe(true);

      // The server is so slow that the batch's lease runs out; another worker takes both and sends them.
      await superuser.query(`update mail.outbox set claimed_until = now() - interval '1 second' where id = any($1::uuid[])`, [ids]);
      const secondRun = await second.deliverDue();
      expect(secondRun.claimed).toBeGreaterThanOrEqual(1);
      server.release();
      await firstRun;

      // The message the first worker was sending when its lease ran out arrives twice (at least
      // once: it was already on the wire); the other one, only from the worker that took it over.
      const counts = [slow, next].map((recipient) => server.received.filter((address) => address === recipient).length).sort();
      expect(counts).toEqual([1, 2]);
      const { rows } = await superuser.query(`select status, secret from mail.outbox where id = any($1::uuid[])`, [ids]);
      expect(rows).toEqual([{ status: 'SENT', secret: null }, { status: 'SENT', secret: null }]);
    } finally {
      first.close();
      second.close();
      server.release();
      await server.close();
      await superuser.query(`delete from mail.outbox where id = any($1::uuid[])`, [ids]);
    }
  });
});
