// The archive of a data directory: unpacked, it is the directory again (what PostgreSQL rebuilds
// itself left out), with the extra files given at the end; it never writes outside its directory.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from '@jest/globals';
import { packDirectory, unpackInto } from './directory-archive.ts';

const root = mkdtempSync(join(tmpdir(), 'credence-archive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('directory archives', () => {
  it('unpack into the same files and modes, leaving out the WAL and runtime files, with the extra files added', async () => {
    const source = join(root, 'source');
    mkdirSync(join(source, 'base', '5'), { recursive: true });
    mkdirSync(join(source, 'pg_wal', 'archive_status'), { recursive: true });
    writeFileSync(join(source, 'PG_VERSION'), '18\n', { mode: 0o600 });
    writeFileSync(join(source, 'base', '5', '16384'), Buffer.alloc(3 * 1024 * 1024 + 17, 7), { mode: 0o600 });
    writeFileSync(join(source, 'base', '5', 'empty'), '');
    writeFileSync(join(source, 'pg_wal', '000000010000000000000001'), 'wal');
    writeFileSync(join(source, 'postmaster.pid'), '123');
    const target = join(root, 'target');
    mkdirSync(target);

    await pipeline(Readable.from(packDirectory(source, async () => [{ path: 'backup_label', contents: Buffer.from('START WAL LOCATION: 0/2000028\n') }])), unpackInto(target));

    expect(readdirSync(target).sort()).toEqual(['PG_VERSION', 'backup_label', 'base', 'pg_wal']);
    expect(readdirSync(join(target, 'pg_wal'))).toEqual(['archive_status']);
    expect(readFileSync(join(target, 'base', '5', '16384')).equals(readFileSync(join(source, 'base', '5', '16384')))).toBe(true);
    expect(readFileSync(join(target, 'base', '5', 'empty'), 'utf8')).toBe('');
    expect(statSync(join(target, 'PG_VERSION')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(target, 'backup_label'), 'utf8')).toBe('START WAL LOCATION: 0/2000028\n');
  });

  it('refuse a path outside the directory, and an archive cut in the middle of a file', async () => {
    const target = join(root, 'escape');
    mkdirSync(target);
    const escaping = Buffer.from(`${JSON.stringify({ path: '../outside', type: 'file', mode: 0o600, size: 1 })}\nx`);
    await expect(pipeline(Readable.from([escaping]), unpackInto(target))).rejects.toThrow(/outside its directory/);
    expect(readdirSync(root)).not.toContain('outside');
    const cut = Buffer.from(`${JSON.stringify({ path: 'half', type: 'file', mode: 0o600, size: 10 })}\nxyz`);
    await expect(pipeline(Readable.from([cut]), unpackInto(join(root, 'escape')))).rejects.toThrow(/ends in the middle/);
  });
});
