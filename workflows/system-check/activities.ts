// Activities of the system check: a database round trip as the worker's own role.
import type { MikroORM } from '../../platform/database/orm.ts';
import type { DatabaseCheck } from './shared.ts';

export function createSystemCheckActivities(deps: { orm: MikroORM }) {
  return {
    async checkDatabase(): Promise<DatabaseCheck> {
      // Raw SQL: the connection's own role and the server's version.
      const [row] = await deps.orm.em.fork().execute<{ role: string; server_version: string }[]>(
        `select current_user as role, current_setting('server_version') as server_version`,
      );
      if (!row) throw new Error('The database returned no row');
      return { role: row.role, serverVersion: row.server_version };
    },
  };
}

export type SystemCheckActivities = ReturnType<typeof createSystemCheckActivities>;
