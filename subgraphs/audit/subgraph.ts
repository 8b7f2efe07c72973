// The audit subgraph, assembled: its service, its resolvers, and the internal routes on which the
// gateway reports what it refuses on its own.
import { GATEWAY_DENIALS_ROUTE, GATEWAY_REFUSALS_ROUTE } from '../../platform/audit.ts';
import type { SubgraphDefinition, SubgraphDeps } from '../../platform/subgraph-server.ts';
import { subgraphSdl } from '../../schema/compose.ts';
import { recordGatewayDenials, recordGatewayRefusal } from './gateway-denials.ts';
import { auditResolvers } from './resolvers.ts';
import type { AuditService } from './service.ts';

export async function createAuditSubgraph(deps: SubgraphDeps): Promise<SubgraphDefinition & { service: AuditService }> {
  const service: AuditService = { config: deps.config, orm: deps.orm, logger: deps.logger, storage: deps.storage };
  return {
    service,
    typeDefs: subgraphSdl('audit'),
    resolvers: auditResolvers(service),
    internalRoutes: {
      [GATEWAY_DENIALS_ROUTE]: (body, { caller }) => recordGatewayDenials(service, caller, body),
      [GATEWAY_REFUSALS_ROUTE]: (body, { caller }) => recordGatewayRefusal(service, caller, body),
    },
  };
}
