// Webhook delivery benchmark, on one embedded PostgreSQL migrated like production, as the worker's
// database role: BENCH_WEBHOOK_EVENTS events (default 2,000, over 10 organizations with one
// subscription each) written by enqueueWebhookEvent, then delivered by the worker's delivery
// (platform/webhooks-out/delivery.ts: claim a batch with `for update skip locked`, open the
// secret, sign, POST on a fresh connection to the address checked, record the attempt and settle)
// to a local loopback HTTP receiver that answers 204 and checks every signature with the
// `standardwebhooks` package. Measured: deliveries per second, end to end, at the delivery's
// default concurrency (10 per batch) and at 1.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { openDatabase } from '../platform/database/orm.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { createFieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { localKeyProvider } from '../platform/field-encryption/key-provider.ts';
import { newWebhookSecret } from '../platform/webhook-signing.ts';
import { createWebhookDelivery } from '../platform/webhooks-out/delivery.ts';
import { enqueueWebhookEvent } from '../platform/webhooks-out/events.ts';
import { sealSubscriptionSecret } from '../platform/webhooks-out/secrets.ts';
import { freePort } from '../stack/ports.ts';
import { anOrganization } from '../test/support/factories.ts';
import { benchLogger, SERVICE_PASSWORDS, withBenchDatabase, writeResults } from './support.ts';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 2_000);
const ORGANIZATIONS = 10;

await withBenchDatabase(async (postgres) => {
  const worker = await openDatabase({ url: postgres.serviceUrl(SERVICE_DATABASE_ROLES.worker, SERVICE_PASSWORDS.worker), logger: benchLogger });
  const identity = await openDatabase({ url: postgres.serviceUrl(SERVICE_DATABASE_ROLES.identity, SERVICE_PASSWORDS.identity), logger: benchLogger });
  const owner = await openDatabase({ url: postgres.superuserUrl(), logger: benchLogger });
  const encryption = createFieldEncryption(localKeyProvider([randomBytes(32)]));
  const secrets = new Map<string, Webhook>();
  const seen = new Set<string>();
  let received = 0;
  let badSignatures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received += 1;
      const organization = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
      try {
        secrets.get(organization)!.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        seen.add(String(req.headers['webhook-id']));
      } catch {
        badSignatures += 1;
      }
      res.writeHead(204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  try {
    const organizations = await Promise.all(Array.from({ length: ORGANIZATIONS }, (_, i) => anOrganization(identity, { name: `Webhook bench hospital ${i}` })));
    for (const organizationId of organizations) {
      const secret = newWebhookSecret();
      secrets.set(organizationId, new Webhook(secret));
      const id = randomUUID();
      const sealed = await worker.em.fork().transactional(async (em) => sealSubscriptionSecret(em, await encryption.forOrganization(em, organizationId), id, 'secret', secret));
      await owner.em.fork().execute(
        `insert into credentials.webhook_subscriptions (id, organization_id, url, events, secret) values (?, ?, ?, '{verification.completed}', ?)`,
        [id, organizationId, `http://127.0.0.1:${port}/${organizationId}`, sealed],
      );
    }

    const run = async (concurrency: number) => {
      const enqueueStarted = performance.now();
      for (let start = 0; start < EVENTS; start += 100) {
        await worker.em.fork().transactional(async (em) => {
          for (let i = start; i < Math.min(start + 100, EVENTS); i += 1) {
            await enqueueWebhookEvent(em, {
              organizationId: organizations[i % ORGANIZATIONS]!, type: 'verification.completed',
              data: { credentialId: randomUUID(), physicianId: randomUUID(), credentialType: 'STATE_LICENSE', status: 'VERIFIED' },
            });
          }
        });
      }
      const enqueueMs = performance.now() - enqueueStarted;
      const delivery = createWebhookDelivery({ orm: worker, encryption, rules: { production: false }, logger: benchLogger, options: { concurrency } });
      const started = performance.now();
      let delivered = 0;
      for (;;) {
        const result = await delivery.deliverDue();
        delivered += result.delivered;
        assert.equal(result.retrying + result.failed, 0);
        if (result.claimed === 0) break;
      }
      const ms = performance.now() - started;
      assert.equal(delivered, EVENTS);
      return { concurrency, events: EVENTS, enqueueMs, deliveryMs: ms, perSecond: EVENTS / (ms / 1000), enqueuedPerSecond: EVENTS / (enqueueMs / 1000) };
    };
    const results = [await run(10), await run(1)];
    assert.equal(badSignatures, 0);
    assert.equal(seen.size, EVENTS * 2);
    assert.equal(received, EVENTS * 2);
    for (const result of results) {
      console.log(`webhooks: ${result.events.toLocaleString('en-US')} deliveries at concurrency ${result.concurrency}: ${(result.deliveryMs / 1000).toFixed(2)} s, ${result.perSecond.toFixed(0)} deliveries/s (events written at ${result.enqueuedPerSecond.toFixed(0)}/s)`);
    }
    console.log(`every signature verified by standardwebhooks (${received.toLocaleString('en-US')} requests, ${seen.size.toLocaleString('en-US')} distinct ids)`);
    console.log(`results: ${writeResults('webhooks', { organizations: ORGANIZATIONS, results })}`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await owner.close();
    await identity.close();
    await worker.close();
  }
});
