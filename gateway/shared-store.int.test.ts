// What gateway copies share through one Redis (a real redis-server on the loopback address), from
// the attacker's side. Rate limits: the copies spend from one budget, so spreading sign-in attempts
// over copies gains nothing; beyond the budget, 429 with Retry-After; and when Redis goes away,
// freezes or is not there at start, every copy keeps limiting from its own memory, never answering
// 500. Webhooks: an id received by one copy is refused as a replay by the other, and while Redis
// does not answer, deliveries are refused with 503 for the sender to retry, never accepted unchecked.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { loadConfig } from '../platform/config.ts';
import { closeServer, listen } from '../platform/http.ts';
import { createLogger } from '../platform/logger.ts';
import { composeSupergraph } from '../schema/compose.ts';
import { freePort } from '../stack/ports.ts';
import { consoleProgress } from '../stack/progress.ts';
import { resolveRedisServer, startRedisServer, type RunningRedis } from '../stack/redis-server.ts';
import { anAddressOfItsOwn } from '../test/support/addresses.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { deliverWebhook } from '../test/support/webhooks.ts';
import { testStack } from '../test/support/stack.ts';
import { createGatewayApp } from './server.ts';
import { createSharedStore, type SharedStore } from './shared-store.ts';
import type { WebhookEvent } from './webhooks.ts';
import { refusalCodeOf } from '../test/support/factories.ts';

const stack = testStack();
const harness = gatewayHarness();
const logger = createLogger({ service: 'test', level: 'silent' });
const SIGN_IN_BUDGET = 3;
const IP_BUDGET = 8;
const WEBHOOK_SECRET = new Uint8Array(Buffer.alloc(32, 7));
/** The webhook events the handlers of every copy received, and the ids whose next delivery fails. */
const received: WebhookEvent[] = [];
const failingIds = new Set<string>();

let redisServer: string;
let redis: RunningRedis;
let supergraphPath: string;
let copyA: Gateway;
let copyB: Gateway;
const gateways: Gateway[] = [];

interface Gateway { url: string; store: 'memory' | 'redis'; stop(): Promise<void> }

/** A gateway copy as serveGateway builds it (rate limits included), over the harness's subgraphs. */
async function startGateway(env: Record<string, string>): Promise<Gateway> {
  const config = loadConfig('gateway', {
    ...stack.serviceEnv.gateway,
    IDENTITY_URL: harness.subgraphUrls.identity, CREDENTIALS_URL: harness.subgraphUrls.credentials, AUDIT_URL: harness.subgraphUrls.audit,
    SUPERGRAPH_PATH: supergraphPath, TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_TASK_QUEUE: harness.taskQueue,
    METRICS_PORT: '0', NODE_ENV: 'test', TRUST_PROXY: 'loopback', // the attacker's address arrives in X-Forwarded-For from the load balancer (this test, on loopback)
    AUTH_RATE_LIMIT_PER_MINUTE: String(SIGN_IN_BUDGET), RATE_LIMIT_PER_MINUTE: String(IP_BUDGET),
    WEBHOOK_SECRETS: `board-results:${Buffer.from(WEBHOOK_SECRET).toString('base64')}`, ...env,
  });
  const webhookHandlers = {
    'board-results': async (event: WebhookEvent) => {
      if (failingIds.delete(event.id)) throw new Error('downstream unavailable');
      received.push(event);
    },
  };
  const { app, apollo, readiness, accessTokens, sharedStore } = await createGatewayApp({ config, logger, webhookHandlers });
  const server: Server = await listen(app, '127.0.0.1', await freePort(), 'test gateway');
  const address = server.address();
  const gateway: Gateway = {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    store: sharedStore.kind,
    async stop() {
      gateways.splice(gateways.indexOf(gateway), 1);
      await closeServer(server);
      await accessTokens.close();
      await apollo.stop();
      await readiness.close();
      await sharedStore.close();
    },
  };
  gateways.push(gateway);
  return gateway;
}

interface Answer { status: number; retryAfter: string | null; code: unknown; ms: number }

async function send(gateway: Gateway, attackerIp: string, query: string): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': attackerIp },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: refusalCodeOf(body), ms: Date.now() - started };
}

let guesses = 0;
/** One password guess, for an account that does not exist (identity's own lockout stays out of the way). */
const guessPassword = (gateway: Gateway, attackerIp: string) =>
  send(gateway, attackerIp, `mutation { login(input: { email: "victim-${(guesses += 1)}@example.org", password: "guess number ${guesses} of many" }) { loginResult { status } userErrors { code message field reason details } } }`);

async function errorCode(response: Response): Promise<unknown> {
  return ((await response.json()) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;
}

/** Edge refusals: 429, RATE_LIMITED, and a Retry-After within the one-minute window. */
function expectRefused(answer: Answer) {
  expect(answer.status).toBe(429);
  expect(answer.code).toBe('RATE_LIMITED');
  expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(60);
}

function expectPassed(answer: Answer) {
  expect(answer.status).toBe(200); // reached identity, which refused the guess in the GraphQL response
  expect(answer.retryAfter).toBeNull();
}

/** How many clients other than the test's own are connected to Redis. */
async function redisClients(): Promise<number> {
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    const list = (await client.client('LIST')) as string;
    return list.split('\n').filter(Boolean).length - 1;
  } finally {
    client.disconnect();
  }
}

async function waitFor(condition: () => Promise<boolean>, what: string, seconds = 10) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  redisServer = await resolveRedisServer(consoleProgress());
  redis = await startRedisServer(redisServer);
  await harness.startSubgraphs();
  supergraphPath = join(mkdtempSync(join(tmpdir(), 'credence-supergraph-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph());
  copyA = await startGateway({ REDIS_URL: redis.url });
  copyB = await startGateway({ REDIS_URL: redis.url });
}, 120_000);

afterAll(async () => {
  for (const gateway of [...gateways]) await gateway.stop();
  await redis?.stop();
  await harness.stopSubgraphs();
});

describe('gateway copies sharing one REDIS_URL', () => {
  it('keep their budgets in Redis', () => {
    expect([copyA.store, copyB.store]).toEqual(['redis', 'redis']);
  });

  it('give an attacker who alternates between them one sign-in budget, not one per copy', async () => {
    const attacker = anAddressOfItsOwn();
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < SIGN_IN_BUDGET + 3; attempt += 1) answers.push(await guessPassword(attempt % 2 ? copyB : copyA, attacker));
    answers.slice(0, SIGN_IN_BUDGET).forEach(expectPassed);
    answers.slice(SIGN_IN_BUDGET).forEach(expectRefused); // on both copies
    // Another address still has its own budget.
    expectPassed(await guessPassword(copyB, anAddressOfItsOwn()));
  });

  it('share the per-IP budget of every request too', async () => {
    const attacker = anAddressOfItsOwn();
    for (let request = 0; request < IP_BUDGET; request += 1) expect((await send(request % 2 ? copyB : copyA, attacker, '{ __typename }')).status).toBe(200);
    expectRefused(await send(copyA, attacker, '{ __typename }'));
    expectRefused(await send(copyB, attacker, '{ __typename }'));
  });

  it('without Redis, by contrast, each copy keeps a budget of its own', async () => {
    const memoryA = await startGateway({});
    const memoryB = await startGateway({});
    try {
      expect(memoryA.store).toBe('memory');
      const attacker = anAddressOfItsOwn();
      const answers: Answer[] = [];
      for (let attempt = 0; attempt < 2 * SIGN_IN_BUDGET; attempt += 1) answers.push(await guessPassword(attempt % 2 ? memoryB : memoryA, attacker));
      answers.forEach(expectPassed); // twice the budget: what sharing one Redis prevents
    } finally {
      await memoryA.stop();
      await memoryB.stop();
    }
  });
});

describe.each(['memory', 'redis'] as const)('claims in the %s store', (kind) => {
  let store: SharedStore;
  beforeAll(async () => {
    store = await createSharedStore(kind === 'redis' ? redis.url : null, logger);
  });
  afterAll(() => store.close());

  it('grant a key once until it lapses, and let only its own claim give it back', async () => {
    const key = `test:${randomUUID()}`;
    expect(await store.claimOnce(key, 'first', 300)).toBe(true);
    expect(await store.claimOnce(key, 'second', 300)).toBe(false);
    await store.release(key, 'second'); // not its claim: nothing changes
    expect(await store.claimOnce(key, 'third', 300)).toBe(false);
    await store.release(key, 'first');
    expect(await store.claimOnce(key, 'fourth', 300)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await store.claimOnce(key, 'fifth', 300)).toBe(true); // lapsed
  });
});

describe('webhooks received by gateway copies sharing one REDIS_URL', () => {
  /** A provider's delivery, from its own address (each test its own, so the IP budget stays out of the way). */
  const deliver = (gateway: Gateway, from: string, id: string) =>
    deliverWebhook(gateway.url, { id, signWith: WEBHOOK_SECRET, headers: { 'x-forwarded-for': from } });

  it('refuse on one copy the replay of a delivery the other accepted', async () => {
    const id = `msg_${randomUUID()}`;
    expect((await deliver(copyA, '203.0.113.1', id)).status).toBe(204);
    const replay = await deliver(copyB, '203.0.113.1', id);
    expect(replay.status).toBe(409);
    expect(await errorCode(replay)).toBe('CONFLICT');
    expect((await deliver(copyA, '203.0.113.1', id)).status).toBe(409);
    expect(received.filter((event) => event.id === id)).toHaveLength(1);
  });

  it('let the retry of a delivery one copy could not handle through on the other', async () => {
    const id = `msg_${randomUUID()}`;
    failingIds.add(id);
    expect((await deliver(copyA, '203.0.113.2', id)).status).toBe(503);
    expect((await deliver(copyB, '203.0.113.2', id)).status).toBe(204);
    expect((await deliver(copyA, '203.0.113.2', id)).status).toBe(409);
    expect(received.filter((event) => event.id === id)).toHaveLength(1);
  });

  it('without Redis, by contrast, each copy remembers only its own deliveries', async () => {
    const memoryA = await startGateway({});
    const memoryB = await startGateway({});
    try {
      const id = `msg_${randomUUID()}`;
      expect((await deliver(memoryA, '203.0.113.3', id)).status).toBe(204);
      expect((await deliver(memoryA, '203.0.113.3', id)).status).toBe(409);
      expect((await deliver(memoryB, '203.0.113.3', id)).status).toBe(204); // what sharing one Redis prevents
    } finally {
      await memoryA.stop();
      await memoryB.stop();
    }
  });
});

describe('when Redis fails', () => {
  it('keeps limiting while Redis is frozen, answering within a bounded time, never 500', async () => {
    const attacker = '198.51.100.10';
    redis.pause();
    try {
      const answers: Answer[] = [];
      for (let attempt = 0; attempt <= SIGN_IN_BUDGET; attempt += 1) answers.push(await guessPassword(copyA, attacker));
      for (const answer of answers) {
        expect([200, 429]).toContain(answer.status);
        expect(answer.ms).toBeLessThan(5000); // each limiter waits at most its command timeout for Redis
      }
      expectRefused(answers.at(-1)!); // this copy's memory budget is spent
    } finally {
      redis.resume();
    }
  });

  it('refuses webhooks with 503 and Retry-After while Redis is frozen, and accepts the retry once it answers', async () => {
    const id = `msg_${randomUUID()}`;
    redis.pause();
    let refused: Response;
    const started = Date.now();
    try {
      refused = await deliverWebhook(copyA.url, { id, signWith: WEBHOOK_SECRET, headers: { 'x-forwarded-for': '203.0.113.10' } });
    } finally {
      redis.resume();
    }
    expect(Date.now() - started).toBeLessThan(5000);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorCode(refused)).toBe('SERVICE_UNAVAILABLE');
    expect(received.some((event) => event.id === id)).toBe(false); // not handled unchecked
    expect((await deliverWebhook(copyB.url, { id, signWith: WEBHOOK_SECRET, headers: { 'x-forwarded-for': '203.0.113.10' } })).status).toBe(204);
  });

  it('keeps limiting each copy from its own memory when Redis goes down mid-run, and shares again once it is back', async () => {
    const attacker = '198.51.100.11';
    expectPassed(await guessPassword(copyA, attacker)); // counted in Redis
    await redis.kill(); // a crash: connections drop, reconnects are refused

    const a: Answer[] = [];
    const b: Answer[] = [];
    for (let attempt = 0; attempt < SIGN_IN_BUDGET + 1; attempt += 1) {
      a.push(await guessPassword(copyA, attacker));
      b.push(await guessPassword(copyB, attacker));
    }
    for (const answer of [...a, ...b]) expect([200, 429]).toContain(answer.status);
    // The decided behaviour: each copy grants at most one budget from memory, then refuses with 429.
    for (const answers of [a, b]) {
      expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(SIGN_IN_BUDGET);
      expectRefused(answers.at(-1)!);
    }
    const other = '198.51.100.12';
    expectPassed(await guessPassword(copyB, other)); // and the gateway still serves

    redis = await startRedisServer(redisServer, { port: redis.port, password: new URL(redis.url).password });
    await waitFor(async () => (await redisClients()) >= 2, 'both gateway copies to reconnect to Redis');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the connection's ready check
    const fresh = '198.51.100.13';
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < SIGN_IN_BUDGET + 1; attempt += 1) answers.push(await guessPassword(attempt % 2 ? copyB : copyA, fresh));
    answers.slice(0, SIGN_IN_BUDGET).forEach(expectPassed);
    expectRefused(answers.at(-1)!); // one budget across both copies again
  });

  it('starts a gateway whose Redis is not there, limits from memory, and stops it cleanly', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const gateway = await startGateway({ REDIS_URL: nowhere });
    expect(Date.now() - started).toBeLessThan(20_000);
    const attacker = '198.51.100.20';
    const answers: Answer[] = [];
    for (let attempt = 0; attempt <= SIGN_IN_BUDGET; attempt += 1) answers.push(await guessPassword(gateway, attacker));
    answers.slice(0, SIGN_IN_BUDGET).forEach(expectPassed);
    expectRefused(answers.at(-1)!);
    await gateway.stop(); // no reconnection left running: Jest would report it as an open handle
  });

  it('closes its Redis connection when a gateway copy stops', async () => {
    const before = await redisClients();
    const gateway = await startGateway({ REDIS_URL: redis.url });
    expect(gateway.store).toBe('redis');
    expect(await redisClients()).toBe(before + 1);
    await gateway.stop();
    await waitFor(async () => (await redisClients()) === before, 'the stopped copy to disconnect');
  });
});
