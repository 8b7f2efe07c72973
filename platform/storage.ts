// File storage for exports and documents: a local directory by default (owner-only), behind an
// interface an object store can implement. Keys are random and never derived from user input.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Storage {
  /** Writes the chunks under a new unguessable key inside `folder`, and returns the key. */
  write(folder: string, extension: string, chunks: AsyncIterable<string | Uint8Array>): Promise<{ key: string; bytes: number }>;
  /** A readable stream of a stored object, or null when there is none. */
  read(key: string): Readable | null;
  /** Deletes a stored object; one that is already gone is not an error. */
  remove(key: string): Promise<void>;
  /** Deletes up to `limit` objects of a folder; returns how many (0 once it is empty or absent). */
  removeFromFolder(folder: string, limit: number): Promise<number>;
}

// eslint-disable-next-line security/detect-unsafe-regex -- each repetition starts with a "/": linear
const FOLDER_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

// eslint-disable-next-line security/detect-unsafe-regex -- each repetition starts with a "/" and the last segment holds none: linear in the key's length
const KEY_PATTERN = /^[a-z0-9-]+(\/[a-z0-9-]+)*\/[A-Za-z0-9_-]{22,}\.[a-z]{2,5}$/;

export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function createLocalStorage(root: string): Storage {
  const base = resolve(root);
  mkdirSync(base, { recursive: true, mode: 0o700 });
  const pathOf = (key: string) => {
    const path = resolve(join(base, key));
    if (!isStorageKey(key) || !path.startsWith(base + sep)) throw new Error('invalid storage key');
    return path;
  };
  return {
    async write(folder, extension, chunks) {
      const key = `${folder}/${randomBytes(18).toString('base64url')}.${extension}`;
      const path = pathOf(key);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      await pipeline(chunks, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
      return { key, bytes: statSync(path).size };
    },
    read(key) {
      let path: string;
      try {
        path = pathOf(key);
        statSync(path);
      } catch {
        return null;
      }
      return createReadStream(path);
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async removeFromFolder(folder, limit) {
      if (!FOLDER_PATTERN.test(folder)) throw new Error('invalid storage folder');
      const directory = join(base, folder);
      let names: string[];
      try {
        names = (await readdir(directory)).slice(0, limit);
      } catch {
        return 0;
      }
      for (const name of names) await rm(join(directory, name), { force: true, recursive: true });
      if (names.length === 0) await rm(directory, { force: true, recursive: true });
      return names.length;
    },
  };
}
