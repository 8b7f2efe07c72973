// The shipped alerting rules, checked as `promtool check rules` would: the rule file's structure,
// every expression parsed by Prometheus' own PromQL parser, and every metric it names one that
// the gateway or the worker registers (a renamed metric would leave an alert that never fires).
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parser } from '@prometheus-io/lezer-promql';
import { parse as parseYaml } from 'yaml';
import { createMetrics } from '../../gateway/metrics.ts';
import { createWorkerMetrics } from '../../workflows/metrics.ts';

const RULES_PATH = new URL('./alerts.yml', import.meta.url);

interface Rule {
  alert?: unknown;
  expr?: unknown;
  for?: unknown;
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

const file = parseYaml(readFileSync(RULES_PATH, 'utf8')) as { groups?: { name?: unknown; rules?: Rule[] }[] };
const groups = file.groups ?? [];
const rules = groups.flatMap((group) => group.rules ?? []);

/** Syntax errors and the metric names of the vector selectors of a PromQL expression. */
function readExpression(expression: string): { errors: number[]; metrics: string[] } {
  const tree = parser.parse(expression);
  const errors: number[] = [];
  const metrics: string[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) errors.push(cursor.from);
    if (cursor.type.name === 'Identifier' && cursor.node.parent?.type.name === 'VectorSelector') metrics.push(expression.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return { errors, metrics };
}

/** Names a scrape shows: a histogram's series carry suffixes. */
async function exposedNames(): Promise<Set<string>> {
  const registered = [...(await createMetrics().registry.getMetricsAsJSON()), ...(await createWorkerMetrics(undefined, { backupDir: join(tmpdir(), 'credence-no-backups'), spoolDir: join(tmpdir(), 'credence-no-spool') }).registry.getMetricsAsJSON())];
  return new Set(registered.flatMap(({ name, type }) => (String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name])));
}

describe('the Prometheus alerting rules', () => {
  it('are named groups of alerts with a unique name, a severity, a summary and a description', () => {
    expect(groups.length).toBeGreaterThan(0);
    const groupNames = groups.map((group) => group.name);
    expect(new Set(groupNames).size).toBe(groupNames.length);
    for (const group of groups) {
      expect(typeof group.name).toBe('string');
      expect(group.rules?.length).toBeGreaterThan(0);
    }
    const names = rules.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of rules) {
      expect(rule.alert).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(typeof rule.expr).toBe('string');
      if (rule.for !== undefined) expect(rule.for).toMatch(/^(\d+(ms|s|m|h|d|w|y))+$/);
      expect(['info', 'warning', 'critical']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
      expect(rule.annotations?.description).toEqual(expect.any(String));
      for (const value of [...Object.values(rule.labels ?? {}), ...Object.values(rule.annotations ?? {})]) expect(typeof value).toBe('string');
    }
  });

  it('have expressions that PromQL parses', () => {
    for (const rule of rules) expect({ alert: rule.alert, errors: readExpression(String(rule.expr)).errors }).toEqual({ alert: rule.alert, errors: [] });
  });

  it('the parser check would catch a broken expression', () => {
    expect(readExpression('sum(rate(credence_rate_limit_hits_total[5m]) > ').errors.length).toBeGreaterThan(0);
    expect(readExpression('rate(credence_rate_limit_hits_total[5m]) > 1').errors).toEqual([]);
  });

  it('name only metrics that Credence registers', async () => {
    const exposed = await exposedNames();
    const used = rules.flatMap((rule) => readExpression(String(rule.expr)).metrics);
    expect(used.length).toBeGreaterThan(rules.length - 1);
    expect(used.filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('watch error rates, denials, rate limits, workflow failures, both outboxes and the audit chain', () => {
    const expressions = rules.map((rule) => String(rule.expr)).join('\n');
    for (const metric of ['credence_graphql_operations_total', 'credence_shield_denials_total', 'credence_rate_limit_hits_total', 'credence_activity_failures_total', 'credence_outbox_backlog']) {
      expect(expressions).toContain(metric);
    }
    expect(expressions).toContain('type="AUDIT_CHAIN_BROKEN"');
    expect(expressions).toContain('credence_backup_base_age_seconds');
  });
});
