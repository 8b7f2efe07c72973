// Generated from schema/audit.graphql by `npm run codegen` (schema/codegen.ts): do not edit.
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EntityReference as EntityReferenceModel, SubgraphContext } from '../../platform/subgraph-server.ts';
import type { AuditEventView as AuditEventViewModel } from '../../subgraphs/audit/resolvers.ts';
import type { IncidentView as IncidentViewModel, IncidentConnectionView as IncidentConnectionViewModel } from '../../subgraphs/audit/incidents.ts';
import type { SecurityAlertView as SecurityAlertViewModel } from '../../subgraphs/audit/security-alerts.ts';
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
  /** A calendar date, as ISO 8601 text (2026-01-31). */
  Date: { input: string; output: string | Date; }
  /** An instant, as ISO 8601 text with a time zone (2026-01-31T09:00:00Z). */
  DateTime: { input: Date; output: Date | string; }
  /** A JSON object, as facts of an error carry it. */
  JSONObject: { input: never; output: Record<string, unknown>; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** What `acknowledgeSecurityAlert` answers: its result, or the userErrors that say why there is none. */
export type AcknowledgeSecurityAlertPayload = {
  __typename?: 'AcknowledgeSecurityAlertPayload';
  /** The SecurityAlert acknowledgeSecurityAlert answers. Null when userErrors is not empty. */
  securityAlert?: Maybe<SecurityAlert>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `addRemediationItem` answers: its result, or the userErrors that say why there is none. */
export type AddRemediationItemPayload = {
  __typename?: 'AddRemediationItemPayload';
  /** The Incident addRemediationItem answers. Null when userErrors is not empty. */
  incident?: Maybe<Incident>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** How many affected people live in one state or jurisdiction (two-letter code). */
export type AffectedJurisdiction = {
  __typename?: 'AffectedJurisdiction';
  /** How many affected people live there. */
  affectedCount: Scalars['Int']['output'];
  /** Two-letter US state or territory code. */
  jurisdiction: Scalars['String']['output'];
};

/** How many affected people live in one state or jurisdiction. */
export type AffectedJurisdictionInput = {
  /** How many affected people live there, 0 or more. */
  affectedCount: Scalars['Int']['input'];
  /** Two-letter US state or territory code, each listed once. */
  jurisdiction: Scalars['String']['input'];
};

/** What `applyLawEnforcementDelay` answers: its result, or the userErrors that say why there is none. */
export type ApplyLawEnforcementDelayPayload = {
  __typename?: 'ApplyLawEnforcementDelayPayload';
  /** The Incident applyLawEnforcementDelay answers. Null when userErrors is not empty. */
  incident?: Maybe<Incident>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What an audit event records. */
export type AuditAction =
  /** A request refused by the permission checks (the fields refused, or a record not visible). */
  | 'ACCESS_DENIED'
  /** A record created. */
  | 'CREATE'
  /** A member deactivated. */
  | 'DEACTIVATE'
  /** A record removed, or events purged at the end of their retention. */
  | 'DELETE'
  /** An export of the audit log (a document download is a VIEW with reason download). */
  | 'EXPORT'
  /** An audit chain that did not verify: the log or its checkpoints were changed outside Credence (raised by the worker's checks). */
  | 'INTEGRITY_ALERT'
  /** An invitation sent, revoked (reason revoked) or accepted. */
  | 'INVITE'
  /** A sign-in. */
  | 'LOGIN'
  /** A sign-in refused (wrong password, unknown account, locked out). */
  | 'LOGIN_FAILED'
  /** A sign-out (reason everywhere when every session of the user ended). */
  | 'LOGOUT'
  /** An authenticator enrolled. */
  | 'MFA_ENROLL'
  /** A second factor refused. */
  | 'MFA_FAILED'
  /** A second factor accepted. */
  | 'MFA_VERIFY'
  /** A used refresh token presented again: the session was ended. */
  | 'REFRESH_REUSE'
  /** A member's role changed (reason: old role:new role). */
  | 'ROLE_CHANGE'
  /** A session's tokens refreshed. */
  | 'TOKEN_REFRESH'
  /** A record changed. */
  | 'UPDATE'
  /** A read of protected data (a record, a protected field, the audit log). */
  | 'VIEW';

/** Whether an organization's audit chain holds: every event links to the one before and the signed checkpoints match. */
export type AuditChainVerification = {
  __typename?: 'AuditChainVerification';
  /** How many signed checkpoints were checked. */
  checkedCheckpoints: Scalars['Int']['output'];
  /** How many events were recomputed. */
  checkedEvents: Scalars['Int']['output'];
  /** The first sequence at which the chain does not hold; null when it holds. */
  firstBadSequence?: Maybe<Scalars['Int']['output']>;
  /** What does not hold there, in a sentence; null when the chain holds. */
  problem?: Maybe<Scalars['String']['output']>;
  /** True when the chain (or the range asked for) holds. */
  valid: Scalars['Boolean']['output'];
};

/** A signature over an organization's chain head at one sequence. */
export type AuditCheckpoint = {
  __typename?: 'AuditCheckpoint';
  /** That event's hash, hex. */
  hash: Scalars['String']['output'];
  /** The checkpoint's id: `<organization id>:<sequence>` (one checkpoint per event signed). */
  id: Scalars['ID']['output'];
  /** The signing key itself (`keyId` is its id). */
  key?: Maybe<AuditSigningKey>;
  /** The signing key, as in auditSigningKeys. */
  keyId: Scalars['String']['output'];
  /** The sequence of the event signed. */
  sequence: Scalars['Int']['output'];
  /** Ed25519 signature, base64. */
  signature: Scalars['String']['output'];
  /** When it was signed. */
  signedAt: Scalars['DateTime']['output'];
};

/** A page of audit checkpoints, newest first. */
export type AuditCheckpointConnection = {
  __typename?: 'AuditCheckpointConnection';
  /** The checkpoints of this page with their cursors. */
  edges: Array<AuditCheckpointEdge>;
  /** The checkpoints of this page (their edges' nodes). */
  nodes: Array<AuditCheckpoint>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One checkpoint of a page of checkpoints, with its cursor. */
export type AuditCheckpointEdge = {
  __typename?: 'AuditCheckpointEdge';
  /** The cursor of this checkpoint: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The checkpoint. */
  node: AuditCheckpoint;
};

/**
 * One access to protected data, or one denied attempt. Events are chained per organization:
 * each carries the hash of the one before it.
 */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** What was done. */
  action: AuditAction;
  /** The user who acted, as a user (`actorId` is its id). Null for an anonymous caller or the system, or with a FORBIDDEN field error when the caller may not see that account (a platform administrator, or a user no longer in the organization's records). */
  actor?: Maybe<User>;
  /** The user who acted; null for an anonymous caller or the system. */
  actorId?: Maybe<Scalars['ID']['output']>;
  /** The actor's role at the time; null when there was none. */
  actorRole?: Maybe<Role>;
  /** SHA-256 of the event's canonical encoding, hex. */
  hash: Scalars['String']['output'];
  /** The event's id: `<organization id>:<sequence>`, its place in its organization's chain. */
  id: Scalars['ID']['output'];
  /** When the action happened. */
  occurredAt: Scalars['DateTime']['output'];
  /** Whether it succeeded. */
  outcome: AuditOutcome;
  /** The hash of the event before it in the chain (64 zeros for the first). */
  previousHash: Scalars['String']['output'];
  /** A short machine code, never free text. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The id of the request, to find it in the service logs; null for scheduled work. */
  requestId?: Maybe<Scalars['String']['output']>;
  /** The record concerned; null when the action concerns no single record. */
  resourceId?: Maybe<Scalars['ID']['output']>;
  /** The kind of record concerned. */
  resourceType: AuditResourceType;
  /** The event's place in its organization's chain, from 1, with no gaps. */
  sequence: Scalars['Int']['output'];
  /** The caller's IP address as the gateway saw it; null when unknown (the system). */
  sourceIp?: Maybe<Scalars['String']['output']>;
};

/** A page of audit events, newest first. */
export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  /** The events of this page with their cursors. */
  edges: Array<AuditEventEdge>;
  /** The events of this page (their edges' nodes). */
  nodes: Array<AuditEvent>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One event of a page of events, with its cursor. */
export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  /** The cursor of this event: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The event. */
  node: AuditEvent;
};

/** Narrows the audit log; every field given must match. */
export type AuditEventFilter = {
  /** Only this action. */
  action?: InputMaybe<AuditAction>;
  /** Only what this user did. */
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Events at or after this instant (inclusive). */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only this outcome. */
  outcome?: InputMaybe<AuditOutcome>;
  /** Only events about this record. */
  resourceId?: InputMaybe<Scalars['ID']['input']>;
  /** Only events about this kind of record. */
  resourceType?: InputMaybe<AuditResourceType>;
  /** Events before this instant (exclusive); must be after from. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** An audit export ready to download. */
export type AuditExport = {
  __typename?: 'AuditExport';
  /** How many events the file holds. */
  eventCount: Scalars['Int']['output'];
  /** When the link stops working (15 minutes) and the file is deleted. */
  expiresAt: Scalars['DateTime']['output'];
  /** The file's format. */
  format: AuditExportFormat;
  /** A signed link, valid until expiresAt. */
  url: Scalars['String']['output'];
};

/** The file format of an audit export. */
export type AuditExportFormat =
  /** Comma-separated values; a value a spreadsheet would run as a formula is written behind an apostrophe. */
  | 'CSV'
  /** One JSON object a line: a header, the events, the checkpoints. */
  | 'JSON_LINES';

/** A chain verification or an export of the audit log, done in the background: poll it with auditJob. */
export type AuditJob = {
  __typename?: 'AuditJob';
  /** EXPORT, once SUCCEEDED: the file. */
  export?: Maybe<AuditJobExport>;
  /** Why it failed, as a code; null unless FAILED. */
  failure?: Maybe<Scalars['String']['output']>;
  /** When it succeeded or failed; null before. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** EXPORT: events at or after this instant; null from the start. */
  from?: Maybe<Scalars['DateTime']['output']>;
  /** CHAIN_VERIFICATION: the first sequence asked for; null for the start of the chain. */
  fromSequence?: Maybe<Scalars['Int']['output']>;
  /** The job's id. */
  id: Scalars['ID']['output'];
  /** What it does. */
  kind: AuditJobKind;
  /** How far it has come. */
  progress: AuditJobProgress;
  /** When it was asked for. */
  requestedAt: Scalars['DateTime']['output'];
  /** The user who asked for it. */
  requestedBy?: Maybe<Scalars['ID']['output']>;
  /** When it started; null while QUEUED. */
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where it stands. */
  status: AuditJobStatus;
  /** EXPORT: events before this instant; null to the time it was asked for. */
  to?: Maybe<Scalars['DateTime']['output']>;
  /** CHAIN_VERIFICATION: the last sequence asked for; null for the end of the chain. */
  toSequence?: Maybe<Scalars['Int']['output']>;
  /** CHAIN_VERIFICATION, once SUCCEEDED: whether the chain holds, and where it breaks if not. */
  verification?: Maybe<AuditChainVerification>;
};

/** A page of background audit jobs, newest first. */
export type AuditJobConnection = {
  __typename?: 'AuditJobConnection';
  /** The jobs of this page with their cursors. */
  edges: Array<AuditJobEdge>;
  /** The jobs of this page (their edges' nodes). */
  nodes: Array<AuditJob>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One job of a page of background audit jobs, with its cursor. */
export type AuditJobEdge = {
  __typename?: 'AuditJobEdge';
  /** Where this job is in the list: give it as after (or before) to read on from it. */
  cursor: Scalars['String']['output'];
  /** The job. */
  node: AuditJob;
};

/** The file of a finished export job. */
export type AuditJobExport = {
  __typename?: 'AuditJobExport';
  /** The file's size in bytes, as exported (before sealing at rest). */
  bytes: Scalars['Int']['output'];
  /** A signed link valid for 15 minutes, made at each read (which is audited as an export); null once the file has expired. */
  downloadUrl?: Maybe<Scalars['String']['output']>;
  /** How many events the file holds. */
  eventCount: Scalars['Int']['output'];
  /** When the link stops working; null with downloadUrl. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the file is deleted; a link made after it does not work. */
  fileExpiresAt: Scalars['DateTime']['output'];
  /** The file's format. */
  format: AuditExportFormat;
  /** SHA-256 of the file as exported, hex: the downloaded file has it. */
  sha256: Scalars['String']['output'];
};

/** What a background audit job does. */
export type AuditJobKind =
  /** Recomputes the chain over a range of sequences and checks its signed checkpoints (startAuditChainVerification). */
  | 'CHAIN_VERIFICATION'
  /** Writes an export file of the log over a period (startAuditExport). */
  | 'EXPORT';

/** How far a background audit job has come. */
export type AuditJobProgress = {
  __typename?: 'AuditJobProgress';
  /** Events worked through so far. */
  eventsDone: Scalars['Int']['output'];
  /** Events the job works through in all; null until it has started. */
  eventsTotal?: Maybe<Scalars['Int']['output']>;
};

/** Where a background audit job stands. */
export type AuditJobStatus =
  /** Given up: see failure. */
  | 'FAILED'
  /** Asked for; not started yet. */
  | 'QUEUED'
  /** Being worked on: see progress. */
  | 'RUNNING'
  /** Done: see verification or export. */
  | 'SUCCEEDED';

/** Whether the recorded action succeeded. */
export type AuditOutcome =
  /** It was refused or failed. */
  | 'FAILURE'
  /** It was done. */
  | 'SUCCESS';

/** The kind of record an audit event concerns. */
export type AuditResourceType =
  /** An access token (a refused or revoked bearer token). */
  | 'ACCESS_TOKEN'
  /** A physician's affiliation with the organization. */
  | 'AFFILIATION'
  /** A background audit job: a chain verification or an export of the log, asked for and then polled. */
  | 'AUDIT_JOB'
  /** The audit log itself: a read, an export, a verification, a retention purge. */
  | 'AUDIT_LOG'
  /** The organization's audit retention setting. */
  | 'AUDIT_RETENTION'
  /** Backups of a deleted organization's data: those older than its deletion, purged by the backup deadline. */
  | 'BACKUP'
  /** A base backup of the database: taken, or purged when its retention ended. */
  | 'BASE_BACKUP'
  /** A bearer token the gateway refused before any subgraph saw it. */
  | 'BEARER_TOKEN'
  /** A credential. */
  | 'CREDENTIAL'
  /** A physician's credentialing file: its cycle, decisions and exports. */
  | 'CREDENTIALING_FILE'
  /** A restore of the database to a moment (recorded in the restored database). */
  | 'DATABASE_RESTORE'
  /** One of the organization's field-encryption data keys (rotated, destroyed). */
  | 'DATA_KEY'
  /** The certificate of a terminated organization's deletion. */
  | 'DELETION_CERTIFICATE'
  /** A credential's document: its upload or download. */
  | 'DOCUMENT'
  /** The organization's encryption key facts shown to its owners (never key material). */
  | 'ENCRYPTION_KEYS'
  /** The fields of a request the permission checks refused. */
  | 'GRAPHQL_FIELDS'
  /** A security incident. */
  | 'INCIDENT'
  /** A law-enforcement delay of an incident's notices. */
  | 'INCIDENT_DELAY'
  /** An incident's four-factor risk assessment. */
  | 'INCIDENT_RISK_ASSESSMENT'
  /** The organization's incident defaults. */
  | 'INCIDENT_SETTINGS'
  /** An invitation. */
  | 'INVITATION'
  /** The platform's key-encryption key: rotated, its data keys wrapped again. */
  | 'KEY_ENCRYPTION_KEY'
  /** A member's place in the organization (role, deactivation). */
  | 'MEMBERSHIP'
  /** A monthly monitoring alert. */
  | 'MONITORING_ALERT'
  /** A mutation refused before it reached its record (for example, by a terminated organization). */
  | 'MUTATION'
  /** The organization. */
  | 'ORGANIZATION'
  /** A terminated organization's data export: its request, build, links and fetches. */
  | 'ORGANIZATION_EXPORT'
  /** The organization's offboarding: its termination, reinstatement or deletion. */
  | 'ORGANIZATION_OFFBOARDING'
  /** A kind of record outside this list (none is written today; kept so that an old event always reads). */
  | 'OTHER'
  /** A password reset link. */
  | 'PASSWORD_RESET'
  /** A physician's file. */
  | 'PHYSICIAN'
  /** An incident's post-incident review. */
  | 'POST_INCIDENT_REVIEW'
  /** A remediation item of a post-incident review. */
  | 'REMEDIATION_ITEM'
  /** A security alert of the anomaly detectors. */
  | 'SECURITY_ALERT'
  /** The organization's anomaly thresholds and working hours. */
  | 'SECURITY_ALERT_SETTINGS'
  /** A session: a sign-in, a refresh, a sign-out. */
  | 'SESSION'
  /** A break-glass support access grant. */
  | 'SUPPORT_ACCESS_GRANT'
  /** A user account (a sign-in, its MFA, its history read). */
  | 'USER'
  /** A user's password. */
  | 'USER_PASSWORD'
  /** A check of a credential at its primary source. */
  | 'VERIFICATION_CHECK'
  /** A verification review. */
  | 'VERIFICATION_REVIEW'
  /** The organization's verification settings. */
  | 'VERIFICATION_SETTINGS'
  /** Archived write-ahead log of the database: segments purged with the backups that needed them. */
  | 'WAL_ARCHIVE'
  /** A webhook delivery. */
  | 'WEBHOOK_DELIVERY'
  /** A webhook subscription. */
  | 'WEBHOOK_SUBSCRIPTION';

/** How long audit events are kept. An organization may keep them longer, never shorter than the minimum. */
export type AuditRetentionPolicy = {
  __typename?: 'AuditRetentionPolicy';
  /** Years an organization's audit events are kept unless it sets otherwise. */
  defaultYears: Scalars['Int']['output'];
  /** The fewest years an organization may set. */
  minimumYears: Scalars['Int']['output'];
};

/** A public key that signs audit checkpoints. Anyone may fetch it to verify an export. */
export type AuditSigningKey = {
  __typename?: 'AuditSigningKey';
  /** The signature algorithm: Ed25519. */
  algorithm: Scalars['String']['output'];
  /** When the key was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The key's id (the same as `keyId`). */
  id: Scalars['ID']['output'];
  /** The key's id, named by the checkpoints it signed. */
  keyId: Scalars['ID']['output'];
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKey: Scalars['String']['output'];
};

/** What `closeIncident` answers: its result, or the userErrors that say why there is none. */
export type CloseIncidentPayload = {
  __typename?: 'CloseIncidentPayload';
  /** The Incident closeIncident answers. Null when userErrors is not empty. */
  incident?: Maybe<Incident>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `completeRemediationItem` answers: its result, or the userErrors that say why there is none. */
export type CompleteRemediationItemPayload = {
  __typename?: 'CompleteRemediationItemPayload';
  /** The Incident completeRemediationItem answers. Null when userErrors is not empty. */
  incident?: Maybe<Incident>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A license, registration, certification or insurance of a physician, and where its verification stands. */
export type Credential = {
  __typename?: 'Credential';
  /** Every access to this credential in the caller's organization, newest first. Owners, admins and auditors; the read is audited. */
  accessHistory?: Maybe<AuditEventConnection>;
  /** The credential's id. */
  id: Scalars['ID']['output'];
};


/** A license, registration, certification or insurance of a physician, and where its verification stands. */
export type CredentialAccessHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A security incident to declare. */
export type DeclareIncidentInput = {
  /** True when Credence acts as a business associate of a covered entity for the affected data. */
  actingAsBusinessAssociate: Scalars['Boolean']['input'];
  /** How many people are affected, 0 to 1,000,000,000. */
  affectedCount: Scalars['Int']['input'];
  /** How many live in each state or jurisdiction; together at most affectedCount. */
  affectedJurisdictions: Array<AffectedJurisdictionInput>;
  /** The customer's contractual notice window in hours, 1 to 8760; the organization's setting (72 unless set) when left out. */
  contractNoticeHours?: InputMaybe<Scalars['Int']['input']>;
  /** When the breach was first known (or would have been, with reasonable diligence); not in the future. */
  discoveredAt: Scalars['DateTime']['input'];
  /** What happened. */
  kind: IncidentKind;
};

/** What `declareIncident` answers: its result, or the userErrors that say why there is none. */
export type DeclareIncidentPayload = {
  __typename?: 'DeclareIncidentPayload';
  /** The Incident declareIncident answers. Null when userErrors is not empty. */
  incident?: Maybe<Incident>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `exportAuditLog` answers: its result, or the userErrors that say why there is none. */
export type ExportAuditLogPayload = {
  __typename?: 'ExportAuditLogPayload';
  /** The AuditExport exportAuditLog answers. Null when userErrors is not empty. */
  auditExport?: Maybe<AuditExport>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `exportPostIncidentReview` answers: its result, or the userErrors that say why there is none. */
export type ExportPostIncidentReviewPayload = {
  __typename?: 'ExportPostIncidentReviewPayload';
  /** The PostIncidentReviewPdf exportPostIncidentReview answers. Null when userErrors is not empty. */
  postIncidentReviewPdf?: Maybe<PostIncidentReviewPdf>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A security incident that may be a breach of unsecured PHI. Structured fields only: no free text. */
export type Incident = {
  __typename?: 'Incident';
  /** True when Credence acts as a business associate of a covered entity for the affected data. */
  actingAsBusinessAssociate: Scalars['Boolean']['output'];
  /** How many people are affected in all. */
  affectedCount: Scalars['Int']['output'];
  /** How many of them live in each state or jurisdiction. */
  affectedJurisdictions: Array<AffectedJurisdiction>;
  /** Why it was closed; null while open. */
  closedAs?: Maybe<IncidentClosure>;
  /** The contractual notice window it runs under, in hours. */
  contractNoticeHours: Scalars['Int']['output'];
  /** When it was declared in Credence. */
  declaredAt: Scalars['DateTime']['output'];
  /** The id of the user who declared it. */
  declaredBy: Scalars['ID']['output'];
  /** The user who declared it, as a user (`declaredBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  declaredByUser?: Maybe<User>;
  /** When the breach was first known (or would have been, with reasonable diligence): the legal clocks run from here. */
  discoveredAt: Scalars['DateTime']['output'];
  /** The incident's id. */
  id: Scalars['ID']['output'];
  /** What happened. */
  kind: IncidentKind;
  /** The law-enforcement statements recorded, oldest first. */
  lawEnforcementDelays: Array<LawEnforcementDelay>;
  /** The pending obligation due first; null when none is pending. */
  nextDeadline?: Maybe<IncidentObligation>;
  /** The notifications recorded so far. */
  notifications: Array<IncidentNotification>;
  /** Every notice it requires, by due time, with where each stands. */
  obligations: Array<IncidentObligation>;
  /** Its post-incident review; null until one is written. */
  review?: Maybe<PostIncidentReview>;
  /** The risk assessments submitted, oldest first. */
  riskAssessments: Array<IncidentRiskAssessment>;
  /** Whether it is still being handled. */
  status: IncidentStatus;
  /** The organization's time zone it runs under (IANA). */
  timeZone: Scalars['String']['output'];
};

/** Why an incident was closed. */
export type IncidentClosure =
  /** A risk assessment showed a low probability that the PHI was compromised (45 CFR 164.402): not a breach, nothing to notify. */
  | 'NOT_A_BREACH'
  /** Handled to the end (closeIncident). */
  | 'RESOLVED';

/** A page of incidents, newest first. */
export type IncidentConnection = {
  __typename?: 'IncidentConnection';
  /** The incidents of this page with their cursors. */
  edges: Array<IncidentEdge>;
  /** The incidents of this page (their edges' nodes). */
  nodes: Array<Incident>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
  /** How many incidents the list holds across its pages (with its status filter): the caller's organization's only, as row-level security lets the caller see them. */
  totalCount: Scalars['Int']['output'];
};

/** One incident of a page of incidents, with its cursor. */
export type IncidentEdge = {
  __typename?: 'IncidentEdge';
  /** The cursor of this incident: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The incident. */
  node: Incident;
};

/** What happened, in the categories of the HHS breach report. */
export type IncidentKind =
  /** Hacking or an IT incident. */
  | 'HACKING'
  /** PHI was disposed of improperly. */
  | 'IMPROPER_DISPOSAL'
  /** A device or medium holding PHI was lost. */
  | 'LOST_DEVICE'
  /** PHI was sent to the wrong recipient. */
  | 'MISDIRECTED_DISCLOSURE'
  /** Anything else. */
  | 'OTHER'
  /** A device, medium or record holding PHI was stolen. */
  | 'THEFT'
  /** PHI was accessed or disclosed without authorization. */
  | 'UNAUTHORIZED_ACCESS';

/** A notification made for an incident, as recorded. */
export type IncidentNotification = {
  __typename?: 'IncidentNotification';
  /** The notification's id. */
  id: Scalars['ID']['output'];
  /** The state or territory, for MEDIA and STATE_REGULATOR; null for the others. */
  jurisdiction?: Maybe<Scalars['String']['output']>;
  /** When the notice was given. */
  notifiedAt: Scalars['DateTime']['output'];
  /** Whom it told. */
  obligation: NotificationObligation;
  /** The id of the user who recorded it. */
  recordedBy: Scalars['ID']['output'];
  /** The user who recorded it, as a user (`recordedBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  recordedByUser?: Maybe<User>;
};

/** One notice an incident requires, with its deadline as the deadline engine derives it from the facts. */
export type IncidentObligation = {
  __typename?: 'IncidentObligation';
  /** False when the state's statute is not captured: the deadline shown is HIPAA's, flagged, never guessed. */
  captured: Scalars['Boolean']['output'];
  /** The latest instant the notice may be given (UTC). */
  dueAt: Scalars['DateTime']['output'];
  /** dueAt in the organization's time zone, as ISO 8601 with its offset (2026-12-31T18:00:00-05:00). */
  dueAtLocal: Scalars['String']['output'];
  /** The obligation's id: `<incident id>:<key>`. */
  id: Scalars['ID']['output'];
  /** The state or territory, for the per-state obligations; null for the others. */
  jurisdiction?: Maybe<Scalars['String']['output']>;
  /** Stable across recomputations: the obligation, or obligation:jurisdiction (MEDIA:CO). */
  key: Scalars['String']['output'];
  /** When the notice was given (the first notification recorded for it); null until then. */
  metAt?: Maybe<Scalars['DateTime']['output']>;
  /** How it was given; null until then, or when the recorder did not say. */
  metHow?: Maybe<NoticeMethod>;
  /** A law-enforcement delay holds the notice until this instant; null when none does. */
  notBefore?: Maybe<Scalars['DateTime']['output']>;
  /** Why the deadline is not the plain rule (a delay, a state statute not captured); null otherwise. */
  note?: Maybe<Scalars['String']['output']>;
  /** Whom it tells. */
  obligation: NotificationObligation;
  /** The rule the deadline comes from (45 CFR 164.404(b), a state statute). */
  rule: Scalars['String']['output'];
  /** Where it stands. */
  status: ObligationStatus;
};

/** A documented four-factor risk assessment (45 CFR 164.402(2)); kept six years. */
export type IncidentRiskAssessment = {
  __typename?: 'IncidentRiskAssessment';
  /** Factor (iii). */
  acquisition: PhiAcquisition;
  /** When. */
  assessedAt: Scalars['DateTime']['output'];
  /** The id of the user who submitted it. */
  assessedBy: Scalars['ID']['output'];
  /** The user who submitted it, as a user (`assessedBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  assessedByUser?: Maybe<User>;
  /** What it concludes. */
  conclusion: RiskConclusion;
  /** The assessment's id. */
  id: Scalars['ID']['output'];
  /** Factor (iv). */
  mitigation: RiskMitigation;
  /** Factor (i). */
  phiNature: PhiNature;
  /** Factor (ii). */
  recipient: PhiRecipient;
};

/** An organization's defaults for its incidents. */
export type IncidentSettings = {
  __typename?: 'IncidentSettings';
  /** The customers' contractual notice window, in hours, unless a declaration gives its own. */
  contractNoticeHours: Scalars['Int']['output'];
  /** The settings' id: that of their organization (one set of incident defaults per organization), so that a cache updates the query's answer from a mutation's. */
  id: Scalars['ID']['output'];
  /** True when the organization has set nothing: 72 hours and America/New_York. */
  isDefault: Scalars['Boolean']['output'];
  /** The organization's IANA time zone (America/Chicago): local deadlines and the calendar year. */
  timeZone: Scalars['String']['output'];
};

/** Whether an incident is still being handled. */
export type IncidentStatus =
  /** Closed: nothing more can be recorded. */
  | 'CLOSED'
  /** Being handled: notifications may still be recorded. */
  | 'OPEN';

/** A law-enforcement statement holding an incident's notices, as documented. */
export type LawEnforcementDelay = {
  __typename?: 'LawEnforcementDelay';
  /** The agency (FBI, a state police). */
  agency: Scalars['String']['output'];
  /** The statement's id. */
  id: Scalars['ID']['output'];
  /** Written or oral. */
  kind: LawEnforcementDelayKind;
  /** The official who made it (required for an oral statement). */
  officer?: Maybe<Scalars['String']['output']>;
  /** The id of the user who recorded it. */
  recordedBy: Scalars['ID']['output'];
  /** The user who recorded it, as a user (`recordedBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  recordedByUser?: Maybe<User>;
  /** When it was made. */
  statedAt: Scalars['DateTime']['output'];
  /** The end of the period it names; for an oral one, the end the official gave, if any. */
  until?: Maybe<Scalars['DateTime']['output']>;
};

/** A law-enforcement statement to record (45 CFR 164.412). */
export type LawEnforcementDelayInput = {
  /** The agency: letters, digits, spaces and . & ' -, up to 100. */
  agency: Scalars['String']['input'];
  /** The incident, still open. */
  incidentId: Scalars['ID']['input'];
  /** Written or oral. */
  kind: LawEnforcementDelayKind;
  /** The official who made it: required for an oral statement; same characters as agency. */
  officer?: InputMaybe<Scalars['String']['input']>;
  /** When it was made: not in the future, not before the discovery. */
  statedAt: Scalars['DateTime']['input'];
  /** WRITTEN: the end of the period it names (required). ORAL: the end the official gave, if any (at most 30 days count). */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** What a law-enforcement statement is (45 CFR 164.412). */
export type LawEnforcementDelayKind =
  /** An oral statement, documented: notice waits at most 30 days from it, unless a written one arrives within them. */
  | 'ORAL'
  /** A written statement naming a period: notice waits until its end. */
  | 'WRITTEN';

/** Changing: incidents, audit exports and retention. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Acknowledges an open security alert with a reason; audited. Owners and admins. */
  acknowledgeSecurityAlert?: Maybe<AcknowledgeSecurityAlertPayload>;
  /** Adds a remediation item to an incident's review (NOT_FOUND before the review is written). Incident responders and owners. */
  addRemediationItem?: Maybe<AddRemediationItemPayload>;
  /** Records a law-enforcement statement; the notices it covers wait (45 CFR 164.412). Incident responders and owners. */
  applyLawEnforcementDelay?: Maybe<ApplyLawEnforcementDelayPayload>;
  /** Closes an incident (INCIDENT_CLOSED when it is closed already); nothing more is reminded. Incident responders and owners. */
  closeIncident?: Maybe<CloseIncidentPayload>;
  /** Marks a remediation item done (CONFLICT when it is done already). Incident responders and owners. */
  completeRemediationItem?: Maybe<CompleteRemediationItemPayload>;
  /** Declares a security incident; its notification deadlines run from discoveredAt and are returned at once; its workflow reminds and escalates. Incident responders and owners. */
  declareIncident?: Maybe<DeclareIncidentPayload>;
  /** Exports the caller's organization's audit log, with its checkpoints, for offline verification, within the request: AUDIT_RANGE_TOO_LARGE for a period of more events than one request may export (startAuditExport does it in the background). Auditors, owners and admins; at most 2 exports of an organization at once (RATE_LIMITED beyond). */
  exportAuditLog?: Maybe<ExportAuditLogPayload>;
  /** The incident's post-incident review as a PDF for the affected parties: the incident, its notices, the root cause, the summary and the remediation items; no names and no PHI. The export is audited. Incident responders, owners, admins and auditors. */
  exportPostIncidentReview?: Maybe<ExportPostIncidentReviewPayload>;
  /** Records a notification made for an open incident and marks its obligation MET (INCIDENT_CLOSED when closed, OBLIGATION_UNKNOWN when the incident does not require it, SERVICE_UNAVAILABLE when its workflow cannot be reached). Incident responders and owners. */
  recordIncidentNotification?: Maybe<RecordIncidentNotificationPayload>;
  /** Years to keep audit events; never fewer than the minimum. Owners. */
  setAuditRetention?: Maybe<SetAuditRetentionPayload>;
  /** Sets the organization's incident defaults; each left out stays as it is. Owners. */
  setIncidentSettings?: Maybe<SetIncidentSettingsPayload>;
  /** Sets the organization's anomaly thresholds and working hours; audited. Owners. */
  setSecurityAlertSettings?: Maybe<SetSecurityAlertSettingsPayload>;
  /** Starts verifying the caller's organization's chain (or a range of it) in the background; poll the job with auditJob. Audited. Auditors, owners and admins. */
  startAuditChainVerification?: Maybe<StartAuditChainVerificationPayload>;
  /** Starts exporting the caller's organization's audit log, with its checkpoints, in the background; poll the job with auditJob for its download link. Audited. Auditors, owners and admins. */
  startAuditExport?: Maybe<StartAuditExportPayload>;
  /** Records a four-factor risk assessment; a low probability of compromise closes the incident as NOT_A_BREACH. Incident responders and owners. */
  submitRiskAssessment?: Maybe<SubmitRiskAssessmentPayload>;
  /** Replaces the counts of affected people; the obligations are recomputed (keys kept, reminders moved, those no longer required NOT_REQUIRED). Incident responders and owners. */
  updateIncidentFacts?: Maybe<UpdateIncidentFactsPayload>;
  /** Writes (or rewrites) an incident's post-incident review, open or closed. Incident responders and owners. */
  writePostIncidentReview?: Maybe<WritePostIncidentReviewPayload>;
};


/** Changing: incidents, audit exports and retention. */
export type MutationAcknowledgeSecurityAlertArgs = {
  id: Scalars['ID']['input'];
  reason: SecurityAlertAcknowledgement;
};


/** Changing: incidents, audit exports and retention. */
export type MutationAddRemediationItemArgs = {
  input: RemediationItemInput;
};


/** Changing: incidents, audit exports and retention. */
export type MutationApplyLawEnforcementDelayArgs = {
  input: LawEnforcementDelayInput;
};


/** Changing: incidents, audit exports and retention. */
export type MutationCloseIncidentArgs = {
  id: Scalars['ID']['input'];
};


/** Changing: incidents, audit exports and retention. */
export type MutationCompleteRemediationItemArgs = {
  id: Scalars['ID']['input'];
};


/** Changing: incidents, audit exports and retention. */
export type MutationDeclareIncidentArgs = {
  input: DeclareIncidentInput;
};


/** Changing: incidents, audit exports and retention. */
export type MutationExportAuditLogArgs = {
  format: AuditExportFormat;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Changing: incidents, audit exports and retention. */
export type MutationExportPostIncidentReviewArgs = {
  incidentId: Scalars['ID']['input'];
};


/** Changing: incidents, audit exports and retention. */
export type MutationRecordIncidentNotificationArgs = {
  input: RecordNotificationInput;
};


/** Changing: incidents, audit exports and retention. */
export type MutationSetAuditRetentionArgs = {
  years: Scalars['Int']['input'];
};


/** Changing: incidents, audit exports and retention. */
export type MutationSetIncidentSettingsArgs = {
  contractNoticeHours?: InputMaybe<Scalars['Int']['input']>;
  timeZone?: InputMaybe<Scalars['String']['input']>;
};


/** Changing: incidents, audit exports and retention. */
export type MutationSetSecurityAlertSettingsArgs = {
  settings: SecurityAlertSettingsInput;
};


/** Changing: incidents, audit exports and retention. */
export type MutationStartAuditChainVerificationArgs = {
  fromSequence?: InputMaybe<Scalars['Int']['input']>;
  toSequence?: InputMaybe<Scalars['Int']['input']>;
};


/** Changing: incidents, audit exports and retention. */
export type MutationStartAuditExportArgs = {
  format: AuditExportFormat;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Changing: incidents, audit exports and retention. */
export type MutationSubmitRiskAssessmentArgs = {
  input: RiskAssessmentInput;
};


/** Changing: incidents, audit exports and retention. */
export type MutationUpdateIncidentFactsArgs = {
  input: UpdateIncidentFactsInput;
};


/** Changing: incidents, audit exports and retention. */
export type MutationWritePostIncidentReviewArgs = {
  input: PostIncidentReviewInput;
};

/** How a notice was given. */
export type NoticeMethod =
  /** The contact the customer's contract names. */
  | 'CONTRACT_CONTACT'
  /** Email, where the individual agreed to electronic notice. */
  | 'EMAIL'
  /** First-class mail to the last known address. */
  | 'FIRST_CLASS_MAIL'
  /** The HHS breach portal. */
  | 'HHS_PORTAL'
  /** A press release to prominent media outlets of the state. */
  | 'MEDIA_RELEASE'
  /** Any other way. */
  | 'OTHER'
  /** A state regulator's portal or address. */
  | 'REGULATOR_PORTAL'
  /** Substitute notice: major print or broadcast media. */
  | 'SUBSTITUTE_MEDIA'
  /** Substitute notice: a conspicuous posting on the website. */
  | 'SUBSTITUTE_WEBSITE'
  /** Telephone (urgent cases, in addition to written notice). */
  | 'TELEPHONE';

/** Who must be told of a breach (45 CFR 164.404-410, and state laws). */
export type NotificationObligation =
  /** The customer, within its contract's notice window. */
  | 'CONTRACT'
  /** The covered entity, when Credence acts as its business associate. */
  | 'COVERED_ENTITY'
  /** The Secretary of HHS (with the individuals' notice from 500 affected, else in the yearly log). */
  | 'HHS'
  /** The yearly log of breaches affecting fewer than 500, to the Secretary of HHS within 60 days after the calendar year ends. */
  | 'HHS_ANNUAL_LOG'
  /** The affected individuals (at the latest 60 days after discovery). */
  | 'INDIVIDUALS'
  /** Prominent media outlets of a state where more than 500 residents are affected; names its jurisdiction. */
  | 'MEDIA'
  /** The affected residents of a state, under that state's law; names its jurisdiction. */
  | 'STATE_INDIVIDUALS'
  /** A state's regulator (its attorney general, for example) under that state's law; names its jurisdiction. */
  | 'STATE_REGULATOR';

/** Where one obligation of an incident stands. */
export type ObligationStatus =
  /** The notice was given (a notification was recorded for it). */
  | 'MET'
  /** The facts no longer require it (counts changed, or the incident is not a breach). */
  | 'NOT_REQUIRED'
  /** Its due time passed without a notification recorded; the owners were told. */
  | 'OVERDUE'
  /** Not given yet, and its due time is ahead: reminders go out 7 days, 2 days and 24 hours before it. */
  | 'PENDING';

/** An organization's own audit retention. */
export type OrganizationAuditRetention = {
  __typename?: 'OrganizationAuditRetention';
  /** The settings' id: that of their organization (one retention per organization), so that a cache updates the query's answer from a mutation's. */
  id: Scalars['ID']['output'];
  /** The fewest years it may set. */
  minimumYears: Scalars['Int']['output'];
  /** Years the organization's audit events are kept; older ones are purged daily. */
  years: Scalars['Int']['output'];
};

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

/** Factor (iii): whether the PHI was actually acquired or viewed. */
export type PhiAcquisition =
  /** It was acquired or viewed. */
  | 'ACQUIRED_OR_VIEWED'
  /** Shown not to have been (a forensic analysis, an unopened envelope). */
  | 'NOT_ACQUIRED'
  /** Could not be determined. */
  | 'UNDETERMINED';

/** Factor (i) of 164.402(2): the nature and extent of the PHI involved. */
export type PhiNature =
  /** Clinical information. */
  | 'CLINICAL'
  /** Demographic identifiers (names, addresses, dates of birth). */
  | 'DEMOGRAPHIC'
  /** Financial identifiers (account or card numbers, SSNs). */
  | 'FINANCIAL'
  /** Few identifiers, re-identification unlikely. */
  | 'LIMITED_IDENTIFIERS'
  /** Sensitive clinical information (mental health, substance use, HIV status). */
  | 'SENSITIVE_CLINICAL';

/** Factor (ii): who used the PHI or received it. */
export type PhiRecipient =
  /** Another covered entity or business associate, itself bound by HIPAA. */
  | 'COVERED_ENTITY_OR_BUSINESS_ASSOCIATE'
  /** A known person outside it. */
  | 'KNOWN_THIRD_PARTY'
  /** A member of the organization's own workforce. */
  | 'OWN_WORKFORCE'
  /** Unknown. */
  | 'UNKNOWN';

/** An incident's post-incident review: its root cause, a summary kept free of PHI, and what is to be done. */
export type PostIncidentReview = {
  __typename?: 'PostIncidentReview';
  /** The review's id: that of its incident (an incident has at most one review). */
  id: Scalars['ID']['output'];
  /** The remediation items, by due date. */
  remediations: Array<RemediationItem>;
  /** What caused it. */
  rootCause: RootCause;
  /** What happened and what was learned, up to 2000 characters; refused when it looks like it holds PHI (numbers like SSNs or record numbers, dates, email addresses, phone numbers). */
  summary: Scalars['String']['output'];
  /** When it was last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** When it was first written. */
  writtenAt: Scalars['DateTime']['output'];
  /** The id of the user who wrote it last. */
  writtenBy: Scalars['ID']['output'];
  /** The user who wrote it last, as a user (`writtenBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  writtenByUser?: Maybe<User>;
};

/** A post-incident review to write (or rewrite). */
export type PostIncidentReviewInput = {
  /** The incident. */
  incidentId: Scalars['ID']['input'];
  /** What caused it. */
  rootCause: RootCause;
  /** What happened and what was learned: 1 to 2000 characters, no PHI (see PostIncidentReview.summary). */
  summary: Scalars['String']['input'];
};

/** A post-incident review as a PDF, ready to download and share with the affected parties. */
export type PostIncidentReviewPdf = {
  __typename?: 'PostIncidentReviewPdf';
  /** When the link stops working (15 minutes) and the file is deleted. */
  expiresAt: Scalars['DateTime']['output'];
  /** A signed link, valid until expiresAt. */
  url: Scalars['String']['output'];
};

/** Reading: what the caller may see. */
export type Query = {
  __typename?: 'Query';
  /** The caller's organization's audit checkpoints, newest first. Auditors, owners and admins. */
  auditCheckpoints?: Maybe<AuditCheckpointConnection>;
  /** The caller's organization's audit log, newest first (auditors, owners and admins). The read is itself audited. */
  auditEvents?: Maybe<AuditEventConnection>;
  /** A background audit job of the caller's organization (startAuditChainVerification, startAuditExport), to poll. Auditors, owners and admins. */
  auditJob?: Maybe<AuditJob>;
  /** The caller's organization's background audit jobs, newest first. Auditors, owners and admins. */
  auditJobs?: Maybe<AuditJobConnection>;
  /** How long audit events are kept by default, and the minimum. Anyone, signed in or not. */
  auditRetentionPolicy?: Maybe<AuditRetentionPolicy>;
  /** The public keys that sign audit checkpoints, oldest first. Anyone, signed in or not. */
  auditSigningKeys?: Maybe<Array<AuditSigningKey>>;
  /** An incident of the caller's organization. Incident responders, owners, admins and auditors. */
  incident?: Maybe<Incident>;
  /** The caller's organization's incident defaults (contract window, time zone). Incident responders, owners, admins and auditors. */
  incidentSettings?: Maybe<IncidentSettings>;
  /** The caller's organization's incidents, newest first. Incident responders, owners, admins and auditors. */
  incidents?: Maybe<IncidentConnection>;
  /** How many years the caller's organization keeps its audit events. Auditors, owners and admins. */
  organizationAuditRetention?: Maybe<OrganizationAuditRetention>;
  /** The caller's organization's anomaly thresholds and working hours. Owners, admins and auditors. */
  securityAlertSettings?: Maybe<SecurityAlertSettings>;
  /** The caller's organization's security alerts, newest first. Owners, admins and auditors; the read is audited. */
  securityAlerts?: Maybe<SecurityAlertConnection>;
  /** Recomputes the caller's organization's chain (or a range of it) and checks its signed checkpoints, within the request: AUDIT_RANGE_TOO_LARGE for a range of more events than one request may check (startAuditChainVerification does it in the background). Auditors, owners and admins. */
  verifyAuditChain?: Maybe<AuditChainVerification>;
};


/** Reading: what the caller may see. */
export type QueryAuditCheckpointsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reading: what the caller may see. */
export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reading: what the caller may see. */
export type QueryAuditJobArgs = {
  id: Scalars['ID']['input'];
};


/** Reading: what the caller may see. */
export type QueryAuditJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reading: what the caller may see. */
export type QueryIncidentArgs = {
  id: Scalars['ID']['input'];
};


/** Reading: what the caller may see. */
export type QueryIncidentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<IncidentStatus>;
};


/** Reading: what the caller may see. */
export type QuerySecurityAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SecurityAlertFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reading: what the caller may see. */
export type QueryVerifyAuditChainArgs = {
  fromSequence?: InputMaybe<Scalars['Int']['input']>;
  toSequence?: InputMaybe<Scalars['Int']['input']>;
};

/** What `recordIncidentNotification` answers: its result, or the userErrors that say why there is none. */
export type RecordIncidentNotificationPayload = {
  __typename?: 'RecordIncidentNotificationPayload';
  /** The Incident recordIncidentNotification answers. Null when userErrors is not empty. */
  incident?: Maybe<Incident>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A notification made for an incident. */
export type RecordNotificationInput = {
  /** A document of the organization that evidences it (a letter, a portal receipt), by its id. */
  evidenceDocumentId?: InputMaybe<Scalars['ID']['input']>;
  /** The incident, still open. */
  incidentId: Scalars['ID']['input'];
  /** Two-letter state or territory code; required for MEDIA, STATE_INDIVIDUALS and STATE_REGULATOR. */
  jurisdiction?: InputMaybe<Scalars['String']['input']>;
  /** How it was given. */
  method?: InputMaybe<NoticeMethod>;
  /** When the notice was given: not in the future, not before the discovery. */
  notifiedAt: Scalars['DateTime']['input'];
  /** Whom the notice told. */
  obligation: NotificationObligation;
};

/** What an incident's review commits to: one item, with its owner and due date. */
export type RemediationItem = {
  __typename?: 'RemediationItem';
  /** When it was marked done; null while open. */
  doneAt?: Maybe<Scalars['DateTime']['output']>;
  /** The id of the user who marked it done; null while open. */
  doneBy?: Maybe<Scalars['ID']['output']>;
  /** The user who marked it done, as a user (`doneBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  doneByUser?: Maybe<User>;
  /** When it is due. */
  dueOn: Scalars['Date']['output'];
  /** The item's id. */
  id: Scalars['ID']['output'];
  /** The member who owns it, as a user (`ownerId` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  owner?: Maybe<User>;
  /** The id of the member who owns it. */
  ownerId: Scalars['ID']['output'];
  /** Whether it is done. */
  status: RemediationStatus;
  /** What is to be done: up to 200 characters, no PHI. */
  title: Scalars['String']['output'];
};

/** A remediation item to add to an incident's review. */
export type RemediationItemInput = {
  /** When it is due. */
  dueOn: Scalars['Date']['input'];
  /** The incident, whose review is written. */
  incidentId: Scalars['ID']['input'];
  /** The id of the member who owns it. */
  ownerId: Scalars['ID']['input'];
  /** What is to be done: 3 to 200 characters, no PHI. */
  title: Scalars['String']['input'];
};

/** Whether a remediation item is done. */
export type RemediationStatus =
  /** Done. */
  | 'DONE'
  /** Still to do. */
  | 'OPEN';

/** A four-factor risk assessment to submit (45 CFR 164.402(2)). */
export type RiskAssessmentInput = {
  /** Factor (iii). */
  acquisition: PhiAcquisition;
  /** What it concludes; LOW_PROBABILITY_OF_COMPROMISE closes the incident as not a breach. */
  conclusion: RiskConclusion;
  /** The incident, still open. */
  incidentId: Scalars['ID']['input'];
  /** Factor (iv). */
  mitigation: RiskMitigation;
  /** Factor (i). */
  phiNature: PhiNature;
  /** Factor (ii). */
  recipient: PhiRecipient;
};

/** What a risk assessment concludes. */
export type RiskConclusion =
  /** A low probability that the PHI has been compromised: not a breach (closes the incident). */
  | 'LOW_PROBABILITY_OF_COMPROMISE'
  /** Not shown to be low: the breach is notified. */
  | 'NOT_LOW_PROBABILITY';

/** Factor (iv): how far the risk to the PHI has been mitigated. */
export type RiskMitigation =
  /** Not at all. */
  | 'NOT_MITIGATED'
  /** Partly. */
  | 'PARTIALLY_MITIGATED'
  /** Returned or destroyed, with the recipient's assurance. */
  | 'RETURNED_OR_DESTROYED_ATTESTED';

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

/** What caused an incident, as its post-incident review names it. */
export type RootCause =
  /** A mistake (a misdirected message, a wrong recipient). */
  | 'HUMAN_ERROR'
  /** Records or media disposed of improperly. */
  | 'IMPROPER_DISPOSAL'
  /** Misuse by someone with access. */
  | 'INSIDER_MISUSE'
  /** A device or medium was lost or stolen. */
  | 'LOST_OR_STOLEN_DEVICE'
  /** Malware or ransomware. */
  | 'MALWARE'
  /** A system configured wrongly (an open bucket, a missing access rule). */
  | 'MISCONFIGURATION'
  /** Anything else. */
  | 'OTHER'
  /** A phishing message. */
  | 'PHISHING'
  /** A flaw in software. */
  | 'SOFTWARE_VULNERABILITY'
  /** Credentials stolen or guessed. */
  | 'STOLEN_CREDENTIALS'
  /** A vendor or business associate. */
  | 'VENDOR_OR_BUSINESS_ASSOCIATE';

/** An anomaly the detectors found in the organization's audit log, as it was written. The evidence is event sequences of the log, never a record's contents. */
export type SecurityAlert = {
  __typename?: 'SecurityAlert';
  /** When it was acknowledged; null while it is open. */
  acknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who acknowledged it. */
  acknowledgedBy?: Maybe<Scalars['ID']['output']>;
  /** Who acknowledged it, as a user (`acknowledgedBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  acknowledgedByUser?: Maybe<User>;
  /** Why it was acknowledged. */
  acknowledgement?: Maybe<SecurityAlertAcknowledgement>;
  /** What was detected. */
  detector: SecurityAlertDetector;
  /** How many events (refusals, accounts, views) the detector counted. */
  eventCount: Scalars['Int']['output'];
  /** The audit events it rests on, newest first: those of `evidenceSequences` the log still keeps. Owners, admins and auditors; the read is audited (once for every alert of the request). */
  evidence?: Maybe<Array<AuditEvent>>;
  /** The sequences of the audit events it rests on (at most 100; see the log for the events). */
  evidenceSequences: Array<Scalars['Int']['output']>;
  /** The alert's id. */
  id: Scalars['ID']['output'];
  /** When it was raised. */
  raisedAt: Scalars['DateTime']['output'];
  /** The sequence of the event that raised it. */
  raisedAtSequence: Scalars['Int']['output'];
  /** How serious it is. */
  severity: SecurityAlertSeverity;
  /** Whom or what it is about, as a code: actor:<user id>, ip:<address>, session:<id>. */
  subject: Scalars['String']['output'];
  /** Whether the caller may acknowledge it now (`acknowledgeSecurityAlert`): owners and admins, while it is open; never a support session or a terminated organization. */
  viewerCanAcknowledge: Scalars['Boolean']['output'];
};

/** Why an alert was acknowledged. */
export type SecurityAlertAcknowledgement =
  /** Real: the access was stopped (sessions ended, an account deactivated, an address blocked). */
  | 'CONTAINED'
  /** Real: handed to incident response (an incident was declared). */
  | 'ESCALATED'
  /** Looked into: ordinary work (a planned export, a bulk review). */
  | 'EXPECTED_ACTIVITY'
  /** Not an anomaly: the threshold is too low for this organization. */
  | 'FALSE_POSITIVE';

/** A page of security alerts, newest first. */
export type SecurityAlertConnection = {
  __typename?: 'SecurityAlertConnection';
  /** The alerts of this page with their cursors. */
  edges: Array<SecurityAlertEdge>;
  /** The alerts of this page (their edges' nodes). */
  nodes: Array<SecurityAlert>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** What an anomaly detector watches for in the audit log. */
export type SecurityAlertDetector =
  /** Sign-in failures over many accounts from one address within ten minutes. */
  | 'CREDENTIAL_STUFFING'
  /** Many denials within ten minutes from one caller or one address. */
  | 'DENIAL_STORM'
  /** One actor viewing far more protected records in an hour than in their ordinary active hour. */
  | 'EXCESSIVE_VIEWS'
  /** An audit export or a data export outside the organization's working hours, in its time zone. */
  | 'EXPORT_OUTSIDE_HOURS'
  /** A platform administrator reading or exporting the organization's data. */
  | 'PLATFORM_ADMIN_ACCESS'
  /** A refresh token used again after it was rotated (its session was ended). */
  | 'REFRESH_TOKEN_REUSE';

/** One alert of a page of alerts, with its cursor. */
export type SecurityAlertEdge = {
  __typename?: 'SecurityAlertEdge';
  /** The cursor of this alert: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The alert. */
  node: SecurityAlert;
};

/** Which security alerts to list; each field left out matches all. */
export type SecurityAlertFilter = {
  /** Only this detector's alerts. */
  detector?: InputMaybe<SecurityAlertDetector>;
  /** Raised at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only alerts at least this serious. */
  minimumSeverity?: InputMaybe<SecurityAlertSeverity>;
  /** Only open alerts (true) or only acknowledged ones (false). */
  open?: InputMaybe<Scalars['Boolean']['input']>;
  /** Raised before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The organization's anomaly thresholds and working hours; without settings of its own, safe defaults. */
export type SecurityAlertSettings = {
  __typename?: 'SecurityAlertSettings';
  /** Denials from one caller or one address within ten minutes that raise an alert. */
  denialThreshold: Scalars['Int']['output'];
  /** The settings' id: that of their organization (one set of thresholds per organization), so that a cache updates the query's answer from a mutation's. */
  id: Scalars['ID']['output'];
  /** True when the organization has set nothing: the defaults. */
  isDefault: Scalars['Boolean']['output'];
  /** Distinct accounts failing to sign in from one address within ten minutes that raise an alert. */
  stuffingAccountThreshold: Scalars['Int']['output'];
  /** The organization's time zone the hours are read in (set with setIncidentSettings). */
  timeZone: Scalars['String']['output'];
  /** Views in one hour that are always ordinary, whatever the actor's baseline. */
  viewFloor: Scalars['Int']['output'];
  /** Views in one hour beyond this multiple of the actor's ordinary active hour raise an alert. */
  viewMultiplier: Scalars['Int']['output'];
  /** The working days, 1 Monday to 7 Sunday. */
  workingDays: Array<Scalars['Int']['output']>;
  /** The local hour working hours end at (1 to 24, after the start). */
  workingHoursEnd: Scalars['Int']['output'];
  /** The local hour working hours start at (0 to 23). */
  workingHoursStart: Scalars['Int']['output'];
};

/** New anomaly thresholds and working hours; each field left out stays as it is. */
export type SecurityAlertSettingsInput = {
  /** 2 to 100000. */
  denialThreshold?: InputMaybe<Scalars['Int']['input']>;
  /** 2 to 100000. */
  stuffingAccountThreshold?: InputMaybe<Scalars['Int']['input']>;
  /** 1 to 1000000. */
  viewFloor?: InputMaybe<Scalars['Int']['input']>;
  /** 2 to 1000. */
  viewMultiplier?: InputMaybe<Scalars['Int']['input']>;
  /** 1 Monday to 7 Sunday, at least one. */
  workingDays?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** 1 to 24, after the start. */
  workingHoursEnd?: InputMaybe<Scalars['Int']['input']>;
  /** 0 to 23. */
  workingHoursStart?: InputMaybe<Scalars['Int']['input']>;
};

/** How serious an alert is. */
export type SecurityAlertSeverity =
  /** An attack at scale under way. */
  | 'CRITICAL'
  /** Likely an attack or misuse: review it now. */
  | 'HIGH'
  /** Worth a look. */
  | 'LOW'
  /** Unusual: review it soon. */
  | 'MEDIUM';

/** What `setAuditRetention` answers: its result, or the userErrors that say why there is none. */
export type SetAuditRetentionPayload = {
  __typename?: 'SetAuditRetentionPayload';
  /** The OrganizationAuditRetention setAuditRetention answers. Null when userErrors is not empty. */
  organizationAuditRetention?: Maybe<OrganizationAuditRetention>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `setIncidentSettings` answers: its result, or the userErrors that say why there is none. */
export type SetIncidentSettingsPayload = {
  __typename?: 'SetIncidentSettingsPayload';
  /** The IncidentSettings setIncidentSettings answers. Null when userErrors is not empty. */
  incidentSettings?: Maybe<IncidentSettings>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `setSecurityAlertSettings` answers: its result, or the userErrors that say why there is none. */
export type SetSecurityAlertSettingsPayload = {
  __typename?: 'SetSecurityAlertSettingsPayload';
  /** The SecurityAlertSettings setSecurityAlertSettings answers. Null when userErrors is not empty. */
  securityAlertSettings?: Maybe<SecurityAlertSettings>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `startAuditChainVerification` answers: its result, or the userErrors that say why there is none. */
export type StartAuditChainVerificationPayload = {
  __typename?: 'StartAuditChainVerificationPayload';
  /** The AuditJob startAuditChainVerification answers. Null when userErrors is not empty. */
  auditJob?: Maybe<AuditJob>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `startAuditExport` answers: its result, or the userErrors that say why there is none. */
export type StartAuditExportPayload = {
  __typename?: 'StartAuditExportPayload';
  /** The AuditJob startAuditExport answers. Null when userErrors is not empty. */
  auditJob?: Maybe<AuditJob>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `submitRiskAssessment` answers: its result, or the userErrors that say why there is none. */
export type SubmitRiskAssessmentPayload = {
  __typename?: 'SubmitRiskAssessmentPayload';
  /** The Incident submitRiskAssessment answers. Null when userErrors is not empty. */
  incident?: Maybe<Incident>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** New counts of the people an incident affects; obligations are recomputed from them. */
export type UpdateIncidentFactsInput = {
  /** How many people are affected in all, 0 to 1,000,000,000. */
  affectedCount: Scalars['Int']['input'];
  /** How many live in each state or jurisdiction (replacing the list); together at most affectedCount. */
  affectedJurisdictions: Array<AffectedJurisdictionInput>;
  /** The incident, still open. */
  incidentId: Scalars['ID']['input'];
};

/** What `updateIncidentFacts` answers: its result, or the userErrors that say why there is none. */
export type UpdateIncidentFactsPayload = {
  __typename?: 'UpdateIncidentFactsPayload';
  /** The Incident updateIncidentFacts answers. Null when userErrors is not empty. */
  incident?: Maybe<Incident>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A person who signs in to Credence. One account may belong to several organizations. */
export type User = {
  __typename?: 'User';
  /** What this user did in the caller's organization, newest first. Owners, admins and auditors; the read is audited. */
  auditTrail?: Maybe<AuditEventConnection>;
  /** The user's id, stable across organizations. */
  id: Scalars['ID']['output'];
};


/** A person who signs in to Credence. One account may belong to several organizations. */
export type UserAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
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

/** What `writePostIncidentReview` answers: its result, or the userErrors that say why there is none. */
export type WritePostIncidentReviewPayload = {
  __typename?: 'WritePostIncidentReviewPayload';
  /** The Incident writePostIncidentReview answers. Null when userErrors is not empty. */
  incident?: Maybe<Incident>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
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
  Credential: Credential;
  Incident: Incident;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Credential:
    ( { __typename: 'Credential' }
    & GraphQLRecursivePick<FederationTypes['Credential'], {"id":true}> );
  Incident:
    ( { __typename: 'Incident' }
    & GraphQLRecursivePick<FederationTypes['Incident'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AcknowledgeSecurityAlertPayload: ResolverTypeWrapper<Maybe<ResolversTypes['SecurityAlert']>>;
  AddRemediationItemPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Incident']>>;
  AffectedJurisdiction: ResolverTypeWrapper<AffectedJurisdiction>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AffectedJurisdictionInput: AffectedJurisdictionInput;
  ApplyLawEnforcementDelayPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Incident']>>;
  AuditAction: AuditAction;
  AuditChainVerification: ResolverTypeWrapper<AuditChainVerification>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AuditCheckpoint: ResolverTypeWrapper<AuditCheckpoint>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditCheckpointConnection: ResolverTypeWrapper<AuditCheckpointConnection>;
  AuditCheckpointEdge: ResolverTypeWrapper<AuditCheckpointEdge>;
  AuditEvent: ResolverTypeWrapper<AuditEventViewModel>;
  AuditEventConnection: ResolverTypeWrapper<Omit<AuditEventConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['AuditEventEdge']>, nodes: Array<ResolversTypes['AuditEvent']> }>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditEventFilter: AuditEventFilter;
  AuditExport: ResolverTypeWrapper<AuditExport>;
  AuditExportFormat: AuditExportFormat;
  AuditJob: ResolverTypeWrapper<AuditJob>;
  AuditJobConnection: ResolverTypeWrapper<AuditJobConnection>;
  AuditJobEdge: ResolverTypeWrapper<AuditJobEdge>;
  AuditJobExport: ResolverTypeWrapper<AuditJobExport>;
  AuditJobKind: AuditJobKind;
  AuditJobProgress: ResolverTypeWrapper<AuditJobProgress>;
  AuditJobStatus: AuditJobStatus;
  AuditOutcome: AuditOutcome;
  AuditResourceType: AuditResourceType;
  AuditRetentionPolicy: ResolverTypeWrapper<AuditRetentionPolicy>;
  AuditSigningKey: ResolverTypeWrapper<AuditSigningKey>;
  CloseIncidentPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Incident']>>;
  CompleteRemediationItemPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Incident']>>;
  Credential: ResolverTypeWrapper<EntityReferenceModel>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeclareIncidentInput: DeclareIncidentInput;
  DeclareIncidentPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Incident']>>;
  ExportAuditLogPayload: ResolverTypeWrapper<Maybe<ResolversTypes['AuditExport']>>;
  ExportPostIncidentReviewPayload: ResolverTypeWrapper<Maybe<ResolversTypes['PostIncidentReviewPdf']>>;
  Incident: ResolverTypeWrapper<IncidentViewModel>;
  IncidentClosure: IncidentClosure;
  IncidentConnection: ResolverTypeWrapper<IncidentConnectionViewModel>;
  IncidentEdge: ResolverTypeWrapper<Omit<IncidentEdge, 'node'> & { node: ResolversTypes['Incident'] }>;
  IncidentKind: IncidentKind;
  IncidentNotification: ResolverTypeWrapper<Omit<IncidentNotification, 'recordedByUser'> & { recordedByUser?: Maybe<ResolversTypes['User']> }>;
  IncidentObligation: ResolverTypeWrapper<IncidentObligation>;
  IncidentRiskAssessment: ResolverTypeWrapper<Omit<IncidentRiskAssessment, 'assessedByUser'> & { assessedByUser?: Maybe<ResolversTypes['User']> }>;
  IncidentSettings: ResolverTypeWrapper<IncidentSettings>;
  IncidentStatus: IncidentStatus;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  LawEnforcementDelay: ResolverTypeWrapper<Omit<LawEnforcementDelay, 'recordedByUser'> & { recordedByUser?: Maybe<ResolversTypes['User']> }>;
  LawEnforcementDelayInput: LawEnforcementDelayInput;
  LawEnforcementDelayKind: LawEnforcementDelayKind;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NoticeMethod: NoticeMethod;
  NotificationObligation: NotificationObligation;
  ObligationStatus: ObligationStatus;
  OrganizationAuditRetention: ResolverTypeWrapper<OrganizationAuditRetention>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PhiAcquisition: PhiAcquisition;
  PhiNature: PhiNature;
  PhiRecipient: PhiRecipient;
  PostIncidentReview: ResolverTypeWrapper<Omit<PostIncidentReview, 'remediations' | 'writtenByUser'> & { remediations: Array<ResolversTypes['RemediationItem']>, writtenByUser?: Maybe<ResolversTypes['User']> }>;
  PostIncidentReviewInput: PostIncidentReviewInput;
  PostIncidentReviewPdf: ResolverTypeWrapper<PostIncidentReviewPdf>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordIncidentNotificationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Incident']>>;
  RecordNotificationInput: RecordNotificationInput;
  RemediationItem: ResolverTypeWrapper<Omit<RemediationItem, 'doneByUser' | 'owner'> & { doneByUser?: Maybe<ResolversTypes['User']>, owner?: Maybe<ResolversTypes['User']> }>;
  RemediationItemInput: RemediationItemInput;
  RemediationStatus: RemediationStatus;
  RiskAssessmentInput: RiskAssessmentInput;
  RiskConclusion: RiskConclusion;
  RiskMitigation: RiskMitigation;
  Role: Role;
  RootCause: RootCause;
  SecurityAlert: ResolverTypeWrapper<SecurityAlertViewModel>;
  SecurityAlertAcknowledgement: SecurityAlertAcknowledgement;
  SecurityAlertConnection: ResolverTypeWrapper<Omit<SecurityAlertConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['SecurityAlertEdge']>, nodes: Array<ResolversTypes['SecurityAlert']> }>;
  SecurityAlertDetector: SecurityAlertDetector;
  SecurityAlertEdge: ResolverTypeWrapper<Omit<SecurityAlertEdge, 'node'> & { node: ResolversTypes['SecurityAlert'] }>;
  SecurityAlertFilter: SecurityAlertFilter;
  SecurityAlertSettings: ResolverTypeWrapper<SecurityAlertSettings>;
  SecurityAlertSettingsInput: SecurityAlertSettingsInput;
  SecurityAlertSeverity: SecurityAlertSeverity;
  SetAuditRetentionPayload: ResolverTypeWrapper<Maybe<ResolversTypes['OrganizationAuditRetention']>>;
  SetIncidentSettingsPayload: ResolverTypeWrapper<Maybe<ResolversTypes['IncidentSettings']>>;
  SetSecurityAlertSettingsPayload: ResolverTypeWrapper<Maybe<ResolversTypes['SecurityAlertSettings']>>;
  StartAuditChainVerificationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['AuditJob']>>;
  StartAuditExportPayload: ResolverTypeWrapper<Maybe<ResolversTypes['AuditJob']>>;
  SubmitRiskAssessmentPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Incident']>>;
  UpdateIncidentFactsInput: UpdateIncidentFactsInput;
  UpdateIncidentFactsPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Incident']>>;
  User: ResolverTypeWrapper<EntityReferenceModel>;
  UserError: ResolverTypeWrapper<UserError>;
  UserErrorCode: UserErrorCode;
  WritePostIncidentReviewPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Incident']>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AcknowledgeSecurityAlertPayload: Maybe<ResolversTypes['SecurityAlert']>;
  AddRemediationItemPayload: Maybe<ResolversTypes['Incident']>;
  AffectedJurisdiction: AffectedJurisdiction;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  AffectedJurisdictionInput: AffectedJurisdictionInput;
  ApplyLawEnforcementDelayPayload: Maybe<ResolversTypes['Incident']>;
  AuditChainVerification: AuditChainVerification;
  Boolean: Scalars['Boolean']['output'];
  AuditCheckpoint: AuditCheckpoint;
  ID: Scalars['ID']['output'];
  AuditCheckpointConnection: AuditCheckpointConnection;
  AuditCheckpointEdge: AuditCheckpointEdge;
  AuditEvent: AuditEventViewModel;
  AuditEventConnection: Omit<AuditEventConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['AuditEventEdge']>, nodes: Array<ResolversParentTypes['AuditEvent']> };
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditEventFilter: AuditEventFilter;
  AuditExport: AuditExport;
  AuditJob: AuditJob;
  AuditJobConnection: AuditJobConnection;
  AuditJobEdge: AuditJobEdge;
  AuditJobExport: AuditJobExport;
  AuditJobProgress: AuditJobProgress;
  AuditRetentionPolicy: AuditRetentionPolicy;
  AuditSigningKey: AuditSigningKey;
  CloseIncidentPayload: Maybe<ResolversTypes['Incident']>;
  CompleteRemediationItemPayload: Maybe<ResolversTypes['Incident']>;
  Credential: EntityReferenceModel;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeclareIncidentInput: DeclareIncidentInput;
  DeclareIncidentPayload: Maybe<ResolversTypes['Incident']>;
  ExportAuditLogPayload: Maybe<ResolversTypes['AuditExport']>;
  ExportPostIncidentReviewPayload: Maybe<ResolversTypes['PostIncidentReviewPdf']>;
  Incident: IncidentViewModel;
  IncidentConnection: IncidentConnectionViewModel;
  IncidentEdge: Omit<IncidentEdge, 'node'> & { node: ResolversParentTypes['Incident'] };
  IncidentNotification: Omit<IncidentNotification, 'recordedByUser'> & { recordedByUser?: Maybe<ResolversParentTypes['User']> };
  IncidentObligation: IncidentObligation;
  IncidentRiskAssessment: Omit<IncidentRiskAssessment, 'assessedByUser'> & { assessedByUser?: Maybe<ResolversParentTypes['User']> };
  IncidentSettings: IncidentSettings;
  JSONObject: Scalars['JSONObject']['output'];
  LawEnforcementDelay: Omit<LawEnforcementDelay, 'recordedByUser'> & { recordedByUser?: Maybe<ResolversParentTypes['User']> };
  LawEnforcementDelayInput: LawEnforcementDelayInput;
  Mutation: Record<PropertyKey, never>;
  OrganizationAuditRetention: OrganizationAuditRetention;
  PageInfo: PageInfo;
  PostIncidentReview: Omit<PostIncidentReview, 'remediations' | 'writtenByUser'> & { remediations: Array<ResolversParentTypes['RemediationItem']>, writtenByUser?: Maybe<ResolversParentTypes['User']> };
  PostIncidentReviewInput: PostIncidentReviewInput;
  PostIncidentReviewPdf: PostIncidentReviewPdf;
  Query: Record<PropertyKey, never>;
  RecordIncidentNotificationPayload: Maybe<ResolversTypes['Incident']>;
  RecordNotificationInput: RecordNotificationInput;
  RemediationItem: Omit<RemediationItem, 'doneByUser' | 'owner'> & { doneByUser?: Maybe<ResolversParentTypes['User']>, owner?: Maybe<ResolversParentTypes['User']> };
  RemediationItemInput: RemediationItemInput;
  RiskAssessmentInput: RiskAssessmentInput;
  SecurityAlert: SecurityAlertViewModel;
  SecurityAlertConnection: Omit<SecurityAlertConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['SecurityAlertEdge']>, nodes: Array<ResolversParentTypes['SecurityAlert']> };
  SecurityAlertEdge: Omit<SecurityAlertEdge, 'node'> & { node: ResolversParentTypes['SecurityAlert'] };
  SecurityAlertFilter: SecurityAlertFilter;
  SecurityAlertSettings: SecurityAlertSettings;
  SecurityAlertSettingsInput: SecurityAlertSettingsInput;
  SetAuditRetentionPayload: Maybe<ResolversTypes['OrganizationAuditRetention']>;
  SetIncidentSettingsPayload: Maybe<ResolversTypes['IncidentSettings']>;
  SetSecurityAlertSettingsPayload: Maybe<ResolversTypes['SecurityAlertSettings']>;
  StartAuditChainVerificationPayload: Maybe<ResolversTypes['AuditJob']>;
  StartAuditExportPayload: Maybe<ResolversTypes['AuditJob']>;
  SubmitRiskAssessmentPayload: Maybe<ResolversTypes['Incident']>;
  UpdateIncidentFactsInput: UpdateIncidentFactsInput;
  UpdateIncidentFactsPayload: Maybe<ResolversTypes['Incident']>;
  User: EntityReferenceModel;
  UserError: UserError;
  WritePostIncidentReviewPayload: Maybe<ResolversTypes['Incident']>;
};

export type AcknowledgeSecurityAlertPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AcknowledgeSecurityAlertPayload'] = ResolversParentTypes['AcknowledgeSecurityAlertPayload']> = {
  securityAlert?: Resolver<Maybe<ResolversTypes['SecurityAlert']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type AddRemediationItemPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AddRemediationItemPayload'] = ResolversParentTypes['AddRemediationItemPayload']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type AffectedJurisdictionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AffectedJurisdiction'] = ResolversParentTypes['AffectedJurisdiction']> = {
  affectedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  jurisdiction?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ApplyLawEnforcementDelayPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ApplyLawEnforcementDelayPayload'] = ResolversParentTypes['ApplyLawEnforcementDelayPayload']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type AuditChainVerificationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditChainVerification'] = ResolversParentTypes['AuditChainVerification']> = {
  checkedCheckpoints?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkedEvents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBadSequence?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AuditCheckpointResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditCheckpoint'] = ResolversParentTypes['AuditCheckpoint']> = {
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  key?: Resolver<Maybe<ResolversTypes['AuditSigningKey']>, ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AuditCheckpointConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditCheckpointConnection'] = ResolversParentTypes['AuditCheckpointConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditCheckpointEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['AuditCheckpoint']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditCheckpointEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditCheckpointEdge'] = ResolversParentTypes['AuditCheckpointEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditCheckpoint'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  action?: Resolver<ResolversTypes['AuditAction'], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  actorRole?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  previousHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resourceId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  resourceType?: Resolver<ResolversTypes['AuditResourceType'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sourceIp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditEventConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditEventEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
};

export type AuditExportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditExport'] = ResolversParentTypes['AuditExport']> = {
  eventCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['AuditExportFormat'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditJobResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditJob'] = ResolversParentTypes['AuditJob']> = {
  export?: Resolver<Maybe<ResolversTypes['AuditJobExport']>, ParentType, ContextType>;
  failure?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  fromSequence?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AuditJobKind'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['AuditJobProgress'], ParentType, ContextType>;
  requestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  requestedBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AuditJobStatus'], ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  toSequence?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  verification?: Resolver<Maybe<ResolversTypes['AuditChainVerification']>, ParentType, ContextType>;
};

export type AuditJobConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditJobConnection'] = ResolversParentTypes['AuditJobConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditJobEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['AuditJob']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditJobEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditJobEdge'] = ResolversParentTypes['AuditJobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditJob'], ParentType, ContextType>;
};

export type AuditJobExportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditJobExport'] = ResolversParentTypes['AuditJobExport']> = {
  bytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  downloadUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  fileExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['AuditExportFormat'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditJobProgressResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditJobProgress'] = ResolversParentTypes['AuditJobProgress']> = {
  eventsDone?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  eventsTotal?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type AuditRetentionPolicyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditRetentionPolicy'] = ResolversParentTypes['AuditRetentionPolicy']> = {
  defaultYears?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minimumYears?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditSigningKeyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditSigningKey'] = ResolversParentTypes['AuditSigningKey']> = {
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  publicKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CloseIncidentPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CloseIncidentPayload'] = ResolversParentTypes['CloseIncidentPayload']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CompleteRemediationItemPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CompleteRemediationItemPayload'] = ResolversParentTypes['CompleteRemediationItemPayload']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CredentialResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Credential'] = ResolversParentTypes['Credential'], FederationReferenceType extends FederationReferenceTypes['Credential'] = FederationReferenceTypes['Credential']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Credential']> | FederationReferenceType, FederationReferenceType, ContextType>;
  accessHistory?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, Partial<CredentialAccessHistoryArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeclareIncidentPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DeclareIncidentPayload'] = ResolversParentTypes['DeclareIncidentPayload']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ExportAuditLogPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ExportAuditLogPayload'] = ResolversParentTypes['ExportAuditLogPayload']> = {
  auditExport?: Resolver<Maybe<ResolversTypes['AuditExport']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ExportPostIncidentReviewPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ExportPostIncidentReviewPayload'] = ResolversParentTypes['ExportPostIncidentReviewPayload']> = {
  postIncidentReviewPdf?: Resolver<Maybe<ResolversTypes['PostIncidentReviewPdf']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type IncidentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Incident'] = ResolversParentTypes['Incident'], FederationReferenceType extends FederationReferenceTypes['Incident'] = FederationReferenceTypes['Incident']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Incident']> | FederationReferenceType, FederationReferenceType, ContextType>;
  actingAsBusinessAssociate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  affectedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  affectedJurisdictions?: Resolver<Array<ResolversTypes['AffectedJurisdiction']>, ParentType, ContextType>;
  closedAs?: Resolver<Maybe<ResolversTypes['IncidentClosure']>, ParentType, ContextType>;
  contractNoticeHours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  declaredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  declaredBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  declaredByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  discoveredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['IncidentKind'], ParentType, ContextType>;
  lawEnforcementDelays?: Resolver<Array<ResolversTypes['LawEnforcementDelay']>, ParentType, ContextType>;
  nextDeadline?: Resolver<Maybe<ResolversTypes['IncidentObligation']>, ParentType, ContextType>;
  notifications?: Resolver<Array<ResolversTypes['IncidentNotification']>, ParentType, ContextType>;
  obligations?: Resolver<Array<ResolversTypes['IncidentObligation']>, ParentType, ContextType>;
  review?: Resolver<Maybe<ResolversTypes['PostIncidentReview']>, ParentType, ContextType>;
  riskAssessments?: Resolver<Array<ResolversTypes['IncidentRiskAssessment']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IncidentStatus'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type IncidentConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IncidentConnection'] = ResolversParentTypes['IncidentConnection']> = {
  edges?: Resolver<Array<ResolversTypes['IncidentEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Incident']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type IncidentEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IncidentEdge'] = ResolversParentTypes['IncidentEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Incident'], ParentType, ContextType>;
};

export type IncidentNotificationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IncidentNotification'] = ResolversParentTypes['IncidentNotification']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jurisdiction?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  notifiedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  obligation?: Resolver<ResolversTypes['NotificationObligation'], ParentType, ContextType>;
  recordedBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recordedByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
};

export type IncidentObligationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IncidentObligation'] = ResolversParentTypes['IncidentObligation']> = {
  captured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  dueAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dueAtLocal?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jurisdiction?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  metHow?: Resolver<Maybe<ResolversTypes['NoticeMethod']>, ParentType, ContextType>;
  notBefore?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  obligation?: Resolver<ResolversTypes['NotificationObligation'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ObligationStatus'], ParentType, ContextType>;
};

export type IncidentRiskAssessmentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IncidentRiskAssessment'] = ResolversParentTypes['IncidentRiskAssessment']> = {
  acquisition?: Resolver<ResolversTypes['PhiAcquisition'], ParentType, ContextType>;
  assessedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  assessedBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  assessedByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  conclusion?: Resolver<ResolversTypes['RiskConclusion'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mitigation?: Resolver<ResolversTypes['RiskMitigation'], ParentType, ContextType>;
  phiNature?: Resolver<ResolversTypes['PhiNature'], ParentType, ContextType>;
  recipient?: Resolver<ResolversTypes['PhiRecipient'], ParentType, ContextType>;
};

export type IncidentSettingsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IncidentSettings'] = ResolversParentTypes['IncidentSettings']> = {
  contractNoticeHours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type LawEnforcementDelayResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['LawEnforcementDelay'] = ResolversParentTypes['LawEnforcementDelay']> = {
  agency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['LawEnforcementDelayKind'], ParentType, ContextType>;
  officer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recordedBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recordedByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  statedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  until?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acknowledgeSecurityAlert?: Resolver<Maybe<ResolversTypes['AcknowledgeSecurityAlertPayload']>, ParentType, ContextType, RequireFields<MutationAcknowledgeSecurityAlertArgs, 'id' | 'reason'>>;
  addRemediationItem?: Resolver<Maybe<ResolversTypes['AddRemediationItemPayload']>, ParentType, ContextType, RequireFields<MutationAddRemediationItemArgs, 'input'>>;
  applyLawEnforcementDelay?: Resolver<Maybe<ResolversTypes['ApplyLawEnforcementDelayPayload']>, ParentType, ContextType, RequireFields<MutationApplyLawEnforcementDelayArgs, 'input'>>;
  closeIncident?: Resolver<Maybe<ResolversTypes['CloseIncidentPayload']>, ParentType, ContextType, RequireFields<MutationCloseIncidentArgs, 'id'>>;
  completeRemediationItem?: Resolver<Maybe<ResolversTypes['CompleteRemediationItemPayload']>, ParentType, ContextType, RequireFields<MutationCompleteRemediationItemArgs, 'id'>>;
  declareIncident?: Resolver<Maybe<ResolversTypes['DeclareIncidentPayload']>, ParentType, ContextType, RequireFields<MutationDeclareIncidentArgs, 'input'>>;
  exportAuditLog?: Resolver<Maybe<ResolversTypes['ExportAuditLogPayload']>, ParentType, ContextType, RequireFields<MutationExportAuditLogArgs, 'format'>>;
  exportPostIncidentReview?: Resolver<Maybe<ResolversTypes['ExportPostIncidentReviewPayload']>, ParentType, ContextType, RequireFields<MutationExportPostIncidentReviewArgs, 'incidentId'>>;
  recordIncidentNotification?: Resolver<Maybe<ResolversTypes['RecordIncidentNotificationPayload']>, ParentType, ContextType, RequireFields<MutationRecordIncidentNotificationArgs, 'input'>>;
  setAuditRetention?: Resolver<Maybe<ResolversTypes['SetAuditRetentionPayload']>, ParentType, ContextType, RequireFields<MutationSetAuditRetentionArgs, 'years'>>;
  setIncidentSettings?: Resolver<Maybe<ResolversTypes['SetIncidentSettingsPayload']>, ParentType, ContextType, Partial<MutationSetIncidentSettingsArgs>>;
  setSecurityAlertSettings?: Resolver<Maybe<ResolversTypes['SetSecurityAlertSettingsPayload']>, ParentType, ContextType, RequireFields<MutationSetSecurityAlertSettingsArgs, 'settings'>>;
  startAuditChainVerification?: Resolver<Maybe<ResolversTypes['StartAuditChainVerificationPayload']>, ParentType, ContextType, Partial<MutationStartAuditChainVerificationArgs>>;
  startAuditExport?: Resolver<Maybe<ResolversTypes['StartAuditExportPayload']>, ParentType, ContextType, RequireFields<MutationStartAuditExportArgs, 'format'>>;
  submitRiskAssessment?: Resolver<Maybe<ResolversTypes['SubmitRiskAssessmentPayload']>, ParentType, ContextType, RequireFields<MutationSubmitRiskAssessmentArgs, 'input'>>;
  updateIncidentFacts?: Resolver<Maybe<ResolversTypes['UpdateIncidentFactsPayload']>, ParentType, ContextType, RequireFields<MutationUpdateIncidentFactsArgs, 'input'>>;
  writePostIncidentReview?: Resolver<Maybe<ResolversTypes['WritePostIncidentReviewPayload']>, ParentType, ContextType, RequireFields<MutationWritePostIncidentReviewArgs, 'input'>>;
};

export type OrganizationAuditRetentionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OrganizationAuditRetention'] = ResolversParentTypes['OrganizationAuditRetention']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  minimumYears?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  years?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PostIncidentReviewResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PostIncidentReview'] = ResolversParentTypes['PostIncidentReview']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  remediations?: Resolver<Array<ResolversTypes['RemediationItem']>, ParentType, ContextType>;
  rootCause?: Resolver<ResolversTypes['RootCause'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  writtenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  writtenBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  writtenByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
};

export type PostIncidentReviewPdfResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PostIncidentReviewPdf'] = ResolversParentTypes['PostIncidentReviewPdf']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditCheckpoints?: Resolver<Maybe<ResolversTypes['AuditCheckpointConnection']>, ParentType, ContextType, Partial<QueryAuditCheckpointsArgs>>;
  auditEvents?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, Partial<QueryAuditEventsArgs>>;
  auditJob?: Resolver<Maybe<ResolversTypes['AuditJob']>, ParentType, ContextType, RequireFields<QueryAuditJobArgs, 'id'>>;
  auditJobs?: Resolver<Maybe<ResolversTypes['AuditJobConnection']>, ParentType, ContextType, Partial<QueryAuditJobsArgs>>;
  auditRetentionPolicy?: Resolver<Maybe<ResolversTypes['AuditRetentionPolicy']>, ParentType, ContextType>;
  auditSigningKeys?: Resolver<Maybe<Array<ResolversTypes['AuditSigningKey']>>, ParentType, ContextType>;
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType, RequireFields<QueryIncidentArgs, 'id'>>;
  incidentSettings?: Resolver<Maybe<ResolversTypes['IncidentSettings']>, ParentType, ContextType>;
  incidents?: Resolver<Maybe<ResolversTypes['IncidentConnection']>, ParentType, ContextType, Partial<QueryIncidentsArgs>>;
  organizationAuditRetention?: Resolver<Maybe<ResolversTypes['OrganizationAuditRetention']>, ParentType, ContextType>;
  securityAlertSettings?: Resolver<Maybe<ResolversTypes['SecurityAlertSettings']>, ParentType, ContextType>;
  securityAlerts?: Resolver<Maybe<ResolversTypes['SecurityAlertConnection']>, ParentType, ContextType, Partial<QuerySecurityAlertsArgs>>;
  verifyAuditChain?: Resolver<Maybe<ResolversTypes['AuditChainVerification']>, ParentType, ContextType, Partial<QueryVerifyAuditChainArgs>>;
};

export type RecordIncidentNotificationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RecordIncidentNotificationPayload'] = ResolversParentTypes['RecordIncidentNotificationPayload']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RemediationItemResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RemediationItem'] = ResolversParentTypes['RemediationItem']> = {
  doneAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  doneBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  doneByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  dueOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  ownerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RemediationStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SecurityAlertResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SecurityAlert'] = ResolversParentTypes['SecurityAlert']> = {
  acknowledgedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  acknowledgedBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  acknowledgedByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  acknowledgement?: Resolver<Maybe<ResolversTypes['SecurityAlertAcknowledgement']>, ParentType, ContextType>;
  detector?: Resolver<ResolversTypes['SecurityAlertDetector'], ParentType, ContextType>;
  eventCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  evidence?: Resolver<Maybe<Array<ResolversTypes['AuditEvent']>>, ParentType, ContextType>;
  evidenceSequences?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  raisedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  raisedAtSequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['SecurityAlertSeverity'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  viewerCanAcknowledge?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SecurityAlertConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SecurityAlertConnection'] = ResolversParentTypes['SecurityAlertConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SecurityAlertEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['SecurityAlert']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type SecurityAlertEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SecurityAlertEdge'] = ResolversParentTypes['SecurityAlertEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SecurityAlert'], ParentType, ContextType>;
};

export type SecurityAlertSettingsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SecurityAlertSettings'] = ResolversParentTypes['SecurityAlertSettings']> = {
  denialThreshold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  stuffingAccountThreshold?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  timeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  viewFloor?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  viewMultiplier?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  workingDays?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  workingHoursEnd?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  workingHoursStart?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SetAuditRetentionPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SetAuditRetentionPayload'] = ResolversParentTypes['SetAuditRetentionPayload']> = {
  organizationAuditRetention?: Resolver<Maybe<ResolversTypes['OrganizationAuditRetention']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type SetIncidentSettingsPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SetIncidentSettingsPayload'] = ResolversParentTypes['SetIncidentSettingsPayload']> = {
  incidentSettings?: Resolver<Maybe<ResolversTypes['IncidentSettings']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type SetSecurityAlertSettingsPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SetSecurityAlertSettingsPayload'] = ResolversParentTypes['SetSecurityAlertSettingsPayload']> = {
  securityAlertSettings?: Resolver<Maybe<ResolversTypes['SecurityAlertSettings']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type StartAuditChainVerificationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['StartAuditChainVerificationPayload'] = ResolversParentTypes['StartAuditChainVerificationPayload']> = {
  auditJob?: Resolver<Maybe<ResolversTypes['AuditJob']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type StartAuditExportPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['StartAuditExportPayload'] = ResolversParentTypes['StartAuditExportPayload']> = {
  auditJob?: Resolver<Maybe<ResolversTypes['AuditJob']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type SubmitRiskAssessmentPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SubmitRiskAssessmentPayload'] = ResolversParentTypes['SubmitRiskAssessmentPayload']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type UpdateIncidentFactsPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UpdateIncidentFactsPayload'] = ResolversParentTypes['UpdateIncidentFactsPayload']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditTrail?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, Partial<UserAuditTrailArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type WritePostIncidentReviewPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WritePostIncidentReviewPayload'] = ResolversParentTypes['WritePostIncidentReviewPayload']> = {
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  AcknowledgeSecurityAlertPayload?: AcknowledgeSecurityAlertPayloadResolvers<ContextType>;
  AddRemediationItemPayload?: AddRemediationItemPayloadResolvers<ContextType>;
  AffectedJurisdiction?: AffectedJurisdictionResolvers<ContextType>;
  ApplyLawEnforcementDelayPayload?: ApplyLawEnforcementDelayPayloadResolvers<ContextType>;
  AuditChainVerification?: AuditChainVerificationResolvers<ContextType>;
  AuditCheckpoint?: AuditCheckpointResolvers<ContextType>;
  AuditCheckpointConnection?: AuditCheckpointConnectionResolvers<ContextType>;
  AuditCheckpointEdge?: AuditCheckpointEdgeResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  AuditExport?: AuditExportResolvers<ContextType>;
  AuditJob?: AuditJobResolvers<ContextType>;
  AuditJobConnection?: AuditJobConnectionResolvers<ContextType>;
  AuditJobEdge?: AuditJobEdgeResolvers<ContextType>;
  AuditJobExport?: AuditJobExportResolvers<ContextType>;
  AuditJobProgress?: AuditJobProgressResolvers<ContextType>;
  AuditRetentionPolicy?: AuditRetentionPolicyResolvers<ContextType>;
  AuditSigningKey?: AuditSigningKeyResolvers<ContextType>;
  CloseIncidentPayload?: CloseIncidentPayloadResolvers<ContextType>;
  CompleteRemediationItemPayload?: CompleteRemediationItemPayloadResolvers<ContextType>;
  Credential?: CredentialResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DeclareIncidentPayload?: DeclareIncidentPayloadResolvers<ContextType>;
  ExportAuditLogPayload?: ExportAuditLogPayloadResolvers<ContextType>;
  ExportPostIncidentReviewPayload?: ExportPostIncidentReviewPayloadResolvers<ContextType>;
  Incident?: IncidentResolvers<ContextType>;
  IncidentConnection?: IncidentConnectionResolvers<ContextType>;
  IncidentEdge?: IncidentEdgeResolvers<ContextType>;
  IncidentNotification?: IncidentNotificationResolvers<ContextType>;
  IncidentObligation?: IncidentObligationResolvers<ContextType>;
  IncidentRiskAssessment?: IncidentRiskAssessmentResolvers<ContextType>;
  IncidentSettings?: IncidentSettingsResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  LawEnforcementDelay?: LawEnforcementDelayResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OrganizationAuditRetention?: OrganizationAuditRetentionResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PostIncidentReview?: PostIncidentReviewResolvers<ContextType>;
  PostIncidentReviewPdf?: PostIncidentReviewPdfResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordIncidentNotificationPayload?: RecordIncidentNotificationPayloadResolvers<ContextType>;
  RemediationItem?: RemediationItemResolvers<ContextType>;
  SecurityAlert?: SecurityAlertResolvers<ContextType>;
  SecurityAlertConnection?: SecurityAlertConnectionResolvers<ContextType>;
  SecurityAlertEdge?: SecurityAlertEdgeResolvers<ContextType>;
  SecurityAlertSettings?: SecurityAlertSettingsResolvers<ContextType>;
  SetAuditRetentionPayload?: SetAuditRetentionPayloadResolvers<ContextType>;
  SetIncidentSettingsPayload?: SetIncidentSettingsPayloadResolvers<ContextType>;
  SetSecurityAlertSettingsPayload?: SetSecurityAlertSettingsPayloadResolvers<ContextType>;
  StartAuditChainVerificationPayload?: StartAuditChainVerificationPayloadResolvers<ContextType>;
  StartAuditExportPayload?: StartAuditExportPayloadResolvers<ContextType>;
  SubmitRiskAssessmentPayload?: SubmitRiskAssessmentPayloadResolvers<ContextType>;
  UpdateIncidentFactsPayload?: UpdateIncidentFactsPayloadResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  WritePostIncidentReviewPayload?: WritePostIncidentReviewPayloadResolvers<ContextType>;
};

