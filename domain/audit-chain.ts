// In domain/: pure rules with no I/O, shared by the audit subgraph, the worker's activities and the offline verifier.
// The audit chain in TypeScript: the canonical encoding the database hashes (see the audit_log
// migration), checkpoint signatures, and a streaming verifier. Used by the audit subgraph, the
// checkpoint workflow and the offline verifier (`npm run audit:verify`), with no database.
import { createHash, createPrivateKey, createPublicKey, hash, sign, verify, type KeyObject } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainEvent {
  organizationId: string;
  seq: number;
  /** UTC, microseconds: 2026-11-23T03:04:05.123456Z */
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  sourceIp: string | null;
  requestId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  reason: string | null;
  prevHash: string;
  hash: string;
}

export interface Checkpoint {
  organizationId: string;
  seq: number;
  hash: string;
  /** UTC, milliseconds */
  signedAt: string;
  keyId: string;
  /** base64 */
  signature: string;
}

// Every field as `length:value`, or `~` for null. The length is in UTF-8 bytes; `measure` gives it
// from the string's length when the whole encoding is known to be ASCII (nearly every event).
const field = (value: string | null, measure: (value: string) => number) => (value === null ? '~' : `${measure(value)}:${value}`);
const asciiLength = (value: string) => value.length;
const utf8Length = (value: string) => Buffer.byteLength(value, 'utf8');

function encode(event: Omit<ChainEvent, 'hash'>, measure: (value: string) => number): string {
  return `credence-audit-v1|${field(event.organizationId, measure)}|${field(String(event.seq), measure)}|${field(event.occurredAt, measure)}|${
    field(event.actorId, measure)}|${field(event.actorRole, measure)}|${field(event.sourceIp, measure)}|${field(event.requestId, measure)}|${
    field(event.action, measure)}|${field(event.resourceType, measure)}|${field(event.resourceId, measure)}|${field(event.outcome, measure)}|${
    field(event.reason, measure)}|${field(event.prevHash, measure)}`;
}

export function canonicalEncoding(event: Omit<ChainEvent, 'hash'>): string {
  // The whole encoding is ASCII exactly when its UTF-8 length is its length: one test, not one per
  // field (verifying a million events spends most of its time here).
  const encoded = encode(event, asciiLength);
  return Buffer.byteLength(encoded, 'utf8') === encoded.length ? encoded : encode(event, utf8Length);
}

export function eventHash(event: Omit<ChainEvent, 'hash'>): string {
  return hash('sha256', canonicalEncoding(event), 'hex'); // one-shot: twice as fast as createHash per event
}

function checkpointMessage(checkpoint: Omit<Checkpoint, 'signature' | 'keyId'>): Buffer {
  return Buffer.from(`credence-audit-checkpoint-v1|${checkpoint.organizationId}|${checkpoint.seq}|${checkpoint.hash}|${checkpoint.signedAt}`, 'utf8');
}

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
}

/** An Ed25519 key from its PKCS#8 DER encoding (base64), as AUDIT_SIGNING_KEY holds it. */
export function loadSigningKey(pkcs8Base64: Uint8Array | string): SigningKey {
  const der = typeof pkcs8Base64 === 'string' ? Buffer.from(pkcs8Base64, 'base64') : Buffer.from(pkcs8Base64);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 key (PKCS#8)');
  const raw = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  const publicKey = Buffer.from(raw, 'base64url').toString('base64');
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

export function keyIdOf(publicKeyBase64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
}

export function signCheckpoint(key: SigningKey, head: Omit<Checkpoint, 'signature' | 'keyId'>): Checkpoint {
  const signature = sign(null, checkpointMessage(head), key.privateKey).toString('base64');
  return { ...head, keyId: key.keyId, signature };
}

/** Public keys by key id (raw Ed25519, base64). */
export type PublicKeys = Record<string, string>;

export function checkpointSignatureValid(checkpoint: Checkpoint, keys: PublicKeys): boolean {
  const raw = keys[checkpoint.keyId];
  if (!raw || keyIdOf(raw) !== checkpoint.keyId) return false;
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw, 'base64').toString('base64url') }, format: 'jwk' });
  try {
    return verify(null, checkpointMessage(checkpoint), key, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

export interface ChainReport {
  valid: boolean;
  checkedEvents: number;
  checkedCheckpoints: number;
  /** The first sequence number at which the chain does not hold. */
  firstBadSequence: number | null;
  problem: string | null;
}

/**
 * Verifies events pushed in sequence order, starting after `start` (the genesis, a purge anchor,
 * or the event before an exported range). Stops at the first break.
 */
export function createChainVerifier(start: { seq: number; hash: string }, checkpoints: Checkpoint[], keys: PublicKeys) {
  let expectedSeq = start.seq + 1;
  let expectedPrev = start.hash;
  let checkedEvents = 0;
  let checkedCheckpoints = 0;
  let failure: { seq: number; problem: string } | null = null;
  const bySeq = new Map(checkpoints.map((checkpoint) => [checkpoint.seq, checkpoint]));
  for (const checkpoint of checkpoints) {
    if (!checkpointSignatureValid(checkpoint, keys)) {
      failure = { seq: checkpoint.seq, problem: `checkpoint at sequence ${checkpoint.seq} has an invalid signature` };
      break;
    }
  }

  const fail = (seq: number, problem: string) => {
    failure ??= { seq, problem };
    return false;
  };

  const verifier = {
    push(event: ChainEvent): boolean {
      if (failure) return false;
      if (event.seq !== expectedSeq) {
        return fail(expectedSeq, event.seq > expectedSeq ? `sequence ${expectedSeq} is missing` : `sequence ${event.seq} is out of order`);
      }
      if (event.prevHash !== expectedPrev) return fail(event.seq, `sequence ${event.seq} does not link to the event before it`);
      if (eventHash(event) !== event.hash) return fail(event.seq, `sequence ${event.seq} does not match its hash (altered)`);
      const checkpoint = bySeq.get(event.seq);
      if (checkpoint) {
        if (checkpoint.hash !== event.hash) return fail(event.seq, `sequence ${event.seq} differs from its signed checkpoint`);
        checkedCheckpoints += 1;
      }
      expectedSeq += 1;
      expectedPrev = event.hash;
      checkedEvents += 1;
      return true;
    },
    /** Pushes a window of events in order; false at the first break. */
    pushAll(events: readonly ChainEvent[]): boolean {
      for (const event of events) if (!verifier.push(event)) return false;
      return true;
    },
    /** The last event verified (or the start): where a following range links to. */
    lastVerified(): { seq: number; hash: string } {
      return { seq: expectedSeq - 1, hash: expectedPrev };
    },
    /** `head`: where the chain is known to end (its head, or the last checkpoint), to detect a cut tail. */
    report(head?: { seq: number }): ChainReport {
      if (!failure && head && head.seq >= expectedSeq) fail(expectedSeq, `sequence ${expectedSeq} is missing (the chain ends early)`);
      if (!failure) {
        const unreached = checkpoints.find((checkpoint) => checkpoint.seq >= expectedSeq && checkpoint.seq > start.seq);
        if (unreached) fail(expectedSeq, `sequence ${expectedSeq} is missing (a checkpoint covers ${unreached.seq})`);
      }
      return {
        valid: failure === null,
        checkedEvents,
        checkedCheckpoints,
        firstBadSequence: failure?.seq ?? null,
        problem: failure?.problem ?? null,
      };
    },
  };
  return verifier;
}
