import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// The credentialing cycle (workflows/credentialing-cycle): a physician's credentialing files, one
// per cycle, the decisions taken on them, the monitoring alerts of decided files and the files'
// exports, from the entity model; verification settings gain the credentials-verification-
// organization flag (and a row may now hold it without a review window of its own). By hand:
// every physician already on file gets its first (initial) cycle, requested, so the dispatcher
// starts its workflow.
export class Migration20261202031225_credentialing_cycle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "credentials"."credentialing_files" ("id" uuid not null, "organization_id" uuid not null, "physician_id" uuid not null, "cycle_number" int not null, "kind" text not null, "status" text not null default 'IN_PROGRESS', "cycle_started_at" timestamptz not null default now(), "ready_since" timestamptz null, "oldest_check_at" timestamptz null, "blockers" text[] not null default '{}', "decision" text null, "reason_code" text null, "decided_at" timestamptz null, "decided_by" uuid null, "recredential_due_at" timestamptz null, "reminders_sent" int not null default 0, "flagged_at" timestamptz null, "workflow_requested_at" timestamptz null, "workflow_dispatched_at" timestamptz null, "updated_at" timestamptz not null default now(), primary key ("id"))`);
    this.addSql(`create index "credentialing_files_requests" on "credentials"."credentialing_files" ("workflow_requested_at") where workflow_requested_at is not null`);
    this.addSql(`create index "credentialing_files_decided" on "credentials"."credentialing_files" ("organization_id", "physician_id") where decided_at is not null`);
    this.addSql(`alter table "credentials"."credentialing_files" add constraint "credentialing_files_cycle" unique ("organization_id", "physician_id", "cycle_number")`);
    this.addSql(`create table "credentials"."monitoring_alerts" ("id" uuid not null, "organization_id" uuid not null, "physician_id" uuid not null, "file_id" uuid not null, "match_id" uuid not null, "match_found_at" timestamptz not null, "list" text not null, "matched_by" text not null, "raised_at" timestamptz not null default now(), "acknowledged_at" timestamptz null, "acknowledged_by" uuid null, "acknowledge_reason" text null, primary key ("id"))`);
    this.addSql(`create index "monitoring_alerts_listing" on "credentials"."monitoring_alerts" ("organization_id", "raised_at")`);
    this.addSql(`alter table "credentials"."monitoring_alerts" add constraint "monitoring_alerts_once" unique ("match_id", "match_found_at")`);
    this.addSql(`create table "credentials"."credentialing_exports" ("id" uuid not null, "organization_id" uuid not null, "physician_id" uuid not null, "format" text not null, "storage_key" text not null, "requested_by" uuid not null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, primary key ("id"))`);
    this.addSql(`create index "credentialing_exports_expiry" on "credentials"."credentialing_exports" ("organization_id", "expires_at")`);
    this.addSql(`create table "credentials"."credentialing_decisions" ("id" uuid not null, "organization_id" uuid not null, "physician_id" uuid not null, "file_id" uuid not null, "decision" text not null, "reason_code" text not null, "decided_by" uuid not null, "decided_by_role" text not null, "decided_at" timestamptz not null default now(), "oldest_check_at" timestamptz null, primary key ("id"))`);
    this.addSql(`create index "credentialing_decisions_file" on "credentials"."credentialing_decisions" ("file_id", "decided_at")`);
    this.addSql(`alter table "credentials"."verification_settings" add "acts_as_cvo" boolean not null default false`);
    this.addSql(`alter table "credentials"."verification_settings" alter column "review_window_hours" drop not null`);
    this.addSql(`alter table "credentials"."credentialing_files" add constraint "credentialing_files_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."credentialing_files" add constraint "credentialing_files_physician_id_fkey" foreign key ("physician_id") references "credentials"."physicians" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."credentialing_files" add constraint "credentialing_files_kind_check" check (kind in ('INITIAL', 'RECREDENTIALING'))`);
    this.addSql(`alter table "credentials"."credentialing_files" add constraint "credentialing_files_status_check" check (status in ('IN_PROGRESS', 'READY', 'DECIDED', 'NEEDS_REVIEW', 'LAPSED', 'CLOSED'))`);
    this.addSql(`alter table "credentials"."credentialing_files" add constraint "credentialing_files_decision_check" check (decision is null or decision in ('APPROVED', 'DENIED', 'DEFERRED') and decided_at is not null and decided_by is not null and reason_code is not null)`);
    this.addSql(`alter table "credentials"."credentialing_files" add constraint "credentialing_files_cycle_number_check" check (cycle_number >= 1)`);
    this.addSql(`alter table "credentials"."credentialing_files" enable row level security`);
    this.addSql(`alter table "credentials"."credentialing_files" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."credentialing_files" for select to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "caller_inserts" on "credentials"."credentialing_files" for insert to ${R.credentials} with check (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "caller_updates" on "credentials"."credentialing_files" for update to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id)) with check (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "worker_maintains" on "credentials"."credentialing_files" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."credentialing_files" to "credence_owner" using (true) with check (true)`);
    this.addSql(`alter table "credentials"."monitoring_alerts" add constraint "monitoring_alerts_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."monitoring_alerts" add constraint "monitoring_alerts_physician_id_fkey" foreign key ("physician_id") references "credentials"."physicians" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."monitoring_alerts" add constraint "monitoring_alerts_file_id_fkey" foreign key ("file_id") references "credentials"."credentialing_files" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."monitoring_alerts" add constraint "monitoring_alerts_acknowledged_check" check ((acknowledged_at is null and acknowledged_by is null and acknowledge_reason is null) or (acknowledged_at is not null and acknowledged_by is not null and acknowledge_reason ~ '^[a-z][a-z0-9_]{0,63}$'))`);
    this.addSql(`alter table "credentials"."monitoring_alerts" enable row level security`);
    this.addSql(`alter table "credentials"."monitoring_alerts" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."monitoring_alerts" for select to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "caller_inserts" on "credentials"."monitoring_alerts" for insert to ${R.credentials} with check (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "caller_updates" on "credentials"."monitoring_alerts" for update to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id)) with check (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "worker_maintains" on "credentials"."monitoring_alerts" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."monitoring_alerts" to "credence_owner" using (true) with check (true)`);
    this.addSql(`alter table "credentials"."credentialing_exports" add constraint "credentialing_exports_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."credentialing_exports" add constraint "credentialing_exports_physician_id_fkey" foreign key ("physician_id") references "credentials"."physicians" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."credentialing_exports" add constraint "credentialing_exports_format_check" check (format in ('JSON', 'PDF'))`);
    this.addSql(`alter table "credentials"."credentialing_exports" enable row level security`);
    this.addSql(`alter table "credentials"."credentialing_exports" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."credentialing_exports" for select to ${R.credentials} using (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "caller_inserts" on "credentials"."credentialing_exports" for insert to ${R.credentials} with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "caller_deletes" on "credentials"."credentialing_exports" for delete to ${R.credentials} using (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_maintains" on "credentials"."credentialing_exports" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."credentialing_exports" to "credence_owner" using (true) with check (true)`);
    this.addSql(`alter table "credentials"."credentialing_decisions" add constraint "credentialing_decisions_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."credentialing_decisions" add constraint "credentialing_decisions_physician_id_fkey" foreign key ("physician_id") references "credentials"."physicians" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."credentialing_decisions" add constraint "credentialing_decisions_file_id_fkey" foreign key ("file_id") references "credentials"."credentialing_files" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."credentialing_decisions" add constraint "credentialing_decisions_decision_check" check (decision in ('APPROVED', 'DENIED', 'DEFERRED'))`);
    this.addSql(`alter table "credentials"."credentialing_decisions" add constraint "credentialing_decisions_reason_code_check" check (reason_code ~ '^[a-z][a-z0-9_]{0,63}$')`);
    this.addSql(`alter table "credentials"."credentialing_decisions" enable row level security`);
    this.addSql(`alter table "credentials"."credentialing_decisions" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."credentialing_decisions" for select to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.physicians p where p.id = physician_id))`);
    this.addSql(`create policy "worker_maintains" on "credentials"."credentialing_decisions" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."credentialing_decisions" to "credence_owner" using (true) with check (true)`);
    this.addSql(`grant select on credentials.credentialing_decisions to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on credentials.credentialing_decisions to ${R.worker}`);
    this.addSql(`grant delete, insert, select on credentials.credentialing_exports to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on credentials.credentialing_exports to ${R.worker}`);
    this.addSql(`grant insert, select on credentials.credentialing_files to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on credentials.credentialing_files to ${R.worker}`);
    this.addSql(`grant select, update on credentials.monitoring_alerts to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on credentials.monitoring_alerts to ${R.worker}`);
    this.addSql(`insert into credentials.credentialing_files (id, organization_id, physician_id, cycle_number, kind, workflow_requested_at)
      select gen_random_uuid(), organization_id, id, 1, 'INITIAL', now() from credentials.physicians`);
  }

  override async down(): Promise<void> {
    this.addSql(`revoke select on credentials.credentialing_decisions from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on credentials.credentialing_decisions from ${R.worker}`);
    this.addSql(`revoke delete, insert, select on credentials.credentialing_exports from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on credentials.credentialing_exports from ${R.worker}`);
    this.addSql(`revoke insert, select on credentials.credentialing_files from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on credentials.credentialing_files from ${R.worker}`);
    this.addSql(`revoke select, update on credentials.monitoring_alerts from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on credentials.monitoring_alerts from ${R.worker}`);
    this.addSql(`alter table "credentials"."monitoring_alerts" drop constraint "monitoring_alerts_file_id_fkey"`);
    this.addSql(`alter table "credentials"."credentialing_decisions" drop constraint "credentialing_decisions_file_id_fkey"`);
    this.addSql(`drop table if exists "credentials"."credentialing_files" cascade`);
    this.addSql(`drop table if exists "credentials"."monitoring_alerts" cascade`);
    this.addSql(`drop table if exists "credentials"."credentialing_exports" cascade`);
    this.addSql(`drop table if exists "credentials"."credentialing_decisions" cascade`);
    this.addSql(`alter table "credentials"."verification_settings" drop column "acts_as_cvo"`);
    this.addSql(`alter table "credentials"."verification_settings" alter column "review_window_hours" set not null`);
  }
}
