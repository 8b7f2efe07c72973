// The credentials subgraph's GraphQL operations. Each checks the permission matrix first (and
// audits a refusal), then hands over to the module that owns the operation.
import { authorize } from '../../platform/authorize.ts';
import type { Caller } from '../../platform/caller.ts';
import { DateScalar, DateTimeScalar, JSONObjectScalar } from '../../platform/scalars.ts';
import { mayMutate } from '../../platform/permissions.ts';
import { entityReference as userReference } from '../../platform/subgraph-server.ts';
import type { CheckResult, CredentialReviewReason, Resolvers, VerificationReviewReason, VerificationSource } from '../../schema/generated/credentials-resolvers.ts';
import { addCredential, credential, credentials, removeCredential, updateCredential } from './credential-records.ts';
import { CREDENTIAL_TYPES } from './credential-types.ts';
import { documentDownloadUrl, documentsOf, requestDocumentUpload } from './documents.ts';
import { encryptionKeys } from './encryption-keys.ts';
import { createPhysician, physician, physicianOfUser, physicians, setAffiliationStatus, updatePhysician, type PhysicianView } from './physicians.ts';
import { revealed, withheldFieldsOf } from './protected-fields.ts';
import { DEA_REVIEW_REASONS } from './validation.ts';
import type { CredentialsService } from './service.ts';
import { acknowledgeMonitoringAlert, credentialingOf, monitoringAlerts, recordCredentialingDecision, setCredentialsVerificationOrganization } from './credentialing.ts';
import { exportCredentialingFile } from './credentialing-export.ts';
import { exclusionStandingOf, type ExclusionStandingView } from './exclusions.ts';
import { createWebhookSubscription, deleteWebhookSubscription, rotateWebhookSecret, webhookDeliveries, webhookSubscriptions } from './webhook-subscriptions.ts';
import { requestVerification, resolveVerificationReview, setVerificationReviewWindow, verificationOf, verificationReviews, verificationSettings } from './verifications.ts';

export function credentialsResolvers(service: CredentialsService): Resolvers {
  // Physician.exclusionStatus, exclusionMatches and screenedAt come from one read per physician
  // view of a request (the view is the request's own object, so nothing outlives it).
  const standings = new WeakMap<PhysicianView, Promise<ExclusionStandingView>>();
  const standingOf = (physician: PhysicianView, caller: Caller): Promise<ExclusionStandingView> => {
    let standing = standings.get(physician);
    if (!standing) {
      standing = exclusionStandingOf(service, caller, physician.id);
      standings.set(physician, standing);
    }
    return standing;
  };
  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    JSONObject: JSONObjectScalar,
    Query: {
      credentialTypes: () => [...CREDENTIAL_TYPES],
      physician: (_parent, args, { caller }, info) => authorize(service, caller, 'physician.read', { type: 'Physician' }).then(() => physician(service, caller, args.id, info)),
      physicians: (_parent, args, { caller }, info) => authorize(service, caller, 'physician.read', { type: 'Physician' }).then(() => physicians(service, caller, args, info)),
      credential: (_parent, args, { caller }, info) => authorize(service, caller, 'credential.read', { type: 'Credential' }).then(() => credential(service, caller, args.id, info)),
      credentials: (_parent, args, { caller }, info) => authorize(service, caller, 'credential.read', { type: 'Credential' }).then(() => credentials(service, caller, args, info)),
      verificationReviews: (_parent, args, { caller }) => authorize(service, caller, 'verification.review', { type: 'VerificationReview' }).then(() => verificationReviews(service, caller, args)),
      verificationSettings: (_parent, _args, { caller }) => authorize(service, caller, 'verification.review', { type: 'VerificationSettings' }).then(() => verificationSettings(service, caller)),
      encryptionKeys: (_parent, _args, { caller }) => authorize(service, caller, 'encryption.keys.read', { type: 'EncryptionKeys' }).then(() => encryptionKeys(service, caller)),
      webhookSubscriptions: (_parent, args, { caller }) => authorize(service, caller, 'webhook.read', { type: 'WebhookSubscription' }).then(() => webhookSubscriptions(service, caller, args)),
      webhookDeliveries: (_parent, args, { caller }) => authorize(service, caller, 'webhook.read', { type: 'WebhookDelivery' }).then(() => webhookDeliveries(service, caller, args)),
      monitoringAlerts: (_parent, args, { caller }) => authorize(service, caller, 'monitoring.read', { type: 'MonitoringAlert' }).then(() => monitoringAlerts(service, caller, args)),
    },
    Mutation: {
      createPhysician: (_parent, args, { caller }, info) => authorize(service, caller, 'physician.create', { type: 'Physician' }).then(() => createPhysician(service, caller, args.input, info)),
      updatePhysician: (_parent, args, { caller }, info) => authorize(service, caller, 'physician.update', { type: 'Physician' }).then(() => updatePhysician(service, caller, args.id, args.input, info)),
      setAffiliationStatus: (_parent, args, { caller }, info) => authorize(service, caller, 'affiliation.manage', { type: 'Affiliation' }).then(() => setAffiliationStatus(service, caller, args.physicianId, args.status, info)),
      addCredential: (_parent, args, { caller }, info) => authorize(service, caller, 'credential.manage', { type: 'Credential' }).then(() => addCredential(service, caller, args.input, info)),
      updateCredential: (_parent, args, { caller }, info) => authorize(service, caller, 'credential.manage', { type: 'Credential' }).then(() => updateCredential(service, caller, args.id, args.input, info)),
      removeCredential: (_parent, args, { caller }) => authorize(service, caller, 'credential.manage', { type: 'Credential' }).then(() => removeCredential(service, caller, args.id)),
      requestDocumentUpload: (_parent, args, { caller }) => authorize(service, caller, 'credential.manage', { type: 'Document' }).then(() => requestDocumentUpload(service, caller, args.input)),
      documentDownloadUrl: (_parent, args, { caller }) => authorize(service, caller, 'document.download', { type: 'Document' }).then(() => documentDownloadUrl(service, caller, args.documentId)),
      requestVerification: (_parent, args, { caller }, info) => authorize(service, caller, 'verification.request', { type: 'Credential', id: args.credentialId }).then(() => requestVerification(service, caller, args.credentialId, info)),
      setVerificationReviewWindow: (_parent, args, { caller }) => authorize(service, caller, 'verification.settings.manage', { type: 'VerificationSettings' }).then(() => setVerificationReviewWindow(service, caller, args.hours)),
      createWebhookSubscription: (_parent, args, { caller }) => authorize(service, caller, 'webhook.manage', { type: 'WebhookSubscription' }).then(() => createWebhookSubscription(service, caller, args.input)),
      rotateWebhookSecret: (_parent, args, { caller }) => authorize(service, caller, 'webhook.manage', { type: 'WebhookSubscription', id: args.id }).then(() => rotateWebhookSecret(service, caller, args.id)),
      deleteWebhookSubscription: (_parent, args, { caller }) => authorize(service, caller, 'webhook.manage', { type: 'WebhookSubscription', id: args.id }).then(() => deleteWebhookSubscription(service, caller, args.id)),
      resolveVerificationReview: (_parent, args, { caller }) => authorize(service, caller, 'verification.review', { type: 'VerificationReview', id: args.input.reviewId }).then(() => resolveVerificationReview(service, caller, args.input)),
      setCredentialsVerificationOrganization: (_parent, args, { caller }) => authorize(service, caller, 'verification.settings.manage', { type: 'VerificationSettings' })
        .then(() => setCredentialsVerificationOrganization(service, caller, args.actsAsCredentialsVerificationOrganization)),
      recordCredentialingDecision: (_parent, args, { caller }) => authorize(service, caller, 'credentialing.decide', { type: 'CredentialingFile', id: args.input.physicianId })
        .then(() => recordCredentialingDecision(service, caller, args.input)),
      acknowledgeMonitoringAlert: (_parent, args, { caller }) => authorize(service, caller, 'monitoring.acknowledge', { type: 'MonitoringAlert', id: args.id })
        .then(() => acknowledgeMonitoringAlert(service, caller, args.id, args.reasonCode)),
      exportCredentialingFile: (_parent, args, { caller }) => authorize(service, caller, 'credentialing.export', { type: 'CredentialingFile', id: args.physicianId })
        .then(() => exportCredentialingFile(service, caller, args.physicianId, args.format)),
    },
    Physician: {
      __resolveReference: async (reference, { caller }, info) => {
        await authorize(service, caller, 'physician.read', { type: 'Physician', id: reference.id });
        return physician(service, caller, reference.id, info);
      },
      user: (p) => userReference(p.userId),
      viewerCanUpdate: (_p, _args, { caller }) => mayMutate(caller, 'physician.update', 'updatePhysician'),
      dateOfBirth: (p, _args, { caller }) => revealed(caller, p.dateOfBirth),
      ssn: (p, _args, { caller }) => revealed(caller, p.ssn),
      withheldFields: (_p, _args, { caller }) => withheldFieldsOf(caller, 'Physician'),
      affiliation: (p) => p.affiliation,
      exclusionStatus: async (p, _args, { caller }) => {
        await authorize(service, caller, 'exclusion.read', { type: 'Physician', id: p.id });
        return (await standingOf(p, caller)).status;
      },
      exclusionMatches: async (p, _args, { caller }) => {
        await authorize(service, caller, 'exclusion.read', { type: 'Physician', id: p.id });
        return (await standingOf(p, caller)).matches;
      },
      screenedAt: async (p, _args, { caller }) => {
        await authorize(service, caller, 'exclusion.read', { type: 'Physician', id: p.id });
        return (await standingOf(p, caller)).screenedAt;
      },
      credentialing: async (p, _args, { caller }) => {
        await authorize(service, caller, 'credentialing.read', { type: 'Physician', id: p.id });
        return credentialingOf(service, caller, p.id);
      },
      credentials: async (p, args, { caller }, info) => {
        await authorize(service, caller, 'credential.read', { type: 'Credential' });
        return credentials(service, caller, { ...args, filter: { ...(args.filter ?? {}), physicianId: p.id } }, info);
      },
    },
    Affiliation: {
      id: (a) => `${a.organizationId}:${a.physicianId}`,
      organization: (a) => ({ id: a.organizationId }),
    },
    Credential: {
      __resolveReference: async (reference, { caller }, info) => {
        await authorize(service, caller, 'credential.read', { type: 'Credential', id: reference.id });
        return credential(service, caller, reference.id, info);
      },
      number: (c, _args, { caller }) => revealed(caller, c.number),
      withheldFields: (_c, _args, { caller }) => withheldFieldsOf(caller, 'Credential'),
      reviewReasons: (c) => c.reviewReasons.map(reviewReasonValue),
      viewerCanUpdate: (_c, _args, { caller }) => mayMutate(caller, 'credential.manage', 'updateCredential'),
      viewerCanRequestVerification: (_c, _args, { caller }) => mayMutate(caller, 'verification.request', 'requestVerification'),
      physician: (c, _args, { caller }, info) => c.physician ?? physician(service, caller, c.physicianId, info),
      documents: (c, _args, { caller }) => documentsOf(service, caller, c.id),
      verification: async (c, _args, { caller }) => {
        await authorize(service, caller, 'verification.read', { type: 'Credential', id: c.id });
        return verificationOf(service, caller, c);
      },
    },
    MonitoringAlert: {
      physician: (a, _args, { caller }, info) => physician(service, caller, a.physicianId, info),
      acknowledgedByUser: (a) => userReference(a.acknowledgedBy),
      viewerCanAcknowledge: (a, _args, { caller }) => a.acknowledgedAt === null && mayMutate(caller, 'monitoring.acknowledge', 'acknowledgeMonitoringAlert'),
    },
    VerificationReview: {
      credential: (r, _args, { caller }, info) => credential(service, caller, r.credentialId, info),
      decidedByUser: (r) => userReference(r.decidedBy),
      reasonDetails: (r) => r.reasons.map(reviewReasonDetail),
      viewerCanResolve: (r, _args, { caller }) => r.decidedAt === null && mayMutate(caller, 'verification.review', 'resolveVerificationReview'),
    },
    Credentialing: {
      decidedByUser: (c) => userReference(c.decidedBy),
    },
    CredentialingDecisionRecord: {
      decidedByUser: (d) => userReference(d.decidedBy),
    },
    User: {
      __resolveReference: (reference) => ({ id: reference.id }),
      physicianProfile: async (user, _args, { caller }, info) => {
        await authorize(service, caller, 'physician.read', { type: 'Physician' });
        return physicianOfUser(service, caller, user.id, info);
      },
    },
  };
}

/** The stored review reasons (validation.ts) as the CredentialReviewReason enum shows them. */
// A Map, not an object: a stored string never reaches Object's own members.
const REVIEW_REASON_VALUES = new Map<string, CredentialReviewReason>([
  [DEA_REVIEW_REASONS.checkDigit, 'DEA_CHECK_DIGIT'],
  [DEA_REVIEW_REASONS.nameInitial, 'DEA_NAME_INITIAL'],
  [DEA_REVIEW_REASONS.registrantType, 'DEA_REGISTRANT_TYPE'],
]);

// Every value of the enums, so that a stored code is read as one only when it is one.
const CHECK_RESULTS: Record<CheckResult, true> = { VERIFIED: true, MISMATCH: true, NOT_FOUND: true, EXCLUDED: true, SOURCE_UNAVAILABLE: true, MANUAL: true };
const VERIFICATION_SOURCES: Record<VerificationSource, true> = {
  NPPES: true, STATE_BOARD: true, DEA: true, BOARD_CERTIFICATION: true, NPDB: true, OIG_LEIE: true, SAM: true, MALPRACTICE_CARRIER: true,
};
const isOneOf = <T extends string>(values: Record<T, true>, value: string | undefined): value is T => value !== undefined && Object.hasOwn(values, value);

/** A review's stored reason (`MISMATCH:STATE_BOARD`, `dea_check_digit`) as a source and its result, or a reason on the credential's own record. */
function reviewReasonDetail(stored: string): VerificationReviewReason {
  const [result, source] = stored.split(':');
  if (source !== undefined && isOneOf(CHECK_RESULTS, result) && isOneOf(VERIFICATION_SOURCES, source)) return { result, source, credentialReason: null };
  return { result: null, source: null, credentialReason: reviewReasonValue(stored) };
}

function reviewReasonValue(stored: string): CredentialReviewReason {
  const value = REVIEW_REASON_VALUES.get(stored);
  if (!value) throw new Error(`A credential holds a review reason the schema does not know: ${stored}`);
  return value;
}
