// A real SMTP server on loopback (smtp-server) that keeps what it receives, for tests of mail
// delivery: the worker sends to it over SMTP exactly as to a production server, and a test reads
// the message (and the token in its link) back from here.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../stack/ports.ts';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  subject: string;
  text: string;
  messageId: string;
  raw: string;
}

export interface MailTestServer {
  url: string;
  messages: ReceivedMail[];
  /** Makes the server refuse the next `times` messages to this address with this SMTP reply code. */
  refuse(address: string, code: number, times?: number): void;
  /** The messages for this address (the newest last). */
  to(address: string): ReceivedMail[];
  /** Waits for the `count`-th message to this address, with a deadline (no fixed sleep). */
  waitFor(address: string, options?: { count?: number; timeoutMs?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** The token of a message's link (`...#token=<token>`). */
export function tokenFromMail(mail: ReceivedMail): string {
  const match = /#token=([A-Za-z0-9_-]{43})\b/.exec(mail.text);
  if (!match) throw new Error('the message holds no link with a token');
  return match[1]!;
}

export async function startMailTestServer(): Promise<MailTestServer> {
  const messages: ReceivedMail[] = [];
  const refusals = new Map<string, { code: number; times: number }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = session.envelope.rcptTo.map((r) => refusals.get(r.address)).find((r) => r && r.times > 0);
        if (refusal) {
          refusal.times -= 1;
          const error = new Error('refused by the test server') as Error & { responseCode: number };
          error.responseCode = refusal.code;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              messageId: parsed.messageId ?? '',
              raw: raw.toString('utf8'),
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const to = (address: string) => messages.filter((m) => m.envelopeTo.includes(address));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse(address, code, times = 1) {
      refusals.set(address, { code, times });
    },
    to,
    async waitFor(address, options = {}) {
      const count = options.count ?? 1;
      const deadline = Date.now() + (options.timeoutMs ?? 20_000);
      while (Date.now() < deadline) {
        const found = to(address);
        if (found.length >= count) return found[count - 1]!;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no message #${count} to ${address} within the deadline (received ${messages.length} in all)`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The SMTP test server with the outbox's delivery pointed at it, as the worker runs it (its own
 * database role): `lastMailTo` delivers what is due until a message to the address arrives.
 */
export async function startMailHarness(options: { publicUrl?: string; logger?: import('../../platform/logger.ts').Logger } = {}) {
  const { createLogger } = await import('../../platform/logger.ts');
  const { openDatabase } = await import('../../platform/database/orm.ts');
  const { createMailDelivery } = await import('../../platform/mail-outbox/delivery.ts');
  const { testActivityDeps, testStack } = await import('./stack.ts');
  const server = await startMailTestServer();
  const workerOrm = await openDatabase({ url: testStack().serviceEnv.worker.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  const mail = { smtpUrl: server.url, from: 'Credence <no-reply@credence.test>', publicUrl: options.publicUrl ?? 'https://credence.test' };
  // The worker's field encryption: it opens the link secrets that identity sealed into the outbox.
  const { encryption } = await testActivityDeps(workerOrm);
  const delivery = createMailDelivery({ orm: workerOrm, mail, encryption, ...(options.logger ? { logger: options.logger } : {}) });
  return {
    server,
    workerOrm,
    delivery,
    mail,
    encryption,
    /** Delivers the outbox until the `count`-th message to the address has arrived; returns the newest. */
    async lastMailTo(address: string, count = 1, timeoutMs = 20_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      while (server.to(address).length < count) {
        if (Date.now() > deadline) throw new Error(`no message #${count} to ${address} within the deadline`);
        const { claimed } = await delivery.deliverDue();
        if (claimed === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return server.to(address).at(-1)!;
    },
    async close() {
      delivery.close();
      await workerOrm.close();
      await server.close();
    },
  };
}
