// npm run compose: writes schema/supergraph.graphql from the subgraph SDLs.
import { writeFileSync } from 'node:fs';
import { CompositionError, composeSupergraph, SUPERGRAPH_PATH } from '../schema/compose.ts';

try {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
  console.log(`wrote ${SUPERGRAPH_PATH.pathname}`);
} catch (error) {
  if (!(error instanceof CompositionError)) throw error;
  console.error(error.message);
  process.exit(1);
}
