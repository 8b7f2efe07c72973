// The credentials schema's tables as entities, and the privileges each service role holds on them.
import { AffiliationSchema, affiliationGrants } from './affiliation.entity.ts';
import { CredentialSchema, credentialGrants } from './credential.entity.ts';
import { DocumentSchema, documentGrants } from './document.entity.ts';
import { PhysicianSchema, physicianGrants } from './physician.entity.ts';
import { VerificationSchema, verificationGrants } from './verification.entity.ts';

export { Affiliation } from './affiliation.entity.ts';
export { Credential } from './credential.entity.ts';
export { Document } from './document.entity.ts';
export { Physician } from './physician.entity.ts';
export { Verification } from './verification.entity.ts';

export const CREDENTIALS_ENTITIES = [PhysicianSchema, AffiliationSchema, CredentialSchema, VerificationSchema, DocumentSchema];

export const CREDENTIALS_GRANTS = [physicianGrants, affiliationGrants, credentialGrants, verificationGrants, documentGrants];
