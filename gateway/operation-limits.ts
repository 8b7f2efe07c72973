// Limits on what one GraphQL request may ask: depth, aliases, directives, tokens and cost
// (graphql-armor), and the records it may return, counted through its page sizes; batched
// requests refused. In production the schema stays hidden from callers without a valid token: no
// field suggestions, and validation errors that do not name fields.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, getNullableType, GraphQLError, isListType, Kind, valueFromAST,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValidationRule,
} from 'graphql';
import type { GatewayConfig } from '../platform/config.ts';
import { DEFAULT_PAGE_SIZE } from '../platform/pagination.ts';
import { selectedFields } from '../platform/requested-fields.ts';
import type { GatewayContext } from './context.ts';

export const OPERATION_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 5_000,
  /** Records one operation may return at the most, counted as recordsRequested does. */
  maxRecords: 25_000,
} as const;

/** What a list without a page size (a credential's documents, a user's memberships) is counted as. */
const UNPAGED_LIST_SIZE = 10;

export function operationLimits(config: Readonly<GatewayConfig>) {
  const production = config.env === 'production';
  const armor = new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.maxDepth, ignoreIntrospection: !production },
    // Every alias counts: graphql-armor's default allow list leaves aliases of __typename
    // uncounted, and a hundred of them are a hundred fields to resolve.
    maxAliases: { n: OPERATION_LIMITS.maxAliases, allowList: [] },
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
    plugins: [...armorPlugins, recordLimit, ...(production ? [hideSchemaFromAnonymous] : [])],
    validationRules: [...validationRules, knownOperationTypes],
    parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens },
    allowBatchedHttpRequests: false as const,
  };
}

/**
 * The records an operation may return at the most: every object it selects, each list counted
 * at its page size (`first` or `last`, from the arguments, the variables or the schema's default, else the
 * subgraphs' default page) or, unpaged, at UNPAGED_LIST_SIZE. graphql-armor's cost counts each
 * field once, so it lets a page of credentials, each with its physician's page of credentials,
 * each with theirs, through: a thousand to the power of the nesting.
 */
export function recordsRequested(schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const pageArgument = (field: GraphQLField<unknown, unknown>, node: FieldNode): number | null => {
    if (!field.args.some((argument) => argument.name === 'first')) return null;
    // A page read forward (first) or backward (last): the larger, as the subgraph serves one of them.
    const sizes = ['first', 'last'].map((name) => {
      const definition = field.args.find((argument) => argument.name === name);
      const given = node.arguments?.find((argument) => argument.name.value === name);
      const value = definition && (given ? valueFromAST(given.value, definition.type, variables) : definition.defaultValue);
      return typeof value === 'number' && value > 0 ? value : 0;
    });
    return Math.max(...sizes) || DEFAULT_PAGE_SIZE;
  };
  /** `pageSize`: the page size of the connection whose lists these selections are. */
  const count = (selections: SelectionSetNode, parent: GraphQLNamedType, pageSize: number | null): number => {
    let total = 0;
    for (const { node, definition } of selectedFields(selections, parent, schema, fragments)) {
      if (!node.selectionSet || !definition || node.name.value.startsWith('__')) continue;
      const first = pageArgument(definition, node);
      const list = isListType(getNullableType(definition.type));
      const size = list ? (first ?? pageSize ?? UNPAGED_LIST_SIZE) : 1;
      total += size * (1 + count(node.selectionSet, getNamedType(definition.type), list ? null : first));
    }
    return total;
  };
  const root = schema.getRootType(operation.operation);
  return root ? count(operation.selectionSet, root, null) : 0;
}

/** Refuses, before anything is asked of a subgraph, an operation that could return more than OPERATION_LIMITS.maxRecords records. */
const recordLimit: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, operation, schema }) {
        if (!operation) return; // Apollo Server has refused the request already
        const fragments = Object.fromEntries(
          document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])),
        );
        const records = recordsRequested(schema, fragments, operation, request.variables ?? {});
        if (records <= OPERATION_LIMITS.maxRecords) return;
        const estimate = records >= 1e9 ? 'over a billion' : `up to ${Math.round(records).toLocaleString('en-US')}`;
        throw new GraphQLError(
          `This operation could return ${estimate} records; one request may return at most ${OPERATION_LIMITS.maxRecords.toLocaleString('en-US')}. Ask for smaller pages (first or last) or fewer nested lists.`,
          { extensions: { code: 'BAD_USER_INPUT', details: { maxRecords: OPERATION_LIMITS.maxRecords }, http: { status: 400 } } },
        );
      },
    };
  },
};

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
