import { Migration } from '@mikro-orm/migrations';

// An organization's incidents are listed newest first and counted (incidents, totalCount): an index
// on its organization and declaration time, with the id that breaks ties, so both read one range.
export class Migration20261202063018_incident_list_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "incidents_organization_declared" on "audit"."incidents" ("organization_id", "declared_at", "id")`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "audit"."incidents_organization_declared"`);
  }
}
