// Our gateway's supergraph execution with no permission rules, to measure what shield costs.
// Bench only: Credence never serves without its rules.
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { anonymousCaller } from '../../platform/caller.ts';
import { buildSupergraphSchema } from '../../gateway/supergraph.ts';
import { localSupergraph } from './signing-fetch.ts';

const schema = buildSupergraphSchema({
  supergraphSdl: await localSupergraph(),
  subgraphUrls: { identity: process.env.IDENTITY_URL!, credentials: process.env.CREDENTIALS_URL!, audit: process.env.AUDIT_URL! },
  contextSigningSecret: new Uint8Array(Buffer.from(process.env.CONTEXT_SIGNING_SECRET!, 'base64')),
});
const apollo = new ApolloServer({ schema, csrfPrevention: false });
await apollo.start();
const app = express();
app.use('/graphql', express.json(), expressMiddleware(apollo, { context: async () => ({ caller: anonymousCaller(randomUUID(), null) }) }));
createServer(app).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready' }));
