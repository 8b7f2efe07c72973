// Every workflow the worker serves; this file is the root of the workflow bundle.
export { systemCheckWorkflow } from './system-check/workflow.ts';
export { auditCheckpointWorkflow } from './audit-checkpoint/workflow.ts';
export { auditRetentionWorkflow } from './audit-retention/workflow.ts';
export { dataKeyRotationWorkflow } from './data-key-rotation/workflow.ts';
export { keyRotationScheduleWorkflow } from './data-key-rotation/schedule-workflow.ts';
export { mailDeliveryWorkflow } from './mail-delivery/workflow.ts';
export { credentialVerificationWorkflow } from './credential-verification/workflow.ts';
export { verificationDispatchWorkflow } from './credential-verification/dispatch-workflow.ts';
export { exclusionListImportWorkflow } from './exclusion-lists/workflow.ts';
export { webhookDeliveryWorkflow } from './webhook-delivery/workflow.ts';
export { breachNotificationWorkflow } from './breach-notification/workflow.ts';
export { breachNotificationStartsWorkflow } from './breach-notification/starts-workflow.ts';
export { organizationOffboardingWorkflow } from './organization-offboarding/workflow.ts';
export { organizationExportWorkflow } from './organization-export/workflow.ts';
export { credentialingCycleWorkflow } from './credentialing-cycle/workflow.ts';
export { backupRetentionWorkflow, baseBackupWorkflow, walArchiveWorkflow } from './backups/workflow.ts';
export { anomalyDetectionWorkflow } from './anomaly-detection/workflow.ts';
