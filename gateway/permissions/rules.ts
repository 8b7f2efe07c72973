// graphql-shield rules, generated from the permission matrix: one rule per operation.
import { allow, rule } from 'graphql-shield';

import { forbidden, unauthenticated } from '../../platform/errors.ts';
import { isPublic, roleMay, type Operation } from '../../platform/permissions.ts';
import type { GatewayContext } from '../context.ts';

export type ShieldRule = typeof allow | ReturnType<ReturnType<typeof rule>>;

const rules = new Map<Operation, ShieldRule>();

/** The rule for an operation: allow for public ones; else authenticated, in an organization, with a role the matrix allows. */
export function ruleFor(operation: Operation): ShieldRule {
  if (isPublic(operation)) return allow;
  let cached = rules.get(operation);
  if (!cached) {
    cached = rule(`may:${operation}`, { cache: 'contextual' })((_parent, _args, context: GatewayContext) => {
      const { caller } = context;
      if (caller.userId === null) return unauthenticated();
      return (caller.organizationId !== null && roleMay(caller.role, operation)) || forbidden();
    });
    rules.set(operation, cached);
  }
  return cached;
}
