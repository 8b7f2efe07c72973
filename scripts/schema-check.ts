// npm run schema:check [-- --base REF]: fails when the client schema of the working SDLs would
// break a client written against the client schema of REF, unless schema/CHANGELOG.md names each
// breaking change under "Unreleased" (or what is removed was marked @deprecated there first).
// REF defaults to where this branch left main (`git merge-base HEAD main`), so a branch is judged
// on everything it changes, in any of its commits. The schema at REF is its schema/client.graphql,
// or, before that file existed, the client schema of its schema/supergraph.graphql.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkSchemaChanges, describeSchemaCheck } from '../schema/breaking-changes.ts';
import { clientSchema, CompositionError, composeSupergraph } from '../schema/compose.ts';

const REPOSITORY = new URL('..', import.meta.url).pathname;
const CHANGELOG = new URL('../schema/CHANGELOG.md', import.meta.url);

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPOSITORY, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let base: string | undefined;
try {
  base = parseArgs({ options: { base: { type: 'string' } }, allowPositionals: false }).values.base;
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run schema:check [-- --base REF]`);
}
const ref = base ?? git('merge-base', 'HEAD', 'main')?.trim() ?? fail('No common commit of HEAD and main to compare with: name one with `npm run schema:check -- --base REF`.');
if (git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`) === null) fail(`${ref} is not a commit of this repository.`);

const committedClientSchema = git('show', `${ref}:schema/client.graphql`);
const committedSupergraph = committedClientSchema === null ? git('show', `${ref}:schema/supergraph.graphql`) : null;
const before = committedClientSchema ?? (committedSupergraph === null ? null : clientSchema(committedSupergraph));
if (before === null) {
  console.log(`${ref.slice(0, 12)} has no schema to compare with: nothing can break.`);
  process.exit(0);
}

let after: string;
try {
  after = clientSchema(composeSupergraph());
} catch (error) {
  if (!(error instanceof CompositionError)) throw error;
  fail(error.message);
}
let changelog = '';
try {
  changelog = readFileSync(CHANGELOG, 'utf8');
} catch {
  // No changelog: every breaking change is unaccounted for, as the report says.
}

const check = checkSchemaChanges(before, after, changelog);
for (const line of describeSchemaCheck(check)) console.log(line);
const against = `the client schema of ${ref.slice(0, 12)}${committedClientSchema === null ? ' (from its supergraph)' : ''}`;
if (check.unaccounted.length > 0) {
  console.error(`\n${check.unaccounted.length} breaking change(s) against ${against} not in schema/CHANGELOG.md.`);
  process.exit(1);
}
console.log(`${check.breaking.length === 0 ? 'No breaking change' : 'Every breaking change is accounted for'} against ${against}.`);
