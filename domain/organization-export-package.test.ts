// The sealed export package: opens with its passphrase (or its private key) only, and any change
// to any byte of it fails; the offline opener (npm run export:open) opens it with node alone.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  EXPORT_MAGIC, ExportPackageError, openExportPackage, openExportPackageWithPassphrase, passphraseKeyPair, sealExportPackage, sealExportPackageStream, x25519PublicKey,
} from './organization-export-package.ts';

const PASSPHRASE = 'correct horse battery staple 4471';
const contents = Buffer.concat([Buffer.from('{"physicians":[{"ssn":"219-44-8765"}]}\n'), randomBytes(4096)]);

describe('an export package sealed for a passphrase', () => {
  const { publicKey, wrappedKey } = passphraseKeyPair(PASSPHRASE);
  const sealed = sealExportPackage(contents, publicKey, wrappedKey);

  it('opens with its passphrase, and holds nothing readable without it', () => {
    expect(openExportPackageWithPassphrase(sealed, PASSPHRASE).equals(contents)).toBe(true);
    expect(sealed.subarray(0, EXPORT_MAGIC.length).toString()).toBe(EXPORT_MAGIC);
    expect(sealed.includes(Buffer.from('219-44-8765'))).toBe(false);
    expect(sealed.includes(Buffer.from(PASSPHRASE))).toBe(false);
  });

  it('does not open with another passphrase, nor after any byte of it changed', () => {
    expect(() => openExportPackageWithPassphrase(sealed, `${PASSPHRASE}!`)).toThrow(ExportPackageError);
    const headerEnd = sealed.indexOf(0x0a, EXPORT_MAGIC.length + 1);
    for (const at of [EXPORT_MAGIC.length + 20, headerEnd - 5, headerEnd + 10, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at] = changed[at]! ^ 0x01;
      expect(() => openExportPackageWithPassphrase(changed, PASSPHRASE)).toThrow(ExportPackageError);
    }
    expect(() => openExportPackageWithPassphrase(sealed.subarray(0, sealed.length - 20), PASSPHRASE)).toThrow(ExportPackageError);
  });

  it('is the same package when sealed as its contents arrive, in chunks of any size', async () => {
    const chunks = async function* () {
      yield contents.subarray(0, 7).toString('utf8'); // text, as the worker writes its lines
      for (let at = 7; at < contents.length; at += 1000) yield contents.subarray(at, Math.min(at + 1000, contents.length));
    };
    const parts: Buffer[] = [];
    for await (const part of sealExportPackageStream(chunks(), publicKey, wrappedKey)) parts.push(part);
    const streamed = Buffer.concat(parts);
    expect(openExportPackageWithPassphrase(streamed, PASSPHRASE).equals(contents)).toBe(true);
    expect(() => openExportPackageWithPassphrase(streamed, `${PASSPHRASE}!`)).toThrow(ExportPackageError);
    expect(streamed.length).toBe(sealed.length);
  });

  it('refuses a short passphrase', () => {
    expect(() => passphraseKeyPair('too short')).toThrow(ExportPackageError);
  });
});

describe('an export package sealed to the owner\'s public key', () => {
  it('opens with the owner\'s private key only', () => {
    const owner = generateKeyPairSync('x25519');
    const raw = (owner.publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(-32).toString('base64');
    const sealed = sealExportPackage(contents, raw);
    expect(openExportPackage(sealed, owner.privateKey).equals(contents)).toBe(true);
    expect(() => openExportPackage(sealed, generateKeyPairSync('x25519').privateKey)).toThrow(ExportPackageError);
    expect(() => openExportPackageWithPassphrase(sealed, PASSPHRASE)).toThrow(ExportPackageError);
  });

  it('refuses anything but a 32-byte X25519 key', () => {
    for (const bad of ['', 'not base64!', Buffer.alloc(31).toString('base64'), Buffer.alloc(33).toString('base64')]) expect(() => x25519PublicKey(bad)).toThrow(ExportPackageError);
  });
});

describe('npm run export:open', () => {
  it('opens a passphrase package offline, the passphrase from the environment, and fails on a wrong one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-open-'));
    const { publicKey, wrappedKey } = passphraseKeyPair(PASSPHRASE);
    const file = join(dir, 'organization.credence-export');
    writeFileSync(file, sealExportPackage(contents, publicKey, wrappedKey));
    const script = new URL('../scripts/export-open.ts', import.meta.url).pathname;
    const opened = execFileSync(process.execPath, [script, file], { env: { ...process.env, EXPORT_PASSPHRASE: PASSPHRASE } });
    expect(opened.equals(contents)).toBe(true);
    expect(() => execFileSync(process.execPath, [script, file], { env: { ...process.env, EXPORT_PASSPHRASE: 'a wrong passphrase 0000' }, stdio: 'pipe' })).toThrow();
  });
});
