// Secrets of the local embedded stack, made once per data directory and kept beside the data
// (owner-only permissions). Production takes every secret from its environment instead.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseServiceRole } from '../platform/config.ts';

export interface StackSecrets {
  postgresSuperuserPassword: string;
  servicePasswords: Record<DatabaseServiceRole, string>;
  /** Ed25519, PKCS#8 DER, base64: signs caller contexts (the gateway's alone; subgraphs get its public key). */
  contextSigningKey: string;
  urlSigningSecret: string;
  /** Signs document links: the gateway's and the credentials subgraph's alone. */
  documentGrantSecret: string;
  /** Ed25519, PKCS#8 DER, base64: signs audit checkpoints. */
  auditSigningKey: string;
  /** Ed25519, PKCS#8 DER, base64: signs access tokens (identity). */
  tokenSigningKey: string;
  /** The password of the demo users of a development stack. */
  demoPassword: string;
}

const random = () => randomBytes(32).toString('base64url');
const newEd25519Key = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');

function newSecrets(): StackSecrets {
  return {
    postgresSuperuserPassword: random(),
    servicePasswords: { identity: random(), credentials: random(), audit: random(), worker: random() },
    contextSigningKey: newEd25519Key(),
    urlSigningSecret: random(),
    documentGrantSecret: random(),
    auditSigningKey: newEd25519Key(),
    tokenSigningKey: newEd25519Key(),
    demoPassword: `demo-${randomBytes(12).toString('base64url')}`,
  };
}

/** The public key (SPKI DER, base64) of an Ed25519 private key (PKCS#8 DER, base64): what verifiers of its signatures get. */
export function publicKeyOf(privateKey: string): string {
  return createPublicKey(createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' }).toString('base64');
}

export const SECRETS_FILE = 'secrets.json';

/** Reads the data directory's secrets, adding any that a newer version of Credence needs. */
export function loadOrCreateSecrets(dataDir: string): StackSecrets {
  const file = join(dataDir, SECRETS_FILE);
  let stored: Partial<StackSecrets> = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackSecrets>;
    } catch {
      throw new Error(`${file} is unreadable. Delete the data directory ${dataDir} to start fresh (this erases local data).`);
    }
  }
  const fresh = newSecrets();
  const secrets = { ...fresh, ...stored };
  if (Object.keys(fresh).some((name) => !(name in stored))) {
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}
