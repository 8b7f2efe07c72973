// The mail outbox's table as an entity, and the privileges each service role holds on it.
import { OutboxMessageSchema, outboxGrants } from './outbox.entity.ts';

export { OutboxMessage } from './outbox.entity.ts';

export const MAIL_OUTBOX_ENTITIES = [OutboxMessageSchema];
export const MAIL_OUTBOX_GRANTS = [outboxGrants];
