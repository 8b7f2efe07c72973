import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Exclusion screening, generated from the entity model: the OIG (LEIE) and SAM.gov exclusion lists
// as imported (schema `screening`, public reference data without row-level security, read by the
// credentials subgraph and written by the worker alone), and each physician's standing against
// them with the entries it matched (credentials.physician_screenings, credentials.exclusion_matches,
// scoped like every per-physician table). The worker may MAINTAIN the entries: its import analyzes
// the table it has just refilled. Added by hand: the new schema's privileges (not entity metadata).
export class Migration20261201221920_exclusion_lists extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "screening"`);
    this.addSql(`create table "screening"."exclusion_imports" ("id" uuid not null, "list" text not null, "kind" text not null, "location" text not null, "sha256" text not null, "rows" int null, "status" text not null default 'RUNNING', "detail" text null, "started_at" timestamptz not null default now(), "finished_at" timestamptz null, primary key ("id"))`);
    this.addSql(`create index "exclusion_imports_latest" on "screening"."exclusion_imports" ("list", "status", "finished_at")`);
    this.addSql(`create unique index "exclusion_imports_file_once" on "screening"."exclusion_imports" ("list", "kind", "sha256") where status = 'COMPLETED'`);
    this.addSql(`create table "screening"."exclusion_entries" ("id" uuid not null, "list" text not null, "last_name" text null, "last_name_keys" text[] not null default '{}', "first_name" text null, "middle_name" text null, "business_name" text null, "npi" text null, "date_of_birth" date null, "state" text null, "excluded_on" date null, "reinstated_on" date null, "terminates_on" date null, "exclusion_type" text not null, "general" text null, "specialty" text null, "agency" text null, "raw" jsonb not null, "import_id" uuid not null, primary key ("id"))`);
    this.addSql(`create index "exclusion_entries_npi" on "screening"."exclusion_entries" ("npi") where npi is not null`);
    this.addSql(`create index "exclusion_entries_birth" on "screening"."exclusion_entries" ("date_of_birth") where date_of_birth is not null`);
    this.addSql(`create index "exclusion_entries_sam_last_name_keys" on "screening"."exclusion_entries" using gin ("last_name_keys") where list = 'SAM'`);
    this.addSql(`create table "credentials"."physician_screenings" ("organization_id" uuid not null, "physician_id" uuid not null, "status" text not null default 'NOT_SCREENED', "screened_at" timestamptz not null default now(), "lists_as_of" jsonb not null default '{}', primary key ("organization_id", "physician_id"))`);
    this.addSql(`create index "physician_screenings_status" on "credentials"."physician_screenings" ("organization_id", "status")`);
    this.addSql(`create table "credentials"."exclusion_matches" ("id" uuid not null, "organization_id" uuid not null, "physician_id" uuid not null, "list" text not null, "entry_id" uuid not null, "matched_by" text not null, "excluded_on" date null, "exclusion_type" text not null, "found_at" timestamptz not null default now(), "cleared_at" timestamptz null, "cleared_because" text null, primary key ("id"))`);
    this.addSql(`create index "exclusion_matches_open" on "credentials"."exclusion_matches" ("physician_id") where cleared_at is null`);
    this.addSql(`alter table "credentials"."exclusion_matches" add constraint "exclusion_matches_once" unique ("organization_id", "physician_id", "entry_id")`);
    this.addSql(`alter table "screening"."exclusion_imports" add constraint "exclusion_imports_list_check" check (list in ('OIG_LEIE', 'SAM'))`);
    this.addSql(`alter table "screening"."exclusion_imports" add constraint "exclusion_imports_kind_check" check (kind in ('FULL', 'EXCLUSIONS', 'REINSTATEMENTS'))`);
    this.addSql(`alter table "screening"."exclusion_imports" add constraint "exclusion_imports_status_check" check (status in ('RUNNING', 'COMPLETED', 'FAILED', 'SKIPPED'))`);
    this.addSql(`alter table "screening"."exclusion_imports" add constraint "exclusion_imports_sha256_check" check (sha256 ~ '^[0-9a-f]{64}$')`);
    this.addSql(`alter table "screening"."exclusion_entries" add constraint "exclusion_entries_import_id_fkey" foreign key ("import_id") references "screening"."exclusion_imports" ("id")`);
    this.addSql(`alter table "screening"."exclusion_entries" add constraint "exclusion_entries_list_check" check (list in ('OIG_LEIE', 'SAM'))`);
    this.addSql(`alter table "screening"."exclusion_entries" add constraint "exclusion_entries_npi_check" check (npi ~ '^[0-9]{10}$' and npi <> '0000000000')`);
    this.addSql(`alter table "screening"."exclusion_entries" add constraint "exclusion_entries_state_check" check (state ~ '^[A-Z]{2}$')`);
    this.addSql(`alter table "credentials"."physician_screenings" add constraint "physician_screenings_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update cascade on delete cascade`);
    this.addSql(`alter table "credentials"."physician_screenings" add constraint "physician_screenings_physician_id_fkey" foreign key ("physician_id") references "credentials"."physicians" ("id") on update cascade on delete cascade`);
    this.addSql(`alter table "credentials"."physician_screenings" add constraint "physician_screenings_status_check" check (status in ('NOT_SCREENED', 'CLEAR', 'POSSIBLE_MATCH', 'EXCLUDED'))`);
    this.addSql(`alter table "credentials"."physician_screenings" enable row level security`);
    this.addSql(`alter table "credentials"."physician_screenings" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."physician_screenings" for select to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "caller_inserts" on "credentials"."physician_screenings" for insert to ${R.credentials} with check (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "caller_updates" on "credentials"."physician_screenings" for update to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id)) with check (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "worker_maintains" on "credentials"."physician_screenings" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."physician_screenings" to "credence_owner" using (true) with check (true)`);
    this.addSql(`alter table "credentials"."exclusion_matches" add constraint "exclusion_matches_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id")`);
    this.addSql(`alter table "credentials"."exclusion_matches" add constraint "exclusion_matches_physician_id_fkey" foreign key ("physician_id") references "credentials"."physicians" ("id")`);
    this.addSql(`alter table "credentials"."exclusion_matches" add constraint "exclusion_matches_list_check" check (list in ('OIG_LEIE', 'SAM'))`);
    this.addSql(`alter table "credentials"."exclusion_matches" add constraint "exclusion_matches_matched_by_check" check (matched_by in ('NPI', 'NAME_AND_DATE_OF_BIRTH', 'NAME_AND_STATE'))`);
    this.addSql(`alter table "credentials"."exclusion_matches" add constraint "exclusion_matches_cleared_check" check (cleared_because in ('NO_LONGER_LISTED', 'REVIEWED') and cleared_at is not null or cleared_because is null)`);
    this.addSql(`alter table "credentials"."exclusion_matches" enable row level security`);
    this.addSql(`alter table "credentials"."exclusion_matches" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."exclusion_matches" for select to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "caller_inserts" on "credentials"."exclusion_matches" for insert to ${R.credentials} with check (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "caller_updates" on "credentials"."exclusion_matches" for update to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id)) with check (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "worker_maintains" on "credentials"."exclusion_matches" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."exclusion_matches" to "credence_owner" using (true) with check (true)`);
    this.addSql(`grant insert, select, update on credentials.exclusion_matches to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on credentials.exclusion_matches to ${R.worker}`);
    this.addSql(`grant insert, select, update on credentials.physician_screenings to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on credentials.physician_screenings to ${R.worker}`);
    this.addSql(`grant select on screening.exclusion_entries to ${R.credentials}`);
    this.addSql(`grant delete, insert, maintain, select, update on screening.exclusion_entries to ${R.worker}`);
    this.addSql(`grant select on screening.exclusion_imports to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on screening.exclusion_imports to ${R.worker}`);

    this.addSql(`revoke all on schema screening from public`);
    this.addSql(`grant usage on schema screening to ${R.credentials}, ${R.worker}`);
  }

  override async down(): Promise<void> {
    this.addSql(`revoke insert, select, update on credentials.exclusion_matches from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on credentials.exclusion_matches from ${R.worker}`);
    this.addSql(`revoke insert, select, update on credentials.physician_screenings from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on credentials.physician_screenings from ${R.worker}`);
    this.addSql(`revoke select on screening.exclusion_entries from ${R.credentials}`);
    this.addSql(`revoke delete, insert, maintain, select, update on screening.exclusion_entries from ${R.worker}`);
    this.addSql(`revoke select on screening.exclusion_imports from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on screening.exclusion_imports from ${R.worker}`);
    this.addSql(`alter table "screening"."exclusion_entries" drop constraint "exclusion_entries_import_id_fkey"`);
    this.addSql(`drop table if exists "screening"."exclusion_imports" cascade`);
    this.addSql(`drop table if exists "screening"."exclusion_entries" cascade`);
    this.addSql(`drop table if exists "credentials"."physician_screenings" cascade`);
    this.addSql(`drop table if exists "credentials"."exclusion_matches" cascade`);
    this.addSql(`drop schema if exists "screening"`);
  }
}
