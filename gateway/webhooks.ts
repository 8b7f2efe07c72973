// Inbound webhooks at POST /webhooks/:source, signed as the Standard Webhooks specification
// says: HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<raw body>" with the source's secret,
// in `webhook-signature` as "v1,<base64>". Five minutes of tolerance, constant-time comparison,
// and an id already seen is refused as a replay.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError, conflict, notFound, unauthenticated, badUserInput } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';

export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface WebhookEvent {
  source: string;
  id: string;
  timestamp: Date;
  payload: unknown;
}

export type WebhookHandler = (event: WebhookEvent) => Promise<void>;

export function webhookSignature(secret: Uint8Array, id: string, timestamp: number, body: Buffer | string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.`).update(body).digest('base64')}`;
}

function signatureMatches(secret: Uint8Array, id: string, timestamp: number, body: Buffer, header: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, id, timestamp, body).slice(3), 'base64');
  // The header may carry several space-separated signatures (during a secret rotation).
  return header.split(' ').some((candidate) => {
    if (!candidate.startsWith('v1,')) return false;
    const given = Buffer.from(candidate.slice(3), 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export function createWebhookReceiver(options: {
  secrets: Record<string, Uint8Array>;
  handlers: Record<string, WebhookHandler>;
  logger: Logger;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  const seen = new Map<string, number>(); // "<source>:<id>" → when it may be forgotten (ms)

  function remember(key: string, at: number): boolean {
    for (const [old, expiry] of seen) {
      if (expiry > at) break; // insertion order is expiry order
      seen.delete(old);
    }
    if (seen.has(key)) return false;
    seen.set(key, at + 2 * WEBHOOK_TOLERANCE_SECONDS * 1000);
    return true;
  }

  return async (req: Request, res: Response) => {
    const source = String(req.params.source ?? '');
    const secret = options.secrets[source];
    const handler = options.handlers[source];
    if (!secret || !handler) return sendError(res, notFound('Webhook source'));
    const id = req.header('webhook-id');
    const timestampText = req.header('webhook-timestamp');
    const signature = req.header('webhook-signature');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!id || !/^[A-Za-z0-9_.:-]{1,128}$/.test(id) || !timestampText || !/^\d{1,12}$/.test(timestampText) || !signature) {
      return sendError(res, badUserInput('webhook-id, webhook-timestamp and webhook-signature headers are required'));
    }
    const timestamp = Number(timestampText);
    const at = now().getTime();
    if (Math.abs(at / 1000 - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return sendError(res, unauthenticated('Webhook timestamp outside the tolerance'));
    if (!signatureMatches(secret, id, timestamp, body, signature)) {
      options.logger.warn({ source }, 'refused a webhook with an invalid signature');
      return sendError(res, unauthenticated('Invalid webhook signature'));
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, badUserInput('The webhook body is not JSON'));
    }
    if (!remember(`${source}:${id}`, at)) return sendError(res, conflict('Webhook already received'));
    try {
      await handler({ source, id, timestamp: new Date(timestamp * 1000), payload });
      res.status(204).end();
    } catch (error) {
      seen.delete(`${source}:${id}`); // not handled: the sender's retry must get through
      options.logger.error({ err: error, source }, 'webhook handler failed');
      sendError(res, error instanceof AppError ? error : new AppError('SERVICE_UNAVAILABLE', 'The webhook could not be handled; retry later'));
    }
  };
}
