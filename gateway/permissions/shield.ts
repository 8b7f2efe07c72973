// The shield over the supergraph, generated from the permission matrix: every field the matrix
// names gets the rule of its operation; every other field falls to deny.
import { isObjectType, type GraphQLSchema } from 'graphql';
import { deny, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { forbidden } from '../../platform/errors.ts';
import { operationForField } from '../../platform/permissions.ts';
import type { GatewayContext } from '../context.ts';
import { deny as recordDenial, ruleFor, type ShieldRule } from './rules.ts';

export function shieldRules(schema: GraphQLSchema): Record<string, Record<string, ShieldRule>> {
  const map: Record<string, Record<string, ShieldRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const fieldName of Object.keys(type.getFields())) {
      const operation = operationForField(type.name, fieldName);
      if (operation) (map[type.name] ??= {})[fieldName] = ruleFor(operation);
    }
  }
  return map;
}

export function createPermissions(schema: GraphQLSchema) {
  return shield(shieldRules(schema) as IRules, {
    fallbackRule: deny,
    fallbackError: (_thrown, _parent, _args, context, info) => recordDenial(context as unknown as GatewayContext, info, forbidden()),
    allowExternalErrors: true, // subgraph errors keep their own codes
    debug: false,
  });
}
