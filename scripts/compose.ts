// npm run compose: writes schema/supergraph.graphql from the subgraph SDLs, then the resolver
// types generated from them (schema/generated/, as `npm run codegen`).
import { writeFileSync } from 'node:fs';
import { CompositionError, composeSupergraph, SUPERGRAPH_PATH } from '../schema/compose.ts';
import { writeResolverTypes } from '../schema/codegen.ts';

try {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
  console.log(`wrote ${SUPERGRAPH_PATH.pathname}`);
} catch (error) {
  if (!(error instanceof CompositionError)) throw error;
  console.error(error.message);
  process.exit(1);
}
for (const path of await writeResolverTypes()) console.log(`wrote ${path.pathname}`);
