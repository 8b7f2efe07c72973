// Every field the gateway's permission rules refuse is recorded as a FAILURE in the audit log:
// after the response is built, the request's denials go to the audit subgraph's internal route,
// signed with the caller's context (the gateway holds no database credentials).
import type { ApolloServerPlugin } from '@apollo/server';
import { GATEWAY_DENIALS_ROUTE } from '../platform/audit.ts';
import type { GatewayConfig } from '../platform/config.ts';
import { callInternalRoute } from '../platform/service-signing.ts';
import type { GatewayContext } from './context.ts';

export function denialAudit(config: Readonly<GatewayConfig>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          const unique = [...new Map(contextValue.denials.map((denial) => [`${denial.field}:${denial.code}`, denial])).values()].slice(0, 50);
          if (unique.length === 0) return;
          try {
            const response = await callInternalRoute({
              graphqlUrl: config.subgraphUrls.audit, audience: 'audit', route: GATEWAY_DENIALS_ROUTE, signingKey: config.contextSigningKey,
              caller: contextValue.caller, payload: { denials: unique }, signal: AbortSignal.timeout(5_000),
            });
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
          } catch (error) {
            contextValue.logger.error({ err: error, denials: unique.length }, 'could not record denials in the audit log');
          }
        },
      };
    },
  };
}
