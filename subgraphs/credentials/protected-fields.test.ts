// The protected fields, declared once: each is a field of the credentials SDL, read under the
// operation the matrix gives that field, stored in a column key rotation re-encrypts; a withheld
// value is a marker in the view, answered by its field resolver as null (a role the matrix denies
// it, named in the record's withheldFields), another refusal's error, or the integrity error.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { buildASTSchema, isObjectType, parse } from 'graphql';
import { ENCRYPTED_TABLES, PLATFORM_ENCRYPTED_TABLES } from '../../domain/encrypted-columns.ts';
import { entityMetadata } from '../../platform/database/orm.ts';
import { encryptedPropertiesOf } from '../../platform/field-encryption/encrypted-properties.ts';
import { createLogger } from '../../platform/logger.ts';
import type { Caller, Role } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { FIELD_OPERATIONS, WITHHELD_FIELDS } from '../../platform/permissions.ts';
import { PROTECTED_ENTITIES, PROTECTED_FIELDS, revealed, Withheld, withheldFieldsOf, type ProtectedType } from './protected-fields.ts';

const callerAs = (role: Role | null): Caller => ({
  userId: role ? randomUUID() : null, organizationId: role ? randomUUID() : null, role, sessionId: role ? randomUUID() : null, requestId: randomUUID(), sourceIp: '198.51.100.7',
});

function answered(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('protected fields', () => {
  it('are fields of the credentials SDL, guarded by their own rule of the matrix, each an encrypted column of its entity that key rotation re-encrypts', () => {
    const metadata = entityMetadata(createLogger({ service: 'test', level: 'silent' }));
    const sdl = readFileSync(new URL('../../schema/credentials.graphql', import.meta.url), 'utf8');
    const schema = buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
    for (const [type, fields] of Object.entries(PROTECTED_FIELDS) as [ProtectedType, (typeof PROTECTED_FIELDS)[ProtectedType]][]) {
      const graphqlType = schema.getType(type);
      expect(isObjectType(graphqlType)).toBe(true);
      for (const field of fields) {
        expect(isObjectType(graphqlType) && graphqlType.getFields()[field.graphqlField]).toBeTruthy();
        expect(field.operation).toBe(FIELD_OPERATIONS[`${type}.${field.graphqlField}`]);
         
        const meta = metadata.get<object>(PROTECTED_ENTITIES[type]);
        expect(encryptedPropertiesOf(meta).map((property) => property.property)).toContain(field.graphqlField);
        expect(ENCRYPTED_TABLES).toContain(meta.tableName);
      }
    }
  });

  it('are in tables key rotation walks: every table of the credentials schema with an encrypted column, and no other but the platform-sealed ones', () => {
    const metadata = entityMetadata(createLogger({ service: 'test', level: 'silent' }));
    const tables = [...metadata.getAll().values()].filter((meta) => encryptedPropertiesOf(meta).length > 0).map((meta) => `${meta.schema}.${meta.tableName}`);
    expect(tables.sort()).toEqual([...ENCRYPTED_TABLES.map((table) => `credentials.${table}`), ...PLATFORM_ENCRYPTED_TABLES].sort());
  });

  it('are exactly the fields the gateway withholds, each type of them saying which in withheldFields', () => {
    const names = Object.entries(PROTECTED_FIELDS).flatMap(([type, fields]) => fields.map((field) => `${type}.${field.graphqlField}`));
    expect(names.sort()).toEqual([...WITHHELD_FIELDS].sort());
    const sdl = readFileSync(new URL('../../schema/credentials.graphql', import.meta.url), 'utf8');
    const schema = buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
    for (const type of Object.keys(PROTECTED_FIELDS)) {
      const graphqlType = schema.getType(type);
      expect([type, isObjectType(graphqlType) && String(graphqlType.getFields().withheldFields?.type)]).toEqual([type, '[WithheldField!]!']);
    }
  });

  it('withheld from a role the matrix denies, answer null and are named NOT_PERMITTED; another refusal answers its error, an unreadable ciphertext DATA_UNREADABLE', () => {
    const [ssn] = PROTECTED_FIELDS.Physician.filter((field) => field.graphqlField === 'ssn');
    const refused = new Withheld('refused', ssn!.operation);
    expect(refused).not.toBeInstanceOf(Error); // a view carries no error object, only the marker
    expect(revealed(callerAs('ORG_OWNER'), refused)).toBeNull();
    expect(revealed(callerAs('AUDITOR'), refused)).toBeNull();
    expect(answered(() => revealed(callerAs(null), refused))).toBe('UNAUTHENTICATED');
    expect(answered(() => revealed(callerAs('CREDENTIALING_STAFF'), new Withheld('unreadable', ssn!.operation)))).toBe('DATA_UNREADABLE');
    expect(revealed(callerAs('CREDENTIALING_STAFF'), '123-45-6789')).toBe('123-45-6789');
    expect(revealed(callerAs('CREDENTIALING_STAFF'), null)).toBeNull();
    expect(revealed(callerAs('CREDENTIALING_STAFF'), undefined)).toBeNull();

    expect(withheldFieldsOf(callerAs('ORG_OWNER'), 'Physician')).toEqual([{ field: 'dateOfBirth', reason: 'NOT_PERMITTED' }, { field: 'ssn', reason: 'NOT_PERMITTED' }]);
    expect(withheldFieldsOf(callerAs('CREDENTIALING_STAFF'), 'Physician')).toEqual([]);
    expect(withheldFieldsOf(callerAs('PHYSICIAN'), 'Physician')).toEqual([]);
    expect(withheldFieldsOf(callerAs('ORG_OWNER'), 'Credential')).toEqual([]);
    // A support session reads the file but never its protected fields (minimum necessary).
    const support: Caller = { ...callerAs('PLATFORM_ADMIN'), supportGrant: { id: randomUUID(), endsAt: Math.floor(Date.now() / 1000) + 3600 } };
    expect(revealed(support, refused)).toBeNull();
    expect(withheldFieldsOf(support, 'Physician').map((withheld) => withheld.field)).toEqual(['dateOfBirth', 'ssn']);
  });
});
