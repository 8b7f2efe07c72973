// The demo organization of a development stack: one user per role, with one password made for
// this data directory (kept in its secrets file), and physician files to verify. Idempotent: a
// restart finds them in place.
import { randomUUID } from 'node:crypto';
import { sql } from '@mikro-orm/postgresql';
import { ROLES, type Caller, type Role } from '../platform/caller.ts';
import { PLATFORM_ORGANIZATION_ID, recordAudit } from '../platform/audit.ts';
import { openDatabase, runAsCaller } from '../platform/database/orm.ts';
import { createFieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { encryptedFields } from '../platform/field-encryption/encrypted-properties.ts';
import { keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { createLogger } from '../platform/logger.ts';
import { ensureMember, ensureOrganization } from '../subgraphs/identity/bootstrap.ts';
import { MFA_REQUIRED_ROLES } from '../subgraphs/identity/service.ts';
import { Credential, Physician } from '../subgraphs/credentials/entities/index.ts';

/** Fixed, so that every restart of the same data directory finds the same organization. */
export const DEMO_ORGANIZATION_ID = '5e7d0c1a-0000-4000-8000-00000000d3e0';

export interface DemoLogin {
  email: string;
  role: Role;
  organization: string;
  mfaRequired: boolean;
}

export async function seedDemo(identityDatabaseUrl: string, password: string): Promise<DemoLogin[]> {
  const orm = await openDatabase({ url: identityDatabaseUrl, logger: createLogger({ service: 'migrate', level: 'warn' }) });
  try {
    await ensureOrganization(orm, { id: DEMO_ORGANIZATION_ID, name: 'Demo General Hospital' });
    const logins: DemoLogin[] = [];
    for (const role of ROLES) {
      const platform = role === 'PLATFORM_ADMIN';
      const email = `${role.toLowerCase().replaceAll('_', '-')}@demo.credence.test`;
      await ensureMember(orm, {
        organizationId: platform ? PLATFORM_ORGANIZATION_ID : DEMO_ORGANIZATION_ID,
        email,
        displayName: `Demo ${role.toLowerCase().replaceAll('_', ' ')}`,
        password,
        role,
      });
      logins.push({ email, role, organization: platform ? 'Credence platform' : 'Demo General Hospital', mfaRequired: MFA_REQUIRED_ROLES.includes(role) });
    }
    return logins;
  } finally {
    await orm.close();
  }
}

/**
 * The demo organization's physician files, from the fictional physicians the primary-source
 * stand-ins know (stack/source-stand-ins/fixtures), so that a new user sees verification run end
 * to end: one file that its sources confirm, one whose board reports probation (a review), one
 * whose license the board shows revoked and that expires within weeks (a review and a reminder).
 * Written as the credentialing staff of the demo organization would (encrypted, audited), each
 * credential with a verification requested. Idempotent: a file already there is left as it is.
 */
const DEMO_FILES = [
  { givenName: 'Amara', familyName: 'Okafor-Reyes', npi: '1000000012', dateOfBirth: '1979-03-14', credentials: [
    { type: 'STATE_LICENSE', number: 'A123456', issuer: 'Medical Board of California', state: 'CA', expiresOn: '2029-08-31' },
    { type: 'DEA_REGISTRATION', number: 'BO1234563', issuer: 'Drug Enforcement Administration', state: 'CA', expiresOn: '2028-05-31' },
  ] },
  { givenName: 'Priya', familyName: 'Venkataraman', npi: '1000000038', dateOfBirth: '1984-11-02', credentials: [
    { type: 'STATE_LICENSE', number: 'R4567', issuer: 'Texas Medical Board', state: 'TX', expiresOn: '2028-11-30' },
  ] },
  { givenName: 'Wendell', familyName: 'Marsh', npi: '1000000046', dateOfBirth: '1968-06-21', credentials: [
    { type: 'STATE_LICENSE', number: 'MD60123456', issuer: 'Washington Medical Commission', state: 'WA', expiresInDays: 20 },
  ] },
] as const;

export async function seedDemoFiles(credentialsEnv: Record<string, string>): Promise<number> {
  const orm = await openDatabase({ url: credentialsEnv.DATABASE_URL!, logger: createLogger({ service: 'migrate', level: 'warn' }) });
  const encryption = createFieldEncryption(keyProviderFromConfig({ keys: [], keyringFile: credentialsEnv.KEYRING_FILE! }));
  const caller: Caller = { userId: null, organizationId: DEMO_ORGANIZATION_ID, role: 'CREDENTIALING_STAFF', sessionId: null, requestId: `demo-seed-${randomUUID()}`, sourceIp: null };
  try {
    return await runAsCaller(orm, caller, async (em) => {
      const present = new Set((await em.find(Physician, { organization: DEMO_ORGANIZATION_ID }, { fields: ['npi'] })).map((row) => row.npi));
      const keys = await encryption.forOrganization(em, DEMO_ORGANIZATION_ID);
      const physicianFields = encryptedFields(em, keys, Physician);
      const credentialFields = encryptedFields(em, keys, Credential);
      let added = 0;
      for (const file of DEMO_FILES.filter((candidate) => !present.has(candidate.npi))) {
        const physicianId = randomUUID();
        // Raw SQL: as createPhysician's (subgraphs/credentials/physicians.ts), a file is visible under
        // row-level security only once its affiliation exists, so nothing may be read back before.
        await em.execute(`insert into credentials.physicians (id, organization_id, given_name, family_name, npi, date_of_birth) values (?, ?, ?, ?, ?, ?)`, [
          physicianId, DEMO_ORGANIZATION_ID, file.givenName, file.familyName, file.npi, physicianFields.seal(physicianId, { dateOfBirth: file.dateOfBirth }).dateOfBirth,
        ]);
        await em.execute(`insert into credentials.affiliations (physician_id, organization_id) values (?, ?)`, [physicianId, DEMO_ORGANIZATION_ID]);
        await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Physician', resourceId: physicianId, outcome: 'SUCCESS', reason: 'demo_seed' });
        for (const credential of file.credentials) {
          const id = randomUUID();
          const sealed = credentialFields.seal(id, { number: credential.number });
          const expiresOn = 'expiresInDays' in credential ? new Date(Date.now() + credential.expiresInDays * 86_400_000).toISOString().slice(0, 10) : credential.expiresOn;
          await em.insert(Credential, {
            id, organization: DEMO_ORGANIZATION_ID, physician: physicianId, type: credential.type, number: sealed.number!, numberIndex: sealed.numberIndex!,
            issuer: credential.issuer, state: credential.state, expiresOn, verificationRequestedAt: sql.now(),
          });
          await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Credential', resourceId: id, outcome: 'SUCCESS', reason: 'demo_seed' });
        }
        added += 1;
      }
      return added;
    });
  } finally {
    await orm.close();
  }
}
