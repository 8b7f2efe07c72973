import { Migration } from '@mikro-orm/migrations';

// The certificate of a terminated organization's deletion, kept with its offboarding: from the entity model.
export class Migration20261202031931_deletion_certificate extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."organization_offboardings" add "certificate" jsonb null`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."organization_offboardings" drop column "certificate"`);
  }
}
