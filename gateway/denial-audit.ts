// Every field the gateway's permission rules refuse is recorded as a FAILURE in the audit log:
// after the response is built, the request's denials go to the audit subgraph's internal route,
// signed with the caller's context (the gateway holds no database credentials).
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayConfig } from '../platform/config.ts';
import { CONTEXT_HEADER, signCallerContext } from '../platform/service-signing.ts';
import type { GatewayContext } from './context.ts';

export function denialAudit(config: Readonly<GatewayConfig>): ApolloServerPlugin<GatewayContext> {
  const url = config.subgraphUrls.audit.replace(/\/graphql$/, '/internal/denials');
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          const unique = [...new Map(contextValue.denials.map((denial) => [`${denial.field}:${denial.code}`, denial])).values()].slice(0, 50);
          if (unique.length === 0) return;
          const body = JSON.stringify({ denials: unique });
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                [CONTEXT_HEADER]: signCallerContext(config.contextSigningSecret, contextValue.caller, { audience: 'audit', body }),
              },
              body,
              signal: AbortSignal.timeout(5_000),
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
