// Webhooks out on the real stack: subscriptions through the credentials subgraph (roles, bad
// input, the secret shown once and stored sealed, rotation, deletion, audit), and deliveries by
// the real worker on the Temporal dev server to a loopback receiver that fails twice then accepts,
// checking every signature with the `standardwebhooks` package and processing each webhook-id
// once. A worker dying between the receiver's answer and its record sends the same id again,
// which the receiver drops. In production a loopback endpoint is never reached.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Webhook } from 'standardwebhooks';
import type { MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { createWebhookDelivery } from '../../platform/webhooks-out/delivery.ts';
import { enqueueWebhookEvent } from '../../platform/webhooks-out/events.ts';
import { freePort } from '../../stack/ports.ts';
import { anOrganization, refusalCodeOf, refusalDetailsOf } from '../../test/support/factories.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { callerFor, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { startCredentialsSubgraph, startCredentialsSuite, until, type CredentialsSuite } from '../../test/support/verification.ts';
import { createWorker } from '../worker.ts';
import { WEBHOOK_DELIVERY_WORKFLOW } from './workflow.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let suite: CredentialsSuite;
let call: CredentialsSuite['call'];
let worker: MikroORM;
let identity: MikroORM;
let connection: Connection;

const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { webhookSubscriptionSecret { secret subscription { id url events createdAt secretRotatedAt previousSecretExpiresAt } } userErrors { code message field reason details } } }`;
const LIST = `{ webhookSubscriptions { nodes { id url events } } }`;
const ROTATE = `mutation($id: ID!) { rotateWebhookSecret(id: $id) { webhookSubscriptionSecret { secret subscription { id secretRotatedAt previousSecretExpiresAt } } userErrors { code message field reason details } } }`;
const DELETE = `mutation($id: ID!) { deleteWebhookSubscription(id: $id) { deleted userErrors { code message field reason details } } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(subscriptionId: $id) { nodes { eventId eventType status attempts lastHttpStatus lastErrorCode nextAttemptAt deliveredAt } } }`;

const HISTORIES = new URL('./histories/', import.meta.url);

/** Keeps a run's history for replay.test.ts when RECORD_HISTORIES=1. */
async function keepHistory(client: Client, name: string, workflowId: string) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  mkdirSync(HISTORIES, { recursive: true });
  const { History } = temporal.api.history.v1;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  writeFileSync(new URL(`${name}.json`, HISTORIES), `${JSON.stringify(History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String }))}\n`);
}

const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);
const detailCodeOf = (result: GraphQLResponse) => refusalDetailsOf(result)?.reason;

interface Received { id: string; headers: IncomingHttpHeaders; body: string }

/** A loopback receiver: answers the first `failures` requests 503, then checks, dedups and processes. */
async function startReceiver(options: { failures: number; secret: () => string }) {
  const received: Received[] = [];
  const processed: unknown[] = [];
  const seen = new Set<string>();
  let failuresLeft = options.failures;
  let badSignatures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id']);
      received.push({ id, headers: req.headers, body });
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(503).end();
        return;
      }
      let payload: unknown;
      try {
        payload = new Webhook(options.secret()).verify(body, req.headers as Record<string, string>);
      } catch {
        badSignatures += 1;
        res.writeHead(401).end();
        return;
      }
      // The receiver's dedup: an id already processed is acknowledged and not processed again.
      if (!seen.has(id)) {
        seen.add(id);
        processed.push(payload);
      }
      res.writeHead(204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/credence/hooks`,
    received,
    processed,
    badSignatures: () => badSignatures,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function subscribe(organizationId: string, url: string, events: string[]) {
  const created = await call<{ createWebhookSubscription: { webhookSubscriptionSecret: { secret: string; subscription: { id: string } } } }>(callerFor('ORG_ADMIN', organizationId), CREATE, { input: { url, events } });
  expect(created.errors).toBeUndefined();
  return created.data!.createWebhookSubscription.webhookSubscriptionSecret;
}

beforeAll(async () => {
  suite = await startCredentialsSuite();
  ({ call, worker, identity } = suite);
  connection = await suite.temporal();
});

afterAll(() => suite.close());

describe('webhook subscriptions', () => {
  it('are made, listed, rotated and deleted by owners and admins only, with bad input refused and every change audited', async () => {
    const organizationId = await anOrganization(identity, { name: 'Webhook hospital' });
    const admin = callerFor('ORG_ADMIN', organizationId);
    const input = { url: 'http://127.0.0.1:9/hooks', events: ['VERIFICATION_COMPLETED', 'PHYSICIAN_EXCLUDED', 'VERIFICATION_COMPLETED'] };
    for (const role of ['CREDENTIALING_STAFF', 'PHYSICIAN', 'AUDITOR'] as const) {
      expect(codeOf(await call(callerFor(role, organizationId), CREATE, { input }))).toBe('FORBIDDEN');
      expect(codeOf(await call(callerFor(role, organizationId), LIST))).toBe('FORBIDDEN');
    }
    for (const [url, code] of [
      ['not a url', 'WEBHOOK_URL_INVALID'],
      ['ftp://hooks.example.com/', 'WEBHOOK_URL_NOT_HTTPS'],
      ['http://hooks.example.com/', 'WEBHOOK_URL_NOT_HTTPS'],
      ['https://user:secret@hooks.example.com/', 'WEBHOOK_URL_CREDENTIALS'],
      [`https://hooks.example.com/${'a'.repeat(2000)}`, 'WEBHOOK_URL_TOO_LONG'],
    ] as const) {
      const refused = await call(admin, CREATE, { input: { ...input, url } });
      expect([url.slice(0, 40), codeOf(refused), detailCodeOf(refused)]).toEqual([url.slice(0, 40), 'BAD_USER_INPUT', code]);
    }
    expect(codeOf(await call(admin, CREATE, { input: { ...input, events: [] } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await call(admin, CREATE, { input: { ...input, events: ['NOT_AN_EVENT'] } }))).toBe('BAD_USER_INPUT');
    expect((await call(admin, LIST)).data).toEqual({ webhookSubscriptions: { nodes: [] } }); // nothing half-written

    const created = await call<{ createWebhookSubscription: { webhookSubscriptionSecret: { secret: string; subscription: { id: string; events: string[]; secretRotatedAt: string | null } } } }>(callerFor('ORG_OWNER', organizationId), CREATE, { input });
    const { secret, subscription } = created.data!.createWebhookSubscription.webhookSubscriptionSecret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(subscription).toMatchObject({ events: ['VERIFICATION_COMPLETED', 'PHYSICIAN_EXCLUDED'], secretRotatedAt: null });
    expect((await call(admin, LIST)).data).toEqual({ webhookSubscriptions: { nodes: [{ id: subscription.id, url: 'http://127.0.0.1:9/hooks', events: ['VERIFICATION_COMPLETED', 'PHYSICIAN_EXCLUDED'] }] } });
    // Stored sealed: the column holds neither the secret nor its key bytes.
    const [stored] = await worker.em.fork().execute<{ secret: Buffer }[]>(`select secret from credentials.webhook_subscriptions where id = ?`, [subscription.id]);
    expect(stored!.secret.includes(Buffer.from(secret))).toBe(false);
    expect(stored!.secret.includes(Buffer.from(secret.slice(6), 'base64'))).toBe(false);

    // Another organization sees none of it.
    const stranger = callerFor('ORG_ADMIN', await anOrganization(identity, { name: 'Other webhook hospital' }));
    expect((await call(stranger, LIST)).data).toEqual({ webhookSubscriptions: { nodes: [] } });
    expect(codeOf(await call(stranger, ROTATE, { id: subscription.id }))).toBe('NOT_FOUND');
    expect(codeOf(await call(stranger, DELETE, { id: subscription.id }))).toBe('NOT_FOUND');
    expect(codeOf(await call(stranger, DELIVERIES, { id: subscription.id }))).toBe('NOT_FOUND');
    expect(codeOf(await call(callerFor('CREDENTIALING_STAFF', organizationId), ROTATE, { id: subscription.id }))).toBe('FORBIDDEN');

    const rotated = await call<{ rotateWebhookSecret: { webhookSubscriptionSecret: { secret: string; subscription: { secretRotatedAt: string; previousSecretExpiresAt: string } } } }>(admin, ROTATE, { id: subscription.id });
    const rotation = rotated.data!.rotateWebhookSecret.webhookSubscriptionSecret;
    expect(rotation.secret).toMatch(/^whsec_/);
    expect(rotation.secret).not.toBe(secret);
    const graceHours = (Date.parse(rotation.subscription.previousSecretExpiresAt) - Date.parse(rotation.subscription.secretRotatedAt)) / 3600_000;
    expect(Math.round(graceHours)).toBe(24);

    expect((await call(admin, DELETE, { id: subscription.id })).data).toEqual({ deleteWebhookSubscription: { deleted: true, userErrors: [] } });
    expect((await call(admin, LIST)).data).toEqual({ webhookSubscriptions: { nodes: [] } });
    expect(codeOf(await call(admin, DELETE, { id: subscription.id }))).toBe('NOT_FOUND');
    expect(codeOf(await call(admin, ROTATE, { id: 'not-an-id' }))).toBe('NOT_FOUND');
    const [erased] = await worker.em.fork().execute<{ secret: Buffer | null; previous_secret: Buffer | null }[]>(
      `select secret, previous_secret from credentials.webhook_subscriptions where id = ?`, [subscription.id]);
    expect(erased).toEqual({ secret: null, previous_secret: null });

    const events = await worker.em.fork().execute<{ action: string; reason: string; actor_role: string }[]>(
      `select action, reason, actor_role from audit.events where organization_id = ? and resource_type = 'WebhookSubscription' and outcome = 'SUCCESS' order by seq`, [organizationId]);
    expect(events).toEqual([
      { action: 'CREATE', reason: 'webhook_subscription:created:2', actor_role: 'ORG_OWNER' },
      { action: 'UPDATE', reason: 'webhook_subscription:secret_rotated', actor_role: 'ORG_ADMIN' },
      { action: 'DELETE', reason: 'webhook_subscription:deleted', actor_role: 'ORG_ADMIN' },
    ]);
  });
});

describe('webhook subscriptions in production', () => {
  it('refuse endpoints on loopback or private addresses, by literal or after resolution, and store nothing', async () => {
    const production = await startCredentialsSubgraph({ NODE_ENV: 'production' });
    try {
      const organizationId = await anOrganization(identity, { name: 'Production webhook hospital' });
      const admin = callerFor('ORG_ADMIN', organizationId);
      for (const [url, code] of [
        ['http://127.0.0.1:8080/hooks', 'WEBHOOK_URL_NOT_HTTPS'],
        ['https://127.0.0.1:8443/hooks', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
        ['https://2130706433/hooks', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
        ['https://[::ffff:10.0.0.1]/hooks', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
        ['https://169.254.169.254/latest/meta-data/', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
        // A name: refused once resolved (localhost resolves to loopback).
        ['https://localhost:8443/hooks', 'WEBHOOK_URL_PRIVATE_ADDRESS'],
      ] as const) {
        const refused = await production.call(admin, CREATE, { input: { url, events: ['VERIFICATION_COMPLETED'] } });
        expect([url, codeOf(refused), detailCodeOf(refused)]).toEqual([url, 'BAD_USER_INPUT', code]);
      }
      expect((await production.call(admin, LIST)).data).toEqual({ webhookSubscriptions: { nodes: [] } });
    } finally {
      await production.close();
    }
  });
});

describe('webhook delivery', () => {
  it('retries a failing endpoint with the same id until it accepts, signed, processed once, each attempt in the log', async () => {
    const organizationId = await anOrganization(identity, { name: 'Receiving hospital' });
    let secret = '';
    const receiver = await startReceiver({ failures: 2, secret: () => secret });
    const base = await testActivityDeps(worker);
    const taskQueue = `test-webhooks-${randomUUID()}`;
    const client = new Client({ connection });
    const { worker: running, connection: workerConnection } = await createWorker({
      temporal: { address: stack.temporalAddress, namespace: 'default', taskQueue },
      deps: { ...base, webhooks: { rules: { production: false }, options: { firstDelaySeconds: 0.2, maxDelaySeconds: 1 } } },
      logger,
    });
    const runs: { workflowId: string; result: { delivered: number; retrying: number } }[] = [];
    const runDelivery = async () => {
      const workflowId = `webhook-delivery-${randomUUID()}`;
      runs.push({ workflowId, result: await client.workflow.execute(WEBHOOK_DELIVERY_WORKFLOW, { taskQueue, workflowId }) });
    };
    try {
      await running.runUntil(async () => {
        const made = await subscribe(organizationId, receiver.url, ['VERIFICATION_COMPLETED']);
        secret = made.secret;
        // An event this subscription did not ask for writes nothing for it.
        const ignored = await worker.em.fork().transactional((em) => enqueueWebhookEvent(em, {
          organizationId, type: 'credential.expired', data: { credentialId: randomUUID(), physicianId: randomUUID(), credentialType: 'DEA' },
        }));
        expect(ignored.deliveries).toBe(0);
        const credentialId = randomUUID();
        const { eventId, deliveries } = await worker.em.fork().transactional((em) => enqueueWebhookEvent(em, {
          organizationId, type: 'verification.completed', data: { credentialId, physicianId: randomUUID(), credentialType: 'MEDICAL_LICENSE', status: 'VERIFIED' },
        }));
        expect(deliveries).toBe(1);

        const delivered = await until('the delivery to be accepted', async () => {
          await runDelivery();
          const log = await call<{ webhookDeliveries: { nodes: { status: string; attempts: number }[] } }>(callerFor('ORG_ADMIN', organizationId), DELIVERIES, { id: made.subscription.id });
          const [node] = log.data!.webhookDeliveries.nodes;
          return node?.status === 'DELIVERED' ? log.data!.webhookDeliveries.nodes : null;
        });
        expect(delivered).toEqual([{ eventId, eventType: 'VERIFICATION_COMPLETED', status: 'DELIVERED', attempts: 3, lastHttpStatus: 204, lastErrorCode: null, nextAttemptAt: null, deliveredAt: expect.any(String) }]);
        expect(receiver.received.map((request) => request.id)).toEqual([eventId, eventId, eventId]);
        // The same body every time; each attempt's signature checks out with the independent verifier.
        expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
        for (const request of receiver.received) expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toMatchObject({ type: 'verification.completed' });
        expect(receiver.badSignatures()).toBe(0);
        await keepHistory(client, 'retrying', runs.find((run) => run.result.retrying > 0)!.workflowId);
        await keepHistory(client, 'delivered', runs.find((run) => run.result.delivered > 0)!.workflowId);
        expect(receiver.processed).toEqual([{ type: 'verification.completed', timestamp: expect.any(String), data: { credentialId, physicianId: expect.any(String), credentialType: 'MEDICAL_LICENSE', status: 'VERIFIED' } }]);
        const attempts = await worker.em.fork().execute<{ attempt: number; http_status: number; error_code: string | null }[]>(
          `select a.attempt, a.http_status, a.error_code from credentials.webhook_delivery_attempts a join credentials.webhook_deliveries d on d.id = a.delivery_id
            where d.event_id = ? order by a.attempt`, [eventId]);
        expect(attempts).toEqual([
          { attempt: 1, http_status: 503, error_code: 'http_503' },
          { attempt: 2, http_status: 503, error_code: 'http_503' },
          { attempt: 3, http_status: 204, error_code: null },
        ]);

        // A worker that died after the receiver accepted, before it recorded so: the lease runs out
        // and the delivery goes again under the same id, which the receiver acknowledges and drops.
        await worker.em.fork().execute(
          `update credentials.webhook_deliveries set status = 'SENDING', delivered_at = null, claimed_by = gen_random_uuid(), claimed_until = now() - interval '1 second' where event_id = ?`, [eventId]);
        await runDelivery();
        expect(receiver.received.map((request) => request.id)).toEqual([eventId, eventId, eventId, eventId]);
        expect(receiver.processed).toHaveLength(1);

        // During a rotation both secrets sign: a receiver still on the old one verifies.
        const previous = secret;
        const rotated = await call<{ rotateWebhookSecret: { webhookSubscriptionSecret: { secret: string } } }>(callerFor('ORG_ADMIN', organizationId), ROTATE, { id: made.subscription.id });
        const { eventId: second } = await worker.em.fork().transactional((em) => enqueueWebhookEvent(em, {
          organizationId, type: 'verification.completed', data: { credentialId, physicianId: randomUUID(), credentialType: 'MEDICAL_LICENSE', status: 'REJECTED' },
        }));
        await until('the second event', async () => {
          await runDelivery();
          return receiver.received.some((request) => request.id === second);
        });
        const last = receiver.received.find((request) => request.id === second)!;
        expect(String(last.headers['webhook-signature']).split(' ')).toHaveLength(2);
        expect(new Webhook(previous).verify(last.body, last.headers as Record<string, string>)).toMatchObject({ data: { status: 'REJECTED' } });
        expect(new Webhook(rotated.data!.rotateWebhookSecret.webhookSubscriptionSecret.secret).verify(last.body, last.headers as Record<string, string>)).toMatchObject({ data: { status: 'REJECTED' } });

        // Deleted: what is still waiting is not sent.
        const { eventId: third } = await worker.em.fork().transactional((em) => enqueueWebhookEvent(em, {
          organizationId, type: 'verification.completed', data: { credentialId, physicianId: randomUUID(), credentialType: 'MEDICAL_LICENSE', status: 'VERIFIED' },
        }));
        await call(callerFor('ORG_ADMIN', organizationId), DELETE, { id: made.subscription.id });
        await runDelivery();
        const [cancelled] = await worker.em.fork().execute<{ status: string }[]>(`select status from credentials.webhook_deliveries where event_id = ?`, [third]);
        expect(cancelled).toEqual({ status: 'CANCELLED' });
        expect(receiver.received.some((request) => request.id === third)).toBe(false);
      });
    } finally {
      await workerConnection.close();
      await receiver.close();
    }
  });

  it('in production never reaches a loopback endpoint, and gives up audited after its last attempt', async () => {
    const organizationId = await anOrganization(identity, { name: 'Production hospital' });
    const receiver = await startReceiver({ failures: 0, secret: () => 'whsec_unused' });
    const base = await testActivityDeps(worker);
    try {
      // Subscribed outside production (loopback allowed there), delivered by a production worker.
      const made = await subscribe(organizationId, receiver.url.replace('http://', 'https://'), ['PHYSICIAN_EXCLUDED']);
      const named = await subscribe(organizationId, 'https://hooks.example.com/credence', ['PHYSICIAN_EXCLUDED']);
      const { eventId } = await worker.em.fork().transactional((em) => enqueueWebhookEvent(em, {
        organizationId, type: 'physician.excluded', data: { physicianId: randomUUID(), matchId: randomUUID(), list: 'OIG_LEIE', matchedBy: 'NPI' },
      }));
      // The name resolves to loopback now (a rebinding DNS answer): refused after resolution.
      const delivery = createWebhookDelivery({
        orm: worker, encryption: base.encryption, rules: { production: true }, options: { maxAttempts: 1 },
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      });
      await until('both deliveries settled', async () => {
        await delivery.deliverDue();
        const rows = await worker.em.fork().execute<{ status: string }[]>(`select status from credentials.webhook_deliveries where event_id = ? and status = 'FAILED'`, [eventId]);
        return rows.length === 2;
      });
      expect(receiver.received).toEqual([]);
      const rows = await worker.em.fork().execute<{ id: string; subscription_id: string; last_error: string; last_http_status: number | null }[]>(
        `select id, subscription_id, last_error, last_http_status from credentials.webhook_deliveries where event_id = ? order by subscription_id`, [eventId]);
      expect(rows.map(({ subscription_id, last_error, last_http_status }) => ({ subscription_id, last_error, last_http_status })).sort((a, b) => a.subscription_id.localeCompare(b.subscription_id))).toEqual(
        [{ subscription_id: made.subscription.id, last_error: 'endpoint_private_address', last_http_status: null }, { subscription_id: named.subscription.id, last_error: 'endpoint_private_address', last_http_status: null }]
          .sort((a, b) => a.subscription_id.localeCompare(b.subscription_id)));
      const audited = await worker.em.fork().execute<{ resource_id: string; reason: string; outcome: string }[]>(
        `select resource_id, reason, outcome from audit.events where organization_id = ? and resource_type = 'WebhookDelivery'`, [organizationId]);
      expect(audited.map((event) => event.resource_id).sort()).toEqual(rows.map((row) => row.id).sort());
      expect(new Set(audited.map((event) => `${event.outcome} ${event.reason}`))).toEqual(new Set(['FAILURE webhook_delivery:failed:endpoint_private_address']));
    } finally {
      await receiver.close();
    }
  });
});
