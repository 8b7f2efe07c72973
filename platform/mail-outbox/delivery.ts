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
import { createTransport } from 'nodemailer';
import type { MikroORM } from '../database/orm.ts';
import { AppError } from '../errors.ts';
import type { FieldEncryption } from '../field-encryption/data-keys.ts';
import type { Logger } from '../logger.ts';
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
  secret: string | null;
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
      await tx.execute(
        `update mail.outbox set status = 'FAILED', last_error = 'expired', secret = null, claimed_by = null, claimed_until = null
         where expires_at <= now() and (status = 'PENDING' or (status = 'SENDING' and claimed_until < now()))`,
      );
      return tx.execute<ClaimedMessage[]>(
        `update mail.outbox o set status = 'SENDING', claimed_by = ?, claimed_until = now() + make_interval(secs => ?), attempts = o.attempts + 1
         where o.id in (
           select id from mail.outbox
           where (status = 'PENDING' and next_attempt_at <= now()) or (status = 'SENDING' and claimed_until < now())
           order by next_attempt_at limit ? for update skip locked)
         returning o.id, o.recipient, o.template, o.parameters, o.secret, o.attempts`,
        [worker, options.leaseSeconds, options.batchSize],
      );
    });
  }

  /**
   * Renews the claim of one message just before it is sent, and says whether it is still this
   * worker's: the lease covers one send, not the whole batch, which a slow server can outlast.
   * A message whose lease ran out meanwhile may have been taken (and sent) by another worker.
   */
  async function renewClaim(worker: string, message: ClaimedMessage): Promise<boolean> {
    const rows = await deps.orm.em.fork().execute(
      `update mail.outbox set claimed_until = now() + make_interval(secs => ?) where id = ? and claimed_by = ? and status = 'SENDING' returning id`,
      [options.leaseSeconds, message.id, worker],
    );
    return rows.length > 0;
  }

  async function settle(worker: string, message: ClaimedMessage, error: unknown): Promise<'sent' | 'retrying' | 'failed'> {
    const em = deps.orm.em.fork();
    if (error === null) {
      await em.execute(
        `update mail.outbox set status = 'SENT', sent_at = now(), secret = null, last_error = null, claimed_by = null, claimed_until = null where id = ? and claimed_by = ?`,
        [message.id, worker],
      );
      deps.logger?.info({ mailId: message.id, template: message.template, attempts: message.attempts }, 'mail delivered');
      return 'sent';
    }
    const { code, permanent } = deliveryErrorCode(error);
    const giveUp = permanent || message.attempts >= options.maxAttempts;
    const delaySeconds = Math.min(options.firstDelaySeconds * 2 ** (message.attempts - 1), options.maxDelaySeconds);
    await em.execute(
      giveUp
        ? `update mail.outbox set status = 'FAILED', last_error = ?, secret = null, claimed_by = null, claimed_until = null where id = ? and claimed_by = ?`
        : `update mail.outbox set status = 'PENDING', last_error = ?, next_attempt_at = now() + make_interval(secs => ${delaySeconds}), claimed_by = null, claimed_until = null
           where id = ? and claimed_by = ?`,
      [code, message.id, worker],
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
