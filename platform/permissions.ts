// The one permission matrix: which roles may perform which operation, and which operation guards
// each field of the supergraph. graphql-shield rules are generated from it at the gateway, the
// subgraphs check it again for what they serve, and the tests read it.
import type { Caller, Role } from './caller.ts';
import { forbidden, unauthenticated } from './errors.ts';

/** `PUBLIC` operations need no authentication at all. */
export const PUBLIC = 'PUBLIC';

export const OPERATIONS = {
  /** Reference data shown before sign-in: password rules, credential types, retention policy. */
  'reference.read': PUBLIC,
  'audit.read': ['ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  'audit.export': ['ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  'audit.verify': ['ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  'audit.retention.manage': ['ORG_OWNER'],
  'incident.read': ['INCIDENT_RESPONDER', 'ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  'incident.manage': ['INCIDENT_RESPONDER', 'ORG_OWNER'],
} as const satisfies Record<string, typeof PUBLIC | readonly Role[]>;

export type Operation = keyof typeof OPERATIONS;

/**
 * The operation that guards each field ("Type.field") or every field of a type ("Type").
 * A field of the supergraph that is named nowhere here is denied.
 */
export const FIELD_OPERATIONS: Record<string, Operation> = {
  'Query.passwordPolicy': 'reference.read',
  PasswordPolicy: 'reference.read',
  'Query.credentialTypes': 'reference.read',
  CredentialTypeInfo: 'reference.read',
  'Query.auditRetentionPolicy': 'reference.read',
  AuditRetentionPolicy: 'reference.read',
  'Query.auditSigningKeys': 'reference.read',
  AuditSigningKey: 'reference.read',

  'Query.auditEvents': 'audit.read',
  AuditEventConnection: 'audit.read',
  AuditEvent: 'audit.read',
  PageInfo: 'audit.read',
  'Query.auditCheckpoints': 'audit.read',
  AuditCheckpoint: 'audit.read',
  'Query.verifyAuditChain': 'audit.verify',
  AuditChainVerification: 'audit.verify',
  'Mutation.exportAuditLog': 'audit.export',
  AuditExport: 'audit.export',
  'Query.organizationAuditRetention': 'audit.read',
  OrganizationAuditRetention: 'audit.read',
  'Mutation.setAuditRetention': 'audit.retention.manage',
  'Query.incidents': 'incident.read',
  'Query.incident': 'incident.read',
  Incident: 'incident.read',
  AffectedJurisdiction: 'incident.read',
  IncidentNotification: 'incident.read',
  'Mutation.declareIncident': 'incident.manage',
  'Mutation.recordIncidentNotification': 'incident.manage',
  'Mutation.closeIncident': 'incident.manage',
  // Entities owned elsewhere; the audit subgraph adds their histories. (Their other fields get
  // their own operations when identity and credentials define them.)
  'User.id': 'audit.read',
  'User.auditTrail': 'audit.read',
  'Credential.id': 'audit.read',
  'Credential.accessHistory': 'audit.read',
};

export function isPublic(operation: Operation): boolean {
  return OPERATIONS[operation] === PUBLIC;
}

export function roleMay(role: Role | null, operation: Operation): boolean {
  const allowed = OPERATIONS[operation];
  if (allowed === PUBLIC) return true;
  return role !== null && (allowed as readonly Role[]).includes(role);
}

/** Throws UNAUTHENTICATED for an anonymous caller and FORBIDDEN for a role the matrix denies. */
export function assertMay(caller: Caller, operation: Operation): void {
  if (isPublic(operation)) return;
  if (caller.userId === null) throw unauthenticated();
  if (!caller.organizationId || !roleMay(caller.role, operation)) throw forbidden();
}

export function operationForField(typeName: string, fieldName: string): Operation | undefined {
  return FIELD_OPERATIONS[`${typeName}.${fieldName}`] ?? FIELD_OPERATIONS[typeName];
}
