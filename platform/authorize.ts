// The subgraphs' own check of the permission matrix (security model, layer 2). The gateway's
// shield runs after a root field has delegated its whole selection, so each subgraph must refuse
// what the caller's role may not have, and record the denial (not a view).
import type { GraphQLResolveInfo } from 'graphql';
import { recordDenial } from './audit.ts';
import type { Caller } from './caller.ts';
import { runAsCaller, type EntityManager, type MikroORM } from './database/orm.ts';
import { assertMay, type Operation } from './permissions.ts';

export async function authorize(
  deps: { orm: MikroORM; caller: Caller },
  operation: Operation,
  resource: { type: string; id?: string | null },
): Promise<void> {
  try {
    assertMay(deps.caller, operation);
  } catch (error) {
    await recordDenial(deps.orm, deps.caller, { resourceType: resource.type, resourceId: resource.id ?? null, reason: `missing_permission:${operation}` });
    throw error;
  }
}

/**
 * Checks the matrix for `resource`, then runs `work` as the caller. Only for operations that are
 * not public, which the matrix grants only to callers in an organization: `organizationId` is set.
 */
export async function asAuthorized<T>(
  deps: { orm: MikroORM; caller: Caller },
  operation: Operation,
  resource: { type: string; id?: string | null },
  work: (em: EntityManager, organizationId: string) => Promise<T>,
): Promise<T> {
  await authorize(deps, operation, resource);
  return runAsCaller(deps.orm, deps.caller, (em) => work(em, deps.caller.organizationId!));
}

/** A resolver that first checks `operation` for the caller (recording a refusal), then resolves. */
export function guarded<A = Record<string, unknown>>(
  operation: Operation,
  resourceType: string,
  resolve: (args: A, context: { orm: MikroORM; caller: Caller }, info: GraphQLResolveInfo) => Promise<unknown>,
) {
  return async (_parent: unknown, args: A, context: { orm: MikroORM; caller: Caller }, info: GraphQLResolveInfo) => {
    await authorize(context, operation, { type: resourceType });
    return resolve(args, context, info);
  };
}
