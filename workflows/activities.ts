// Every activity the worker serves, built from the worker's dependencies.
import type { MikroORM } from '../platform/database/orm.ts';
import type { FieldEncryption } from '../platform/field-encryption/data-keys.ts';
import type { Logger } from '../platform/logger.ts';
import type { Storage } from '../platform/storage.ts';
import type { MailSettings } from '../platform/mail-outbox/delivery.ts';
import type { SigningKey } from '../domain/audit-chain.ts';
import { createAuditCheckpointActivities } from './audit-checkpoint/activities.ts';
import { createAuditJobActivities } from './audit-jobs/activities.ts';
import { createAnomalyDetectionActivities } from './anomaly-detection/activities.ts';
import { createAuditRetentionActivities } from './audit-retention/activities.ts';
import { createBreachNotificationActivities } from './breach-notification/activities.ts';
import { createBackupActivities, type BackupDeps } from './backups/activities.ts';
import { createCredentialVerificationActivities, type CredentialVerificationDeps } from './credential-verification/activities.ts';
import { createCredentialingActivities, type CredentialingDeps } from './credentialing-cycle/activities.ts';
import { createDataKeyRotationActivities } from './data-key-rotation/activities.ts';
import { createExclusionListActivities } from './exclusion-lists/activities.ts';
import { createMailDeliveryActivities } from './mail-delivery/activities.ts';
import { createOrganizationExportActivities } from './organization-export/activities.ts';
import { createOrganizationOffboardingActivities } from './organization-offboarding/activities.ts';
import { createSystemCheckActivities } from './system-check/activities.ts';
import { createWebhookDeliveryActivities, type WebhookDeliveryDeps } from './webhook-delivery/activities.ts';

export interface ActivityDeps {
  orm: MikroORM;
  auditSigningKey: SigningKey;
  encryption: FieldEncryption;
  /** Where the mail outbox is delivered (SMTP_URL, MAIL_FROM, PUBLIC_URL). */
  mail: MailSettings;
  /** Where activities report what needs a person (a chain that does not verify). */
  logger?: Logger;
  /** Where document files are kept: a terminated organization's are deleted with its rows (absent: left, unreadable once its keys are destroyed). */
  storage?: Storage;
  /** Credential verification: its sources, list screens, timings, and the client its dispatcher starts workflows with. */
  verification: CredentialVerificationDeps['verification'] & Partial<Pick<CredentialingDeps['verification'], 'credentialingTimings'>>;
  /** Webhooks out: the endpoint rules (production's unless told) and delivery timings. */
  webhooks?: WebhookDeliveryDeps['webhooks'];
  /** Backups of the embedded cluster (BACKUP_DIR); none where the database has its own backup tools. */
  backups?: BackupDeps['backups'];
  /** The operator's backup tool (BACKUP_ADAPTER=pgbackrest or wal-g), listed and purged through its adapter. */
  backupTool?: BackupDeps['backupTool'];
  /** The worker's backup adapter, built once by createBackupAdapter (absent: built from the settings above). */
  backupAdapter?: BackupDeps['backupAdapter'];
  /** The platform's security contact, sent every security alert (SECURITY_CONTACT_EMAIL). */
  securityContactEmail?: string | null;
  /** Background audit jobs: events between two progress records (AUDIT_JOB_CHUNK_EVENTS). */
  auditJobs?: { chunkEvents: number };
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSystemCheckActivities(deps),
    ...createAuditCheckpointActivities(deps),
    ...createAuditRetentionActivities(deps),
    ...createDataKeyRotationActivities(deps),
    ...createMailDeliveryActivities(deps),
    ...createCredentialVerificationActivities(deps),
    ...createExclusionListActivities(deps),
    ...createWebhookDeliveryActivities(deps),
    ...createBreachNotificationActivities(deps),
    ...createOrganizationOffboardingActivities(deps),
    ...createOrganizationExportActivities(deps),
    ...createCredentialingActivities(deps),
    ...createBackupActivities(deps),
    ...createAnomalyDetectionActivities(deps),
    ...createAuditJobActivities(deps),
  };
}
