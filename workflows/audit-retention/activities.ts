// Purges audit events past their organization's retention (never below the minimum), keeping
// what remains verifiable from a signed checkpoint, and records the purge in each chain.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import type { MikroORM } from '../../platform/database/orm.ts';
import { AUDIT_RETENTION } from '../../subgraphs/audit/retention.ts';

export function createAuditRetentionActivities(deps: { orm: MikroORM }) {
  return {
    async purgeExpiredAuditEvents(): Promise<{ organizations: number; purged: number }> {
      return deps.orm.em.fork().transactional(async (em) => {
        const rows = await em.execute<{ organizationId: string; purged: string }[]>(
          `select purged_organization::text as "organizationId", purged_events::text as purged from audit.purge_expired(?, ?)`,
          [AUDIT_RETENTION.defaultYears, AUDIT_RETENTION.minimumYears],
        );
        const system = { userId: null, organizationId: null, role: null, sessionId: null, requestId: `retention-${randomUUID()}`, sourceIp: null };
        for (const row of rows) {
          await recordAudit(em, system, {
            organizationId: row.organizationId, action: 'DELETE', resourceType: 'AuditLog', outcome: 'SUCCESS', reason: 'retention_purge',
          });
        }
        return { organizations: rows.length, purged: rows.reduce((sum, row) => sum + Number(row.purged), 0) };
      });
    },
  };
}

export type AuditRetentionActivities = ReturnType<typeof createAuditRetentionActivities>;
