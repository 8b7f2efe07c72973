// The one permission matrix (its roles and operations in domain/permission-matrix.ts), and which operation guards
// each field of the supergraph. graphql-shield rules are generated from it at the gateway, the
// subgraphs check it again for what they serve, and the tests read it.
import type { Caller } from './caller.ts';
import { OPERATIONS, PUBLIC, SIGNED_IN, SUPPORT_ACCESS_OPERATIONS, roleMay, type Operation, type Role } from '../domain/permission-matrix.ts';
import { PROTECTED_GRAPHQL_FIELDS } from '../domain/encrypted-columns.ts';
import { AppError, forbidden, organizationTerminated, supportAccessEnded, supportAccessRequired, unauthenticated } from './errors.ts';

export { OPERATIONS, PUBLIC, SIGNED_IN, SUPPORT_ACCESS_OPERATIONS, roleMay, type Operation };

/**
 * The operation that guards each field ("Type.field") or every field of a type ("Type").
 * A field of the supergraph that is named nowhere here is denied.
 */
export const FIELD_OPERATIONS: Record<string, Operation> = {
  'Query.passwordPolicy': 'reference.read',
  PasswordPolicy: 'reference.read',
  // A mutation's expected failures: read by whoever may call it (anyone, for a sign-in).
  UserError: 'reference.read',

  'Mutation.login': 'authentication',
  'Mutation.verifyMfa': 'authentication',
  'Mutation.refreshSession': 'authentication',
  'Mutation.acceptInvitation': 'authentication',
  'Mutation.requestPasswordReset': 'authentication',
  'Mutation.resetPassword': 'authentication',
  LoginResult: 'authentication',
  SessionTokens: 'authentication',
  'Query.me': 'session.self',
  Viewer: 'session.self',
  // A token that may only enroll in MFA reads its own (short) list too.
  'Viewer.permissions': 'session.self',
  'Query.mySessions': 'session.self',
  Session: 'session.self',
  SessionConnection: 'session.self',
  SessionEdge: 'session.self',
  'Mutation.logout': 'session.self',
  'Mutation.logoutEverywhere': 'session.self',
  'Mutation.enrollTotp': 'session.self',
  TotpEnrollment: 'session.self',
  'Mutation.confirmTotp': 'session.self',
  TotpConfirmation: 'session.self',
  // Users, organizations and memberships appear under me, members and organization; identity
  // returns only the caller's own and those of the caller's organization.
  'User.id': 'session.self',
  'User.email': 'session.self',
  'User.displayName': 'session.self',
  'User.mfaEnabled': 'session.self',
  Organization: 'session.self',
  Membership: 'session.self',
  // Only in the results of fields guarded on their own (members, invitations).
  MembershipConnection: 'session.self',
  MembershipEdge: 'session.self',
  InvitationConnection: 'session.self',
  InvitationEdge: 'session.self',
  // Only in the results of fields guarded on their own (invitations, inviteMember, createOrganization).
  Invitation: 'session.self',
  OrganizationCreation: 'session.self',
  'Mutation.changePassword': 'account.manage',
  'Mutation.regenerateRecoveryCodes': 'account.manage',
  'Mutation.switchOrganization': 'account.manage',
  'Query.organization': 'organization.read',
  'Mutation.createOrganization': 'organization.create',
  'Mutation.terminateOrganization': 'organization.terminate',
  'Mutation.reinstateOrganization': 'organization.terminate',
  'Query.organizationOffboarding': 'organization.offboarding.read',
  OrganizationOffboarding: 'organization.offboarding.read',
  'Mutation.exportOrganizationData': 'organization.export',
  OrganizationExport: 'organization.offboarding.read',
  OrganizationExportCounts: 'organization.offboarding.read',
  'Query.supportAccessGrants': 'support.read',
  SupportAccessGrant: 'support.read',
  SupportAccessGrantConnection: 'support.read',
  SupportAccessGrantEdge: 'support.read',
  'Mutation.requestSupportAccess': 'support.request',
  SupportAccessSession: 'support.request',
  'Mutation.endSupportAccess': 'support.end',
  'Query.members': 'members.read',
  'Query.invitations': 'members.read',
  'Mutation.inviteMember': 'members.manage',
  'Mutation.revokeInvitation': 'members.manage',
  'Mutation.changeMemberRole': 'members.manage',
  'Mutation.deactivateMember': 'members.manage',
  'Query.credentialTypes': 'reference.read',
  'Query.physician': 'physician.read',
  'Query.physicians': 'physician.read',
  PhysicianConnection: 'physician.read',
  PhysicianEdge: 'physician.read',
  Physician: 'physician.read',
  'Physician.dateOfBirth': 'physician.protected.read',
  'Physician.ssn': 'physician.protected.read',
  // Why a record's protected fields answered null: readable by whoever reached the record.
  WithheldField: 'session.self',
  'Physician.credentials': 'credential.read',
  'User.physicianProfile': 'physician.read',
  Affiliation: 'physician.read',
  'Mutation.createPhysician': 'physician.create',
  'Mutation.updatePhysician': 'physician.update',
  'Mutation.setAffiliationStatus': 'affiliation.manage',
  'Query.credential': 'credential.read',
  'Query.credentials': 'credential.read',
  CredentialConnection: 'credential.read',
  CredentialEdge: 'credential.read',
  Credential: 'credential.read',
  'Credential.number': 'credential.number.read',
  Document: 'credential.read',
  'Mutation.addCredential': 'credential.manage',
  'Mutation.updateCredential': 'credential.manage',
  'Mutation.removeCredential': 'credential.manage',
  'Mutation.requestDocumentUpload': 'credential.manage',
  DocumentUpload: 'credential.manage',
  'Mutation.documentDownloadUrl': 'document.download',
  'Credential.verification': 'verification.read',
  'Physician.exclusionStatus': 'exclusion.read',
  'Physician.exclusionMatches': 'exclusion.read',
  'Physician.screenedAt': 'exclusion.read',
  ExclusionMatch: 'exclusion.read',
  CredentialVerification: 'verification.read',
  VerificationCheck: 'verification.read',
  CheckProblem: 'verification.read',
  VerificationReview: 'verification.read',
  VerificationReviewReason: 'verification.read',
  'Query.verificationReviews': 'verification.review',
  VerificationReviewConnection: 'verification.review',
  VerificationReviewEdge: 'verification.review',
  'Mutation.requestVerification': 'verification.request',
  'Query.verificationSettings': 'verification.review',
  VerificationSettings: 'verification.review',
  'Mutation.setVerificationReviewWindow': 'verification.settings.manage',
  'Query.encryptionKeys': 'encryption.keys.read',
  EncryptionKeys: 'encryption.keys.read',
  'Mutation.resolveVerificationReview': 'verification.review',
  'Query.webhookSubscriptions': 'webhook.read',
  WebhookSubscription: 'webhook.read',
  'Query.webhookDeliveries': 'webhook.read',
  WebhookDeliveryConnection: 'webhook.read',
  WebhookDeliveryEdge: 'webhook.read',
  WebhookSubscriptionConnection: 'webhook.read',
  WebhookSubscriptionEdge: 'webhook.read',
  WebhookDelivery: 'webhook.read',
  'Mutation.createWebhookSubscription': 'webhook.manage',
  'Mutation.rotateWebhookSecret': 'webhook.manage',
  'Mutation.deleteWebhookSubscription': 'webhook.manage',
  WebhookSubscriptionSecret: 'webhook.manage',
  'Mutation.setCredentialsVerificationOrganization': 'verification.settings.manage',
  'Physician.credentialing': 'credentialing.read',
  Credentialing: 'credentialing.read',
  CredentialingDecisionRecord: 'credentialing.read',
  'Mutation.recordCredentialingDecision': 'credentialing.decide',
  'Query.monitoringAlerts': 'monitoring.read',
  MonitoringAlertConnection: 'monitoring.read',
  MonitoringAlertEdge: 'monitoring.read',
  MonitoringAlert: 'monitoring.read',
  'Mutation.acknowledgeMonitoringAlert': 'monitoring.acknowledge',
  'Mutation.exportCredentialingFile': 'credentialing.export',
  CredentialingFileExport: 'credentialing.export',
  DocumentDownload: 'document.download',
  CredentialTypeInfo: 'reference.read',
  'Query.auditRetentionPolicy': 'reference.read',
  AuditRetentionPolicy: 'reference.read',
  'Query.auditSigningKeys': 'reference.read',
  AuditSigningKey: 'reference.read',

  'Query.auditEvents': 'audit.read',
  AuditEventConnection: 'audit.read',
  AuditEventEdge: 'audit.read',
  AuditEvent: 'audit.read',
  // Cursors only: every connection that holds one is guarded on its own.
  PageInfo: 'session.self',
  'Query.auditCheckpoints': 'audit.read',
  AuditCheckpoint: 'audit.read',
  AuditCheckpointConnection: 'audit.read',
  AuditCheckpointEdge: 'audit.read',
  'Query.verifyAuditChain': 'audit.verify',
  AuditChainVerification: 'audit.verify',
  'Mutation.exportAuditLog': 'audit.export',
  AuditExport: 'audit.export',
  'Mutation.startAuditChainVerification': 'audit.verify.background',
  'Mutation.startAuditExport': 'audit.export',
  'Query.auditJob': 'audit.read',
  'Query.auditJobs': 'audit.read',
  AuditJobConnection: 'audit.read',
  AuditJobEdge: 'audit.read',
  AuditJob: 'audit.read',
  AuditJobProgress: 'audit.read',
  AuditJobExport: 'audit.export',
  'Query.organizationAuditRetention': 'audit.read',
  OrganizationAuditRetention: 'audit.read',
  'Mutation.setAuditRetention': 'audit.retention.manage',
  'Query.incidents': 'incident.read',
  'Query.incident': 'incident.read',
  Incident: 'incident.read',
  IncidentConnection: 'incident.read',
  IncidentEdge: 'incident.read',
  AffectedJurisdiction: 'incident.read',
  IncidentNotification: 'incident.read',
  'Mutation.declareIncident': 'incident.manage',
  'Mutation.recordIncidentNotification': 'incident.manage',
  'Mutation.closeIncident': 'incident.manage',
  'Mutation.updateIncidentFacts': 'incident.manage',
  'Mutation.applyLawEnforcementDelay': 'incident.manage',
  'Mutation.submitRiskAssessment': 'incident.manage',
  IncidentObligation: 'incident.read',
  LawEnforcementDelay: 'incident.read',
  IncidentRiskAssessment: 'incident.read',
  'Query.incidentSettings': 'incident.read',
  IncidentSettings: 'incident.read',
  'Mutation.setIncidentSettings': 'incident.settings.manage',
  PostIncidentReview: 'incident.read',
  RemediationItem: 'incident.read',
  'Mutation.writePostIncidentReview': 'incident.manage',
  'Mutation.addRemediationItem': 'incident.manage',
  'Mutation.completeRemediationItem': 'incident.manage',
  'Mutation.exportPostIncidentReview': 'incident.read',
  PostIncidentReviewPdf: 'incident.read',
  'Query.securityAlerts': 'security.alerts.read',
  SecurityAlertConnection: 'security.alerts.read',
  SecurityAlertEdge: 'security.alerts.read',
  SecurityAlert: 'security.alerts.read',
  // The events themselves are the audit log's.
  'SecurityAlert.evidence': 'audit.read',
  'Mutation.acknowledgeSecurityAlert': 'security.alerts.acknowledge',
  'Query.securityAlertSettings': 'security.alerts.read',
  SecurityAlertSettings: 'security.alerts.read',
  'Mutation.setSecurityAlertSettings': 'security.alerts.settings.manage',
  // Entities owned elsewhere; the audit subgraph adds their histories.
  'User.auditTrail': 'audit.read',
  'Credential.accessHistory': 'audit.read',
};

/**
 * The mutations a session of a terminated organization may still make (its owners sign in to
 * read and export): signing in and out, refreshing, MFA and the account's own password, and the
 * ones that read rather than change (a document's download link, the audit log's export and
 * verification, the organization's data export), and
 * ending a support access grant (its owners keep that right to the end). Every
 * other mutation answers ORGANIZATION_TERMINATED, decided in one place (`terminatedRefusal`) that
 * the gateway's shield and every subgraph apply.
 */
export const MUTATIONS_WHILE_TERMINATED: ReadonlySet<string> = new Set([
  'login', 'verifyMfa', 'refreshSession', 'acceptInvitation', 'requestPasswordReset', 'resetPassword',
  'logout', 'logoutEverywhere', 'enrollTotp', 'confirmTotp', 'regenerateRecoveryCodes', 'changePassword', 'switchOrganization',
  'documentDownloadUrl', 'exportAuditLog', 'startAuditExport', 'startAuditChainVerification', 'exportOrganizationData', 'endSupportAccess',
]);

/** ORGANIZATION_TERMINATED when the caller's organization is terminated and the mutation is not one it may still make; else null. */
export function terminatedRefusal(caller: Caller, mutationField: string): AppError | null {
  return caller.organizationTerminated && !MUTATIONS_WHILE_TERMINATED.has(mutationField) ? organizationTerminated() : null;
}

/** The codes a refusal by the matrix carries (see `refusal`): what shield denials are recorded and counted under. */
export const REFUSAL_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'MFA_ENROLLMENT_REQUIRED', 'ORGANIZATION_TERMINATED', 'SUPPORT_ACCESS_REQUIRED', 'SUPPORT_ACCESS_ENDED'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export function isRefusalCode(value: unknown): value is RefusalCode {
  return (REFUSAL_CODES as readonly unknown[]).includes(value);
}

export function isPublic(operation: Operation): boolean {
  return OPERATIONS[operation] === PUBLIC;
}

/**
 * Why the caller may not perform the operation, or null when it may: UNAUTHENTICATED for an
 * anonymous caller, MFA_ENROLLMENT_REQUIRED for a caller who must enroll first, FORBIDDEN for a
 * role the matrix denies. A platform administrator reads an organization's data only in a support
 * session (`supportGrant`): without one, SUPPORT_ACCESS_REQUIRED; in one, SUPPORT_ACCESS_OPERATIONS
 * only, and SUPPORT_ACCESS_ENDED for everything once its grant ends (checked at each use, so a
 * grant ends by itself). The one decision that shield and the subgraphs both make.
 */
export function refusal(caller: Caller, operation: Operation, now: number = Date.now()): AppError | null {
  const allowed = OPERATIONS[operation];
  if (allowed === PUBLIC) return null;
  if (caller.userId === null) return unauthenticated();
  if (allowed === SIGNED_IN) return null;
  if (caller.supportGrant) {
    if (caller.role !== 'PLATFORM_ADMIN' || !caller.organizationId) return forbidden();
    if (now >= caller.supportGrant.endsAt * 1000) return supportAccessEnded();
    if (!SUPPORT_ACCESS_OPERATIONS.has(operation)) return forbidden();
  } else if (caller.role === 'PLATFORM_ADMIN' && SUPPORT_ACCESS_OPERATIONS.has(operation) && !roleMay(caller.role, operation)) {
    return supportAccessRequired();
  } else if (!caller.organizationId || !roleMay(caller.role, operation)) return forbidden();
  if (caller.mfaEnrollmentOnly) return new AppError('MFA_ENROLLMENT_REQUIRED', 'Your role requires multi-factor authentication: enroll an authenticator first (enrollTotp, then confirmTotp)');
  return null;
}

/**
 * Whether every caller the matrix allows `held` is also allowed `needed`, whoever it is
 * (anonymous, enrolling in MFA, any role): the same decision `refusal` makes, for all callers.
 */
export function implies(held: Operation, needed: Operation): boolean {
  const [had, needs] = [OPERATIONS[held], OPERATIONS[needed]];
  if (needs === PUBLIC) return true;
  if (had === PUBLIC) return false; // anonymous callers hold it
  if (needs === SIGNED_IN) return true; // whoever holds a non-public operation is signed in
  if (had === SIGNED_IN) return false; // any role, enrolling ones included
  if (SUPPORT_ACCESS_OPERATIONS.has(held) && !SUPPORT_ACCESS_OPERATIONS.has(needed)) return false; // support sessions hold it
  return (had as readonly Role[]).every((role) => (needs as readonly Role[]).includes(role));
}

/** The operations the caller may perform, in the matrix's order: those `refusal` lets through. */
export function permittedOperations(caller: Caller): Operation[] {
  return (Object.keys(OPERATIONS) as Operation[]).filter((operation) => refusal(caller, operation) === null);
}

/**
 * Whether the caller may make the mutation (of the operation) now: the matrix allows it and a
 * terminated organization does not refuse it. What a record's `viewerCan…` field answers before
 * the rules of the record itself.
 */
export function mayMutate(caller: Caller, operation: Operation, mutationField: string): boolean {
  return refusal(caller, operation) === null && terminatedRefusal(caller, mutationField) === null;
}

/**
 * The protected fields ("Type.field") a role the matrix denies them reads as null, without an
 * error, the record naming them in its `withheldFields` (so that a client's default error policy
 * keeps the rest of the answer). The gateway withholds them and the credentials subgraph does
 * too: both read PROTECTED_GRAPHQL_FIELDS (domain/encrypted-columns.ts).
 */
export const WITHHELD_FIELDS: ReadonlySet<string> = new Set(PROTECTED_GRAPHQL_FIELDS.map(({ type, field }) => `${type}.${field}`));

/** Why a withheld field answers null. */
export type WithheldReason = 'NOT_PERMITTED';

/**
 * Whether a refusal of a withheld field is answered as data: a role the matrix denies the field
 * (FORBIDDEN) reads null and NOT_PERMITTED; any other refusal (sign in, enroll in MFA, a support
 * grant required or ended) is the caller's to act on and stays an error. Null when readable.
 */
export function withheldReason(refused: AppError | null): WithheldReason | null {
  return refused?.code === 'FORBIDDEN' ? 'NOT_PERMITTED' : null;
}

/** Throws the refusal, if any (see `refusal`). */
export function assertMay(caller: Caller, operation: Operation): void {
  const error = refusal(caller, operation);
  if (error) throw error;
}

export function operationForField(typeName: string, fieldName: string): Operation | undefined {
  return FIELD_OPERATIONS[`${typeName}.${fieldName}`] ?? FIELD_OPERATIONS[typeName] ?? payloadOperation(typeName);
}

/** A mutation's payload (`CreatePhysicianPayload`) is read under the operation of its mutation. */
function payloadOperation(typeName: string): Operation | undefined {
  const mutation = /^(\w+)Payload$/.exec(typeName)?.[1];
  return mutation ? FIELD_OPERATIONS[`Mutation.${mutation.charAt(0).toLowerCase()}${mutation.slice(1)}`] : undefined;
}
