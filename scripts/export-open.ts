// npm run export:open -- PACKAGE [--private-key KEY.pem] [--out FILE] [--audit-log]
// Opens an organization's data export (domain/organization-export-package.ts) offline, with no
// database and no network. A passphrase export reads its passphrase from EXPORT_PASSPHRASE (never
// an argument: arguments are seen by every process list); one sealed to your own X25519 public key
// opens with its private key (PKCS#8 PEM). Writes the contents (JSON Lines, domain/organization-
// export-contents.ts) to --out, or to standard output; with --audit-log, only the organization's
// audit log, as the audit export file that `npm run audit:verify` verifies.
import { createPrivateKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { auditExportOf, ExportContentsError, parseExportContents } from '../domain/organization-export-contents.ts';
import { ExportPackageError, openExportPackage, openExportPackageWithPassphrase } from '../domain/organization-export-package.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const file = args.find((arg, index) => !arg.startsWith('--') && !['--private-key', '--out'].includes(args[index - 1] ?? ''));
if (!file) {
  console.error('usage: EXPORT_PASSPHRASE=... npm run export:open -- PACKAGE [--out FILE] [--audit-log]   or   npm run export:open -- PACKAGE --private-key KEY.pem [--out FILE] [--audit-log]');
  process.exit(2);
}
try {
  const sealed = readFileSync(file);
  const keyFile = option('--private-key');
  let contents: Buffer;
  if (keyFile) {
    contents = openExportPackage(sealed, createPrivateKey(readFileSync(keyFile)));
  } else {
    const passphrase = process.env.EXPORT_PASSPHRASE;
    if (!passphrase) {
      console.error('set EXPORT_PASSPHRASE to the passphrase given for the export (or pass --private-key)');
      process.exit(2);
    }
    contents = openExportPackageWithPassphrase(sealed, passphrase);
  }
  const written = args.includes('--audit-log') ? Buffer.from(auditExportOf(parseExportContents(contents.toString('utf8')))) : contents;
  const out = option('--out');
  if (out) writeFileSync(out, written, { mode: 0o600 });
  else process.stdout.write(written);
} catch (error) {
  console.error(error instanceof ExportPackageError || error instanceof ExportContentsError ? error.message : `could not open the package: ${(error as Error).message}`);
  process.exit(1);
}
