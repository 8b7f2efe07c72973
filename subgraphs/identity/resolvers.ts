// The identity subgraph's GraphQL operations. Each checks the permission matrix (platform/
// permissions.ts) before doing anything, then hands over to the module that owns the operation.
import DataLoader from 'dataloader';
import { guarded } from '../../platform/authorize.ts';
import type { Role } from '../../platform/caller.ts';
import { badUserInput } from '../../platform/errors.ts';
import { DateTimeScalar } from '../../platform/scalars.ts';
import type { SubgraphContext, SubgraphResolvers } from '../../platform/subgraph-server.ts';
import { changePassword, logout, logoutEverywhere, mySessions, viewer } from './account.ts';
import { login, switchOrganization, verifyMfa } from './authentication.ts';
import { confirmTotp, enrollTotp, regenerateRecoveryCodes } from './mfa.ts';
import {
  acceptInvitation, changeMemberRole, createOrganization, currentOrganization, deactivateMember, inviteMember, members, pendingInvitations, revokeInvitation,
} from './organizations.ts';
import { requestPasswordReset, resetPassword } from './password-reset.ts';
import { PASSWORD_POLICY } from './password-policy.ts';
import type { IdentityService } from './service.ts';
import { refreshSession } from './sessions.ts';
import { organizationsById, usersById, type OrganizationView, type UserView } from './views.ts';
import { runAsCaller, type EntityManager } from '../../platform/database/orm.ts';

export function identityResolvers(service: IdentityService): SubgraphResolvers {
  /**
   * The references of one request, loaded together: every user (and every organization) the
   * request names, in one transaction as the caller, instead of one per reference. Anonymous
   * callers resolve none.
   */
  const references = new WeakMap<SubgraphContext, { users: DataLoader<string, UserView | null>; organizations: DataLoader<string, OrganizationView | null> }>();
  const referencesOf = (context: SubgraphContext) => {
    if (context.caller.userId === null) return null;
    let loaders = references.get(context);
    if (!loaders) {
      const batch = <T>(byIds: (em: EntityManager, ids: string[]) => Promise<Map<string, T>>) =>
        new DataLoader<string, T | null>(async (ids) => {
          const found = await runAsCaller(service.orm, context.caller, (em) => byIds(em, [...ids]));
          return ids.map((id) => found.get(id) ?? null);
        });
      loaders = { users: batch(usersById), organizations: batch(organizationsById) };
      references.set(context, loaders);
    }
    return loaders;
  };

  return {
    DateTime: DateTimeScalar,
    Query: {
      passwordPolicy: () => PASSWORD_POLICY,
      me: guarded('session.self', 'User', (_args, { caller }) => viewer(service, caller)),
      organization: guarded('organization.read', 'Organization', (_args, { caller }) => currentOrganization(service, caller)),
      members: guarded<{ includeDeactivated?: boolean }>('members.read', 'Membership', (args, { caller }) => members(service, caller, args.includeDeactivated === true)),
      mySessions: guarded('session.self', 'Session', (_args, { caller }) => mySessions(service, caller)),
      invitations: guarded('members.read', 'Invitation', (_args, { caller }) => pendingInvitations(service, caller)),
    },
    Mutation: {
      login: (_parent: unknown, { input }: { input: { email: string; password: string; organizationId?: string | null } }, { caller }: SubgraphContext) => login(service, caller, input),
      verifyMfa: (_parent: unknown, { input }: { input: { mfaChallenge: string; code: string } }, { caller }: SubgraphContext) => verifyMfa(service, caller, input),
      refreshSession: (_parent: unknown, { refreshToken }: { refreshToken?: string | null }, { caller }: SubgraphContext) => {
        if (!refreshToken) throw badUserInput('refreshToken is required (or, through the gateway with x-credence-session: cookie, the session cookie)');
        return refreshSession(service, caller, refreshToken);
      },
      acceptInvitation: (_parent: unknown, { input }: { input: { token: string; displayName?: string | null; password: string } }, { caller }: SubgraphContext) =>
        acceptInvitation(service, caller, input),
      requestPasswordReset: (_parent: unknown, { email }: { email: string }, { caller }: SubgraphContext) => requestPasswordReset(service, caller, { email }),
      resetPassword: (_parent: unknown, { input }: { input: { token: string; newPassword: string } }, { caller }: SubgraphContext) => resetPassword(service, caller, input),
      logout: guarded('session.self', 'Session', (_args, { caller }) => logout(service, caller)),
      logoutEverywhere: guarded('session.self', 'Session', (_args, { caller }) => logoutEverywhere(service, caller)),
      enrollTotp: guarded<{ password?: string | null }>('session.self', 'User', (args, { caller }) => enrollTotp(service, caller, args.password ?? null)),
      confirmTotp: guarded<{ code: string }>('session.self', 'User', (args, { caller }) => confirmTotp(service, caller, args.code)),
      regenerateRecoveryCodes: guarded<{ totpCode: string }>('account.manage', 'User', (args, { caller }) => regenerateRecoveryCodes(service, caller, args.totpCode)),
      changePassword: guarded<{ input: { currentPassword: string; newPassword: string } }>('account.manage', 'UserPassword', (args, { caller }) => changePassword(service, caller, args.input)),
      switchOrganization: guarded<{ organizationId: string; code?: string | null }>('account.manage', 'Session', (args, { caller }) => switchOrganization(service, caller, args)),
      createOrganization: guarded<{ input: { name: string; ownerEmail: string } }>('organization.create', 'Organization', (args, { caller }) => createOrganization(service, caller, args.input)),
      inviteMember: guarded<{ input: { email: string; role: Role } }>('members.manage', 'Invitation', (args, { caller }) => inviteMember(service, caller, args.input)),
      revokeInvitation: guarded<{ id: string }>('members.manage', 'Invitation', (args, { caller }) => revokeInvitation(service, caller, args)),
      changeMemberRole: guarded<{ userId: string; role: Role }>('members.manage', 'Membership', (args, { caller }) => changeMemberRole(service, caller, args)),
      deactivateMember: guarded<{ userId: string }>('members.manage', 'Membership', (args, { caller }) => deactivateMember(service, caller, args)),
    },
    LoginResult: {
      session: (result: { session?: unknown }) => result.session ?? null,
      mfaChallenge: (result: { mfaChallenge?: string }) => result.mfaChallenge ?? null,
      mfaChallengeExpiresAt: (result: { mfaChallengeExpiresAt?: Date }) => result.mfaChallengeExpiresAt ?? null,
    },
    // Entity references from other subgraphs: only users and organizations the caller may see.
    User: {
      __resolveReference: (reference: { id: string }, context: SubgraphContext) => referencesOf(context)?.users.load(reference.id) ?? null,
    },
    Organization: {
      __resolveReference: (reference: { id: string }, context: SubgraphContext) => referencesOf(context)?.organizations.load(reference.id) ?? null,
    },
  } as SubgraphResolvers;
}
