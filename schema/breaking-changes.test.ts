import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { changeCoordinate, checkSchemaChanges, describeSchemaCheck, unreleasedSection } from './breaking-changes.ts';

// A published client schema, and the next one: `Credential.number` removed.
const PUBLISHED = `
  type Credential { id: ID! number: String issuer: String! }
  type Query { credential(id: ID!): Credential }
`;
const NUMBER_REMOVED = `
  type Credential { id: ID! issuer: String! }
  type Query { credential(id: ID!): Credential }
`;

const changelog = (unreleased: string, older = '') => `# Schema changelog\n\n## Unreleased\n\n${unreleased}\n${older}`;

describe('the breaking-change check', () => {
  it('fails on a removed field that the changelog does not name', () => {
    const check = checkSchemaChanges(PUBLISHED, NUMBER_REMOVED, changelog('- Added `Credential.issuer`.'));
    expect(check.unaccounted).toEqual([
      { coordinate: 'Credential.number', description: 'Credential.number was removed.', recorded: false, deprecatedFirst: false },
    ]);
    expect(describeSchemaCheck(check).join('\n')).toContain('- Removed `Credential.number`: ...');
  });

  it('passes the same removal once the changelog names it under Unreleased', () => {
    const check = checkSchemaChanges(PUBLISHED, NUMBER_REMOVED, changelog('- Removed `Credential.number`: read it from `credentialNumber` instead.'));
    expect(check.breaking).toEqual([expect.objectContaining({ coordinate: 'Credential.number', recorded: true })]);
    expect(check.unaccounted).toEqual([]);
  });

  it('does not count an entry of an earlier release, nor a mention outside backticks', () => {
    const earlier = '## 2026-11-23\n\n- Removed `Credential.number`.\n';
    expect(checkSchemaChanges(PUBLISHED, NUMBER_REMOVED, changelog('- Nothing yet.', earlier)).unaccounted).toHaveLength(1);
    expect(checkSchemaChanges(PUBLISHED, NUMBER_REMOVED, changelog('- Removed Credential.number.')).unaccounted).toHaveLength(1);
    expect(checkSchemaChanges(PUBLISHED, NUMBER_REMOVED, '').unaccounted).toHaveLength(1);
  });

  it('passes the removal of a field that the published schema had marked @deprecated', () => {
    const deprecated = PUBLISHED.replace('number: String', 'number: String @deprecated(reason: "Use credentialNumber.")');
    const check = checkSchemaChanges(deprecated, NUMBER_REMOVED, '');
    expect(check.breaking).toEqual([expect.objectContaining({ coordinate: 'Credential.number', deprecatedFirst: true, recorded: false })]);
    expect(check.unaccounted).toEqual([]);
  });

  it('names arguments, enum values, changed types and new requirements by their schema coordinates', () => {
    const before = `
      enum Status { ACTIVE INACTIVE }
      input Filter { status: Status }
      type Query { members(includeDeactivated: Boolean, first: Int): [String!] status: Status count: Int total: Int }
    `;
    const after = `
      enum Status { ACTIVE }
      input Filter { status: Status organizationId: ID! }
      type Query { members(first: String, organization: ID!): [String!] status: Status count: String total: Int }
    `;
    const { unaccounted } = checkSchemaChanges(before, after, '');
    expect(unaccounted.map((change) => change.coordinate).sort()).toEqual(
      ['Filter.organizationId', 'Query.count', 'Query.members(first:)', 'Query.members(includeDeactivated:)', 'Query.members(organization:)', 'Status.INACTIVE'],
    );
  });

  it('reports a change a client may notice (a new enum value) without failing on it', () => {
    const check = checkSchemaChanges('enum Status { ACTIVE } type Query { status: Status }', 'enum Status { ACTIVE EXPIRED } type Query { status: Status }', '');
    expect(check.breaking).toEqual([]);
    expect(check.dangerous).toEqual([{ coordinate: 'Status.EXPIRED', description: 'EXPIRED was added to enum type Status.' }]);
    expect(check.unaccounted).toEqual([]);
  });

  it('reads a removed directive as @name', () => {
    expect(changeCoordinate('audited was removed.', new Set(['audited']))).toBe('@audited');
    expect(changeCoordinate('A required arg reason on directive audited was added.')).toBe('@audited(reason:)');
  });

  it('reads the Unreleased section up to the next release heading', () => {
    expect(unreleasedSection('# Changes\n\n## Unreleased\n\n- `A.b`\n\n### Removed\n\n- `C.d`\n\n## 2026-11-23\n\n- `E.f`\n')).toBe('\n- `A.b`\n\n### Removed\n\n- `C.d`\n\n');
    expect(unreleasedSection('# Changes\n\n## 2026-11-23\n\n- `E.f`\n')).toBe('');
  });
});

describe('schema/CHANGELOG.md', () => {
  it('has an Unreleased section for the next changes to be named in', () => {
    expect(unreleasedSection(readFileSync(new URL('./CHANGELOG.md', import.meta.url), 'utf8')).trim()).not.toBe('');
  });
});

describe('npm run schema:check', () => {
  it('refuses a base that is not a commit, with a message and no stack trace', () => {
    const run = spawnSync(process.execPath, [new URL('../scripts/schema-check.ts', import.meta.url).pathname, '--base', 'no-such-commit'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('no-such-commit is not a commit of this repository.');
  });
});
