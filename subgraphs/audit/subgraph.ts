// The audit subgraph, assembled: its service, its resolvers, the internal routes on which the
// gateway reports what it refuses on its own, and the sweep that deletes audit exports whose link
// has expired (every minute, so an export is not kept on disk after its link stops working, even
// when nobody exports again), and the Temporal client of incidents' workflows.
import { GATEWAY_DENIALS_ROUTE, GATEWAY_REFUSALS_ROUTE, GATEWAY_SUPPORT_READS_ROUTE } from '../../platform/audit.ts';
import { Client, Connection } from '@temporalio/client';
import type { AuditConfig } from '../../platform/config.ts';
import type { SubgraphDefinition, SubgraphDeps } from '../../platform/subgraph-server.ts';
import { subgraphSdl } from '../../schema/compose.ts';
import { randomUUID } from 'node:crypto';
import { systemCaller } from '../../domain/system-caller.ts';
import { sweepExpiredExports } from './exports.ts';
import { recordGatewayDenials, recordGatewayRefusal, recordSupportRead } from './gateway-denials.ts';
import { auditResolvers } from './resolvers.ts';
import type { AuditService } from './service.ts';

/** How often expired audit exports are deleted from storage. */
export const EXPORT_SWEEP_MS = 60_000;

export async function createAuditSubgraph(deps: SubgraphDeps, options: { exportSweepMs?: number } = {}): Promise<SubgraphDefinition & { service: AuditService }> {
  const temporal = (deps.config as AuditConfig).temporal;
  const service: AuditService = {
    config: deps.config, orm: deps.orm, logger: deps.logger, storage: deps.storage,
    // Connected on the first incident, so the subgraph starts (and serves reads) while Temporal is down.
    incidentWorkflows: temporal ? { client: new Client({ connection: Connection.lazy({ address: temporal.address }), namespace: temporal.namespace }), taskQueue: temporal.taskQueue } : null,
  };
  const sweep = () =>
    void sweepExpiredExports(service, systemCaller(`export-sweep-${randomUUID()}`)).catch((error: unknown) =>
      service.logger.error({ err: error }, 'could not delete expired audit exports; the next sweep tries again'));
  const sweeper = setInterval(sweep, options.exportSweepMs ?? EXPORT_SWEEP_MS);
  sweeper.unref();
  return {
    service,
    typeDefs: subgraphSdl('audit'),
    resolvers: auditResolvers(service),
    internalRoutes: {
      [GATEWAY_DENIALS_ROUTE]: (body, { caller }) => recordGatewayDenials(service, caller, body),
      [GATEWAY_REFUSALS_ROUTE]: (body, { caller }) => recordGatewayRefusal(service, caller, body),
      [GATEWAY_SUPPORT_READS_ROUTE]: (body, { caller }) => recordSupportRead(service, caller, body),
    },
    close: async () => {
      clearInterval(sweeper);
      await service.incidentWorkflows?.client.connection.close();
    },
  };
}
