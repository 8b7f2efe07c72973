// Writing to the mail outbox: a message is a row added in the transaction of the action that
// causes it, so a message exists exactly when its action committed. The worker delivers it
// (delivery.ts). The sender's database role may only insert, for the organization it acts in,
// and withdraw such a message while it still waits.
import { randomUUID } from 'node:crypto';
import { PLATFORM_ORGANIZATION_ID } from '../audit.ts';
import type { EntityManager } from '../database/orm.ts';
import type { FieldEncryption } from '../field-encryption/data-keys.ts';
import { encryptedFields } from '../field-encryption/encrypted-properties.ts';
import { OutboxMessage as OutboxRow } from './entities/outbox.entity.ts';
import type { MailParameters, MailTemplateName } from './templates.ts';

export interface OutboxMessage<T extends MailTemplateName> {
  /** The organization the message belongs to; null for account mail (a password reset). */
  organizationId: string | null;
  recipient: string;
  template: T;
  parameters: MailParameters<T>;
  /**
   * The secret the message's link carries: stored sealed (below), never in the clear, and erased
   * from the outbox once delivered or given up.
   */
  secret?: string | null;
  /** After this the link is useless: an undelivered message is given up. */
  expiresAt?: Date | string | null;
}

/**
 * A message's link secret is an encrypted column of its outbox row, sealed under the platform
 * organization's data key (field encryption's envelope, as TOTP secrets are) and bound to the row,
 * so neither the database, its backups nor a row copied elsewhere give a usable invitation or
 * reset link.
 */
const secretFields = async (encryption: FieldEncryption, em: EntityManager) =>
  encryptedFields(em, await encryption.forOrganization(em, PLATFORM_ORGANIZATION_ID), OutboxRow);

/** Seals a link secret for its outbox row. */
export async function sealOutboxSecret(encryption: FieldEncryption, em: EntityManager, messageId: string, secret: string): Promise<Buffer> {
  return (await secretFields(encryption, em)).sealValue(messageId, 'secret', secret);
}

/** The link secret of an outbox row; throws DATA_UNREADABLE for anything but its own sealed value. */
export async function openOutboxSecret(encryption: FieldEncryption, em: EntityManager, messageId: string, sealed: Uint8Array): Promise<string> {
  return (await secretFields(encryption, em)).open(messageId, 'secret', sealed);
}

/** Adds the message to the outbox in the caller's transaction; returns its id. */
export async function enqueueMail<T extends MailTemplateName>(em: EntityManager, encryption: FieldEncryption, message: OutboxMessage<T>): Promise<string> {
  const id = randomUUID();
  // Raw SQL: the ORM's insert reads back the columns the database fills (returning), which the
  // sender, allowed to insert only, may not read.
  await em.execute(
    `insert into mail.outbox (id, organization_id, recipient, template, parameters, secret, expires_at) values (?, ?, ?, ?, ?::jsonb, ?, ?)`,
    [
      id, message.organizationId, message.recipient, message.template, JSON.stringify(message.parameters),
      message.secret ? await sealOutboxSecret(encryption, em, id, message.secret) : null,
      message.expiresAt === undefined || message.expiresAt === null ? null : new Date(message.expiresAt).toISOString(),
    ],
  );
  return id;
}

/** Withdraws a message of the caller's organization that has not left yet; whether it did. */
export async function cancelMail(em: EntityManager, id: string): Promise<boolean> {
  // Raw SQL: mail.cancel is a SECURITY DEFINER function (the sender may not update the outbox itself).
  const [row] = await em.execute<{ cancelled: boolean }[]>(`select mail.cancel(?) as cancelled`, [id]);
  return row?.cancelled === true;
}
