// Field encryption from the attacker's side, on the test PostgreSQL: a ciphertext moved to another
// row, column or organization fails, a flipped byte fails, rotation (of the key-encryption key and
// of the data key) keeps everything readable, and after crypto-shredding nothing decrypts.
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, type EntityManager, type MikroORM } from '../database/orm.ts';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { anOrganization } from '../../test/support/factories.ts';
import { testStack } from '../../test/support/stack.ts';
import { Credential, Physician } from '../../subgraphs/credentials/entities/index.ts';
import { createFieldEncryption } from './data-keys.ts';
import { encryptedFields } from './encrypted-properties.ts';
import { keyVersionOf } from './field-cipher.ts';
import { addKeyToKeyringFile, keyringFileProvider, localKeyProvider, readOrCreateKeyringFile } from './key-provider.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let owner: MikroORM;
let identity: MikroORM;
let orgA: string;
let orgB: string;
const SSN = { table: 'physicians', column: 'ssn' };

const inTransaction = <T>(work: (em: EntityManager) => Promise<T>) => owner.em.fork().transactional(work);
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as AppError).code;
  }
  return 'no error';
};

beforeAll(async () => {
  owner = await openDatabase({ url: stack.superuserUrl, logger });
  identity = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger });
  orgA = await anOrganization(identity, { name: 'Encryption A' });
  orgB = await anOrganization(identity, { name: 'Encryption B' });
});

afterAll(async () => {
  await identity.close();
  await owner.close();
});

describe('field ciphertexts', () => {
  it('stay readable by every process when the unit of work that first made the organization its keys rolled back', async () => {
    const provider = localKeyProvider([Buffer.alloc(32, 7)]);
    const encryption = createFieldEncryption(provider);
    const organizationId = await anOrganization(identity, { name: `Encryption rollback ${randomUUID().slice(0, 6)}` });
    const row = randomUUID();
    // The first unit of work creates the keys, uses them, and rolls back: those keys never existed.
    await expect(inTransaction(async (em) => {
      (await encryption.forOrganization(em, organizationId)).encrypt({ ...SSN, rowId: row }, '111-11-1111');
      throw new Error('the work failed');
    })).rejects.toThrow('the work failed');
    const sealed = await inTransaction(async (em) => (await encryption.forOrganization(em, organizationId)).encrypt({ ...SSN, rowId: row }, '123-45-6789'));
    // Another process (or this one after a restart) reads it with the keys that were stored.
    const elsewhere = createFieldEncryption(provider);
    expect(await inTransaction(async (em) => (await elsewhere.forOrganization(em, organizationId)).decryptText({ ...SSN, rowId: row }, sealed))).toBe('123-45-6789');
  });

  it('decrypt only at their own organization, table, column and row, and not after one flipped bit', async () => {
    const encryption = createFieldEncryption(localKeyProvider([Buffer.alloc(32, 7)]));
    const row = randomUUID();
    await inTransaction(async (em) => {
      const a = await encryption.forOrganization(em, orgA);
      const b = await encryption.forOrganization(em, orgB);
      const sealed = a.encrypt({ ...SSN, rowId: row }, '123-45-6789');
      expect(sealed.includes(Buffer.from('123-45-6789'))).toBe(false);
      expect(sealed.includes(Buffer.from('6789'))).toBe(false);
      expect(a.decryptText({ ...SSN, rowId: row }, sealed)).toBe('123-45-6789');
      // Two encryptions of one value differ (random IV).
      expect(a.encrypt({ ...SSN, rowId: row }, '123-45-6789').equals(sealed)).toBe(false);

      expect(codeOf(() => a.decrypt({ ...SSN, rowId: randomUUID() }, sealed))).toBe('DATA_UNREADABLE');
      expect(codeOf(() => a.decrypt({ table: 'physicians', column: 'date_of_birth', rowId: row }, sealed))).toBe('DATA_UNREADABLE');
      expect(codeOf(() => b.decrypt({ ...SSN, rowId: row }, sealed))).toBe('DATA_UNREADABLE');
      for (const position of [0, 3, 6, 20, sealed.length - 1]) {
        const flipped = Buffer.from(sealed);
        flipped[position]! ^= 0x01;
        expect(codeOf(() => a.decrypt({ ...SSN, rowId: row }, flipped))).toBe('DATA_UNREADABLE');
      }
      expect(codeOf(() => a.decrypt({ ...SSN, rowId: row }, sealed.subarray(0, sealed.length - 1)))).toBe('DATA_UNREADABLE');
    });
  });

  it('keeps data keys only wrapped in the database, bound to their organization', async () => {
    const encryption = createFieldEncryption(localKeyProvider([Buffer.alloc(32, 7)]));
    await inTransaction((em) => encryption.forOrganization(em, orgA));
    const rows = await owner.em.fork().execute<{ organization_id: string; wrapped: Buffer }[]>(`select organization_id, wrapped from keys.data_keys where organization_id in (?, ?)`, [orgA, orgB]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.wrapped.length).toBe(12 + 32 + 16);
    // A wrapped key copied to another organization's row does not unwrap there.
    const provider = localKeyProvider([Buffer.alloc(32, 7)]);
    const [a] = rows.filter((row) => row.organization_id === orgA);
    await expect(provider.unwrap({ kekId: provider.currentKekId, wrapped: a!.wrapped }, `${orgB}\0data\x001`)).rejects.toThrow();
  });

  it('gives equal blind indexes for equal numbers within an organization only', async () => {
    const encryption = createFieldEncryption(localKeyProvider([Buffer.alloc(32, 7)]));
    await inTransaction(async (em) => {
      const a = await encryption.forOrganization(em, orgA);
      const b = await encryption.forOrganization(em, orgB);
      const field = { table: 'credentials', column: 'number' };
      expect(a.blindIndex(field, 'AB1234563').equals(a.blindIndex(field, 'AB1234563'))).toBe(true);
      expect(a.blindIndex(field, 'AB1234563').equals(a.blindIndex(field, 'AB1234564'))).toBe(false);
      expect(a.blindIndex(field, 'AB1234563').equals(b.blindIndex(field, 'AB1234563'))).toBe(false);
      expect(a.blindIndex(field, 'AB1234563').equals(a.blindIndex({ table: 'credentials', column: 'other' }, 'AB1234563'))).toBe(false);
    });
  });
});

describe('columns declared encrypted on their entity', () => {
  it('seal for their own row, column and organization, with their blind index; open nothing else; and refuse a column not declared', async () => {
    const encryption = createFieldEncryption(localKeyProvider([Buffer.alloc(32, 9)]));
    const [row, other] = [randomUUID(), randomUUID()];
    const [first, second] = [await anOrganization(identity), await anOrganization(identity)];
    await inTransaction(async (em) => {
      const keysA = await encryption.forOrganization(em, first);
      const keysB = await encryption.forOrganization(em, second);
      const physicians = encryptedFields(em, keysA, Physician);
      expect(physicians.properties.map(({ property, table, column }) => [property, table, column])).toEqual([['dateOfBirth', 'physicians', 'date_of_birth'], ['ssn', 'physicians', 'ssn']]);
      const sealed = physicians.seal(row, { ssn: '123-45-6789', dateOfBirth: null });
      expect(sealed.dateOfBirth).toBeNull();
      const ssn = sealed.ssn as Buffer;
      expect(Buffer.isBuffer(ssn) && !ssn.includes(Buffer.from('123-45-6789'))).toBe(true);
      expect(physicians.open(row, 'ssn', ssn)).toBe('123-45-6789');
      // The same ciphertext at another row, in another column, or in another organization opens nothing.
      expect(codeOf(() => physicians.open(other, 'ssn', ssn))).toBe('DATA_UNREADABLE');
      expect(codeOf(() => physicians.open(row, 'dateOfBirth', ssn))).toBe('DATA_UNREADABLE');
      expect(codeOf(() => encryptedFields(em, keysB, Physician).open(row, 'ssn', ssn))).toBe('DATA_UNREADABLE');
      // A column the entity does not declare encrypted is refused, not stored in the clear.
      expect(() => physicians.seal(row, { givenName: 'Ann' })).toThrow('Physician.givenName is not an encrypted column');
      // A number's blind index is the keyed index a lookup by that number compares, and only its own organization's.
      const credentials = encryptedFields(em, keysA, Credential);
      const index = credentials.seal(row, { number: 'AB1234563' }).numberIndex as Buffer;
      expect(index.equals(credentials.blindIndex('number', 'AB1234563'))).toBe(true);
      expect(index.equals(credentials.seal(other, { number: 'AB1234563' }).numberIndex as Buffer)).toBe(true);
      expect(index.equals(encryptedFields(em, keysB, Credential).blindIndex('number', 'AB1234563'))).toBe(false);
      // One value sealed alone opens as the same column's, and a column with a blind index is not sealed without its index.
      expect(physicians.open(row, 'ssn', physicians.sealValue(row, 'ssn', '123-45-6789'))).toBe('123-45-6789');
      expect(() => credentials.sealValue(row, 'number', 'AB1234563')).toThrow('Credential.number has a blind index');
    });
  });
});

describe('rotation', () => {
  it('re-wraps data keys under a new key-encryption key without touching the data', async () => {
    const keyringFile = join(mkdtempSync(join(tmpdir(), 'credence-keyring-')), 'keyring.json');
    const encryption = createFieldEncryption(localKeyProvider(readOrCreateKeyringFile(keyringFile)));
    const org = await anOrganization(identity, { name: 'KEK rotation' });
    const row = randomUUID();
    const sealed = await inTransaction(async (em) => (await encryption.forOrganization(em, org)).encrypt({ ...SSN, rowId: row }, '234-56-7890'));
    const before = await owner.em.fork().execute<{ kek_id: string }[]>(`select kek_id from keys.data_keys where organization_id = ?`, [org]);

    const newKek = addKeyToKeyringFile(keyringFile);
    const rotated = createFieldEncryption(localKeyProvider(readOrCreateKeyringFile(keyringFile)));
    expect(rotated.keyProvider.currentKekId).toBe(newKek);
    const rewrapped = await inTransaction((em) => rotated.rewrapDataKeys(em, { organizationId: org }));
    expect(rewrapped).toBeGreaterThanOrEqual(2);
    const after = await owner.em.fork().execute<{ kek_id: string }[]>(`select kek_id from keys.data_keys where organization_id = ?`, [org]);
    expect(after.every((r) => r.kek_id === newKek)).toBe(true);
    expect(before.every((r) => r.kek_id !== newKek)).toBe(true);
    // The same ciphertext reads under the new KEK alone: the old one can now be retired.
    const onlyNew = createFieldEncryption(localKeyProvider([readOrCreateKeyringFile(keyringFile)[0]!]));
    await inTransaction(async (em) => expect((await onlyNew.forOrganization(em, org)).decryptText({ ...SSN, rowId: row }, sealed)).toBe('234-56-7890'));
    // Another round of rewrapping finds nothing to do for this organization.
    expect((await owner.em.fork().execute(`select 1 from keys.data_keys where organization_id = ? and kek_id <> ?`, [org, newKek])).length).toBe(0);
  });

  it('reads old and new ciphertexts after a new data key version, and writes with the new one', async () => {
    const encryption = createFieldEncryption(localKeyProvider([Buffer.alloc(32, 9)]));
    const org = await anOrganization(identity, { name: 'Data key rotation' });
    const [rowOld, rowNew] = [randomUUID(), randomUUID()];
    const old = await inTransaction(async (em) => (await encryption.forOrganization(em, org)).encrypt({ ...SSN, rowId: rowOld }, 'old value'));
    expect(keyVersionOf(old)).toBe(1);
    expect(await inTransaction((em) => encryption.addDataKeyVersion(em, org))).toBe(2);
    // Another process (its own cache) sees the new version at once.
    const elsewhere = createFieldEncryption(localKeyProvider([Buffer.alloc(32, 9)]));
    await inTransaction(async (em) => {
      const keys = await elsewhere.forOrganization(em, org);
      expect(keys.currentVersion).toBe(2);
      const fresh = keys.encrypt({ ...SSN, rowId: rowNew }, 'new value');
      expect(keyVersionOf(fresh)).toBe(2);
      expect(keys.decryptText({ ...SSN, rowId: rowOld }, old)).toBe('old value');
      expect((await encryption.forOrganization(em, org)).decryptText({ ...SSN, rowId: rowNew }, fresh)).toBe('new value');
    });
  });
});

describe('crypto-shredding', () => {
  it('leaves nothing of the organization decryptable, in any process, while other organizations are untouched', async () => {
    const encryption = createFieldEncryption(localKeyProvider([Buffer.alloc(32, 7)]));
    const doomed = await anOrganization(identity, { name: 'Terminated hospital' });
    const row = randomUUID();
    const [sealed, other] = await inTransaction(async (em) => [
      (await encryption.forOrganization(em, doomed)).encrypt({ ...SSN, rowId: row }, '345-67-8901'),
      (await encryption.forOrganization(em, orgA)).encrypt({ ...SSN, rowId: row }, 'kept'),
    ]);
    const warmCache = createFieldEncryption(localKeyProvider([Buffer.alloc(32, 7)]));
    await inTransaction((em) => warmCache.forOrganization(em, doomed));

    await inTransaction((em) => encryption.destroyOrganizationKeys(em, doomed));
    const [stored] = await owner.em.fork().execute<{ wrapped: Buffer | null; destroyed: boolean }[]>(
      `select bool_and(wrapped is null) as wrapped_gone, bool_and(destroyed_at is not null) as destroyed from keys.data_keys where organization_id = ?`, [doomed]);
    expect(stored).toMatchObject({ destroyed: true });
    for (const process of [encryption, warmCache, createFieldEncryption(localKeyProvider([Buffer.alloc(32, 7)]))]) {
      await expect(inTransaction((em) => process.forOrganization(em, doomed))).rejects.toMatchObject({ code: 'DATA_UNREADABLE' });
    }
    expect(sealed.length).toBeGreaterThan(0);
    await inTransaction(async (em) => expect((await encryption.forOrganization(em, orgA)).decryptText({ ...SSN, rowId: row }, other)).toBe('kept'));
  });
});

describe('the local keyring file', () => {
  it('is created owner-only, and refused when others can read it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'credence-keyring-')), 'nested', 'keyring.json');
    const keys = readOrCreateKeyringFile(file);
    expect(keys).toHaveLength(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateKeyringFile(file)[0]!.equals(keys[0]!)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'credence-keyring-v1' });
    chmodSync(file, 0o644);
    expect(() => readOrCreateKeyringFile(file)).toThrow(/chmod 600/);
  });

  it('is followed by every process that shares it: a key put first by another wraps from then on, the older ones keep their dates and still unwrap', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'credence-keyring-')), 'keyring.json');
    const subgraph = keyringFileProvider(file);
    const worker = keyringFileProvider(file);
    const first = subgraph.currentKekId;
    const wrappedBefore = await subgraph.wrap(Buffer.alloc(32, 1), 'context');
    const createdAt = (JSON.parse(readFileSync(file, 'utf8')) as { keys: { createdAt: string }[] }).keys[0]!.createdAt;

    const second = await worker.addKeyEncryptionKey!();
    expect(second).not.toBe(first);
    expect(subgraph.currentKekId).toBe(second);
    const rewrapped = await worker.wrap(await worker.unwrap(wrappedBefore, 'context'), 'context');
    expect(rewrapped.kekId).toBe(second);
    expect((await subgraph.unwrap(rewrapped, 'context')).equals(Buffer.alloc(32, 1))).toBe(true);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { keys: { createdAt: string }[] }).keys.map((key) => key.createdAt)).toEqual([expect.any(String), createdAt]);

    // Gone while running: the keys read are kept, and no new keyring is made in its place.
    rmSync(file);
    expect((await subgraph.wrap(Buffer.alloc(32, 2), 'context')).kekId).toBe(second);
    expect(existsSync(file)).toBe(false);
  });
});
