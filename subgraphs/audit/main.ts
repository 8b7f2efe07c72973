// Production entry point of the audit subgraph (configured by environment; see README).
import { runSubgraph } from '../../platform/subgraph-server.ts';
import { createAuditSubgraph } from './subgraph.ts';

await runSubgraph('audit', createAuditSubgraph);
