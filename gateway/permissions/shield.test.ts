// The shield is generated from the permission matrix: walk every field of the composed
// supergraph and check that each is ruled deliberately, and that each kind of caller reaches
// exactly what the matrix allows it, through every field that leads there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  execute, getNamedType, getNullableType, isAbstractType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType,
  parse, validate, type GraphQLField, type GraphQLInputType, type GraphQLObjectType, type GraphQLOutputType,
} from 'graphql';
import { ROLES, type Caller } from '../../platform/caller.ts';
import type { AppError } from '../../platform/errors.ts';
import { createLogger } from '../../platform/logger.ts';
import { FIELD_OPERATIONS, implies, mayMutate, MUTATIONS_WHILE_TERMINATED, OPERATIONS, operationForField, refusal, roleMay, SUPPORT_ACCESS_OPERATIONS, WITHHELD_FIELDS, type Operation } from '../../platform/permissions.ts';
import { SUPERGRAPH_PATH } from '../../schema/compose.ts';
import type { GatewayContext } from '../context.ts';
import { fieldsDecidedBeforeReached, shieldRules, shieldSupergraph } from './shield.ts';

const schema = getStitchedSchemaFromSupergraphSdl({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8') });
const objectTypes = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'));
const fields = objectTypes.flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
const operations = Object.keys(OPERATIONS) as Operation[];

/** Grant ends, in seconds since the epoch: one that has not come, one long gone. */
const FAR_FUTURE = Math.floor(Date.now() / 1000) + 365 * 86_400;
const LONG_AGO = Math.floor(Date.now() / 1000) - 86_400;

/** Every kind of caller the matrix tells apart. */
const base = { sessionId: 's', requestId: 'r', sourceIp: null };
const callers: [string, Caller][] = [
  ['anonymous', { ...base, userId: null, organizationId: null, role: null, sessionId: null }],
  ...ROLES.map((role): [string, Caller] => [role, { ...base, userId: 'u', organizationId: 'o', role }]),
  ['ORG_OWNER enrolling in MFA', { ...base, userId: 'u', organizationId: 'o', role: 'ORG_OWNER', mfaEnrollmentOnly: true }],
  ['PLATFORM_ADMIN without an organization', { ...base, userId: 'u', organizationId: null, role: 'PLATFORM_ADMIN' }],
  ['PLATFORM_ADMIN under a live support grant', { ...base, userId: 'u', organizationId: 'o', role: 'PLATFORM_ADMIN', supportGrant: { id: 'g', endsAt: FAR_FUTURE } }],
  ['PLATFORM_ADMIN under an ended support grant', { ...base, userId: 'u', organizationId: 'o', role: 'PLATFORM_ADMIN', supportGrant: { id: 'g', endsAt: LONG_AGO } }],
  ['ORG_ADMIN with a support grant claim', { ...base, userId: 'u', organizationId: 'o', role: 'ORG_ADMIN', supportGrant: { id: 'g', endsAt: FAR_FUTURE } }],
];

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

  it('says one operation implies another exactly when every kind of caller allowed the first is allowed the second', () => {
    for (const held of operations) {
      for (const needed of operations) {
        const holders = callers.filter(([, caller]) => refusal(caller, held) === null);
        const expected = holders.every(([, caller]) => refusal(caller, needed) === null);
        expect([held, needed, implies(held, needed)]).toEqual([held, needed, expected]);
      }
    }
  });

  it('keeps the check on every root field and on the protected fields, and leaves it off fields already decided', () => {
    const decided = fieldsDecidedBeforeReached(schema);
    const rootFields = fields.filter((path) => path.startsWith('Query.') || path.startsWith('Mutation.'));
    const publicRoots = rootFields.filter((path) => OPERATIONS[operationForField(...(path.split('.') as [string, string]))!] === 'PUBLIC');
    expect(rootFields.filter((path) => decided.has(path)).sort()).toEqual(publicRoots.sort());
    for (const path of ['Physician.ssn', 'Physician.dateOfBirth', 'Credential.accessHistory', 'User.auditTrail']) expect([path, decided.has(path)]).toEqual([path, false]);
    for (const path of ['Credential.type', 'CredentialConnection.nodes', 'Physician.familyName', 'PasswordPolicy.minLength']) expect([path, decided.has(path)]).toEqual([path, true]);
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

// The walk below runs the gateway's shielded schema (shieldSupergraph) over the supergraph with
// every resolver answering a made-up value of its type, so each field can be reached from the
// root without subgraphs: what is answered and what is refused is shield's doing alone.

/** A value of a field's type: one item for a list, an empty object for an object type. */
function madeUpValue(type: GraphQLOutputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [madeUpValue(nullable.ofType)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isLeafType(nullable)) return ({ Int: 1, Float: 1.5, Boolean: true } as Record<string, unknown>)[nullable.name] ?? 'x';
  return {};
}

/** A literal for an argument of an input type, with every required input field filled in. */
function literal(type: GraphQLInputType): string {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return `[${literal(nullable.ofType)}]`;
  if (isEnumType(nullable)) return nullable.getValues()[0]!.name;
  if (isInputObjectType(nullable)) {
    const required = Object.values(nullable.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return `{ ${required.map((field) => `${field.name}: ${literal(field.type)}`).join(', ')} }`;
  }
  return ({ Int: '1', Float: '1.5', Boolean: 'true' } as Record<string, string>)[nullable.name] ?? '"2020-01-01"';
}

function selection(field: GraphQLField<unknown, unknown>, inner: string): string {
  const args = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const withArgs = args.length ? `${field.name}(${args.map((arg) => `${arg.name}: ${literal(arg.type)}`).join(', ')})` : field.name;
  return isLeafType(getNamedType(field.type)) ? withArgs : `${withArgs} { ${inner || '__typename'} }`;
}

type Step = { type: GraphQLObjectType; field: GraphQLField<unknown, unknown> };

/** The shortest chain of fields from a root type to each object type. */
function shortestPaths(roots: GraphQLObjectType[]): Map<string, Step[]> {
  const paths = new Map<string, Step[]>(roots.map((root) => [root.name, []]));
  const queue = [...roots];
  while (queue.length > 0) {
    const type = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      const returned = getNamedType(field.type);
      if (!isObjectType(returned) || paths.has(returned.name)) continue;
      paths.set(returned.name, [...paths.get(type.name)!, { type, field }]);
      queue.push(returned);
    }
  }
  return paths;
}

describe('shield over the supergraph, walked field by field', () => {
  it('answers each kind of caller a field, through every field that returns its type, exactly when the matrix allows every field on the way, and refuses and records the first one it does not (a protected field a role may not read as null, without an error)', async () => {
    expect(Object.values(schema.getTypeMap()).filter((type) => isAbstractType(type))).toEqual([]); // the walk reaches object types only
    const madeUp = mapSchema(schema, {
      [MapperKind.OBJECT_FIELD]: (field) => ({ ...field, resolve: () => madeUpValue(field.type) }),
    });
    const shielded = shieldSupergraph(madeUp);
    const roots = [madeUp.getQueryType()!, madeUp.getMutationType()!];
    const paths = shortestPaths(roots);
    const logger = createLogger({ service: 'test', level: 'silent' });

    // Every field, reached through each field that returns its type (from a root by the shortest
    // way), or directly for a root field.
    const walks: Step[][] = [];
    for (const type of objectTypes.map((t) => madeUp.getType(t.name) as GraphQLObjectType)) {
      const producers = objectTypes.flatMap((parent) => Object.values((madeUp.getType(parent.name) as GraphQLObjectType).getFields())
        .filter((field) => getNamedType(field.type).name === type.name)
        .map((field) => ({ type: madeUp.getType(parent.name) as GraphQLObjectType, field })));
      const ways = roots.includes(type) ? [[]] : producers.filter((step) => paths.has(step.type.name)).map((step) => [...paths.get(step.type.name)!, step]);
      expect([type.name, ways.length > 0]).toEqual([type.name, true]);
      for (const way of ways) for (const field of Object.values(type.getFields())) walks.push([...way, { type, field }]);
    }
    expect(walks.length).toBeGreaterThan(fields.length);

    let answered = 0;
    let withheld = 0;
    for (const walk of walks) {
      const text = `${walk[0]!.type === madeUp.getMutationType() ? 'mutation' : 'query'} { ${walk.reduceRight((inner, step) => selection(step.field, inner), '')} }`;
      const document = parse(text);
      expect([text, validate(madeUp, document)]).toEqual([text, []]);
      const guards = walk.map((step) => ({ at: `${step.type.name}.${step.field.name}`, operation: operationForField(step.type.name, step.field.name) }));
      for (const [who, caller] of callers) {
        const context: GatewayContext = { caller, logger, denials: [] };
        const result = await execute({ schema: shielded, document, contextValue: context });
        const firstRefused = guards.findIndex((guard) => !guard.operation || refusal(caller, guard.operation) !== null);
        const got = { errors: result.errors?.map((error) => [error.path?.filter((key) => typeof key === 'string').join('.'), (error.originalError as AppError | undefined)?.code]), denials: context.denials };
        const refusedAt = guards[firstRefused];
        if (firstRefused === -1) {
          answered += 1;
          expect([who, text, got]).toEqual([who, text, { errors: undefined, denials: [] }]);
        } else if (WITHHELD_FIELDS.has(refusedAt!.at) && refusal(caller, refusedAt!.operation!)!.code === 'FORBIDDEN') {
          // A protected field a role may not read: null (never the value its resolver has), no error, the denial recorded.
          withheld += 1;
          const value = walk.slice(0, firstRefused + 1).reduce<unknown>((data, step) => [(data as Record<string, unknown>)[step.field.name]].flat()[0], result.data);
          expect([who, text, got, value]).toEqual([who, text, { errors: undefined, denials: [{ field: refusedAt!.at, code: 'FORBIDDEN' }] }, null]);
        } else {
          const { at, operation } = guards[firstRefused]!;
          const code = operation ? refusal(caller, operation)!.code : 'FORBIDDEN';
          const path = walk.slice(0, firstRefused + 1).map((step) => step.field.name).join('.');
          expect([who, text, got]).toEqual([who, text, { errors: [[path, code]], denials: [{ field: at, code }] }]);
        }
      }
    }
    expect(answered).toBeGreaterThan(0);
    expect(withheld).toBeGreaterThan(0);
  });
});

// A protected field a role may not read is withheld by the gateway itself: whatever the subgraph
// answered for it (here, the value) never reaches that role.
describe('protected fields at the gateway', () => {
  it('answers a role the matrix denies them null without an error, whatever the subgraph sent, and records the denial', async () => {
    const leaked: Record<string, string> = { 'Physician.ssn': '078-05-1120', 'Physician.dateOfBirth': '1966-12-09', 'Credential.number': 'AH1234563' };
    const leaking = mapSchema(schema, {
      [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => ({ ...field, resolve: () => leaked[`${typeName}.${fieldName}`] ?? madeUpValue(field.type) }),
    });
    const shielded = shieldSupergraph(leaking);
    const logger = createLogger({ service: 'test', level: 'silent' });
    const document = parse('{ physician(id: "p") { familyName ssn dateOfBirth } }');
    const run = async (caller: Caller) => {
      const context: GatewayContext = { caller, logger, denials: [] };
      const result = await execute({ schema: shielded, document, contextValue: context });
      return { data: result.data, codes: result.errors?.map((error) => (error.originalError as AppError | undefined)?.code), denials: context.denials };
    };
    const as = (role: Caller['role'], extra: Partial<Caller> = {}): Caller => ({ ...base, userId: 'u', organizationId: 'o', role, ...extra });

    const owner = await run(as('ORG_OWNER'));
    expect(owner).toEqual({
      data: { physician: { familyName: 'x', ssn: null, dateOfBirth: null } }, codes: undefined,
      denials: [{ field: 'Physician.ssn', code: 'FORBIDDEN' }, { field: 'Physician.dateOfBirth', code: 'FORBIDDEN' }],
    });
    expect(JSON.stringify(owner)).not.toContain('078-05-1120');
    const support = await run(as('PLATFORM_ADMIN', { supportGrant: { id: 'g', endsAt: FAR_FUTURE } }));
    expect(support.data).toEqual({ physician: { familyName: 'x', ssn: null, dateOfBirth: null } });
    expect(support.codes).toBeUndefined();
    expect(await run(as('CREDENTIALING_STAFF'))).toEqual({ data: { physician: { familyName: 'x', ssn: '078-05-1120', dateOfBirth: '1966-12-09' } }, codes: undefined, denials: [] });
    // A refusal the caller must act on stays an error (here at the record already).
    const ended = await run(as('PLATFORM_ADMIN', { supportGrant: { id: 'g', endsAt: LONG_AGO } }));
    expect(ended.codes).toEqual(['SUPPORT_ACCESS_ENDED']);
    expect(JSON.stringify(ended)).not.toContain('078-05-1120');
  });
});

describe('shield over the mutations of a terminated organization', () => {
  it('answers ORGANIZATION_TERMINATED to every mutation but signing in and out, refreshing, MFA and the account\'s password, after the matrix\'s own decision', async () => {
    const madeUp = mapSchema(schema, {
      [MapperKind.OBJECT_FIELD]: (field) => ({ ...field, resolve: () => madeUpValue(field.type) }),
    });
    const shielded = shieldSupergraph(madeUp);
    const logger = createLogger({ service: 'test', level: 'silent' });
    const mutations = Object.values(madeUp.getMutationType()!.getFields());
    const stillAllowed = mutations.filter((field) => MUTATIONS_WHILE_TERMINATED.has(field.name)).map((field) => field.name);
    expect(stillAllowed.sort()).toEqual([...MUTATIONS_WHILE_TERMINATED].sort()); // every name it lists is a mutation
    const terminatedCallers: Caller[] = [
      { ...base, userId: 'u', organizationId: 'o', role: 'ORG_OWNER', organizationTerminated: true },
      { ...base, userId: 'u', organizationId: 'o', role: 'CREDENTIALING_STAFF', organizationTerminated: true },
    ];
    let refusedAsTerminated = 0;
    for (const caller of terminatedCallers) {
      for (const field of mutations) {
        const text = `mutation { ${selection(field, '')} }`;
        const context: GatewayContext = { caller, logger, denials: [] };
        const result = await execute({ schema: shielded, document: parse(text), contextValue: context });
        const operation = operationForField('Mutation', field.name)!;
        const expected = refusal(caller, operation)?.code ?? (MUTATIONS_WHILE_TERMINATED.has(field.name) ? undefined : 'ORGANIZATION_TERMINATED');
        if (expected === 'ORGANIZATION_TERMINATED') refusedAsTerminated += 1;
        const got = result.errors?.map((error) => (error.originalError as AppError | undefined)?.code)[0];
        expect([caller.role, field.name, got, context.denials]).toEqual([caller.role, field.name, expected, expected ? [{ field: `Mutation.${field.name}`, code: expected }] : []]);
      }
    }
    expect(refusedAsTerminated).toBeGreaterThan(10);
  });
});

// A record's viewerCan… fields answer, before the record's own rules, what mayMutate decides.
describe('what a record says the caller may do', () => {
  it('is what the shield answers the mutation it names, for every kind of caller, in a terminated organization too', async () => {
    const madeUp = mapSchema(schema, {
      [MapperKind.OBJECT_FIELD]: (field) => ({ ...field, resolve: () => madeUpValue(field.type) }),
    });
    const shielded = shieldSupergraph(madeUp);
    const logger = createLogger({ service: 'test', level: 'silent' });
    const kinds: [string, Caller][] = [
      ...callers,
      ['ORG_OWNER of a terminated organization', { ...base, userId: 'u', organizationId: 'o', role: 'ORG_OWNER', organizationTerminated: true }],
      ['CREDENTIALING_STAFF of a terminated organization', { ...base, userId: 'u', organizationId: 'o', role: 'CREDENTIALING_STAFF', organizationTerminated: true }],
    ];
    let allowed = 0;
    for (const field of Object.values(madeUp.getMutationType()!.getFields())) {
      const operation = operationForField('Mutation', field.name)!;
      for (const [kind, caller] of kinds) {
        const context: GatewayContext = { caller, logger, denials: [] };
        const result = await execute({ schema: shielded, document: parse(`mutation { ${selection(field, '')} }`), contextValue: context });
        const answered = result.errors === undefined;
        if (answered) allowed += 1;
        expect([field.name, kind, mayMutate(caller, operation, field.name)]).toEqual([field.name, kind, answered]);
      }
    }
    expect(allowed).toBeGreaterThan(50);
  });
});

// Break-glass support access, stated on its own (not through `refusal`), for every field of the
// supergraph: what a platform administrator reaches without a grant, under a live one, after it ends.
describe('platform administrators and organization data', () => {
  /** What a platform administrator does without a grant: its own account, and the organizations themselves. */
  const PLATFORM_OWN = new Set<Operation>([
    'reference.read', 'authentication', 'session.self', 'account.manage',
    'organization.read', 'organization.create', 'organization.terminate', 'organization.offboarding.read', 'support.request', 'support.read',
  ]);
  /** Organization data: every operation that is neither public nor the platform's own. */
  const organizationData = operations.filter((operation) => !PLATFORM_OWN.has(operation));
  const guardedFields = fields.map((path) => ({ path, operation: operationForField(...(path.split('.') as [string, string]))! }));
  const admin = { ...base, userId: 'u', organizationId: 'p', role: 'PLATFORM_ADMIN' as const };

  it('reads no organization data without a grant: every field the matrix guards by organization data answers SUPPORT_ACCESS_REQUIRED or FORBIDDEN', () => {
    const dataFields = guardedFields.filter(({ operation }) => organizationData.includes(operation));
    expect(dataFields.length).toBeGreaterThan(100);
    for (const { path, operation } of dataFields) {
      const expected = SUPPORT_ACCESS_OPERATIONS.has(operation) ? 'SUPPORT_ACCESS_REQUIRED' : 'FORBIDDEN';
      expect([path, refusal(admin, operation)?.code]).toEqual([path, expected]);
    }
    for (const { path, operation } of guardedFields.filter(({ operation }) => PLATFORM_OWN.has(operation))) expect([path, refusal(admin, operation)]).toEqual([path, null]);
  });

  it('reads under a live grant exactly the support operations, writes nothing, and reads nothing once the grant has ended', () => {
    const live = { ...admin, organizationId: 'o', supportGrant: { id: 'g', endsAt: FAR_FUTURE } };
    const ended = { ...live, supportGrant: { id: 'g', endsAt: LONG_AGO } };
    for (const { path, operation } of guardedFields) {
      const open = OPERATIONS[operation] === 'PUBLIC' || OPERATIONS[operation] === 'SIGNED_IN';
      expect([path, refusal(live, operation)?.code ?? null]).toEqual([path, open || SUPPORT_ACCESS_OPERATIONS.has(operation) ? null : 'FORBIDDEN']);
      expect([path, refusal(ended, operation)?.code ?? null]).toEqual([path, open ? null : 'SUPPORT_ACCESS_ENDED']);
    }
    const mutations = guardedFields.filter(({ path, operation }) => path.startsWith('Mutation.') && SUPPORT_ACCESS_OPERATIONS.has(operation)).map(({ path }) => path);
    expect(mutations.sort()).toEqual(['Mutation.exportPostIncidentReview']); // a read: the review as a PDF
    expect(refusal(live, 'physician.protected.read')?.code).toBe('FORBIDDEN'); // minimum necessary
    expect(refusal(live, 'document.download')?.code).toBe('FORBIDDEN');
  });

  it('ends a grant at its end time, checked at each use', () => {
    const endsAt = 1_800_000_000;
    const live = { ...admin, organizationId: 'o', supportGrant: { id: 'g', endsAt } };
    expect(refusal(live, 'physician.read', endsAt * 1000 - 1)).toBeNull();
    expect(refusal(live, 'physician.read', endsAt * 1000)?.code).toBe('SUPPORT_ACCESS_ENDED');
  });

  it('honours a grant for platform administrators only', () => {
    for (const role of ROLES.filter((r) => r !== 'PLATFORM_ADMIN')) {
      expect([role, refusal({ ...base, userId: 'u', organizationId: 'o', role, supportGrant: { id: 'g', endsAt: FAR_FUTURE } }, 'physician.read')?.code]).toEqual([role, 'FORBIDDEN']);
    }
  });
});
