// Every table that holds an organization's rows is either deleted by the offboarding's batch
// deletion (identity.delete_organization_batch) or kept on purpose, with the reason here. A new
// table with an organization_id fails this test until it is put in one list or the other. (The
// organization's own row, identity.organizations, stays too: its tombstone.)
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { testStack } from '../../test/support/stack.ts';

/** Kept after deletion, and why. */
const KEPT: Record<string, string> = {
  'identity.organization_offboardings': 'the record of the offboarding and its certificate of deletion',
  'audit.events': 'audit events are kept until their retention ends (they hold no PHI)',
  'audit.chain_heads': 'the audit chain stays verifiable',
  'audit.chain_anchors': 'the audit chain stays verifiable',
  'audit.checkpoints': 'the audit chain stays verifiable',
  'audit.retention_settings': 'the audit retention that still applies to the kept events',
  'audit.refusal_tallies': 'counts of refusals that become audit events',
  'audit.exports': "sealed exports expire and are swept with their files (a background export job's within 24 hours), long before the export window ends",
  'audit.incidents': 'breach documentation is kept six years (164.530(j)); incidents hold no PHI',
  'audit.incident_jurisdictions': 'breach documentation (164.530(j))',
  'audit.incident_notifications': 'breach documentation (164.530(j))',
  'audit.incident_obligations': 'breach documentation (164.530(j))',
  'audit.incident_delays': 'breach documentation (164.530(j))',
  'audit.incident_risk_assessments': 'the risk assessment is kept six years (164.402, 164.530(j))',
  'audit.incident_settings': 'the settings the kept incidents were declared under',
  'audit.incident_reviews': 'breach documentation (164.530(j)); no PHI by validation',
  'audit.incident_remediations': 'breach documentation (164.530(j)); no PHI by validation',
  'audit.security_alerts': 'security documentation beside the kept audit events; evidence is event sequences, no PHI',
  'audit.security_alert_settings': 'the thresholds the kept alerts were raised under',
  'audit.anomaly_cursors': 'how far the detectors read the kept audit chain',
  'identity.support_access_grants': 'who read the organization under break-glass access, and why (codes; no PHI), beside the audit events of those reads',
  'keys.data_keys': 'the destroyed key rows: the proof of crypto-shredding',
};

let superuser: pg.Client;

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: testStack().superuserUrl });
  await superuser.connect();
});

afterAll(async () => {
  await superuser.end();
});

describe('the deletion after an export window', () => {
  it('covers every table with organization rows, except those kept on purpose', async () => {
    const { rows: tables } = await superuser.query<{ name: string }>(
      `select c.table_schema || '.' || c.table_name as name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
       where c.column_name = 'organization_id' and c.table_schema not in ('pg_catalog', 'information_schema') order by 1`,
    );
    const { rows: [definition] } = await superuser.query<{ source: string }>(
      `select pg_get_functiondef('identity.delete_organization_batch(uuid, integer)'::regprocedure) as source`,
    );
    const deleted = new Set([...definition!.source.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((match) => match[1]!));
    const uncovered = tables.map((table) => table.name).filter((name) => !deleted.has(name) && !(name in KEPT));
    expect(uncovered).toEqual([]);
    // Nothing is both deleted and kept, and every kept table exists.
    expect(Object.keys(KEPT).filter((name) => deleted.has(name))).toEqual([]);
    expect(Object.keys(KEPT).filter((name) => !tables.some((table) => table.name === name))).toEqual([]);
  });
});
