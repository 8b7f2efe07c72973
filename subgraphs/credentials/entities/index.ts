// The credentials schema's tables as entities, and the privileges each service role holds on them.
import { AffiliationSchema, affiliationGrants } from './affiliation.entity.ts';
import { CredentialSchema, credentialGrants } from './credential.entity.ts';
import { CredentialingDecisionSchema, credentialingDecisionGrants } from './credentialing-decision.entity.ts';
import { CredentialingExportSchema, credentialingExportGrants } from './credentialing-export.entity.ts';
import { CredentialingFileSchema, credentialingFileGrants } from './credentialing-file.entity.ts';
import { DocumentSchema, documentGrants } from './document.entity.ts';
import { ExclusionMatchSchema, exclusionMatchGrants } from './exclusion-match.entity.ts';
import { MonitoringAlertSchema, monitoringAlertGrants } from './monitoring-alert.entity.ts';
import { PhysicianScreeningSchema, physicianScreeningGrants } from './physician-screening.entity.ts';
import { PhysicianSchema, physicianGrants } from './physician.entity.ts';
import { VerificationCheckSchema, verificationCheckGrants } from './verification-check.entity.ts';
import { VerificationReviewSchema, verificationReviewGrants } from './verification-review.entity.ts';
import { VerificationSettingSchema, verificationSettingGrants } from './verification-setting.entity.ts';

export { Affiliation } from './affiliation.entity.ts';
export { Credential } from './credential.entity.ts';
export { CredentialingDecision } from './credentialing-decision.entity.ts';
export { CredentialingExport } from './credentialing-export.entity.ts';
export { CredentialingFile } from './credentialing-file.entity.ts';
export { Document } from './document.entity.ts';
export { ExclusionMatch } from './exclusion-match.entity.ts';
export { MonitoringAlert } from './monitoring-alert.entity.ts';
export { PhysicianScreening } from './physician-screening.entity.ts';
export { Physician } from './physician.entity.ts';
export { VerificationCheck } from './verification-check.entity.ts';
export { VerificationReview } from './verification-review.entity.ts';
export { VerificationSetting } from './verification-setting.entity.ts';

export const CREDENTIALS_ENTITIES = [PhysicianSchema, AffiliationSchema, CredentialSchema, VerificationCheckSchema, VerificationReviewSchema, DocumentSchema, PhysicianScreeningSchema, ExclusionMatchSchema, VerificationSettingSchema, CredentialingFileSchema, CredentialingDecisionSchema, MonitoringAlertSchema, CredentialingExportSchema];

export const CREDENTIALS_GRANTS = [physicianGrants, affiliationGrants, credentialGrants, verificationCheckGrants, verificationReviewGrants, documentGrants, physicianScreeningGrants, exclusionMatchGrants, verificationSettingGrants, credentialingFileGrants, credentialingDecisionGrants, monitoringAlertGrants, credentialingExportGrants];
