// npm run compose: writes schema/supergraph.graphql from the subgraph SDLs, the client schema
// (schema/client.graphql) from it, then the resolver types generated from the subgraph SDLs
// (schema/generated/, as `npm run codegen`).
import { writeFileSync } from 'node:fs';
import { CLIENT_SCHEMA_PATH, CompositionError, clientSchema, composeSupergraph, SUPERGRAPH_PATH } from '../schema/compose.ts';
import { writeResolverTypes } from '../schema/codegen.ts';

try {
  const supergraph = composeSupergraph();
  writeFileSync(SUPERGRAPH_PATH, supergraph);
  console.log(`wrote ${SUPERGRAPH_PATH.pathname}`);
  writeFileSync(CLIENT_SCHEMA_PATH, clientSchema(supergraph));
  console.log(`wrote ${CLIENT_SCHEMA_PATH.pathname}`);
} catch (error) {
  if (!(error instanceof CompositionError)) throw error;
  console.error(error.message);
  process.exit(1);
}
for (const path of await writeResolverTypes()) console.log(`wrote ${path.pathname}`);
