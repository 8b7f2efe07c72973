// mail.outbox: every message to a person, written in the transaction of the action that causes
// it and delivered by the worker. Its link secret is an encrypted column, kept only while the
// message waits: `secret_erased` refuses a sent or given-up row that still holds it.
import { defineEntity, p } from '@mikro-orm/core';
import { encrypted } from '../../field-encryption/encrypted-properties.ts';
import { CURRENT_ORGANIZATION, everyRow, ownerMaintains, R, type TableGrants } from '../../database/row-level-security.ts';

export const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  schema: 'mail',
  tableName: 'outbox',
  properties: {
    id: p.uuid().primary(),
    /** Null for account mail (a password reset) that belongs to no organization. */
    organizationId: p.uuid().nullable(),
    recipient: p.text().check('length(recipient) >= 3 and length(recipient) <= 254'),
    template: p.text().check(`template ~ '^[a-z][a-z_]{0,40}$'`),
    parameters: p.json<Record<string, string>>().defaultRaw(`'{}'::jsonb`),
    /** Sealed under the platform organization's data key, bound to this row. */
    secret: encrypted().nullable().check('length(secret) <= 200'),
    status: p.enum(['PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED']).default('PENDING'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().defaultRaw('now()'),
    claimedBy: p.uuid().nullable(),
    claimedUntil: p.datetime().nullable(),
    lastError: p.text().nullable().check(`last_error ~ '^[a-z0-9_.:-]{1,64}$'`),
    expiresAt: p.datetime().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    sentAt: p.datetime().nullable(),
  },
  checks: [{ name: 'secret_erased', expression: `status in ('PENDING', 'SENDING') or secret is null` }],
  indexes: [{ name: 'outbox_due', properties: ['nextAttemptAt'], where: `status in ('PENDING', 'SENDING')` }],
  rowLevelSecurity: 'force',
  policies: [
    // A sender adds messages for the organization it acts in only (or none, for account mail).
    // Written as PostgreSQL prints `is not distinct from` back, so the model compares equal.
    { name: 'sender_enqueues', command: 'insert', roles: [R.identity], check: `not (organization_id is distinct from ${CURRENT_ORGANIZATION})` },
    everyRow('worker_delivers', R.worker),
    ownerMaintains,
  ],
});

export class OutboxMessage extends OutboxMessageSchema.class {}
OutboxMessageSchema.setClass(OutboxMessage);

export const outboxGrants: TableGrants = {
  table: 'mail.outbox',
  roles: {
    [R.identity]: ['insert'],
    // The worker writes verification reviews, escalations and expiry reminders.
    [R.worker]: ['select', 'insert', { update: ['status', 'attempts', 'next_attempt_at', 'claimed_by', 'claimed_until', 'last_error', 'secret', 'sent_at'] }],
  },
};
