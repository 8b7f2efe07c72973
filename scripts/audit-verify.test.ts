// npm run audit:verify on certificates of deletion, as their holder runs it: offline, on a file.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadSigningKey } from '../domain/audit-chain.ts';
import { signDeletionCertificate, signDeletionCertificateV1, type DeletionFacts } from '../domain/deletion-certificate.ts';

const SCRIPT = new URL('./audit-verify.ts', import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), 'credence-verify-'));
const key = loadSigningKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
const facts: DeletionFacts = {
  organizationId: '6f1c4a2e-8d0b-4c3e-9f5a-1b2c3d4e5f60', terminatedAt: '2026-09-01T10:00:00.000Z', terminationReason: 'contract_ended',
  exportWindowEndsAt: '2026-11-30T10:00:00.000Z', deletionStartedAt: '2026-11-30T10:00:01.000Z', keysDestroyedAt: '2026-11-30T10:00:01.500Z',
  deletedAt: '2026-11-30T10:00:09.000Z', rowsDeleted: 31_000, documentsDeleted: 1_000, auditEventsKept: 4_211, issuedAt: '2026-11-30T10:00:09.100Z',
};

function verifyFile(name: string, contents: unknown, ...extra: string[]) {
  writeFileSync(join(directory, name), JSON.stringify(contents));
  return spawnSync(process.execPath, [SCRIPT, join(directory, name), ...extra], { encoding: 'utf8' });
}

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('npm run audit:verify on a certificate of deletion', () => {
  it('verifies a v2 certificate and states its backup confirmation, and fails once altered', () => {
    const certificate = signDeletionCertificate(key, {
      ...facts, backupsDeadlineAt: '2027-02-28T10:00:00.000Z', backupsCheckedAt: '2027-02-28T10:00:00.050Z', backupsConfirmed: true,
      backupsUnconfirmedReason: null, oldestBackupAt: null, backupsPurged: 1, walSegmentsPurged: 12,
    });
    expect(verifyFile('v2.json', certificate)).toMatchObject({
      status: 0, stdout: expect.stringMatching(/none older than the deletion \(oldest kept: none; 1 purged[\s\S]*valid: signed by the audit signing key/),
    });
    expect(verifyFile('v2-pinned.json', certificate, '--key', `${key.keyId}=${key.publicKey}`)).toMatchObject({ status: 0 });
    expect(verifyFile('v2-altered.json', { ...certificate, backupsPurged: 0 })).toMatchObject({ status: 1, stdout: expect.stringContaining('INVALID') });
  });

  it('verifies a v1 certificate issued before the backup confirmation, and fails once altered', () => {
    const certificate = signDeletionCertificateV1(key, facts);
    expect(verifyFile('v1.json', certificate)).toMatchObject({ status: 0, stdout: expect.stringContaining('valid: signed by the audit signing key') });
    expect(verifyFile('v1-altered.json', { ...certificate, deletedAt: '2026-12-01T00:00:00.000Z' })).toMatchObject({ status: 1, stdout: expect.stringContaining('INVALID') });
  });
});
