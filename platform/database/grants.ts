// The service roles' privileges on the entity tables: as the model declares them (TABLE_GRANTS)
// and as the database holds them, in one comparable form, and the GRANT/REVOKE statements that
// bring the database to the model (for a migration the generator writes).
import type { Grant, TableGrants } from './row-level-security.ts';

/** One privilege of one role on one table: `identity.users credence_identity select`, or `... update(used_at)` for a column. */
export type GrantLine = string;

export function declaredGrantLines(grants: readonly TableGrants[]): GrantLine[] {
  const lines: GrantLine[] = [];
  for (const { table, roles } of grants) {
    for (const [role, privileges] of Object.entries(roles)) {
      for (const grant of privileges ?? []) lines.push(...grantLines(table, role, grant));
    }
  }
  return lines.sort();
}

const grantLines = (table: string, role: string, grant: Grant): GrantLine[] =>
  typeof grant === 'string' ? [`${table} ${role} ${grant}`] : grant.update.map((column) => `${table} ${role} update(${column})`);

type Query = (sql: string, params: unknown[]) => Promise<{ line: string }[]>;

/** What the database grants on `tables` to every role but their owner (table and column privileges). */
export async function databaseGrantLines(query: Query, tables: string[]): Promise<GrantLine[]> {
  const rows = await query(
    `select n.nspname || '.' || c.relname || ' ' || case when a.grantee = 0 then 'public' else a.grantee::regrole::text end
              || ' ' || lower(a.privilege_type) as line
       from pg_class c join pg_namespace n on n.oid = c.relnamespace cross join lateral aclexplode(c.relacl) a
      where n.nspname || '.' || c.relname = any(string_to_array(?, ',')) and a.grantee <> c.relowner
     union all
     select n.nspname || '.' || c.relname || ' ' || case when a.grantee = 0 then 'public' else a.grantee::regrole::text end
              || ' ' || lower(a.privilege_type) || '(' || att.attname || ')'
       from pg_attribute att join pg_class c on c.oid = att.attrelid join pg_namespace n on n.oid = c.relnamespace
            cross join lateral aclexplode(att.attacl) a
      where n.nspname || '.' || c.relname = any(string_to_array(?, ',')) and att.attacl is not null and not att.attisdropped and a.grantee <> c.relowner`,
    [tables.join(','), tables.join(',')],
  );
  return rows.map((row) => row.line).sort();
}

/** GRANT statements for what the model declares and the database lacks, REVOKE for the reverse; `down` undoes `up`. */
export function grantChanges(declared: GrantLine[], actual: GrantLine[]): { up: string[]; down: string[] } {
  const missing = declared.filter((line) => !actual.includes(line));
  const extra = actual.filter((line) => !declared.includes(line));
  const grants = statements('grant', 'to', missing);
  const revokes = statements('revoke', 'from', extra);
  return { up: [...grants, ...revokes], down: [...statements('revoke', 'from', missing), ...statements('grant', 'to', extra)] };
}

/** One statement per table and role: `grant select, insert, update (a, b) on t to r`. */
function statements(verb: 'grant' | 'revoke', preposition: 'to' | 'from', lines: GrantLine[]): string[] {
  const byTableAndRole = new Map<string, { table: string; role: string; privileges: string[]; columns: string[] }>();
  for (const line of lines) {
    const [table, role, privilege] = line.split(' ') as [string, string, string];
    const key = `${table} ${role}`;
    const entry = byTableAndRole.get(key) ?? { table, role, privileges: [], columns: [] };
    const column = /^update\((.+)\)$/.exec(privilege)?.[1];
    if (column) entry.columns.push(column);
    else entry.privileges.push(privilege);
    byTableAndRole.set(key, entry);
  }
  return [...byTableAndRole.values()].map(({ table, role, privileges, columns }) => {
    const list = [...privileges, ...(columns.length ? [`update (${columns.join(', ')})`] : [])].join(', ');
    return `${verb} ${list} on ${table} ${preposition} ${role}`;
  });
}
