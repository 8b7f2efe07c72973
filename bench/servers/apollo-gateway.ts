// @apollo/gateway over the Credence subgraphs, for the gateway comparison.
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { localSupergraph, signingFetch } from './signing-fetch.ts';

const gateway = new ApolloGateway({
  supergraphSdl: await localSupergraph(),
  buildService: ({ url }) => new RemoteGraphQLDataSource({ url, fetcher: signingFetch as never }),
});
const server = new ApolloServer({ gateway, csrfPrevention: false });
await startStandaloneServer(server, { listen: { port: Number(process.env.PORT), host: '127.0.0.1' } });
process.send?.({ type: 'ready' });
