// npm run codegen: writes schema/generated/<subgraph>-resolvers.ts from the subgraph SDLs.
import { writeResolverTypes } from '../schema/codegen.ts';

for (const path of await writeResolverTypes()) console.log(`wrote ${path.pathname}`);
