// Prometheus metrics of the gateway, served on their own port (METRICS_PORT, loopback by default),
// never on the public one: requests and latency by operation, shield denials, rate-limit hits,
// subgraph errors and the revocation list's polls. Labels are bounded: operations are named by
// their type and first root field.
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { Kind } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isRefusalCode } from '../platform/permissions.ts';
import type { GatewayContext } from './context.ts';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({ name: 'credence_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const operations = new Counter({ name: 'credence_graphql_operations_total', help: 'GraphQL operations by operation and outcome', labelNames: ['operation', 'outcome'], registers: [registry] });
  const duration = new Histogram({
    name: 'credence_graphql_duration_seconds', help: 'GraphQL operation latency', labelNames: ['operation'], registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  const denials = new Counter({ name: 'credence_shield_denials_total', help: 'Fields refused by the permission rules', labelNames: ['code'], registers: [registry] });
  const rateLimitHits = new Counter({ name: 'credence_rate_limit_hits_total', help: 'Requests refused by a rate limit', labelNames: ['limit'], registers: [registry] });
  const subgraphErrors = new Counter({ name: 'credence_subgraph_errors_total', help: 'Failed calls to a subgraph', labelNames: ['subgraph'], registers: [registry] });
  const revocationPolls = new Counter({ name: 'credence_revocation_polls_total', help: 'Polls of identity for revoked sessions, by outcome', labelNames: ['outcome'], registers: [registry] });
  const revokedSessions = new Gauge({ name: 'credence_revoked_sessions', help: 'Revoked sessions whose access tokens the gateway refuses', registers: [registry] });

  const KNOWN_ROUTES = ['/graphql', '/healthz', '/readyz', '/.well-known/security.txt'];

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operation = 'unresolved';
      return {
        async didResolveOperation({ operation: definition }) {
          if (!definition) return;
          const first = definition.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
          operation = `${definition.operation}:${first && first.kind === Kind.FIELD ? first.name.value : 'none'}`;
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isRefusalCode(code)) denials.inc({ code });
          }
          operations.inc({ operation, outcome: errors.length ? 'error' : 'success' });
          duration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };

  return {
    registry,
    rateLimitHits,
    subgraphErrors,
    revocationPolls,
    revokedSessions,
    plugin,
    httpMiddleware: (req: Request, res: Response, next: NextFunction) => {
      res.on('finish', () => {
        const path = req.originalUrl.split('?')[0] ?? '';
        const route = KNOWN_ROUTES.includes(path) ? path : path.startsWith('/downloads/') ? '/downloads' : path.startsWith('/webhooks/') ? '/webhooks' : 'other';
        httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;
