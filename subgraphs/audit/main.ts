// Production entry point of the audit subgraph (configured by environment; see README).
import { subgraphSdl } from '../../schema/compose.ts';
import { runSubgraph } from '../../platform/subgraph-server.ts';
import { auditInternalRoutes } from './gateway-denials.ts';
import { auditResolvers } from './resolvers.ts';

await runSubgraph('audit', { typeDefs: subgraphSdl('audit'), resolvers: auditResolvers, internalRoutes: auditInternalRoutes });
