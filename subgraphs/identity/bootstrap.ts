// Accounts made outside the graph: the first platform administrator of a deployment, and the
// demo organization of a development stack. Runs as the identity database role under the same
// row-level security as the service, acting as the organization and user it creates.
import { randomUUID } from 'node:crypto';
import { systemCaller } from '../../domain/system-caller.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Role } from '../../platform/caller.ts';
import { actAs, runAsCaller, type MikroORM } from '../../platform/database/orm.ts';
import { normalizeEmail } from './inputs.ts';
import { activateMembership } from './organizations.ts';
import { Organization, User } from './entities/index.ts';
import { hashPassword } from './passwords.ts';

/** Creates the organization unless one of that id exists; returns its id. */
export async function ensureOrganization(orm: MikroORM, organization: { id?: string; name: string }): Promise<string> {
  const id = organization.id ?? randomUUID();
  const caller = { ...systemCaller(randomUUID()), organizationId: id };
  await runAsCaller(orm, caller, async (em) => {
    const created = await em.createQueryBuilder(Organization)
      .insert({ id, name: organization.name })
      .onConflict('id')
      .ignore()
      .returning(['id'])
      .execute<{ id: string }[]>('all');
    if (created.length > 0) await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Organization', resourceId: id, outcome: 'SUCCESS', reason: 'bootstrap' });
  });
  return id;
}

/**
 * Makes sure the account exists (with this password, when it is created here) and is an active
 * member with this role. Returns the user id.
 */
export async function ensureMember(orm: MikroORM, member: { organizationId: string; email: string; displayName: string; password: string; role: Role }): Promise<string> {
  const email = normalizeEmail(member.email);
  // Raw SQL: identity.account_for_login is a SECURITY DEFINER function (an account is found by its address before anyone is signed in).
  const [existing] = await orm.em.fork().execute<{ user_id: string }[]>(`select user_id from identity.account_for_login(?)`, [email]);
  const userId = existing?.user_id ?? randomUUID();
  const passwordHash = existing ? null : await hashPassword(member.password);
  const caller = { ...systemCaller(randomUUID()), organizationId: member.organizationId };
  await runAsCaller(orm, caller, async (em) => {
    await actAs(em, { ...caller, userId });
    if (passwordHash) {
      await em.insert(User, { id: userId, email, displayName: member.displayName, passwordHash });
      await recordAudit(em, caller, { action: 'CREATE', resourceType: 'User', resourceId: userId, outcome: 'SUCCESS', reason: 'bootstrap' });
    }
    await activateMembership(em, { organizationId: member.organizationId, userId, role: member.role });
  });
  return userId;
}
