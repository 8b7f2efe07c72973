// Signed, time-limited download URLs: HMAC-SHA256 over the storage key and the expiry, checked in
// constant time. The gateway serves them at /downloads/<key>; the services that create files
// sign them with the same secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isStorageKey } from './storage.ts';

export const DOWNLOAD_PATH_PREFIX = '/downloads/';

function signature(secret: Uint8Array, key: string, expires: number): Buffer {
  return createHmac('sha256', secret).update(`credence-download-v1\n${key}\n${expires}`).digest();
}

export function signedDownloadUrl(options: { publicUrl: string; secret: Uint8Array; key: string; expiresAt: Date }): string {
  const expires = Math.floor(options.expiresAt.getTime() / 1000);
  const sig = signature(options.secret, options.key, expires).toString('base64url');
  return `${options.publicUrl}${DOWNLOAD_PATH_PREFIX}${options.key}?expires=${expires}&signature=${sig}`;
}

export type DownloadCheck = { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'invalid_signature' };

export function checkDownload(secret: Uint8Array, key: string, expiresParam: unknown, signatureParam: unknown, now = new Date()): DownloadCheck {
  if (!isStorageKey(key) || typeof expiresParam !== 'string' || typeof signatureParam !== 'string' || !/^\d{1,12}$/.test(expiresParam)) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = signature(secret, key, Number(expiresParam));
  const given = Buffer.from(signatureParam, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid_signature' };
  if (Number(expiresParam) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}
