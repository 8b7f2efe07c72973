// The kinds of record an audit event can concern: the closed set `resource_type` holds, as the
// graph's AuditResourceType enum shows it (`WebhookSubscription` stored, WEBHOOK_SUBSCRIPTION shown).

export const AUDIT_RESOURCE_TYPES = [
  'AccessToken', 'Affiliation', 'AuditJob', 'AuditLog', 'AuditRetention', 'Backup', 'BaseBackup', 'BearerToken', 'Credential', 'CredentialingFile', 'DatabaseRestore', 'DataKey',
  'DeletionCertificate', 'Document', 'EncryptionKeys', 'GraphQLFields', 'Incident', 'IncidentDelay', 'IncidentRiskAssessment', 'IncidentSettings', 'Invitation', 'KeyEncryptionKey',
  'Membership', 'MonitoringAlert', 'Mutation', 'Organization', 'OrganizationExport', 'OrganizationOffboarding', 'PasswordReset', 'Physician',
  'PostIncidentReview', 'RemediationItem', 'SecurityAlert', 'SecurityAlertSettings', 'Session', 'SupportAccessGrant',
  'User', 'UserPassword', 'VerificationCheck', 'VerificationReview', 'VerificationSettings', 'WalArchive', 'WebhookDelivery',
  'WebhookSubscription',
] as const;

export type AuditResourceName = (typeof AUDIT_RESOURCE_TYPES)[number];

/** The enum value the graph shows for a stored name; OTHER for a name outside the set (never written by this code). */
export function resourceTypeValue(stored: string): string {
  const known = AUDIT_RESOURCE_TYPES.find((name) => name.toLowerCase() === stored.toLowerCase());
  return known ? enumValueOf(known) : 'OTHER';
}

/** The stored spellings of an enum value, for filtering: its name, and its name in lowercase (as early screening runs wrote `physician`). */
export function storedResourceNames(value: string): string[] {
  const known = AUDIT_RESOURCE_TYPES.find((name) => enumValueOf(name) === value);
  return known ? [known, known.toLowerCase()] : [];
}

/** WebhookSubscription → WEBHOOK_SUBSCRIPTION, GraphQLFields → GRAPHQL_FIELDS. */
export function enumValueOf(name: AuditResourceName): string {
  return name.replace('GraphQL', 'Graphql').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}
