import type { SubgraphResolvers } from '../../platform/subgraph-server.ts';
import { AUDIT_RETENTION } from './retention.ts';

export const auditResolvers: SubgraphResolvers = {
  Query: {
    auditRetentionPolicy: () => AUDIT_RETENTION,
  },
};
