// Delivering a signed webhook to a gateway, as a verification provider would.
import { randomUUID } from 'node:crypto';
import { webhookSignature } from '../../platform/webhook-signing.ts';

export interface WebhookDelivery {
  id?: string;
  /** Unix seconds; now by default. */
  timestamp?: number;
  body?: string;
  /** The secret to sign with; a wrong one forges. */
  signWith: Uint8Array;
  source?: string;
  headers?: Record<string, string>;
}

export function deliverWebhook(gatewayUrl: string, delivery: WebhookDelivery): Promise<Response> {
  const id = delivery.id ?? `msg_${randomUUID()}`;
  const timestamp = delivery.timestamp ?? Math.floor(Date.now() / 1000);
  const body = delivery.body ?? JSON.stringify({ licenseId: 'L-1', status: 'VERIFIED' });
  return fetch(`${gatewayUrl}/webhooks/${delivery.source ?? 'board-results'}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': webhookSignature(delivery.signWith, id, timestamp, body),
      ...delivery.headers,
    },
    body,
  });
}
