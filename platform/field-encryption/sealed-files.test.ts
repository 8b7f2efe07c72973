// Sealed files, attacked: a wrong key, another organization, parts cut, swapped or altered all
// fail with DATA_UNREADABLE; only the right key reads the file back, byte for byte.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { newFileKey, openSealedFile, sealedFileOf, sealFile } from './sealed-files.ts';

const file = { organizationId: '11111111-1111-4111-8111-111111111111', kind: 'audit_export' };

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

async function* from(...chunks: Buffer[]) {
  yield* chunks;
}

/** A sealed file's frames, to take apart. */
function frames(sealed: Buffer): Buffer[] {
  const list: Buffer[] = [];
  for (let at = 0; at < sealed.length;) {
    const length = sealed.readUInt32BE(at);
    list.push(sealed.subarray(at, at + 4 + length));
    at += 4 + length;
  }
  return list;
}

const open = (key: Buffer, sealed: Buffer, where = file) => collect(openSealedFile(key, where, from(sealed)));

describe('sealed files', () => {
  const key = newFileKey();
  const plaintext = Buffer.concat([Buffer.from('{"record":"export"}\n'), randomBytes(200_000)]);

  it('read back exactly, in chunks of any size, and show nothing of the plaintext', async () => {
    const sealed = await collect(sealFile(key, file, from(plaintext.subarray(0, 1000), plaintext.subarray(1000))));
    expect(sealed.includes(Buffer.from('"record"'))).toBe(false);
    expect(frames(sealed).length).toBeGreaterThan(3);
    const dribbled = (async function* () { for (let at = 0; at < sealed.length; at += 777) yield sealed.subarray(at, at + 777); })();
    expect((await collect(openSealedFile(key, file, dribbled))).equals(plaintext)).toBe(true);
    expect((await open(key, await collect(sealFile(key, file, from()))))).toEqual(Buffer.alloc(0));
  });

  it('refuse a wrong key, another organization, and a file cut, reordered or altered', async () => {
    const sealed = await collect(sealFile(key, file, from(plaintext)));
    const parts = frames(sealed);
    await expect(open(newFileKey(), sealed)).rejects.toMatchObject({ code: 'DATA_UNREADABLE' });
    await expect(open(key, sealed, { ...file, organizationId: '22222222-2222-4222-8222-222222222222' })).rejects.toMatchObject({ code: 'DATA_UNREADABLE' });
    await expect(open(key, Buffer.concat(parts.slice(0, -1)))).rejects.toMatchObject({ code: 'DATA_UNREADABLE' }); // no final mark
    await expect(open(key, Buffer.concat([parts[0]!, ...parts.slice(2)]))).rejects.toMatchObject({ code: 'DATA_UNREADABLE' }); // a part left out
    await expect(open(key, Buffer.concat([parts[1]!, parts[0]!, ...parts.slice(2)]))).rejects.toMatchObject({ code: 'DATA_UNREADABLE' });
    await expect(open(key, Buffer.concat([sealed, parts[0]!]))).rejects.toMatchObject({ code: 'DATA_UNREADABLE' }); // more after the end
    const altered = Buffer.from(sealed);
    altered.writeUInt8(altered.readUInt8(100) ^ 1, 100);
    await expect(open(key, altered)).rejects.toMatchObject({ code: 'DATA_UNREADABLE' });
  });

  it('are the files of the sealed folders only', () => {
    expect(sealedFileOf(`audit-exports/${file.organizationId}/abcdefghijklmnopqrstuv.csv`)).toEqual(file);
    expect(sealedFileOf('test-files/abcdefghijklmnopqrstuv.csv')).toBeNull();
  });
});
