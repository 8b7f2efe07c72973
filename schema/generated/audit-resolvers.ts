// Generated from schema/audit.graphql by `npm run codegen` (schema/codegen.ts): do not edit.
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EntityReference as EntityReferenceModel, SubgraphContext } from '../../platform/subgraph-server.ts';
import type { AuditEventView as AuditEventViewModel } from '../../subgraphs/audit/resolvers.ts';
import type { IncidentView as IncidentViewModel } from '../../subgraphs/audit/incidents.ts';
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
  _FieldSet: { input: unknown; output: unknown; }
};

/** How many affected people live in one state or jurisdiction (two-letter code). */
export type AffectedJurisdiction = {
  __typename?: 'AffectedJurisdiction';
  affectedCount: Scalars['Int']['output'];
  jurisdiction: Scalars['String']['output'];
};

export type AffectedJurisdictionInput = {
  affectedCount: Scalars['Int']['input'];
  jurisdiction: Scalars['String']['input'];
};

export type AuditAction =
  | 'ACCESS_DENIED'
  | 'CREATE'
  | 'DEACTIVATE'
  | 'DELETE'
  | 'EXPORT'
  | 'INVITE'
  | 'LOGIN'
  | 'LOGIN_FAILED'
  | 'LOGOUT'
  | 'MFA_ENROLL'
  | 'MFA_FAILED'
  | 'MFA_VERIFY'
  | 'REFRESH_REUSE'
  | 'ROLE_CHANGE'
  | 'TOKEN_REFRESH'
  | 'UPDATE'
  | 'VIEW';

export type AuditChainVerification = {
  __typename?: 'AuditChainVerification';
  checkedCheckpoints: Scalars['Int']['output'];
  checkedEvents: Scalars['Int']['output'];
  /** The first sequence at which the chain does not hold; null when it holds. */
  firstBadSequence?: Maybe<Scalars['Int']['output']>;
  problem?: Maybe<Scalars['String']['output']>;
  valid: Scalars['Boolean']['output'];
};

/** A signature over an organization's chain head at one sequence. */
export type AuditCheckpoint = {
  __typename?: 'AuditCheckpoint';
  hash: Scalars['String']['output'];
  keyId: Scalars['String']['output'];
  sequence: Scalars['Int']['output'];
  /** Ed25519 signature, base64. */
  signature: Scalars['String']['output'];
  signedAt: Scalars['DateTime']['output'];
};

/**
 * One access to protected data, or one denied attempt. Events are chained per organization:
 * each carries the hash of the one before it.
 */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  action: AuditAction;
  actorId?: Maybe<Scalars['ID']['output']>;
  actorRole?: Maybe<Scalars['String']['output']>;
  /** SHA-256 of the event's canonical encoding, hex. */
  hash: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  outcome: AuditOutcome;
  previousHash: Scalars['String']['output'];
  /** A short machine code, never free text. */
  reason?: Maybe<Scalars['String']['output']>;
  requestId?: Maybe<Scalars['String']['output']>;
  resourceId?: Maybe<Scalars['ID']['output']>;
  resourceType: Scalars['String']['output'];
  sequence: Scalars['Int']['output'];
  sourceIp?: Maybe<Scalars['String']['output']>;
};

/** Newest first. */
export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  nodes: Array<AuditEvent>;
  pageInfo: PageInfo;
};

export type AuditEventFilter = {
  action?: InputMaybe<AuditAction>;
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
  resourceId?: InputMaybe<Scalars['ID']['input']>;
  resourceType?: InputMaybe<Scalars['String']['input']>;
  /** Exclusive. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type AuditExport = {
  __typename?: 'AuditExport';
  eventCount: Scalars['Int']['output'];
  expiresAt: Scalars['DateTime']['output'];
  format: AuditExportFormat;
  /** A signed link, valid until expiresAt. */
  url: Scalars['String']['output'];
};

export type AuditExportFormat =
  | 'CSV'
  | 'JSON_LINES';

export type AuditOutcome =
  | 'FAILURE'
  | 'SUCCESS';

/** How long audit events are kept. An organization may keep them longer, never shorter than the minimum. */
export type AuditRetentionPolicy = {
  __typename?: 'AuditRetentionPolicy';
  defaultYears: Scalars['Int']['output'];
  minimumYears: Scalars['Int']['output'];
};

/** A public key that signs audit checkpoints. Anyone may fetch it to verify an export. */
export type AuditSigningKey = {
  __typename?: 'AuditSigningKey';
  algorithm: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  keyId: Scalars['ID']['output'];
  /** The raw 32-byte Ed25519 public key, base64. */
  publicKey: Scalars['String']['output'];
};

/** A credential (owned by the credentials subgraph); the audit subgraph adds who accessed it. */
export type Credential = {
  __typename?: 'Credential';
  /** Every access to this credential in the caller's organization, newest first. */
  accessHistory: AuditEventConnection;
  id: Scalars['ID']['output'];
};


/** A credential (owned by the credentials subgraph); the audit subgraph adds who accessed it. */
export type CredentialAccessHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type DeclareIncidentInput = {
  actingAsBusinessAssociate: Scalars['Boolean']['input'];
  affectedCount: Scalars['Int']['input'];
  affectedJurisdictions: Array<AffectedJurisdictionInput>;
  discoveredAt: Scalars['DateTime']['input'];
  kind: IncidentKind;
};

/** A security incident that may be a breach of unsecured PHI. Structured fields only: no free text. */
export type Incident = {
  __typename?: 'Incident';
  /** True when Credence acts as a business associate of a covered entity for the affected data. */
  actingAsBusinessAssociate: Scalars['Boolean']['output'];
  affectedCount: Scalars['Int']['output'];
  affectedJurisdictions: Array<AffectedJurisdiction>;
  declaredAt: Scalars['DateTime']['output'];
  declaredBy: Scalars['ID']['output'];
  /** When the breach was first known (or would have been, with reasonable diligence): the legal clocks run from here. */
  discoveredAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: IncidentKind;
  notifications: Array<IncidentNotification>;
  status: IncidentStatus;
};

export type IncidentKind =
  | 'HACKING'
  | 'IMPROPER_DISPOSAL'
  | 'LOST_DEVICE'
  | 'MISDIRECTED_DISCLOSURE'
  | 'OTHER'
  | 'THEFT'
  | 'UNAUTHORIZED_ACCESS';

export type IncidentNotification = {
  __typename?: 'IncidentNotification';
  id: Scalars['ID']['output'];
  jurisdiction?: Maybe<Scalars['String']['output']>;
  notifiedAt: Scalars['DateTime']['output'];
  obligation: NotificationObligation;
  recordedBy: Scalars['ID']['output'];
};

export type IncidentStatus =
  | 'CLOSED'
  | 'OPEN';

export type Mutation = {
  __typename?: 'Mutation';
  closeIncident: Incident;
  declareIncident: Incident;
  /** Exports the caller's organization's audit log, with its checkpoints, for offline verification. */
  exportAuditLog: AuditExport;
  recordIncidentNotification: Incident;
  /** Years to keep audit events; never fewer than the minimum. */
  setAuditRetention: OrganizationAuditRetention;
};


export type MutationCloseIncidentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeclareIncidentArgs = {
  input: DeclareIncidentInput;
};


export type MutationExportAuditLogArgs = {
  format: AuditExportFormat;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type MutationRecordIncidentNotificationArgs = {
  input: RecordNotificationInput;
};


export type MutationSetAuditRetentionArgs = {
  years: Scalars['Int']['input'];
};

/** Who must be told of a breach (45 CFR 164.404-410, and state laws). */
export type NotificationObligation =
  | 'COVERED_ENTITY'
  | 'HHS'
  | 'INDIVIDUALS'
  | 'MEDIA'
  | 'STATE_REGULATOR';

/** An organization's own audit retention. */
export type OrganizationAuditRetention = {
  __typename?: 'OrganizationAuditRetention';
  minimumYears: Scalars['Int']['output'];
  years: Scalars['Int']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The newest checkpoints first. */
  auditCheckpoints?: Maybe<Array<AuditCheckpoint>>;
  /** The caller's organization's audit log (auditors, owners and admins). */
  auditEvents?: Maybe<AuditEventConnection>;
  auditRetentionPolicy?: Maybe<AuditRetentionPolicy>;
  auditSigningKeys?: Maybe<Array<AuditSigningKey>>;
  incident?: Maybe<Incident>;
  /** The caller's organization's incidents, newest first. */
  incidents?: Maybe<Array<Incident>>;
  organizationAuditRetention?: Maybe<OrganizationAuditRetention>;
  /** Recomputes the caller's organization's chain (or a range of it) and checks its signed checkpoints. */
  verifyAuditChain?: Maybe<AuditChainVerification>;
};


export type QueryAuditCheckpointsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryIncidentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryIncidentsArgs = {
  status?: InputMaybe<IncidentStatus>;
};


export type QueryVerifyAuditChainArgs = {
  fromSequence?: InputMaybe<Scalars['Int']['input']>;
  toSequence?: InputMaybe<Scalars['Int']['input']>;
};

export type RecordNotificationInput = {
  incidentId: Scalars['ID']['input'];
  jurisdiction?: InputMaybe<Scalars['String']['input']>;
  notifiedAt: Scalars['DateTime']['input'];
  obligation: NotificationObligation;
};

/** A user of Credence (owned by the identity subgraph); the audit subgraph adds what the user did. */
export type User = {
  __typename?: 'User';
  /** What this user did in the caller's organization, newest first. */
  auditTrail: AuditEventConnection;
  id: Scalars['ID']['output'];
};


/** A user of Credence (owned by the identity subgraph); the audit subgraph adds what the user did. */
export type UserAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
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
  AffectedJurisdiction: ResolverTypeWrapper<AffectedJurisdiction>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AffectedJurisdictionInput: AffectedJurisdictionInput;
  AuditAction: AuditAction;
  AuditChainVerification: ResolverTypeWrapper<AuditChainVerification>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AuditCheckpoint: ResolverTypeWrapper<AuditCheckpoint>;
  AuditEvent: ResolverTypeWrapper<AuditEventViewModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEventConnection: ResolverTypeWrapper<Omit<AuditEventConnection, 'nodes'> & { nodes: Array<ResolversTypes['AuditEvent']> }>;
  AuditEventFilter: AuditEventFilter;
  AuditExport: ResolverTypeWrapper<AuditExport>;
  AuditExportFormat: AuditExportFormat;
  AuditOutcome: AuditOutcome;
  AuditRetentionPolicy: ResolverTypeWrapper<AuditRetentionPolicy>;
  AuditSigningKey: ResolverTypeWrapper<AuditSigningKey>;
  Credential: ResolverTypeWrapper<EntityReferenceModel>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeclareIncidentInput: DeclareIncidentInput;
  Incident: ResolverTypeWrapper<IncidentViewModel>;
  IncidentKind: IncidentKind;
  IncidentNotification: ResolverTypeWrapper<IncidentNotification>;
  IncidentStatus: IncidentStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NotificationObligation: NotificationObligation;
  OrganizationAuditRetention: ResolverTypeWrapper<OrganizationAuditRetention>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecordNotificationInput: RecordNotificationInput;
  User: ResolverTypeWrapper<EntityReferenceModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AffectedJurisdiction: AffectedJurisdiction;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  AffectedJurisdictionInput: AffectedJurisdictionInput;
  AuditChainVerification: AuditChainVerification;
  Boolean: Scalars['Boolean']['output'];
  AuditCheckpoint: AuditCheckpoint;
  AuditEvent: AuditEventViewModel;
  ID: Scalars['ID']['output'];
  AuditEventConnection: Omit<AuditEventConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['AuditEvent']> };
  AuditEventFilter: AuditEventFilter;
  AuditExport: AuditExport;
  AuditRetentionPolicy: AuditRetentionPolicy;
  AuditSigningKey: AuditSigningKey;
  Credential: EntityReferenceModel;
  DateTime: Scalars['DateTime']['output'];
  DeclareIncidentInput: DeclareIncidentInput;
  Incident: IncidentViewModel;
  IncidentNotification: IncidentNotification;
  Mutation: Record<PropertyKey, never>;
  OrganizationAuditRetention: OrganizationAuditRetention;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RecordNotificationInput: RecordNotificationInput;
  User: EntityReferenceModel;
};

export type AffectedJurisdictionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AffectedJurisdiction'] = ResolversParentTypes['AffectedJurisdiction']> = {
  affectedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  jurisdiction?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  action?: Resolver<ResolversTypes['AuditAction'], ParentType, ContextType>;
  actorId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  actorRole?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  previousHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resourceId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  resourceType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sourceIp?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditEventConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditExportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditExport'] = ResolversParentTypes['AuditExport']> = {
  eventCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['AuditExportFormat'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditRetentionPolicyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditRetentionPolicy'] = ResolversParentTypes['AuditRetentionPolicy']> = {
  defaultYears?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minimumYears?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditSigningKeyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AuditSigningKey'] = ResolversParentTypes['AuditSigningKey']> = {
  algorithm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  publicKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CredentialResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Credential'] = ResolversParentTypes['Credential'], FederationReferenceType extends FederationReferenceTypes['Credential'] = FederationReferenceTypes['Credential']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Credential']> | FederationReferenceType, FederationReferenceType, ContextType>;
  accessHistory?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, RequireFields<CredentialAccessHistoryArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type IncidentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Incident'] = ResolversParentTypes['Incident'], FederationReferenceType extends FederationReferenceTypes['Incident'] = FederationReferenceTypes['Incident']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Incident']> | FederationReferenceType, FederationReferenceType, ContextType>;
  actingAsBusinessAssociate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  affectedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  affectedJurisdictions?: Resolver<Array<ResolversTypes['AffectedJurisdiction']>, ParentType, ContextType>;
  declaredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  declaredBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  discoveredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['IncidentKind'], ParentType, ContextType>;
  notifications?: Resolver<Array<ResolversTypes['IncidentNotification']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IncidentStatus'], ParentType, ContextType>;
};

export type IncidentNotificationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['IncidentNotification'] = ResolversParentTypes['IncidentNotification']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jurisdiction?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  notifiedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  obligation?: Resolver<ResolversTypes['NotificationObligation'], ParentType, ContextType>;
  recordedBy?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  closeIncident?: Resolver<ResolversTypes['Incident'], ParentType, ContextType, RequireFields<MutationCloseIncidentArgs, 'id'>>;
  declareIncident?: Resolver<ResolversTypes['Incident'], ParentType, ContextType, RequireFields<MutationDeclareIncidentArgs, 'input'>>;
  exportAuditLog?: Resolver<ResolversTypes['AuditExport'], ParentType, ContextType, RequireFields<MutationExportAuditLogArgs, 'format'>>;
  recordIncidentNotification?: Resolver<ResolversTypes['Incident'], ParentType, ContextType, RequireFields<MutationRecordIncidentNotificationArgs, 'input'>>;
  setAuditRetention?: Resolver<ResolversTypes['OrganizationAuditRetention'], ParentType, ContextType, RequireFields<MutationSetAuditRetentionArgs, 'years'>>;
};

export type OrganizationAuditRetentionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OrganizationAuditRetention'] = ResolversParentTypes['OrganizationAuditRetention']> = {
  minimumYears?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  years?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditCheckpoints?: Resolver<Maybe<Array<ResolversTypes['AuditCheckpoint']>>, ParentType, ContextType, RequireFields<QueryAuditCheckpointsArgs, 'first'>>;
  auditEvents?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, RequireFields<QueryAuditEventsArgs, 'first'>>;
  auditRetentionPolicy?: Resolver<Maybe<ResolversTypes['AuditRetentionPolicy']>, ParentType, ContextType>;
  auditSigningKeys?: Resolver<Maybe<Array<ResolversTypes['AuditSigningKey']>>, ParentType, ContextType>;
  incident?: Resolver<Maybe<ResolversTypes['Incident']>, ParentType, ContextType, RequireFields<QueryIncidentArgs, 'id'>>;
  incidents?: Resolver<Maybe<Array<ResolversTypes['Incident']>>, ParentType, ContextType, Partial<QueryIncidentsArgs>>;
  organizationAuditRetention?: Resolver<Maybe<ResolversTypes['OrganizationAuditRetention']>, ParentType, ContextType>;
  verifyAuditChain?: Resolver<Maybe<ResolversTypes['AuditChainVerification']>, ParentType, ContextType, Partial<QueryVerifyAuditChainArgs>>;
};

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditTrail?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, RequireFields<UserAuditTrailArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  AffectedJurisdiction?: AffectedJurisdictionResolvers<ContextType>;
  AuditChainVerification?: AuditChainVerificationResolvers<ContextType>;
  AuditCheckpoint?: AuditCheckpointResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditExport?: AuditExportResolvers<ContextType>;
  AuditRetentionPolicy?: AuditRetentionPolicyResolvers<ContextType>;
  AuditSigningKey?: AuditSigningKeyResolvers<ContextType>;
  Credential?: CredentialResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Incident?: IncidentResolvers<ContextType>;
  IncidentNotification?: IncidentNotificationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OrganizationAuditRetention?: OrganizationAuditRetentionResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

