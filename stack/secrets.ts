// Secrets of the local embedded stack, made once per data directory and kept beside the data
// (owner-only permissions). Production takes every secret from its environment instead.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseServiceRole } from '../platform/config.ts';

export interface StackSecrets {
  postgresSuperuserPassword: string;
  servicePasswords: Record<DatabaseServiceRole, string>;
  contextSigningSecret: string;
}

const random = () => randomBytes(32).toString('base64url');

export function loadOrCreateSecrets(dataDir: string): StackSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as StackSecrets;
    } catch {
      throw new Error(`${file} is unreadable. Delete the data directory ${dataDir} to start fresh (this erases local data).`);
    }
  }
  const secrets: StackSecrets = {
    postgresSuperuserPassword: random(),
    servicePasswords: { identity: random(), credentials: random(), audit: random(), worker: random() },
    contextSigningSecret: random(),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
