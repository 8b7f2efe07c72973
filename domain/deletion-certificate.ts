// In domain/: the certificate of a terminated organization's deletion, pure (no I/O): what was
// deleted and when, the destruction of its data keys, signed with the audit signing key (the key
// of the audit checkpoints), so that anyone holding the published key can verify it offline
// (`npm run audit:verify -- certificate.json`) and any change to it fails.
import { createPublicKey, sign, verify } from 'node:crypto';
import { keyIdOf, type PublicKeys, type SigningKey } from './audit-chain.ts';

export const DELETION_CERTIFICATE_FORMAT = 'credence-deletion-certificate-v1';

/** What the certificate states. Times are ISO 8601; counts are of what was deleted. */
export interface DeletionFacts {
  organizationId: string;
  terminatedAt: string;
  terminationReason: string | null;
  exportWindowEndsAt: string;
  deletionStartedAt: string;
  /** When the organization's data keys were destroyed: every copy of its encrypted data, backups included, unreadable from then on. */
  keysDestroyedAt: string;
  deletedAt: string;
  rowsDeleted: number;
  documentsDeleted: number;
  /** Audit events of the organization kept (they hold no PHI) until their retention ends. */
  auditEventsKept: number;
  issuedAt: string;
}

export interface DeletionCertificate extends DeletionFacts {
  format: typeof DELETION_CERTIFICATE_FORMAT;
  keyId: string;
  /** The signing key's raw Ed25519 public key, base64: compare its id with the published auditSigningKeys. */
  publicKey: string;
  signature: string;
}

const FACT_KEYS: (keyof DeletionFacts)[] = [
  'organizationId', 'terminatedAt', 'terminationReason', 'exportWindowEndsAt', 'deletionStartedAt', 'keysDestroyedAt', 'deletedAt',
  'rowsDeleted', 'documentsDeleted', 'auditEventsKept', 'issuedAt',
];

/** The bytes signed: the format and every fact, in a fixed order. */
function message(facts: DeletionFacts): Buffer {
  return Buffer.from(JSON.stringify([DELETION_CERTIFICATE_FORMAT, ...FACT_KEYS.map((key) => facts[key])]), 'utf8');
}

export function signDeletionCertificate(key: SigningKey, facts: DeletionFacts): DeletionCertificate {
  const stated = Object.fromEntries(FACT_KEYS.map((name) => [name, facts[name]])) as unknown as DeletionFacts;
  return { format: DELETION_CERTIFICATE_FORMAT, ...stated, keyId: key.keyId, publicKey: key.publicKey, signature: sign(null, message(stated), key.privateKey).toString('base64') };
}

export function isDeletionCertificate(value: unknown): value is DeletionCertificate {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === DELETION_CERTIFICATE_FORMAT;
}

/**
 * Whether the certificate's signature holds over its facts, by a key of `keys` (pinned), or by
 * the public key it carries when none are pinned. Anything unexpected answers false.
 */
export function deletionCertificateValid(certificate: DeletionCertificate, keys?: PublicKeys): boolean {
  const raw = keys ? keys[certificate.keyId] : certificate.publicKey;
  if (typeof raw !== 'string' || keyIdOf(raw) !== certificate.keyId) return false;
  const extra = Object.keys(certificate).filter((name) => !['format', 'keyId', 'publicKey', 'signature', ...FACT_KEYS].includes(name));
  if (extra.length > 0) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw, 'base64').toString('base64url') }, format: 'jwk' });
    return verify(null, message(certificate), key, Buffer.from(certificate.signature, 'base64'));
  } catch {
    return false;
  }
}
