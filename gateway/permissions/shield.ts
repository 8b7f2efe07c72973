// The shield over the supergraph, generated from the permission matrix: every field the matrix
// names gets the rule of its operation; every other field falls to deny.
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { getNamedType, isLeafType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { deny, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { forbidden } from '../../platform/errors.ts';
import { isPublic, operationForField } from '../../platform/permissions.ts';
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

/**
 * graphql-shield wraps every field of the schema in an asynchronous check. A leaf field (scalar
 * or enum) whose operation is public needs none: its rule is `allow` and nothing lies below it,
 * while its parent was checked on the way in. Giving such fields back their own resolvers saves
 * the wrapper on the most numerous fields; every other field, unruled ones included (deny), keeps it.
 */
export function withoutChecksOnPublicLeaves(shielded: GraphQLSchema, unshielded: GraphQLSchema): GraphQLSchema {
  return mapSchema(shielded, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const operation = operationForField(typeName, fieldName);
      if (!operation || !isPublic(operation) || !isLeafType(getNamedType(field.type))) return field;
      const original = (unshielded.getType(typeName) as GraphQLObjectType | undefined)?.getFields()[fieldName];
      return original ? { ...field, resolve: original.resolve } : field;
    },
  });
}
