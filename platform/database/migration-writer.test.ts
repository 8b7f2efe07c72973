import { describe, expect, it } from '@jest/globals';
import { appendToIndex, migrationClassName, renderMigration, splitStatements } from './migration-writer.ts';

describe('migration writer', () => {
  it('names a migration by its UTC time and name', () => {
    expect(migrationClassName(new Date('2026-12-02T09:05:07.123Z'), 'add_notes')).toBe('Migration20261202090507_add_notes');
  });

  it('splits statements on a line-ending semicolon, never inside a literal', () => {
    const sql = `alter table "a"."b" add column "c" text;\n\ncreate policy "p" on "a"."b" using (c <> ';\n');\ndrop index "x";\n`;
    expect(splitStatements(sql)).toEqual([
      'alter table "a"."b" add column "c" text',
      `create policy "p" on "a"."b" using (c <> ';\n')`,
      'drop index "x"',
    ]);
  });

  it('writes a Migration class whose service roles come from roles.ts, with backticks and ${ escaped', () => {
    const source = renderMigration({
      className: 'Migration20261202090507_add_notes',
      summary: ['Notes on credentials.'],
      up: ['alter table "credentials"."credentials" add column "note" text default \'`${x}`\'', 'grant select on credentials.notes to credence_credentials'],
      down: ['revoke select on credentials.notes from credence_credentials', 'alter table "credentials"."credentials" drop column "note"'],
    });
    expect(source).toBe(
      [
        `import { Migration } from '@mikro-orm/migrations';`,
        `import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';`,
        '',
        '// Notes on credentials.',
        'export class Migration20261202090507_add_notes extends Migration {',
        '  override async up(): Promise<void> {',
        "    this.addSql(`alter table \"credentials\".\"credentials\" add column \"note\" text default '\\`\\${x}\\`'`);",
        '    this.addSql(`grant select on credentials.notes to ${R.credentials}`);',
        '  }',
        '',
        '  override async down(): Promise<void> {',
        '    this.addSql(`revoke select on credentials.notes from ${R.credentials}`);',
        '    this.addSql(`alter table "credentials"."credentials" drop column "note"`);',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('appends the migration to the explicit list, after the others', () => {
    const index = [
      '// Every migration, in order.',
      "import { Migration1_a } from './Migration1_a.ts';",
      '',
      'export const migrations = [',
      "  { name: 'Migration1_a', class: Migration1_a },",
      '];',
      '',
    ].join('\n');
    expect(appendToIndex(index, 'Migration2_b')).toBe(
      [
        '// Every migration, in order.',
        "import { Migration1_a } from './Migration1_a.ts';",
        "import { Migration2_b } from './Migration2_b.ts';",
        '',
        'export const migrations = [',
        "  { name: 'Migration1_a', class: Migration1_a },",
        "  { name: 'Migration2_b', class: Migration2_b },",
        '];',
        '',
      ].join('\n'),
    );
    expect(() => appendToIndex('export const migrations = {};', 'Migration2_b')).toThrow(/expected shape/);
  });
});
