// credentials.webhook_deliveries: one event for one subscription, written in the transaction of
// the change that caused it (the transactional outbox) and delivered by the worker at least once.
// event_id is the `webhook-id` the receiver dedups on: the same on every attempt. The payload is
// the exact body sent (ids and codes only). Each attempt is kept in webhook_delivery_attempts.
import { defineEntity, p } from '@mikro-orm/core';
import { R, everyRow, ownerMaintains, sameOrganization, type TableGrants } from '../../database/row-level-security.ts';
import { Organization } from '../../../subgraphs/identity/entities/organization.entity.ts';
import { WEBHOOK_EVENT_TYPE_VALUES } from '../events-catalog.ts';
import { WebhookSubscription } from './webhook-subscription.entity.ts';

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'CANCELLED'] as const;

export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  schema: 'credentials',
  tableName: 'webhook_deliveries',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    subscription: () => p.manyToOne(WebhookSubscription),
    eventId: p.text().check(`event_id ~ '^evt_[0-9a-f-]{36}$'`),
    eventType: p.text().check(`event_type in (${quoted(WEBHOOK_EVENT_TYPE_VALUES)})`),
    payload: p.text().check('length(payload) <= 16384'),
    status: p.enum([...WEBHOOK_DELIVERY_STATUSES]).default('PENDING'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().defaultRaw('now()'),
    claimedBy: p.uuid().nullable(),
    claimedUntil: p.datetime().nullable(),
    lastHttpStatus: p.integer().nullable(),
    lastError: p.text().nullable().check(`last_error ~ '^[a-z0-9_.:-]{1,64}$'`),
    createdAt: p.datetime().defaultRaw('now()'),
    deliveredAt: p.datetime().nullable(),
  },
  uniques: [{ name: 'webhook_deliveries_event', properties: ['subscription', 'eventId'] }],
  indexes: [
    { name: 'webhook_deliveries_due', properties: ['nextAttemptAt'], where: `status in ('PENDING', 'SENDING')` },
    { name: 'webhook_deliveries_log', properties: ['subscription', 'createdAt', 'id'] },
  ],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', command: 'select', roles: [R.credentials], using: sameOrganization(R.credentials).using },
    everyRow('worker_delivers', R.worker),
    ownerMaintains,
  ],
});

export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);

export const webhookDeliveryGrants: TableGrants = {
  table: 'credentials.webhook_deliveries',
  roles: {
    [R.credentials]: ['select'],
    [R.worker]: ['select', 'insert', { update: ['status', 'attempts', 'next_attempt_at', 'claimed_by', 'claimed_until', 'last_http_status', 'last_error', 'delivered_at'] }, 'delete'],
  },
};

/** credentials.webhook_delivery_attempts: each attempt of a delivery (never the response body). */
export const WebhookDeliveryAttemptSchema = defineEntity({
  name: 'WebhookDeliveryAttempt',
  schema: 'credentials',
  tableName: 'webhook_delivery_attempts',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    delivery: () => p.manyToOne(WebhookDelivery),
    attempt: p.integer().check('attempt >= 1'),
    attemptedAt: p.datetime().defaultRaw('now()'),
    httpStatus: p.integer().nullable(),
    /** Null when the receiver answered 2xx. */
    errorCode: p.text().nullable().check(`error_code ~ '^[a-z0-9_.:-]{1,64}$'`),
    durationMs: p.integer().check('duration_ms >= 0'),
  },
  uniques: [{ name: 'webhook_delivery_attempts_attempt', properties: ['delivery', 'attempt'] }],
  rowLevelSecurity: 'force',
  policies: [
    { name: 'caller_scope', command: 'select', roles: [R.credentials], using: sameOrganization(R.credentials).using },
    everyRow('worker_delivers', R.worker),
    ownerMaintains,
  ],
});

export class WebhookDeliveryAttempt extends WebhookDeliveryAttemptSchema.class {}
WebhookDeliveryAttemptSchema.setClass(WebhookDeliveryAttempt);

export const webhookDeliveryAttemptGrants: TableGrants = {
  table: 'credentials.webhook_delivery_attempts',
  roles: { [R.credentials]: ['select'], [R.worker]: ['select', 'insert', 'delete'] },
};
