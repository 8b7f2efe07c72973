import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// An organization's verification settings (the review window before escalation), from the entity
// model: readable and set by the organization (its owners and admins, by the permission matrix).
// Also: a physician's screening no longer goes when its physician or organization row goes (no
// cascade): deletion after termination removes dependent rows first, like every other table.
export class Migration20261201225512_verification_settings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "credentials"."verification_settings" ("organization_id" uuid not null, "review_window_hours" int not null, "updated_by" uuid null, "updated_at" timestamptz not null default now(), primary key ("organization_id"))`);
    this.addSql(`alter table "credentials"."physician_screenings" drop constraint "physician_screenings_organization_id_fkey"`);
    this.addSql(`alter table "credentials"."physician_screenings" drop constraint "physician_screenings_physician_id_fkey"`);
    this.addSql(`alter table "credentials"."physician_screenings" add constraint "physician_screenings_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."physician_screenings" add constraint "physician_screenings_physician_id_fkey" foreign key ("physician_id") references "credentials"."physicians" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."verification_settings" add constraint "verification_settings_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."verification_settings" add constraint "verification_settings_review_window_hours_check" check (review_window_hours >= 1 and review_window_hours <= 2160)`);
    this.addSql(`alter table "credentials"."verification_settings" enable row level security`);
    this.addSql(`alter table "credentials"."verification_settings" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."verification_settings" for select to ${R.credentials} using (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "caller_inserts" on "credentials"."verification_settings" for insert to ${R.credentials} with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "caller_updates" on "credentials"."verification_settings" for update to ${R.credentials} using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_maintains" on "credentials"."verification_settings" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."verification_settings" to "credence_owner" using (true) with check (true)`);
    this.addSql(`grant insert, select, update on credentials.verification_settings to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on credentials.verification_settings to ${R.worker}`);
  }

  override async down(): Promise<void> {
    this.addSql(`revoke insert, select, update on credentials.verification_settings from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on credentials.verification_settings from ${R.worker}`);
    this.addSql(`drop table if exists "credentials"."verification_settings" cascade`);
    this.addSql(`alter table "credentials"."physician_screenings" drop constraint "physician_screenings_organization_id_fkey"`);
    this.addSql(`alter table "credentials"."physician_screenings" drop constraint "physician_screenings_physician_id_fkey"`);
    this.addSql(`alter table "credentials"."physician_screenings" add constraint "physician_screenings_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update cascade on delete cascade`);
    this.addSql(`alter table "credentials"."physician_screenings" add constraint "physician_screenings_physician_id_fkey" foreign key ("physician_id") references "credentials"."physicians" ("id") on update cascade on delete cascade`);
  }
}
