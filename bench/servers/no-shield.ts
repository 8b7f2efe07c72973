// Stands in for gateway/permissions/shield.ts in the gateway without shield
// (gateway-without-shield.ts): the same exports, and no permission rules at all. Bench only.
import type { GraphQLSchema } from 'graphql';
import type { IMiddleware } from 'graphql-middleware';

let used = false;

/** No rules: applyMiddleware gets an empty middleware (and its result is dropped below). */
export function createPermissions(_schema: GraphQLSchema): IMiddleware {
  used = true;
  return {};
}

/** The supergraph as it is, without the shield's wrappers. */
export function withoutChecksOnPublicLeaves(_shielded: GraphQLSchema, unshielded: GraphQLSchema): GraphQLSchema {
  return unshielded;
}

/** Whether the gateway built its schema through this module (the redirect took effect). */
export function replacedShield(): boolean {
  return used;
}
