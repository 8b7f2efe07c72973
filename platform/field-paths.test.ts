import { describe, expect, it } from '@jest/globals';
import { graphql } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { AppError, badUserInput } from './errors.ts';
import { completeErrorFieldPaths } from './field-paths.ts';

const typeDefs = /* GraphQL */ `
  input AddressInput { state: String }
  input PhysicianInput { npi: String, address: AddressInput }
  input Filter { expiringWithinDays: Int }
  type Query {
    physicians(first: Int, filter: Filter): [String!]
    plain: String
  }
  type Mutation {
    createPhysician(input: PhysicianInput!): String
    syncRefusal(input: PhysicianInput!): String
  }
`;

/** A schema whose resolvers refuse with the `details` each test gives. */
function schemaRefusing(details: () => AppError | Error) {
  const refuse = async () => {
    throw details();
  };
  return completeErrorFieldPaths(makeExecutableSchema({
    typeDefs,
    resolvers: {
      Query: { physicians: refuse, plain: refuse },
      Mutation: {
        createPhysician: refuse,
        syncRefusal: () => {
          throw details();
        },
      },
    },
  }));
}

async function errorOf(refusal: () => AppError | Error, source: string) {
  const result = await graphql({ schema: schemaRefusing(refusal), source });
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  const original = error!.originalError;
  return { message: error!.message, details: original instanceof AppError ? original.details : undefined, original };
}

describe('details.field', () => {
  it('is completed to the path through the input types of the field that failed', async () => {
    const refused = await errorOf(() => badUserInput('npi is not valid', { field: 'npi', reason: 'INVALID_NPI' }), 'mutation { createPhysician(input: {npi: "1"}) }');
    expect(refused.details).toEqual({ field: ['input', 'npi'], reason: 'INVALID_NPI' });
    expect(refused.message).toBe('npi is not valid');
  });

  it('takes the shortest path to a deeper input field, from a resolver that throws at once too', async () => {
    const refused = await errorOf(() => badUserInput('not a state', { field: 'state', reason: 'INVALID_STATE' }), 'mutation { syncRefusal(input: {}) }');
    expect(refused.details).toEqual({ field: ['input', 'address', 'state'], reason: 'INVALID_STATE' });
  });

  it('keeps a name that is an argument, and a dotted name starting at one, as the path they already are', async () => {
    expect((await errorOf(() => badUserInput('first is 1 to 100', { field: 'first', reason: 'OUT_OF_RANGE' }), '{ physicians(first: 0) }')).details)
      .toEqual({ field: ['first'], reason: 'OUT_OF_RANGE' });
    expect((await errorOf(() => badUserInput('too far', { field: 'filter.expiringWithinDays' }), '{ physicians(filter: {expiringWithinDays: 9999}) }')).details)
      .toEqual({ field: ['filter', 'expiringWithinDays'] });
  });

  it('is left as written when no argument leads to it, and other errors are not touched', async () => {
    expect((await errorOf(() => badUserInput('no such field', { field: 'ssn' }), 'mutation { createPhysician(input: {}) }')).details)
      .toEqual({ field: ['ssn'] });
    const plain = await errorOf(() => new Error('boom'), '{ physicians }');
    expect(plain.original).toBeInstanceOf(Error);
    expect(plain.original).not.toBeInstanceOf(AppError);
    expect((await errorOf(() => new AppError('RATE_LIMITED', 'wait', { retryAfterSeconds: 3 }), '{ physicians }')).details)
      .toEqual({ retryAfterSeconds: 3 });
  });

  it('is not completed on fields without arguments', async () => {
    expect((await errorOf(() => badUserInput('x', { field: 'npi' }), '{ plain }')).details).toEqual({ field: ['npi'] });
  });
});
