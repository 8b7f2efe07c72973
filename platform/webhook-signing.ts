// The Standard Webhooks signature, in both directions: the gateway checks what providers send in
// (gateway/webhooks.ts) and the worker signs what Credence sends out (platform/webhooks-out/).
// HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<raw body>", sent in `webhook-signature` as
// "v1,<base64>"; several space-separated signatures during a secret rotation. A secret is written
// `whsec_<base64 of its bytes>`, as the specification's libraries take it.
import { randomBytes } from 'node:crypto';
import { hmacSha256, macMatches } from './hmac.ts';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** 24 to 64 bytes: the specification asks for 24 at least; ours are made with 32. */
const SECRET_BYTES = { min: 24, max: 64, made: 32 } as const;

/** The signature of one message with one secret: `v1,<base64>`. */
export function webhookSignature(secret: Uint8Array, id: string, timestamp: number, body: Buffer | string): string {
  return `v1,${hmacSha256(secret, `${id}.${timestamp}.`, body).toString('base64')}`;
}

/** The header of a message signed with each secret given (the current one first), space-separated. */
export function webhookSignatureHeader(secrets: readonly Uint8Array[], id: string, timestamp: number, body: Buffer | string): string {
  return secrets.map((secret) => webhookSignature(secret, id, timestamp, body)).join(' ');
}

/** Whether any `v1,` signature of the header is the message's with this secret, compared in constant time. */
export function webhookSignatureMatches(secret: Uint8Array, id: string, timestamp: number, body: Buffer | string, header: string): boolean {
  const expected = hmacSha256(secret, `${id}.${timestamp}.`, body);
  return header.split(' ').some((candidate) => candidate.startsWith('v1,') && macMatches(Buffer.from(candidate.slice(3), 'base64'), expected));
}

/** A new secret, `whsec_` and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(SECRET_BYTES.made).toString('base64')}`;
}

/** The key bytes of a `whsec_` secret; throws on anything else. */
export function webhookSecretBytes(secret: string): Buffer {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) throw new Error('not a whsec_ webhook secret');
  const base64 = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  const bytes = Buffer.from(base64, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || bytes.length < SECRET_BYTES.min || bytes.length > SECRET_BYTES.max) throw new Error('not a whsec_ webhook secret');
  return bytes;
}
