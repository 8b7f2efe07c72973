// credentials.webhook_subscriptions: an organization's HTTPS endpoints and the events each
// receives. The signing secret is field-encrypted under the organization's data key (bound to the
// row); after a rotation the previous one keeps signing beside it until previous_secret_until.
// A deleted subscription keeps its row (its delivery log stays readable) without its secrets.
import { defineEntity, p } from '@mikro-orm/core';
import { encrypted } from '../../field-encryption/encrypted-properties.ts';
import { R, everyRow, ownerMaintains, sameOrganization, type TableGrants } from '../../database/row-level-security.ts';
import { Organization } from '../../../subgraphs/identity/entities/organization.entity.ts';
import { MAX_ENDPOINT_URL_LENGTH } from '../endpoint-url.ts';


export const WebhookSubscriptionSchema = defineEntity({
  name: 'WebhookSubscription',
  schema: 'credentials',
  tableName: 'webhook_subscriptions',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization),
    url: p.text().check(`length(url) >= 8 and length(url) <= ${MAX_ENDPOINT_URL_LENGTH}`),
    events: p.array().check('cardinality(events) > 0 and cardinality(events) <= 16'),
    secret: encrypted().nullable(),
    previousSecret: encrypted().nullable(),
    previousSecretUntil: p.datetime().nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    secretRotatedAt: p.datetime().nullable(),
    deletedAt: p.datetime().nullable(),
  },
  checks: [
    { name: 'webhook_subscriptions_secret', expression: '(deleted_at is null) = (secret is not null)' },
    { name: 'webhook_subscriptions_previous_secret', expression: '(previous_secret is null) = (previous_secret_until is null)' },
  ],
  indexes: [{ name: 'webhook_subscriptions_active', properties: ['organization'], where: 'deleted_at is null' }],
  rowLevelSecurity: 'force',
  policies: [
    sameOrganization(R.credentials, 'caller_scope'),
    // The worker writes deliveries for every organization's events and re-encrypts secrets under a new data key.
    everyRow('worker_maintains', R.worker),
    ownerMaintains,
  ],
});

export class WebhookSubscription extends WebhookSubscriptionSchema.class {}
WebhookSubscriptionSchema.setClass(WebhookSubscription);

export const webhookSubscriptionGrants: TableGrants = {
  table: 'credentials.webhook_subscriptions',
  roles: {
    [R.credentials]: ['select', 'insert', { update: ['secret', 'previous_secret', 'previous_secret_until', 'secret_rotated_at', 'deleted_at'] }],
    [R.worker]: ['select', { update: ['secret', 'previous_secret'] }, 'delete'],
  },
};
