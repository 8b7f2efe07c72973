// Stands in for gateway/permissions/shield.ts in the gateway without shield
// (gateway-without-shield.ts): the one export the gateway uses, and no permission rules at all.
// Bench only.
import type { GraphQLSchema } from 'graphql';

let used = false;

/** The supergraph as it is, without shield. */
export function shieldSupergraph(supergraph: GraphQLSchema): GraphQLSchema {
  used = true;
  return supergraph;
}

/** Whether the gateway built its schema through this module (the redirect took effect). */
export function replacedShield(): boolean {
  return used;
}
