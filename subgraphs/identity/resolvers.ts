// The identity subgraph's GraphQL operations. Each checks the permission matrix (platform/
// permissions.ts) before doing anything, then hands over to the module that owns the operation.
import DataLoader from 'dataloader';
import { authorize } from '../../platform/authorize.ts';
import { isRole, type Caller } from '../../platform/caller.ts';
import { badUserInput, forbidden } from '../../platform/errors.ts';
import { mayMutate } from '../../platform/permissions.ts';
import { DateTimeScalar, JSONObjectScalar } from '../../platform/scalars.ts';
import type { SubgraphContext } from '../../platform/subgraph-server.ts';
import type { AuthenticationMethod, Resolvers } from '../../schema/generated/identity-resolvers.ts';
import { changePassword, logout, logoutEverywhere, mySessions, viewer } from './account.ts';
import { login, switchOrganization, verifyMfa } from './authentication.ts';
import { confirmTotp, enrollTotp, regenerateRecoveryCodes } from './mfa.ts';
import {
  acceptInvitation, changeMemberRole, createOrganization, currentOrganization, deactivateMember, inviteMember, mayRevokeInvitation, members, membershipChangeRefusal,
  pendingInvitations, revokeInvitation,
} from './organizations.ts';
import { organizationOffboarding, reinstateOrganization, terminateOrganization } from './offboarding.ts';
import { exportDownloadUrl, exportOrganizationData, organizationExports } from './organization-export.ts';
import { requestPasswordReset, resetPassword } from './password-reset.ts';
import { PASSWORD_POLICY } from './password-policy.ts';
import type { IdentityService } from './service.ts';
import { refreshSession } from './sessions.ts';
import { endSupportAccess, requestSupportAccess, supportAccessGrants } from './support-access.ts';
import { organizationsById, usersById, type MembershipView, type OrganizationView, type UserView } from './views.ts';
import { runAsCaller, type EntityManager } from '../../platform/database/orm.ts';

export function identityResolvers(service: IdentityService): Resolvers {
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

  /** A user a record names, as the caller may see it: FORBIDDEN (a field error, the field null) for one it may not. */
  const referencedUser = async (context: SubgraphContext, id: string | null): Promise<UserView | null> => {
    if (id === null) return null;
    const user = await referencesOf(context)?.users.load(id);
    if (!user) throw forbidden('This account is not visible to you: it is not a member of your organization');
    return user;
  };

  return {
    DateTime: DateTimeScalar,
    JSONObject: JSONObjectScalar,
    Query: {
      passwordPolicy: () => PASSWORD_POLICY,
      me: (_parent, _args, { caller }) => authorize(service, caller, 'session.self', { type: 'User' }).then(() => viewer(service, caller)),
      organization: (_parent, _args, { caller }) => authorize(service, caller, 'organization.read', { type: 'Organization' }).then(() => currentOrganization(service, caller)),
      members: (_parent, args, { caller }) => authorize(service, caller, 'members.read', { type: 'Membership' }).then(() => members(service, caller, { ...args, includeDeactivated: args.includeDeactivated === true })),
      mySessions: (_parent, args, { caller }) => authorize(service, caller, 'session.self', { type: 'Session' }).then(() => mySessions(service, caller, args)),
      invitations: (_parent, args, { caller }) => authorize(service, caller, 'members.read', { type: 'Invitation' }).then(() => pendingInvitations(service, caller, args)),
      organizationOffboarding: (_parent, args, { caller }) =>
        authorize(service, caller, 'organization.offboarding.read', { type: 'OrganizationOffboarding' }).then(() => organizationOffboarding(service, caller, args.organizationId)),
      supportAccessGrants: (_parent, args, { caller }) =>
        authorize(service, caller, 'support.read', { type: 'SupportAccessGrant' }).then(() => supportAccessGrants(service, caller, args)),
    },
    Mutation: {
      login: (_parent, { input }, { caller }) => login(service, caller, input),
      verifyMfa: (_parent, { input }, { caller }) => verifyMfa(service, caller, input),
      refreshSession: (_parent, { refreshToken }, { caller }) => {
        if (!refreshToken) throw badUserInput('refreshToken is required (or, through the gateway with x-credence-session: cookie, the session cookie)');
        return refreshSession(service, caller, refreshToken);
      },
      acceptInvitation: (_parent, { input }, { caller }) => acceptInvitation(service, caller, input),
      requestPasswordReset: (_parent, { email }, { caller }) => requestPasswordReset(service, caller, { email }),
      resetPassword: (_parent, { input }, { caller }) => resetPassword(service, caller, input),
      logout: (_parent, _args, { caller }) => authorize(service, caller, 'session.self', { type: 'Session' }).then(() => logout(service, caller)),
      logoutEverywhere: (_parent, _args, { caller }) => authorize(service, caller, 'session.self', { type: 'Session' }).then(() => logoutEverywhere(service, caller)),
      enrollTotp: (_parent, args, { caller }) => authorize(service, caller, 'session.self', { type: 'User' }).then(() => enrollTotp(service, caller, args.password ?? null)),
      confirmTotp: (_parent, args, { caller }) => authorize(service, caller, 'session.self', { type: 'User' }).then(() => confirmTotp(service, caller, args.code)),
      regenerateRecoveryCodes: (_parent, args, { caller }) => authorize(service, caller, 'account.manage', { type: 'User' }).then(() => regenerateRecoveryCodes(service, caller, args.totpCode)),
      changePassword: (_parent, args, { caller }) => authorize(service, caller, 'account.manage', { type: 'UserPassword' }).then(() => changePassword(service, caller, args.input)),
      switchOrganization: (_parent, args, { caller }) => authorize(service, caller, 'account.manage', { type: 'Session' }).then(() => switchOrganization(service, caller, args)),
      createOrganization: (_parent, args, { caller }) => authorize(service, caller, 'organization.create', { type: 'Organization' }).then(() => createOrganization(service, caller, args.input)),
      terminateOrganization: (_parent, args, { caller }) => authorize(service, caller, 'organization.terminate', { type: 'Organization' }).then(() => terminateOrganization(service, caller, args)),
      reinstateOrganization: (_parent, args, { caller }) => authorize(service, caller, 'organization.terminate', { type: 'Organization' }).then(() => reinstateOrganization(service, caller, args)),
      exportOrganizationData: (_parent, args, { caller }) =>
        authorize(service, caller, 'organization.export', { type: 'OrganizationExport' }).then(() => exportOrganizationData(service, caller, args.input)),
      requestSupportAccess: (_parent, args, { caller }) => authorize(service, caller, 'support.request', { type: 'SupportAccessGrant' }).then(() => requestSupportAccess(service, caller, args)),
      endSupportAccess: (_parent, args, { caller }) => authorize(service, caller, 'support.end', { type: 'SupportAccessGrant' }).then(() => endSupportAccess(service, caller, args.grantId)),
      inviteMember: (_parent, args, { caller }) => authorize(service, caller, 'members.manage', { type: 'Invitation' }).then(() => inviteMember(service, caller, args.input)),
      revokeInvitation: (_parent, args, { caller }) => authorize(service, caller, 'members.manage', { type: 'Invitation' }).then(() => revokeInvitation(service, caller, args)),
      changeMemberRole: (_parent, args, { caller }) => authorize(service, caller, 'members.manage', { type: 'Membership' }).then(() => changeMemberRole(service, caller, args)),
      deactivateMember: (_parent, args, { caller }) => authorize(service, caller, 'members.manage', { type: 'Membership' }).then(() => deactivateMember(service, caller, args)),
    },
    OrganizationExport: {
      downloadUrl: (view, _args, { caller }) => exportDownloadUrl(service, caller, view),
    },
    LoginResult: {
      session: (result) => ('session' in result ? result.session : null),
      mfaChallenge: (result) => ('mfaChallenge' in result ? result.mfaChallenge : null),
      mfaChallengeExpiresAt: (result) => ('mfaChallengeExpiresAt' in result ? result.mfaChallengeExpiresAt : null),
    },
    Viewer: {
      authenticationMethods: (viewer) => viewer.authenticationMethods.map(authenticationMethodValue),
    },
    Membership: {
      id: (membership) => `${membership.organization.id}:${membership.user.id}`,
      viewerCanChangeRole: (membership, _args, { caller }) => mayChangeMembership(caller, membership, 'changeMemberRole'),
      viewerCanDeactivate: (membership, _args, { caller }) => mayChangeMembership(caller, membership, 'deactivateMember'),
    },
    Invitation: {
      viewerCanRevoke: (invitation, _args, { caller }) => mayRevokeInvitation(caller, invitation),
    },
    OrganizationOffboarding: {
      id: (offboarding) => offboarding.organizationId,
      organization: (offboarding, _args, context) => referencesOf(context)?.organizations.load(offboarding.organizationId) ?? null,
      exports: (offboarding, _args, { caller }) => organizationExports(service, caller, offboarding.organizationId),
    },
    SupportAccessGrant: {
      organization: (grant, _args, context) => referencesOf(context)?.organizations.load(grant.organizationId) ?? null,
      requestedByUser: (grant, _args, context) => referencedUser(context, grant.requestedBy),
      viewerCanEnd: (grant, _args, { caller }) => grant.active && grant.organizationId === caller.organizationId && mayMutate(caller, 'support.end', 'endSupportAccess'),
    },
    // Entity references from other subgraphs: only users and organizations the caller may see; a
    // user the caller may not see answers FORBIDDEN, so that the field naming it says why it is null.
    User: {
      __resolveReference: async (reference, context) => (referencesOf(context) ? referencedUser(context, reference.id) : null),
    },
    Organization: {
      __resolveReference: (reference, context) => referencesOf(context)?.organizations.load(reference.id) ?? null,
    },
  };
}

/** Whether the caller may change (or deactivate) the membership now: by the matrix, the organization's state and the membership's own rules. */
function mayChangeMembership(caller: Caller, membership: MembershipView, mutationField: 'changeMemberRole' | 'deactivateMember'): boolean {
  return mayMutate(caller, 'members.manage', mutationField) && membership.organization.id === caller.organizationId && membership.status === 'ACTIVE'
    && membershipChangeRefusal(caller, { userId: membership.user.id, role: isRole(membership.role) ? membership.role : null }) === null;
}

/** The RFC 8176 methods a session stores (its tokens' `amr` claim) as the AuthenticationMethod enum shows them. */
const AUTHENTICATION_METHODS = new Map<string, AuthenticationMethod>([['pwd', 'PWD'], ['otp', 'OTP'], ['mfa', 'MFA']]);

function authenticationMethodValue(stored: string): AuthenticationMethod {
  const value = AUTHENTICATION_METHODS.get(stored);
  if (!value) throw new Error(`A session holds an authentication method the schema does not know: ${stored}`);
  return value;
}
