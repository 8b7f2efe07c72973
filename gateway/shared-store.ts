// What gateway copies share: the rate-limit budgets (rate-limits.ts) and the webhook ids already
// received (webhooks.ts). In this copy's memory without REDIS_URL; in Redis with it, so every copy
// pointing at the same Redis sees what the others counted and received.
import { Redis } from 'ioredis';
import type { Logger } from '../platform/logger.ts';

export interface SharedStore {
  kind: 'memory' | 'redis';
  /** The Redis connection, when REDIS_URL is set. */
  redis: Redis | null;
  /**
   * Claims `key` for `ttlMs` under `token` (unique to this claim): true for the first claim, false
   * while it is claimed (by any copy sharing the store). Throws when Redis does not answer; the
   * claim may then still have landed (a frozen Redis runs the command when it wakes), so a caller
   * that gives up releases it.
   */
  claimOnce(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Gives back the claim made under `token`, so that the next claim of `key` succeeds; another claim of `key` is left alone. */
  release(key: string, token: string): Promise<void>;
  /** Closes the Redis connection, if any. */
  close(): Promise<void>;
}

/** How long a Redis command may take before the caller falls back or refuses. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;
/** How long a starting gateway waits for Redis before it goes on and lets the connection retry. */
const REDIS_FIRST_CONNECT_MS = 3000;

/** Deletes a claim only if it is still the one made under the token (compare and delete, atomically in Redis). */
const RELEASE_IF_OWN = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export async function createSharedStore(redisUrl: string | null, logger: Logger): Promise<SharedStore> {
  if (!redisUrl) return memoryStore();

  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false, // while disconnected, fail at once rather than queue
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: REDIS_FIRST_CONNECT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000), // reconnect for as long as the gateway runs
  });
  let outage = false;
  redis.on('error', (error: Error & { code?: string }) => {
    if (outage) return;
    outage = true;
    // The message and code only: the error may carry the connection options, password included.
    logger.error(
      { err: { message: error.message, code: error.code } },
      'Redis unreachable: each gateway copy counts rate limits in its own memory, and webhooks are refused with 503 (their senders retry), until Redis is back',
    );
  });
  redis.on('ready', () => {
    if (outage) logger.warn('Redis reachable again: rate limits and webhook ids are shared by every gateway copy again');
    outage = false;
  });
  await firstConnection(redis);
  return {
    kind: 'redis',
    redis,
    async claimOnce(key, token, ttlMs) {
      return (await redis.set(`credence:claim:${key}`, token, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async release(key, token) {
      await redis.eval(RELEASE_IF_OWN, 1, `credence:claim:${key}`, token);
    },
    async close() {
      redis.removeAllListeners('error').on('error', () => {});
      if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}

function memoryStore(): SharedStore {
  const claims = new Map<string, { token: string; lapsesAt: number }>();
  return {
    kind: 'memory',
    redis: null,
    async claimOnce(key, token, ttlMs) {
      const now = Date.now();
      // Forget lapsed claims, oldest first; the sweep stops at the first live one, so a claim
      // with a longer lifetime than those after it may keep some lapsed ones a while longer.
      for (const [old, claim] of claims) {
        if (claim.lapsesAt > now) break;
        claims.delete(old);
      }
      const claim = claims.get(key);
      if (claim && claim.lapsesAt > now) return false;
      claims.delete(key);
      claims.set(key, { token, lapsesAt: now + ttlMs });
      return true;
    },
    async release(key, token) {
      // eslint-disable-next-line security/detect-possible-timing-attacks -- a claim token compared with the one this process handed out, not a secret an attacker guesses
      if (claims.get(key)?.token === token) claims.delete(key);
    },
    close: async () => {},
  };
}

/** Resolves once Redis is ready, has refused, or has not answered in REDIS_FIRST_CONNECT_MS. */
function firstConnection(client: Redis): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done).off('error', done);
      resolve();
    };
    const timer = setTimeout(done, REDIS_FIRST_CONNECT_MS);
    client.once('ready', done).once('error', done);
  });
}
