import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadSigningKey } from './audit-chain.ts';
import { deletionCertificateValid, signDeletionCertificate, type DeletionFacts } from './deletion-certificate.ts';

const keyOf = () => loadSigningKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
const facts: DeletionFacts = {
  organizationId: '6f1c4a2e-8d0b-4c3e-9f5a-1b2c3d4e5f60', terminatedAt: '2026-09-01T10:00:00.000Z', terminationReason: 'contract_ended',
  exportWindowEndsAt: '2026-11-30T10:00:00.000Z', deletionStartedAt: '2026-11-30T10:00:01.000Z', keysDestroyedAt: '2026-11-30T10:00:01.500Z',
  deletedAt: '2026-11-30T10:00:09.000Z', rowsDeleted: 31_000, documentsDeleted: 1_000, auditEventsKept: 4_211, issuedAt: '2026-11-30T10:00:09.100Z',
};

describe('deletion certificate', () => {
  it('verifies with the key it carries or a pinned one, and fails when any fact, the key or the signature changes', () => {
    const key = keyOf();
    const certificate = signDeletionCertificate(key, facts);
    expect(deletionCertificateValid(certificate)).toBe(true);
    expect(deletionCertificateValid(certificate, { [key.keyId]: key.publicKey })).toBe(true);
    expect(deletionCertificateValid(JSON.parse(JSON.stringify(certificate)))).toBe(true); // as a file holds it
    for (const [name, value] of Object.entries({ rowsDeleted: 30_999, documentsDeleted: 0, deletedAt: '2026-12-30T10:00:09.000Z', organizationId: '00000000-0000-0000-0000-000000000001', terminationReason: null, auditEventsKept: 0 })) {
      expect([name, deletionCertificateValid({ ...certificate, [name]: value })]).toEqual([name, false]);
    }
    const other = keyOf();
    expect(deletionCertificateValid(certificate, { [other.keyId]: other.publicKey })).toBe(false); // not a pinned key
    expect(deletionCertificateValid({ ...certificate, publicKey: other.publicKey })).toBe(false); // another key under its id
    expect(deletionCertificateValid({ ...signDeletionCertificate(other, facts), keyId: certificate.keyId })).toBe(false);
    expect(deletionCertificateValid({ ...certificate, signature: Buffer.alloc(64).toString('base64') })).toBe(false);
    expect(deletionCertificateValid({ ...certificate, backupsPurged: true } as never)).toBe(false); // a fact it does not sign
  });
});
