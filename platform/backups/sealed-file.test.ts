// Sealed backup files: what was sealed comes back only under the backup key, and any change to
// the file (body, header, tags, its name, its length) refuses to open.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from '@jest/globals';
import { localKeyProvider } from '../field-encryption/key-provider.ts';
import { openSealedFileToBuffer, readSealedHeader, sealToFile } from './sealed-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'credence-sealed-'));
const keys = localKeyProvider([randomBytes(32)]);
const contents = Buffer.concat([Buffer.from('row: Dr. Jane Example, NPI 1234567893\n'), randomBytes(100_000)]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sealed(name: string): Promise<string> {
  const path = join(dir, `${name}.sealed`);
  await sealToFile(keys, path, 'wal', name, Readable.from([contents]), () => ({ note: 'facts known at the end' }));
  return path;
}

const refused = { code: 'DATA_UNREADABLE' };

describe('sealed backup files', () => {
  it('give back what was sealed, under the key, and keep their facts in a header readable without it', async () => {
    const path = await sealed('000000010000000000000001');
    expect(readFileSync(path).includes('Jane Example')).toBe(false);
    const { header } = await readSealedHeader(path);
    expect(header).toMatchObject({ kind: 'wal', name: '000000010000000000000001', facts: { note: 'facts known at the end' } });
    const opened = await openSealedFileToBuffer(keys, path, { kind: 'wal', name: '000000010000000000000001' });
    expect(opened.contents.equals(contents)).toBe(true);
  });

  it('refuse to open under another key', async () => {
    const path = await sealed('000000010000000000000002');
    await expect(openSealedFileToBuffer(localKeyProvider([randomBytes(32)]), path, { kind: 'wal' })).rejects.toMatchObject(refused);
  });

  it.each([
    ['a byte of the body changed', (file: Buffer) => { file[40] = file[40]! ^ 1; return file; }],
    ['a byte of the header changed', (file: Buffer) => Buffer.from(file.toString('latin1').replace('facts known at the end', 'facts known at the END'), 'latin1')],
    ['its last tag changed', (file: Buffer) => { const at = file.length - 10; file[at] = file[at]! ^ 1; return file; }],
    ['a piece cut out of the body', (file: Buffer) => Buffer.concat([file.subarray(0, 30), file.subarray(1030)])],
    ['its end cut off', (file: Buffer) => file.subarray(0, file.length - 200)],
  ])('refuse to open with %s', async (_what, change) => {
    const path = await sealed(`tampered-${_what.replace(/ /g, '-')}`);
    writeFileSync(path, change(Buffer.from(readFileSync(path))));
    await expect(openSealedFileToBuffer(keys, path, { kind: 'wal' })).rejects.toMatchObject(refused);
  });

  it('refuse to open in the place of another file', async () => {
    const path = await sealed('00000001000000000000000A');
    await expect(openSealedFileToBuffer(keys, path, { kind: 'wal', name: '00000001000000000000000B' })).rejects.toMatchObject(refused);
    await expect(openSealedFileToBuffer(keys, path, { kind: 'base' })).rejects.toMatchObject(refused);
    // A header rewritten to claim the other name no longer matches its key or its tags.
    writeFileSync(path, Buffer.from(readFileSync(path).toString('latin1').replace('00000001000000000000000A', '00000001000000000000000B'), 'latin1'));
    await expect(openSealedFileToBuffer(keys, path, { kind: 'wal', name: '00000001000000000000000B' })).rejects.toMatchObject(refused);
  });
});
