// The demo organization of a development stack: one user per role, with one password made for
// this data directory (kept in its secrets file). Idempotent: a restart finds them in place.
import { ROLES, type Role } from '../platform/caller.ts';
import { PLATFORM_ORGANIZATION_ID } from '../platform/audit.ts';
import { openDatabase } from '../platform/database/orm.ts';
import { createLogger } from '../platform/logger.ts';
import { ensureMember, ensureOrganization } from '../subgraphs/identity/bootstrap.ts';
import { MFA_REQUIRED_ROLES } from '../subgraphs/identity/service.ts';

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
