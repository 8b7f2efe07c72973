// Writing webhook events: one delivery row per active subscription of the organization to the
// event's type, added in the transaction of the change that causes it (the transactional outbox,
// as the mail outbox is), so an event goes out exactly when its change committed. The worker
// delivers it (delivery.ts). The body is fixed here, Standard Webhooks' `{ type, timestamp, data }`,
// and sent unchanged on every attempt under the same `webhook-id` (the event id).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../database/orm.ts';
import type { WebhookEventData, WebhookEventType } from './events-catalog.ts';

export { WEBHOOK_EVENT_TYPES, type WebhookEventData, type WebhookEventType } from './events-catalog.ts';

export interface WebhookEvent<T extends WebhookEventType> {
  organizationId: string;
  type: T;
  /** Ids and codes only (see WebhookEventData): never a name, a number or a date of birth. */
  data: WebhookEventData[T];
  /** When it happened; now by default. */
  at?: Date;
}

/** Adds the event for every subscription that wants it, in the caller's transaction; its id and how many deliveries. */
export async function enqueueWebhookEvent<T extends WebhookEventType>(em: EntityManager, event: WebhookEvent<T>): Promise<{ eventId: string; deliveries: number }> {
  const eventId = `evt_${randomUUID()}`;
  const payload = JSON.stringify({ type: event.type, timestamp: (event.at ?? new Date()).toISOString(), data: event.data });
  // Raw SQL: one insert from a select, a delivery for each subscription that wants the event.
  const rows = await em.execute<{ id: string }[]>(
    `insert into credentials.webhook_deliveries (id, organization_id, subscription_id, event_id, event_type, payload)
     select gen_random_uuid(), s.organization_id, s.id, ?, ?, ?
       from credentials.webhook_subscriptions s
      where s.organization_id = ? and s.deleted_at is null and ? = any(s.events)
     returning id`,
    [eventId, event.type, payload, event.organizationId, event.type],
  );
  return { eventId, deliveries: rows.length };
}
