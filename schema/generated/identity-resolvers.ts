// Generated from schema/identity.graphql by `npm run codegen` (schema/codegen.ts): do not edit.
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { LoginResult as LoginResultModel } from '../../subgraphs/identity/authentication.ts';
import type { MembershipView as MembershipViewModel } from '../../subgraphs/identity/views.ts';
import type { MembershipConnectionView as MembershipConnectionViewModel, InvitationConnectionView as InvitationConnectionViewModel, InvitationView as InvitationViewModel } from '../../subgraphs/identity/organizations.ts';
import type { Viewer as ViewerModel } from '../../subgraphs/identity/account.ts';
import type { OrganizationOffboardingView as OrganizationOffboardingViewModel } from '../../subgraphs/identity/offboarding.ts';
import type { OrganizationExportView as OrganizationExportViewModel } from '../../subgraphs/identity/organization-export.ts';
import type { SupportAccessGrantView as SupportAccessGrantViewModel } from '../../subgraphs/identity/support-access.ts';
import type { SubgraphContext } from '../../platform/subgraph-server.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant, as ISO 8601 text with a time zone (2026-01-31T09:00:00Z). */
  DateTime: { input: Date; output: Date | string; }
  /** A JSON object, as facts of an error carry it. */
  JSONObject: { input: never; output: Record<string, unknown>; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Accepting an invitation from its link. */
export type AcceptInvitationInput = {
  /** For a new account: the name to show. Ignored when the invited email already has an account. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** For a new account, its password (checked against the password policy); else the account's password. */
  password: Scalars['String']['input'];
  /** The token of the invitation link (after `#token=`). */
  token: Scalars['String']['input'];
};

/** What `acceptInvitation` answers: its result, or the userErrors that say why there is none. */
export type AcceptInvitationPayload = {
  __typename?: 'AcceptInvitationPayload';
  /** The LoginResult acceptInvitation answers. Null when userErrors is not empty. */
  loginResult?: Maybe<LoginResult>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** How a sign-in was authenticated: the methods of RFC 8176, which a session's access token also carries (its `amr` claim, in lowercase). */
export type AuthenticationMethod =
  /** More than one factor: a password and a one-time code (`mfa`). */
  | 'MFA'
  /** A one-time code: a TOTP code or a recovery code (`otp`). */
  | 'OTP'
  /** A password (`pwd`). */
  | 'PWD';

/** What `changeMemberRole` answers: its result, or the userErrors that say why there is none. */
export type ChangeMemberRolePayload = {
  __typename?: 'ChangeMemberRolePayload';
  /** The Membership changeMemberRole answers. Null when userErrors is not empty. */
  membership?: Maybe<Membership>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** Changing the caller's own password. */
export type ChangePasswordInput = {
  /** The password in use now. */
  currentPassword: Scalars['String']['input'];
  /** The new password, checked against the password policy. */
  newPassword: Scalars['String']['input'];
};

/** What `changePassword` answers: its result, or the userErrors that say why there is none. */
export type ChangePasswordPayload = {
  __typename?: 'ChangePasswordPayload';
  /** True: the password is changed and the other sessions have ended. Null when userErrors is not empty. */
  passwordChanged?: Maybe<Scalars['Boolean']['output']>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `confirmTotp` answers: its result, or the userErrors that say why there is none. */
export type ConfirmTotpPayload = {
  __typename?: 'ConfirmTotpPayload';
  /** The TotpConfirmation confirmTotp answers. Null when userErrors is not empty. */
  totpConfirmation?: Maybe<TotpConfirmation>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A new organization. */
export type CreateOrganizationInput = {
  /** The organization's name. */
  name: Scalars['String']['input'];
  /** The address of its first owner, who is mailed an invitation. */
  ownerEmail: Scalars['String']['input'];
};

/** What `createOrganization` answers: its result, or the userErrors that say why there is none. */
export type CreateOrganizationPayload = {
  __typename?: 'CreateOrganizationPayload';
  /** The OrganizationCreation createOrganization answers. Null when userErrors is not empty. */
  organizationCreation?: Maybe<OrganizationCreation>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `deactivateMember` answers: its result, or the userErrors that say why there is none. */
export type DeactivateMemberPayload = {
  __typename?: 'DeactivateMemberPayload';
  /** The Membership deactivateMember answers. Null when userErrors is not empty. */
  membership?: Maybe<Membership>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `endSupportAccess` answers: its result, or the userErrors that say why there is none. */
export type EndSupportAccessPayload = {
  __typename?: 'EndSupportAccessPayload';
  /** The SupportAccessGrant endSupportAccess answers. Null when userErrors is not empty. */
  supportAccessGrant?: Maybe<SupportAccessGrant>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `enrollTotp` answers: its result, or the userErrors that say why there is none. */
export type EnrollTotpPayload = {
  __typename?: 'EnrollTotpPayload';
  /** The TotpEnrollment enrollTotp answers. Null when userErrors is not empty. */
  totpEnrollment?: Maybe<TotpEnrollment>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What a data export is sealed to: exactly one of a passphrase and a public key. */
export type ExportOrganizationDataInput = {
  /** A passphrase of at least 12 characters; it never leaves the request (a key pair is made for the export, its private key wrapped under it). */
  passphrase?: InputMaybe<Scalars['String']['input']>;
  /** An X25519 public key: its raw 32 bytes in base64. */
  publicKey?: InputMaybe<Scalars['String']['input']>;
};

/** What `exportOrganizationData` answers: its result, or the userErrors that say why there is none. */
export type ExportOrganizationDataPayload = {
  __typename?: 'ExportOrganizationDataPayload';
  /** The OrganizationExport exportOrganizationData answers. Null when userErrors is not empty. */
  organizationExport?: Maybe<OrganizationExport>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/**
 * An invitation to join an organization. Its single-use token is never returned: it goes by mail
 * to the invited address only, as a link to the accept-invitation page, and is stored only as a
 * hash.
 */
export type Invitation = {
  __typename?: 'Invitation';
  /** The invited address. */
  email: Scalars['String']['output'];
  /** When its link stops working (seven days after it was sent). */
  expiresAt: Scalars['DateTime']['output'];
  /** The invitation's id, for `revokeInvitation`. */
  id: Scalars['ID']['output'];
  /** The role the invitee receives on accepting. */
  role: Role;
  /** Where the invitation stands. */
  status: InvitationStatus;
  /** Whether the caller may revoke it now (`revokeInvitation`): pending, the caller an owner or admin of its organization (an owner for an invitation to the owner role), the organization not terminated. */
  viewerCanRevoke: Scalars['Boolean']['output'];
};

/** A page of an organization's pending invitations, oldest first. */
export type InvitationConnection = {
  __typename?: 'InvitationConnection';
  /** The invitations of this page with their cursors. */
  edges: Array<InvitationEdge>;
  /** The invitations of this page (their edges' nodes). */
  nodes: Array<Invitation>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
  /** How many pending invitations the list holds across its pages: the caller's organization's only, as row-level security lets the caller see them. */
  totalCount: Scalars['Int']['output'];
};

/** One invitation of a page of invitations, with its cursor. */
export type InvitationEdge = {
  __typename?: 'InvitationEdge';
  /** The cursor of this invitation: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The invitation. */
  node: Invitation;
};

/** Where an invitation stands. */
export type InvitationStatus =
  /** Used: the invitee is a member. */
  | 'ACCEPTED'
  /** Not used within its seven days; its link is refused. */
  | 'EXPIRED'
  /** Sent and not used yet; its link still works until expiresAt. */
  | 'PENDING'
  /** Revoked by an owner or admin; its link is refused. */
  | 'REVOKED';

/** An invitation to send. */
export type InviteMemberInput = {
  /** The address the invitation link is mailed to. */
  email: Scalars['String']['input'];
  /** The role the invitee receives. Only an owner may invite an owner. */
  role: Role;
};

/** What `inviteMember` answers: its result, or the userErrors that say why there is none. */
export type InviteMemberPayload = {
  __typename?: 'InviteMemberPayload';
  /** The Invitation inviteMember answers. Null when userErrors is not empty. */
  invitation?: Maybe<Invitation>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A sign-in with email and password. */
export type LoginInput = {
  /** The account's sign-in address (compared case-insensitively). */
  email: Scalars['String']['input'];
  /** The organization to sign in to; defaults to the user's oldest active membership. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** The account's password. */
  password: Scalars['String']['input'];
};

/** What `login` answers: its result, or the userErrors that say why there is none. */
export type LoginPayload = {
  __typename?: 'LoginPayload';
  /** The LoginResult login answers. Null when userErrors is not empty. */
  loginResult?: Maybe<LoginResult>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** The answer to a sign-in: tokens, or a challenge for the second factor. */
export type LoginResult = {
  __typename?: 'LoginResult';
  /** Single-use, valid for five minutes. Null when status is AUTHENTICATED. */
  mfaChallenge?: Maybe<Scalars['String']['output']>;
  /** When the mfaChallenge expires; null when there is none. */
  mfaChallengeExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The session's tokens when status is AUTHENTICATED; null when MFA_REQUIRED. */
  session?: Maybe<SessionTokens>;
  /** Whether the caller is signed in or must give a second factor. */
  status: LoginStatus;
};

/** How a sign-in attempt ended. */
export type LoginStatus =
  /** Signed in: `session` holds the tokens. */
  | 'AUTHENTICATED'
  /** The password was right; complete sign-in with `verifyMfa` and the `mfaChallenge`. */
  | 'MFA_REQUIRED';

/** What `logoutEverywhere` answers: its result, or the userErrors that say why there is none. */
export type LogoutEverywherePayload = {
  __typename?: 'LogoutEverywherePayload';
  /** How many sessions ended, this one included. Null when userErrors is not empty. */
  sessionsEnded?: Maybe<Scalars['Int']['output']>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `logout` answers: its result, or the userErrors that say why there is none. */
export type LogoutPayload = {
  __typename?: 'LogoutPayload';
  /** True: the session has ended. Null when userErrors is not empty. */
  signedOut?: Maybe<Scalars['Boolean']['output']>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A user's place in an organization. */
export type Membership = {
  __typename?: 'Membership';
  /** The membership's id: `<organization id>:<user id>`, one per user and organization. */
  id: Scalars['ID']['output'];
  /** The organization the member belongs to. */
  organization: Organization;
  /** What the member may do there. */
  role: Role;
  /** When the user joined the organization. */
  since: Scalars['DateTime']['output'];
  /** Whether the membership is in use. */
  status: MembershipStatus;
  /** The member. */
  user: User;
  /** Whether the caller may change this member's role now (`changeMemberRole`): an owner or admin of this organization, not on its own membership, an owner for another owner, the membership active and the organization not terminated. An organization's last active owner is still refused with CONFLICT. */
  viewerCanChangeRole: Scalars['Boolean']['output'];
  /** Whether the caller may deactivate this member now (`deactivateMember`), by the same rules as `viewerCanChangeRole`. */
  viewerCanDeactivate: Scalars['Boolean']['output'];
};

/** A page of an organization's members, in the order they joined. */
export type MembershipConnection = {
  __typename?: 'MembershipConnection';
  /** The memberships of this page with their cursors. */
  edges: Array<MembershipEdge>;
  /** The memberships of this page (their edges' nodes). */
  nodes: Array<Membership>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
  /** How many members the list holds across its pages (deactivated ones only when asked for): the caller's organization's only, as row-level security lets the caller see them. */
  totalCount: Scalars['Int']['output'];
};

/** One membership of a page of memberships, with its cursor. */
export type MembershipEdge = {
  __typename?: 'MembershipEdge';
  /** The cursor of this membership: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The membership. */
  node: Membership;
};

/** Whether a membership is in use. */
export type MembershipStatus =
  /** The member may sign in to the organization. */
  | 'ACTIVE'
  /** Deactivated by an owner or admin: no sign-in to this organization until invited again. */
  | 'DEACTIVATED';

/** Changing: sign-in, sessions, accounts, members and organizations. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Joins the organization of an invitation and signs in. Refused with INVITATION_REVOKED or INVITATION_EXPIRED when the invitation can no longer be used. */
  acceptInvitation?: Maybe<AcceptInvitationPayload>;
  /** Changes a member's role. Ends the member's sessions in this organization (their tokens carry the old role). Owners and admins; only an owner grants or changes the owner role, and nobody changes their own. */
  changeMemberRole?: Maybe<ChangeMemberRolePayload>;
  /** Changes the caller's password. Ends every other session of the caller. */
  changePassword?: Maybe<ChangePasswordPayload>;
  /** Completes TOTP enrollment with a code from the authenticator app. */
  confirmTotp?: Maybe<ConfirmTotpPayload>;
  /** Creates an organization and invites its first owner. Platform administrators. */
  createOrganization?: Maybe<CreateOrganizationPayload>;
  /** Deactivates a member and ends the member's sessions in this organization at once. Owners and admins. */
  deactivateMember?: Maybe<DeactivateMemberPayload>;
  /** Ends a support access grant of the caller's organization at once: its support session ends. Owners. Ending an ended grant answers it. */
  endSupportAccess?: Maybe<EndSupportAccessPayload>;
  /**
   * Starts (or restarts) TOTP enrollment; `confirmTotp` with a code from the app completes it, and
   * ends every session of the user. From a token that may only enroll, `password` is required once
   * its sign-in is more than ten minutes old.
   */
  enrollTotp?: Maybe<EnrollTotpPayload>;
  /**
   * Asks for the export of the caller's terminated organization's data during its export window:
   * the package is built by the worker, sealed to the passphrase or public key given, and fetched
   * through `OrganizationExport.downloadUrl`. Owners. EXPORT_WINDOW_CLOSED once the window has
   * closed, ORGANIZATION_NOT_TERMINATED for an organization that is not terminated.
   */
  exportOrganizationData?: Maybe<ExportOrganizationDataPayload>;
  /** Mails a single-use invitation link to the address; the token is never returned. Owners and admins. */
  inviteMember?: Maybe<InviteMemberPayload>;
  /** Signs in with email and password. Every failure answers UNAUTHENTICATED alike; repeated failures answer RATE_LIMITED. */
  login?: Maybe<LoginPayload>;
  /** Ends the current session. */
  logout?: Maybe<LogoutPayload>;
  /** Ends every session of the caller, in every organization; answers how many ended. */
  logoutEverywhere?: Maybe<LogoutEverywherePayload>;
  /** A new token pair for the session; the refresh token given stops working. */
  refreshSession?: Maybe<RefreshSessionPayload>;
  /** Replaces the recovery codes (the old ones stop working). */
  regenerateRecoveryCodes?: Maybe<RegenerateRecoveryCodesPayload>;
  /**
   * Reinstates a terminated organization before its export window closes: the deletion is
   * cancelled, the organization is active again and its members sign in anew. Platform
   * administrators, with MFA. REINSTATEMENT_TOO_LATE once the deletion has begun.
   */
  reinstateOrganization?: Maybe<ReinstateOrganizationPayload>;
  /**
   * Mails a single-use reset link (valid 30 minutes) to the account of this address, if there is
   * one. Always answers true, so it tells nobody whether an account exists.
   */
  requestPasswordReset?: Maybe<RequestPasswordResetPayload>;
  /**
   * Asks for break-glass support access to one organization's data: a grant for at most the
   * configured maximum (240 minutes unless set), its owners mailed at once, and a support session
   * that reads that organization only while the grant is live. Platform administrators, with MFA.
   */
  requestSupportAccess?: Maybe<RequestSupportAccessPayload>;
  /** Sets a new password with the token of a reset link; ends every session of the account. */
  resetPassword?: Maybe<ResetPasswordPayload>;
  /** Revokes a pending invitation: its link stops working (INVITATION_REVOKED). Owners and admins; only an owner revokes an invitation to the owner role. */
  revokeInvitation?: Maybe<RevokeInvitationPayload>;
  /**
   * A session in another organization of the caller, in place of this one (which ends); it keeps this
   * sign-in's expiry. `code` (TOTP or recovery code) is required when the role there requires MFA
   * and this sign-in had no second factor.
   */
  switchOrganization?: Maybe<SwitchOrganizationPayload>;
  /**
   * Terminates an organization at once: every session of its members ends, it turns read-only
   * (writes answer ORGANIZATION_TERMINATED), pending invitations are revoked, and its offboarding
   * starts: the export window, then the destruction of its data keys and the deletion of its data.
   * Platform administrators, with MFA. Terminating a terminated organization answers its offboarding.
   */
  terminateOrganization?: Maybe<TerminateOrganizationPayload>;
  /** Completes a sign-in that answered MFA_REQUIRED. */
  verifyMfa?: Maybe<VerifyMfaPayload>;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationAcceptInvitationArgs = {
  input: AcceptInvitationInput;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationChangeMemberRoleArgs = {
  role: Role;
  userId: Scalars['ID']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationConfirmTotpArgs = {
  code: Scalars['String']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationCreateOrganizationArgs = {
  input: CreateOrganizationInput;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationDeactivateMemberArgs = {
  userId: Scalars['ID']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationEndSupportAccessArgs = {
  grantId: Scalars['ID']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationEnrollTotpArgs = {
  password?: InputMaybe<Scalars['String']['input']>;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationExportOrganizationDataArgs = {
  input: ExportOrganizationDataInput;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationInviteMemberArgs = {
  input: InviteMemberInput;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationLoginArgs = {
  input: LoginInput;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationRefreshSessionArgs = {
  refreshToken?: InputMaybe<Scalars['String']['input']>;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationRegenerateRecoveryCodesArgs = {
  totpCode: Scalars['String']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationReinstateOrganizationArgs = {
  organizationId: Scalars['ID']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationRequestPasswordResetArgs = {
  email: Scalars['String']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationRequestSupportAccessArgs = {
  durationMinutes: Scalars['Int']['input'];
  organizationId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  ticket: Scalars['String']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationResetPasswordArgs = {
  input: ResetPasswordInput;
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationRevokeInvitationArgs = {
  id: Scalars['ID']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationSwitchOrganizationArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  organizationId: Scalars['ID']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationTerminateOrganizationArgs = {
  organizationId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


/** Changing: sign-in, sessions, accounts, members and organizations. */
export type MutationVerifyMfaArgs = {
  input: VerifyMfaInput;
};

/** Where a terminated organization's offboarding stands. */
export type OffboardingStatus =
  /** The data is deleted; backups older than the deletion are waited for (purged by `backupsDeadlineAt`) before the certificate is issued. */
  | 'AWAITING_BACKUP_EXPIRY'
  /** Everything of the organization is deleted but its audit events and this record, no backup older than the deletion remains (or none could be asked), and the certificate is issued. */
  | 'DELETED'
  /** The window has closed: the data keys are destroyed and the organization's data is being deleted in batches. */
  | 'DELETING'
  /** The export window is open: the owners may read and export; a platform administrator may reinstate. */
  | 'EXPORT_WINDOW'
  /** Reinstated before the window closed: the deletion was cancelled and the organization is active again. */
  | 'REINSTATED';

/** A hospital or practice that credentials physicians; every record belongs to one. */
export type Organization = {
  __typename?: 'Organization';
  /** When the organization was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The organization's id. */
  id: Scalars['ID']['output'];
  /** The organization's name, as its members see it. */
  name: Scalars['String']['output'];
  /** Whether the organization is in use or terminated. */
  status: OrganizationStatus;
};

/** A new organization and the invitation of its first owner. */
export type OrganizationCreation = {
  __typename?: 'OrganizationCreation';
  /** The organization created. */
  organization: Organization;
  /** The invitation of the organization's first owner. */
  ownerInvitation: Invitation;
};

/**
 * A terminated organization's data export: every physician, credential, verification, document,
 * member and its audit log with checkpoints, decrypted and packaged, the package sealed to the
 * passphrase or public key its owner gave (`npm run export:open` opens it offline).
 */
export type OrganizationExport = {
  __typename?: 'OrganizationExport';
  /** The size of the sealed package in bytes; null before it is ready. */
  bytes?: Maybe<Scalars['Float']['output']>;
  /** How many records of each kind it holds; null before it is ready. */
  counts?: Maybe<OrganizationExportCounts>;
  /** A signed link that fetches the sealed package, valid for 15 minutes (never past `expiresAt`), each fetch audited; null unless ready. Owners only. */
  downloadUrl?: Maybe<Scalars['String']['output']>;
  /** Until when the package may be fetched: the end of the export window. */
  expiresAt: Scalars['DateTime']['output'];
  /** The export's id. */
  id: Scalars['ID']['output'];
  /** When its package was sealed and stored; null before. */
  readyAt?: Maybe<Scalars['DateTime']['output']>;
  /** When an owner asked for it. */
  requestedAt: Scalars['DateTime']['output'];
  /** The SHA-256 of the sealed package, hex; null before it is ready. */
  sha256?: Maybe<Scalars['String']['output']>;
  /** Where it stands. */
  status: OrganizationExportStatus;
};

/** How many records of each kind an organization's data export holds. */
export type OrganizationExportCounts = {
  __typename?: 'OrganizationExportCounts';
  /** Their affiliations. */
  affiliations: Scalars['Int']['output'];
  /** Signed checkpoints of the organization's audit log. */
  auditCheckpoints: Scalars['Int']['output'];
  /** Events of the organization's audit log. */
  auditEvents: Scalars['Int']['output'];
  /** Credentials. */
  credentials: Scalars['Int']['output'];
  /** Documents, each with its file's contents when stored. */
  documents: Scalars['Int']['output'];
  /** Members of the organization. */
  members: Scalars['Int']['output'];
  /** Physicians. */
  physicians: Scalars['Int']['output'];
  /** Checks of the credentials' verifications against primary sources. */
  verificationChecks: Scalars['Int']['output'];
  /** Reviews of the credentials' verifications. */
  verificationReviews: Scalars['Int']['output'];
};

/** Where an organization's data export stands. */
export type OrganizationExportStatus =
  /** Being read, decrypted and sealed. */
  | 'BUILDING'
  /** The window it was made for has ended: its package is removed. */
  | 'EXPIRED'
  /** The build failed; ask for another export. */
  | 'FAILED'
  /** Sealed and stored: `downloadUrl` fetches it. */
  | 'READY'
  /** Asked for; its build has not begun. */
  | 'REQUESTED';

/** A terminated organization's way out: its export window, a reinstatement, then the deletion of its data and its progress. */
export type OrganizationOffboarding = {
  __typename?: 'OrganizationOffboarding';
  /** By when no backup older than the deletion may remain: those left then are purged. */
  backupsDeadlineAt?: Maybe<Scalars['DateTime']['output']>;
  /** The certificate of deletion once certified (null before): a JSON document of what was deleted and when, of the keys' destruction and of what the backups showed, signed with the audit signing key; `npm run audit:verify -- FILE` verifies it offline. */
  certificate?: Maybe<Scalars['String']['output']>;
  /** When the certificate of deletion was issued; null before. */
  certifiedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the deletion of the rows finished; null before. */
  deletedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the deletion began; null before. */
  deletionStartedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Document files deleted so far. */
  documentsDeleted: Scalars['Int']['output'];
  /** When the export window closes and the deletion begins. */
  exportWindowEndsAt: Scalars['DateTime']['output'];
  /** The organization's data exports its owners asked for, newest first (at most 100). */
  exports: Array<OrganizationExport>;
  /** The offboarding's id: that of its organization (an organization is offboarded at most once at a time). */
  id: Scalars['ID']['output'];
  /** When the organization's data keys were destroyed, which makes every copy of its encrypted data unreadable; null before. */
  keysDestroyedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The organization, as an object (`organizationId` is its id). */
  organization?: Maybe<Organization>;
  /** The organization. */
  organizationId: Scalars['ID']['output'];
  /** Why, as a short code (for example `contract_ended`). */
  reason?: Maybe<Scalars['String']['output']>;
  /** When a platform administrator reinstated the organization; null unless reinstated. */
  reinstatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Rows deleted so far. */
  rowsDeleted: Scalars['Int']['output'];
  /** Where the offboarding stands. */
  status: OffboardingStatus;
  /** When the organization was terminated. */
  terminatedAt: Scalars['DateTime']['output'];
};

/** Whether an organization uses Credence. */
export type OrganizationStatus =
  /** In use. */
  | 'ACTIVE'
  /** Terminated by the platform: its sessions ended, it is read-only (writes answer ORGANIZATION_TERMINATED), only its owners may sign in, to read and export (document downloads and the audit log's export still work), until its export window closes and its data is deleted. */
  | 'TERMINATED';

/** Where a page of a list starts and ends, and whether pages come before and after it. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the page's last edge: pass it as `after` (with `first`) for the page after this one; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether a page follows this one. Read backward (last), true when read before a cursor: that cursor's row follows. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether a page comes before this one. Read forward (first), true when read after a cursor: that cursor's row comes before. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the page's first edge: pass it as `before` (with `last`) for the page before this one; null when the page is empty. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/**
 * The rules every new password must meet. Public, so that sign-up and password-change screens can
 * show them before a password is submitted.
 */
export type PasswordPolicy = {
  __typename?: 'PasswordPolicy';
  /** Minimum length in characters, after Unicode NFKC normalization. */
  minLength: Scalars['Int']['output'];
  /** Minimum zxcvbn strength score (0-4), judged with the user's own name and email as context. */
  minStrengthScore: Scalars['Int']['output'];
};

/** Reading: what the caller may see. */
export type Query = {
  __typename?: 'Query';
  /** Pending invitations of the caller's organization, oldest first. Owners and admins. */
  invitations?: Maybe<InvitationConnection>;
  /** The signed-in caller: account, organization, role, memberships and permissions. Any signed-in caller, including a token that may only enroll in MFA. */
  me?: Maybe<Viewer>;
  /** Members of the caller's organization, in the order they joined. Owners and admins. */
  members?: Maybe<MembershipConnection>;
  /** The caller's active sessions, in every organization, newest first. */
  mySessions?: Maybe<SessionConnection>;
  /** The organization the caller's token is bound to. Every role. */
  organization?: Maybe<Organization>;
  /** The offboarding of a terminated organization; null when it was never terminated. Platform administrators (any organization) and owners (their own: the argument may be left out). */
  organizationOffboarding?: Maybe<OrganizationOffboarding>;
  /** The rules a new password must meet. Anyone, signed in or not. */
  passwordPolicy?: Maybe<PasswordPolicy>;
  /** Support access grants, newest first: an owner sees its organization's, a platform administrator its own. */
  supportAccessGrants?: Maybe<SupportAccessGrantConnection>;
};


/** Reading: what the caller may see. */
export type QueryInvitationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reading: what the caller may see. */
export type QueryMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDeactivated?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reading: what the caller may see. */
export type QueryMySessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reading: what the caller may see. */
export type QueryOrganizationOffboardingArgs = {
  organizationId?: InputMaybe<Scalars['ID']['input']>;
};


/** Reading: what the caller may see. */
export type QuerySupportAccessGrantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** What `refreshSession` answers: its result, or the userErrors that say why there is none. */
export type RefreshSessionPayload = {
  __typename?: 'RefreshSessionPayload';
  /** The SessionTokens refreshSession answers. Null when userErrors is not empty. */
  sessionTokens?: Maybe<SessionTokens>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `regenerateRecoveryCodes` answers: its result, or the userErrors that say why there is none. */
export type RegenerateRecoveryCodesPayload = {
  __typename?: 'RegenerateRecoveryCodesPayload';
  /** The new recovery codes, shown this once; the old ones no longer work. Null when userErrors is not empty. */
  recoveryCodes?: Maybe<Array<Scalars['String']['output']>>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `reinstateOrganization` answers: its result, or the userErrors that say why there is none. */
export type ReinstateOrganizationPayload = {
  __typename?: 'ReinstateOrganizationPayload';
  /** The OrganizationOffboarding reinstateOrganization answers. Null when userErrors is not empty. */
  organizationOffboarding?: Maybe<OrganizationOffboarding>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `requestPasswordReset` answers: its result, or the userErrors that say why there is none. */
export type RequestPasswordResetPayload = {
  __typename?: 'RequestPasswordResetPayload';
  /** True whether or not the address belongs to an account, so that the answer tells nobody which addresses do. Null when userErrors is not empty. */
  accepted?: Maybe<Scalars['Boolean']['output']>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `requestSupportAccess` answers: its result, or the userErrors that say why there is none. */
export type RequestSupportAccessPayload = {
  __typename?: 'RequestSupportAccessPayload';
  /** The SupportAccessSession requestSupportAccess answers. Null when userErrors is not empty. */
  supportAccessSession?: Maybe<SupportAccessSession>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** Setting a new password from a reset link. */
export type ResetPasswordInput = {
  /** The new password, checked against the password policy. */
  newPassword: Scalars['String']['input'];
  /** The token of the reset link (after `#token=`). */
  token: Scalars['String']['input'];
};

/** What `resetPassword` answers: its result, or the userErrors that say why there is none. */
export type ResetPasswordPayload = {
  __typename?: 'ResetPasswordPayload';
  /** True: the password is reset and every session of the account has ended. Null when userErrors is not empty. */
  passwordReset?: Maybe<Scalars['Boolean']['output']>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `revokeInvitation` answers: its result, or the userErrors that say why there is none. */
export type RevokeInvitationPayload = {
  __typename?: 'RevokeInvitationPayload';
  /** The Invitation revokeInvitation answers. Null when userErrors is not empty. */
  invitation?: Maybe<Invitation>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/**
 * What a member may do in an organization. The operations each role may perform are listed, for the
 * signed-in caller, in `Viewer.permissions`.
 */
export type Role =
  /** Reads and exports the organization's audit log. */
  | 'AUDITOR'
  /** Runs and reviews verifications, manages physicians' files, credentials and documents. */
  | 'CREDENTIALING_STAFF'
  /** Declares security incidents, records their notifications, sees their deadlines. */
  | 'INCIDENT_RESPONDER'
  /** Members, physicians and credentials of the organization, and its audit log. Requires MFA. */
  | 'ORG_ADMIN'
  /** Everything in the organization: members and roles, retention settings, the audit log. Requires MFA. */
  | 'ORG_OWNER'
  /** A physician: its own file, credentials and documents only. */
  | 'PHYSICIAN'
  /** Runs the platform: creates organizations. Requires MFA. */
  | 'PLATFORM_ADMIN';

/** A signed-in session: one refresh-token family, bound to one organization. */
export type Session = {
  __typename?: 'Session';
  /** When the session was signed in. */
  createdAt: Scalars['DateTime']['output'];
  /** True for the session of the token making this request. */
  current: Scalars['Boolean']['output'];
  /** When the session ends at the latest, however much it is used; an idle session ends sooner. */
  expiresAt: Scalars['DateTime']['output'];
  /** The session's id (the `sessionId` of its tokens). */
  id: Scalars['ID']['output'];
  /** When its tokens were last issued or refreshed. */
  lastUsedAt: Scalars['DateTime']['output'];
  /** The organization the session is bound to. */
  organization: Organization;
};

/** A page of the caller's active sessions, newest first. */
export type SessionConnection = {
  __typename?: 'SessionConnection';
  /** The sessions of this page with their cursors. */
  edges: Array<SessionEdge>;
  /** The sessions of this page (their edges' nodes). */
  nodes: Array<Session>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One session of a page of sessions, with its cursor. */
export type SessionEdge = {
  __typename?: 'SessionEdge';
  /** The cursor of this session: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The session. */
  node: Session;
};

/**
 * Tokens of a session. The access token (a JWT of about ten minutes) goes in
 * `Authorization: Bearer`; the refresh token is single-use: `refreshSession` returns a new pair, and
 * presenting a refresh token a second time ends the whole session.
 */
export type SessionTokens = {
  __typename?: 'SessionTokens';
  /** The bearer token for every request, valid until accessTokenExpiresAt. */
  accessToken: Scalars['String']['output'];
  /** When the access token stops working: refresh shortly before. */
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** True when this token may only enroll in MFA. */
  mfaEnrollmentRequired: Scalars['Boolean']['output'];
  /** The organization these tokens are bound to. */
  organizationId: Scalars['ID']['output'];
  /** Null when the caller asked the gateway to keep it in an HttpOnly cookie (`x-credence-session: cookie`). */
  refreshToken?: Maybe<Scalars['String']['output']>;
  /** When the refresh token stops working if it is not used (the session has ended by then). */
  refreshTokenExpiresAt: Scalars['DateTime']['output'];
  /** The caller's role in that organization. */
  role: Role;
  /** The session these tokens belong to. */
  sessionId: Scalars['ID']['output'];
  /** Always Bearer. */
  tokenType: Scalars['String']['output'];
};

/**
 * Break-glass support access: a platform administrator's time-limited access to one organization's
 * data, for a reason and a ticket, told to the organization's owners at once. It ends by itself at
 * `endsAt`, or earlier when an owner ends it; every read under it is audited under its id.
 */
export type SupportAccessGrant = {
  __typename?: 'SupportAccessGrant';
  /** Whether it is live now: not past `endsAt` and not ended. */
  active: Scalars['Boolean']['output'];
  /** When an owner ended it early; null otherwise. */
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it ends by itself. */
  endsAt: Scalars['DateTime']['output'];
  /** The grant; audit events of reads under it carry it (`support_grant:<id>`). */
  id: Scalars['ID']['output'];
  /** The organization whose data it opens, as an object (`organizationId` is its id). */
  organization?: Maybe<Organization>;
  /** The organization whose data it opens. */
  organizationId: Scalars['ID']['output'];
  /** Why, as a short code. */
  reason: Scalars['String']['output'];
  /** The platform administrator who asked for it and reads under it. */
  requestedBy: Scalars['ID']['output'];
  /** The platform administrator who asked for it, as a user (`requestedBy` is its id). Null for a caller who may not see that account (an owner: the administrator is not a member of the organization), with a FORBIDDEN field error. */
  requestedByUser?: Maybe<User>;
  /** When it began. */
  startsAt: Scalars['DateTime']['output'];
  /** The support ticket it serves (for example `SUP-1234`). */
  ticket: Scalars['String']['output'];
  /** Whether the caller may end it now (`endSupportAccess`): an owner of its organization, while it is live. */
  viewerCanEnd: Scalars['Boolean']['output'];
};

/** A page of support access grants, newest first. */
export type SupportAccessGrantConnection = {
  __typename?: 'SupportAccessGrantConnection';
  /** The grants of this page with their cursors. */
  edges: Array<SupportAccessGrantEdge>;
  /** The grants of this page (their edges' nodes). */
  nodes: Array<SupportAccessGrant>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One grant of a page of grants, with its cursor. */
export type SupportAccessGrantEdge = {
  __typename?: 'SupportAccessGrantEdge';
  /** The cursor of this grant: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The grant. */
  node: SupportAccessGrant;
};

/** A support access grant just made, and the support session that reads under it. */
export type SupportAccessSession = {
  __typename?: 'SupportAccessSession';
  /** The grant. */
  grant: SupportAccessGrant;
  /**
   * The support session's tokens: bound to the granted organization, reading only (never SSN, date
   * of birth or a document's contents, never a write), until the grant ends. The administrator's own session is kept.
   */
  session: SessionTokens;
};

/** What `switchOrganization` answers: its result, or the userErrors that say why there is none. */
export type SwitchOrganizationPayload = {
  __typename?: 'SwitchOrganizationPayload';
  /** The SessionTokens switchOrganization answers. Null when userErrors is not empty. */
  sessionTokens?: Maybe<SessionTokens>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `terminateOrganization` answers: its result, or the userErrors that say why there is none. */
export type TerminateOrganizationPayload = {
  __typename?: 'TerminateOrganizationPayload';
  /** The OrganizationOffboarding terminateOrganization answers. Null when userErrors is not empty. */
  organizationOffboarding?: Maybe<OrganizationOffboarding>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A confirmed authenticator enrollment. */
export type TotpConfirmation = {
  __typename?: 'TotpConfirmation';
  /** Ten single-use recovery codes, shown once: each signs in once in place of a TOTP code. */
  recoveryCodes: Array<Scalars['String']['output']>;
  /** New tokens with full access (the enrollment-only token, if any, stops working). */
  session: SessionTokens;
};

/** An authenticator enrollment in progress: show it to the user, then confirm it with `confirmTotp`. */
export type TotpEnrollment = {
  __typename?: 'TotpEnrollment';
  /** otpauth:// URI, to show as a QR code. */
  otpauthUri: Scalars['String']['output'];
  /** Base32 secret, for authenticator apps that cannot scan the URI. */
  secret: Scalars['String']['output'];
};

/** A person who signs in to Credence. One account may belong to several organizations. */
export type User = {
  __typename?: 'User';
  /** The name to show for the user. */
  displayName: Scalars['String']['output'];
  /** The sign-in address, in lowercase. */
  email: Scalars['String']['output'];
  /** The user's id, stable across organizations. */
  id: Scalars['ID']['output'];
  /** Whether an authenticator app (TOTP) is enrolled. */
  mfaEnabled: Scalars['Boolean']['output'];
};

/**
 * An expected failure of a mutation, answered as data in its payload beside a null result: input to
 * correct, a conflict with the current state, a record gone. Nothing was changed. Authentication,
 * permission, rate-limit and availability failures are errors of the response instead
 * (schema/ERRORS.md lists which codes come here).
 */
export type UserError = {
  __typename?: 'UserError';
  /** The stable code, as `extensions.code` would carry it. */
  code: UserErrorCode;
  /** The other facts of the failure that schema/ERRORS.md lists for its code (a credentialing file's blockers, an audit range's size); null when there are none. */
  details?: Maybe<Scalars['JSONObject']['output']>;
  /** The path to the input at fault as the caller wrote it (the argument, then each input field: ["input", "npi"]); null when no one input is. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** What is wrong, in words that can be shown to the user. */
  message: Scalars['String']['output'];
  /** The rule the input breaks, a stable code listed with its code in schema/ERRORS.md (INVALID_NPI, OUT_OF_RANGE, …); null when there is none. */
  reason?: Maybe<Scalars['String']['output']>;
};

/** The codes a mutation answers in userErrors; each is explained, with what to do, in schema/ERRORS.md. */
export type UserErrorCode =
  /** The audit range holds more events than one request may: details.useInstead names the background mutation. */
  | 'AUDIT_RANGE_TOO_LARGE'
  /** The input is not valid: field and reason say where and why. */
  | 'BAD_USER_INPUT'
  /** The request contradicts the current state (a duplicate, the last owner). */
  | 'CONFLICT'
  /** The credentialing file is not ready for a decision: details.blockers says what keeps it. */
  | 'CREDENTIALING_FILE_NOT_READY'
  /** The organization's export window has closed. */
  | 'EXPORT_WINDOW_CLOSED'
  /** The incident is closed: nothing more can be recorded for it. */
  | 'INCIDENT_CLOSED'
  /** The invitation has expired. */
  | 'INVITATION_EXPIRED'
  /** The invitation was revoked. */
  | 'INVITATION_REVOKED'
  /** The record does not exist or is not visible to the caller's organization. */
  | 'NOT_FOUND'
  /** The incident does not require this notice, or no longer does. */
  | 'OBLIGATION_UNKNOWN'
  /** The organization is not terminated: it has no export to ask for. */
  | 'ORGANIZATION_NOT_TERMINATED'
  /** The organization's deletion has begun: it can no longer be reinstated. */
  | 'REINSTATEMENT_TOO_LATE'
  /** The verification review is no longer waiting for a decision. */
  | 'REVIEW_NOT_PENDING'
  /** The security alert was acknowledged already. */
  | 'SECURITY_ALERT_ACKNOWLEDGED';

/** The second step of a sign-in that requires MFA. */
export type VerifyMfaInput = {
  /** A six-digit TOTP code, or one of the recovery codes. */
  code: Scalars['String']['input'];
  /** The challenge `login` answered with MFA_REQUIRED. */
  mfaChallenge: Scalars['String']['input'];
};

/** What `verifyMfa` answers: its result, or the userErrors that say why there is none. */
export type VerifyMfaPayload = {
  __typename?: 'VerifyMfaPayload';
  /** The SessionTokens verifyMfa answers. Null when userErrors is not empty. */
  sessionTokens?: Maybe<SessionTokens>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** The signed-in caller. */
export type Viewer = {
  __typename?: 'Viewer';
  /** How the current session was authenticated (the RFC 8176 methods of its sign-in). */
  authenticationMethods: Array<AuthenticationMethod>;
  /** Every active membership: the organizations `switchOrganization` can move to. */
  memberships: Array<Membership>;
  /** True while the token may only enroll in MFA (roles that require MFA, before enrollment). */
  mfaEnrollmentRequired: Scalars['Boolean']['output'];
  /** The organization the current token is bound to. */
  organization: Organization;
  /**
   * The operations the caller may perform with this token, by name (for example `credential.manage`,
   * `members.manage`, `audit.read`), for showing only what the caller can use. They come from the
   * same permission matrix that every request is checked against. A token that may only enroll in MFA
   * lists only what it may do before enrolling. Some operations are narrowed further by the record: a
   * physician reaches its own file only, and only an owner grants or changes the owner role.
   */
  permissions: Array<Scalars['String']['output']>;
  /** The caller's role in that organization. */
  role: Role;
  /** The caller's account. */
  user: User;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Organization: Organization;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Organization:
    ( { __typename: 'Organization' }
    & GraphQLRecursivePick<FederationTypes['Organization'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AcceptInvitationInput: AcceptInvitationInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AcceptInvitationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['LoginResult']>>;
  AuthenticationMethod: AuthenticationMethod;
  ChangeMemberRolePayload: ResolverTypeWrapper<Maybe<ResolversTypes['Membership']>>;
  ChangePasswordInput: ChangePasswordInput;
  ChangePasswordPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Boolean']>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ConfirmTotpPayload: ResolverTypeWrapper<Maybe<ResolversTypes['TotpConfirmation']>>;
  CreateOrganizationInput: CreateOrganizationInput;
  CreateOrganizationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['OrganizationCreation']>>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeactivateMemberPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Membership']>>;
  EndSupportAccessPayload: ResolverTypeWrapper<Maybe<ResolversTypes['SupportAccessGrant']>>;
  EnrollTotpPayload: ResolverTypeWrapper<Maybe<ResolversTypes['TotpEnrollment']>>;
  ExportOrganizationDataInput: ExportOrganizationDataInput;
  ExportOrganizationDataPayload: ResolverTypeWrapper<Maybe<ResolversTypes['OrganizationExport']>>;
  Invitation: ResolverTypeWrapper<InvitationViewModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  InvitationConnection: ResolverTypeWrapper<InvitationConnectionViewModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  InvitationEdge: ResolverTypeWrapper<Omit<InvitationEdge, 'node'> & { node: ResolversTypes['Invitation'] }>;
  InvitationStatus: InvitationStatus;
  InviteMemberInput: InviteMemberInput;
  InviteMemberPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Invitation']>>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  LoginInput: LoginInput;
  LoginPayload: ResolverTypeWrapper<Maybe<ResolversTypes['LoginResult']>>;
  LoginResult: ResolverTypeWrapper<LoginResultModel>;
  LoginStatus: LoginStatus;
  LogoutEverywherePayload: ResolverTypeWrapper<Maybe<ResolversTypes['Int']>>;
  LogoutPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Boolean']>>;
  Membership: ResolverTypeWrapper<MembershipViewModel>;
  MembershipConnection: ResolverTypeWrapper<MembershipConnectionViewModel>;
  MembershipEdge: ResolverTypeWrapper<Omit<MembershipEdge, 'node'> & { node: ResolversTypes['Membership'] }>;
  MembershipStatus: MembershipStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OffboardingStatus: OffboardingStatus;
  Organization: ResolverTypeWrapper<Organization>;
  OrganizationCreation: ResolverTypeWrapper<Omit<OrganizationCreation, 'ownerInvitation'> & { ownerInvitation: ResolversTypes['Invitation'] }>;
  OrganizationExport: ResolverTypeWrapper<OrganizationExportViewModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  OrganizationExportCounts: ResolverTypeWrapper<OrganizationExportCounts>;
  OrganizationExportStatus: OrganizationExportStatus;
  OrganizationOffboarding: ResolverTypeWrapper<OrganizationOffboardingViewModel>;
  OrganizationStatus: OrganizationStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PasswordPolicy: ResolverTypeWrapper<PasswordPolicy>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RefreshSessionPayload: ResolverTypeWrapper<Maybe<ResolversTypes['SessionTokens']>>;
  RegenerateRecoveryCodesPayload: ResolverTypeWrapper<Maybe<Array<ResolversTypes['String']>>>;
  ReinstateOrganizationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['OrganizationOffboarding']>>;
  RequestPasswordResetPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Boolean']>>;
  RequestSupportAccessPayload: ResolverTypeWrapper<Maybe<ResolversTypes['SupportAccessSession']>>;
  ResetPasswordInput: ResetPasswordInput;
  ResetPasswordPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Boolean']>>;
  RevokeInvitationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Invitation']>>;
  Role: Role;
  Session: ResolverTypeWrapper<Session>;
  SessionConnection: ResolverTypeWrapper<SessionConnection>;
  SessionEdge: ResolverTypeWrapper<SessionEdge>;
  SessionTokens: ResolverTypeWrapper<SessionTokens>;
  SupportAccessGrant: ResolverTypeWrapper<SupportAccessGrantViewModel>;
  SupportAccessGrantConnection: ResolverTypeWrapper<Omit<SupportAccessGrantConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['SupportAccessGrantEdge']>, nodes: Array<ResolversTypes['SupportAccessGrant']> }>;
  SupportAccessGrantEdge: ResolverTypeWrapper<Omit<SupportAccessGrantEdge, 'node'> & { node: ResolversTypes['SupportAccessGrant'] }>;
  SupportAccessSession: ResolverTypeWrapper<Omit<SupportAccessSession, 'grant'> & { grant: ResolversTypes['SupportAccessGrant'] }>;
  SwitchOrganizationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['SessionTokens']>>;
  TerminateOrganizationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['OrganizationOffboarding']>>;
  TotpConfirmation: ResolverTypeWrapper<TotpConfirmation>;
  TotpEnrollment: ResolverTypeWrapper<TotpEnrollment>;
  User: ResolverTypeWrapper<User>;
  UserError: ResolverTypeWrapper<UserError>;
  UserErrorCode: UserErrorCode;
  VerifyMfaInput: VerifyMfaInput;
  VerifyMfaPayload: ResolverTypeWrapper<Maybe<ResolversTypes['SessionTokens']>>;
  Viewer: ResolverTypeWrapper<ViewerModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AcceptInvitationInput: AcceptInvitationInput;
  String: Scalars['String']['output'];
  AcceptInvitationPayload: Maybe<ResolversTypes['LoginResult']>;
  ChangeMemberRolePayload: Maybe<ResolversTypes['Membership']>;
  ChangePasswordInput: ChangePasswordInput;
  ChangePasswordPayload: Maybe<ResolversTypes['Boolean']>;
  Boolean: Scalars['Boolean']['output'];
  ConfirmTotpPayload: Maybe<ResolversTypes['TotpConfirmation']>;
  CreateOrganizationInput: CreateOrganizationInput;
  CreateOrganizationPayload: Maybe<ResolversTypes['OrganizationCreation']>;
  DateTime: Scalars['DateTime']['output'];
  DeactivateMemberPayload: Maybe<ResolversTypes['Membership']>;
  EndSupportAccessPayload: Maybe<ResolversTypes['SupportAccessGrant']>;
  EnrollTotpPayload: Maybe<ResolversTypes['TotpEnrollment']>;
  ExportOrganizationDataInput: ExportOrganizationDataInput;
  ExportOrganizationDataPayload: Maybe<ResolversTypes['OrganizationExport']>;
  Invitation: InvitationViewModel;
  ID: Scalars['ID']['output'];
  InvitationConnection: InvitationConnectionViewModel;
  Int: Scalars['Int']['output'];
  InvitationEdge: Omit<InvitationEdge, 'node'> & { node: ResolversParentTypes['Invitation'] };
  InviteMemberInput: InviteMemberInput;
  InviteMemberPayload: Maybe<ResolversTypes['Invitation']>;
  JSONObject: Scalars['JSONObject']['output'];
  LoginInput: LoginInput;
  LoginPayload: Maybe<ResolversTypes['LoginResult']>;
  LoginResult: LoginResultModel;
  LogoutEverywherePayload: Maybe<ResolversTypes['Int']>;
  LogoutPayload: Maybe<ResolversTypes['Boolean']>;
  Membership: MembershipViewModel;
  MembershipConnection: MembershipConnectionViewModel;
  MembershipEdge: Omit<MembershipEdge, 'node'> & { node: ResolversParentTypes['Membership'] };
  Mutation: Record<PropertyKey, never>;
  Organization: Organization | FederationReferenceTypes['Organization'];
  OrganizationCreation: Omit<OrganizationCreation, 'ownerInvitation'> & { ownerInvitation: ResolversParentTypes['Invitation'] };
  OrganizationExport: OrganizationExportViewModel;
  Float: Scalars['Float']['output'];
  OrganizationExportCounts: OrganizationExportCounts;
  OrganizationOffboarding: OrganizationOffboardingViewModel;
  PageInfo: PageInfo;
  PasswordPolicy: PasswordPolicy;
  Query: Record<PropertyKey, never>;
  RefreshSessionPayload: Maybe<ResolversTypes['SessionTokens']>;
  RegenerateRecoveryCodesPayload: Maybe<Array<ResolversTypes['String']>>;
  ReinstateOrganizationPayload: Maybe<ResolversTypes['OrganizationOffboarding']>;
  RequestPasswordResetPayload: Maybe<ResolversTypes['Boolean']>;
  RequestSupportAccessPayload: Maybe<ResolversTypes['SupportAccessSession']>;
  ResetPasswordInput: ResetPasswordInput;
  ResetPasswordPayload: Maybe<ResolversTypes['Boolean']>;
  RevokeInvitationPayload: Maybe<ResolversTypes['Invitation']>;
  Session: Session;
  SessionConnection: SessionConnection;
  SessionEdge: SessionEdge;
  SessionTokens: SessionTokens;
  SupportAccessGrant: SupportAccessGrantViewModel;
  SupportAccessGrantConnection: Omit<SupportAccessGrantConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['SupportAccessGrantEdge']>, nodes: Array<ResolversParentTypes['SupportAccessGrant']> };
  SupportAccessGrantEdge: Omit<SupportAccessGrantEdge, 'node'> & { node: ResolversParentTypes['SupportAccessGrant'] };
  SupportAccessSession: Omit<SupportAccessSession, 'grant'> & { grant: ResolversParentTypes['SupportAccessGrant'] };
  SwitchOrganizationPayload: Maybe<ResolversTypes['SessionTokens']>;
  TerminateOrganizationPayload: Maybe<ResolversTypes['OrganizationOffboarding']>;
  TotpConfirmation: TotpConfirmation;
  TotpEnrollment: TotpEnrollment;
  User: User | FederationReferenceTypes['User'];
  UserError: UserError;
  VerifyMfaInput: VerifyMfaInput;
  VerifyMfaPayload: Maybe<ResolversTypes['SessionTokens']>;
  Viewer: ViewerModel;
};

export type AcceptInvitationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AcceptInvitationPayload'] = ResolversParentTypes['AcceptInvitationPayload']> = {
  loginResult?: Resolver<Maybe<ResolversTypes['LoginResult']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ChangeMemberRolePayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ChangeMemberRolePayload'] = ResolversParentTypes['ChangeMemberRolePayload']> = {
  membership?: Resolver<Maybe<ResolversTypes['Membership']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ChangePasswordPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ChangePasswordPayload'] = ResolversParentTypes['ChangePasswordPayload']> = {
  passwordChanged?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ConfirmTotpPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ConfirmTotpPayload'] = ResolversParentTypes['ConfirmTotpPayload']> = {
  totpConfirmation?: Resolver<Maybe<ResolversTypes['TotpConfirmation']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CreateOrganizationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CreateOrganizationPayload'] = ResolversParentTypes['CreateOrganizationPayload']> = {
  organizationCreation?: Resolver<Maybe<ResolversTypes['OrganizationCreation']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeactivateMemberPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DeactivateMemberPayload'] = ResolversParentTypes['DeactivateMemberPayload']> = {
  membership?: Resolver<Maybe<ResolversTypes['Membership']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type EndSupportAccessPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['EndSupportAccessPayload'] = ResolversParentTypes['EndSupportAccessPayload']> = {
  supportAccessGrant?: Resolver<Maybe<ResolversTypes['SupportAccessGrant']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type EnrollTotpPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['EnrollTotpPayload'] = ResolversParentTypes['EnrollTotpPayload']> = {
  totpEnrollment?: Resolver<Maybe<ResolversTypes['TotpEnrollment']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ExportOrganizationDataPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ExportOrganizationDataPayload'] = ResolversParentTypes['ExportOrganizationDataPayload']> = {
  organizationExport?: Resolver<Maybe<ResolversTypes['OrganizationExport']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type InvitationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Invitation'] = ResolversParentTypes['Invitation']> = {
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['InvitationStatus'], ParentType, ContextType>;
  viewerCanRevoke?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type InvitationConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['InvitationConnection'] = ResolversParentTypes['InvitationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['InvitationEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Invitation']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type InvitationEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['InvitationEdge'] = ResolversParentTypes['InvitationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Invitation'], ParentType, ContextType>;
};

export type InviteMemberPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['InviteMemberPayload'] = ResolversParentTypes['InviteMemberPayload']> = {
  invitation?: Resolver<Maybe<ResolversTypes['Invitation']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type LoginPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LoginPayload'] = ResolversParentTypes['LoginPayload']> = {
  loginResult?: Resolver<Maybe<ResolversTypes['LoginResult']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type LoginResultResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LoginResult'] = ResolversParentTypes['LoginResult']> = {
  mfaChallenge?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mfaChallengeExpiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['SessionTokens']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LoginStatus'], ParentType, ContextType>;
};

export type LogoutEverywherePayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LogoutEverywherePayload'] = ResolversParentTypes['LogoutEverywherePayload']> = {
  sessionsEnded?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type LogoutPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LogoutPayload'] = ResolversParentTypes['LogoutPayload']> = {
  signedOut?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type MembershipResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Membership'] = ResolversParentTypes['Membership']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MembershipStatus'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  viewerCanChangeRole?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  viewerCanDeactivate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MembershipConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MembershipConnection'] = ResolversParentTypes['MembershipConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MembershipEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Membership']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MembershipEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MembershipEdge'] = ResolversParentTypes['MembershipEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Membership'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acceptInvitation?: Resolver<Maybe<ResolversTypes['AcceptInvitationPayload']>, ParentType, ContextType, RequireFields<MutationAcceptInvitationArgs, 'input'>>;
  changeMemberRole?: Resolver<Maybe<ResolversTypes['ChangeMemberRolePayload']>, ParentType, ContextType, RequireFields<MutationChangeMemberRoleArgs, 'role' | 'userId'>>;
  changePassword?: Resolver<Maybe<ResolversTypes['ChangePasswordPayload']>, ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'input'>>;
  confirmTotp?: Resolver<Maybe<ResolversTypes['ConfirmTotpPayload']>, ParentType, ContextType, RequireFields<MutationConfirmTotpArgs, 'code'>>;
  createOrganization?: Resolver<Maybe<ResolversTypes['CreateOrganizationPayload']>, ParentType, ContextType, RequireFields<MutationCreateOrganizationArgs, 'input'>>;
  deactivateMember?: Resolver<Maybe<ResolversTypes['DeactivateMemberPayload']>, ParentType, ContextType, RequireFields<MutationDeactivateMemberArgs, 'userId'>>;
  endSupportAccess?: Resolver<Maybe<ResolversTypes['EndSupportAccessPayload']>, ParentType, ContextType, RequireFields<MutationEndSupportAccessArgs, 'grantId'>>;
  enrollTotp?: Resolver<Maybe<ResolversTypes['EnrollTotpPayload']>, ParentType, ContextType, Partial<MutationEnrollTotpArgs>>;
  exportOrganizationData?: Resolver<Maybe<ResolversTypes['ExportOrganizationDataPayload']>, ParentType, ContextType, RequireFields<MutationExportOrganizationDataArgs, 'input'>>;
  inviteMember?: Resolver<Maybe<ResolversTypes['InviteMemberPayload']>, ParentType, ContextType, RequireFields<MutationInviteMemberArgs, 'input'>>;
  login?: Resolver<Maybe<ResolversTypes['LoginPayload']>, ParentType, ContextType, RequireFields<MutationLoginArgs, 'input'>>;
  logout?: Resolver<Maybe<ResolversTypes['LogoutPayload']>, ParentType, ContextType>;
  logoutEverywhere?: Resolver<Maybe<ResolversTypes['LogoutEverywherePayload']>, ParentType, ContextType>;
  refreshSession?: Resolver<Maybe<ResolversTypes['RefreshSessionPayload']>, ParentType, ContextType, Partial<MutationRefreshSessionArgs>>;
  regenerateRecoveryCodes?: Resolver<Maybe<ResolversTypes['RegenerateRecoveryCodesPayload']>, ParentType, ContextType, RequireFields<MutationRegenerateRecoveryCodesArgs, 'totpCode'>>;
  reinstateOrganization?: Resolver<Maybe<ResolversTypes['ReinstateOrganizationPayload']>, ParentType, ContextType, RequireFields<MutationReinstateOrganizationArgs, 'organizationId'>>;
  requestPasswordReset?: Resolver<Maybe<ResolversTypes['RequestPasswordResetPayload']>, ParentType, ContextType, RequireFields<MutationRequestPasswordResetArgs, 'email'>>;
  requestSupportAccess?: Resolver<Maybe<ResolversTypes['RequestSupportAccessPayload']>, ParentType, ContextType, RequireFields<MutationRequestSupportAccessArgs, 'durationMinutes' | 'organizationId' | 'reason' | 'ticket'>>;
  resetPassword?: Resolver<Maybe<ResolversTypes['ResetPasswordPayload']>, ParentType, ContextType, RequireFields<MutationResetPasswordArgs, 'input'>>;
  revokeInvitation?: Resolver<Maybe<ResolversTypes['RevokeInvitationPayload']>, ParentType, ContextType, RequireFields<MutationRevokeInvitationArgs, 'id'>>;
  switchOrganization?: Resolver<Maybe<ResolversTypes['SwitchOrganizationPayload']>, ParentType, ContextType, RequireFields<MutationSwitchOrganizationArgs, 'organizationId'>>;
  terminateOrganization?: Resolver<Maybe<ResolversTypes['TerminateOrganizationPayload']>, ParentType, ContextType, RequireFields<MutationTerminateOrganizationArgs, 'organizationId' | 'reason'>>;
  verifyMfa?: Resolver<Maybe<ResolversTypes['VerifyMfaPayload']>, ParentType, ContextType, RequireFields<MutationVerifyMfaArgs, 'input'>>;
};

export type OrganizationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization'], FederationReferenceType extends FederationReferenceTypes['Organization'] = FederationReferenceTypes['Organization']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Organization']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrganizationStatus'], ParentType, ContextType>;
};

export type OrganizationCreationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OrganizationCreation'] = ResolversParentTypes['OrganizationCreation']> = {
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  ownerInvitation?: Resolver<ResolversTypes['Invitation'], ParentType, ContextType>;
};

export type OrganizationExportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OrganizationExport'] = ResolversParentTypes['OrganizationExport']> = {
  bytes?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  counts?: Resolver<Maybe<ResolversTypes['OrganizationExportCounts']>, ParentType, ContextType>;
  downloadUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  readyAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrganizationExportStatus'], ParentType, ContextType>;
};

export type OrganizationExportCountsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OrganizationExportCounts'] = ResolversParentTypes['OrganizationExportCounts']> = {
  affiliations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  auditCheckpoints?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  auditEvents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  credentials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  documents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  members?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  physicians?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  verificationChecks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  verificationReviews?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OrganizationOffboardingResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OrganizationOffboarding'] = ResolversParentTypes['OrganizationOffboarding']> = {
  backupsDeadlineAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  certificate?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  certifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deletedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deletionStartedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  documentsDeleted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  exportWindowEndsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  exports?: Resolver<Array<ResolversTypes['OrganizationExport']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keysDestroyedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  organization?: Resolver<Maybe<ResolversTypes['Organization']>, ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reinstatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  rowsDeleted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OffboardingStatus'], ParentType, ContextType>;
  terminatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PasswordPolicyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PasswordPolicy'] = ResolversParentTypes['PasswordPolicy']> = {
  minLength?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minStrengthScore?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  invitations?: Resolver<Maybe<ResolversTypes['InvitationConnection']>, ParentType, ContextType, Partial<QueryInvitationsArgs>>;
  me?: Resolver<Maybe<ResolversTypes['Viewer']>, ParentType, ContextType>;
  members?: Resolver<Maybe<ResolversTypes['MembershipConnection']>, ParentType, ContextType, RequireFields<QueryMembersArgs, 'includeDeactivated'>>;
  mySessions?: Resolver<Maybe<ResolversTypes['SessionConnection']>, ParentType, ContextType, Partial<QueryMySessionsArgs>>;
  organization?: Resolver<Maybe<ResolversTypes['Organization']>, ParentType, ContextType>;
  organizationOffboarding?: Resolver<Maybe<ResolversTypes['OrganizationOffboarding']>, ParentType, ContextType, Partial<QueryOrganizationOffboardingArgs>>;
  passwordPolicy?: Resolver<Maybe<ResolversTypes['PasswordPolicy']>, ParentType, ContextType>;
  supportAccessGrants?: Resolver<Maybe<ResolversTypes['SupportAccessGrantConnection']>, ParentType, ContextType, Partial<QuerySupportAccessGrantsArgs>>;
};

export type RefreshSessionPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RefreshSessionPayload'] = ResolversParentTypes['RefreshSessionPayload']> = {
  sessionTokens?: Resolver<Maybe<ResolversTypes['SessionTokens']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RegenerateRecoveryCodesPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RegenerateRecoveryCodesPayload'] = ResolversParentTypes['RegenerateRecoveryCodesPayload']> = {
  recoveryCodes?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ReinstateOrganizationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReinstateOrganizationPayload'] = ResolversParentTypes['ReinstateOrganizationPayload']> = {
  organizationOffboarding?: Resolver<Maybe<ResolversTypes['OrganizationOffboarding']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RequestPasswordResetPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RequestPasswordResetPayload'] = ResolversParentTypes['RequestPasswordResetPayload']> = {
  accepted?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RequestSupportAccessPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RequestSupportAccessPayload'] = ResolversParentTypes['RequestSupportAccessPayload']> = {
  supportAccessSession?: Resolver<Maybe<ResolversTypes['SupportAccessSession']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ResetPasswordPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ResetPasswordPayload'] = ResolversParentTypes['ResetPasswordPayload']> = {
  passwordReset?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RevokeInvitationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RevokeInvitationPayload'] = ResolversParentTypes['RevokeInvitationPayload']> = {
  invitation?: Resolver<Maybe<ResolversTypes['Invitation']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type SessionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
};

export type SessionConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SessionConnection'] = ResolversParentTypes['SessionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SessionEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Session']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type SessionEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SessionEdge'] = ResolversParentTypes['SessionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Session'], ParentType, ContextType>;
};

export type SessionTokensResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SessionTokens'] = ResolversParentTypes['SessionTokens']> = {
  accessToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  accessTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  mfaEnrollmentRequired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  refreshToken?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  refreshTokenExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tokenType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SupportAccessGrantResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SupportAccessGrant'] = ResolversParentTypes['SupportAccessGrant']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  endedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organization?: Resolver<Maybe<ResolversTypes['Organization']>, ParentType, ContextType>;
  organizationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestedBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  requestedByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  ticket?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  viewerCanEnd?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SupportAccessGrantConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SupportAccessGrantConnection'] = ResolversParentTypes['SupportAccessGrantConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SupportAccessGrantEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['SupportAccessGrant']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type SupportAccessGrantEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SupportAccessGrantEdge'] = ResolversParentTypes['SupportAccessGrantEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SupportAccessGrant'], ParentType, ContextType>;
};

export type SupportAccessSessionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SupportAccessSession'] = ResolversParentTypes['SupportAccessSession']> = {
  grant?: Resolver<ResolversTypes['SupportAccessGrant'], ParentType, ContextType>;
  session?: Resolver<ResolversTypes['SessionTokens'], ParentType, ContextType>;
};

export type SwitchOrganizationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SwitchOrganizationPayload'] = ResolversParentTypes['SwitchOrganizationPayload']> = {
  sessionTokens?: Resolver<Maybe<ResolversTypes['SessionTokens']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type TerminateOrganizationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TerminateOrganizationPayload'] = ResolversParentTypes['TerminateOrganizationPayload']> = {
  organizationOffboarding?: Resolver<Maybe<ResolversTypes['OrganizationOffboarding']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type TotpConfirmationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TotpConfirmation'] = ResolversParentTypes['TotpConfirmation']> = {
  recoveryCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  session?: Resolver<ResolversTypes['SessionTokens'], ParentType, ContextType>;
};

export type TotpEnrollmentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TotpEnrollment'] = ResolversParentTypes['TotpEnrollment']> = {
  otpauthUri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mfaEnabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type VerifyMfaPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VerifyMfaPayload'] = ResolversParentTypes['VerifyMfaPayload']> = {
  sessionTokens?: Resolver<Maybe<ResolversTypes['SessionTokens']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  authenticationMethods?: Resolver<Array<ResolversTypes['AuthenticationMethod']>, ParentType, ContextType>;
  memberships?: Resolver<Array<ResolversTypes['Membership']>, ParentType, ContextType>;
  mfaEnrollmentRequired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  permissions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  AcceptInvitationPayload?: AcceptInvitationPayloadResolvers<ContextType>;
  ChangeMemberRolePayload?: ChangeMemberRolePayloadResolvers<ContextType>;
  ChangePasswordPayload?: ChangePasswordPayloadResolvers<ContextType>;
  ConfirmTotpPayload?: ConfirmTotpPayloadResolvers<ContextType>;
  CreateOrganizationPayload?: CreateOrganizationPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeactivateMemberPayload?: DeactivateMemberPayloadResolvers<ContextType>;
  EndSupportAccessPayload?: EndSupportAccessPayloadResolvers<ContextType>;
  EnrollTotpPayload?: EnrollTotpPayloadResolvers<ContextType>;
  ExportOrganizationDataPayload?: ExportOrganizationDataPayloadResolvers<ContextType>;
  Invitation?: InvitationResolvers<ContextType>;
  InvitationConnection?: InvitationConnectionResolvers<ContextType>;
  InvitationEdge?: InvitationEdgeResolvers<ContextType>;
  InviteMemberPayload?: InviteMemberPayloadResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  LoginPayload?: LoginPayloadResolvers<ContextType>;
  LoginResult?: LoginResultResolvers<ContextType>;
  LogoutEverywherePayload?: LogoutEverywherePayloadResolvers<ContextType>;
  LogoutPayload?: LogoutPayloadResolvers<ContextType>;
  Membership?: MembershipResolvers<ContextType>;
  MembershipConnection?: MembershipConnectionResolvers<ContextType>;
  MembershipEdge?: MembershipEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  OrganizationCreation?: OrganizationCreationResolvers<ContextType>;
  OrganizationExport?: OrganizationExportResolvers<ContextType>;
  OrganizationExportCounts?: OrganizationExportCountsResolvers<ContextType>;
  OrganizationOffboarding?: OrganizationOffboardingResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PasswordPolicy?: PasswordPolicyResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RefreshSessionPayload?: RefreshSessionPayloadResolvers<ContextType>;
  RegenerateRecoveryCodesPayload?: RegenerateRecoveryCodesPayloadResolvers<ContextType>;
  ReinstateOrganizationPayload?: ReinstateOrganizationPayloadResolvers<ContextType>;
  RequestPasswordResetPayload?: RequestPasswordResetPayloadResolvers<ContextType>;
  RequestSupportAccessPayload?: RequestSupportAccessPayloadResolvers<ContextType>;
  ResetPasswordPayload?: ResetPasswordPayloadResolvers<ContextType>;
  RevokeInvitationPayload?: RevokeInvitationPayloadResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  SessionConnection?: SessionConnectionResolvers<ContextType>;
  SessionEdge?: SessionEdgeResolvers<ContextType>;
  SessionTokens?: SessionTokensResolvers<ContextType>;
  SupportAccessGrant?: SupportAccessGrantResolvers<ContextType>;
  SupportAccessGrantConnection?: SupportAccessGrantConnectionResolvers<ContextType>;
  SupportAccessGrantEdge?: SupportAccessGrantEdgeResolvers<ContextType>;
  SupportAccessSession?: SupportAccessSessionResolvers<ContextType>;
  SwitchOrganizationPayload?: SwitchOrganizationPayloadResolvers<ContextType>;
  TerminateOrganizationPayload?: TerminateOrganizationPayloadResolvers<ContextType>;
  TotpConfirmation?: TotpConfirmationResolvers<ContextType>;
  TotpEnrollment?: TotpEnrollmentResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  VerifyMfaPayload?: VerifyMfaPayloadResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

