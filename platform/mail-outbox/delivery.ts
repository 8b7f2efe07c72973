// Delivering the mail outbox over SMTP (nodemailer). A batch is claimed with
// `for update skip locked` and a lease, so two workers never take the same message; a message is
// marked sent only by the worker that claimed it. A failure is retried later with a growing
// delay, up to MAX_ATTEMPTS; a message past its expiry (its link no longer works) or refused for
// good by the receiving server is given up, and one its sender withdrew (CANCELLED) never goes.
// The lease is renewed as each message of the batch is sent, and a message whose lease ran out
// while the ones before it were being sent (a slow server) is not sent if another worker took it.
// The link secret is erased as the message leaves the queue, whichever way. Logs name a message by its id and template only: never its recipient,
// subject or the server's reply text (which often quotes the address).
//
// At least once: if a worker dies after the SMTP server accepted a message but before it marked
// it sent, the message goes again after the lease; its Message-ID is the outbox id, so receiving
// systems can tell the copies apart.
import { randomUUID } from 'node:crypto';
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
import { createTransport } from 'nodemailer';
import { secondsFromNow } from '../database/clock.ts';
import type { MikroORM } from '../database/orm.ts';
import { AppError } from '../errors.ts';
import type { FieldEncryption } from '../field-encryption/data-keys.ts';
import type { Logger } from '../logger.ts';
import { OutboxMessage } from './entities/index.ts';
import { openOutboxSecret } from './outbox.ts';
import { renderMail } from './templates.ts';

export interface MailSettings {
  /** SMTP_URL: smtp://user:pass@host:port (STARTTLS when offered) or smtps:// (TLS from the start). */
  smtpUrl: string;
  /** MAIL_FROM: the sender, e.g. "Credence <no-reply@example.org>". */
  from: string;
  /** PUBLIC_URL: the base of the links in messages. */
  publicUrl: string;
}

export const MAIL_DELIVERY = {
  batchSize: 20,
  /** How long a claimed message is left to its worker before another may take it. */
  leaseSeconds: 120,
  maxAttempts: 8,
  /** The delay after the first failure, doubled after each further one, at most `maxDelaySeconds`. */
  firstDelaySeconds: 30,
  maxDelaySeconds: 3600,
} as const;

export interface MailDeliveryResult {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Given up: refused for good, out of attempts, or expired. */
  failed: number;
}

interface ClaimedMessage {
  id: string;
  recipient: string;
  template: string;
  parameters: unknown;
  secret: Buffer | null;
  attempts: number;
}

/** A stable code for the failure, safe to store and log (no address, no server text). */
export function deliveryErrorCode(error: unknown): { code: string; permanent: boolean } {
  // A sealed link secret that does not open (its key destroyed, the row tampered with) never will.
  if (error instanceof AppError && error.code === 'DATA_UNREADABLE') return { code: 'secret_unreadable', permanent: true };
  const { responseCode, code } = (error ?? {}) as { responseCode?: number; code?: string };
  if (typeof responseCode === 'number') return { code: `smtp_${responseCode}`, permanent: responseCode >= 550 && responseCode <= 554 };
  if (typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code)) return { code: code.toLowerCase(), permanent: false };
  return { code: 'send_failed', permanent: false };
}

export function createMailDelivery(deps: { orm: MikroORM; mail: MailSettings; encryption: FieldEncryption; logger?: Logger; options?: Partial<Record<keyof typeof MAIL_DELIVERY, number>> }) {
  const options = { ...MAIL_DELIVERY, ...deps.options };
  const transport = createTransport({ url: deps.mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });

  async function claim(worker: string): Promise<ClaimedMessage[]> {
    const em = deps.orm.em.fork();
    return em.transactional(async (tx) => {
      // Past its expiry a message's link no longer works: it is given up, its secret erased.
      await tx.nativeUpdate(
        OutboxMessage,
        { expiresAt: { $lte: sql.now() }, $or: [{ status: 'PENDING' }, { status: 'SENDING', claimedUntil: { $lt: sql.now() } }] },
        { status: 'FAILED', lastError: 'expired', secret: null, claimedBy: null, claimedUntil: null },
      );
      const due = tx.createQueryBuilder(OutboxMessage, 'due')
        .select('id')
        .where({ $or: [{ status: 'PENDING', nextAttemptAt: { $lte: sql.now() } }, { status: 'SENDING', claimedUntil: { $lt: sql.now() } }] })
        .orderBy({ nextAttemptAt: 'asc' })
        .limit(options.batchSize)
        .setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE);
      return tx.createQueryBuilder(OutboxMessage)
        .update({ status: 'SENDING', claimedBy: worker, claimedUntil: secondsFromNow(options.leaseSeconds), attempts: raw('attempts + 1') })
        .where({ id: { $in: due.getNativeQuery().toRaw() } })
        .returning(['id', 'recipient', 'template', 'parameters', 'secret', 'attempts'])
        .execute<ClaimedMessage[]>('all');
    });
  }

  /**
   * Renews the claim of one message just before it is sent, and says whether it is still this
   * worker's: the lease covers one send, not the whole batch, which a slow server can outlast.
   * A message whose lease ran out meanwhile may have been taken (and sent) by another worker.
   */
  async function renewClaim(worker: string, message: ClaimedMessage): Promise<boolean> {
    const renewed = await deps.orm.em.fork().nativeUpdate(
      OutboxMessage,
      { id: message.id, claimedBy: worker, status: 'SENDING' },
      { claimedUntil: secondsFromNow(options.leaseSeconds) },
    );
    return renewed > 0;
  }

  async function settle(worker: string, message: ClaimedMessage, error: unknown): Promise<'sent' | 'retrying' | 'failed'> {
    const em = deps.orm.em.fork();
    if (error === null) {
      await em.nativeUpdate(
        OutboxMessage,
        { id: message.id, claimedBy: worker },
        { status: 'SENT', sentAt: sql.now(), secret: null, lastError: null, claimedBy: null, claimedUntil: null },
      );
      deps.logger?.info({ mailId: message.id, template: message.template, attempts: message.attempts }, 'mail delivered');
      return 'sent';
    }
    const { code, permanent } = deliveryErrorCode(error);
    const giveUp = permanent || message.attempts >= options.maxAttempts;
    const delaySeconds = Math.min(options.firstDelaySeconds * 2 ** (message.attempts - 1), options.maxDelaySeconds);
    await em.nativeUpdate(
      OutboxMessage,
      { id: message.id, claimedBy: worker },
      giveUp
        ? { status: 'FAILED', lastError: code, secret: null, claimedBy: null, claimedUntil: null }
        : { status: 'PENDING', lastError: code, nextAttemptAt: secondsFromNow(delaySeconds), claimedBy: null, claimedUntil: null },
    );
    deps.logger?.warn({ mailId: message.id, template: message.template, attempts: message.attempts, error: code, gaveUp: giveUp }, 'mail not delivered');
    return giveUp ? 'failed' : 'retrying';
  }

  return {
    batchSize: options.batchSize,
    /** Delivers one batch of due messages; returns what became of them. */
    async deliverDue(): Promise<MailDeliveryResult & { claimed: number }> {
      const worker = randomUUID();
      const messages = await claim(worker);
      const result = { claimed: messages.length, sent: 0, retrying: 0, failed: 0 };
      for (const message of messages) {
        if (!(await renewClaim(worker, message))) {
          deps.logger?.info({ mailId: message.id, template: message.template }, 'mail left to the worker that took it over');
          continue;
        }
        let failure: unknown = null;
        try {
          const secret = message.secret === null ? null : await openOutboxSecret(deps.encryption, deps.orm.em.fork(), message.id, message.secret);
          const { subject, text } = renderMail(message.template, message.parameters, secret, deps.mail.publicUrl);
          await transport.sendMail({ from: deps.mail.from, to: message.recipient, subject, text, messageId: `<${message.id}@outbox.credence>` });
        } catch (error) {
          failure = error ?? new Error('send failed');
        }
        result[await settle(worker, message, failure)] += 1;
      }
      return result;
    },
    close(): void {
      transport.close();
    },
  };
}

export type MailDelivery = ReturnType<typeof createMailDelivery>;
