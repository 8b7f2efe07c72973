// Hive Gateway (@graphql-hive/gateway-runtime) over the Credence subgraphs, for the comparison.
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { localSupergraph, signedHeaderFor } from './signing-fetch.ts';

const supergraph = await localSupergraph();
const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  plugins: () => [
    {
      async onFetch({ url, options, setOptions }) {
        const [name, value] = await signedHeaderFor(url, typeof options.body === 'string' ? options.body : '');
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [name]: value } });
      },
    },
  ],
});
createServer(gateway).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready' }));
