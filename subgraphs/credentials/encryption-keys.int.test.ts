// When an organization's keys were last rotated, as its owners read it: the data key version in
// use and its date, the last re-wrapping under a new key-encryption key; nothing before the first
// encrypted value; no other role, and no other organization's keys.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '../../platform/database/orm.ts';
import { ROLES } from '../../domain/permission-matrix.ts';
import { anOrganization, refusalCodeOf } from '../../test/support/factories.ts';
import { testActivityDeps } from '../../test/support/stack.ts';
import { callerFor, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { startCredentialsSuite, type CredentialsSuite } from '../../test/support/verification.ts';

const GET = `{ encryptionKeys { dataKeyVersion dataKeyCreatedAt keysRewrappedAt } }`;
const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);
let suite: CredentialsSuite;
let subgraph: CredentialsSuite['subgraph'];
let worker: MikroORM;
let identity: MikroORM;

beforeAll(async () => {
  suite = await startCredentialsSuite();
  ({ subgraph, worker, identity } = suite);
});

afterAll(() => suite.close());

describe('encryptionKeys', () => {
  it('shows owners the data key version and when it and the re-wrapping were last done, and no one else', async () => {
    const organizationId = await anOrganization(identity, { name: 'Key dates hospital' });
    const owner = callerFor('ORG_OWNER', organizationId);
    expect(await subgraph.call(owner, GET)).toEqual({ data: { encryptionKeys: null } });

    const { encryption } = await testActivityDeps(worker);
    await worker.em.fork().transactional((em) => encryption.forOrganization(em, organizationId));
    const first = (await subgraph.call(owner, GET)).data as { encryptionKeys: { dataKeyVersion: number; dataKeyCreatedAt: string; keysRewrappedAt: string | null } };
    expect(first.encryptionKeys).toMatchObject({ dataKeyVersion: 1, keysRewrappedAt: null });
    expect(Math.abs(Date.parse(first.encryptionKeys.dataKeyCreatedAt) - Date.now())).toBeLessThan(10 * 60_000);

    // A rotation: a new data key version, then the keys re-wrapped under another key-encryption key.
    await worker.em.fork().transactional((em) => encryption.addDataKeyVersion(em, organizationId));
    const [dates] = await worker.em.fork().execute<{ created_at: string }[]>(
      `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at from keys.data_keys where organization_id = ? and purpose = 'data' and version = 2`, [organizationId]);
    await worker.em.fork().execute(`update keys.data_keys set rewrapped_at = '2026-06-01T12:00:00Z' where organization_id = ?`, [organizationId]);
    expect(await subgraph.call(owner, GET)).toEqual({ data: { encryptionKeys: { dataKeyVersion: 2, dataKeyCreatedAt: dates!.created_at, keysRewrappedAt: '2026-06-01T12:00:00.000Z' } } });

    for (const role of ROLES.filter((r) => r !== 'ORG_OWNER' && r !== 'PLATFORM_ADMIN')) {
      const refused = await subgraph.call(callerFor(role, organizationId), GET);
      expect(refused.data).toEqual({ encryptionKeys: null });
      expect(codeOf(refused)).toBe('FORBIDDEN');
    }
    // Another organization's owner reads its own keys, not these.
    const other = await anOrganization(identity, { name: 'Other key dates' });
    await worker.em.fork().transactional((em) => encryption.forOrganization(em, other));
    expect((await subgraph.call(callerFor('ORG_OWNER', other), GET)).data).toMatchObject({ encryptionKeys: { dataKeyVersion: 1, keysRewrappedAt: null } });
  });
});
