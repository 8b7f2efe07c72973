// Encrypted columns, declared on their entity: `ssn: encrypted().nullable()`, or with the keyed
// equality index that finds a row by its plaintext, `number: encrypted({ blindIndex: 'numberIndex' })`.
// The column is bytea; each value is the AES-256-GCM ciphertext of one field of one row, sealed
// under the row's organization's data key with the table, column and row as associated data, so a
// ciphertext copied to another row, column or organization does not open. What the entity declares
// is all there is: writes seal through `encryptedFields`, reads open through it, and the data key
// rotation re-encrypts every declared column (workflows/data-key-rotation).
import { BlobType, p, type EntityClass, type EntityData, type EntityMetadata, type MetadataStorage } from '@mikro-orm/core';
import type { FieldName, OrganizationKeys } from './data-keys.ts';

/** The type of an encrypted column: the database sees bytea, the entity a sealed Buffer. */
export class EncryptedType extends BlobType {
  /** The property holding this column's blind index, if it has one. */
  readonly blindIndex: string | undefined;

  constructor(blindIndex?: string) {
    super();
    this.blindIndex = blindIndex;
  }
}

/** Declares an encrypted column on an entity (defineEntity's properties). */
export const encrypted = (options: { blindIndex?: string } = {}) => p.type(new EncryptedType(options.blindIndex));

export type EntityModel = { getMetadata(): MetadataStorage };

/** One encrypted column of an entity: its property, where its ciphertext lives, and its blind index. */
export interface EncryptedProperty {
  property: string;
  table: string;
  column: string;
  blindIndex: { property: string; column: string } | null;
}

/** The encrypted columns an entity declares, from its (discovered) metadata. */
export function encryptedPropertiesOf(meta: EntityMetadata): EncryptedProperty[] {
  return meta.props.flatMap((prop) => {
    if (!(prop.customType instanceof EncryptedType)) return [];
    const indexName = prop.customType.blindIndex;
    const index = indexName === undefined ? undefined : meta.properties[indexName];
    if (indexName !== undefined && !index) throw new Error(`${meta.className}.${prop.name} names a blind index property ${indexName} it does not have`);
    return [{ property: prop.name, table: meta.tableName, column: prop.fieldNames[0]!, blindIndex: index ? { property: index.name, column: index.fieldNames[0]! } : null }];
  });
}

/** An entity's encrypted columns under one organization's keys: what its writes seal and its reads open. */
export interface EncryptedFields<Entity extends object = object> {
  readonly properties: readonly EncryptedProperty[];
  /**
   * The values to store for a row's plaintexts, by property: each ciphertext (null stays null) and,
   * for a column with a blind index, the index of its plaintext (given normalized).
   */
  seal(rowId: string, plaintexts: Readonly<Partial<Record<keyof Entity & string, string | Uint8Array | null | undefined>>>): EntityData<Entity>;
  /** The ciphertext to store for one column without a blind index (a secret, a source's response). */
  sealValue(rowId: string, property: keyof Entity & string, plaintext: string | Uint8Array): Buffer;
  /** A stored ciphertext's plaintext; DATA_UNREADABLE for anything but its own row's, column's and organization's. */
  open(rowId: string, property: string, ciphertext: Uint8Array): string;
  /** As `open`, for a column that holds bytes (a source's response kept as evidence). */
  openBytes(rowId: string, property: string, ciphertext: Uint8Array): Buffer;
  /** The blind index of a (normalized) plaintext: what a lookup by it compares. */
  blindIndex(property: string, normalizedValue: string): Buffer;
  /** A ciphertext re-sealed under the current data key version (the rotation's step). */
  reseal(rowId: string, property: string, ciphertext: Uint8Array): Buffer;
}

/** `model`: what knows the entity model (an EntityManager, or the ORM itself). */
export function encryptedFields<Entity extends object>(model: EntityModel, keys: OrganizationKeys, entity: EntityClass<Entity> | EntityMetadata<Entity>): EncryptedFields<Entity> {
  const meta = 'props' in entity ? entity : model.getMetadata().get(entity);
  const properties = encryptedPropertiesOf(meta);
  const byName = new Map(properties.map((property) => [property.property, property]));
  const propertyOf = (name: string) => {
    const property = byName.get(name);
    if (!property) throw new Error(`${meta.className}.${name} is not an encrypted column`);
    return property;
  };
  const address = (property: EncryptedProperty, rowId: string): FieldName => ({ table: property.table, column: property.column, rowId });
  return {
    properties,
    seal(rowId, plaintexts) {
      const values: Record<string, Buffer | null> = {};
      for (const [name, plaintext] of Object.entries<string | Uint8Array | null | undefined>(plaintexts)) {
        if (plaintext === undefined) continue;
        const property = propertyOf(name);
        values[name] = plaintext === null ? null : keys.encrypt(address(property, rowId), plaintext);
        if (property.blindIndex) {
          if (plaintext !== null && typeof plaintext !== 'string') throw new Error(`${meta.className}.${name} has a blind index: its plaintext is text`);
          values[property.blindIndex.property] = plaintext === null ? null : keys.blindIndex(property, plaintext);
        }
      }
      return values as EntityData<Entity>;
    },
    sealValue(rowId, name, plaintext) {
      const property = propertyOf(name);
      if (property.blindIndex) throw new Error(`${meta.className}.${name} has a blind index: seal it with seal(), which writes both`);
      return keys.encrypt(address(property, rowId), plaintext);
    },
    open: (rowId, name, ciphertext) => keys.decryptText(address(propertyOf(name), rowId), ciphertext),
    openBytes: (rowId, name, ciphertext) => keys.decrypt(address(propertyOf(name), rowId), ciphertext),
    blindIndex: (name, normalizedValue) => keys.blindIndex(propertyOf(name), normalizedValue),
    reseal(rowId, name, ciphertext) {
      const field = address(propertyOf(name), rowId);
      return keys.encrypt(field, keys.decrypt(field, ciphertext));
    },
  };
}
