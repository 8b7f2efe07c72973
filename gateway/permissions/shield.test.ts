// The shield is generated from the permission matrix: walk every field of the composed
// supergraph and check that each is ruled deliberately, and that each role reaches exactly what
// the matrix allows it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { isObjectType } from 'graphql';
import { ROLES } from '../../platform/caller.ts';
import { FIELD_OPERATIONS, OPERATIONS, operationForField, refusal, roleMay } from '../../platform/permissions.ts';
import { SUPERGRAPH_PATH } from '../../schema/compose.ts';
import { applyMiddleware } from 'graphql-middleware';
import { createPermissions, shieldRules, withoutChecksOnPublicLeaves } from './shield.ts';

const schema = getStitchedSchemaFromSupergraphSdl({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8') });
const fields = Object.values(schema.getTypeMap())
  .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
  .flatMap((type) => Object.keys((type as import('graphql').GraphQLObjectType).getFields()).map((field) => `${type.name}.${field}`));

describe('permission matrix', () => {
  it('names an operation for every field of the supergraph', () => {
    const unruled = fields.filter((path) => !operationForField(...(path.split('.') as [string, string])));
    expect(unruled).toEqual([]);
  });

  it('names no field or type the supergraph does not have', () => {
    const types = new Set(Object.keys(schema.getTypeMap()));
    const stale = Object.keys(FIELD_OPERATIONS).filter((entry) => (entry.includes('.') ? !fields.includes(entry) : !types.has(entry)));
    expect(stale).toEqual([]);
  });

  it('gives the shield a rule for exactly the fields the matrix names', () => {
    const rules = shieldRules(schema);
    const ruled = Object.entries(rules).flatMap(([type, map]) => Object.keys(map).map((field) => `${type}.${field}`));
    expect(ruled.sort()).toEqual(fields.filter((path) => operationForField(...(path.split('.') as [string, string]))).sort());
  });

  it('leaves the check off public leaf fields only', () => {
    const shielded = withoutChecksOnPublicLeaves(applyMiddleware(schema, createPermissions(schema)), schema);
    const resolverOf = (s: typeof schema, type: string, field: string) => (s.getType(type) as import('graphql').GraphQLObjectType).getFields()[field]!.resolve;
    expect(resolverOf(shielded, 'PasswordPolicy', 'minLength')).toBe(resolverOf(schema, 'PasswordPolicy', 'minLength'));
    for (const [type, field] of [['Query', 'passwordPolicy'], ['Query', 'auditEvents'], ['AuditEvent', 'sequence'], ['Incident', 'affectedCount']]) {
      expect([type, field, resolverOf(shielded, type!, field!) === resolverOf(schema, type!, field!)]).toEqual([type, field, false]);
    }
  });

  it('grants every non-public operation to at least one role, and names only known roles', () => {
    for (const [operation, allowed] of Object.entries(OPERATIONS)) {
      if (allowed === 'PUBLIC' || allowed === 'SIGNED_IN') continue;
      expect([operation, (allowed as readonly string[]).length]).not.toEqual([operation, 0]);
      for (const role of allowed as readonly string[]) expect(ROLES).toContain(role);
    }
  });

  it('keeps the audit log from physicians and incident responders, and its retention to owners', () => {
    expect(roleMay('PHYSICIAN', 'audit.read')).toBe(false);
    expect(roleMay('INCIDENT_RESPONDER', 'audit.export')).toBe(false);
    expect(roleMay('ORG_ADMIN', 'audit.retention.manage')).toBe(false);
    expect(roleMay(null, 'audit.read')).toBe(false);
    expect(roleMay(null, 'reference.read')).toBe(true);
  });

  it('lets an enrollment-only caller reach its own account and nothing a role grants', () => {
    const enrolling = { userId: 'u', organizationId: 'o', role: 'ORG_OWNER' as const, sessionId: 's', requestId: 'r', sourceIp: null, mfaEnrollmentOnly: true };
    expect(refusal(enrolling, 'session.self')).toBeNull();
    expect(refusal(enrolling, 'members.read')?.code).toBe('MFA_ENROLLMENT_REQUIRED');
    expect(refusal(enrolling, 'audit.read')?.code).toBe('MFA_ENROLLMENT_REQUIRED');
    expect(refusal({ ...enrolling, mfaEnrollmentOnly: false }, 'members.read')).toBeNull();
    expect(refusal({ ...enrolling, role: 'PHYSICIAN', mfaEnrollmentOnly: false }, 'members.read')?.code).toBe('FORBIDDEN');
    expect(refusal({ ...enrolling, userId: null }, 'session.self')?.code).toBe('UNAUTHENTICATED');
  });
});
