// Expected failures of a mutation are data. Every mutation `doThing` answers `DoThingPayload`: its
// result under one field, and `userErrors`. Resolvers are written as before (they return the result
// or throw an AppError); the subgraph server wraps each mutation's resolver once: a result becomes
// `{ <result>: result, userErrors: [] }`, and an AppError whose code the catalog marks `userError`
// (what the user can correct or must be told: bad input, a conflict, a record gone) becomes
// `{ <result>: null, userErrors: [it] }`. The transaction has rolled back by then, as for an error.
// Authentication, permissions, rate limits and outages stay errors of the response: a client
// handles them once, for every operation, not beside each form. The payload is nullable, so that
// such an error nulls only its own mutation, not every other mutation of the request.
import { defaultFieldResolver, getNullableType, isListType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { ERROR_CATALOG } from './error-catalog.ts';
import { findAppError, type AppError, type ErrorCode } from './errors.ts';

/** The codes answered in `userErrors` (marked `userError` in the catalog, a column of schema/ERRORS.md). */
export const USER_ERROR_CODES: ReadonlySet<ErrorCode> = new Set(
  (Object.entries(ERROR_CATALOG) as [ErrorCode, { userError?: boolean }][]).filter(([, entry]) => entry.userError).map(([code]) => code),
);

/** One entry of `userErrors`, as the `UserError` type of every subgraph serves it. */
export interface UserError {
  code: ErrorCode;
  message: string;
  field: readonly string[] | null;
  reason: string | null;
  /** The other facts of the failure (a file's blockers, a range's size); null when it has none. */
  details: Record<string, unknown> | null;
}

export function userErrorOf(error: AppError): UserError {
  const { field, reason, ...facts } = error.details ?? {};
  return {
    code: error.code,
    message: error.message,
    field: field ?? null,
    reason: reason ?? null,
    details: Object.keys(facts).length > 0 ? facts : null,
  };
}

/** The payload type of a mutation: `createPhysician` answers `CreatePhysicianPayload`. */
export function payloadTypeName(mutation: string): string {
  return `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Payload`;
}

/**
 * Wraps, in place, the resolver of every mutation of a subgraph schema so that it answers its
 * payload. Throws at start when a mutation does not answer `<Name>Payload` (nullable) holding
 * exactly its result and `userErrors: [UserError!]!`: one convention, for every mutation.
 */
export function answerMutationsWithPayloads(schema: GraphQLSchema): GraphQLSchema {
  const mutations = schema.getMutationType()?.getFields() ?? {};
  for (const mutation of Object.values(mutations)) {
    const resultField = payloadResultField(mutation.name, mutation.type);
    const resolve = mutation.resolve ?? defaultFieldResolver;
    mutation.resolve = async (source, args, context, info) => {
      try {
        return { [resultField]: await resolve(source, args, context, info), userErrors: [] };
      } catch (error) {
        const appError = findAppError(error);
        if (!appError || !USER_ERROR_CODES.has(appError.code)) throw error;
        return { [resultField]: null, userErrors: [userErrorOf(appError)] };
      }
    };
  }
  return schema;
}

/** The name of a payload's result field; throws when the mutation's type is not its payload. */
function payloadResultField(mutation: string, type: unknown): string {
  const expected = payloadTypeName(mutation);
  if (!isObjectType(type) || type.name !== expected) {
    throw new Error(`Mutation.${mutation} must answer ${expected}, nullable (its result and userErrors: platform/mutation-payloads.ts)`);
  }
  const payload = type;
  const fields = Object.values(payload.getFields());
  const userErrors = fields.find((field) => field.name === 'userErrors');
  const userErrorList = userErrors && isNonNullType(userErrors.type) ? getNullableType(userErrors.type) : undefined;
  const results = fields.filter((field) => field !== userErrors);
  if (!isListType(userErrorList) || getNullableType(userErrorList.ofType).toString() !== 'UserError' || results.length !== 1 || isNonNullType(results[0]!.type)) {
    throw new Error(`${expected} must hold exactly its result (nullable: it is null beside userErrors) and userErrors: [UserError!]!`);
  }
  return results[0]!.name;
}
