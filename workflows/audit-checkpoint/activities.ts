// Signs each organization's audit chain head that has moved since its last checkpoint, after
// verifying every event since that checkpoint: a signature vouches for what it covers, so a chain
// that does not hold is never signed over. A break is refused and raised: an INTEGRITY_ALERT event
// in that organization's chain (once per break), an error log with the reason code
// `audit_chain_broken`, and a non-retryable failure of the activity, which the workflow shows.
// Before signing, the refusal counts of closed minutes are written into their chains.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { recordAudit } from '../../platform/audit.ts';
import { isUuid } from '../../platform/ids.ts';
import type { EntityManager, MikroORM } from '../../platform/database/orm.ts';
import type { Logger } from '../../platform/logger.ts';
import { systemCaller } from '../../domain/system-caller.ts';
import { checkpointSignatureValid, createChainVerifier, signCheckpoint, type Checkpoint, type PublicKeys, type SigningKey } from '../../domain/audit-chain.ts';
import { readChainStart, readEventWindows, readPublicKeys } from '../../platform/audit-event-store.ts';
import { Checkpoint as CheckpointRow, SigningKey as SigningKeyRow } from '../../subgraphs/audit/entities/index.ts';

/** The reason code of a chain that does not verify (log, alert event, failure type). */
export const CHAIN_BROKEN = 'audit_chain_broken';
export const CHAIN_BROKEN_FAILURE = 'AUDIT_CHAIN_BROKEN';

export interface ChainBreak {
  organizationId: string;
  firstBadSequence: number | null;
  problem: string;
}

interface Head {
  organizationId: string;
  seq: number;
  hash: string;
}

/** The newest checkpoint of an organization, where verification of what follows starts. */
async function lastCheckpoint(em: EntityManager, organizationId: string): Promise<Checkpoint | undefined> {
  const row = await em.findOne(CheckpointRow, { organizationId }, { orderBy: { seq: 'desc' } });
  if (!row) return undefined;
  return {
    organizationId: row.organizationId, seq: row.seq, hash: row.hash.toString('hex'), signedAt: row.signedAt.toISOString(),
    keyId: row.signingKey.keyId, signature: row.signature.toString('base64'),
  };
}

/** Verifies the events after the last checkpoint (or the chain's start) up to the head. */
async function verifySinceCheckpoint(em: EntityManager, head: Head, keys: PublicKeys): Promise<ChainBreak | null> {
  const checkpoint = await lastCheckpoint(em, head.organizationId);
  if (checkpoint && !checkpointSignatureValid(checkpoint, keys)) {
    return { organizationId: head.organizationId, firstBadSequence: checkpoint.seq, problem: `checkpoint at sequence ${checkpoint.seq} has an invalid signature` };
  }
  const chainStart = await readChainStart(em, head.organizationId);
  let start = chainStart;
  const covered: Checkpoint[] = [];
  if (checkpoint && checkpoint.seq > chainStart.seq) {
    // From the checkpointed event itself, which must still be the one signed.
    // Raw SQL: the audit chain's events are read as its store (platform/audit-event-store.ts) reads them.
    const [signed] = await em.execute<{ prevHash: string }[]>(
      `select encode(prev_hash, 'hex') as "prevHash" from audit.events where organization_id = ? and seq = ?`,
      [head.organizationId, checkpoint.seq],
    );
    start = { seq: checkpoint.seq - 1, hash: signed?.prevHash ?? '' };
    covered.push(checkpoint);
  }
  const verifier = createChainVerifier(start, covered, keys);
  for await (const events of readEventWindows(em, head.organizationId, start.seq + 1, head.seq)) if (!verifier.pushAll(events)) break;
  const last = verifier.lastVerified();
  const report = verifier.report({ seq: head.seq });
  if (!report.valid) return { organizationId: head.organizationId, firstBadSequence: report.firstBadSequence, problem: report.problem! };
  if (last.seq !== head.seq || last.hash !== head.hash) {
    return { organizationId: head.organizationId, firstBadSequence: head.seq, problem: `the chain head does not match the event at sequence ${head.seq}` };
  }
  return null;
}

export function createAuditCheckpointActivities(deps: { orm: MikroORM; auditSigningKey: SigningKey; logger?: Logger }) {
  /** The alert in the broken chain itself, unless this break was already raised since the last checkpoint. */
  async function raise(em: EntityManager, found: ChainBreak): Promise<void> {
    const resourceId = `seq:${found.firstBadSequence ?? 0}`;
    // Raw SQL: the audit chain's events, after its last checkpoint (a correlated subquery).
    const [already] = await em.execute(
      `select 1 from audit.events where organization_id = ? and action = 'INTEGRITY_ALERT' and reason = ? and resource_id = ?
         and seq > coalesce((select max(seq) from audit.checkpoints where organization_id = ?), 0) limit 1`,
      [found.organizationId, CHAIN_BROKEN, resourceId, found.organizationId],
    );
    if (!already) {
      await recordAudit(em, systemCaller(`checkpoint-${randomUUID()}`), { organizationId: found.organizationId, action: 'INTEGRITY_ALERT', resourceType: 'AuditLog', resourceId, outcome: 'FAILURE', reason: CHAIN_BROKEN });
    }
  }

  return {
    /** `scope.organizationIds`: only these chains (an operator's rerun); all by default. */
    async signAuditCheckpoints(scope: { organizationIds?: string[] } = {}): Promise<{ signed: number }> {
      const key = deps.auditSigningKey;
      const only = scope.organizationIds ? scope.organizationIds.filter(isUuid).join(',') : null;
      // Raw SQL: audit.flush_refusal_tallies is a SECURITY DEFINER function of the audit chain.
      await deps.orm.em.fork().transactional((em) => em.execute('select audit.flush_refusal_tallies()'));
      const heads = await deps.orm.em.fork().transactional(async (em) => {
        await em.createQueryBuilder(SigningKeyRow).insert({ keyId: key.keyId, publicKey: Buffer.from(key.publicKey, 'base64') }).onConflict('keyId').ignore().execute();
        // Raw SQL: the audit chain's heads past their last checkpoint (a correlated subquery).
        return em.execute<Head[]>(
          `select h.organization_id::text as "organizationId", h.seq::int as seq, encode(h.hash, 'hex') as hash
           from audit.chain_heads h
           where h.seq > coalesce((select max(c.seq) from audit.checkpoints c where c.organization_id = h.organization_id), 0)
             and (?::text is null or h.organization_id::text = any(string_to_array(?::text, ',')))`,
          [only, only],
        );
      });
      const breaks: ChainBreak[] = [];
      let signed = 0;
      for (const head of heads) {
        // One organization at a time, each in its own transaction: a long verification holds no chain's lock.
        const found = await deps.orm.em.fork().transactional(async (em) => {
          const broken = await verifySinceCheckpoint(em, head, await readPublicKeys(em));
          if (broken) {
            await raise(em, broken);
            return broken;
          }
          const checkpoint = signCheckpoint(key, { ...head, signedAt: new Date().toISOString() });
          await em.createQueryBuilder(CheckpointRow)
            .insert({
              organizationId: checkpoint.organizationId, seq: checkpoint.seq, hash: Buffer.from(checkpoint.hash, 'hex'), signedAt: new Date(checkpoint.signedAt),
              signingKey: checkpoint.keyId, signature: Buffer.from(checkpoint.signature, 'base64'),
            })
            .onConflict()
            .ignore()
            .execute();
          return null;
        });
        if (found) {
          breaks.push(found);
          deps.logger?.error({ reason: CHAIN_BROKEN, organizationId: found.organizationId, firstBadSequence: found.firstBadSequence, problem: found.problem }, 'refused to sign an audit chain that does not verify');
        } else {
          signed += 1;
        }
      }
      if (breaks.length > 0) {
        throw ApplicationFailure.create({
          type: CHAIN_BROKEN_FAILURE,
          nonRetryable: true,
          message: `${breaks.length} audit chain(s) do not verify and were not signed (${CHAIN_BROKEN}); ${signed} signed`,
          details: breaks,
        });
      }
      return { signed };
    },
  };
}

export type AuditCheckpointActivities = ReturnType<typeof createAuditCheckpointActivities>;
