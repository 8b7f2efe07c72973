// Production entry point of the identity subgraph (configured by environment; see README).
import { runSubgraph } from '../../platform/subgraph-server.ts';
import { createIdentitySubgraph } from './subgraph.ts';

await runSubgraph('identity', createIdentitySubgraph);
