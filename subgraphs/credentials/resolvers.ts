import type { SubgraphResolvers } from '../../platform/subgraph-server.ts';
import { CREDENTIAL_TYPES } from './credential-types.ts';

export const credentialsResolvers: SubgraphResolvers = {
  Query: {
    credentialTypes: () => CREDENTIAL_TYPES,
  },
};
