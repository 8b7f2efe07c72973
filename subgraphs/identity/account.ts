// The signed-in caller's own account: who am I, my sessions, sign out, change my password.
import { sql } from '@mikro-orm/postgresql';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { refuse, runAsCaller } from '../../platform/database/orm.ts';
import { AppError } from '../../platform/errors.ts';
import { connectionOf, pageRequest, type PageArguments } from '../../platform/pagination.ts';
import { permittedOperations, type Operation } from '../../platform/permissions.ts';
import { checkPasswordLength } from './inputs.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { assertLiveSession, type IdentityService } from './service.ts';
import { listSessions, revokeSessions, SESSIONS_ORDER } from './sessions.ts';
import { activeMemberships, organizationsById, usersById, type MembershipView, type OrganizationView, type UserView } from './views.ts';
import { Session, User } from './entities/index.ts';

export interface Viewer {
  user: UserView;
  organization: OrganizationView;
  role: string;
  memberships: MembershipView[];
  mfaEnrollmentRequired: boolean;
  authenticationMethods: string[];
  /** What this token may do, from the permission matrix (an enrolling token: only enrollment and its own session). */
  permissions: Operation[];
}

export async function viewer(service: IdentityService, caller: Caller): Promise<Viewer> {
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    const session = caller.sessionId ? await em.findOne(Session, caller.sessionId, { fields: ['amr'] }) : null;
    const memberships = await activeMemberships(em, caller.userId!);
    const users = await usersById(em, [caller.userId!]);
    // A support session's organization is none of the caller's memberships.
    const organizations = await organizationsById(em, [...new Set([...memberships.map((m) => m.organization_id), caller.organizationId!])]);
    const user = users.get(caller.userId!)!;
    return {
      user,
      organization: organizations.get(caller.organizationId!)!,
      role: caller.role!,
      memberships: memberships.map((m) => ({ user, organization: organizations.get(m.organization_id)!, role: m.role, status: 'ACTIVE' as const, since: m.since })),
      mfaEnrollmentRequired: caller.mfaEnrollmentOnly === true,
      authenticationMethods: session?.amr ?? [],
      permissions: permittedOperations(caller),
    };
  });
}

export async function mySessions(service: IdentityService, caller: Caller, args: PageArguments) {
  const request = pageRequest(SESSIONS_ORDER, args);
  const sessions = await runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    const page = await listSessions(em, caller, request);
    const organizations = await organizationsById(em, page.map((s) => s.organizationId));
    return page.map(({ organizationId, ...session }) => ({ ...session, organization: organizations.get(organizationId)! }));
  });
  return connectionOf(request, sessions, (session) => session);
}

export async function logout(service: IdentityService, caller: Caller): Promise<boolean> {
  return runAsCaller(service.orm, caller, async (em) => {
    const revoked = await revokeSessions(em, { sessionId: caller.sessionId! }, 'logout');
    await recordAudit(em, caller, { action: 'LOGOUT', resourceType: 'Session', resourceId: caller.sessionId, outcome: 'SUCCESS' });
    return revoked.length > 0;
  });
}

export async function logoutEverywhere(service: IdentityService, caller: Caller): Promise<number> {
  return runAsCaller(service.orm, caller, async (em) => {
    const revoked = await revokeSessions(em, { userId: caller.userId! }, 'logout_everywhere');
    await recordAudit(em, caller, { action: 'LOGOUT', resourceType: 'User', resourceId: caller.userId, outcome: 'SUCCESS', reason: 'everywhere' });
    return revoked.length;
  });
}

/** Changes the caller's password (the policy applies) and ends every other session of theirs. */
export async function changePassword(service: IdentityService, caller: Caller, input: { currentPassword: string; newPassword: string }): Promise<boolean> {
  checkPasswordLength(input.currentPassword, 'currentPassword');
  checkPasswordLength(input.newPassword, 'newPassword');
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    const account = await em.findOneOrFail(User, caller.userId!, { fields: ['email', 'displayName', 'passwordHash'] });
    const attempt = await service.loginLimits.reserve(account.email, caller.sourceIp); // a stolen token must not become a way to guess the password
    if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
      await attempt.failed();
      await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'UserPassword', resourceId: caller.userId, outcome: 'FAILURE', reason: 'wrong_password' });
      return refuse(new AppError('BAD_USER_INPUT', 'The current password is not correct', { field: 'currentPassword' }));
    }
    await attempt.succeeded();
    const assessment = await service.passwordPolicy.assess(input.newPassword, { name: account.displayName, email: account.email });
    if (!assessment.acceptable) return refuse(passwordRefused(assessment, 'newPassword'));
    await em.nativeUpdate(User, { id: caller.userId! }, { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: sql.now() });
    await revokeSessions(em, { userId: caller.userId!, exceptSessionId: caller.sessionId! }, 'password_changed');
    await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'UserPassword', resourceId: caller.userId, outcome: 'SUCCESS', reason: `breach_check:${assessment.breachCheck}` });
    return true;
  });
}

/** The policy's refusal, with each problem and which breach check ran. */
export function passwordRefused(assessment: Awaited<ReturnType<IdentityService['passwordPolicy']['assess']>>, field: string): AppError {
  return new AppError('BAD_USER_INPUT', assessment.problems.map((p) => p.message).join('. '), {
    field,
    problems: assessment.problems.map((p) => p.code),
    breachCheck: assessment.breachCheck,
  });
}
