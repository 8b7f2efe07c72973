import { Migration } from '@mikro-orm/migrations';

// An organization export's package is removed once the window it was made for has ended (its
// workflow waits for it), even when the organization was reinstated: the row turns EXPIRED.
export class Migration20261202061909_organization_exports_expire extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."organization_exports" drop constraint "organization_exports_status_check"`);
    this.addSql(`alter table "identity"."organization_exports" add constraint "organization_exports_status_check" check ("status" in ('REQUESTED', 'BUILDING', 'READY', 'FAILED', 'EXPIRED'))`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."organization_exports" drop constraint "organization_exports_status_check"`);
    this.addSql(`alter table "identity"."organization_exports" add constraint "organization_exports_status_check" check ("status" in ('REQUESTED', 'BUILDING', 'READY', 'FAILED'))`);
  }
}
