// Verifies an organization's stored audit chain, or a range of it, against its hashes and its
// signed checkpoints.
import type { EntityManager } from '../../platform/database/orm.ts';
import { createChainVerifier, type ChainReport } from './chain.ts';
import { EVENT_COLUMNS, readChainStart, readCheckpoints, readEvents, readKnownEnd, readPublicKeys } from './event-store.ts';

export async function verifyStoredChain(
  em: EntityManager,
  organizationId: string,
  range: { fromSequence?: number | null; toSequence?: number | null } = {},
): Promise<ChainReport> {
  const chainStart = await readChainStart(em, organizationId);
  const from = Math.max(range.fromSequence ?? chainStart.seq + 1, chainStart.seq + 1);
  let start = chainStart;
  if (from > chainStart.seq + 1) {
    // A range: link from the event just before it (its own integrity is outside the range).
    const [before] = await em.execute<{ hash: string }[]>(
      `select ${EVENT_COLUMNS} from audit.events where organization_id = ? and seq = ?`,
      [organizationId, from - 1],
    );
    start = { seq: from - 1, hash: before?.hash ?? '' };
  }
  const to = range.toSequence ?? null;
  const verifier = createChainVerifier(start, await readCheckpoints(em, organizationId, from, to), await readPublicKeys(em));
  for await (const event of readEvents(em, organizationId, from, to)) {
    if (!verifier.push(event)) break;
  }
  const knownEnd = await readKnownEnd(em, organizationId);
  return verifier.report({ seq: to === null ? knownEnd : Math.min(to, knownEnd) });
}
