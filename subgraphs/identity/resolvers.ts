import type { SubgraphResolvers } from '../../platform/subgraph-server.ts';
import { PASSWORD_POLICY } from './password-policy.ts';

export const identityResolvers: SubgraphResolvers = {
  Query: {
    passwordPolicy: () => PASSWORD_POLICY,
  },
};
