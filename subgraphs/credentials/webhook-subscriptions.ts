// An organization's webhook subscriptions as the graph shows them, and what its owners and
// admins do to them: subscribe an endpoint (the URL checked by platform/webhooks-out/endpoint-url.ts,
// in production after DNS resolution too), rotate its secret (the previous one keeps signing for a
// grace period), delete it, read its delivery log. The secret is shown once, in the answer that
// makes it; it is stored sealed under the organization's data key. Every change is audited.
import { randomUUID } from 'node:crypto';
import { LockMode, sql } from '@mikro-orm/postgresql';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { secondsFromNow } from '../../platform/database/clock.ts';
import { isoTimestamp, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { badUserInput } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { newWebhookSecret } from '../../platform/webhook-signing.ts';
import { checkEndpointUrl, resolveEndpoint, type EndpointRules } from '../../platform/webhooks-out/endpoint-url.ts';
import { eventNameOf, WEBHOOK_EVENT_NAMES, WEBHOOK_EVENT_TYPES, type WebhookEventName, type WebhookEventType } from '../../platform/webhooks-out/events-catalog.ts';
import { WebhookSubscription } from '../../platform/webhooks-out/entities/webhook-subscription.entity.ts';
import type { WEBHOOK_DELIVERY_STATUSES } from '../../platform/webhooks-out/entities/webhook-delivery.entity.ts';
import { resealAsPrevious, sealSubscriptionSecret } from '../../platform/webhooks-out/secrets.ts';
import { notVisible, type CredentialsService } from './service.ts';
import { connectionOf, keysetQuery, pageRequest, readPage, type ListOrder, type PageArguments } from '../../platform/pagination.ts';

/** How long the secret before a rotation keeps signing beside the new one. */
export const SECRET_GRACE_HOURS = 24;
/** Active subscriptions an organization may hold. */
export const MAX_SUBSCRIPTIONS = 20;

export interface WebhookSubscriptionView {
  id: string;
  url: string;
  events: WebhookEventName[];
  createdAt: string;
  secretRotatedAt: string | null;
  previousSecretExpiresAt: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: WebhookEventName;
  status: (typeof WEBHOOK_DELIVERY_STATUSES)[number];
  attempts: number;
  lastHttpStatus: number | null;
  lastErrorCode: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const SUBSCRIPTION_COLUMNS = `id, url, events, ${isoTimestamp('created_at')} as created_at, ${isoTimestamp('secret_rotated_at')} as secret_rotated_at,
  case when previous_secret_until > now() then ${isoTimestamp('previous_secret_until')} end as previous_secret_until`;

interface SubscriptionRow { id: string; url: string; events: WebhookEventType[]; created_at: string; secret_rotated_at: string | null; previous_secret_until: string | null }

const subscriptionView = (row: SubscriptionRow): WebhookSubscriptionView => ({
  id: row.id,
  url: row.url,
  events: row.events.map(eventNameOf),
  createdAt: row.created_at,
  secretRotatedAt: row.secret_rotated_at,
  previousSecretExpiresAt: row.previous_secret_until,
});

type SubscriptionFields = Pick<WebhookSubscription, 'id' | 'url' | 'events' | 'createdAt' | 'secretRotatedAt' | 'previousSecretUntil'>;

/** A subscription read through the ORM, in the shape the list's SQL reads it (timestamps as ISO 8601 text). */
function subscriptionRowOf(subscription: SubscriptionFields): SubscriptionRow {
  const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;
  const previousUntil = subscription.previousSecretUntil ?? null;
  return {
    id: subscription.id, url: subscription.url, events: subscription.events as WebhookEventType[], created_at: iso(subscription.createdAt)!,
    secret_rotated_at: iso(subscription.secretRotatedAt),
    // As the list reads it: a previous secret past its grace period is no longer shown.
    previous_secret_until: previousUntil && previousUntil.getTime() > Date.now() ? iso(previousUntil) : null,
  };
}

const rulesOf = (service: CredentialsService): EndpointRules => ({ production: service.config.env === 'production' });

function eventsOf(events: readonly string[]): WebhookEventType[] {
  const names = [...new Set(events)];
  if (names.length === 0) throw badUserInput('events must name at least one event', { field: 'events' });
  for (const name of names) if (!WEBHOOK_EVENT_NAMES.includes(name as WebhookEventName)) throw badUserInput(`${name} is not a webhook event`, { field: 'events' });
  return names.map((name) => WEBHOOK_EVENT_TYPES[name as WebhookEventName]);
}

export async function webhookSubscriptions(service: CredentialsService, caller: Caller, args: PageArguments) {
  return readPage(SUBSCRIPTIONS_ORDER, args, ({ keyColumns, where, params, orderBy }) =>
    runAsCaller(service.orm, caller, (em) =>
      // Raw SQL: the keyset page (platform/pagination.ts) is SQL, as every list's.
      em.execute<SubscriptionRow[]>(`select ${SUBSCRIPTION_COLUMNS}${keyColumns} from credentials.webhook_subscriptions where deleted_at is null${where} ${orderBy}`, params)), subscriptionView);
}

const SUBSCRIPTIONS_ORDER: ListOrder = { list: 'webhookSubscriptions', keys: [{ sql: 'created_at', kind: 'timestamp' }, { sql: 'id', kind: 'uuid' }], direction: 'ASC' };

export async function createWebhookSubscription(service: CredentialsService, caller: Caller, input: { url: string; events: readonly string[] }) {
  const rules = rulesOf(service);
  const url = checkEndpointUrl(input.url, rules);
  const events = eventsOf(input.events);
  // In production the host must resolve, now, to public addresses only (checked again at each delivery).
  if (rules.production) await resolveEndpoint(url, rules);
  const secret = newWebhookSecret();
  const id = randomUUID();
  const row = await runAsCaller(service.orm, caller, async (em) => {
    const count = await em.count(WebhookSubscription, { deletedAt: null });
    if (count >= MAX_SUBSCRIPTIONS) throw badUserInput(`an organization may hold at most ${MAX_SUBSCRIPTIONS} webhook subscriptions`, { field: 'url', reason: 'WEBHOOK_SUBSCRIPTION_LIMIT' });
    const keys = await service.encryption.forOrganization(em, caller.organizationId!);
    // One insert, which reads back the columns the database fills.
    const inserted = em.create(WebhookSubscription, {
      id, organization: caller.organizationId!, url: url.href, events, secret: sealSubscriptionSecret(keys, id, 'secret', secret), createdBy: caller.userId,
    });
    await em.flush();
    await recordAudit(em, caller, { action: 'CREATE', resourceType: 'WebhookSubscription', resourceId: id, outcome: 'SUCCESS', reason: `webhook_subscription:created:${events.length}` });
    return subscriptionRowOf(inserted);
  });
  return { subscription: subscriptionView(row), secret };
}

async function lockedSubscription(em: EntityManager, id: string): Promise<{ secret: Buffer } | null> {
  const row = await em.findOne(WebhookSubscription, { id, deletedAt: null }, { fields: ['secret'], lockMode: LockMode.PESSIMISTIC_WRITE });
  return row ? { secret: row.secret as Buffer } : null;
}

export async function rotateWebhookSecret(service: CredentialsService, caller: Caller, id: string) {
  const secret = newWebhookSecret();
  const row = isUuid(id)
    ? await runAsCaller(service.orm, caller, async (em) => {
        const current = await lockedSubscription(em, id);
        if (!current) return null;
        const keys = await service.encryption.forOrganization(em, caller.organizationId!);
        const [updated] = await em.createQueryBuilder(WebhookSubscription)
          .update({
            secret: sealSubscriptionSecret(keys, id, 'secret', secret), previousSecret: resealAsPrevious(keys, id, current.secret),
            previousSecretUntil: secondsFromNow(SECRET_GRACE_HOURS * 3600), secretRotatedAt: sql.now(),
          })
          .where({ id })
          .returning(['id', 'url', 'events', 'createdAt', 'secretRotatedAt', 'previousSecretUntil'])
          .execute<SubscriptionFields[]>('all');
        await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'WebhookSubscription', resourceId: id, outcome: 'SUCCESS', reason: 'webhook_subscription:secret_rotated' });
        return subscriptionRowOf(updated!);
      })
    : null;
  if (!row) throw await notVisible(service, caller, 'WebhookSubscription', id);
  return { subscription: subscriptionView(row), secret };
}

export async function deleteWebhookSubscription(service: CredentialsService, caller: Caller, id: string): Promise<boolean> {
  const deleted = isUuid(id)
    ? await runAsCaller(service.orm, caller, async (em) => {
        const updated = await em.nativeUpdate(
          WebhookSubscription,
          { id, deletedAt: null },
          { deletedAt: sql.now(), secret: null, previousSecret: null, previousSecretUntil: null },
        );
        if (updated === 0) return false;
        await recordAudit(em, caller, { action: 'DELETE', resourceType: 'WebhookSubscription', resourceId: id, outcome: 'SUCCESS', reason: 'webhook_subscription:deleted' });
        return true;
      })
    : false;
  if (!deleted) throw await notVisible(service, caller, 'WebhookSubscription', id);
  return true;
}

interface DeliveryRow {
  id: string; event_id: string; event_type: WebhookEventType; status: WebhookDeliveryView['status']; attempts: number; last_http_status: number | null;
  last_error: string | null; next_attempt_at: string | null; created_at: string; delivered_at: string | null;
}

export async function webhookDeliveries(service: CredentialsService, caller: Caller, args: PageArguments & { subscriptionId: string }) {
  const request = pageRequest(DELIVERIES_ORDER, args);
  const { keyColumns, where, params, orderBy } = keysetQuery(request);
  const rows = isUuid(args.subscriptionId)
    ? await runAsCaller(service.orm, caller, async (em) => {
        if ((await em.count(WebhookSubscription, { id: args.subscriptionId })) === 0) return null;
        // Raw SQL: the keyset page (platform/pagination.ts) is SQL, as every list's.
        return em.execute<DeliveryRow[]>(
          `select d.id, d.event_id, d.event_type, d.status, d.attempts, d.last_http_status, d.last_error,
                  case when d.status = 'PENDING' then ${isoTimestamp('d.next_attempt_at')} end as next_attempt_at,
                  ${isoTimestamp('d.created_at')} as created_at, ${isoTimestamp('d.delivered_at')} as delivered_at${keyColumns}
             from credentials.webhook_deliveries d
            where d.subscription_id = ?${where} ${orderBy}`,
          [args.subscriptionId, ...params],
        );
      })
    : null;
  if (!rows) throw await notVisible(service, caller, 'WebhookSubscription', args.subscriptionId);
  return connectionOf(request, rows, (row): WebhookDeliveryView => ({
    id: row.id, eventId: row.event_id, eventType: eventNameOf(row.event_type), status: row.status, attempts: row.attempts,
    lastHttpStatus: row.last_http_status, lastErrorCode: row.last_error, nextAttemptAt: row.next_attempt_at, createdAt: row.created_at, deliveredAt: row.delivered_at,
  }));
}

const DELIVERIES_ORDER: ListOrder = { list: 'webhookDeliveries', keys: [{ sql: 'd.created_at', kind: 'timestamp' }, { sql: 'd.id', kind: 'uuid' }], direction: 'DESC' };
