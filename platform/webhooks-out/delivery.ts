// Delivering webhook events, as the worker's role. A batch of due deliveries is claimed with
// `for update skip locked` and a lease (two workers never take the same one), each is POSTed to
// its subscription's URL signed the Standard Webhooks way (platform/webhook-signing.ts; during a
// secret rotation with the previous secret too), and settled by the worker that claimed it: a 2xx
// answer is DELIVERED; anything else is tried again after an exponential delay with jitter (30 s,
// 1, 2, 4 … minutes, at most a day), until MAX_ATTEMPTS or three days, then FAILED and audited.
// Every attempt is a row of webhook_delivery_attempts (status, HTTP status, error code, duration;
// never the response body). Redirects are not followed. The endpoint is checked again before
// each attempt, on the addresses its host resolves to then, and the connection goes to the
// address checked (endpoint-url.ts).
//
// At least once: a worker that dies after the receiver answered but before it settled leaves the
// delivery to be sent again after its lease, with the same `webhook-id`, on which receivers dedup.
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupAddress } from 'node:dns';
import { sql } from '@mikro-orm/postgresql';
import { systemCaller } from '../../domain/system-caller.ts';
import { recordAudit } from '../audit.ts';
import { secondsFromNow } from '../database/clock.ts';
import type { EntityManager, MikroORM } from '../database/orm.ts';
import { AppError } from '../errors.ts';
import type { FieldEncryption, OrganizationKeys } from '../field-encryption/data-keys.ts';
import type { Logger } from '../logger.ts';
import { webhookSignatureHeader } from '../webhook-signing.ts';
import { checkEndpointUrl, pinnedLookup, resolveEndpoint, systemResolver, type EndpointRules, type Resolver } from './endpoint-url.ts';
import { WebhookDelivery as DeliveryRow } from './entities/webhook-delivery.entity.ts';
import { WebhookSubscription } from './entities/webhook-subscription.entity.ts';
import { openSubscriptionSecret } from './secrets.ts';

export const WEBHOOK_DELIVERY = {
  batchSize: 50,
  /** Deliveries of a batch sent at once. */
  concurrency: 10,
  /** How long a claimed delivery is left to its worker before another may take it. */
  leaseSeconds: 120,
  /** How long one POST may take, answer included. */
  timeoutMs: 10_000,
  maxAttempts: 15,
  /** The delay after the first failure, doubled after each further one, at most `maxDelaySeconds`, each within ±20 % (jitter). */
  firstDelaySeconds: 30,
  maxDelaySeconds: 86_400,
  /** A delivery not delivered this long after its event is given up. */
  giveUpAfterSeconds: 3 * 86_400,
} as const;

export type WebhookDeliveryOptions = Partial<Record<keyof typeof WEBHOOK_DELIVERY, number>>;

export interface WebhookDeliveryResult {
  delivered: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Given up: out of attempts or out of time. */
  failed: number;
  /** Not sent: their subscription was deleted. */
  cancelled: number;
}

interface ClaimedDelivery {
  id: string;
  organization_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  attempts: number;
  age_seconds: number;
  subscription_id: string;
  url: string;
  secret: Buffer;
  previous_secret: Buffer | null;
  previous_secret_valid: boolean;
}

interface AttemptOutcome {
  httpStatus: number | null;
  errorCode: string | null;
  durationMs: number;
}

/** The delay before attempt `attempts + 1`: exponential, capped, with ±20 % jitter so retries spread out. */
export function retryDelaySeconds(attempts: number, options: { firstDelaySeconds: number; maxDelaySeconds: number }, random = Math.random): number {
  const base = Math.min(options.firstDelaySeconds * 2 ** Math.max(attempts - 1, 0), options.maxDelaySeconds);
  return Math.round(base * (0.8 + 0.4 * random()) * 1000) / 1000;
}

/** A stable code for a failed attempt, safe to store and log (no URL, no answer text). */
export function attemptErrorCode(error: unknown): string {
  if (error instanceof AppError) {
    if (error.code === 'DATA_UNREADABLE') return 'secret_unreadable';
    const code = error.details?.reason;
    if (typeof code === 'string') return code.toLowerCase().replace(/^webhook_url_/, 'endpoint_');
  }
  const { code } = (error ?? {}) as { code?: string };
  if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return code.toLowerCase();
  return 'send_failed';
}

/** POSTs the body to the pinned address; the HTTP status, or throws. Reads and drops the answer. */
function post(url: URL, pinned: LookupAddress, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Credence-Webhooks/1' },
      lookup: pinnedLookup(pinned),
      // A fresh connection each time: a pooled one could lead to an address checked for another attempt.
      agent: false,
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timed out'), { code: 'timeout' })), timeoutMs);
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'timeout' })));
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    req.end(body);
  });
}

export function createWebhookDelivery(deps: {
  orm: MikroORM;
  encryption: FieldEncryption;
  rules: EndpointRules;
  logger?: Logger;
  options?: WebhookDeliveryOptions;
  /** How hosts are resolved (the system's DNS unless a test says otherwise). */
  resolve?: Resolver;
}) {
  const options = { ...WEBHOOK_DELIVERY, ...deps.options };
  const resolve = deps.resolve ?? systemResolver;

  async function claim(worker: string): Promise<{ claimed: ClaimedDelivery[]; cancelled: number }> {
    return deps.orm.em.fork().transactional(async (tx) => {
      // A deleted subscription's deliveries are not sent.
      const cancelled = await tx.nativeUpdate(
        DeliveryRow,
        {
          subscription: { $in: tx.createQueryBuilder(WebhookSubscription).select('id').where({ deletedAt: { $ne: null } }).getNativeQuery().toRaw() },
          $or: [{ status: 'PENDING' }, { status: 'SENDING', claimedUntil: { $lt: sql.now() } }],
        },
        { status: 'CANCELLED', claimedBy: null, claimedUntil: null },
      );
      // Raw SQL: the claim returns each delivery with its subscription's URL and secrets in the
      // same statement (update … from), which the ORM's update cannot join.
      const claimed = await tx.execute<ClaimedDelivery[]>(
        `update credentials.webhook_deliveries d
            set status = 'SENDING', claimed_by = ?, claimed_until = now() + make_interval(secs => ?), attempts = d.attempts + 1
           from credentials.webhook_subscriptions s
          where s.id = d.subscription_id and s.deleted_at is null and d.id in (
            select id from credentials.webhook_deliveries
             where (status = 'PENDING' and next_attempt_at <= now()) or (status = 'SENDING' and claimed_until < now())
             order by next_attempt_at limit ? for update skip locked)
          returning d.id, d.organization_id, d.event_id, d.event_type, d.payload, d.attempts,
                    extract(epoch from now() - d.created_at)::float8 as age_seconds,
                    s.id as subscription_id, s.url, s.secret, s.previous_secret, coalesce(s.previous_secret_until > now(), false) as previous_secret_valid`,
        [worker, options.leaseSeconds, options.batchSize],
      );
      return { claimed, cancelled };
    });
  }

  /** Renews the claim just before sending, and says whether the delivery is still this worker's (a slow batch can outlast a lease). */
  async function renewClaim(worker: string, delivery: ClaimedDelivery): Promise<boolean> {
    const renewed = await deps.orm.em.fork().nativeUpdate(
      DeliveryRow,
      { id: delivery.id, claimedBy: worker, status: 'SENDING' },
      { claimedUntil: secondsFromNow(options.leaseSeconds) },
    );
    return renewed > 0;
  }

  async function attempt(delivery: ClaimedDelivery, keys: OrganizationKeys): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => Math.max(0, Math.round(performance.now() - started));
    try {
      const url = checkEndpointUrl(delivery.url, deps.rules);
      const pinned = await resolveEndpoint(url, deps.rules, resolve);
      const secrets = [openSubscriptionSecret(deps.orm, keys, delivery.subscription_id, 'secret', delivery.secret)];
      if (delivery.previous_secret && delivery.previous_secret_valid) secrets.push(openSubscriptionSecret(deps.orm, keys, delivery.subscription_id, 'previousSecret', delivery.previous_secret));
      const timestamp = Math.floor(Date.now() / 1000);
      const status = await post(url, pinned, {
        'webhook-id': delivery.event_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': webhookSignatureHeader(secrets, delivery.event_id, timestamp, delivery.payload),
      }, delivery.payload, options.timeoutMs);
      if (status >= 200 && status < 300) return { httpStatus: status, errorCode: null, durationMs: elapsed() };
      return { httpStatus: status, errorCode: status >= 300 && status < 400 ? 'redirect_not_followed' : `http_${status}`, durationMs: elapsed() };
    } catch (error) {
      return { httpStatus: null, errorCode: attemptErrorCode(error), durationMs: elapsed() };
    }
  }

  /**
   * Records the attempt and where the delivery goes next, in one statement (one round trip): only
   * while the claim is still this worker's. A delivery given up is audited in the same transaction.
   */
  async function settle(worker: string, delivery: ClaimedDelivery, outcome: AttemptOutcome): Promise<'delivered' | 'retrying' | 'failed'> {
    const delay = retryDelaySeconds(delivery.attempts, options);
    const giveUp = outcome.errorCode !== null && (delivery.attempts >= options.maxAttempts || delivery.age_seconds + delay > options.giveUpAfterSeconds);
    const next = outcome.errorCode === null
      ? `status = 'DELIVERED', delivered_at = now()`
      : giveUp ? `status = 'FAILED'` : `status = 'PENDING', next_attempt_at = now() + make_interval(secs => ${delay})`;
    // Raw SQL: the update and the attempt's row are one statement (a data-modifying CTE), one
    // round trip, which the ORM cannot write.
    const write = (em: EntityManager) => em.execute<{ id: string }[]>(
      `with settled as (
         update credentials.webhook_deliveries set ${next}, last_http_status = ?, last_error = ?, claimed_by = null, claimed_until = null
          where id = ? and claimed_by = ? returning id, organization_id)
       insert into credentials.webhook_delivery_attempts (id, organization_id, delivery_id, attempt, http_status, error_code, duration_ms)
       select ?, organization_id, id, ?, ?, ?, ? from settled on conflict (delivery_id, attempt) do nothing returning delivery_id as id`,
      [outcome.httpStatus, outcome.errorCode, delivery.id, worker, randomUUID(), delivery.attempts, outcome.httpStatus, outcome.errorCode, outcome.durationMs],
    );
    const log = { deliveryId: delivery.id, eventId: delivery.event_id, eventType: delivery.event_type, attempts: delivery.attempts, httpStatus: outcome.httpStatus };
    if (outcome.errorCode === null) {
      await write(deps.orm.em.fork());
      deps.logger?.info(log, 'webhook delivered');
      return 'delivered';
    }
    if (giveUp) {
      await deps.orm.em.fork().transactional(async (em) => {
        if ((await write(em)).length === 0) return;
        await recordAudit(em, systemCaller(`webhook-delivery-${worker}`), {
          organizationId: delivery.organization_id, action: 'UPDATE', resourceType: 'WebhookDelivery', resourceId: delivery.id, outcome: 'FAILURE',
          reason: `webhook_delivery:failed:${outcome.errorCode}`.slice(0, 100),
        });
      });
    } else {
      await write(deps.orm.em.fork());
    }
    deps.logger?.warn({ ...log, error: outcome.errorCode, gaveUp: giveUp }, 'webhook not delivered');
    return giveUp ? 'failed' : 'retrying';
  }

  return {
    batchSize: options.batchSize,
    /** Delivers one batch of due deliveries; returns what became of them. */
    async deliverDue(): Promise<WebhookDeliveryResult & { claimed: number }> {
      const worker = randomUUID();
      const { claimed, cancelled } = await claim(worker);
      const result = { claimed: claimed.length, delivered: 0, retrying: 0, failed: 0, cancelled };
      const keysOf = new Map<string, Promise<OrganizationKeys>>();
      const keysFor = (organizationId: string) => {
        if (!keysOf.has(organizationId)) keysOf.set(organizationId, deps.encryption.forOrganization(deps.orm.em.fork(), organizationId));
        return keysOf.get(organizationId)!;
      };
      let next = 0;
      const lane = async () => {
        for (let index = next++; index < claimed.length; index = next++) {
          const delivery = claimed[index]!;
          if (!(await renewClaim(worker, delivery))) continue; // another worker took it over
          const outcome = await keysFor(delivery.organization_id).then(
            (keys) => attempt(delivery, keys),
            (error: unknown) => ({ httpStatus: null, errorCode: attemptErrorCode(error), durationMs: 0 }),
          );
          result[await settle(worker, delivery, outcome)] += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency, claimed.length) }, lane));
      return result;
    },
  };
}

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;
