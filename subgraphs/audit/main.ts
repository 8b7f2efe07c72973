// Production entry point of the audit subgraph (configured by environment; see README).
import { GATEWAY_DENIALS_ROUTE } from '../../platform/audit.ts';
import { subgraphSdl } from '../../schema/compose.ts';
import { runSubgraph } from '../../platform/subgraph-server.ts';
import { recordGatewayDenials } from './gateway-denials.ts';
import { auditResolvers } from './resolvers.ts';

await runSubgraph('audit', { typeDefs: subgraphSdl('audit'), resolvers: auditResolvers, internalRoutes: { [GATEWAY_DENIALS_ROUTE]: recordGatewayDenials } });
