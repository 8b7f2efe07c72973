// A data directory as one stream, for base backups: entries of a JSON line (path, type, mode,
// size) followed by that many bytes. PostgreSQL's low-level backup copies the files while the
// cluster runs: a file that changes while it is read is repaired by replaying the WAL from the
// backup's start, so a file that shrank is padded and one that grew is cut at its size when listed.
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, open, readdir } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { Writable } from 'node:stream';

interface Entry {
  path: string;
  type: 'dir' | 'file';
  mode: number;
  size: number;
}

/**
 * What a base backup leaves out (PostgreSQL's documentation, "Making a base backup using the
 * low-level API"): the WAL (archived on its own), runtime state, and files a restore writes itself.
 * Their directories are kept, empty.
 */
const EMPTIED_DIRECTORIES = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const LEFT_OUT_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'recovery.signal', 'standby.signal', 'backup_label.old']);

const CHUNK = 1024 * 1024;

function entryLine(entry: Entry): Buffer {
  return Buffer.from(`${JSON.stringify(entry)}\n`);
}

/** The directory's files as archive chunks, then the extra files (the backup_label) given at the end. */
export async function* packDirectory(root: string, extraFiles: () => Promise<{ path: string; contents: Buffer }[]>): AsyncGenerator<Buffer> {
  async function* walk(relative: string): AsyncGenerator<Buffer> {
    const names = (await readdir(join(root, relative))).sort();
    for (const name of names) {
      const path = relative ? `${relative}/${name}` : name;
      if (!relative && LEFT_OUT_FILES.has(name)) continue;
      if (name.startsWith('pgsql_tmp')) continue;
      let stat;
      try {
        stat = await lstat(join(root, path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed meanwhile (a dropped table): the WAL says so
        throw error;
      }
      if (stat.isDirectory()) {
        yield entryLine({ path, type: 'dir', mode: stat.mode & 0o7777, size: 0 });
        if (!relative && EMPTIED_DIRECTORIES.has(name)) {
          if (name === 'pg_wal') yield entryLine({ path: 'pg_wal/archive_status', type: 'dir', mode: stat.mode & 0o7777, size: 0 });
          continue;
        }
        yield* walk(path);
      } else if (stat.isFile()) {
        yield* fileEntry(path, stat.size, stat.mode & 0o7777);
      }
      // Sockets and links: none in a cluster of the embedded stack (no tablespaces).
    }
  }
  async function* fileEntry(path: string, size: number, mode: number): AsyncGenerator<Buffer> {
    yield entryLine({ path, type: 'file', mode, size });
    let file;
    try {
      file = await open(join(root, path), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    let sent = 0;
    try {
      while (sent < size) {
        const buffer = Buffer.alloc(Math.min(CHUNK, size - sent));
        const { bytesRead } = file ? await file.read(buffer, 0, buffer.length, sent) : { bytesRead: 0 };
        if (bytesRead === 0) {
          yield Buffer.alloc(size - sent); // shrank while read
          sent = size;
          break;
        }
        sent += bytesRead;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await file?.close();
    }
  }
  yield* walk('');
  for (const extra of await extraFiles()) {
    yield entryLine({ path: extra.path, type: 'file', mode: 0o600, size: extra.contents.length });
    yield extra.contents;
  }
}

/** Writes the archive it is given into `root` (which must be empty); refuses paths leaving it. */
export function unpackInto(root: string): Writable {
  let pending: Buffer = Buffer.alloc(0);
  let current: { entry: Entry; left: number; out: ReturnType<typeof createWriteStream> | null } | null = null;
  const inside = (path: string) => {
    const target = normalize(join(root, path));
    if (path.startsWith('/') || !(target + sep).startsWith(normalize(root) + sep)) throw new Error(`The archive names a path outside its directory: ${path}`);
    return target;
  };
  const write = (out: ReturnType<typeof createWriteStream>, chunk: Buffer) =>
    new Promise<void>((resolve, reject) => (out.write(chunk, (error) => (error ? reject(error) : resolve()))));
  const close = (out: ReturnType<typeof createWriteStream>) => new Promise<void>((resolve, reject) => { out.once('error', reject); out.end(() => resolve()); });

  async function consume(): Promise<void> {
    for (;;) {
      if (current) {
        if (current.left > 0) {
          if (pending.length === 0) return;
          const piece = pending.subarray(0, Math.min(current.left, pending.length));
          pending = pending.subarray(piece.length);
          current.left -= piece.length;
          await write(current.out!, piece);
          if (current.left > 0) return;
        }
        if (current.out) await close(current.out);
        current = null;
        continue;
      }
      const newline = pending.indexOf(0x0a);
      if (newline < 0) return;
      const entry = JSON.parse(pending.subarray(0, newline).toString('utf8')) as Entry;
      pending = pending.subarray(newline + 1);
      const target = inside(entry.path);
      if (entry.type === 'dir') {
        await mkdir(target, { recursive: true, mode: entry.mode });
      } else {
        await mkdir(dirname(target), { recursive: true, mode: 0o700 });
        current = { entry, left: entry.size, out: createWriteStream(target, { mode: entry.mode, flags: 'wx' }) };
      }
    }
  }

  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      consume().then(() => done(), done);
    },
    final(done) {
      consume().then(() => done(current || pending.length ? new Error('The archive ends in the middle of an entry') : null), done);
    },
  });
}

