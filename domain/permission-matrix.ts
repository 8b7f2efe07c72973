// The one permission matrix: which roles may perform which operation. Pure data and one rule, so
// that workflow code (the validators of decisions taken by people) reads the same matrix as
// graphql-shield and the subgraphs (platform/permissions.ts adds the field map and the refusals).

export const ROLES = [
  'PLATFORM_ADMIN',
  'ORG_OWNER',
  'ORG_ADMIN',
  'CREDENTIALING_STAFF',
  'PHYSICIAN',
  'AUDITOR',
  'INCIDENT_RESPONDER',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** `PUBLIC` operations need no authentication at all. */
export const PUBLIC = 'PUBLIC';
/**
 * `SIGNED_IN` operations need an authenticated caller, any role, including one whose token may
 * only enroll in MFA (their own account and session: enough to enroll and sign out).
 */
export const SIGNED_IN = 'SIGNED_IN';
const EVERY_ROLE = ROLES;

export const OPERATIONS = {
  /** Reference data shown before sign-in: password rules, credential types, retention policy. */
  'reference.read': PUBLIC,
  /** Signing in: login, MFA challenge, refresh, accepting an invitation, resetting a forgotten password. */
  'authentication': PUBLIC,
  /** The caller's own account and sessions: me, my sessions, sign out, MFA enrollment. */
  'session.self': SIGNED_IN,
  /** Changing one's own password or recovery codes, and switching organization. */
  'account.manage': EVERY_ROLE,
  'organization.read': EVERY_ROLE,
  'organization.create': ['PLATFORM_ADMIN'],
  /** Terminating an organization (its sessions end, it turns read-only, its data is deleted after the export window) and reinstating it before. */
  'organization.terminate': ['PLATFORM_ADMIN'],
  /** A terminated organization's offboarding: its export window and the deletion's progress. Its owners, for their own. */
  'organization.offboarding.read': ['PLATFORM_ADMIN', 'ORG_OWNER'],
  /** A terminated organization's data export during its export window (exportOrganizationData): its owners only. */
  'organization.export': ['ORG_OWNER'],
  /** Asking for break-glass support access to one organization (platform administrators, with MFA). */
  'support.request': ['PLATFORM_ADMIN'],
  /** Support access grants: an owner's organization's, a platform administrator's own. */
  'support.read': ['PLATFORM_ADMIN', 'ORG_OWNER'],
  /** Ending a support access grant to one's organization early. */
  'support.end': ['ORG_OWNER'],
  'members.read': ['ORG_OWNER', 'ORG_ADMIN'],
  /** Invite (and revoke invitations), change roles, deactivate. Only an owner may grant or touch the owner role (identity enforces it). */
  'members.manage': ['ORG_OWNER', 'ORG_ADMIN'],
  'audit.read': ['ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  'audit.export': ['ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  'audit.verify': ['ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  /** A chain verification asked for in the background: as audit.verify, but it writes a job, which a support session may not. */
  'audit.verify.background': ['ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  'audit.retention.manage': ['ORG_OWNER'],
  'incident.read': ['INCIDENT_RESPONDER', 'ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  'incident.manage': ['INCIDENT_RESPONDER', 'ORG_OWNER'],
  /** The organization's incident defaults (its customers' contract window, its time zone). */
  'incident.settings.manage': ['ORG_OWNER'],
  /** The anomaly detectors' alerts over the audit log, and the thresholds they use. */
  'security.alerts.read': ['ORG_OWNER', 'ORG_ADMIN', 'AUDITOR'],
  /** Acknowledging an alert with a reason: those it is mailed to. */
  'security.alerts.acknowledge': ['ORG_OWNER', 'ORG_ADMIN'],
  'security.alerts.settings.manage': ['ORG_OWNER'],
  // Physicians and credentials: the organization's credentialing roles, and a physician for its
  // own file (row-level security narrows a physician to its own rows).
  'physician.read': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN'],
  /** Date of birth and SSN: minimum necessary, so not the owner, who manages the organization rather than files. */
  'physician.protected.read': ['ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN'],
  'physician.create': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'],
  'physician.update': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN'],
  'affiliation.manage': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'],
  'credential.read': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN'],
  /** Credential numbers (encrypted). */
  'credential.number.read': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN'],
  /** Add, update and remove credentials, and upload their documents. */
  'credential.manage': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN'],
  /** A credential's verification: its status, the checks of its sources and their evidence digests, a pending review. */
  'verification.read': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN'],
  /** Ask for a credential to be verified again at its sources. */
  'verification.request': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'],
  /** The review queue, and deciding a review (admins receive the escalations, so they may decide too). Never the physician. */
  'verification.review': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'],
  /** When the organization's encryption keys were last rotated (versions and dates, never key material). */
  'encryption.keys.read': ['ORG_OWNER'],
  /** The organization's verification settings (the review window). */
  'verification.settings.manage': ['ORG_OWNER', 'ORG_ADMIN'],
  /** A physician's standing against the exclusion lists and the entries that match it. */
  'exclusion.read': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'],
  /** The organization's webhook subscriptions and their delivery logs. */
  'webhook.read': ['ORG_OWNER', 'ORG_ADMIN'],
  /** Subscribing endpoints to webhooks, rotating their secrets, deleting them. */
  'webhook.manage': ['ORG_OWNER', 'ORG_ADMIN'],
  /** A physician's credentialing file: its cycle, readiness, decision and re-credentialing date. */
  'credentialing.read': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'],
  /** The credentialing committee's decision on a file (the organization's admins stand in for the committee). */
  'credentialing.decide': ['ORG_OWNER', 'ORG_ADMIN'],
  /** The credentialing file exported (JSON, PDF) for the committee or an NCQA file audit. */
  'credentialing.export': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'],
  /** The alerts of the monthly monitoring (a credentialed physician newly on an exclusion list), and acknowledging one. */
  'monitoring.read': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'],
  'monitoring.acknowledge': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF'],
  /** A document's contents (a download link). */
  'document.download': ['ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN'],
} as const satisfies Record<string, typeof PUBLIC | typeof SIGNED_IN | readonly Role[]>;

export type Operation = keyof typeof OPERATIONS;

/** Whether a role may perform an operation (for a fully signed-in caller). */
export function roleMay(role: Role | null, operation: Operation): boolean {
  const allowed: string | readonly Role[] = OPERATIONS[operation];
  if (allowed === PUBLIC) return true;
  if (role === null) return false;
  return allowed === SIGNED_IN || (allowed as readonly Role[]).includes(role);
}

/**
 * Break-glass support access: what a platform administrator may read in one organization while a
 * support grant for it is live (a reason code and a ticket, time-limited, its owners told, every
 * read audited under the grant). Reads only, and not a physician's date of birth or SSN nor a
 * document's contents (minimum necessary: support sees that a document is there, not what it shows). A support session may do nothing else, and a platform
 * administrator without a grant none of these but the organization's own record.
 */
export const SUPPORT_ACCESS_OPERATIONS: ReadonlySet<Operation> = new Set<Operation>([
  'organization.read', 'organization.offboarding.read', 'members.read', 'audit.read', 'audit.verify', 'incident.read',
  'physician.read', 'credential.read', 'credential.number.read', 'verification.read', 'exclusion.read', 'webhook.read',
]);
