// `details.field` as the caller wrote it. An error site names the input at fault by its own name
// (`npi`): it should not have to know the operation around it. The subgraph server completes the
// name to the caller's path (`['input', 'npi']`) from the arguments of the field that failed, so
// one UI can put every message beside its field.
import { defaultFieldResolver, getNamedType, isInputObjectType, isObjectType, type GraphQLArgument, type GraphQLSchema } from 'graphql';
import { findAppError } from './errors.ts';

/**
 * The path from a field's arguments to the input named by `path`: `path` itself when it starts at an
 * argument, else the shortest path through the arguments' input types that ends with its first name.
 * Undefined when no argument leads there.
 */
export function inputPathOf(args: readonly GraphQLArgument[], path: readonly string[]): readonly string[] | undefined {
  const [first] = path;
  if (first === undefined) return undefined;
  if (args.some((arg) => arg.name === first)) return path;
  const seen = new Set<string>();
  let level = args.map((arg) => ({ prefix: [arg.name], type: getNamedType(arg.type) }));
  while (level.length > 0) {
    const next: typeof level = [];
    for (const { prefix, type } of level) {
      if (!isInputObjectType(type) || seen.has(type.name)) continue;
      seen.add(type.name);
      const fields = type.getFields();
      if (Object.hasOwn(fields, first)) return [...prefix, ...path];
      for (const field of Object.values(fields)) next.push({ prefix: [...prefix, field.name], type: getNamedType(field.type) });
    }
    level = next;
  }
  return undefined;
}

/**
 * Wraps, in place, the resolver of every field that takes arguments so that an AppError it throws
 * names the caller's path in `details.field`. In place, not by rebuilding the schema: the federation
 * subgraph keeps its entity resolvers on the types themselves.
 */
export function completeErrorFieldPaths(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const { args } = field;
      const withPath = (error: unknown): never => {
        throw completedError(error, args);
      };
      field.resolve = (source, values, context, info) => {
        let result: unknown;
        try {
          result = resolve(source, values, context, info);
        } catch (error) {
          return withPath(error);
        }
        return isPromise(result) ? result.then(undefined, withPath) : result;
      };
    }
  }
  return schema;
}

function completedError(error: unknown, args: readonly GraphQLArgument[]): unknown {
  const appError = findAppError(error);
  const field = appError?.details?.field;
  if (!appError || !field) return error;
  const path = inputPathOf(args, field);
  return path && path !== field ? appError.atField(path) : error;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
