// The tables of webhooks out as entities, and the privileges each service role holds on them.
import { WebhookDeliveryAttemptSchema, WebhookDeliverySchema, webhookDeliveryAttemptGrants, webhookDeliveryGrants } from './webhook-delivery.entity.ts';
import { WebhookSubscriptionSchema, webhookSubscriptionGrants } from './webhook-subscription.entity.ts';

export const WEBHOOKS_OUT_ENTITIES = [WebhookSubscriptionSchema, WebhookDeliverySchema, WebhookDeliveryAttemptSchema];
export const WEBHOOKS_OUT_GRANTS = [webhookSubscriptionGrants, webhookDeliveryGrants, webhookDeliveryAttemptGrants];
