// Purges audit events past their organization's retention, keeping what remains verifiable from a
// signed checkpoint. The database holds the rules (7 years unless the organization set more, never
// below 6) and records the purge in each chain itself; the worker passes the policy only as the
// code states it, and could not shorten it by passing less.
import type { MikroORM } from '../../platform/database/orm.ts';
import { AUDIT_RETENTION } from '../../domain/audit-retention.ts';

export function createAuditRetentionActivities(deps: { orm: MikroORM }) {
  return {
    async purgeExpiredAuditEvents(): Promise<{ organizations: number; purged: number }> {
      return deps.orm.em.fork().transactional(async (em) => {
        // Raw SQL: a SECURITY DEFINER function (the purge moves the chain's anchor, which only the database does).
        const rows = await em.execute<{ organizationId: string; purged: string }[]>(
          `select purged_organization::text as "organizationId", purged_events::text as purged from audit.purge_expired(?, ?)`,
          [AUDIT_RETENTION.defaultYears, AUDIT_RETENTION.minimumYears],
        );
        return { organizations: rows.length, purged: rows.reduce((sum, row) => sum + Number(row.purged), 0) };
      });
    },
  };
}

export type AuditRetentionActivities = ReturnType<typeof createAuditRetentionActivities>;
