// Signed, time-limited download URLs: HMAC-SHA256 over the storage key and the expiry, checked in
// constant time. The gateway serves them at /downloads/<key>; the services that create files
// sign them with the same secret. Document grants are signed with a secret of their own, which
// only the credentials subgraph (that hands them out) and the gateway hold: the gateway checks
// them before it reads an upload's body, and the subgraph checks them again.
import { hmacSha256, macMatches } from './hmac.ts';
import { isStorageKey } from './storage.ts';

export const DOWNLOAD_PATH_PREFIX = '/downloads/';

function signature(secret: Uint8Array, key: string, expires: number): Buffer {
  return hmacSha256(secret, `credence-download-v1\n${key}\n${expires}`);
}

/** The query parameter of a download link that carries the key its file is sealed with (sealed-files.ts). */
export const CONTENT_KEY_PARAM = 'content_key';

export function signedDownloadUrl(options: { publicUrl: string; secret: Uint8Array; key: string; expiresAt: Date; contentKey?: Uint8Array }): string {
  const expires = Math.floor(options.expiresAt.getTime() / 1000);
  const sig = signature(options.secret, options.key, expires).toString('base64url');
  const sealed = options.contentKey ? `&${CONTENT_KEY_PARAM}=${Buffer.from(options.contentKey).toString('base64url')}` : '';
  return `${options.publicUrl}${DOWNLOAD_PATH_PREFIX}${options.key}?expires=${expires}&signature=${sig}${sealed}`;
}

export type DownloadCheck = { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'invalid_signature' };

export function checkDownload(secret: Uint8Array, key: string, expiresParam: unknown, signatureParam: unknown, now = new Date()): DownloadCheck {
  if (!isStorageKey(key) || typeof expiresParam !== 'string' || typeof signatureParam !== 'string' || !/^\d{1,12}$/.test(expiresParam)) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = signature(secret, key, Number(expiresParam));
  const given = Buffer.from(signatureParam, 'base64url');
  if (!macMatches(given, expected)) return { ok: false, reason: 'invalid_signature' };
  if (Number(expiresParam) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/**
 * A signed grant: a small set of claims (who may do what with which record, until when) carried
 * in a URL as `grant=…&signature=…`, for document uploads and downloads. Signed, not secret:
 * it holds ids and a role, never PHI.
 */
export interface UrlGrant {
  /** What the grant is for (document-upload, document-download): a grant for one is refused for the other. */
  purpose: string;
  /** The record it is about. */
  subject: string;
  organizationId: string;
  userId: string;
  role: string;
  /** The session that asked for the grant: once it ends (sign-out, revocation, deactivation), the grant is refused. */
  sessionId?: string;
  /** For an upload, the most bytes it may carry (the gateway cuts off a longer body). */
  maxBytes?: number;
  /** Unix seconds. */
  expires: number;
}

/** What a document grant is for (its purpose): a grant for one is refused for the other. */
export const DOCUMENT_GRANTS = { upload: 'document-upload', download: 'document-download' } as const;

function grantSignature(secret: Uint8Array, encoded: string): Buffer {
  return hmacSha256(secret, `credence-grant-v1\n${encoded}`);
}

export function signGrant(secret: Uint8Array, grant: UrlGrant): string {
  const encoded = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return `grant=${encoded}&signature=${grantSignature(secret, encoded).toString('base64url')}`;
}

export type GrantCheck = { ok: true; grant: UrlGrant } | { ok: false; reason: 'malformed' | 'expired' | 'invalid_signature' | 'wrong_purpose' };

export function checkGrant(secret: Uint8Array, expected: { purpose: string; subject: string }, grantParam: unknown, signatureParam: unknown, now = new Date()): GrantCheck {
  if (typeof grantParam !== 'string' || typeof signatureParam !== 'string' || grantParam.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(grantParam)) {
    return { ok: false, reason: 'malformed' };
  }
  const expectedSignature = grantSignature(secret, grantParam);
  const given = Buffer.from(signatureParam, 'base64url');
  if (!macMatches(given, expectedSignature)) return { ok: false, reason: 'invalid_signature' };
  let grant: UrlGrant;
  try {
    grant = JSON.parse(Buffer.from(grantParam, 'base64url').toString('utf8')) as UrlGrant;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (grant.purpose !== expected.purpose || grant.subject !== expected.subject) return { ok: false, reason: 'wrong_purpose' };
  if (!Number.isInteger(grant.expires) || grant.expires * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, grant };
}
