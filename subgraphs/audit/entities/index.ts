// The audit schema's tables as entities, and the privileges each service role holds on them.
import { ChainAnchorSchema, chainAnchorGrants } from './chain-anchor.entity.ts';
import { ChainHeadSchema, chainHeadGrants } from './chain-head.entity.ts';
import { CheckpointSchema, checkpointGrants } from './checkpoint.entity.ts';
import { AuditEventSchema, auditEventGrants } from './event.entity.ts';
import { AuditExportSchema, auditExportGrants } from './export.entity.ts';
import { IncidentJurisdictionSchema, incidentJurisdictionGrants } from './incident-jurisdiction.entity.ts';
import { IncidentNotificationSchema, incidentNotificationGrants } from './incident-notification.entity.ts';
import { IncidentSchema, incidentGrants } from './incident.entity.ts';
import { IncidentDelaySchema, incidentDelayGrants } from './incident-delay.entity.ts';
import { IncidentObligationSchema, incidentObligationGrants } from './incident-obligation.entity.ts';
import { IncidentRiskAssessmentSchema, incidentRiskAssessmentGrants } from './incident-risk-assessment.entity.ts';
import { IncidentSettingSchema, incidentSettingGrants } from './incident-setting.entity.ts';
import { IncidentReviewSchema, incidentReviewGrants } from './incident-review.entity.ts';
import { IncidentRemediationSchema, incidentRemediationGrants } from './incident-remediation.entity.ts';
import { RefusalTallySchema, refusalTallyGrants } from './refusal-tally.entity.ts';
import { RetentionSettingSchema, retentionSettingGrants } from './retention-setting.entity.ts';
import { SigningKeySchema, signingKeyGrants } from './signing-key.entity.ts';
import { SecurityAlertSchema, securityAlertGrants } from './security-alert.entity.ts';
import { SecurityAlertSettingSchema, securityAlertSettingGrants } from './security-alert-setting.entity.ts';
import { AnomalyCursorSchema, anomalyCursorGrants } from './anomaly-cursor.entity.ts';
import { AuditJobSchema, auditJobGrants } from './audit-job.entity.ts';

export { ChainAnchor } from './chain-anchor.entity.ts';
export { ChainHead } from './chain-head.entity.ts';
export { Checkpoint } from './checkpoint.entity.ts';
export { AuditEvent } from './event.entity.ts';
export { AuditExport } from './export.entity.ts';
export { IncidentJurisdiction } from './incident-jurisdiction.entity.ts';
export { IncidentNotification } from './incident-notification.entity.ts';
export { Incident } from './incident.entity.ts';
export { IncidentDelay } from './incident-delay.entity.ts';
export { IncidentObligation } from './incident-obligation.entity.ts';
export { IncidentRiskAssessment } from './incident-risk-assessment.entity.ts';
export { IncidentSetting } from './incident-setting.entity.ts';
export { IncidentReview } from './incident-review.entity.ts';
export { IncidentRemediation } from './incident-remediation.entity.ts';
export { RefusalTally } from './refusal-tally.entity.ts';
export { RetentionSetting } from './retention-setting.entity.ts';
export { SigningKey } from './signing-key.entity.ts';
export { SecurityAlert } from './security-alert.entity.ts';
export { SecurityAlertSetting } from './security-alert-setting.entity.ts';
export { AnomalyCursor } from './anomaly-cursor.entity.ts';
export { AuditJob } from './audit-job.entity.ts';

export const AUDIT_ENTITIES = [
  AuditEventSchema, ChainHeadSchema, SigningKeySchema, CheckpointSchema, RetentionSettingSchema, ChainAnchorSchema,
  IncidentSchema, IncidentJurisdictionSchema, IncidentNotificationSchema, RefusalTallySchema, AuditExportSchema,
  IncidentObligationSchema, IncidentDelaySchema, IncidentRiskAssessmentSchema, IncidentSettingSchema, IncidentReviewSchema, IncidentRemediationSchema,
  SecurityAlertSchema, SecurityAlertSettingSchema, AnomalyCursorSchema, AuditJobSchema,
];

export const AUDIT_GRANTS = [
  auditEventGrants, chainHeadGrants, signingKeyGrants, checkpointGrants, retentionSettingGrants, chainAnchorGrants,
  incidentGrants, incidentJurisdictionGrants, incidentNotificationGrants, refusalTallyGrants, auditExportGrants,
  incidentObligationGrants, incidentDelayGrants, incidentRiskAssessmentGrants, incidentSettingGrants, incidentReviewGrants, incidentRemediationGrants,
  securityAlertGrants, securityAlertSettingGrants, anomalyCursorGrants, auditJobGrants,
];
