// npm run audit:verify -- FILE [--key KEY_ID=PUBLIC_KEY ...]
// Verifies an audit export offline, with no database: every event's hash, the links between
// them, and the Ed25519 signature of every checkpoint. By default the public keys inside the
// file are used (their ids are printed: compare them with the published `auditSigningKeys`);
// --key pins the keys to trust instead. A certificate of deletion (an organization's
// `OrganizationOffboarding.certificate`, saved to a file) is verified the same way: its
// signature over every fact it states (v1, and v2 with the confirmation of the backups).
import { readFileSync } from 'node:fs';
import { createChainVerifier, type PublicKeys } from '../domain/audit-chain.ts';
import { ExportFormatError, parseExport } from '../domain/audit-export-format.ts';
import { DELETION_CERTIFICATE_FORMAT, deletionCertificateValid, isDeletionCertificate } from '../domain/deletion-certificate.ts';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--') && !arg.includes('='));
const pinned: PublicKeys = {};
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--key') {
    const [keyId, publicKey] = (args[i + 1] ?? '').split('=', 2);
    if (!keyId || !publicKey) {
      console.error('--key takes KEY_ID=PUBLIC_KEY (base64)');
      process.exit(2);
    }
    pinned[keyId] = publicKey;
  }
}
if (!file) {
  console.error('usage: npm run audit:verify -- FILE [--key KEY_ID=PUBLIC_KEY ...]');
  process.exit(2);
}

const text = readFileSync(file, 'utf8');
let certificate: unknown = null;
try {
  certificate = JSON.parse(text);
} catch {
  // not one JSON document: an export (JSON lines or CSV)
}
if (isDeletionCertificate(certificate)) {
  const pinnedKeys = Object.keys(pinned).length > 0 ? pinned : undefined;
  console.log(`certificate of deletion of organization ${certificate.organizationId}: ${certificate.rowsDeleted} rows and ${certificate.documentsDeleted} document files deleted by ${certificate.deletedAt}, keys destroyed at ${certificate.keysDestroyedAt}`);
  if (certificate.format === DELETION_CERTIFICATE_FORMAT) {
    console.log(certificate.backupsConfirmed
      ? `backups checked at ${certificate.backupsCheckedAt}: none older than the deletion (oldest kept: ${certificate.oldestBackupAt ?? 'none'}; ${certificate.backupsPurged} purged at the deadline ${certificate.backupsDeadlineAt})`
      : `backups NOT confirmed (${certificate.backupsUnconfirmedReason}), checked at ${certificate.backupsCheckedAt}`);
  } else {
    console.log('a v1 certificate: it states nothing about backups');
  }
  console.log(pinnedKeys ? `trusting the pinned key(s): ${Object.keys(pinned).join(', ')}` : `using the key in the file: ${certificate.keyId} (compare with the published auditSigningKeys, or pin with --key)`);
  if (!deletionCertificateValid(certificate, pinnedKeys)) {
    console.log('INVALID: the signature does not hold over this certificate');
    process.exit(1);
  }
  console.log('valid: signed by the audit signing key');
  process.exit(0);
}

let parsed;
try {
  parsed = parseExport(text);
} catch (error) {
  console.error(`${file}: ${error instanceof ExportFormatError ? error.message : (error as Error).message}`);
  process.exit(2);
}
const { header, events, checkpoints } = parsed;
const keys = Object.keys(pinned).length > 0 ? pinned : header.keys;
console.log(`organization ${header.organizationId}, exported ${header.exportedAt}, ${events.length} events, ${checkpoints.length} checkpoints`);
console.log(Object.keys(pinned).length > 0 ? `trusting the pinned key(s): ${Object.keys(keys).join(', ')}` : `using the key(s) in the file: ${Object.keys(keys).join(', ') || 'none'} (compare with the published auditSigningKeys, or pin with --key)`);

const verifier = createChainVerifier(header.previous, checkpoints, keys);
const stranger = events.find((event) => event.organizationId !== header.organizationId);
for (const event of events) if (!verifier.push(event)) break;
const report = verifier.report();
if (stranger) {
  console.log(`INVALID: sequence ${stranger.seq} belongs to another organization`);
  process.exit(1);
}
if (!report.valid) {
  console.log(`INVALID at sequence ${report.firstBadSequence}: ${report.problem}`);
  process.exit(1);
}
console.log(`valid: ${report.checkedEvents} events chained, ${report.checkedCheckpoints} signed checkpoint(s) matched`);
if (report.checkedCheckpoints === 0) console.log('note: no signed checkpoint covers these events yet; the chain is consistent but not yet signed');
