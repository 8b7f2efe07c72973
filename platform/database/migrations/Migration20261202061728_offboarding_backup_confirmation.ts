import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// After the deletion, an offboarding waits for the backups older than it to be gone (purged at the
// deadline, OFFBOARDING_BACKUP_DEADLINE after the termination) before its certificate is issued:
// the status AWAITING_BACKUP_EXPIRY, the deadline, the last check of the backups and when it was
// certified. A termination also ends the organization's support access grants (termination_ends).
// From the entity model; by hand: offboardings terminated before get the contract's 180 days, and
// those already certified (v1 certificates) their deletion as the time of certification.
export class Migration20261202061728_offboarding_backup_confirmation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."organization_offboardings" drop constraint "organization_offboardings_status_check"`);
    this.addSql(`alter table "identity"."organization_offboardings" add "backups_deadline_at" timestamptz null, add "backup_confirmation" jsonb null, add "certified_at" timestamptz null`);
    this.addSql(`alter table "identity"."organization_offboardings" add constraint "organization_offboardings_status_check" check ("status" in ('EXPORT_WINDOW', 'REINSTATED', 'DELETING', 'AWAITING_BACKUP_EXPIRY', 'DELETED'))`);
    this.addSql(`update "identity"."organization_offboardings" set "backups_deadline_at" = "terminated_at" + interval '180 days'`);
    this.addSql(`update "identity"."organization_offboardings" set "certified_at" = "deleted_at" where "status" = 'DELETED' and "certificate" is not null`);
    this.addSql(`create policy "termination_ends" on "identity"."support_access_grants" for update to ${R.identity} using (app.current_role_name() = 'PLATFORM_ADMIN' and organization_id = app.current_organization_id() and exists (select 1 from identity.organizations o where o.id = organization_id and o.status = 'TERMINATED')) with check (app.current_role_name() = 'PLATFORM_ADMIN' and organization_id = app.current_organization_id() and exists (select 1 from identity.organizations o where o.id = organization_id and o.status = 'TERMINATED'))`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop policy "termination_ends" on "identity"."support_access_grants"`);
    this.addSql(`alter table "identity"."organization_offboardings" drop constraint "organization_offboardings_status_check"`);
    this.addSql(`update "identity"."organization_offboardings" set "status" = 'DELETED' where "status" = 'AWAITING_BACKUP_EXPIRY'`);
    this.addSql(`alter table "identity"."organization_offboardings" drop column "backups_deadline_at", drop column "backup_confirmation", drop column "certified_at"`);
    this.addSql(`alter table "identity"."organization_offboardings" add constraint "organization_offboardings_status_check" check ("status" in ('EXPORT_WINDOW', 'REINSTATED', 'DELETING', 'DELETED'))`);
  }
}
