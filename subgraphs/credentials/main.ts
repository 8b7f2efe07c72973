// Production entry point of the credentials subgraph (configured by environment; see README).
import { subgraphSdl } from '../../schema/compose.ts';
import { runSubgraph } from '../../platform/subgraph-server.ts';
import { credentialsResolvers } from './resolvers.ts';

await runSubgraph('credentials', { typeDefs: subgraphSdl('credentials'), resolvers: credentialsResolvers });
