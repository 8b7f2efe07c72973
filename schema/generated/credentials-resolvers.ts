// Generated from schema/credentials.graphql by `npm run codegen` (schema/codegen.ts): do not edit.
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PhysicianView as PhysicianViewModel, PhysicianConnectionView as PhysicianConnectionViewModel, AffiliationView as AffiliationViewModel } from '../../subgraphs/credentials/physicians.ts';
import type { CredentialView as CredentialViewModel } from '../../subgraphs/credentials/credential-records.ts';
import type { DocumentView as DocumentViewModel } from '../../subgraphs/credentials/documents.ts';
import type { CredentialVerificationView as CredentialVerificationViewModel, VerificationReviewView as VerificationReviewViewModel, VerificationCheckView as VerificationCheckViewModel } from '../../subgraphs/credentials/verifications.ts';
import type { ExclusionMatchView as ExclusionMatchViewModel } from '../../subgraphs/credentials/exclusions.ts';
import type { CredentialingView as CredentialingViewModel, MonitoringAlertView as MonitoringAlertViewModel } from '../../subgraphs/credentials/credentialing.ts';
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
  /** A calendar date, YYYY-MM-DD. */
  Date: { input: string; output: string | Date; }
  /** An instant, as ISO 8601 text with a time zone (2026-01-31T09:00:00Z). */
  DateTime: { input: Date; output: Date | string; }
  /** A JSON object, as facts of an error carry it. */
  JSONObject: { input: never; output: Record<string, unknown>; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** What `acknowledgeMonitoringAlert` answers: its result, or the userErrors that say why there is none. */
export type AcknowledgeMonitoringAlertPayload = {
  __typename?: 'AcknowledgeMonitoringAlertPayload';
  /** The MonitoringAlert acknowledgeMonitoringAlert answers. Null when userErrors is not empty. */
  monitoringAlert?: Maybe<MonitoringAlert>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A new credential of a physician. It is verified at its primary sources once recorded. */
export type AddCredentialInput = {
  /** When it expires, after issuedOn; required for every type but board certifications. */
  expiresOn?: InputMaybe<Scalars['Date']['input']>;
  /** When it was issued. */
  issuedOn?: InputMaybe<Scalars['Date']['input']>;
  /** Who issued it, 1 to 200 characters. */
  issuer: Scalars['String']['input'];
  /** The credential's number, 1 to 40 letters and digits (spaces and dashes ignored); a DEA number is two letters and seven digits. Stored encrypted. */
  number: Scalars['String']['input'];
  /** The physician the credential belongs to. */
  physicianId: Scalars['ID']['input'];
  /** Two-letter US state or territory code; required for state licenses, DEA and state controlled-substance registrations. */
  state?: InputMaybe<Scalars['String']['input']>;
  /** What kind of credential it is. */
  type: CredentialType;
};

/** What `addCredential` answers: its result, or the userErrors that say why there is none. */
export type AddCredentialPayload = {
  __typename?: 'AddCredentialPayload';
  /** The Credential addCredential answers. Null when userErrors is not empty. */
  credential?: Maybe<Credential>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** How an organization sees a physician: the physician's affiliation with it. */
export type Affiliation = {
  __typename?: 'Affiliation';
  /** When the affiliation ended; null while it is active. */
  endedOn?: Maybe<Scalars['Date']['output']>;
  /** The affiliation's id: `<organization id>:<physician file id>`, one per physician file and organization. */
  id: Scalars['ID']['output'];
  /** The organization (served by identity: null, with a field error, when identity cannot answer it). */
  organization?: Maybe<Organization>;
  /** When the affiliation started. */
  startedOn: Scalars['Date']['output'];
  /** Whether the physician works with it now. */
  status: AffiliationStatus;
};

/** Whether a physician works with the organization. */
export type AffiliationStatus =
  /** The physician works with the organization now. */
  | 'ACTIVE'
  /** The affiliation has ended (endedOn says when); the file is kept. */
  | 'INACTIVE';

/** One field a source disagrees on, or why a check needs a person. Values are not repeated here. */
export type CheckProblem = {
  __typename?: 'CheckProblem';
  /** A stable code: NAME_DIFFERS, LICENSE_NOT_IN_TAXONOMIES, INACTIVE, EXPIRY_DIFFERS, NO_AUTOMATED_SOURCE, POSSIBLE_EXCLUSION_MATCH, ... */
  code: Scalars['String']['output'];
  /** The field of the file concerned (name, state, expiresOn, ...). */
  field: Scalars['String']['output'];
};

/** What a source said about the file. */
export type CheckResult =
  /** The physician is on an exclusion list. */
  | 'EXCLUDED'
  /** A person must check it (no automated source, or a possible match). */
  | 'MANUAL'
  /** The source disagrees on some fields: see problems. */
  | 'MISMATCH'
  /** The source has no such record. */
  | 'NOT_FOUND'
  /** The source could not be reached or answered with an error. */
  | 'SOURCE_UNAVAILABLE'
  /** The source agrees with the file. */
  | 'VERIFIED';

/** A new physician file, affiliated with the caller's organization. */
export type CreatePhysicianInput = {
  /** Date of birth, not in the future; stored encrypted. */
  dateOfBirth?: InputMaybe<Scalars['Date']['input']>;
  /** Family (last) name, 1 to 100 characters. */
  familyName: Scalars['String']['input'];
  /** Given (first) name, 1 to 100 characters. */
  givenName: Scalars['String']['input'];
  /** The 10-digit NPI (starting with 1 or 2, with a valid check digit). */
  npi: Scalars['String']['input'];
  /** Social Security number, as 123-45-6789; stored encrypted. */
  ssn?: InputMaybe<Scalars['String']['input']>;
  /** The physician's user account, a member of this organization with the PHYSICIAN role. */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** What `createPhysician` answers: its result, or the userErrors that say why there is none. */
export type CreatePhysicianPayload = {
  __typename?: 'CreatePhysicianPayload';
  /** The Physician createPhysician answers. Null when userErrors is not empty. */
  physician?: Maybe<Physician>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A new webhook subscription. */
export type CreateWebhookSubscriptionInput = {
  /** The events to receive (at least one). */
  events: Array<WebhookEventType>;
  /** An https URL (at most 2000 characters, no user name or password); its host must resolve to public addresses. */
  url: Scalars['String']['input'];
};

/** What `createWebhookSubscription` answers: its result, or the userErrors that say why there is none. */
export type CreateWebhookSubscriptionPayload = {
  __typename?: 'CreateWebhookSubscriptionPayload';
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
  /** The WebhookSubscriptionSecret createWebhookSubscription answers. Null when userErrors is not empty. */
  webhookSubscriptionSecret?: Maybe<WebhookSubscriptionSecret>;
};

/** A license, registration, certification or insurance of a physician, and where its verification stands. */
export type Credential = {
  __typename?: 'Credential';
  /** When it was recorded. */
  createdAt: Scalars['DateTime']['output'];
  /** The documents that prove it (uploaded or awaiting their upload). */
  documents: Array<Document>;
  /** Whether the expiry date has passed. */
  expired: Scalars['Boolean']['output'];
  /** When it expires; null for types that do not expire. */
  expiresOn?: Maybe<Scalars['Date']['output']>;
  /** The credential's id. */
  id: Scalars['ID']['output'];
  /** When it was issued; null when not recorded. */
  issuedOn?: Maybe<Scalars['Date']['output']>;
  /** Who issued it (a board, an agency, a carrier), up to 200 characters. */
  issuer: Scalars['String']['output'];
  /** Protected (encrypted; searched through a keyed blind index). Every read is audited. Null when not recorded, or when withheld from the caller's role (then `withheldFields` names it, and no error is answered). */
  number?: Maybe<Scalars['String']['output']>;
  /** The physician it belongs to. */
  physician: Physician;
  /** Why the credential needs review before its sources are even asked (a DEA number's check digit, its name initial or registrant type); empty otherwise. */
  reviewReasons: Array<CredentialReviewReason>;
  /** US state or territory code, for state-issued credentials. */
  state?: Maybe<Scalars['String']['output']>;
  /** Where its verification stands. */
  status: CredentialStatus;
  /** What kind of credential it is. */
  type: CredentialType;
  /** When it was last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Its verification at its primary sources: status, checks, a pending review, the next reminder. Null only when the credential has just been removed. */
  verification?: Maybe<CredentialVerification>;
  /** Whether the caller may ask for this credential to be verified again now (`requestVerification`): owners, admins and credentialing staff, not the physician it belongs to; never a support session or a terminated organization. */
  viewerCanRequestVerification: Scalars['Boolean']['output'];
  /** Whether the caller may change this credential now (`updateCredential`, `removeCredential`, `requestDocumentUpload`): owners, admins and credentialing staff of its organization, and the physician whose credential it is; never a support session or a terminated organization. */
  viewerCanUpdate: Scalars['Boolean']['output'];
  /** The protected fields of this credential the caller's role may not read (they answer null, without an error), whether the request asked for them or not; empty when it may read them all. */
  withheldFields: Array<WithheldField>;
};

/** A page of credentials. */
export type CredentialConnection = {
  __typename?: 'CredentialConnection';
  /** The credentials of this page with their cursors. */
  edges: Array<CredentialEdge>;
  /** The credentials of this page (their edges' nodes). */
  nodes: Array<Credential>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One credential of a page of credentials, with its cursor. */
export type CredentialEdge = {
  __typename?: 'CredentialEdge';
  /** The cursor of this credential: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The credential. */
  node: Credential;
};

/** Narrows a list of credentials; every field given must match. */
export type CredentialFilter = {
  /** Credentials that expire within this many days from today, 0 to 3650 (already expired ones excluded). */
  expiringWithinDays?: InputMaybe<Scalars['Int']['input']>;
  /** Exact credential number (compared through its blind index). */
  number?: InputMaybe<Scalars['String']['input']>;
  /** Only this physician's credentials. */
  physicianId?: InputMaybe<Scalars['ID']['input']>;
  /** Only credentials with this status. */
  status?: InputMaybe<CredentialStatus>;
  /** Only credentials of this type. */
  type?: InputMaybe<CredentialType>;
};

/** The order of a list of credentials. */
export type CredentialOrder = {
  /** Which way; ASC when left out. */
  direction?: InputMaybe<OrderDirection>;
  /** What to order by. */
  field: CredentialOrderField;
};

/** What a list of credentials is ordered by; ties are broken by the credential's id. */
export type CredentialOrderField =
  /** When the credential was added. */
  | 'CREATED_AT'
  /** Its expiry date; credentials that do not expire come after every date (before them, DESC). */
  | 'EXPIRES_ON';

/** Why a credential goes to review on its own record, before its sources are asked. */
export type CredentialReviewReason =
  /** The DEA number's check digit does not match its digits. */
  | 'DEA_CHECK_DIGIT'
  /** The DEA number's second letter is not the initial of the physician's family name. */
  | 'DEA_NAME_INITIAL'
  /** The DEA number's first letter is not a registrant type of a practitioner. */
  | 'DEA_REGISTRANT_TYPE';

/** Where a credential stands in its verification at its primary sources. */
export type CredentialStatus =
  /** Its expiry date has passed. */
  | 'EXPIRED'
  /** A check left doubt (a mismatch, a possible exclusion match, a source without automation, a DEA number that fails its check): a person decides. See verification.pendingReview. */
  | 'NEEDS_REVIEW'
  /** Recorded, not verified yet (its checks are queued or running). */
  | 'PENDING'
  /** A reviewer rejected it. */
  | 'REJECTED'
  /** A source could not be reached; it is retried with growing intervals before going to review. */
  | 'SOURCE_UNAVAILABLE'
  /** Every check agreed with the file, or a reviewer approved it. */
  | 'VERIFIED';

/** The kinds of credential Credence keeps and verifies. */
export type CredentialType =
  /** A specialty board certification. */
  | 'BOARD_CERTIFICATION'
  /** A DEA controlled-substance registration. Needs a state and an expiry date. */
  | 'DEA_REGISTRATION'
  /** Malpractice (professional liability) insurance. Needs an expiry date. */
  | 'MALPRACTICE_INSURANCE'
  /** A state controlled-substance registration. Needs a state and an expiry date. */
  | 'STATE_CONTROLLED_SUBSTANCE'
  /** A state medical license. Needs a state and an expiry date. */
  | 'STATE_LICENSE';

/** Reference data about a credential type: what it is called and where it is verified. */
export type CredentialTypeInfo = {
  __typename?: 'CredentialTypeInfo';
  /** Its name, to show (for example State medical license). */
  label: Scalars['String']['output'];
  /** The primary source a credential of this type is verified against. */
  primarySource: Scalars['String']['output'];
  /** The credential type. */
  type: CredentialType;
};

/** A credential's verification at its primary sources. */
export type CredentialVerification = {
  __typename?: 'CredentialVerification';
  /** The checks of the latest verification, one per source, newest first. */
  checks: Array<VerificationCheck>;
  /** When the next expiry reminder goes out (90, 60, 30 and 7 days before expiry). */
  nextReminderAt?: Maybe<Scalars['DateTime']['output']>;
  /** The review waiting for a decision, if any. */
  pendingReview?: Maybe<VerificationReview>;
  /** When a verification was last asked for. */
  requestedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the verification stands (the same as Credential.status). */
  status: CredentialStatus;
  /** When the credential was last verified (by its sources or a review). */
  verifiedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** A physician's credentialing in the caller's organization: its current cycle. Owners, admins and credentialing staff. */
export type Credentialing = {
  __typename?: 'Credentialing';
  /** What keeps the file from a decision, as short codes: missing:<group>, unverified:<group>, pending:<credential type>, stale:<credential type>, stale:exclusion_screening, exclusions:<status>. Empty when ready. */
  blockers: Array<Scalars['String']['output']>;
  /** The cycle's number: 1 for the first credentialing, one more for each cycle after it. */
  cycleNumber: Scalars['Int']['output'];
  /** When the cycle began. */
  cycleStartedAt: Scalars['DateTime']['output'];
  /** When the latest decision was made. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The user who made the latest decision. */
  decidedBy?: Maybe<Scalars['ID']['output']>;
  /** The user who made the latest decision, as a user (`decidedBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  decidedByUser?: Maybe<User>;
  /** The latest decision of the cycle; null before the first. */
  decision?: Maybe<CredentialingDecision>;
  /** Every decision of the cycle, oldest first. */
  decisions: Array<CredentialingDecisionRecord>;
  /** When a monitoring alert put the decided file back in review; null otherwise. */
  flaggedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The cycle's id (each cycle of a physician's file has its own). */
  id: Scalars['ID']['output'];
  /** Initial credentialing or re-credentialing. */
  kind: CredentialingKind;
  /** How old a check may be at a decision in the caller's organization: 120 days, 90 for a credentials verification organization. */
  maxVerificationAgeDays: Scalars['Int']['output'];
  /** Whole days since the oldest primary-source check the readiness rests on; null without checks. */
  oldestVerificationAgeDays?: Maybe<Scalars['Int']['output']>;
  /** Since when the file has been ready for a decision; null while it is not. */
  readySince?: Maybe<Scalars['DateTime']['output']>;
  /** The latest decision's reason code. */
  reasonCode?: Maybe<Scalars['String']['output']>;
  /** When re-credentialing is due (36 months after the approval). */
  recredentialingDueAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the cycle stands. */
  status: CredentialingStatus;
};

/** The credentialing committee's decision. */
export type CredentialingDecision =
  /** Credentialed: re-credentialing is due 36 months later. */
  | 'APPROVED'
  /** Put off: the file goes back to collecting (or stays in review) until a new decision. */
  | 'DEFERRED'
  /** Not credentialed: the file's cycles end. */
  | 'DENIED';

/** One decision on a credentialing file, as recorded (never changed). */
export type CredentialingDecisionRecord = {
  __typename?: 'CredentialingDecisionRecord';
  /** When it was made. */
  decidedAt: Scalars['DateTime']['output'];
  /** The user who made it. */
  decidedBy: Scalars['ID']['output'];
  /** The role the user made it in. */
  decidedByRole: Role;
  /** The user who made it, as a user (`decidedBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  decidedByUser?: Maybe<User>;
  /** The decision. */
  decision: CredentialingDecision;
  /** The decision record's id. */
  id: Scalars['ID']['output'];
  /** Its reason code. */
  reasonCode: Scalars['String']['output'];
};

/** An exported credentialing file, behind a signed link. */
export type CredentialingFileExport = {
  __typename?: 'CredentialingFileExport';
  /** When the link stops working. */
  expiresAt: Scalars['DateTime']['output'];
  /** The file's format. */
  format: CredentialingFileFormat;
  /** The download link, valid for 15 minutes; the file is stored sealed with a key only this link carries. */
  url: Scalars['String']['output'];
};

/** The format of an exported credentialing file. */
export type CredentialingFileFormat =
  /** One JSON document (format credence-credentialing-file, version 1). */
  | 'JSON'
  /** A PDF for people: the committee, an NCQA file audit. */
  | 'PDF';

/** The kind of a credentialing cycle. */
export type CredentialingKind =
  /** The physician's first credentialing in the organization (or again, after a re-credentialing lapsed). */
  | 'INITIAL'
  /** The re-credentialing due 36 months after the previous decision. */
  | 'RECREDENTIALING';

/** Where a credentialing cycle stands. */
export type CredentialingStatus =
  /** The physician file is gone. */
  | 'CLOSED'
  /** The committee decided (see decision). */
  | 'DECIDED'
  /** Waiting for the required credentials and screens to be verified (stale checks are asked for again by themselves). */
  | 'IN_PROGRESS'
  /** A re-credentialing more than 30 days past due without a decision: the physician goes through initial credentialing again (the next cycle). */
  | 'LAPSED'
  /** A decided file back in review: the monthly monitoring found a new exclusion match. It stays so until a new decision. */
  | 'NEEDS_REVIEW'
  /** Every required credential and screen is verified and no check is older than the organization allows: it waits for the committee's decision. */
  | 'READY';

/** What `deleteWebhookSubscription` answers: its result, or the userErrors that say why there is none. */
export type DeleteWebhookSubscriptionPayload = {
  __typename?: 'DeleteWebhookSubscriptionPayload';
  /** True: the subscription is deleted and receives no more deliveries. Null when userErrors is not empty. */
  deleted?: Maybe<Scalars['Boolean']['output']>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A file that proves a credential (a PDF or an image), kept encrypted. */
export type Document = {
  __typename?: 'Document';
  /** Detected from the contents: application/pdf, image/png or image/jpeg. Null until uploaded. */
  contentType?: Maybe<Scalars['String']['output']>;
  /** When the upload was requested. */
  createdAt: Scalars['DateTime']['output'];
  /** The document's id, for `documentDownloadUrl`. */
  id: Scalars['ID']['output'];
  /** SHA-256 of the contents, hex; null until uploaded. */
  sha256?: Maybe<Scalars['String']['output']>;
  /** Size of the file in bytes; null until uploaded. */
  sizeBytes?: Maybe<Scalars['Int']['output']>;
  /** Whether the file has been uploaded. */
  stored: Scalars['Boolean']['output'];
};

/** A link to download a document's file. */
export type DocumentDownload = {
  __typename?: 'DocumentDownload';
  /** When the link stops working. */
  expiresAt: Scalars['DateTime']['output'];
  /** GET the file here before expiresAt, while the session that asked for it lasts. Every download is audited. */
  url: Scalars['String']['output'];
};

/** What `documentDownloadUrl` answers: its result, or the userErrors that say why there is none. */
export type DocumentDownloadUrlPayload = {
  __typename?: 'DocumentDownloadUrlPayload';
  /** The DocumentDownload documentDownloadUrl answers. Null when userErrors is not empty. */
  documentDownload?: Maybe<DocumentDownload>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** Where to upload a document's file. */
export type DocumentUpload = {
  __typename?: 'DocumentUpload';
  /** The document, not stored until its file is uploaded. */
  document: Document;
  /** When the upload link stops working (minutes after it was issued). */
  expiresAt: Scalars['DateTime']['output'];
  /** PUT the file's bytes here (one time, before expiresAt): a PDF, PNG or JPEG of at most 10 MiB unless the deployment sets otherwise. */
  uploadUrl: Scalars['String']['output'];
};

/** Which credential a document is for. */
export type DocumentUploadInput = {
  /** The credential the document proves. */
  credentialId: Scalars['ID']['input'];
};

/** The organization's field encryption keys, rotated on the platform's schedule (yearly unless configured otherwise). No key material. */
export type EncryptionKeys = {
  __typename?: 'EncryptionKeys';
  /** When that version was made: the last rotation of the data key, or the first use of encryption. */
  dataKeyCreatedAt: Scalars['DateTime']['output'];
  /** The data key version new values are encrypted with: 1 until the first rotation. */
  dataKeyVersion: Scalars['Int']['output'];
  /** When the organization's keys were last re-wrapped under a new key-encryption key; null while they are under the one they were made with. */
  keysRewrappedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** A federal exclusion list. */
export type ExclusionList =
  /** The OIG List of Excluded Individuals/Entities. */
  | 'OIG_LEIE'
  /** The SAM.gov exclusions. */
  | 'SAM';

/** An entry of an exclusion list that matches the physician. */
export type ExclusionMatch = {
  __typename?: 'ExclusionMatch';
  /** When the exclusion took effect, as the list says. */
  excludedOn?: Maybe<Scalars['Date']['output']>;
  /** The list's exclusion type or program (for example 1128a1). */
  exclusionType: Scalars['String']['output'];
  /** When Credence found the match. */
  foundAt: Scalars['DateTime']['output'];
  /** The match's id. */
  id: Scalars['ID']['output'];
  /** The list that names the entry. */
  list: ExclusionList;
  /** How the entry was matched to the physician: by NPI it is an exclusion, by name a possible match for a person to review. */
  matchedBy: ExclusionMatchKind;
};

/** How a list entry was matched to the physician. */
export type ExclusionMatchKind =
  /** The same last and first name and date of birth (no NPI on the list). */
  | 'NAME_AND_DATE_OF_BIRTH'
  /** The same name in a state the physician holds a credential in (SAM.gov publishes no date of birth). */
  | 'NAME_AND_STATE'
  /** The same NPI. */
  | 'NPI';

/** Where a physician stands against the federal exclusion lists (OIG LEIE, SAM.gov). */
export type ExclusionStatus =
  /** On no list. */
  | 'CLEAR'
  /** A list names this physician's NPI. */
  | 'EXCLUDED'
  /** Not screened yet (a new file, or no list imported yet). */
  | 'NOT_SCREENED'
  /** A list names someone with the same name (and date of birth, or state): a person reviews it. Never an exclusion by itself. */
  | 'POSSIBLE_MATCH';

/** What `exportCredentialingFile` answers: its result, or the userErrors that say why there is none. */
export type ExportCredentialingFilePayload = {
  __typename?: 'ExportCredentialingFilePayload';
  /** The CredentialingFileExport exportCredentialingFile answers. Null when userErrors is not empty. */
  credentialingFileExport?: Maybe<CredentialingFileExport>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** The monthly monitoring found a credentialed physician newly on an exclusion list: the file went back to review. */
export type MonitoringAlert = {
  __typename?: 'MonitoringAlert';
  /** The reason code given with the acknowledgement. */
  acknowledgeReason?: Maybe<Scalars['String']['output']>;
  /** When a person acknowledged it; null while open. */
  acknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who acknowledged it. */
  acknowledgedBy?: Maybe<Scalars['ID']['output']>;
  /** Who acknowledged it, as a user (`acknowledgedBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  acknowledgedByUser?: Maybe<User>;
  /** The alert's id. */
  id: Scalars['ID']['output'];
  /** The list whose entry matched. */
  list: ExclusionList;
  /** How the entry was matched: by NPI it is an exclusion, by name a possible match. */
  matchedBy: ExclusionMatchKind;
  /** The physician. */
  physician?: Maybe<Physician>;
  /** When the alert was raised. */
  raisedAt: Scalars['DateTime']['output'];
  /** Whether the caller may acknowledge it now (`acknowledgeMonitoringAlert`): owners, admins and credentialing staff, while it is open; never a support session or a terminated organization. */
  viewerCanAcknowledge: Scalars['Boolean']['output'];
};

/** A page of monitoring alerts, newest first. */
export type MonitoringAlertConnection = {
  __typename?: 'MonitoringAlertConnection';
  /** The alerts of this page with their cursors. */
  edges: Array<MonitoringAlertEdge>;
  /** The alerts of this page (their edges' nodes). */
  nodes: Array<MonitoringAlert>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One alert of a page of alerts, with its cursor. */
export type MonitoringAlertEdge = {
  __typename?: 'MonitoringAlertEdge';
  /** The cursor of this alert: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The alert. */
  node: MonitoringAlert;
};

/** Changing: physician files, credentials, documents and verifications. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Acknowledges a monitoring alert with a reason code (the file stays in review until a new decision). Owners, admins and credentialing staff. */
  acknowledgeMonitoringAlert?: Maybe<AcknowledgeMonitoringAlertPayload>;
  /** Records a credential and starts its verification. Owners, admins, credentialing staff, and a physician for its own file. */
  addCredential?: Maybe<AddCredentialPayload>;
  /** Creates a physician file affiliated with the caller's organization, and screens it against the exclusion lists. Owners, admins and credentialing staff. */
  createPhysician?: Maybe<CreatePhysicianPayload>;
  /** Subscribes an https endpoint of the caller's organization to events; answers with its signing secret, shown this once. Audited. Owners and admins. */
  createWebhookSubscription?: Maybe<CreateWebhookSubscriptionPayload>;
  /** Deletes a subscription: nothing more is sent to it, its delivery log stays. Audited. Owners and admins. */
  deleteWebhookSubscription?: Maybe<DeleteWebhookSubscriptionPayload>;
  /** A short-lived link to download a document. Owners, admins, credentialing staff, and the physician for its own. */
  documentDownloadUrl?: Maybe<DocumentDownloadUrlPayload>;
  /** Exports the physician's credentialing file (the cycle and its decisions, every credential with its checks, evidence digests and reviews, the exclusion screening, the monitoring alerts; no credential numbers or protected fields) as JSON or PDF behind a signed link. Audited. Owners, admins and credentialing staff. */
  exportCredentialingFile?: Maybe<ExportCredentialingFilePayload>;
  /** The credentialing committee's decision on a physician's file: refused with CREDENTIALING_FILE_NOT_READY unless the file is ready (every required credential verified, no check older than the organization allows, at this instant); a file back in review may also be denied or deferred. The physician is notified; audited with who decided. Owners and admins. */
  recordCredentialingDecision?: Maybe<RecordCredentialingDecisionPayload>;
  /** Removes a credential from the lists (its audit history is kept). Same roles as addCredential. */
  removeCredential?: Maybe<RemoveCredentialPayload>;
  /** A one-time link to upload a document for a credential. Same roles as addCredential. */
  requestDocumentUpload?: Maybe<RequestDocumentUploadPayload>;
  /** Verifies the credential again at its primary sources (the status turns PENDING; the checks run in the background). Owners, admins and credentialing staff. */
  requestVerification?: Maybe<RequestVerificationPayload>;
  /** Decides a pending review: APPROVED verifies the credential, REJECTED rejects it. Audited with the reviewer and the reason code. Owners, admins and credentialing staff. */
  resolveVerificationReview?: Maybe<ResolveVerificationReviewPayload>;
  /** Gives the subscription a new signing secret, shown this once; the previous one keeps signing beside it for 24 hours. Audited. Owners and admins. */
  rotateWebhookSecret?: Maybe<RotateWebhookSecretPayload>;
  /** Starts or ends the physician's affiliation with the caller's organization. Owners, admins and credentialing staff. */
  setAffiliationStatus?: Maybe<SetAffiliationStatusPayload>;
  /** Says whether the caller's organization acts as a credentials verification organization (checks at most 90 days old at a credentialing decision, instead of 120). Owners and admins. */
  setCredentialsVerificationOrganization?: Maybe<SetCredentialsVerificationOrganizationPayload>;
  /** Sets the review window of the caller's organization: reviews opened from then on are escalated after it. Owners and admins. */
  setVerificationReviewWindow?: Maybe<SetVerificationReviewWindowPayload>;
  /** Changes a credential's recorded fields. Same roles as addCredential. */
  updateCredential?: Maybe<UpdateCredentialPayload>;
  /** Changes a physician file. Owners, admins, credentialing staff, and the physician for its own. */
  updatePhysician?: Maybe<UpdatePhysicianPayload>;
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationAcknowledgeMonitoringAlertArgs = {
  id: Scalars['ID']['input'];
  reasonCode: Scalars['String']['input'];
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationAddCredentialArgs = {
  input: AddCredentialInput;
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationCreatePhysicianArgs = {
  input: CreatePhysicianInput;
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationCreateWebhookSubscriptionArgs = {
  input: CreateWebhookSubscriptionInput;
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationDeleteWebhookSubscriptionArgs = {
  id: Scalars['ID']['input'];
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationDocumentDownloadUrlArgs = {
  documentId: Scalars['ID']['input'];
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationExportCredentialingFileArgs = {
  format: CredentialingFileFormat;
  physicianId: Scalars['ID']['input'];
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationRecordCredentialingDecisionArgs = {
  input: RecordCredentialingDecisionInput;
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationRemoveCredentialArgs = {
  id: Scalars['ID']['input'];
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationRequestDocumentUploadArgs = {
  input: DocumentUploadInput;
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationRequestVerificationArgs = {
  credentialId: Scalars['ID']['input'];
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationResolveVerificationReviewArgs = {
  input: ResolveVerificationReviewInput;
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationRotateWebhookSecretArgs = {
  id: Scalars['ID']['input'];
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationSetAffiliationStatusArgs = {
  physicianId: Scalars['ID']['input'];
  status: AffiliationStatus;
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationSetCredentialsVerificationOrganizationArgs = {
  actsAsCredentialsVerificationOrganization: Scalars['Boolean']['input'];
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationSetVerificationReviewWindowArgs = {
  hours: Scalars['Int']['input'];
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationUpdateCredentialArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCredentialInput;
};


/** Changing: physician files, credentials, documents and verifications. */
export type MutationUpdatePhysicianArgs = {
  id: Scalars['ID']['input'];
  input: UpdatePhysicianInput;
};

/** Which way a list is ordered. */
export type OrderDirection =
  /** Smallest first: A to Z, oldest first. */
  | 'ASC'
  /** Largest first: Z to A, newest first. */
  | 'DESC';

/** A hospital or practice that credentials physicians; every record belongs to one. */
export type Organization = {
  __typename?: 'Organization';
  /** The organization's id. */
  id: Scalars['ID']['output'];
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

/** A physician's file in an organization. Date of birth and SSN are encrypted, and every read of them is audited. */
export type Physician = {
  __typename?: 'Physician';
  /** The physician's affiliation with the caller's organization; null when there is none. */
  affiliation?: Maybe<Affiliation>;
  /** When the file was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The physician's credentialing in the caller's organization (its current cycle); null before its first cycle opens. Owners, admins and credentialing staff. */
  credentialing?: Maybe<Credentialing>;
  /** The physician's credentials, oldest first. */
  credentials: CredentialConnection;
  /** Protected: readable by credentialing staff, organization admins and the physician; every read is audited. Null when not recorded, or when withheld from the caller's role (then `withheldFields` names it, and no error is answered). */
  dateOfBirth?: Maybe<Scalars['Date']['output']>;
  /** The list entries that match the physician and still hold. Credentialing staff and admins only. */
  exclusionMatches?: Maybe<Array<ExclusionMatch>>;
  /** Where the physician stands against the federal exclusion lists, screened on creation, on a change of name or date of birth, and after every import. Credentialing staff and admins only. */
  exclusionStatus?: Maybe<ExclusionStatus>;
  /** Family (last) name, up to 100 characters. */
  familyName: Scalars['String']['output'];
  /** Given (first) name, up to 100 characters. */
  givenName: Scalars['String']['output'];
  /** The physician file's id. */
  id: Scalars['ID']['output'];
  /** The 10-digit National Provider Identifier. */
  npi: Scalars['String']['output'];
  /** When the physician was last screened against the exclusion lists. */
  screenedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Protected: readable by credentialing staff, organization admins and the physician; every read is audited. Null when not recorded, or when withheld from the caller's role (then `withheldFields` names it, and no error is answered). */
  ssn?: Maybe<Scalars['String']['output']>;
  /** When the file was last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** The user account of the physician, when it has one. */
  user?: Maybe<User>;
  /** Whether the caller may change this file now (`updatePhysician`): owners, admins and credentialing staff of its organization, and the physician whose file it is; never a support session or a terminated organization. */
  viewerCanUpdate: Scalars['Boolean']['output'];
  /** The protected fields of this file the caller's role may not read (they answer null, without an error), whether the request asked for them or not; empty when it may read them all. */
  withheldFields: Array<WithheldField>;
};


/** A physician's file in an organization. Date of birth and SSN are encrypted, and every read of them is audited. */
export type PhysicianCredentialsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CredentialFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CredentialOrder>;
};

/** A page of physicians. */
export type PhysicianConnection = {
  __typename?: 'PhysicianConnection';
  /** The physicians of this page with their cursors. */
  edges: Array<PhysicianEdge>;
  /** The physicians of this page (their edges' nodes). */
  nodes: Array<Physician>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
  /** How many physicians the list holds across its pages (with its filter): the caller's organization's only, and a physician's own file only, as row-level security lets the caller see them. */
  totalCount: Scalars['Int']['output'];
};

/** One physician of a page of physicians, with its cursor. */
export type PhysicianEdge = {
  __typename?: 'PhysicianEdge';
  /** The cursor of this physician: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The physician. */
  node: Physician;
};

/** Narrows a list of physicians; every field given must match. */
export type PhysicianFilter = {
  /** Only physicians whose affiliation with the caller's organization has this status. */
  affiliationStatus?: InputMaybe<AffiliationStatus>;
  /** Case-insensitive prefix of the family name. */
  familyNamePrefix?: InputMaybe<Scalars['String']['input']>;
  /** Exact NPI. */
  npi?: InputMaybe<Scalars['String']['input']>;
};

/** The order of a list of physicians. */
export type PhysicianOrder = {
  /** Which way; ASC when left out. */
  direction?: InputMaybe<OrderDirection>;
  /** What to order by. */
  field: PhysicianOrderField;
};

/** What a list of physicians is ordered by; ties are broken by the file's id. */
export type PhysicianOrderField =
  /** When the file was created. */
  | 'CREATED_AT'
  /** The family name. */
  | 'FAMILY_NAME';

/** Reading: what the caller may see. */
export type Query = {
  __typename?: 'Query';
  /** A credential of the caller's organization (a physician: its own only). NOT_FOUND for an unknown id and for another organization's alike. */
  credential?: Maybe<Credential>;
  /** The credential types Credence keeps, with their primary sources. Anyone, signed in or not. */
  credentialTypes?: Maybe<Array<CredentialTypeInfo>>;
  /** The credentials of the caller's organization, oldest first (a physician: its own only). */
  credentials?: Maybe<CredentialConnection>;
  /** When the caller's organization's encryption keys were last rotated. Owners; null before the organization's first encrypted value. */
  encryptionKeys?: Maybe<EncryptionKeys>;
  /** The alerts of the monthly monitoring in the caller's organization, newest first. Owners, admins and credentialing staff. */
  monitoringAlerts?: Maybe<MonitoringAlertConnection>;
  /** A physician file of the caller's organization (a physician: its own only). NOT_FOUND for an unknown id and for another organization's alike. */
  physician?: Maybe<Physician>;
  /** The physician files of the caller's organization, by family name. Owners, admins and credentialing staff; a physician sees its own only. */
  physicians?: Maybe<PhysicianConnection>;
  /** Verifications waiting for a person's decision in the caller's organization, oldest first. Owners, admins and credentialing staff. */
  verificationReviews?: Maybe<VerificationReviewConnection>;
  /** The caller's organization's verification settings. Owners, admins and credentialing staff. */
  verificationSettings?: Maybe<VerificationSettings>;
  /** The delivery log of one of the organization's subscriptions, newest first. Owners and admins. */
  webhookDeliveries?: Maybe<WebhookDeliveryConnection>;
  /** The caller's organization's webhook subscriptions (not deleted ones), oldest first. Owners and admins. */
  webhookSubscriptions?: Maybe<WebhookSubscriptionConnection>;
};


/** Reading: what the caller may see. */
export type QueryCredentialArgs = {
  id: Scalars['ID']['input'];
};


/** Reading: what the caller may see. */
export type QueryCredentialsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CredentialFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CredentialOrder>;
};


/** Reading: what the caller may see. */
export type QueryMonitoringAlertsArgs = {
  acknowledged?: InputMaybe<Scalars['Boolean']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reading: what the caller may see. */
export type QueryPhysicianArgs = {
  id: Scalars['ID']['input'];
};


/** Reading: what the caller may see. */
export type QueryPhysiciansArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PhysicianFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PhysicianOrder>;
};


/** Reading: what the caller may see. */
export type QueryVerificationReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reading: what the caller may see. */
export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  subscriptionId: Scalars['ID']['input'];
};


/** Reading: what the caller may see. */
export type QueryWebhookSubscriptionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** The committee's decision on a physician's credentialing file. */
export type RecordCredentialingDecisionInput = {
  /** APPROVED, DENIED or DEFERRED. */
  decision: CredentialingDecision;
  /** The physician file's id. */
  physicianId: Scalars['ID']['input'];
  /** A short code for the reason (lowercase letters, digits and underscores), never free text. */
  reasonCode: Scalars['String']['input'];
};

/** What `recordCredentialingDecision` answers: its result, or the userErrors that say why there is none. */
export type RecordCredentialingDecisionPayload = {
  __typename?: 'RecordCredentialingDecisionPayload';
  /** The Credentialing recordCredentialingDecision answers. Null when userErrors is not empty. */
  credentialing?: Maybe<Credentialing>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `removeCredential` answers: its result, or the userErrors that say why there is none. */
export type RemoveCredentialPayload = {
  __typename?: 'RemoveCredentialPayload';
  /** True: the credential is removed. Null when userErrors is not empty. */
  removed?: Maybe<Scalars['Boolean']['output']>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `requestDocumentUpload` answers: its result, or the userErrors that say why there is none. */
export type RequestDocumentUploadPayload = {
  __typename?: 'RequestDocumentUploadPayload';
  /** The DocumentUpload requestDocumentUpload answers. Null when userErrors is not empty. */
  documentUpload?: Maybe<DocumentUpload>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `requestVerification` answers: its result, or the userErrors that say why there is none. */
export type RequestVerificationPayload = {
  __typename?: 'RequestVerificationPayload';
  /** The Credential requestVerification answers. Null when userErrors is not empty. */
  credential?: Maybe<Credential>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A decision on a pending review. */
export type ResolveVerificationReviewInput = {
  /** Approve or reject the credential. */
  decision: ReviewDecision;
  /** A short code for the reason (lowercase letters, digits and underscores), never free text. */
  reasonCode: Scalars['String']['input'];
  /** The review's id. */
  reviewId: Scalars['ID']['input'];
};

/** What `resolveVerificationReview` answers: its result, or the userErrors that say why there is none. */
export type ResolveVerificationReviewPayload = {
  __typename?: 'ResolveVerificationReviewPayload';
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
  /** The VerificationReview resolveVerificationReview answers. Null when userErrors is not empty. */
  verificationReview?: Maybe<VerificationReview>;
};

/** A reviewer's decision on a verification that left doubt. */
export type ReviewDecision =
  /** The credential is verified as recorded. */
  | 'APPROVED'
  /** The credential is not accepted. */
  | 'REJECTED';

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

/** What `rotateWebhookSecret` answers: its result, or the userErrors that say why there is none. */
export type RotateWebhookSecretPayload = {
  __typename?: 'RotateWebhookSecretPayload';
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
  /** The WebhookSubscriptionSecret rotateWebhookSecret answers. Null when userErrors is not empty. */
  webhookSubscriptionSecret?: Maybe<WebhookSubscriptionSecret>;
};

/** What `setAffiliationStatus` answers: its result, or the userErrors that say why there is none. */
export type SetAffiliationStatusPayload = {
  __typename?: 'SetAffiliationStatusPayload';
  /** The Physician setAffiliationStatus answers. Null when userErrors is not empty. */
  physician?: Maybe<Physician>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** What `setCredentialsVerificationOrganization` answers: its result, or the userErrors that say why there is none. */
export type SetCredentialsVerificationOrganizationPayload = {
  __typename?: 'SetCredentialsVerificationOrganizationPayload';
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
  /** The VerificationSettings setCredentialsVerificationOrganization answers. Null when userErrors is not empty. */
  verificationSettings?: Maybe<VerificationSettings>;
};

/** What `setVerificationReviewWindow` answers: its result, or the userErrors that say why there is none. */
export type SetVerificationReviewWindowPayload = {
  __typename?: 'SetVerificationReviewWindowPayload';
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
  /** The VerificationSettings setVerificationReviewWindow answers. Null when userErrors is not empty. */
  verificationSettings?: Maybe<VerificationSettings>;
};

/** Changes to a credential: fields left out are unchanged; number and issuer cannot be cleared. */
export type UpdateCredentialInput = {
  /** A new expiry date, after the issue date. */
  expiresOn?: InputMaybe<Scalars['Date']['input']>;
  /** A new issue date. */
  issuedOn?: InputMaybe<Scalars['Date']['input']>;
  /** A new issuer, 1 to 200 characters. */
  issuer?: InputMaybe<Scalars['String']['input']>;
  /** A new number (same rules as when added). */
  number?: InputMaybe<Scalars['String']['input']>;
  /** A new two-letter US state or territory code. */
  state?: InputMaybe<Scalars['String']['input']>;
};

/** What `updateCredential` answers: its result, or the userErrors that say why there is none. */
export type UpdateCredentialPayload = {
  __typename?: 'UpdateCredentialPayload';
  /** The Credential updateCredential answers. Null when userErrors is not empty. */
  credential?: Maybe<Credential>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** Fields left out are unchanged; a null protected field is cleared. */
export type UpdatePhysicianInput = {
  /** A new date of birth, not in the future; null clears it. */
  dateOfBirth?: InputMaybe<Scalars['Date']['input']>;
  /** A new family name, 1 to 100 characters. */
  familyName?: InputMaybe<Scalars['String']['input']>;
  /** A new given name, 1 to 100 characters. */
  givenName?: InputMaybe<Scalars['String']['input']>;
  /** A new Social Security number (123-45-6789); null clears it. */
  ssn?: InputMaybe<Scalars['String']['input']>;
};

/** What `updatePhysician` answers: its result, or the userErrors that say why there is none. */
export type UpdatePhysicianPayload = {
  __typename?: 'UpdatePhysicianPayload';
  /** The Physician updatePhysician answers. Null when userErrors is not empty. */
  physician?: Maybe<Physician>;
  /** The expected failures (input to correct, a conflict, a record gone), as data: empty when the mutation succeeded; when not, nothing was changed. */
  userErrors: Array<UserError>;
};

/** A person who signs in to Credence. One account may belong to several organizations. */
export type User = {
  __typename?: 'User';
  /** The user's id, stable across organizations. */
  id: Scalars['ID']['output'];
  /** The physician file of this user in the caller's organization. */
  physicianProfile?: Maybe<Physician>;
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

/** One check of one source, as it was made. A check never changes; a review is recorded beside it. */
export type VerificationCheck = {
  __typename?: 'VerificationCheck';
  /** When the source answered (or was found unreachable). */
  checkedAt: Scalars['DateTime']['output'];
  /** SHA-256 (hex) of the source's response as received; the response itself is kept encrypted. Null when no response was received. */
  evidenceSha256?: Maybe<Scalars['String']['output']>;
  /** The check's id. */
  id: Scalars['ID']['output'];
  /** What the source disagrees on, or why a person must look; empty when the source agrees. */
  problems: Array<CheckProblem>;
  /** What the source said. */
  result: CheckResult;
  /** The source asked. */
  source: VerificationSource;
};

/** A verification waiting for (or given) a person's decision. */
export type VerificationReview = {
  __typename?: 'VerificationReview';
  /** The credential under review; null when it has been removed since. */
  credential?: Maybe<Credential>;
  /** When the decision was taken; null while the review waits. */
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The id of the user who decided. */
  decidedBy?: Maybe<Scalars['ID']['output']>;
  /** The user who decided, as a user (`decidedBy` is its id). Null when there is none, or with a FORBIDDEN field error when the caller may not see that account. */
  decidedByUser?: Maybe<User>;
  /** The decision; null while the review waits. */
  decision?: Maybe<ReviewDecision>;
  /** When it was escalated to the organization's admins for want of a decision within the review window. */
  escalatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The review's id, for `resolveVerificationReview`. */
  id: Scalars['ID']['output'];
  /** When the review was opened. */
  openedAt: Scalars['DateTime']['output'];
  /** The reviewer's reason, a short code (for example documents_confirm_license). */
  reasonCode?: Maybe<Scalars['String']['output']>;
  /** Why it needs a person, one entry per code of `reasons`, as enums: a source and what it said, or a doubt on the credential's own record. */
  reasonDetails: Array<VerificationReviewReason>;
  /** Why it needs a person: codes such as MISMATCH:STATE_BOARD, MANUAL:MALPRACTICE_CARRIER, SOURCE_UNAVAILABLE:NPPES, dea_check_digit (`reasonDetails` gives them as enums). */
  reasons: Array<Scalars['String']['output']>;
  /** Whether the caller may decide it now (`resolveVerificationReview`): owners, admins and credentialing staff, while it waits for a decision; never a support session or a terminated organization. */
  viewerCanResolve: Scalars['Boolean']['output'];
};

/** A page of verification reviews, oldest first. */
export type VerificationReviewConnection = {
  __typename?: 'VerificationReviewConnection';
  /** The reviews of this page with their cursors. */
  edges: Array<VerificationReviewEdge>;
  /** The reviews of this page (their edges' nodes). */
  nodes: Array<VerificationReview>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One review of a page of reviews, with its cursor. */
export type VerificationReviewEdge = {
  __typename?: 'VerificationReviewEdge';
  /** The cursor of this review: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The review. */
  node: VerificationReview;
};

/** One reason a verification needs a person: a source's check that left doubt, or a doubt on the credential's own record. */
export type VerificationReviewReason = {
  __typename?: 'VerificationReviewReason';
  /** The doubt on the credential's own record (a DEA number's check digit, say); null for a source's check. */
  credentialReason?: Maybe<CredentialReviewReason>;
  /** What that source said; null for a doubt on the credential's own record. */
  result?: Maybe<CheckResult>;
  /** The source whose check left doubt; null for a doubt on the credential's own record. */
  source?: Maybe<VerificationSource>;
};

/** How the caller's organization runs its verification reviews. */
export type VerificationSettings = {
  __typename?: 'VerificationSettings';
  /** Whether the organization acts as a credentials verification organization: its checks may then be at most 90 days old at a credentialing decision instead of 120. */
  actsAsCredentialsVerificationOrganization: Scalars['Boolean']['output'];
  /** The settings' id: that of their organization (one set of verification settings per organization), so that a cache updates the query's answer from a mutation's. */
  id: Scalars['ID']['output'];
  /** True while the organization uses the platform's default window. */
  isDefault: Scalars['Boolean']['output'];
  /** A review without a decision for this many hours is escalated to the organization's admins and owners (1 to 2160). */
  reviewWindowHours: Scalars['Int']['output'];
};

/** A primary source a credential or a physician is checked against. */
export type VerificationSource =
  /** The certifying board (ABMS-style certification lookup). */
  | 'BOARD_CERTIFICATION'
  /** The DEA registration lookup. */
  | 'DEA'
  /** The malpractice carrier: credentialing staff check the certificate of insurance. */
  | 'MALPRACTICE_CARRIER'
  /** The National Practitioner Data Bank. */
  | 'NPDB'
  /** The NPPES NPI Registry (CMS). */
  | 'NPPES'
  /** The OIG List of Excluded Individuals/Entities. */
  | 'OIG_LEIE'
  /** The SAM.gov exclusions. */
  | 'SAM'
  /** The state medical (or licensing) board. */
  | 'STATE_BOARD';

/** One event sent (or to be sent) to one subscription. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Attempts made so far. */
  attempts: Scalars['Int']['output'];
  /** When the event happened. */
  createdAt: Scalars['DateTime']['output'];
  /** When the endpoint accepted it; null until then. */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** The event's id, sent as webhook-id on every attempt: the receiver dedups on it. */
  eventId: Scalars['ID']['output'];
  /** The event. */
  eventType: WebhookEventType;
  /** The delivery's id. */
  id: Scalars['ID']['output'];
  /** Why the last attempt failed, as a code (http_503, timeout, econnrefused, endpoint_private_address, redirect_not_followed, …); null after a success. */
  lastErrorCode?: Maybe<Scalars['String']['output']>;
  /** The HTTP status of the last answer; null when none came (a timeout, a refused connection). */
  lastHttpStatus?: Maybe<Scalars['Int']['output']>;
  /** When the next attempt is due; null unless PENDING. */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the delivery stands. */
  status: WebhookDeliveryStatus;
};

/** A page of a subscription's deliveries, newest first. */
export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  /** The deliveries of this page with their cursors. */
  edges: Array<WebhookDeliveryEdge>;
  /** The deliveries of this page (their edges' nodes). */
  nodes: Array<WebhookDelivery>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One delivery of a page of deliveries, with its cursor. */
export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  /** The cursor of this delivery: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The delivery. */
  node: WebhookDelivery;
};

/** Where a webhook delivery stands. */
export type WebhookDeliveryStatus =
  /** Not sent: its subscription was deleted first. */
  | 'CANCELLED'
  /** The endpoint answered 2xx. */
  | 'DELIVERED'
  /** Given up: out of attempts, or not delivered within three days of the event. */
  | 'FAILED'
  /** Waiting for its next attempt (nextAttemptAt). */
  | 'PENDING'
  /** Being sent now. */
  | 'SENDING';

/** An event an organization's webhooks can be sent. The payload's `type` is the dotted name given with each value. */
export type WebhookEventType =
  /** credentialing.decided: the credentialing committee decided a physician's file. */
  | 'CREDENTIALING_DECIDED'
  /** credential.expired: a credential passed its expiry date. */
  | 'CREDENTIAL_EXPIRED'
  /** credential.expiring: an expiry reminder went out for a credential. */
  | 'CREDENTIAL_EXPIRING'
  /** physician.excluded: screening found a physician on an exclusion list by NPI. */
  | 'PHYSICIAN_EXCLUDED'
  /** review.required: a verification opened a review for a person to decide. */
  | 'REVIEW_REQUIRED'
  /** verification.completed: a credential's verification ended VERIFIED or REJECTED. */
  | 'VERIFICATION_COMPLETED';

/** An HTTPS endpoint of the caller's organization that receives signed webhooks (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). Owners and admins. */
export type WebhookSubscription = {
  __typename?: 'WebhookSubscription';
  /** When it was made. */
  createdAt: Scalars['DateTime']['output'];
  /** The events it receives. */
  events: Array<WebhookEventType>;
  /** The subscription's id. */
  id: Scalars['ID']['output'];
  /** Until when the secret before the last rotation still signs beside the current one; null when only one secret signs. */
  previousSecretExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** When its secret was last rotated; null if never. */
  secretRotatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where deliveries are POSTed. */
  url: Scalars['String']['output'];
};

/** A page of an organization's webhook subscriptions, oldest first. */
export type WebhookSubscriptionConnection = {
  __typename?: 'WebhookSubscriptionConnection';
  /** The subscriptions of this page with their cursors. */
  edges: Array<WebhookSubscriptionEdge>;
  /** The subscriptions of this page (their edges' nodes). */
  nodes: Array<WebhookSubscription>;
  /** Where the page starts and ends, and whether pages come before and after it. */
  pageInfo: PageInfo;
};

/** One subscription of a page of subscriptions, with its cursor. */
export type WebhookSubscriptionEdge = {
  __typename?: 'WebhookSubscriptionEdge';
  /** The cursor of this subscription: pass it as `after` or `before` to page from it. */
  cursor: Scalars['String']['output'];
  /** The subscription. */
  node: WebhookSubscription;
};

/** A subscription with its signing secret, shown this once: store it, Credence cannot show it again. */
export type WebhookSubscriptionSecret = {
  __typename?: 'WebhookSubscriptionSecret';
  /** The signing secret, whsec_ and the base64 of 32 random bytes, as Standard Webhooks libraries take it. */
  secret: Scalars['String']['output'];
  /** The subscription. */
  subscription: WebhookSubscription;
};

/** A protected field a record answers null because the caller may not read it: the answer carries no error for it, so a client's default error policy keeps the rest. */
export type WithheldField = {
  __typename?: 'WithheldField';
  /** The field's name on its record (`ssn`, `dateOfBirth`, `number`). */
  field: Scalars['String']['output'];
  /** Why it is withheld. */
  reason: WithheldReason;
};

/** Why a protected field answers null. */
export type WithheldReason =
  /** The caller's role may not read the field (the attempt to read it is audited as a denial). */
  | 'NOT_PERMITTED';



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
  Physician: Physician;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Credential:
    ( { __typename: 'Credential' }
    & GraphQLRecursivePick<FederationTypes['Credential'], {"id":true}> );
  Physician:
    ( { __typename: 'Physician' }
    & GraphQLRecursivePick<FederationTypes['Physician'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AcknowledgeMonitoringAlertPayload: ResolverTypeWrapper<Maybe<ResolversTypes['MonitoringAlert']>>;
  AddCredentialInput: AddCredentialInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AddCredentialPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Credential']>>;
  Affiliation: ResolverTypeWrapper<AffiliationViewModel>;
  AffiliationStatus: AffiliationStatus;
  CheckProblem: ResolverTypeWrapper<CheckProblem>;
  CheckResult: CheckResult;
  CreatePhysicianInput: CreatePhysicianInput;
  CreatePhysicianPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Physician']>>;
  CreateWebhookSubscriptionInput: CreateWebhookSubscriptionInput;
  CreateWebhookSubscriptionPayload: ResolverTypeWrapper<Maybe<ResolversTypes['WebhookSubscriptionSecret']>>;
  Credential: ResolverTypeWrapper<CredentialViewModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CredentialConnection: ResolverTypeWrapper<Omit<CredentialConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['CredentialEdge']>, nodes: Array<ResolversTypes['Credential']> }>;
  CredentialEdge: ResolverTypeWrapper<Omit<CredentialEdge, 'node'> & { node: ResolversTypes['Credential'] }>;
  CredentialFilter: CredentialFilter;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CredentialOrder: CredentialOrder;
  CredentialOrderField: CredentialOrderField;
  CredentialReviewReason: CredentialReviewReason;
  CredentialStatus: CredentialStatus;
  CredentialType: CredentialType;
  CredentialTypeInfo: ResolverTypeWrapper<CredentialTypeInfo>;
  CredentialVerification: ResolverTypeWrapper<CredentialVerificationViewModel>;
  Credentialing: ResolverTypeWrapper<CredentialingViewModel>;
  CredentialingDecision: CredentialingDecision;
  CredentialingDecisionRecord: ResolverTypeWrapper<Omit<CredentialingDecisionRecord, 'decidedByUser'> & { decidedByUser?: Maybe<ResolversTypes['User']> }>;
  CredentialingFileExport: ResolverTypeWrapper<CredentialingFileExport>;
  CredentialingFileFormat: CredentialingFileFormat;
  CredentialingKind: CredentialingKind;
  CredentialingStatus: CredentialingStatus;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeleteWebhookSubscriptionPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Boolean']>>;
  Document: ResolverTypeWrapper<DocumentViewModel>;
  DocumentDownload: ResolverTypeWrapper<DocumentDownload>;
  DocumentDownloadUrlPayload: ResolverTypeWrapper<Maybe<ResolversTypes['DocumentDownload']>>;
  DocumentUpload: ResolverTypeWrapper<Omit<DocumentUpload, 'document'> & { document: ResolversTypes['Document'] }>;
  DocumentUploadInput: DocumentUploadInput;
  EncryptionKeys: ResolverTypeWrapper<EncryptionKeys>;
  ExclusionList: ExclusionList;
  ExclusionMatch: ResolverTypeWrapper<ExclusionMatchViewModel>;
  ExclusionMatchKind: ExclusionMatchKind;
  ExclusionStatus: ExclusionStatus;
  ExportCredentialingFilePayload: ResolverTypeWrapper<Maybe<ResolversTypes['CredentialingFileExport']>>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  MonitoringAlert: ResolverTypeWrapper<MonitoringAlertViewModel>;
  MonitoringAlertConnection: ResolverTypeWrapper<Omit<MonitoringAlertConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['MonitoringAlertEdge']>, nodes: Array<ResolversTypes['MonitoringAlert']> }>;
  MonitoringAlertEdge: ResolverTypeWrapper<Omit<MonitoringAlertEdge, 'node'> & { node: ResolversTypes['MonitoringAlert'] }>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OrderDirection: OrderDirection;
  Organization: ResolverTypeWrapper<Organization>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Physician: ResolverTypeWrapper<PhysicianViewModel>;
  PhysicianConnection: ResolverTypeWrapper<PhysicianConnectionViewModel>;
  PhysicianEdge: ResolverTypeWrapper<Omit<PhysicianEdge, 'node'> & { node: ResolversTypes['Physician'] }>;
  PhysicianFilter: PhysicianFilter;
  PhysicianOrder: PhysicianOrder;
  PhysicianOrderField: PhysicianOrderField;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordCredentialingDecisionInput: RecordCredentialingDecisionInput;
  RecordCredentialingDecisionPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Credentialing']>>;
  RemoveCredentialPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Boolean']>>;
  RequestDocumentUploadPayload: ResolverTypeWrapper<Maybe<ResolversTypes['DocumentUpload']>>;
  RequestVerificationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Credential']>>;
  ResolveVerificationReviewInput: ResolveVerificationReviewInput;
  ResolveVerificationReviewPayload: ResolverTypeWrapper<Maybe<ResolversTypes['VerificationReview']>>;
  ReviewDecision: ReviewDecision;
  Role: Role;
  RotateWebhookSecretPayload: ResolverTypeWrapper<Maybe<ResolversTypes['WebhookSubscriptionSecret']>>;
  SetAffiliationStatusPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Physician']>>;
  SetCredentialsVerificationOrganizationPayload: ResolverTypeWrapper<Maybe<ResolversTypes['VerificationSettings']>>;
  SetVerificationReviewWindowPayload: ResolverTypeWrapper<Maybe<ResolversTypes['VerificationSettings']>>;
  UpdateCredentialInput: UpdateCredentialInput;
  UpdateCredentialPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Credential']>>;
  UpdatePhysicianInput: UpdatePhysicianInput;
  UpdatePhysicianPayload: ResolverTypeWrapper<Maybe<ResolversTypes['Physician']>>;
  User: ResolverTypeWrapper<Omit<User, 'physicianProfile'> & { physicianProfile?: Maybe<ResolversTypes['Physician']> }>;
  UserError: ResolverTypeWrapper<UserError>;
  UserErrorCode: UserErrorCode;
  VerificationCheck: ResolverTypeWrapper<VerificationCheckViewModel>;
  VerificationReview: ResolverTypeWrapper<VerificationReviewViewModel>;
  VerificationReviewConnection: ResolverTypeWrapper<Omit<VerificationReviewConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['VerificationReviewEdge']>, nodes: Array<ResolversTypes['VerificationReview']> }>;
  VerificationReviewEdge: ResolverTypeWrapper<Omit<VerificationReviewEdge, 'node'> & { node: ResolversTypes['VerificationReview'] }>;
  VerificationReviewReason: ResolverTypeWrapper<VerificationReviewReason>;
  VerificationSettings: ResolverTypeWrapper<VerificationSettings>;
  VerificationSource: VerificationSource;
  WebhookDelivery: ResolverTypeWrapper<WebhookDelivery>;
  WebhookDeliveryConnection: ResolverTypeWrapper<WebhookDeliveryConnection>;
  WebhookDeliveryEdge: ResolverTypeWrapper<WebhookDeliveryEdge>;
  WebhookDeliveryStatus: WebhookDeliveryStatus;
  WebhookEventType: WebhookEventType;
  WebhookSubscription: ResolverTypeWrapper<WebhookSubscription>;
  WebhookSubscriptionConnection: ResolverTypeWrapper<WebhookSubscriptionConnection>;
  WebhookSubscriptionEdge: ResolverTypeWrapper<WebhookSubscriptionEdge>;
  WebhookSubscriptionSecret: ResolverTypeWrapper<WebhookSubscriptionSecret>;
  WithheldField: ResolverTypeWrapper<WithheldField>;
  WithheldReason: WithheldReason;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AcknowledgeMonitoringAlertPayload: Maybe<ResolversTypes['MonitoringAlert']>;
  AddCredentialInput: AddCredentialInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AddCredentialPayload: Maybe<ResolversTypes['Credential']>;
  Affiliation: AffiliationViewModel;
  CheckProblem: CheckProblem;
  CreatePhysicianInput: CreatePhysicianInput;
  CreatePhysicianPayload: Maybe<ResolversTypes['Physician']>;
  CreateWebhookSubscriptionInput: CreateWebhookSubscriptionInput;
  CreateWebhookSubscriptionPayload: Maybe<ResolversTypes['WebhookSubscriptionSecret']>;
  Credential: CredentialViewModel;
  Boolean: Scalars['Boolean']['output'];
  CredentialConnection: Omit<CredentialConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['CredentialEdge']>, nodes: Array<ResolversParentTypes['Credential']> };
  CredentialEdge: Omit<CredentialEdge, 'node'> & { node: ResolversParentTypes['Credential'] };
  CredentialFilter: CredentialFilter;
  Int: Scalars['Int']['output'];
  CredentialOrder: CredentialOrder;
  CredentialTypeInfo: CredentialTypeInfo;
  CredentialVerification: CredentialVerificationViewModel;
  Credentialing: CredentialingViewModel;
  CredentialingDecisionRecord: Omit<CredentialingDecisionRecord, 'decidedByUser'> & { decidedByUser?: Maybe<ResolversParentTypes['User']> };
  CredentialingFileExport: CredentialingFileExport;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeleteWebhookSubscriptionPayload: Maybe<ResolversTypes['Boolean']>;
  Document: DocumentViewModel;
  DocumentDownload: DocumentDownload;
  DocumentDownloadUrlPayload: Maybe<ResolversTypes['DocumentDownload']>;
  DocumentUpload: Omit<DocumentUpload, 'document'> & { document: ResolversParentTypes['Document'] };
  DocumentUploadInput: DocumentUploadInput;
  EncryptionKeys: EncryptionKeys;
  ExclusionMatch: ExclusionMatchViewModel;
  ExportCredentialingFilePayload: Maybe<ResolversTypes['CredentialingFileExport']>;
  JSONObject: Scalars['JSONObject']['output'];
  MonitoringAlert: MonitoringAlertViewModel;
  MonitoringAlertConnection: Omit<MonitoringAlertConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['MonitoringAlertEdge']>, nodes: Array<ResolversParentTypes['MonitoringAlert']> };
  MonitoringAlertEdge: Omit<MonitoringAlertEdge, 'node'> & { node: ResolversParentTypes['MonitoringAlert'] };
  Mutation: Record<PropertyKey, never>;
  Organization: Organization;
  PageInfo: PageInfo;
  Physician: PhysicianViewModel;
  PhysicianConnection: PhysicianConnectionViewModel;
  PhysicianEdge: Omit<PhysicianEdge, 'node'> & { node: ResolversParentTypes['Physician'] };
  PhysicianFilter: PhysicianFilter;
  PhysicianOrder: PhysicianOrder;
  Query: Record<PropertyKey, never>;
  RecordCredentialingDecisionInput: RecordCredentialingDecisionInput;
  RecordCredentialingDecisionPayload: Maybe<ResolversTypes['Credentialing']>;
  RemoveCredentialPayload: Maybe<ResolversTypes['Boolean']>;
  RequestDocumentUploadPayload: Maybe<ResolversTypes['DocumentUpload']>;
  RequestVerificationPayload: Maybe<ResolversTypes['Credential']>;
  ResolveVerificationReviewInput: ResolveVerificationReviewInput;
  ResolveVerificationReviewPayload: Maybe<ResolversTypes['VerificationReview']>;
  RotateWebhookSecretPayload: Maybe<ResolversTypes['WebhookSubscriptionSecret']>;
  SetAffiliationStatusPayload: Maybe<ResolversTypes['Physician']>;
  SetCredentialsVerificationOrganizationPayload: Maybe<ResolversTypes['VerificationSettings']>;
  SetVerificationReviewWindowPayload: Maybe<ResolversTypes['VerificationSettings']>;
  UpdateCredentialInput: UpdateCredentialInput;
  UpdateCredentialPayload: Maybe<ResolversTypes['Credential']>;
  UpdatePhysicianInput: UpdatePhysicianInput;
  UpdatePhysicianPayload: Maybe<ResolversTypes['Physician']>;
  User: Omit<User, 'physicianProfile'> & { physicianProfile?: Maybe<ResolversParentTypes['Physician']> } | FederationReferenceTypes['User'];
  UserError: UserError;
  VerificationCheck: VerificationCheckViewModel;
  VerificationReview: VerificationReviewViewModel;
  VerificationReviewConnection: Omit<VerificationReviewConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['VerificationReviewEdge']>, nodes: Array<ResolversParentTypes['VerificationReview']> };
  VerificationReviewEdge: Omit<VerificationReviewEdge, 'node'> & { node: ResolversParentTypes['VerificationReview'] };
  VerificationReviewReason: VerificationReviewReason;
  VerificationSettings: VerificationSettings;
  WebhookDelivery: WebhookDelivery;
  WebhookDeliveryConnection: WebhookDeliveryConnection;
  WebhookDeliveryEdge: WebhookDeliveryEdge;
  WebhookSubscription: WebhookSubscription;
  WebhookSubscriptionConnection: WebhookSubscriptionConnection;
  WebhookSubscriptionEdge: WebhookSubscriptionEdge;
  WebhookSubscriptionSecret: WebhookSubscriptionSecret;
  WithheldField: WithheldField;
};

export type AcknowledgeMonitoringAlertPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AcknowledgeMonitoringAlertPayload'] = ResolversParentTypes['AcknowledgeMonitoringAlertPayload']> = {
  monitoringAlert?: Resolver<Maybe<ResolversTypes['MonitoringAlert']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type AddCredentialPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AddCredentialPayload'] = ResolversParentTypes['AddCredentialPayload']> = {
  credential?: Resolver<Maybe<ResolversTypes['Credential']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type AffiliationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Affiliation'] = ResolversParentTypes['Affiliation']> = {
  endedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  organization?: Resolver<Maybe<ResolversTypes['Organization']>, ParentType, ContextType>;
  startedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AffiliationStatus'], ParentType, ContextType>;
};

export type CheckProblemResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CheckProblem'] = ResolversParentTypes['CheckProblem']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreatePhysicianPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CreatePhysicianPayload'] = ResolversParentTypes['CreatePhysicianPayload']> = {
  physician?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CreateWebhookSubscriptionPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CreateWebhookSubscriptionPayload'] = ResolversParentTypes['CreateWebhookSubscriptionPayload']> = {
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  webhookSubscriptionSecret?: Resolver<Maybe<ResolversTypes['WebhookSubscriptionSecret']>, ParentType, ContextType>;
};

export type CredentialResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Credential'] = ResolversParentTypes['Credential'], FederationReferenceType extends FederationReferenceTypes['Credential'] = FederationReferenceTypes['Credential']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Credential']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  documents?: Resolver<Array<ResolversTypes['Document']>, ParentType, ContextType>;
  expired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  physician?: Resolver<ResolversTypes['Physician'], ParentType, ContextType>;
  reviewReasons?: Resolver<Array<ResolversTypes['CredentialReviewReason']>, ParentType, ContextType>;
  state?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CredentialStatus'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['CredentialType'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  verification?: Resolver<Maybe<ResolversTypes['CredentialVerification']>, ParentType, ContextType>;
  viewerCanRequestVerification?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  viewerCanUpdate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  withheldFields?: Resolver<Array<ResolversTypes['WithheldField']>, ParentType, ContextType>;
};

export type CredentialConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CredentialConnection'] = ResolversParentTypes['CredentialConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CredentialEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Credential']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CredentialEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CredentialEdge'] = ResolversParentTypes['CredentialEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Credential'], ParentType, ContextType>;
};

export type CredentialTypeInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CredentialTypeInfo'] = ResolversParentTypes['CredentialTypeInfo']> = {
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  primarySource?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['CredentialType'], ParentType, ContextType>;
};

export type CredentialVerificationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CredentialVerification'] = ResolversParentTypes['CredentialVerification']> = {
  checks?: Resolver<Array<ResolversTypes['VerificationCheck']>, ParentType, ContextType>;
  nextReminderAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  pendingReview?: Resolver<Maybe<ResolversTypes['VerificationReview']>, ParentType, ContextType>;
  requestedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CredentialStatus'], ParentType, ContextType>;
  verifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type CredentialingResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Credentialing'] = ResolversParentTypes['Credentialing']> = {
  blockers?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  cycleNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cycleStartedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  decidedByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  decision?: Resolver<Maybe<ResolversTypes['CredentialingDecision']>, ParentType, ContextType>;
  decisions?: Resolver<Array<ResolversTypes['CredentialingDecisionRecord']>, ParentType, ContextType>;
  flaggedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CredentialingKind'], ParentType, ContextType>;
  maxVerificationAgeDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  oldestVerificationAgeDays?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  readySince?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  reasonCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  recredentialingDueAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CredentialingStatus'], ParentType, ContextType>;
};

export type CredentialingDecisionRecordResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CredentialingDecisionRecord'] = ResolversParentTypes['CredentialingDecisionRecord']> = {
  decidedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decidedBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  decidedByRole?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  decidedByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['CredentialingDecision'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reasonCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CredentialingFileExportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CredentialingFileExport'] = ResolversParentTypes['CredentialingFileExport']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['CredentialingFileFormat'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteWebhookSubscriptionPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DeleteWebhookSubscriptionPayload'] = ResolversParentTypes['DeleteWebhookSubscriptionPayload']> = {
  deleted?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type DocumentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Document'] = ResolversParentTypes['Document']> = {
  contentType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sizeBytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  stored?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type DocumentDownloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DocumentDownload'] = ResolversParentTypes['DocumentDownload']> = {
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DocumentDownloadUrlPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DocumentDownloadUrlPayload'] = ResolversParentTypes['DocumentDownloadUrlPayload']> = {
  documentDownload?: Resolver<Maybe<ResolversTypes['DocumentDownload']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type DocumentUploadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DocumentUpload'] = ResolversParentTypes['DocumentUpload']> = {
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uploadUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EncryptionKeysResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['EncryptionKeys'] = ResolversParentTypes['EncryptionKeys']> = {
  dataKeyCreatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dataKeyVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  keysRewrappedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type ExclusionMatchResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ExclusionMatch'] = ResolversParentTypes['ExclusionMatch']> = {
  excludedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  exclusionType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  foundAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  list?: Resolver<ResolversTypes['ExclusionList'], ParentType, ContextType>;
  matchedBy?: Resolver<ResolversTypes['ExclusionMatchKind'], ParentType, ContextType>;
};

export type ExportCredentialingFilePayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ExportCredentialingFilePayload'] = ResolversParentTypes['ExportCredentialingFilePayload']> = {
  credentialingFileExport?: Resolver<Maybe<ResolversTypes['CredentialingFileExport']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type MonitoringAlertResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MonitoringAlert'] = ResolversParentTypes['MonitoringAlert']> = {
  acknowledgeReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  acknowledgedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  acknowledgedBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  acknowledgedByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  list?: Resolver<ResolversTypes['ExclusionList'], ParentType, ContextType>;
  matchedBy?: Resolver<ResolversTypes['ExclusionMatchKind'], ParentType, ContextType>;
  physician?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType>;
  raisedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  viewerCanAcknowledge?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MonitoringAlertConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MonitoringAlertConnection'] = ResolversParentTypes['MonitoringAlertConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MonitoringAlertEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['MonitoringAlert']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type MonitoringAlertEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MonitoringAlertEdge'] = ResolversParentTypes['MonitoringAlertEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['MonitoringAlert'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acknowledgeMonitoringAlert?: Resolver<Maybe<ResolversTypes['AcknowledgeMonitoringAlertPayload']>, ParentType, ContextType, RequireFields<MutationAcknowledgeMonitoringAlertArgs, 'id' | 'reasonCode'>>;
  addCredential?: Resolver<Maybe<ResolversTypes['AddCredentialPayload']>, ParentType, ContextType, RequireFields<MutationAddCredentialArgs, 'input'>>;
  createPhysician?: Resolver<Maybe<ResolversTypes['CreatePhysicianPayload']>, ParentType, ContextType, RequireFields<MutationCreatePhysicianArgs, 'input'>>;
  createWebhookSubscription?: Resolver<Maybe<ResolversTypes['CreateWebhookSubscriptionPayload']>, ParentType, ContextType, RequireFields<MutationCreateWebhookSubscriptionArgs, 'input'>>;
  deleteWebhookSubscription?: Resolver<Maybe<ResolversTypes['DeleteWebhookSubscriptionPayload']>, ParentType, ContextType, RequireFields<MutationDeleteWebhookSubscriptionArgs, 'id'>>;
  documentDownloadUrl?: Resolver<Maybe<ResolversTypes['DocumentDownloadUrlPayload']>, ParentType, ContextType, RequireFields<MutationDocumentDownloadUrlArgs, 'documentId'>>;
  exportCredentialingFile?: Resolver<Maybe<ResolversTypes['ExportCredentialingFilePayload']>, ParentType, ContextType, RequireFields<MutationExportCredentialingFileArgs, 'format' | 'physicianId'>>;
  recordCredentialingDecision?: Resolver<Maybe<ResolversTypes['RecordCredentialingDecisionPayload']>, ParentType, ContextType, RequireFields<MutationRecordCredentialingDecisionArgs, 'input'>>;
  removeCredential?: Resolver<Maybe<ResolversTypes['RemoveCredentialPayload']>, ParentType, ContextType, RequireFields<MutationRemoveCredentialArgs, 'id'>>;
  requestDocumentUpload?: Resolver<Maybe<ResolversTypes['RequestDocumentUploadPayload']>, ParentType, ContextType, RequireFields<MutationRequestDocumentUploadArgs, 'input'>>;
  requestVerification?: Resolver<Maybe<ResolversTypes['RequestVerificationPayload']>, ParentType, ContextType, RequireFields<MutationRequestVerificationArgs, 'credentialId'>>;
  resolveVerificationReview?: Resolver<Maybe<ResolversTypes['ResolveVerificationReviewPayload']>, ParentType, ContextType, RequireFields<MutationResolveVerificationReviewArgs, 'input'>>;
  rotateWebhookSecret?: Resolver<Maybe<ResolversTypes['RotateWebhookSecretPayload']>, ParentType, ContextType, RequireFields<MutationRotateWebhookSecretArgs, 'id'>>;
  setAffiliationStatus?: Resolver<Maybe<ResolversTypes['SetAffiliationStatusPayload']>, ParentType, ContextType, RequireFields<MutationSetAffiliationStatusArgs, 'physicianId' | 'status'>>;
  setCredentialsVerificationOrganization?: Resolver<Maybe<ResolversTypes['SetCredentialsVerificationOrganizationPayload']>, ParentType, ContextType, RequireFields<MutationSetCredentialsVerificationOrganizationArgs, 'actsAsCredentialsVerificationOrganization'>>;
  setVerificationReviewWindow?: Resolver<Maybe<ResolversTypes['SetVerificationReviewWindowPayload']>, ParentType, ContextType, RequireFields<MutationSetVerificationReviewWindowArgs, 'hours'>>;
  updateCredential?: Resolver<Maybe<ResolversTypes['UpdateCredentialPayload']>, ParentType, ContextType, RequireFields<MutationUpdateCredentialArgs, 'id' | 'input'>>;
  updatePhysician?: Resolver<Maybe<ResolversTypes['UpdatePhysicianPayload']>, ParentType, ContextType, RequireFields<MutationUpdatePhysicianArgs, 'id' | 'input'>>;
};

export type OrganizationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PhysicianResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Physician'] = ResolversParentTypes['Physician'], FederationReferenceType extends FederationReferenceTypes['Physician'] = FederationReferenceTypes['Physician']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Physician']> | FederationReferenceType, FederationReferenceType, ContextType>;
  affiliation?: Resolver<Maybe<ResolversTypes['Affiliation']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  credentialing?: Resolver<Maybe<ResolversTypes['Credentialing']>, ParentType, ContextType>;
  credentials?: Resolver<ResolversTypes['CredentialConnection'], ParentType, ContextType, Partial<PhysicianCredentialsArgs>>;
  dateOfBirth?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  exclusionMatches?: Resolver<Maybe<Array<ResolversTypes['ExclusionMatch']>>, ParentType, ContextType>;
  exclusionStatus?: Resolver<Maybe<ResolversTypes['ExclusionStatus']>, ParentType, ContextType>;
  familyName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  givenName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  npi?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  screenedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  ssn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  viewerCanUpdate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  withheldFields?: Resolver<Array<ResolversTypes['WithheldField']>, ParentType, ContextType>;
};

export type PhysicianConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PhysicianConnection'] = ResolversParentTypes['PhysicianConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PhysicianEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Physician']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PhysicianEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PhysicianEdge'] = ResolversParentTypes['PhysicianEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Physician'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  credential?: Resolver<Maybe<ResolversTypes['Credential']>, ParentType, ContextType, RequireFields<QueryCredentialArgs, 'id'>>;
  credentialTypes?: Resolver<Maybe<Array<ResolversTypes['CredentialTypeInfo']>>, ParentType, ContextType>;
  credentials?: Resolver<Maybe<ResolversTypes['CredentialConnection']>, ParentType, ContextType, Partial<QueryCredentialsArgs>>;
  encryptionKeys?: Resolver<Maybe<ResolversTypes['EncryptionKeys']>, ParentType, ContextType>;
  monitoringAlerts?: Resolver<Maybe<ResolversTypes['MonitoringAlertConnection']>, ParentType, ContextType, Partial<QueryMonitoringAlertsArgs>>;
  physician?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType, RequireFields<QueryPhysicianArgs, 'id'>>;
  physicians?: Resolver<Maybe<ResolversTypes['PhysicianConnection']>, ParentType, ContextType, Partial<QueryPhysiciansArgs>>;
  verificationReviews?: Resolver<Maybe<ResolversTypes['VerificationReviewConnection']>, ParentType, ContextType, Partial<QueryVerificationReviewsArgs>>;
  verificationSettings?: Resolver<Maybe<ResolversTypes['VerificationSettings']>, ParentType, ContextType>;
  webhookDeliveries?: Resolver<Maybe<ResolversTypes['WebhookDeliveryConnection']>, ParentType, ContextType, RequireFields<QueryWebhookDeliveriesArgs, 'subscriptionId'>>;
  webhookSubscriptions?: Resolver<Maybe<ResolversTypes['WebhookSubscriptionConnection']>, ParentType, ContextType, Partial<QueryWebhookSubscriptionsArgs>>;
};

export type RecordCredentialingDecisionPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RecordCredentialingDecisionPayload'] = ResolversParentTypes['RecordCredentialingDecisionPayload']> = {
  credentialing?: Resolver<Maybe<ResolversTypes['Credentialing']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RemoveCredentialPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RemoveCredentialPayload'] = ResolversParentTypes['RemoveCredentialPayload']> = {
  removed?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RequestDocumentUploadPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RequestDocumentUploadPayload'] = ResolversParentTypes['RequestDocumentUploadPayload']> = {
  documentUpload?: Resolver<Maybe<ResolversTypes['DocumentUpload']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RequestVerificationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RequestVerificationPayload'] = ResolversParentTypes['RequestVerificationPayload']> = {
  credential?: Resolver<Maybe<ResolversTypes['Credential']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ResolveVerificationReviewPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ResolveVerificationReviewPayload'] = ResolversParentTypes['ResolveVerificationReviewPayload']> = {
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  verificationReview?: Resolver<Maybe<ResolversTypes['VerificationReview']>, ParentType, ContextType>;
};

export type RotateWebhookSecretPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RotateWebhookSecretPayload'] = ResolversParentTypes['RotateWebhookSecretPayload']> = {
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  webhookSubscriptionSecret?: Resolver<Maybe<ResolversTypes['WebhookSubscriptionSecret']>, ParentType, ContextType>;
};

export type SetAffiliationStatusPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SetAffiliationStatusPayload'] = ResolversParentTypes['SetAffiliationStatusPayload']> = {
  physician?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type SetCredentialsVerificationOrganizationPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SetCredentialsVerificationOrganizationPayload'] = ResolversParentTypes['SetCredentialsVerificationOrganizationPayload']> = {
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  verificationSettings?: Resolver<Maybe<ResolversTypes['VerificationSettings']>, ParentType, ContextType>;
};

export type SetVerificationReviewWindowPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SetVerificationReviewWindowPayload'] = ResolversParentTypes['SetVerificationReviewWindowPayload']> = {
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  verificationSettings?: Resolver<Maybe<ResolversTypes['VerificationSettings']>, ParentType, ContextType>;
};

export type UpdateCredentialPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UpdateCredentialPayload'] = ResolversParentTypes['UpdateCredentialPayload']> = {
  credential?: Resolver<Maybe<ResolversTypes['Credential']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type UpdatePhysicianPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UpdatePhysicianPayload'] = ResolversParentTypes['UpdatePhysicianPayload']> = {
  physician?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  physicianProfile?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type VerificationCheckResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VerificationCheck'] = ResolversParentTypes['VerificationCheck']> = {
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  evidenceSha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['CheckProblem']>, ParentType, ContextType>;
  result?: Resolver<ResolversTypes['CheckResult'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['VerificationSource'], ParentType, ContextType>;
};

export type VerificationReviewResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VerificationReview'] = ResolversParentTypes['VerificationReview']> = {
  credential?: Resolver<Maybe<ResolversTypes['Credential']>, ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  decidedByUser?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  decision?: Resolver<Maybe<ResolversTypes['ReviewDecision']>, ParentType, ContextType>;
  escalatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reasonCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reasonDetails?: Resolver<Array<ResolversTypes['VerificationReviewReason']>, ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  viewerCanResolve?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type VerificationReviewConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VerificationReviewConnection'] = ResolversParentTypes['VerificationReviewConnection']> = {
  edges?: Resolver<Array<ResolversTypes['VerificationReviewEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['VerificationReview']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type VerificationReviewEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VerificationReviewEdge'] = ResolversParentTypes['VerificationReviewEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['VerificationReview'], ParentType, ContextType>;
};

export type VerificationReviewReasonResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VerificationReviewReason'] = ResolversParentTypes['VerificationReviewReason']> = {
  credentialReason?: Resolver<Maybe<ResolversTypes['CredentialReviewReason']>, ParentType, ContextType>;
  result?: Resolver<Maybe<ResolversTypes['CheckResult']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['VerificationSource']>, ParentType, ContextType>;
};

export type VerificationSettingsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VerificationSettings'] = ResolversParentTypes['VerificationSettings']> = {
  actsAsCredentialsVerificationOrganization?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reviewWindowHours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['WebhookEventType'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastErrorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastHttpStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WebhookDeliveryStatus'], ParentType, ContextType>;
};

export type WebhookDeliveryConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WebhookDeliveryConnection'] = ResolversParentTypes['WebhookDeliveryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['WebhookDeliveryEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['WebhookDelivery']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type WebhookDeliveryEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WebhookDeliveryEdge'] = ResolversParentTypes['WebhookDeliveryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType>;
};

export type WebhookSubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WebhookSubscription'] = ResolversParentTypes['WebhookSubscription']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['WebhookEventType']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  previousSecretExpiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  secretRotatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookSubscriptionConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WebhookSubscriptionConnection'] = ResolversParentTypes['WebhookSubscriptionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['WebhookSubscriptionEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['WebhookSubscription']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type WebhookSubscriptionEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WebhookSubscriptionEdge'] = ResolversParentTypes['WebhookSubscriptionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebhookSubscription'], ParentType, ContextType>;
};

export type WebhookSubscriptionSecretResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WebhookSubscriptionSecret'] = ResolversParentTypes['WebhookSubscriptionSecret']> = {
  secret?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subscription?: Resolver<ResolversTypes['WebhookSubscription'], ParentType, ContextType>;
};

export type WithheldFieldResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WithheldField'] = ResolversParentTypes['WithheldField']> = {
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['WithheldReason'], ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  AcknowledgeMonitoringAlertPayload?: AcknowledgeMonitoringAlertPayloadResolvers<ContextType>;
  AddCredentialPayload?: AddCredentialPayloadResolvers<ContextType>;
  Affiliation?: AffiliationResolvers<ContextType>;
  CheckProblem?: CheckProblemResolvers<ContextType>;
  CreatePhysicianPayload?: CreatePhysicianPayloadResolvers<ContextType>;
  CreateWebhookSubscriptionPayload?: CreateWebhookSubscriptionPayloadResolvers<ContextType>;
  Credential?: CredentialResolvers<ContextType>;
  CredentialConnection?: CredentialConnectionResolvers<ContextType>;
  CredentialEdge?: CredentialEdgeResolvers<ContextType>;
  CredentialTypeInfo?: CredentialTypeInfoResolvers<ContextType>;
  CredentialVerification?: CredentialVerificationResolvers<ContextType>;
  Credentialing?: CredentialingResolvers<ContextType>;
  CredentialingDecisionRecord?: CredentialingDecisionRecordResolvers<ContextType>;
  CredentialingFileExport?: CredentialingFileExportResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DeleteWebhookSubscriptionPayload?: DeleteWebhookSubscriptionPayloadResolvers<ContextType>;
  Document?: DocumentResolvers<ContextType>;
  DocumentDownload?: DocumentDownloadResolvers<ContextType>;
  DocumentDownloadUrlPayload?: DocumentDownloadUrlPayloadResolvers<ContextType>;
  DocumentUpload?: DocumentUploadResolvers<ContextType>;
  EncryptionKeys?: EncryptionKeysResolvers<ContextType>;
  ExclusionMatch?: ExclusionMatchResolvers<ContextType>;
  ExportCredentialingFilePayload?: ExportCredentialingFilePayloadResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  MonitoringAlert?: MonitoringAlertResolvers<ContextType>;
  MonitoringAlertConnection?: MonitoringAlertConnectionResolvers<ContextType>;
  MonitoringAlertEdge?: MonitoringAlertEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Physician?: PhysicianResolvers<ContextType>;
  PhysicianConnection?: PhysicianConnectionResolvers<ContextType>;
  PhysicianEdge?: PhysicianEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecordCredentialingDecisionPayload?: RecordCredentialingDecisionPayloadResolvers<ContextType>;
  RemoveCredentialPayload?: RemoveCredentialPayloadResolvers<ContextType>;
  RequestDocumentUploadPayload?: RequestDocumentUploadPayloadResolvers<ContextType>;
  RequestVerificationPayload?: RequestVerificationPayloadResolvers<ContextType>;
  ResolveVerificationReviewPayload?: ResolveVerificationReviewPayloadResolvers<ContextType>;
  RotateWebhookSecretPayload?: RotateWebhookSecretPayloadResolvers<ContextType>;
  SetAffiliationStatusPayload?: SetAffiliationStatusPayloadResolvers<ContextType>;
  SetCredentialsVerificationOrganizationPayload?: SetCredentialsVerificationOrganizationPayloadResolvers<ContextType>;
  SetVerificationReviewWindowPayload?: SetVerificationReviewWindowPayloadResolvers<ContextType>;
  UpdateCredentialPayload?: UpdateCredentialPayloadResolvers<ContextType>;
  UpdatePhysicianPayload?: UpdatePhysicianPayloadResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  VerificationCheck?: VerificationCheckResolvers<ContextType>;
  VerificationReview?: VerificationReviewResolvers<ContextType>;
  VerificationReviewConnection?: VerificationReviewConnectionResolvers<ContextType>;
  VerificationReviewEdge?: VerificationReviewEdgeResolvers<ContextType>;
  VerificationReviewReason?: VerificationReviewReasonResolvers<ContextType>;
  VerificationSettings?: VerificationSettingsResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookDeliveryConnection?: WebhookDeliveryConnectionResolvers<ContextType>;
  WebhookDeliveryEdge?: WebhookDeliveryEdgeResolvers<ContextType>;
  WebhookSubscription?: WebhookSubscriptionResolvers<ContextType>;
  WebhookSubscriptionConnection?: WebhookSubscriptionConnectionResolvers<ContextType>;
  WebhookSubscriptionEdge?: WebhookSubscriptionEdgeResolvers<ContextType>;
  WebhookSubscriptionSecret?: WebhookSubscriptionSecretResolvers<ContextType>;
  WithheldField?: WithheldFieldResolvers<ContextType>;
};

