import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { graphql, parse, Kind } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { SUBGRAPH_NAMES } from './config.ts';
import { AppError, badUserInput, conflict, forbidden } from './errors.ts';
import { completeErrorFieldPaths } from './field-paths.ts';
import { answerMutationsWithPayloads, USER_ERROR_CODES } from './mutation-payloads.ts';

const USER_ERROR = /* GraphQL */ `
  type UserError { code: String! message: String! field: [String!] reason: String details: JSONObject }
  scalar JSONObject
`;

const typeDefs = /* GraphQL */ `
  ${USER_ERROR}
  input PhysicianInput { npi: String }
  type Physician { id: ID! npi: String }
  type Query { ok: Boolean }
  type CreatePhysicianPayload { physician: Physician userErrors: [UserError!]! }
  type RemoveCredentialPayload { removed: Boolean userErrors: [UserError!]! }
  type Mutation {
    createPhysician(input: PhysicianInput!): CreatePhysicianPayload
    removeCredential(id: ID!): RemoveCredentialPayload
  }
`;

function schemaAnswering(createPhysician: () => unknown) {
  return answerMutationsWithPayloads(completeErrorFieldPaths(makeExecutableSchema({
    typeDefs,
    resolvers: { Mutation: { createPhysician, removeCredential: () => true } },
  })));
}

const CREATE = 'mutation { createPhysician(input: { npi: "1" }) { physician { id npi } userErrors { code message field reason details } } }';

describe('a mutation payload', () => {
  it('holds the result and no userErrors when the mutation succeeds, a scalar result too', async () => {
    const schema = schemaAnswering(() => ({ id: 'p1', npi: '1234567893' }));
    expect((await graphql({ schema, source: CREATE })).data).toEqual({ createPhysician: { physician: { id: 'p1', npi: '1234567893' }, userErrors: [] } });
    expect((await graphql({ schema, source: 'mutation { removeCredential(id: "c") { removed userErrors { code } } }' })).data)
      .toEqual({ removeCredential: { removed: true, userErrors: [] } });
  });

  it('answers an expected failure as data: a null result and the userError with the caller\'s field path', async () => {
    const schema = schemaAnswering(() => {
      throw badUserInput('npi is not a valid NPI', { field: 'npi', reason: 'INVALID_NPI' });
    });
    const result = await graphql({ schema, source: CREATE });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      createPhysician: { physician: null, userErrors: [{ code: 'BAD_USER_INPUT', message: 'npi is not a valid NPI', field: ['input', 'npi'], reason: 'INVALID_NPI', details: null }] },
    });
  });

  it('keeps the other facts of a failure in details', async () => {
    const schema = schemaAnswering(() => {
      throw new AppError('CREDENTIALING_FILE_NOT_READY', 'not ready', { blockers: ['missing:dea_registration'] });
    });
    const [userError] = ((await graphql({ schema, source: CREATE })).data as { createPhysician: { userErrors: unknown[] } }).createPhysician.userErrors;
    expect(userError).toEqual({ code: 'CREDENTIALING_FILE_NOT_READY', message: 'not ready', field: null, reason: null, details: { blockers: ['missing:dea_registration'] } });
  });

  it('leaves authentication, permission and unexpected failures errors of the response', async () => {
    for (const failure of [forbidden(), new AppError('UNAUTHENTICATED', 'sign in'), new AppError('RATE_LIMITED', 'wait', { retryAfterSeconds: 3 }), new Error('boom')]) {
      const result = await graphql({ schema: schemaAnswering(() => {
        throw failure;
      }), source: CREATE });
      expect(result.data).toEqual({ createPhysician: null });
      expect(result.errors?.[0]?.originalError).toBe(failure);
    }
    const conflicting = await graphql({ schema: schemaAnswering(() => {
      throw conflict('already there');
    }), source: CREATE });
    expect(conflicting.errors).toBeUndefined();
  });

  it('is required of every mutation: one that answers its result bare, or a payload of another shape, fails at start', () => {
    const bare = makeExecutableSchema({ typeDefs: `${USER_ERROR} type Query { ok: Boolean } type Mutation { logout: Boolean }` });
    expect(() => answerMutationsWithPayloads(bare)).toThrow('Mutation.logout must answer LogoutPayload, nullable');
    const required = makeExecutableSchema({ typeDefs: `${USER_ERROR} type Query { ok: Boolean } type LogoutPayload { a: Boolean userErrors: [UserError!]! } type Mutation { logout: LogoutPayload! }` });
    expect(() => answerMutationsWithPayloads(required)).toThrow('Mutation.logout must answer LogoutPayload, nullable');
    const twoResults = makeExecutableSchema({ typeDefs: `${USER_ERROR} type Query { ok: Boolean } type LogoutPayload { a: Boolean b: Boolean userErrors: [UserError!]! } type Mutation { logout: LogoutPayload }` });
    expect(() => answerMutationsWithPayloads(twoResults)).toThrow('LogoutPayload must hold exactly its result');
    const requiredResult = makeExecutableSchema({ typeDefs: `${USER_ERROR} type Query { ok: Boolean } type LogoutPayload { a: Boolean! userErrors: [UserError!]! } type Mutation { logout: LogoutPayload }` });
    expect(() => answerMutationsWithPayloads(requiredResult)).toThrow('LogoutPayload must hold exactly its result (nullable');
  });
});

describe('UserErrorCode', () => {
  it('lists, in every subgraph, exactly the codes the catalog marks userError', () => {
    expect(USER_ERROR_CODES.size).toBeGreaterThan(10);
    for (const name of SUBGRAPH_NAMES) {
      const sdl = parse(readFileSync(new URL(`../schema/${name}.graphql`, import.meta.url), 'utf8'));
      const codes = sdl.definitions.find((definition) => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'UserErrorCode');
      expect(codes?.kind === Kind.ENUM_TYPE_DEFINITION ? codes.values?.map((value) => value.name.value).sort() : undefined).toEqual([...USER_ERROR_CODES].sort());
    }
  });
});
