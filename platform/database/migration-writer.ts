// Writes a migration the way the hand-written ones read (a class extending Migration, up() and
// down() of addSql calls, service roles named through roles.ts), and lists it in
// migrations/index.ts, the explicit list that provisioning applies.
import { SERVICE_DATABASE_ROLES } from './roles.ts';

export const MIGRATION_NAME_PATTERN = /^[a-z][a-z0-9_]{0,59}$/;

/** `Migration20261201221500_add_notes` for a UTC time and a snake_case name. */
export function migrationClassName(at: Date, name: string): string {
  const timestamp = at.toISOString().replace(/[-T:]|\.\d{3}Z$/g, '');
  return `Migration${timestamp}_${name}`;
}

/** Splits the schema generator's SQL into statements (on `;` ending a line, outside string literals). */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let pending = '';
  for (const chunk of sql.split(/;\n/)) {
    pending += (pending ? ';\n' : '') + chunk;
    if (pending.split(`'`).length % 2 === 0) continue; // inside a literal: the `;` was part of it
    const statement = pending.trim().replace(/;$/, '');
    if (statement) statements.push(statement);
    pending = '';
  }
  return statements;
}

const roleReferences = Object.entries(SERVICE_DATABASE_ROLES).map(([service, role]) => ({ service, role }));

/** A template literal body: the SQL escaped, each service role named as `${R.<service>}`. */
function sqlLiteral(sql: string): { literal: string; namesRoles: boolean } {
  let literal = sql.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${');
  let namesRoles = false;
  for (const { service, role } of roleReferences) {
    // eslint-disable-next-line security/detect-non-literal-regexp -- role is one of the service roles (platform/database/roles.ts), letters and underscores
    const quoted = new RegExp(`"?\\b${role}\\b"?`, 'g');
    if (quoted.test(literal)) {
      namesRoles = true;
      literal = literal.replace(quoted, `\${R.${service}}`);
    }
  }
  return { literal, namesRoles };
}

export function renderMigration(migration: { className: string; summary: string[]; up: string[]; down: string[] }): string {
  const body = (statements: string[]) => statements.map((sql) => sqlLiteral(sql));
  const up = body(migration.up);
  const down = body(migration.down);
  const namesRoles = [...up, ...down].some((statement) => statement.namesRoles);
  const method = (name: 'up' | 'down', statements: { literal: string }[]) =>
    [`  override async ${name}(): Promise<void> {`, ...statements.map(({ literal }) => `    this.addSql(\`${literal}\`);`), '  }'];
  return [
    `import { Migration } from '@mikro-orm/migrations';`,
    ...(namesRoles ? [`import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';`] : []),
    '',
    ...migration.summary.map((line) => `// ${line}`.trimEnd()),
    `export class ${migration.className} extends Migration {`,
    ...method('up', up),
    '',
    ...method('down', down),
    '}',
    '',
  ].join('\n');
}

/** migrations/index.ts with the migration imported and appended to the list (the last to apply). */
export function appendToIndex(indexSource: string, className: string): string {
  const imports = [...indexSource.matchAll(/^import .*;$/gm)];
  const lastImport = imports.at(-1);
  const listEnd = indexSource.lastIndexOf('\n];');
  if (!lastImport || listEnd < 0) throw new Error('migrations/index.ts is not in its expected shape (imports, then `export const migrations = [ ... ];`)');
  const importLine = `\nimport { ${className} } from './${className}.ts';`;
  const entry = `\n  { name: '${className}', class: ${className} },`;
  const afterImports = lastImport.index + lastImport[0].length;
  return indexSource.slice(0, afterImports) + importLine + indexSource.slice(afterImports, listEnd) + entry + indexSource.slice(listEnd);
}
