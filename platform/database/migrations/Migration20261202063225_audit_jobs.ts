import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// audit.audit_jobs, from the entity model: background chain verifications and exports with their
// status, progress and result; the worker registers a finished export job's file in audit.exports
// (READY only) so that the existing sweep deletes it when it expires.
export class Migration20261202063225_audit_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit"."audit_jobs" ("id" uuid not null, "organization_id" uuid not null, "kind" text not null, "parameters" jsonb not null, "status" text not null default 'QUEUED', "events_done" bigint not null default '0', "events_total" bigint null, "result" jsonb null, "failure" text null, "content_key" bytea null, "file_expires_at" timestamptz null, "requested_by" uuid null, "requested_at" timestamptz not null default now(), "started_at" timestamptz null, "finished_at" timestamptz null, "workflow_started_at" timestamptz null, primary key ("id"))`);
    this.addSql(`create index "audit_jobs_org_requested" on "audit"."audit_jobs" ("organization_id", "requested_at")`);
    this.addSql(`create index "audit_jobs_not_started" on "audit"."audit_jobs" ("workflow_started_at", "requested_at")`);
    this.addSql(`create policy "worker_registers_job_files" on "audit"."exports" for insert to ${R.worker} with check (status = 'READY')`);
    this.addSql(`alter table "audit"."audit_jobs" add constraint "audit_jobs_events_done_check" check (events_done >= 0)`);
    this.addSql(`alter table "audit"."audit_jobs" add constraint "audit_jobs_failure_check" check (length(failure) <= 64)`);
    this.addSql(`alter table "audit"."audit_jobs" add constraint "audit_jobs_kind_check" check ("kind" in ('CHAIN_VERIFICATION', 'EXPORT'))`);
    this.addSql(`alter table "audit"."audit_jobs" add constraint "audit_jobs_status_check" check ("status" in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'))`);
    this.addSql(`alter table "audit"."audit_jobs" enable row level security`);
    this.addSql(`alter table "audit"."audit_jobs" force row level security`);
    this.addSql(`create policy "same_organization" on "audit"."audit_jobs" to ${R.audit} using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_runs" on "audit"."audit_jobs" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "audit"."audit_jobs" to "credence_owner" using (true) with check (true)`);
    this.addSql(`grant insert, select, update (workflow_started_at) on audit.audit_jobs to ${R.audit}`);
    this.addSql(`grant select, update on audit.audit_jobs to ${R.worker}`);
    this.addSql(`grant insert on audit.exports to ${R.worker}`);
  }

  override async down(): Promise<void> {
    this.addSql(`revoke insert, select, update (workflow_started_at) on audit.audit_jobs from ${R.audit}`);
    this.addSql(`revoke select, update on audit.audit_jobs from ${R.worker}`);
    this.addSql(`revoke insert on audit.exports from ${R.worker}`);
    this.addSql(`drop table if exists "audit"."audit_jobs" cascade`);
    this.addSql(`drop policy "worker_registers_job_files" on "audit"."exports"`);
  }
}
