// Production entry point of the identity subgraph (configured by environment; see README).
import { subgraphSdl } from '../../schema/compose.ts';
import { runSubgraph } from '../../platform/subgraph-server.ts';
import { identityResolvers } from './resolvers.ts';

await runSubgraph('identity', { typeDefs: subgraphSdl('identity'), resolvers: identityResolvers });
