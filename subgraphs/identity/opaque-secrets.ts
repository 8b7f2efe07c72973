// Opaque secrets handed to clients (refresh tokens, MFA challenges, invitations, recovery codes):
// random, shown once, stored only as their SHA-256. A 256-bit random value needs no slow hash:
// there is no dictionary to try against it.
import { createHash, randomBytes } from 'node:crypto';

/** A new 256-bit secret, base64url. */
export function newOpaqueSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Whether a presented value can be one of our secrets at all (cheap check before any lookup). */
export function looksLikeOpaqueSecret(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
