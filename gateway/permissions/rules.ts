// graphql-shield rules, generated from the permission matrix: one rule per operation.
import type { GraphQLResolveInfo } from 'graphql';
import { allow, chain, rule } from 'graphql-shield';

import type { AppError } from '../../platform/errors.ts';
import { isPublic, MUTATIONS_WHILE_TERMINATED, refusal, terminatedRefusal, type Operation, type RefusalCode } from '../../platform/permissions.ts';
import type { GatewayContext } from '../context.ts';

export type ShieldRule = typeof allow | ReturnType<ReturnType<typeof rule>> | ReturnType<typeof chain>;

export { MUTATIONS_WHILE_TERMINATED };

/** Notes a refused field on the request (for the audit log) and returns the error to answer with. */
export function deny(context: GatewayContext, info: GraphQLResolveInfo, error: AppError): AppError {
  context.denials.push({ field: `${info.parentType.name}.${info.fieldName}`, code: error.code as RefusalCode });
  return error;
}

/**
 * The rule every Mutation field a terminated organization may not make carries besides its
 * operation's (platform/permissions.ts `terminatedRefusal`): one place refuses every write.
 */
export function createWritableOrganizationRule(): ShieldRule {
  return rule('organization:writable', { cache: 'no_cache' })((_parent, _args, context: GatewayContext, info: GraphQLResolveInfo) => {
    const error = terminatedRefusal(context.caller, info.fieldName);
    return error === null || deny(context, info, error);
  });
}

/**
 * The rules of one shield, made as its fields ask for them: for an operation, allow for public
 * ones; else the matrix's decision for the caller (platform/permissions.ts). One rule object per
 * operation within a shield, since graphql-shield refuses two different rules of one name.
 */
export function createRules(): (operation: Operation) => ShieldRule {
  const rules = new Map<Operation, ShieldRule>();
  return function ruleFor(operation) {
    if (isPublic(operation)) return allow;
    let made = rules.get(operation);
    if (!made) {
      // Evaluated for every field (no cache), so that every refused field is recorded.
      made = rule(`may:${operation}`, { cache: 'no_cache' })((_parent, _args, context: GatewayContext, info: GraphQLResolveInfo) => {
        const error = refusal(context.caller, operation);
        return error === null || deny(context, info, error);
      });
      rules.set(operation, made);
    }
    return made;
  };
}
