// Production entry point of the credentials subgraph (configured by environment; see README).
import { runSubgraph } from '../../platform/subgraph-server.ts';
import { createCredentialsSubgraph } from './subgraph.ts';

await runSubgraph('credentials', createCredentialsSubgraph);
