// HMAC-SHA256 over keys prepared once per secret, and the constant-time comparison of MACs: the
// one way the services sign and check what they hand out (download links, grants) and what they
// receive (webhooks). Caller contexts are signed with the gateway's own Ed25519 key instead
// (service-signing.ts): a secret shared with the subgraphs would let any of them mint one.
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/** `prepare`, run once per secret: config hands each secret out once, as one Uint8Array. */
export function oncePerSecret<T>(prepare: (secret: Uint8Array) => T): (secret: Uint8Array) => T {
  const prepared = new WeakMap<Uint8Array, T>();
  return (secret) => {
    if (!prepared.has(secret)) prepared.set(secret, prepare(secret));
    return prepared.get(secret)!;
  };
}

/** An HMAC over raw bytes prepares the key on every call, about eight times the cost of a KeyObject. */
const hmacKey = oncePerSecret((secret): KeyObject => createSecretKey(secret));

/** HMAC-SHA256 of the parts, in order, as if concatenated. */
export function hmacSha256(secret: Uint8Array, ...parts: (string | Uint8Array)[]): Buffer {
  const hmac = createHmac('sha256', hmacKey(secret));
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

/** Whether a MAC someone sent equals the expected one, in a time that does not tell where they differ. */
export function macMatches(given: Uint8Array, expected: Uint8Array): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
