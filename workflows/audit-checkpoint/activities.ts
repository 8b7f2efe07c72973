// Signs each organization's audit chain head that has moved since its last checkpoint.
import type { MikroORM } from '../../platform/database/orm.ts';
import { signCheckpoint, type SigningKey } from '../../subgraphs/audit/chain.ts';

export function createAuditCheckpointActivities(deps: { orm: MikroORM; auditSigningKey: SigningKey }) {
  return {
    async signAuditCheckpoints(): Promise<{ signed: number }> {
      const key = deps.auditSigningKey;
      return deps.orm.em.fork().transactional(async (em) => {
        await em.execute(
          `insert into audit.signing_keys (key_id, public_key) values (?, decode(?, 'base64')) on conflict (key_id) do nothing`,
          [key.keyId, key.publicKey],
        );
        const heads = await em.execute<{ organizationId: string; seq: number; hash: string }[]>(
          `select h.organization_id::text as "organizationId", h.seq::int as seq, encode(h.hash, 'hex') as hash
           from audit.chain_heads h
           where h.seq > coalesce((select max(c.seq) from audit.checkpoints c where c.organization_id = h.organization_id), 0)`,
        );
        for (const head of heads) {
          const checkpoint = signCheckpoint(key, { ...head, signedAt: new Date().toISOString() });
          await em.execute(
            `insert into audit.checkpoints (organization_id, seq, hash, signed_at, key_id, signature)
             values (?, ?, decode(?, 'hex'), ?, ?, decode(?, 'base64')) on conflict do nothing`,
            [checkpoint.organizationId, checkpoint.seq, checkpoint.hash, checkpoint.signedAt, checkpoint.keyId, checkpoint.signature],
          );
        }
        return { signed: heads.length };
      });
    },
  };
}

export type AuditCheckpointActivities = ReturnType<typeof createAuditCheckpointActivities>;
