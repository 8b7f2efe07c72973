// graphql-shield rules, generated from the permission matrix: one rule per operation.
import type { GraphQLResolveInfo } from 'graphql';
import { allow, rule } from 'graphql-shield';

import { forbidden, unauthenticated, type AppError } from '../../platform/errors.ts';
import { isPublic, roleMay, type Operation } from '../../platform/permissions.ts';
import type { GatewayContext } from '../context.ts';

export type ShieldRule = typeof allow | ReturnType<ReturnType<typeof rule>>;

const rules = new Map<Operation, ShieldRule>();

/** Notes a refused field on the request (for the audit log) and returns the error to answer with. */
export function deny(context: GatewayContext, info: GraphQLResolveInfo, error: AppError): AppError {
  context.denials.push({ field: `${info.parentType.name}.${info.fieldName}`, code: error.code as 'FORBIDDEN' | 'UNAUTHENTICATED' });
  return error;
}

/** The rule for an operation: allow for public ones; else authenticated, in an organization, with a role the matrix allows. */
export function ruleFor(operation: Operation): ShieldRule {
  if (isPublic(operation)) return allow;
  let cached = rules.get(operation);
  if (!cached) {
    // Evaluated for every field (no cache), so that every refused field is recorded.
    cached = rule(`may:${operation}`, { cache: 'no_cache' })((_parent, _args, context: GatewayContext, info: GraphQLResolveInfo) => {
      const { caller } = context;
      if (caller.userId === null) return deny(context, info, unauthenticated());
      return (caller.organizationId !== null && roleMay(caller.role, operation)) || deny(context, info, forbidden());
    });
    rules.set(operation, cached);
  }
  return cached;
}
