// Limits on what one GraphQL request may ask (graphql-armor): depth, aliases, directives,
// tokens and cost; batched requests refused. In production the schema stays hidden from callers
// without a valid token: no field suggestions, and validation errors that do not name fields.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';
import type { GatewayConfig } from '../platform/config.ts';
import type { GatewayContext } from './context.ts';

export const OPERATION_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 5_000,
} as const;

export function operationLimits(config: Readonly<GatewayConfig>) {
  const production = config.env === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.maxDepth, ignoreIntrospection: !production },
    maxAliases: { n: OPERATION_LIMITS.maxAliases },
    maxDirectives: { n: OPERATION_LIMITS.maxDirectives },
    // Tokens are limited by the parser itself (parseOptions below): graphql-armor's token check
    // turns a syntax error into a 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: OPERATION_LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: !production },
    blockFieldSuggestion: { enabled: production },
  });
  const { plugins, validationRules } = armor.protect();
  // graphql-armor is typed against Apollo's CommonJS build; the plugins are the same objects.
  const armorPlugins = plugins as unknown as ApolloServerPlugin<GatewayContext>[];
  return {
    plugins: [...armorPlugins, ...(production ? [hideSchemaFromAnonymous] : [])],
    validationRules: [...validationRules, knownOperationTypes],
    parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens },
    allowBatchedHttpRequests: false as const,
  };
}

/**
 * An operation of a type the schema does not serve (Credence has no subscriptions) is invalid.
 * graphql-js's validation (before v17) lets it through and execution then throws, which Apollo
 * Server answers as an internal error.
 */
const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This graph has no ${node.operation} operations`, { nodes: node }));
  },
});

/**
 * Validation errors tell outside tools which fields exist ("Cannot query field …" against "must
 * have a selection of subfields"). In production an anonymous caller gets one message for all.
 */
const hideSchemaFromAnonymous: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || contextValue.caller.userId !== null) return;
        const errors = response.body.singleResult.errors;
        if (!errors?.some((error) => error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) return;
        response.body.singleResult.errors = [{ message: 'The operation is not valid', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }];
      },
    };
  },
};
