// What the gateway refuses on its own is recorded in the audit log, through the audit subgraph's
// internal routes, signed with the caller's context (the gateway holds no database credentials):
// - the fields its permission rules refused in a request, once the response is built: one event
//   per request naming them (aggregated per address and minute for an anonymous caller);
// - a bearer token it refused (invalid, expired, revoked), aggregated per address and minute.
// - what a support session is about to read (every field its operation selects), before it runs:
//   one event per request under its grant.
// Fail closed: when a refusal cannot be recorded, the request answers SERVICE_UNAVAILABLE instead;
// when a support session's read cannot, it is not run.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { GATEWAY_DENIALS_ROUTE, GATEWAY_REFUSALS_ROUTE, GATEWAY_SUPPORT_READS_ROUTE, type TokenRefusalReason } from '../platform/audit.ts';
import type { Caller } from '../platform/caller.ts';
import type { GatewayConfig } from '../platform/config.ts';
import { serviceUnavailable } from '../platform/errors.ts';
import { callInternalRoute } from '../platform/service-signing.ts';
import type { GatewayContext } from './context.ts';

const NOT_RECORDED = 'The request was refused and the refusal could not be recorded; try again shortly';

async function report(config: Readonly<GatewayConfig>, route: string, caller: Caller, payload: unknown): Promise<void> {
  const response = await callInternalRoute({
    graphqlUrl: config.subgraphUrls.audit, audience: 'audit', route, signingKey: config.contextSigningKey,
    caller, payload, signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

export function denialAudit(config: Readonly<GatewayConfig>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const unique = [...new Map(contextValue.denials.map((denial) => [`${denial.field}:${denial.code}`, denial])).values()].slice(0, 50);
          if (unique.length === 0) return;
          try {
            await report(config, GATEWAY_DENIALS_ROUTE, contextValue.caller, { denials: unique });
          } catch (error) {
            contextValue.logger.error({ err: error, denials: unique.length }, 'could not record denials in the audit log');
            const refused = serviceUnavailable(NOT_RECORDED);
            response.body = { kind: 'single', singleResult: refused.toResponseBody() };
            response.http.status = refused.httpStatus;
          }
        },
      };
    },
  };
}

/** Records a bearer token the gateway refused; throws SERVICE_UNAVAILABLE when it cannot. */
export function tokenRefusalAudit(config: Readonly<GatewayConfig>) {
  return async (refusal: { reason: TokenRefusalReason; caller: Caller }): Promise<void> => {
    try {
      await report(config, GATEWAY_REFUSALS_ROUTE, refusal.caller, { reason: refusal.reason });
    } catch (error) {
      throw Object.assign(serviceUnavailable(NOT_RECORDED), { cause: error });
    }
  };
}

/** Every field ("Type.field") the operation selects, its fragments included, introspection left out. */
export function selectedFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const fields = new Set<string>();
  const used = new Set<string>();
  visit(operation, { FragmentSpread: (node) => void used.add(node.name.value) });
  const parts = [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION && used.has(definition.name.value))];
  for (const part of parts) {
    visit(part, visitWithTypeInfo(typeInfo, {
      Field: (node) => {
        const parent = typeInfo.getParentType();
        if (parent && !node.name.value.startsWith('__')) fields.add(`${parent.name}.${node.name.value}`);
      },
    }));
  }
  return [...fields].sort();
}

/** Records what a support session's request is about to read, under its grant, before it runs. */
export function supportReadAudit(config: Readonly<GatewayConfig>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, schema, document, operation }) {
          if (!contextValue.caller.supportGrant || !operation) return;
          const fields = selectedFields(schema, document, operation).slice(0, 1_000);
          if (fields.length === 0) return;
          try {
            await report(config, GATEWAY_SUPPORT_READS_ROUTE, contextValue.caller, { fields });
          } catch (error) {
            contextValue.logger.error({ err: error, fields: fields.length }, 'could not record a support session\'s read in the audit log');
            throw serviceUnavailable('The read could not be recorded in the audit log, so it was not made; try again shortly');
          }
        },
      };
    },
  };
}
