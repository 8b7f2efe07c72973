// The credentials subgraph's GraphQL operations. Each checks the permission matrix first (and
// audits a refusal), then hands over to the module that owns the operation.
import type { GraphQLResolveInfo } from 'graphql';
import { authorize, guarded as guardedResolver } from '../../platform/authorize.ts';
import { AppError } from '../../platform/errors.ts';
import { DateScalar, DateTimeScalar } from '../../platform/scalars.ts';
import type { SubgraphContext, SubgraphResolvers } from '../../platform/subgraph-server.ts';
import { addCredential, credential, credentials, removeCredential, updateCredential, type CredentialView } from './credential-records.ts';
import { CREDENTIAL_TYPES } from './credential-types.ts';
import { documentDownloadUrl, documentsOf, requestDocumentUpload } from './documents.ts';
import { createPhysician, physician, physicianOfUser, physicians, setAffiliationStatus, updatePhysician, type PhysicianView } from './physicians.ts';
import type { CredentialsService } from './service.ts';

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A protected value: the decrypted value, or the refusal or integrity error that stands in its place. */
function protectedValue(value: unknown) {
  if (value instanceof AppError) throw value;
  return value ?? null;
}

export function credentialsResolvers(service: CredentialsService): SubgraphResolvers {
  const guarded = guardedResolver<Args>;

  return {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    Query: {
      credentialTypes: () => CREDENTIAL_TYPES,
      physician: guarded('physician.read', 'Physician', (args, { caller }, info) => physician(service, caller, args.id, info)),
      physicians: guarded('physician.read', 'Physician', (args, { caller }, info) => physicians(service, caller, args, info)),
      credential: guarded('credential.read', 'Credential', (args, { caller }, info) => credential(service, caller, args.id, info)),
      credentials: guarded('credential.read', 'Credential', (args, { caller }, info) => credentials(service, caller, args, info)),
    },
    Mutation: {
      createPhysician: guarded('physician.create', 'Physician', (args, { caller }, info) => createPhysician(service, caller, args.input, info)),
      updatePhysician: guarded('physician.update', 'Physician', (args, { caller }, info) => updatePhysician(service, caller, args.id, args.input, info)),
      setAffiliationStatus: guarded('affiliation.manage', 'Affiliation', (args, { caller }, info) => setAffiliationStatus(service, caller, args.physicianId, args.status, info)),
      addCredential: guarded('credential.manage', 'Credential', (args, { caller }, info) => addCredential(service, caller, args.input, info)),
      updateCredential: guarded('credential.manage', 'Credential', (args, { caller }, info) => updateCredential(service, caller, args.id, args.input, info)),
      removeCredential: guarded('credential.manage', 'Credential', (args, { caller }) => removeCredential(service, caller, args.id)),
      requestDocumentUpload: guarded('credential.manage', 'Document', (args, { caller }) => requestDocumentUpload(service, caller, args.input)),
      documentDownloadUrl: guarded('document.download', 'Document', (args, { caller }) => documentDownloadUrl(service, caller, args.documentId)),
    },
    Physician: {
      __resolveReference: async (reference: { id: string }, context: SubgraphContext, info: GraphQLResolveInfo) => {
        await authorize({ orm: service.orm, caller: context.caller }, 'physician.read', { type: 'Physician', id: reference.id });
        return physician(service, context.caller, reference.id, info);
      },
      user: (p: PhysicianView) => (p.userId ? { id: p.userId } : null),
      dateOfBirth: (p: PhysicianView) => protectedValue(p.dateOfBirth),
      ssn: (p: PhysicianView) => protectedValue(p.ssn),
      affiliation: (p: PhysicianView) => p.affiliation,
      credentials: async (p: PhysicianView, args: Args, context: SubgraphContext, info: GraphQLResolveInfo) => {
        await authorize({ orm: service.orm, caller: context.caller }, 'credential.read', { type: 'Credential' });
        return credentials(service, context.caller, { ...args, filter: { ...(args.filter ?? {}), physicianId: p.id } }, info);
      },
    },
    Affiliation: {
      organization: (a: { organizationId: string }) => ({ id: a.organizationId }),
    },
    Credential: {
      __resolveReference: async (reference: { id: string }, context: SubgraphContext, info: GraphQLResolveInfo) => {
        await authorize({ orm: service.orm, caller: context.caller }, 'credential.read', { type: 'Credential', id: reference.id });
        return credential(service, context.caller, reference.id, info);
      },
      number: (c: CredentialView) => protectedValue(c.number),
      physician: async (c: CredentialView, _args: Args, context: SubgraphContext, info: GraphQLResolveInfo) =>
        c.physician ?? physician(service, context.caller, c.physicianId, info),
      documents: (c: CredentialView, _args: Args, context: SubgraphContext) => documentsOf(service, context.caller, c.id),
    },
    User: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      physicianProfile: async (user: { id: string }, _args: Args, context: SubgraphContext, info: GraphQLResolveInfo) => {
        await authorize({ orm: service.orm, caller: context.caller }, 'physician.read', { type: 'Physician' });
        return physicianOfUser(service, context.caller, user.id, info);
      },
    },
  } as SubgraphResolvers;
}
