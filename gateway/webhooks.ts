// Inbound webhooks at POST /webhooks/:source, signed as the Standard Webhooks specification
// says (platform/webhook-signing.ts, the scheme Credence's own webhooks out use): HMAC-SHA256 over
// "<webhook-id>.<webhook-timestamp>.<raw body>" with the source's secret, in `webhook-signature`
// as "v1,<base64>". Five minutes of tolerance, constant-time comparison,
// and an id already received, by this gateway copy or any other sharing its store, is refused as
// a replay.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError, badUserInput, conflict, notFound, serviceUnavailable, unauthenticated } from '../platform/errors.ts';
import { sendError } from '../platform/http.ts';
import type { Logger } from '../platform/logger.ts';
import { webhookSignatureMatches } from '../platform/webhook-signing.ts';
import type { SharedStore } from './shared-store.ts';

export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface WebhookEvent {
  source: string;
  id: string;
  timestamp: Date;
  payload: unknown;
  /** The body exactly as signed, for a handler that keeps it as evidence. */
  body: Buffer;
}

export type WebhookHandler = (event: WebhookEvent) => Promise<void>;

export function createWebhookReceiver(options: {
  secrets: Record<string, Uint8Array>;
  handlers: Record<string, WebhookHandler>;
  /** Where the ids received are kept: shared with the other gateway copies when it is Redis. */
  store: SharedStore;
  logger: Logger;
  now?: () => Date;
}) {
  const now = options.now ?? (() => new Date());
  const { store, logger } = options;
  // Looked up by a name from the URL: in Maps, so that "constructor" or "__proto__" (which every
  // plain object answers) is no source.
  const secrets = new Map(Object.entries(options.secrets));
  const handlers = new Map(Object.entries(options.handlers));
  // An id is kept for twice the tolerance: past that, its timestamp alone refuses a replay.
  const keptMs = 2 * WEBHOOK_TOLERANCE_SECONDS * 1000;

  return async (req: Request, res: Response) => {
    const source = String(req.params.source ?? '');
    const secret = secrets.get(source);
    const handler = handlers.get(source);
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
    if (!webhookSignatureMatches(secret, id, timestamp, body, signature)) {
      logger.warn({ source }, 'refused a webhook with an invalid signature');
      return sendError(res, unauthenticated('Invalid webhook signature'));
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, badUserInput('The webhook body is not JSON'));
    }
    const key = `webhook:${source}:${id}`;
    const claim = randomUUID();
    let first: boolean;
    try {
      first = await store.claimOnce(key, claim, keptMs);
    } catch (error) {
      // Without the shared store a replay to another copy could not be told apart: refuse, and
      // let the sender's retry deliver it once the store answers again. The claim may still land
      // when Redis wakes: give it back (it runs after the claim on the same connection). Should
      // that fail too, the id stays claimed for `keptMs`, and a later retry delivers it.
      void store.release(key, claim).catch(() => {});
      logger.error({ err: { message: (error as Error).message }, source }, 'webhook refused: the store of received ids did not answer');
      res.setHeader('retry-after', '5');
      return sendError(res, serviceUnavailable('The webhook could not be checked for replay; retry later'));
    }
    if (!first) return sendError(res, conflict('Webhook already received'));
    try {
      await handler({ source, id, timestamp: new Date(timestamp * 1000), payload, body });
      res.status(204).end();
    } catch (error) {
      await store.release(key, claim).catch(() => {}); // not handled: the sender's retry must get through
      logger.error({ err: error, source }, 'webhook handler failed');
      const refusal = error instanceof AppError ? error : serviceUnavailable('The webhook could not be handled; retry later');
      if (refusal.code === 'SERVICE_UNAVAILABLE') res.setHeader('retry-after', String(Number(refusal.details?.retryAfterSeconds ?? 5)));
      sendError(res, refusal);
    }
  };
}
