// Permission predicates for graphql-shield, one each. Public reference data is `isPublic`;
// everything not named in the shield map is denied (fallbackRule: deny).
import { allow, rule } from 'graphql-shield';
import { unauthenticated } from '../../platform/errors.ts';
import type { GatewayContext } from '../context.ts';

export const isPublic = allow;

export const isAuthenticated = rule({ cache: 'contextual' })(
  (_parent, _args, context: GatewayContext) => context.caller.userId !== null || unauthenticated(),
);
