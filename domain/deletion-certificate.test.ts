import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadSigningKey } from './audit-chain.ts';
import {
  deletionCertificateValid, isDeletionCertificate, signDeletionCertificate, signDeletionCertificateV1, type BackupConfirmedDeletionFacts, type DeletionFacts,
} from './deletion-certificate.ts';

const keyOf = () => loadSigningKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
const facts: DeletionFacts = {
  organizationId: '6f1c4a2e-8d0b-4c3e-9f5a-1b2c3d4e5f60', terminatedAt: '2026-09-01T10:00:00.000Z', terminationReason: 'contract_ended',
  exportWindowEndsAt: '2026-11-30T10:00:00.000Z', deletionStartedAt: '2026-11-30T10:00:01.000Z', keysDestroyedAt: '2026-11-30T10:00:01.500Z',
  deletedAt: '2026-11-30T10:00:09.000Z', rowsDeleted: 31_000, documentsDeleted: 1_000, auditEventsKept: 4_211, issuedAt: '2026-11-30T10:00:09.100Z',
};
const confirmed: BackupConfirmedDeletionFacts = {
  ...facts, issuedAt: '2027-02-28T10:00:00.100Z', backupsDeadlineAt: '2027-02-28T10:00:00.000Z', backupsCheckedAt: '2027-02-28T10:00:00.050Z',
  backupsConfirmed: true, backupsUnconfirmedReason: null, oldestBackupAt: '2027-02-27T03:00:00.000Z', backupsPurged: 2, walSegmentsPurged: 340,
};

describe('deletion certificate', () => {
  it('verifies with the key it carries or a pinned one, and fails when any fact, the key or the signature changes', () => {
    const key = keyOf();
    const certificate = signDeletionCertificate(key, confirmed);
    expect(certificate.format).toBe('credence-deletion-certificate-v2');
    expect(deletionCertificateValid(certificate)).toBe(true);
    expect(deletionCertificateValid(certificate, { [key.keyId]: key.publicKey })).toBe(true);
    expect(deletionCertificateValid(JSON.parse(JSON.stringify(certificate)))).toBe(true); // as a file holds it
    const changes = {
      rowsDeleted: 30_999, documentsDeleted: 0, deletedAt: '2026-12-30T10:00:09.000Z', organizationId: '00000000-0000-0000-0000-000000000001', terminationReason: null, auditEventsKept: 0,
      backupsConfirmed: false, backupsUnconfirmedReason: 'no_backup_adapter', oldestBackupAt: null, backupsPurged: 0, walSegmentsPurged: 0,
      backupsCheckedAt: '2027-01-01T00:00:00.000Z', backupsDeadlineAt: '2027-06-01T00:00:00.000Z',
    };
    for (const [name, value] of Object.entries(changes)) {
      expect([name, deletionCertificateValid({ ...certificate, [name]: value })]).toEqual([name, false]);
    }
    const other = keyOf();
    expect(deletionCertificateValid(certificate, { [other.keyId]: other.publicKey })).toBe(false); // not a pinned key
    expect(deletionCertificateValid({ ...certificate, publicKey: other.publicKey })).toBe(false); // another key under its id
    expect(deletionCertificateValid({ ...signDeletionCertificate(other, confirmed), keyId: certificate.keyId })).toBe(false);
    expect(deletionCertificateValid({ ...certificate, signature: Buffer.alloc(64).toString('base64') })).toBe(false);
    expect(deletionCertificateValid({ ...certificate, restoredFrom: 'nowhere' } as never)).toBe(false); // a fact it does not sign
  });

  it('keeps a v1 certificate (issued before the backup confirmation) verifiable, and refuses one relabelled', () => {
    const key = keyOf();
    const v1 = signDeletionCertificateV1(key, facts);
    expect(v1.format).toBe('credence-deletion-certificate-v1');
    expect(isDeletionCertificate(v1)).toBe(true);
    expect(deletionCertificateValid(JSON.parse(JSON.stringify(v1)))).toBe(true);
    expect(deletionCertificateValid({ ...v1, rowsDeleted: 1 })).toBe(false);
    // Backup facts added to a v1 certificate are not signed by it; claiming v2 changes the message signed.
    expect(deletionCertificateValid({ ...v1, backupsPurged: 2 } as never)).toBe(false);
    expect(deletionCertificateValid({ ...v1, format: 'credence-deletion-certificate-v2' } as never)).toBe(false);
    const v2 = signDeletionCertificate(key, confirmed);
    expect(deletionCertificateValid({ ...v2, format: 'credence-deletion-certificate-v1' } as never)).toBe(false);
    expect(isDeletionCertificate({ ...v2, format: 'credence-deletion-certificate-v3' })).toBe(false);
  });

  it('states honestly that backups were not confirmed when no backup adapter was asked', () => {
    const key = keyOf();
    const unconfirmed = signDeletionCertificate(key, { ...confirmed, backupsConfirmed: false, backupsUnconfirmedReason: 'no_backup_adapter', oldestBackupAt: null, backupsPurged: 0, walSegmentsPurged: 0 });
    expect(deletionCertificateValid(unconfirmed)).toBe(true);
    expect(deletionCertificateValid({ ...unconfirmed, backupsConfirmed: true, backupsUnconfirmedReason: null })).toBe(false);
  });
});
