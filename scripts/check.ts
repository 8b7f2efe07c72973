// npm run check: what CI runs before the tests, and what to run before pushing. In order: the
// typecheck, eslint (type-aware rules and the security plugin, eslint.config.js), secretlint over
// the tracked files (.secretlintrc.json), lockfile-lint over package-lock.json (registry packages
// only, over https, with integrity hashes), and the dependency audit (high and critical). Each step
// runs even when one before it failed; the summary names each outcome and the exit code is 1 when
// any step failed. An advisory service that cannot be reached (no network, a registry without the
// audit endpoint) is reported as skipped, never as passed; vulnerabilities found always fail.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { auditFails, auditVerdict, describeAuditVerdict } from './dependency-audit.ts';

const REPOSITORY = new URL('..', import.meta.url).pathname;
const bin = (name: string) => join(REPOSITORY, 'node_modules', '.bin', name);

type Outcome = 'passed' | 'failed' | 'skipped';
interface StepResult { name: string; outcome: Outcome; seconds: number; note?: string }

function run(command: string, args: string[], capture = false): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd: REPOSITORY,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    maxBuffer: 256 * 1024 * 1024,
  });
}

const exitedCleanly = (result: SpawnSyncReturns<string>) => result.error === undefined && result.status === 0;

function trackedFiles(): string[] {
  const listed = run('git', ['ls-files', '-z'], true);
  if (!exitedCleanly(listed)) throw new Error(`git ls-files failed: ${listed.stderr || String(listed.error)}`);
  // A tracked file deleted in the working tree is not there to scan.
  return listed.stdout.split('\0').filter((path) => path !== '' && existsSync(join(REPOSITORY, path)));
}

const steps: { name: string; run: () => Omit<StepResult, 'name' | 'seconds'> }[] = [
  { name: 'typecheck', run: () => ({ outcome: exitedCleanly(run(bin('tsc'), ['--noEmit', '-p', '.'])) ? 'passed' : 'failed' }) },
  { name: 'eslint', run: () => ({ outcome: exitedCleanly(run(bin('eslint'), ['--max-warnings', '0', '.'])) ? 'passed' : 'failed' }) },
  {
    name: 'secretlint',
    run: () => {
      const files = trackedFiles();
      const result = run(bin('secretlint'), ['--secretlintignore', '.secretlintignore', ...files]);
      return { outcome: exitedCleanly(result) ? 'passed' : 'failed', note: `${files.length} tracked files` };
    },
  },
  {
    name: 'lockfile-lint',
    run: () => ({
      outcome: exitedCleanly(run(bin('lockfile-lint'), [
        '--path', 'package-lock.json', '--type', 'npm', '--allowed-hosts', 'npm', '--validate-https',
        '--validate-integrity', '--validate-package-names', '--empty-hostname', 'false',
      ])) ? 'passed' : 'failed',
    }),
  },
  {
    name: 'dependency audit',
    run: () => {
      const result = run('npm', ['audit', '--audit-level=high', '--json'], true);
      const verdict = auditVerdict({ exitCode: result.error ? null : result.status, stdout: result.stdout ?? '', stderr: result.stderr || String(result.error ?? '') });
      const note = describeAuditVerdict(verdict);
      console.log(note);
      return { outcome: auditFails(verdict) ? 'failed' : verdict.outcome === 'unreachable' ? 'skipped' : 'passed', note };
    },
  },
];

const results: StepResult[] = [];
for (const [index, step] of steps.entries()) {
  console.log(`\n[${index + 1}/${steps.length}] ${step.name}`);
  const started = performance.now();
  let outcome: Omit<StepResult, 'name' | 'seconds'>;
  try {
    outcome = step.run();
  } catch (error) {
    outcome = { outcome: 'failed', note: (error as Error).message };
  }
  const result = { name: step.name, ...outcome, seconds: (performance.now() - started) / 1000 };
  results.push(result);
  console.log(`[${index + 1}/${steps.length}] ${step.name}: ${result.outcome} in ${result.seconds.toFixed(1)} s`);
}

console.log('\nnpm run check:');
for (const result of results) {
  console.log(`  ${result.outcome.toUpperCase().padEnd(7)} ${result.name.padEnd(17)} ${result.seconds.toFixed(1).padStart(5)} s${result.note ? `  ${result.note}` : ''}`);
}
const named = (outcome: Outcome) => results.filter((result) => result.outcome === outcome).map((result) => result.name);
const failed = named('failed');
const skipped = named('skipped');
const skippedText = skipped.length > 0 ? `; skipped, not passed: ${skipped.join(', ')}` : '';
console.log(failed.length === 0
  ? `No check failed${skippedText}.`
  : `${failed.length} of ${results.length} checks failed: ${failed.join(', ')}${skippedText}.`);
process.exitCode = failed.length === 0 ? 0 : 1;
