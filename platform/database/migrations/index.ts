// Every migration, in order. Listed explicitly so the set that runs is the set that is reviewed.
import { Migration20261123000000_foundation } from './Migration20261123000000_foundation.ts';
import { Migration20261123010000_audit_log } from './Migration20261123010000_audit_log.ts';
import { Migration20261123020000_incidents } from './Migration20261123020000_incidents.ts';
import { Migration20261123030000_identity } from './Migration20261123030000_identity.ts';
import { Migration20261123040000_credentials } from './Migration20261123040000_credentials.ts';
import { Migration20261201010000_identity_hardening } from './Migration20261201010000_identity_hardening.ts';
import { Migration20261201030000_audit_hardening } from './Migration20261201030000_audit_hardening.ts';
import { Migration20261201031000_audit_exports } from './Migration20261201031000_audit_exports.ts';
import { Migration20261201060000_mail_outbox } from './Migration20261201060000_mail_outbox.ts';
import { Migration20261201050000_document_grant_sessions } from './Migration20261201050000_document_grant_sessions.ts';
import { Migration20261201072000_refresh_retry } from './Migration20261201072000_refresh_retry.ts';
import { Migration20261201220000_owner_role } from './Migration20261201220000_owner_role.ts';
import { Migration20261201221130_credential_verification } from './Migration20261201221130_credential_verification.ts';
import { Migration20261201221920_exclusion_lists } from './Migration20261201221920_exclusion_lists.ts';
import { Migration20261201222141_screening_requests } from './Migration20261201222141_screening_requests.ts';
import { Migration20261201225512_verification_settings } from './Migration20261201225512_verification_settings.ts';
import { Migration20261202025501_webhooks_out } from './Migration20261202025501_webhooks_out.ts';
import { Migration20261202031302_breach_notification } from './Migration20261202031302_breach_notification.ts';
import { Migration20261202025520_organization_offboarding } from './Migration20261202025520_organization_offboarding.ts';
import { Migration20261202031931_deletion_certificate } from './Migration20261202031931_deletion_certificate.ts';
import { Migration20261202040000_deletion_covers_new_tables } from './Migration20261202040000_deletion_covers_new_tables.ts';
import { Migration20261202040219_support_access } from './Migration20261202040219_support_access.ts';

export const migrations = [
  { name: 'Migration20261123000000_foundation', class: Migration20261123000000_foundation },
  { name: 'Migration20261123010000_audit_log', class: Migration20261123010000_audit_log },
  { name: 'Migration20261123020000_incidents', class: Migration20261123020000_incidents },
  { name: 'Migration20261123030000_identity', class: Migration20261123030000_identity },
  { name: 'Migration20261123040000_credentials', class: Migration20261123040000_credentials },
  { name: 'Migration20261201010000_identity_hardening', class: Migration20261201010000_identity_hardening },
  { name: 'Migration20261201030000_audit_hardening', class: Migration20261201030000_audit_hardening },
  { name: 'Migration20261201031000_audit_exports', class: Migration20261201031000_audit_exports },
  { name: 'Migration20261201060000_mail_outbox', class: Migration20261201060000_mail_outbox },
  { name: 'Migration20261201050000_document_grant_sessions', class: Migration20261201050000_document_grant_sessions },
  { name: 'Migration20261201072000_refresh_retry', class: Migration20261201072000_refresh_retry },
  { name: 'Migration20261201220000_owner_role', class: Migration20261201220000_owner_role },
  { name: 'Migration20261201221130_credential_verification', class: Migration20261201221130_credential_verification },
  { name: 'Migration20261201221920_exclusion_lists', class: Migration20261201221920_exclusion_lists },
  { name: 'Migration20261201222141_screening_requests', class: Migration20261201222141_screening_requests },
  { name: 'Migration20261201225512_verification_settings', class: Migration20261201225512_verification_settings },
  { name: 'Migration20261202025501_webhooks_out', class: Migration20261202025501_webhooks_out },
  { name: 'Migration20261202031302_breach_notification', class: Migration20261202031302_breach_notification },
  { name: 'Migration20261202025520_organization_offboarding', class: Migration20261202025520_organization_offboarding },
  { name: 'Migration20261202031931_deletion_certificate', class: Migration20261202031931_deletion_certificate },
  { name: 'Migration20261202040000_deletion_covers_new_tables', class: Migration20261202040000_deletion_covers_new_tables },
  { name: 'Migration20261202040219_support_access', class: Migration20261202040219_support_access },
];
