// In domain/: the certificate of a terminated organization's deletion, pure (no I/O): what was
// deleted and when, the destruction of its data keys and (from v2) the confirmation that no
// backup older than the deletion remains, signed with the audit signing key (the key of the audit
// checkpoints), so that anyone holding the published key can verify it offline
// (`npm run audit:verify -- certificate.json`) and any change to it fails. Certificates already
// issued in v1 (no backup facts) verify as they were signed.
import { createPublicKey, sign, verify } from 'node:crypto';
import { keyIdOf, type PublicKeys, type SigningKey } from './audit-chain.ts';

export const DELETION_CERTIFICATE_FORMAT_V1 = 'credence-deletion-certificate-v1';
export const DELETION_CERTIFICATE_FORMAT = 'credence-deletion-certificate-v2';

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

/** Why the backups could not be confirmed: no backup adapter is configured, so none was asked. */
export type BackupsUnconfirmedReason = 'no_backup_adapter';

/** The v2 facts: the v1 facts and what the backup adapter showed at the last check. */
export interface BackupConfirmedDeletionFacts extends DeletionFacts {
  /** By when no backup older than the deletion may remain (the termination and the configured deadline). */
  backupsDeadlineAt: string;
  /** When the backups were last checked. */
  backupsCheckedAt: string;
  /** True: the backup adapter showed no backup that finished before the deletion. False: it could not be asked (see the reason). */
  backupsConfirmed: boolean;
  backupsUnconfirmedReason: BackupsUnconfirmedReason | null;
  /** When the oldest backup kept at the last check finished (after the deletion); null: none kept. */
  oldestBackupAt: string | null;
  /** Base backups older than the deletion purged at the deadline, and the WAL segments only they needed. */
  backupsPurged: number;
  walSegmentsPurged: number;
}

interface Signature {
  keyId: string;
  /** The signing key's raw Ed25519 public key, base64: compare its id with the published auditSigningKeys. */
  publicKey: string;
  signature: string;
}

export type DeletionCertificateV1 = DeletionFacts & Signature & { format: typeof DELETION_CERTIFICATE_FORMAT_V1 };
export type DeletionCertificateV2 = BackupConfirmedDeletionFacts & Signature & { format: typeof DELETION_CERTIFICATE_FORMAT };
export type DeletionCertificate = DeletionCertificateV1 | DeletionCertificateV2;

const V1_FACT_KEYS: (keyof DeletionFacts)[] = [
  'organizationId', 'terminatedAt', 'terminationReason', 'exportWindowEndsAt', 'deletionStartedAt', 'keysDestroyedAt', 'deletedAt',
  'rowsDeleted', 'documentsDeleted', 'auditEventsKept', 'issuedAt',
];
const V2_FACT_KEYS: (keyof BackupConfirmedDeletionFacts)[] = [
  ...V1_FACT_KEYS, 'backupsDeadlineAt', 'backupsCheckedAt', 'backupsConfirmed', 'backupsUnconfirmedReason', 'oldestBackupAt', 'backupsPurged', 'walSegmentsPurged',
];
const FACT_KEYS: Record<string, readonly string[]> = { [DELETION_CERTIFICATE_FORMAT_V1]: V1_FACT_KEYS, [DELETION_CERTIFICATE_FORMAT]: V2_FACT_KEYS };

/** The bytes signed: the format and every fact of that format, in a fixed order. */
function message(format: string, facts: object): Buffer {
  const values = facts as Record<string, unknown>;
  return Buffer.from(JSON.stringify([format, ...FACT_KEYS[format]!.map((key) => values[key])]), 'utf8');
}

function signed<F extends object>(key: SigningKey, format: string, facts: F): F & Signature & { format: string } {
  const values = facts as Record<string, unknown>;
  const stated = Object.fromEntries(FACT_KEYS[format]!.map((name) => [name, values[name]])) as F;
  return { format, ...stated, keyId: key.keyId, publicKey: key.publicKey, signature: sign(null, message(format, stated), key.privateKey).toString('base64') };
}

/** A v2 certificate, with the backup confirmation. */
export function signDeletionCertificate(key: SigningKey, facts: BackupConfirmedDeletionFacts): DeletionCertificateV2 {
  return signed(key, DELETION_CERTIFICATE_FORMAT, facts) as DeletionCertificateV2;
}

/** A v1 certificate, without backup facts: what an offboarding that deleted before the backup confirmation existed still issues. */
export function signDeletionCertificateV1(key: SigningKey, facts: DeletionFacts): DeletionCertificateV1 {
  return signed(key, DELETION_CERTIFICATE_FORMAT_V1, facts) as DeletionCertificateV1;
}

export function isDeletionCertificate(value: unknown): value is DeletionCertificate {
  if (typeof value !== 'object' || value === null) return false;
  const format = (value as { format?: unknown }).format;
  return format === DELETION_CERTIFICATE_FORMAT || format === DELETION_CERTIFICATE_FORMAT_V1;
}

/**
 * Whether the certificate's signature holds over its facts, by a key of `keys` (pinned), or by
 * the public key it carries when none are pinned. Anything unexpected answers false.
 */
export function deletionCertificateValid(certificate: DeletionCertificate, keys?: PublicKeys): boolean {
  if (!isDeletionCertificate(certificate)) return false;
  const factKeys = FACT_KEYS[certificate.format]!;
  const raw = keys ? keys[certificate.keyId] : certificate.publicKey;
  if (typeof raw !== 'string' || keyIdOf(raw) !== certificate.keyId) return false;
  const extra = Object.keys(certificate).filter((name) => !['format', 'keyId', 'publicKey', 'signature', ...factKeys].includes(name));
  if (extra.length > 0) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw, 'base64').toString('base64url') }, format: 'jwk' });
    return verify(null, message(certificate.format, certificate), key, Buffer.from(certificate.signature, 'base64'));
  } catch {
    return false;
  }
}
