// Hive Gateway (@graphql-hive/gateway-runtime) over the Credence subgraphs, for the comparison.
//
// Its HTTP transport, @graphql-mesh/transport-http, is not installed here (the runtime loads it by
// name, on the first subgraph call, and only the Hive Gateway CLI depends on it). Without it every
// subgraph call fails and the runtime answers 200 with an error. So the transport is given here,
// what @graphql-mesh/transport-http does for an entry with a plain location and no headers or
// subscriptions: the runtime's fetch (with the plugins' onFetch hooks, the signing below) under
// @graphql-tools/executor-http's buildHTTPExecutor, the executor the runtime itself is built with.
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { localSupergraph, signedHeaderFor } from './signing-fetch.ts';

const supergraph = await localSupergraph();
const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  transports: {
    http: {
      getSubgraphExecutor: ({ transportEntry, fetch, getDisposeReason }) =>
        buildHTTPExecutor({
          endpoint: transportEntry.location, ...transportEntry.options, getDisposeReason, fetch: fetch as never,
          // By default identical queries in flight are merged by their text (see gateways.bench.ts).
          ...(process.env.BENCH_HIVE_MERGE_IN_FLIGHT === 'off' ? { deduplicateInflightRequests: false } : {}),
        }),
    },
  },
  plugins: () => [
    {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- setOptions is a closure over this fetch, made to be destructured
      async onFetch({ url, options, setOptions }) {
        const [name, value] = await signedHeaderFor(url, typeof options.body === 'string' ? options.body : '', options.method ?? 'POST');
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [name]: value } });
      },
    },
  ],
});
// eslint-disable-next-line @typescript-eslint/no-misused-promises -- the gateway answers its own failures; node:http ignores the promise
createServer(gateway).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready' }));
process.once('SIGTERM', () => process.exit(0));
