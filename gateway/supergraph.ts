// The gateway executes the composed supergraph as a schema (@graphql-tools/federation), so that
// graphql-shield can wrap its resolvers. Every subgraph call carries the caller's context,
// signed with the gateway's own key for that subgraph, that method and path, and that request body.
// Its custom scalars are the subgraphs' own (platform/scalars.ts), so a bad date is refused at the
// gateway, naming the caller's variable.
import type { GraphQLSchema } from 'graphql';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { addResolversToSchema } from '@graphql-tools/schema';
// The executor's own fetch: over node:http with keep-alive, at a fraction of the CPU of Node's
// built-in fetch (undici's WHATWG streams) on the gateway's most frequent call.
import { fetch as subgraphFetch } from '@whatwg-node/fetch';
import type { Caller } from '../platform/caller.ts';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config.ts';
import type { KeyObject } from 'node:crypto';
import { DateScalar, DateTimeScalar, JSONObjectScalar } from '../platform/scalars.ts';
import { CONTEXT_HEADER, requestPath, signCallerContext } from '../platform/service-signing.ts';

/**
 * The supergraph's custom scalars, with the parsers the subgraphs use. Left as the supergraph
 * declares them they pass any value through, and the subgraph refused it in the request the
 * gateway wrote: its message named the subgraph's variables (`$input`, `$_updateCredential_input`)
 * instead of the caller's.
 */
const SCALARS = { Date: DateScalar, DateTime: DateTimeScalar, JSONObject: JSONObjectScalar };

export interface SubgraphCallContext {
  caller: Caller;
}

export function buildSupergraphSchema(options: {
  supergraphSdl: string;
  subgraphUrls: Record<SubgraphName, string>;
  contextSigningKey: KeyObject;
  timeoutMs: number;
  /** Told of every failed subgraph call (unreachable, or not 2xx). */
  onSubgraphError?: (subgraph: SubgraphName) => void;
}): GraphQLSchema {
  return getStitchedSchemaFromSupergraphSdl({
    supergraphSdl: options.supergraphSdl,
    // In place: the stitched schema's merging information refers to its own types.
    onStitchedSchema: (schema) => addResolversToSchema({ schema, resolvers: SCALARS, updateResolversInPlace: true }),
    // The calls a request makes to one subgraph at the same moment (entities of several types)
    // go as one. Batches are kept per request context, so they never mix callers.
    batch: true,
    httpExecutorOpts: ({ name }) => {
      const subgraph = name.toLowerCase() as SubgraphName;
      if (!SUBGRAPH_NAMES.includes(subgraph)) throw new Error(`The supergraph names an unknown subgraph "${name}"`);
      // eslint-disable-next-line security/detect-object-injection -- a SubgraphName, from the constant list of subgraphs
      const endpoint = options.subgraphUrls[subgraph];
      const endpointPath = requestPath(endpoint);
      return {
        endpoint,
        // The executor would otherwise merge identical queries in flight by their text alone, and
        // answer one caller with a result fetched under another caller's signed context (another
        // organization's rows): every call is the caller's own.
        deduplicateInflightRequests: false,
        fetch: async (url: string, init?: RequestInit, context?: SubgraphCallContext) => {
          if (!context?.caller) throw new Error('A subgraph call without a caller context');
          const body = typeof init?.body === 'string' ? init.body : '';
          const target = { audience: subgraph, method: init?.method ?? 'GET', path: url === endpoint ? endpointPath : requestPath(url), body };
          const headers = { ...(init?.headers as Record<string, string> | undefined), [CONTEXT_HEADER]: signCallerContext(options.contextSigningKey, context.caller, target) };
          try {
            // The time limit is set here rather than through the executor's `timeout`, which joins
            // it to the executor's own long-lived signal with a listener per call. That signal
            // aborts only when the executor is disposed, after the gateway has stopped serving.
            const response = await subgraphFetch(url, { ...init, headers, signal: AbortSignal.timeout(options.timeoutMs) });
            if (!response.ok) options.onSubgraphError?.(subgraph);
            return response;
          } catch (error) {
            options.onSubgraphError?.(subgraph);
            throw error;
          }
        },
      };
    },
  });
}
