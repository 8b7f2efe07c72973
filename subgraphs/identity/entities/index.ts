// Identity's tables as entities, and the privileges each service role holds on them.
import { InvitationSchema, invitationGrants } from './invitation.entity.ts';
import { LoginLimitSchema, loginLimitGrants } from './login-limit.entity.ts';
import { MembershipSchema, membershipGrants } from './membership.entity.ts';
import { MfaChallengeSchema, mfaChallengeGrants } from './mfa-challenge.entity.ts';
import { OrganizationSchema, organizationGrants } from './organization.entity.ts';
import { OrganizationExportSchema, organizationExportGrants } from './organization-export.entity.ts';
import { OrganizationOffboardingSchema, organizationOffboardingGrants } from './organization-offboarding.entity.ts';
import { PasswordResetSchema, passwordResetGrants } from './password-reset.entity.ts';
import { RecoveryCodeSchema, recoveryCodeGrants } from './recovery-code.entity.ts';
import { RefreshTokenSchema, refreshTokenGrants } from './refresh-token.entity.ts';
import { SessionSchema, sessionGrants } from './session.entity.ts';
import { SupportAccessGrantSchema, supportAccessGrantGrants } from './support-access-grant.entity.ts';
import { UserSchema, userGrants } from './user.entity.ts';

export { Invitation } from './invitation.entity.ts';
export { LoginLimit } from './login-limit.entity.ts';
export { Membership } from './membership.entity.ts';
export { MfaChallenge } from './mfa-challenge.entity.ts';
export { Organization } from './organization.entity.ts';
export { OrganizationExport } from './organization-export.entity.ts';
export { OrganizationOffboarding } from './organization-offboarding.entity.ts';
export { PasswordReset } from './password-reset.entity.ts';
export { RecoveryCode } from './recovery-code.entity.ts';
export { RefreshToken } from './refresh-token.entity.ts';
export { Session } from './session.entity.ts';
export { SupportAccessGrant } from './support-access-grant.entity.ts';
export { User } from './user.entity.ts';

export const IDENTITY_ENTITIES = [
  OrganizationSchema, UserSchema, MembershipSchema, RecoveryCodeSchema, InvitationSchema,
  SessionSchema, RefreshTokenSchema, MfaChallengeSchema, LoginLimitSchema, PasswordResetSchema, OrganizationOffboardingSchema,
  SupportAccessGrantSchema, OrganizationExportSchema,
];

export const IDENTITY_GRANTS = [
  organizationGrants, userGrants, membershipGrants, recoveryCodeGrants, invitationGrants,
  sessionGrants, refreshTokenGrants, mfaChallengeGrants, loginLimitGrants, passwordResetGrants, organizationOffboardingGrants,
  supportAccessGrantGrants, organizationExportGrants,
];
