// The shield over the supergraph, generated from the permission matrix: every field the matrix
// names gets the rule of its operation; every other field falls to deny. A protected field
// (WITHHELD_FIELDS) a role may not read answers null instead of shield's error, its denial
// recorded all the same.
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, getNamedType, isAbstractType, isObjectType, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { chain, deny, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { forbidden } from '../../platform/errors.ts';
import { implies, isPublic, operationForField, refusal, WITHHELD_FIELDS, withheldReason, type Operation } from '../../platform/permissions.ts';
import type { GatewayContext } from '../context.ts';
import { createRules, createWritableOrganizationRule, deny as recordDenial, MUTATIONS_WHILE_TERMINATED, type ShieldRule } from './rules.ts';

export function shieldRules(schema: GraphQLSchema): Record<string, Record<string, ShieldRule>> {
  const map: Record<string, Record<string, ShieldRule>> = {};
  const ruleFor = createRules();
  const writable = createWritableOrganizationRule();
  const mutationType = schema.getMutationType()?.name;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const fieldName of Object.keys(type.getFields())) {
      const operation = operationForField(type.name, fieldName);
      if (!operation) continue;
      // Every write also needs a writable organization: the matrix first, then the organization.
      const guarded = type.name === mutationType && !MUTATIONS_WHILE_TERMINATED.has(fieldName);
      // eslint-disable-next-line security/detect-object-injection -- type and field names of the schema, read at startup
      (map[type.name] ??= {})[fieldName] = guarded ? chain(ruleFor(operation), writable) : ruleFor(operation);
    }
  }
  return map;
}

function createPermissions(schema: GraphQLSchema) {
  return shield(shieldRules(schema) as IRules, {
    fallbackRule: deny,
    fallbackError: (_thrown, _parent, _args, context, info) => recordDenial(context as unknown as GatewayContext, info, forbidden()),
    allowExternalErrors: true, // subgraph errors keep their own codes
    debug: false,
  });
}

/** The executable schema of the gateway: the supergraph with shield on every field whose decision is not already made. */
export function shieldSupergraph(supergraph: GraphQLSchema): GraphQLSchema {
  return withheldWhenRefused(withoutImpliedChecks(applyMiddleware(supergraph, createPermissions(supergraph)), supergraph));
}

/**
 * Around shield's check of each protected field (WITHHELD_FIELDS): a caller whose role the matrix
 * denies it gets null and no error, and the denial is recorded as shield records it; the value
 * the subgraph answered is never read. Every other caller goes through shield's check unchanged
 * (an allowed one reads the value, any other refusal answers its error).
 */
function withheldWhenRefused(shielded: GraphQLSchema): GraphQLSchema {
  return mapSchema(shielded, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const operation = operationForField(typeName, fieldName);
      if (!WITHHELD_FIELDS.has(`${typeName}.${fieldName}`) || !operation) return field;
      const checked: GraphQLFieldResolver<unknown, GatewayContext> = field.resolve ?? defaultFieldResolver;
      const resolve: GraphQLFieldResolver<unknown, GatewayContext> = (parent, args, context, info) => {
        const refused = refusal(context.caller, operation);
        if (refused === null || withheldReason(refused) === null) return checked(parent, args, context, info);
        recordDenial(context, info, refused);
        return null;
      };
      return { ...field, resolve };
    },
  });
}

/**
 * The fields ("Type.field") whose check shield would make in vain, because its outcome is known
 * before the field is reached:
 * - a field whose operation is public: its rule is `allow`;
 * - a field of a type that only fields of operations implying its own can return (see
 *   `implies`): its object exists only if the field that returned it was allowed, and whoever is
 *   allowed that is allowed this. By induction from the root fields, which are always checked,
 *   every field that runs has had its operation allowed for the caller, checked or not.
 * A field no rule names is never among them (deny), nor is any field of a root type.
 */
export function fieldsDecidedBeforeReached(schema: GraphQLSchema): Set<string> {
  // The operations of the fields that can return each object type (directly, or through an
  // interface or union it belongs to); `null` when one of them names no operation.
  const producers = new Map<string, (Operation | null)[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      const returned = getNamedType(field.type);
      const objects = isAbstractType(returned) ? schema.getPossibleTypes(returned) : isObjectType(returned) ? [returned] : [];
      for (const object of objects) {
        const list = producers.get(object.name) ?? [];
        list.push(operationForField(type.name, fieldName) ?? null);
        producers.set(object.name, list);
      }
    }
  }
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((root) => (root ? [root.name] : [])));
  const decided = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const returnedBy = producers.get(type.name) ?? [];
    for (const fieldName of Object.keys(type.getFields())) {
      const operation = operationForField(type.name, fieldName);
      if (!operation) continue;
      const implied = !roots.has(type.name) && returnedBy.length > 0 && returnedBy.every((held) => held !== null && implies(held, operation));
      if (isPublic(operation) || implied) decided.add(`${type.name}.${fieldName}`);
    }
  }
  return decided;
}

/**
 * graphql-shield wraps every field of the schema in an asynchronous check, the most numerous cost
 * of a request. Fields whose decision is made before they are reached
 * (`fieldsDecidedBeforeReached`) get their own resolvers back; every other field keeps the check.
 */
function withoutImpliedChecks(shielded: GraphQLSchema, unshielded: GraphQLSchema): GraphQLSchema {
  const decided = fieldsDecidedBeforeReached(unshielded);
  return mapSchema(shielded, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      if (!decided.has(`${typeName}.${fieldName}`)) return field;
      // eslint-disable-next-line security/detect-object-injection -- a field name of the schema, read at startup
      const original = (unshielded.getType(typeName) as GraphQLObjectType | undefined)?.getFields()[fieldName];
      return original ? { ...field, resolve: original.resolve } : field;
    },
  });
}
