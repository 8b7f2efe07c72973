// A physician's standing against the exclusion lists through the credentials subgraph (signed
// contexts as from the gateway, the test PostgreSQL): a new file asks to be screened and reads
// NOT_SCREENED until the worker's screening has run; then EXCLUDED with the matching entry (list,
// how it matched, dates), for credentialing staff and admins only; a physician, an auditor and
// another organization see none of it; a change of name asks again.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '../../platform/database/orm.ts';
import { createLogger } from '../../platform/logger.ts';
import { EXCLUSION_STAND_IN_PHYSICIANS as PEOPLE } from '../../stack/source-stand-ins/exclusion-lists.ts';
import { aMember, anOrganization, aPhysician, refusalCodeOf } from '../../test/support/factories.ts';
import { testActivityDeps } from '../../test/support/stack.ts';
import { callerFor, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { importOwnLeieFile, startCredentialsSuite, type CredentialsSuite } from '../../test/support/verification.ts';
import { screenPhysicianBatch } from '../../workflows/exclusion-lists/screening.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
let suite: CredentialsSuite;
let worker: MikroORM;
let identity: MikroORM;
let removeListFile: () => void;
let call: CredentialsSuite['call'];

const STANDING = `query($id: ID!) { physician(id: $id) { exclusionStatus screenedAt exclusionMatches { id list matchedBy excludedOn exclusionType foundAt } } }`;
const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);

beforeAll(async () => {
  suite = await startCredentialsSuite();
  ({ call, worker, identity } = suite);
  removeListFile = await importOwnLeieFile(worker);
});

afterAll(async () => {
  removeListFile();
  await suite.close();
});

describe('Physician.exclusionStatus', () => {
  it('reads NOT_SCREENED until screened, then EXCLUDED with its match, for staff and admins only', async () => {
    const organizationId = await anOrganization(identity, { name: 'Exclusion standing' });
    const staff = callerFor('CREDENTIALING_STAFF', organizationId);
    const physician = await aPhysician((query, variables) => call(staff, query, variables), { ...PEOPLE.excludedByNpi });
    const fresh = await call<{ physician: { exclusionStatus: string; screenedAt: string | null; exclusionMatches: unknown[] } }>(staff, STANDING, { id: physician.id });
    expect(fresh.data?.physician).toEqual({ exclusionStatus: 'NOT_SCREENED', screenedAt: null, exclusionMatches: [] });
    const [request] = await worker.em.fork().execute<{ requested_at: string | null }[]>(`select requested_at from credentials.physician_screenings where physician_id = ?`, [physician.id]);
    expect(request?.requested_at).not.toBeNull();

    const { encryption } = await testActivityDeps(worker);
    await screenPhysicianBatch({ orm: worker, encryption, logger }, { physicianIds: [physician.id], limit: 1 });
    for (const role of ['CREDENTIALING_STAFF', 'ORG_ADMIN', 'ORG_OWNER'] as const) {
      const read = await call<{ physician: { exclusionStatus: string; screenedAt: string; exclusionMatches: { list: string; matchedBy: string; exclusionType: string }[] } }>(callerFor(role, organizationId), STANDING, { id: physician.id });
      expect(read.errors).toBeUndefined();
      expect(read.data?.physician.exclusionStatus).toBe('EXCLUDED');
      expect(read.data?.physician.screenedAt).not.toBeNull();
      expect(read.data?.physician.exclusionMatches).toEqual([expect.objectContaining({ list: 'OIG_LEIE', matchedBy: 'NPI' })]);
    }

    // The physician themselves (their own file) and an auditor: refused, and the refusal audited.
    const member = await aMember(identity, { organizationId, role: 'PHYSICIAN' });
    await worker.em.fork().execute(`update credentials.physicians set user_id = ? where id = ?`, [member.userId, physician.id]);
    for (const role of ['PHYSICIAN', 'AUDITOR'] as const) {
      const caller = role === 'PHYSICIAN' ? { ...callerFor(role, organizationId), userId: member.userId } : callerFor(role, organizationId);
      const refused = await call(caller, `query($id: ID!) { physician(id: $id) { id exclusionStatus } }`, { id: physician.id });
      expect(refused.errors?.map((error) => error.extensions.code)).toContain('FORBIDDEN');
      expect(JSON.stringify(refused.data ?? {})).not.toContain('EXCLUDED');
    }
    // Another organization's staff: not found, nothing of the standing.
    const outsider = await call(callerFor('CREDENTIALING_STAFF', await anOrganization(identity, { name: 'Elsewhere' })), STANDING, { id: physician.id });
    expect(codeOf(outsider)).toBe('NOT_FOUND');

    // A new name asks for a new screening.
    const before = request!.requested_at!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renamed = await call(staff, `mutation($id: ID!) { updatePhysician(id: $id, input: { familyName: "Quillfeather-Ames" }) { physician { id } userErrors { code message field reason details } } }`, { id: physician.id });
    expect(renamed.errors).toBeUndefined();
    const [again] = await worker.em.fork().execute<{ requested_at: string; screened_at: string }[]>(`select requested_at::text, screened_at::text from credentials.physician_screenings where physician_id = ?`, [physician.id]);
    expect(again!.requested_at > again!.screened_at).toBe(true);
    expect(String(again!.requested_at)).not.toBe(String(before));
  });
});
