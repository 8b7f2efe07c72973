// Stays in subgraphs/audit/: database reads that only the audit subgraph (and its benchmark) use.
// Verifies an organization's stored audit chain, or a range of it, against its hashes and its
// signed checkpoints.
import type { EntityManager } from '../../platform/database/orm.ts';
import { createChainVerifier, type ChainReport } from '../../domain/audit-chain.ts';
import { readCheckpoints, readEventWindows, readKnownEnd, readLinkBefore, readPublicKeys } from '../../platform/audit-event-store.ts';

export async function verifyStoredChain(
  em: EntityManager,
  organizationId: string,
  range: { fromSequence?: number | null; toSequence?: number | null } = {},
): Promise<ChainReport> {
  const start = await readLinkBefore(em, organizationId, range.fromSequence ?? 1);
  const from = start.seq + 1;
  const to = range.toSequence ?? null;
  const verifier = createChainVerifier(start, await readCheckpoints(em, organizationId, from, to), await readPublicKeys(em));
  for await (const events of readEventWindows(em, organizationId, from, to)) if (!verifier.pushAll(events)) break;
  const knownEnd = await readKnownEnd(em, organizationId);
  return verifier.report({ seq: to === null ? knownEnd : Math.min(to, knownEnd) });
}
