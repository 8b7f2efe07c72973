import { Migration } from '@mikro-orm/migrations';

// Screening requests, from the entity model: a physician file that is new, or whose name, NPI or
// date of birth changed, asks to be screened against the exclusion lists; the worker's dispatcher
// screens it (a request is pending while it is not older than the last screening).
export class Migration20261201222141_screening_requests extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "credentials"."physician_screenings" add "requested_at" timestamptz null`);
    this.addSql(`create index "physician_screenings_requests" on "credentials"."physician_screenings" ("requested_at") where requested_at is not null`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "credentials"."physician_screenings_requests"`);
    this.addSql(`alter table "credentials"."physician_screenings" drop column "requested_at"`);
  }
}
