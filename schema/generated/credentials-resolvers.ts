// Generated from schema/credentials.graphql by `npm run codegen` (schema/codegen.ts): do not edit.
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PhysicianView as PhysicianViewModel, AffiliationView as AffiliationViewModel } from '../../subgraphs/credentials/physicians.ts';
import type { CredentialView as CredentialViewModel } from '../../subgraphs/credentials/credential-records.ts';
import type { DocumentView as DocumentViewModel } from '../../subgraphs/credentials/documents.ts';
import type { CredentialVerificationView as CredentialVerificationViewModel, VerificationReviewView as VerificationReviewViewModel, VerificationCheckView as VerificationCheckViewModel } from '../../subgraphs/credentials/verifications.ts';
import type { ExclusionMatchView as ExclusionMatchViewModel } from '../../subgraphs/credentials/exclusions.ts';
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
  DateTime: { input: Date; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type AddCredentialInput = {
  expiresOn?: InputMaybe<Scalars['Date']['input']>;
  issuedOn?: InputMaybe<Scalars['Date']['input']>;
  issuer: Scalars['String']['input'];
  number: Scalars['String']['input'];
  physicianId: Scalars['ID']['input'];
  state?: InputMaybe<Scalars['String']['input']>;
  type: CredentialType;
};

/** How an organization sees a physician: the physician's affiliation with it. */
export type Affiliation = {
  __typename?: 'Affiliation';
  endedOn?: Maybe<Scalars['Date']['output']>;
  organization: Organization;
  startedOn: Scalars['Date']['output'];
  status: AffiliationStatus;
};

export type AffiliationStatus =
  | 'ACTIVE'
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

export type CreatePhysicianInput = {
  dateOfBirth?: InputMaybe<Scalars['Date']['input']>;
  familyName: Scalars['String']['input'];
  givenName: Scalars['String']['input'];
  npi: Scalars['String']['input'];
  ssn?: InputMaybe<Scalars['String']['input']>;
  /** The physician's user account, a member of this organization with the PHYSICIAN role. */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

export type Credential = {
  __typename?: 'Credential';
  createdAt: Scalars['DateTime']['output'];
  documents: Array<Document>;
  /** Whether the expiry date has passed. */
  expired: Scalars['Boolean']['output'];
  expiresOn?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  issuedOn?: Maybe<Scalars['Date']['output']>;
  issuer: Scalars['String']['output'];
  /** Protected (encrypted; searched through a keyed blind index). */
  number?: Maybe<Scalars['String']['output']>;
  physician: Physician;
  /** Why the credential needs review (for example dea_check_digit, dea_name_initial). */
  reviewReasons: Array<Scalars['String']['output']>;
  /** US state or territory code, for state-issued credentials. */
  state?: Maybe<Scalars['String']['output']>;
  status: CredentialStatus;
  type: CredentialType;
  updatedAt: Scalars['DateTime']['output'];
  /** Its verification at its primary sources: status, checks, a pending review, the next reminder. */
  verification?: Maybe<CredentialVerification>;
};

export type CredentialConnection = {
  __typename?: 'CredentialConnection';
  nodes: Array<Credential>;
  pageInfo: PageInfo;
};

export type CredentialFilter = {
  /** Credentials that expire within this many days from today (already expired ones excluded). */
  expiringWithinDays?: InputMaybe<Scalars['Int']['input']>;
  /** Exact credential number (compared through its blind index). */
  number?: InputMaybe<Scalars['String']['input']>;
  physicianId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<CredentialStatus>;
  type?: InputMaybe<CredentialType>;
};

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
  | 'BOARD_CERTIFICATION'
  | 'DEA_REGISTRATION'
  | 'MALPRACTICE_INSURANCE'
  | 'STATE_CONTROLLED_SUBSTANCE'
  | 'STATE_LICENSE';

/** Reference data about a credential type: what it is called and where it is verified. */
export type CredentialTypeInfo = {
  __typename?: 'CredentialTypeInfo';
  label: Scalars['String']['output'];
  /** The primary source a credential of this type is verified against. */
  primarySource: Scalars['String']['output'];
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
  status: CredentialStatus;
  /** When the credential was last verified (by its sources or a review). */
  verifiedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type Document = {
  __typename?: 'Document';
  /** Detected from the contents: application/pdf, image/png or image/jpeg. */
  contentType?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** SHA-256 of the contents, hex. */
  sha256?: Maybe<Scalars['String']['output']>;
  sizeBytes?: Maybe<Scalars['Int']['output']>;
  stored: Scalars['Boolean']['output'];
};

export type DocumentDownload = {
  __typename?: 'DocumentDownload';
  expiresAt: Scalars['DateTime']['output'];
  url: Scalars['String']['output'];
};

export type DocumentUpload = {
  __typename?: 'DocumentUpload';
  document: Document;
  expiresAt: Scalars['DateTime']['output'];
  /** PUT the file's bytes here (one time, before expiresAt). */
  uploadUrl: Scalars['String']['output'];
};

export type DocumentUploadInput = {
  credentialId: Scalars['ID']['input'];
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
  id: Scalars['ID']['output'];
  list: ExclusionList;
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

export type Mutation = {
  __typename?: 'Mutation';
  addCredential?: Maybe<Credential>;
  createPhysician?: Maybe<Physician>;
  documentDownloadUrl?: Maybe<DocumentDownload>;
  removeCredential?: Maybe<Scalars['Boolean']['output']>;
  requestDocumentUpload?: Maybe<DocumentUpload>;
  /** Verifies the credential again at its primary sources (the status turns PENDING; the checks run in the background). */
  requestVerification?: Maybe<Credential>;
  /** Decides a pending review: APPROVED verifies the credential, REJECTED rejects it. Audited with the reviewer and the reason code. */
  resolveVerificationReview?: Maybe<VerificationReview>;
  setAffiliationStatus?: Maybe<Physician>;
  /** Sets the review window of the caller's organization (applies to reviews opened from now on). */
  setVerificationReviewWindow?: Maybe<VerificationSettings>;
  updateCredential?: Maybe<Credential>;
  updatePhysician?: Maybe<Physician>;
};


export type MutationAddCredentialArgs = {
  input: AddCredentialInput;
};


export type MutationCreatePhysicianArgs = {
  input: CreatePhysicianInput;
};


export type MutationDocumentDownloadUrlArgs = {
  documentId: Scalars['ID']['input'];
};


export type MutationRemoveCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRequestDocumentUploadArgs = {
  input: DocumentUploadInput;
};


export type MutationRequestVerificationArgs = {
  credentialId: Scalars['ID']['input'];
};


export type MutationResolveVerificationReviewArgs = {
  input: ResolveVerificationReviewInput;
};


export type MutationSetAffiliationStatusArgs = {
  physicianId: Scalars['ID']['input'];
  status: AffiliationStatus;
};


export type MutationSetVerificationReviewWindowArgs = {
  hours: Scalars['Int']['input'];
};


export type MutationUpdateCredentialArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCredentialInput;
};


export type MutationUpdatePhysicianArgs = {
  id: Scalars['ID']['input'];
  input: UpdatePhysicianInput;
};

export type Organization = {
  __typename?: 'Organization';
  id: Scalars['ID']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A physician's file in an organization. Date of birth and SSN are encrypted, and every read of them is audited. */
export type Physician = {
  __typename?: 'Physician';
  affiliation?: Maybe<Affiliation>;
  createdAt: Scalars['DateTime']['output'];
  credentials: CredentialConnection;
  /** Protected: readable by credentialing staff, organization admins and the physician. */
  dateOfBirth?: Maybe<Scalars['Date']['output']>;
  /** The list entries that match the physician and still hold. Credentialing staff and admins only. */
  exclusionMatches?: Maybe<Array<ExclusionMatch>>;
  /** Where the physician stands against the federal exclusion lists, screened on creation, on a change of name or date of birth, and after every import. Credentialing staff and admins only. */
  exclusionStatus?: Maybe<ExclusionStatus>;
  familyName: Scalars['String']['output'];
  givenName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  npi: Scalars['String']['output'];
  /** When the physician was last screened against the exclusion lists. */
  screenedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Protected: readable by credentialing staff, organization admins and the physician. */
  ssn?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** The user account of the physician, when it has one. */
  user?: Maybe<User>;
};


/** A physician's file in an organization. Date of birth and SSN are encrypted, and every read of them is audited. */
export type PhysicianCredentialsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CredentialFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type PhysicianConnection = {
  __typename?: 'PhysicianConnection';
  nodes: Array<Physician>;
  pageInfo: PageInfo;
};

export type PhysicianFilter = {
  affiliationStatus?: InputMaybe<AffiliationStatus>;
  /** Case-insensitive prefix of the family name. */
  familyNamePrefix?: InputMaybe<Scalars['String']['input']>;
  /** Exact NPI. */
  npi?: InputMaybe<Scalars['String']['input']>;
};

export type Query = {
  __typename?: 'Query';
  credential?: Maybe<Credential>;
  credentialTypes?: Maybe<Array<CredentialTypeInfo>>;
  credentials?: Maybe<CredentialConnection>;
  physician?: Maybe<Physician>;
  physicians?: Maybe<PhysicianConnection>;
  /** Verifications waiting for a person's decision in the caller's organization, oldest first. */
  verificationReviews?: Maybe<VerificationReviewConnection>;
  /** The caller's organization's verification settings. */
  verificationSettings?: Maybe<VerificationSettings>;
};


export type QueryCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCredentialsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CredentialFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPhysicianArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPhysiciansArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PhysicianFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryVerificationReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ResolveVerificationReviewInput = {
  decision: ReviewDecision;
  /** A short code for the reason (lowercase letters, digits and underscores), never free text. */
  reasonCode: Scalars['String']['input'];
  reviewId: Scalars['ID']['input'];
};

/** A reviewer's decision on a verification that left doubt. */
export type ReviewDecision =
  /** The credential is verified as recorded. */
  | 'APPROVED'
  /** The credential is not accepted. */
  | 'REJECTED';

export type UpdateCredentialInput = {
  expiresOn?: InputMaybe<Scalars['Date']['input']>;
  issuedOn?: InputMaybe<Scalars['Date']['input']>;
  issuer?: InputMaybe<Scalars['String']['input']>;
  number?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<Scalars['String']['input']>;
};

/** Fields left out are unchanged; a null protected field is cleared. */
export type UpdatePhysicianInput = {
  dateOfBirth?: InputMaybe<Scalars['Date']['input']>;
  familyName?: InputMaybe<Scalars['String']['input']>;
  givenName?: InputMaybe<Scalars['String']['input']>;
  ssn?: InputMaybe<Scalars['String']['input']>;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** The physician file of this user in the caller's organization. */
  physicianProfile?: Maybe<Physician>;
};

/** One check of one source, as it was made. A check never changes; a review is recorded beside it. */
export type VerificationCheck = {
  __typename?: 'VerificationCheck';
  checkedAt: Scalars['DateTime']['output'];
  /** SHA-256 (hex) of the source's response as received; the response itself is kept encrypted. */
  evidenceSha256?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  problems: Array<CheckProblem>;
  result: CheckResult;
  source: VerificationSource;
};

/** A verification waiting for (or given) a person's decision. */
export type VerificationReview = {
  __typename?: 'VerificationReview';
  credential?: Maybe<Credential>;
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The id of the user who decided. */
  decidedBy?: Maybe<Scalars['ID']['output']>;
  decision?: Maybe<ReviewDecision>;
  /** When it was escalated to the organization's admins for want of a decision within the review window. */
  escalatedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  openedAt: Scalars['DateTime']['output'];
  /** The reviewer's reason, a short code (for example documents_confirm_license). */
  reasonCode?: Maybe<Scalars['String']['output']>;
  /** Why it needs a person: codes such as MISMATCH:STATE_BOARD, MANUAL:MALPRACTICE_CARRIER, SOURCE_UNAVAILABLE:NPPES, dea_check_digit. */
  reasons: Array<Scalars['String']['output']>;
};

export type VerificationReviewConnection = {
  __typename?: 'VerificationReviewConnection';
  nodes: Array<VerificationReview>;
  pageInfo: PageInfo;
};

/** How the caller's organization runs its verification reviews. */
export type VerificationSettings = {
  __typename?: 'VerificationSettings';
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
  AddCredentialInput: AddCredentialInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Affiliation: ResolverTypeWrapper<AffiliationViewModel>;
  AffiliationStatus: AffiliationStatus;
  CheckProblem: ResolverTypeWrapper<CheckProblem>;
  CheckResult: CheckResult;
  CreatePhysicianInput: CreatePhysicianInput;
  Credential: ResolverTypeWrapper<CredentialViewModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CredentialConnection: ResolverTypeWrapper<Omit<CredentialConnection, 'nodes'> & { nodes: Array<ResolversTypes['Credential']> }>;
  CredentialFilter: CredentialFilter;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CredentialStatus: CredentialStatus;
  CredentialType: CredentialType;
  CredentialTypeInfo: ResolverTypeWrapper<CredentialTypeInfo>;
  CredentialVerification: ResolverTypeWrapper<CredentialVerificationViewModel>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Document: ResolverTypeWrapper<DocumentViewModel>;
  DocumentDownload: ResolverTypeWrapper<DocumentDownload>;
  DocumentUpload: ResolverTypeWrapper<Omit<DocumentUpload, 'document'> & { document: ResolversTypes['Document'] }>;
  DocumentUploadInput: DocumentUploadInput;
  ExclusionList: ExclusionList;
  ExclusionMatch: ResolverTypeWrapper<ExclusionMatchViewModel>;
  ExclusionMatchKind: ExclusionMatchKind;
  ExclusionStatus: ExclusionStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Organization: ResolverTypeWrapper<Organization>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Physician: ResolverTypeWrapper<PhysicianViewModel>;
  PhysicianConnection: ResolverTypeWrapper<Omit<PhysicianConnection, 'nodes'> & { nodes: Array<ResolversTypes['Physician']> }>;
  PhysicianFilter: PhysicianFilter;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ResolveVerificationReviewInput: ResolveVerificationReviewInput;
  ReviewDecision: ReviewDecision;
  UpdateCredentialInput: UpdateCredentialInput;
  UpdatePhysicianInput: UpdatePhysicianInput;
  User: ResolverTypeWrapper<Omit<User, 'physicianProfile'> & { physicianProfile?: Maybe<ResolversTypes['Physician']> }>;
  VerificationCheck: ResolverTypeWrapper<VerificationCheckViewModel>;
  VerificationReview: ResolverTypeWrapper<VerificationReviewViewModel>;
  VerificationReviewConnection: ResolverTypeWrapper<Omit<VerificationReviewConnection, 'nodes'> & { nodes: Array<ResolversTypes['VerificationReview']> }>;
  VerificationSettings: ResolverTypeWrapper<VerificationSettings>;
  VerificationSource: VerificationSource;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AddCredentialInput: AddCredentialInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Affiliation: AffiliationViewModel;
  CheckProblem: CheckProblem;
  CreatePhysicianInput: CreatePhysicianInput;
  Credential: CredentialViewModel;
  Boolean: Scalars['Boolean']['output'];
  CredentialConnection: Omit<CredentialConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Credential']> };
  CredentialFilter: CredentialFilter;
  Int: Scalars['Int']['output'];
  CredentialTypeInfo: CredentialTypeInfo;
  CredentialVerification: CredentialVerificationViewModel;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  Document: DocumentViewModel;
  DocumentDownload: DocumentDownload;
  DocumentUpload: Omit<DocumentUpload, 'document'> & { document: ResolversParentTypes['Document'] };
  DocumentUploadInput: DocumentUploadInput;
  ExclusionMatch: ExclusionMatchViewModel;
  Mutation: Record<PropertyKey, never>;
  Organization: Organization;
  PageInfo: PageInfo;
  Physician: PhysicianViewModel;
  PhysicianConnection: Omit<PhysicianConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Physician']> };
  PhysicianFilter: PhysicianFilter;
  Query: Record<PropertyKey, never>;
  ResolveVerificationReviewInput: ResolveVerificationReviewInput;
  UpdateCredentialInput: UpdateCredentialInput;
  UpdatePhysicianInput: UpdatePhysicianInput;
  User: Omit<User, 'physicianProfile'> & { physicianProfile?: Maybe<ResolversParentTypes['Physician']> } | FederationReferenceTypes['User'];
  VerificationCheck: VerificationCheckViewModel;
  VerificationReview: VerificationReviewViewModel;
  VerificationReviewConnection: Omit<VerificationReviewConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['VerificationReview']> };
  VerificationSettings: VerificationSettings;
};

export type AffiliationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Affiliation'] = ResolversParentTypes['Affiliation']> = {
  endedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  startedOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AffiliationStatus'], ParentType, ContextType>;
};

export type CheckProblemResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CheckProblem'] = ResolversParentTypes['CheckProblem']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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
  reviewReasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  state?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CredentialStatus'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['CredentialType'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  verification?: Resolver<Maybe<ResolversTypes['CredentialVerification']>, ParentType, ContextType>;
};

export type CredentialConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CredentialConnection'] = ResolversParentTypes['CredentialConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Credential']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
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

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

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

export type DocumentUploadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DocumentUpload'] = ResolversParentTypes['DocumentUpload']> = {
  document?: Resolver<ResolversTypes['Document'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uploadUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ExclusionMatchResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ExclusionMatch'] = ResolversParentTypes['ExclusionMatch']> = {
  excludedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  exclusionType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  foundAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  list?: Resolver<ResolversTypes['ExclusionList'], ParentType, ContextType>;
  matchedBy?: Resolver<ResolversTypes['ExclusionMatchKind'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addCredential?: Resolver<Maybe<ResolversTypes['Credential']>, ParentType, ContextType, RequireFields<MutationAddCredentialArgs, 'input'>>;
  createPhysician?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType, RequireFields<MutationCreatePhysicianArgs, 'input'>>;
  documentDownloadUrl?: Resolver<Maybe<ResolversTypes['DocumentDownload']>, ParentType, ContextType, RequireFields<MutationDocumentDownloadUrlArgs, 'documentId'>>;
  removeCredential?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType, RequireFields<MutationRemoveCredentialArgs, 'id'>>;
  requestDocumentUpload?: Resolver<Maybe<ResolversTypes['DocumentUpload']>, ParentType, ContextType, RequireFields<MutationRequestDocumentUploadArgs, 'input'>>;
  requestVerification?: Resolver<Maybe<ResolversTypes['Credential']>, ParentType, ContextType, RequireFields<MutationRequestVerificationArgs, 'credentialId'>>;
  resolveVerificationReview?: Resolver<Maybe<ResolversTypes['VerificationReview']>, ParentType, ContextType, RequireFields<MutationResolveVerificationReviewArgs, 'input'>>;
  setAffiliationStatus?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType, RequireFields<MutationSetAffiliationStatusArgs, 'physicianId' | 'status'>>;
  setVerificationReviewWindow?: Resolver<Maybe<ResolversTypes['VerificationSettings']>, ParentType, ContextType, RequireFields<MutationSetVerificationReviewWindowArgs, 'hours'>>;
  updateCredential?: Resolver<Maybe<ResolversTypes['Credential']>, ParentType, ContextType, RequireFields<MutationUpdateCredentialArgs, 'id' | 'input'>>;
  updatePhysician?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType, RequireFields<MutationUpdatePhysicianArgs, 'id' | 'input'>>;
};

export type OrganizationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PhysicianResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Physician'] = ResolversParentTypes['Physician'], FederationReferenceType extends FederationReferenceTypes['Physician'] = FederationReferenceTypes['Physician']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Physician']> | FederationReferenceType, FederationReferenceType, ContextType>;
  affiliation?: Resolver<Maybe<ResolversTypes['Affiliation']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
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
};

export type PhysicianConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PhysicianConnection'] = ResolversParentTypes['PhysicianConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Physician']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  credential?: Resolver<Maybe<ResolversTypes['Credential']>, ParentType, ContextType, RequireFields<QueryCredentialArgs, 'id'>>;
  credentialTypes?: Resolver<Maybe<Array<ResolversTypes['CredentialTypeInfo']>>, ParentType, ContextType>;
  credentials?: Resolver<Maybe<ResolversTypes['CredentialConnection']>, ParentType, ContextType, Partial<QueryCredentialsArgs>>;
  physician?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType, RequireFields<QueryPhysicianArgs, 'id'>>;
  physicians?: Resolver<Maybe<ResolversTypes['PhysicianConnection']>, ParentType, ContextType, Partial<QueryPhysiciansArgs>>;
  verificationReviews?: Resolver<Maybe<ResolversTypes['VerificationReviewConnection']>, ParentType, ContextType, Partial<QueryVerificationReviewsArgs>>;
  verificationSettings?: Resolver<Maybe<ResolversTypes['VerificationSettings']>, ParentType, ContextType>;
};

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  physicianProfile?: Resolver<Maybe<ResolversTypes['Physician']>, ParentType, ContextType>;
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
  decision?: Resolver<Maybe<ResolversTypes['ReviewDecision']>, ParentType, ContextType>;
  escalatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reasonCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type VerificationReviewConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VerificationReviewConnection'] = ResolversParentTypes['VerificationReviewConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['VerificationReview']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type VerificationSettingsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['VerificationSettings'] = ResolversParentTypes['VerificationSettings']> = {
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reviewWindowHours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  Affiliation?: AffiliationResolvers<ContextType>;
  CheckProblem?: CheckProblemResolvers<ContextType>;
  Credential?: CredentialResolvers<ContextType>;
  CredentialConnection?: CredentialConnectionResolvers<ContextType>;
  CredentialTypeInfo?: CredentialTypeInfoResolvers<ContextType>;
  CredentialVerification?: CredentialVerificationResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  Document?: DocumentResolvers<ContextType>;
  DocumentDownload?: DocumentDownloadResolvers<ContextType>;
  DocumentUpload?: DocumentUploadResolvers<ContextType>;
  ExclusionMatch?: ExclusionMatchResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Physician?: PhysicianResolvers<ContextType>;
  PhysicianConnection?: PhysicianConnectionResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  VerificationCheck?: VerificationCheckResolvers<ContextType>;
  VerificationReview?: VerificationReviewResolvers<ContextType>;
  VerificationReviewConnection?: VerificationReviewConnectionResolvers<ContextType>;
  VerificationSettings?: VerificationSettingsResolvers<ContextType>;
};

