// Bad input through the gateway, from the caller's side: an invalid date inside a variable is
// refused by the gateway itself as BAD_USER_INPUT, naming the caller's own variable and field;
// and a fuzz over every root field of the supergraph (anonymous and signed in, each role of an
// organization) finds no answer that is a 5xx or an internal error, or that shows the gateway's
// internal variable names or a stack trace.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildClientSchema, coerceInputValue, getIntrospectionQuery, getNamedType, isCompositeType, isEnumType, isInputObjectType, isListType,
  isNonNullType, type GraphQLField, type GraphQLInputType, type IntrospectionQuery,
} from 'graphql';
import type { Role } from '../platform/caller.ts';
import { anAddressOfItsOwn } from '../test/support/addresses.ts';
import { anOrganization, aSignedInMember, refusalCodeOf } from '../test/support/factories.ts';
import { gatewayHarness, type GraphQLBody } from '../test/support/gateway-harness.ts';

const harness = gatewayHarness();
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let organizationId: string;
const tokens: Partial<Record<Role, string>> = {};
/** Roles of an organization; PLATFORM_ADMIN is made outside any organization (scripts/create-platform-admin.ts). */
const ROLES: Role[] = ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN', 'AUDITOR', 'INCIDENT_RESPONDER'];

/**
 * The address these requests come from (through this test as the trusted proxy): the sign-in
 * failures the fuzz causes count against it in identity's per-IP lockout, not against loopback,
 * from which every other test signs in.
 */
const CLIENT_ADDRESS = anAddressOfItsOwn();

async function post(body: unknown, token?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': CLIENT_ADDRESS, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ TRUST_PROXY: 'loopback', RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_PER_USER_PER_MINUTE: '1000000', AUTH_RATE_LIMIT_PER_MINUTE: '10000' });
  organizationId = await anOrganization(harness.orms[0]!, { name: 'Bad Input Hospital' });
  for (const role of ROLES) tokens[role] = (await aSignedInMember(gateway.url, harness.orms[0]!, { organizationId, role })).accessToken;
});

afterAll(async () => {
  await gateway.stop();
  await harness.stopSubgraphs();
});

describe('an invalid date inside a variable', () => {
  it('is refused by the gateway as BAD_USER_INPUT naming the caller\'s own variable and field', async () => {
    const staff = tokens.CREDENTIALING_STAFF!;
    const update = await post({
      query: 'mutation ($id: ID!, $changes: UpdateCredentialInput!) { updateCredential(id: $id, input: $changes) { credential { id } userErrors { code message field reason details } } }',
      variables: { id: randomUUID(), changes: { issuedOn: '%00%0d%0a' } },
    }, staff);
    expect(update.status).toBe(400);
    expect(JSON.parse(update.text)).toEqual({
      errors: [{
        message: 'Variable "$changes" got invalid value "%00%0d%0a" at "changes.issuedOn"; Date must be a calendar date written YYYY-MM-DD, e.g. 2027-06-30',
        locations: [{ line: 1, column: 21 }],
        extensions: { code: 'BAD_USER_INPUT' },
      }],
    });

    const exported = await post({ query: 'mutation ($since: DateTime) { exportAuditLog(from: $since, format: JSON_LINES) { auditExport { url } userErrors { code message field reason details } } }', variables: { since: 'Smith' } }, tokens.AUDITOR);
    expect(exported.status).toBe(400);
    const body = JSON.parse(exported.text) as GraphQLBody;
    expect(refusalCodeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toBe('Variable "$since" got invalid value "Smith"; DateTime must be an ISO 8601 date and time with a time zone, e.g. 2026-01-31T09:00:00Z');
  });

  it('is refused when written into the operation too, and a valid one still goes through', async () => {
    const literal = await post({ query: `mutation { updateCredential(id: "${randomUUID()}", input: { expiresOn: "Smith" }) { credential { id } userErrors { code message field reason details } } }` }, tokens.CREDENTIALING_STAFF);
    const body = JSON.parse(literal.text) as GraphQLBody;
    expect(refusalCodeOf(body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toBe('Expected value of type "Date", found "Smith"; Date must be a calendar date written YYYY-MM-DD, e.g. 2027-06-30');
    expect(body.errors?.[0]).toHaveProperty('locations', [{ line: 1, column: 93 }]); // the caller's "Smith"
    // A valid date reaches the subgraph, which finds no such credential.
    const valid = await post({ query: 'mutation ($id: ID!) { updateCredential(id: $id, input: { expiresOn: "2030-06-30" }) { credential { id } userErrors { code message field reason details } } }', variables: { id: randomUUID() } }, tokens.CREDENTIALING_STAFF);
    expect(refusalCodeOf(JSON.parse(valid.text) as GraphQLBody)).toBe('NOT_FOUND');
    // Valid instants reach the subgraph as the instants the caller sent, and come back as text.
    const exported = await post({
      query: 'mutation ($since: DateTime, $until: DateTime) { exportAuditLog(from: $since, to: $until, format: CSV) { auditExport { format expiresAt } userErrors { code message field reason details } } }',
      variables: { since: '2020-01-01T00:00:00+02:00', until: new Date(Date.now() + 60_000).toISOString() },
    }, tokens.AUDITOR);
    const answer = JSON.parse(exported.text) as { data: { exportAuditLog: { auditExport: { format: string; expiresAt: string } } } };
    expect(answer.data.exportAuditLog.auditExport.format).toBe('CSV');
    expect(Date.parse(answer.data.exportAuditLog.auditExport.expiresAt)).toBeGreaterThan(Date.now());
  });
});

// ----- the fuzz -----

const CONTROL = '\u0000\r\n%00%0d%0a\u001b[2J\u202e\ud800';
const HUGE = 'A'.repeat(100_000);

/** A value of the type that the gateway accepts, so that one bad part of an argument is the only bad part. */
function validValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return validValue(type.ofType);
  if (isListType(type)) return [validValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, validValue(field.type)]));
  switch (type.name) {
    case 'ID': return randomUUID();
    case 'Int': return 1;
    case 'Float': return 1.5;
    case 'Boolean': return true;
    case 'Date': return '2027-06-30';
    case 'DateTime': return '2027-06-30T09:00:00Z';
    default: return 'text';
  }
}

/** Values that are wrong for the type: of another type, invalid for a custom scalar, huge, with control characters, null where it may not be. */
function badValues(type: GraphQLInputType): unknown[] {
  const nullable = isNonNullType(type) ? type.ofType : type;
  const values: unknown[] = isNonNullType(type) ? [null] : [];
  if (isListType(nullable)) return [...values, { not: 'a list' }, ...badValues(nullable.ofType).map((value) => [value])];
  if (isInputObjectType(nullable)) return [...values, 'not an object', [], { unknownField: 1 }];
  if (isEnumType(nullable)) return [...values, 'NOT_A_VALUE', 7, CONTROL];
  switch (nullable.name) {
    case 'ID': case 'String': return [...values, { an: 'object' }, 4.5, true, CONTROL, HUGE];
    case 'Int': return [...values, 'one', 1.5, 2 ** 31, -(2 ** 53), CONTROL];
    case 'Float': return [...values, 'NaN', CONTROL];
    case 'Boolean': return [...values, 'yes', 0];
    case 'Date': return [...values, '%00%0d%0a', 'Smith', '2026-02-30', '0001-01-01', '2026-01-31T09:00:00Z', 20260131, CONTROL, HUGE];
    case 'DateTime': return [...values, 'Smith', '2026-13-01T00:00:00Z', '2026-01-31', '2026-01-31T25:00:00+99:00', 1767225600, CONTROL, HUGE];
    default: return [...values, CONTROL, HUGE, { an: 'object' }];
  }
}

interface Case { field: string; what: string; query: string; variables: Record<string, unknown>; coerces: boolean }

/** The value written into the operation, as a GraphQL literal of the type. */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null) return 'null';
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, isListType(nullable) ? nullable.ofType : nullable)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(nullable) ? nullable.getFields() : {};
    return `{ ${Object.entries(value as Record<string, unknown>).map(([name, item]) => `${name}: ${literal(item, fields[name]?.type ?? nullable)}`).join(', ')} }`;
  }
  if (typeof value === 'string' && isEnumType(nullable) && /^[_A-Za-z]\w*$/.test(value)) return value;
  return JSON.stringify(value);
}

/** Every argument of the field, and every field of an input-object argument, made bad one at a time. */
function casesFor(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): Case[] {
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const definitions = field.args.map((argument, i) => `$a${i}: ${String(argument.type)}`).join(', ');
  const query = field.args.length === 0
    ? `${operation} { ${field.name}(unknownArgument: 1)${selection} }`
    : `${operation} (${definitions}) { ${field.name}(${field.args.map((argument, i) => `${argument.name}: $a${i}`).join(', ')})${selection} }`;
  const valid = () => Object.fromEntries(field.args.map((argument, i) => [`a${i}`, validValue(argument.type)]));
  const coerces = (variables: Record<string, unknown>) => {
    let ok = true;
    field.args.forEach((argument, i) => coerceInputValue(variables[`a${i}`], argument.type, () => (ok = false)));
    return ok;
  };
  const cases: Case[] = [];
  const add = (what: string, variables: Record<string, unknown>) => {
    cases.push({ field: `${operation}.${field.name}`, what, query, variables, coerces: coerces(variables) });
    // The same values written into the operation: checked by validation instead, and delegated as the gateway rewrites them.
    const inline = `${operation} { ${field.name}(${field.args.map((argument, i) => `${argument.name}: ${literal(variables[`a${i}`], argument.type)}`).join(', ')})${selection} }`;
    cases.push({ field: `${operation}.${field.name}`, what: `${what}, written into the operation`, query: inline, variables: {}, coerces: coerces(variables) });
  };
  if (field.args.length === 0) {
    cases.push({ field: `${operation}.${field.name}`, what: 'an unknown argument', query, variables: {}, coerces: false });
    return cases;
  }
  add('valid arguments', valid());
  field.args.forEach((argument, i) => {
    for (const bad of badValues(argument.type)) add(`${argument.name} = ${shown(bad)}`, { ...valid(), [`a${i}`]: bad });
    const input = getNamedType(argument.type);
    if (!isInputObjectType(input) || isListType(isNonNullType(argument.type) ? argument.type.ofType : argument.type)) return;
    for (const inner of Object.values(input.getFields())) {
      for (const bad of badValues(inner.type)) {
        const value = validValue(argument.type) as Record<string, unknown>;
        add(`${argument.name}.${inner.name} = ${shown(bad)}`, { ...valid(), [`a${i}`]: { ...value, [inner.name]: bad } });
      }
      // An input object inside the input (a filter's range): its fields made bad too.
      const nested = getNamedType(inner.type);
      if (!isInputObjectType(nested) || isListType(isNonNullType(inner.type) ? inner.type.ofType : inner.type)) continue;
      for (const deepest of Object.values(nested.getFields())) {
        for (const bad of badValues(deepest.type)) {
          const value = validValue(argument.type) as Record<string, Record<string, unknown>>;
          add(`${argument.name}.${inner.name}.${deepest.name} = ${shown(bad)}`, { ...valid(), [`a${i}`]: { ...value, [inner.name]: { ...value[inner.name], [deepest.name]: bad } } });
        }
      }
    }
  });
  return cases;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 30)}… (${text.length} characters)` : text;
}

/**
 * What is wrong with an answer, or null: a 5xx, an internal error, a stack trace, or a variable
 * the caller did not write (the gateway's own, `$_…`, or the subgraph's).
 */
function problemWith(status: number, text: string, variables: Record<string, unknown>): string | null {
  if (status >= 500) return `HTTP ${status}: ${text.slice(0, 300)}`;
  let body: GraphQLBody;
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    return `not JSON: ${text.slice(0, 300)}`;
  }
  for (const error of body.errors ?? []) {
    if (error.extensions?.code === 'INTERNAL_SERVER_ERROR' || error.extensions?.code === undefined) return `${String(error.extensions?.code)}: ${error.message.slice(0, 300)}`;
    const named = [...error.message.matchAll(/\$(\w+)/g)].map((match) => match[1]!);
    if (named.some((name) => !(name in variables))) return `a variable the caller did not write: ${error.message.slice(0, 300)}`;
    if ('stacktrace' in error.extensions || /\n\s+at /.test(error.message)) return `a stack trace: ${error.message.slice(0, 300)}`;
  }
  return null;
}

describe('every root field, sent malformed arguments', () => {
  it('answers each with a coded client error, never a 5xx, an internal error, internal names or a stack trace', async () => {
    const introspection = await post({ query: getIntrospectionQuery() });
    const schema = buildClientSchema((JSON.parse(introspection.text) as { data: IntrospectionQuery }).data);
    const cases = (['query', 'mutation'] as const).flatMap((operation) =>
      Object.values((operation === 'query' ? schema.getQueryType() : schema.getMutationType())!.getFields())
        .flatMap((field) => casesFor(operation, field)),
    );
    expect(cases.length).toBeGreaterThan(500);
    expect(new Set(cases.map((c) => c.field)).size).toBe(Object.keys(schema.getQueryType()!.getFields()).length + Object.keys(schema.getMutationType()!.getFields()).length);

    // A value the gateway refuses while it reads the operation is refused alike for every caller;
    // one it accepts goes on to the permission rules and the subgraphs, as each role.
    const requests = cases.flatMap((testCase) =>
      [['anonymous', undefined] as const, ...(testCase.coerces ? ROLES.map((role) => [role, tokens[role]!] as const) : [])].map(([who, token]) => ({ testCase, who, token })),
    );
    expect(requests.length).toBeGreaterThan(cases.length);
    const problems: string[] = [];
    const signedInCodes = new Set<unknown>();
    const next = requests.values();
    // A few at a time, as clients would send them.
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (const { testCase, who, token } of next) {
        const { status, text } = await post({ query: testCase.query, variables: testCase.variables }, token);
        const problem = problemWith(status, text, testCase.variables);
        if (problem) problems.push(`${testCase.field} with ${testCase.what}, as ${who}: ${problem}`);
        else if (token) for (const error of (JSON.parse(text) as GraphQLBody).errors ?? []) signedInCodes.add(error.extensions.code);
      }
    }));
    expect(problems).toEqual([]);
    // The signed-in cases reached the subgraphs (which looked for the records they named), and every token still works.
    expect([...signedInCodes]).toEqual(expect.arrayContaining(['NOT_FOUND', 'BAD_USER_INPUT', 'FORBIDDEN']));
    for (const role of ROLES) expect(JSON.parse((await post({ query: '{ me { role } }' }, tokens[role])).text)).toEqual({ data: { me: { role } } });
  }, 600_000);
});
