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
import { runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { badUserInput } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { newWebhookSecret } from '../../platform/webhook-signing.ts';
import { checkEndpointUrl, resolveEndpoint, type EndpointRules } from '../../platform/webhooks-out/endpoint-url.ts';
import { eventNameOf, WEBHOOK_EVENT_NAMES, WEBHOOK_EVENT_TYPES, type WebhookEventName, type WebhookEventType } from '../../platform/webhooks-out/events-catalog.ts';
import { WebhookSubscription } from '../../platform/webhooks-out/entities/webhook-subscription.entity.ts';
import { WebhookDelivery, type WEBHOOK_DELIVERY_STATUSES } from '../../platform/webhooks-out/entities/webhook-delivery.entity.ts';
import { resealAsPrevious, sealSubscriptionSecret } from '../../platform/webhooks-out/secrets.ts';
import { notVisible, type CredentialsService } from './service.ts';
import { connectionOf, onPage, pageRequest, type ListOrder, type PageArguments } from '../../platform/pagination.ts';

/** How long the secret before a rotation keeps signing beside the new one. */
export const SECRET_GRACE_HOURS = 24;
/** Active subscriptions an organization may hold. */
export const MAX_SUBSCRIPTIONS = 20;

export interface WebhookSubscriptionView {
  id: string;
  url: string;
  events: WebhookEventName[];
  createdAt: Date;
  secretRotatedAt: Date | null;
  previousSecretExpiresAt: Date | null;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: WebhookEventName;
  status: (typeof WEBHOOK_DELIVERY_STATUSES)[number];
  attempts: number;
  lastHttpStatus: number | null;
  lastErrorCode: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** The fields of a subscription its view shows. */
const SUBSCRIPTION_FIELDS = ['id', 'url', 'events', 'createdAt', 'secretRotatedAt', 'previousSecretUntil'] as const;
type SubscriptionFields = Pick<WebhookSubscription, (typeof SUBSCRIPTION_FIELDS)[number]>;

const subscriptionView = (subscription: SubscriptionFields): WebhookSubscriptionView => ({
  id: subscription.id,
  url: subscription.url,
  events: (subscription.events as WebhookEventType[]).map(eventNameOf),
  createdAt: subscription.createdAt,
  secretRotatedAt: subscription.secretRotatedAt ?? null,
  // A previous secret past its grace period is no longer shown.
  previousSecretExpiresAt: subscription.previousSecretUntil && subscription.previousSecretUntil.getTime() > Date.now() ? subscription.previousSecretUntil : null,
});

const rulesOf = (service: CredentialsService): EndpointRules => ({ production: service.config.env === 'production' });

function eventsOf(events: readonly string[]): WebhookEventType[] {
  const names = [...new Set(events)];
  if (names.length === 0) throw badUserInput('events must name at least one event', { field: 'events' });
  for (const name of names) if (!WEBHOOK_EVENT_NAMES.includes(name as WebhookEventName)) throw badUserInput(`${name} is not a webhook event`, { field: 'events' });
  return names.map((name) => WEBHOOK_EVENT_TYPES[name as WebhookEventName]);
}

export async function webhookSubscriptions(service: CredentialsService, caller: Caller, args: PageArguments) {
  const request = pageRequest(SUBSCRIPTIONS_ORDER, args);
  const rows = await runAsCaller(service.orm, caller, (em) =>
    onPage(em.createQueryBuilder(WebhookSubscription, 's').select([...SUBSCRIPTION_FIELDS]).where({ deletedAt: null }), request).execute<SubscriptionFields[]>('all'));
  return connectionOf(request, rows, subscriptionView);
}

const SUBSCRIPTIONS_ORDER: ListOrder = { list: 'webhookSubscriptions', keys: [{ sql: 's.created_at', kind: 'timestamp' }, { sql: 's.id', kind: 'uuid' }], direction: 'ASC' };

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
      id, organization: caller.organizationId!, url: url.href, events, secret: sealSubscriptionSecret(em, keys, id, 'secret', secret), createdBy: caller.userId,
    });
    await em.flush();
    await recordAudit(em, caller, { action: 'CREATE', resourceType: 'WebhookSubscription', resourceId: id, outcome: 'SUCCESS', reason: `webhook_subscription:created:${events.length}` });
    return inserted;
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
            secret: sealSubscriptionSecret(em, keys, id, 'secret', secret), previousSecret: resealAsPrevious(em, keys, id, current.secret),
            previousSecretUntil: secondsFromNow(SECRET_GRACE_HOURS * 3600), secretRotatedAt: sql.now(),
          })
          .where({ id })
          .returning([...SUBSCRIPTION_FIELDS])
          .execute<SubscriptionFields[]>('all');
        await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'WebhookSubscription', resourceId: id, outcome: 'SUCCESS', reason: 'webhook_subscription:secret_rotated' });
        return updated!;
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

/** The fields of a delivery its log shows. */
const DELIVERY_FIELDS = ['id', 'eventId', 'eventType', 'status', 'attempts', 'lastHttpStatus', 'lastError', 'nextAttemptAt', 'createdAt', 'deliveredAt'] as const;
type DeliveryRow = Pick<WebhookDelivery, (typeof DELIVERY_FIELDS)[number]>;

export async function webhookDeliveries(service: CredentialsService, caller: Caller, args: PageArguments & { subscriptionId: string }) {
  const request = pageRequest(DELIVERIES_ORDER, args);
  const rows = isUuid(args.subscriptionId)
    ? await runAsCaller(service.orm, caller, async (em) => {
        if ((await em.count(WebhookSubscription, { id: args.subscriptionId })) === 0) return null;
        return onPage(em.createQueryBuilder(WebhookDelivery, 'd').select([...DELIVERY_FIELDS]).where({ subscription: args.subscriptionId }), request).execute<DeliveryRow[]>('all');
      })
    : null;
  if (!rows) throw await notVisible(service, caller, 'WebhookSubscription', args.subscriptionId);
  return connectionOf(request, rows, (row): WebhookDeliveryView => ({
    id: row.id, eventId: row.eventId, eventType: eventNameOf(row.eventType as WebhookEventType), status: row.status, attempts: row.attempts,
    lastHttpStatus: row.lastHttpStatus ?? null, lastErrorCode: row.lastError ?? null,
    // When the next attempt is due, while one is.
    nextAttemptAt: row.status === 'PENDING' ? row.nextAttemptAt : null, createdAt: row.createdAt, deliveredAt: row.deliveredAt ?? null,
  }));
}

const DELIVERIES_ORDER: ListOrder = { list: 'webhookDeliveries', keys: [{ sql: 'd.created_at', kind: 'timestamp' }, { sql: 'd.id', kind: 'uuid' }], direction: 'DESC' };
