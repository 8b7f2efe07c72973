import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Security alerts: the anomaly detectors' alerts, per-organization thresholds and working hours,
// and the worker's cursor over each audit chain. From the entity model, and by hand: the cursors
// start at each chain's head, so a deployment's past is not alerted on all at once.
export class Migration20261202035236_security_alerts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit"."anomaly_cursors" ("organization_id" uuid not null, "seq" bigint not null, "updated_at" timestamptz not null default now(), primary key ("organization_id"))`);
    this.addSql(`create table "audit"."security_alerts" ("id" uuid not null, "organization_id" uuid not null, "detector" text not null, "severity" text not null, "alert_key" text not null, "subject" text not null, "evidence_sequences" jsonb not null, "event_count" int not null, "raised_at_sequence" bigint not null, "raised_at" timestamptz not null default now(), "acknowledged_at" timestamptz null, "acknowledged_by" uuid null, "acknowledgement_reason" text null, primary key ("id"))`);
    this.addSql(`create index "security_alerts_org_raised" on "audit"."security_alerts" ("organization_id", "raised_at")`);
    this.addSql(`alter table "audit"."security_alerts" add constraint "security_alerts_key" unique ("organization_id", "detector", "alert_key")`);
    this.addSql(`create table "audit"."security_alert_settings" ("organization_id" uuid not null, "view_floor" int not null, "view_multiplier" int not null, "denial_threshold" int not null, "stuffing_account_threshold" int not null, "working_hours_start" int not null, "working_hours_end" int not null, "working_days" int not null, "updated_at" timestamptz not null default now(), "updated_by" uuid null, primary key ("organization_id"))`);
    this.addSql(`alter table "audit"."anomaly_cursors" enable row level security`);
    this.addSql(`alter table "audit"."anomaly_cursors" force row level security`);
    this.addSql(`create policy "worker_reads_on" on "audit"."anomaly_cursors" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "audit"."anomaly_cursors" to "credence_owner" using (true) with check (true)`);
    this.addSql(`alter table "audit"."security_alerts" add constraint "security_alerts_alert_key_check" check (length(alert_key) <= 200)`);
    this.addSql(`alter table "audit"."security_alerts" add constraint "security_alerts_subject_check" check (length(subject) <= 200)`);
    this.addSql(`alter table "audit"."security_alerts" add constraint "security_alerts_acknowledgement_reason_check" check (length(acknowledgement_reason) <= 100)`);
    this.addSql(`alter table "audit"."security_alerts" add constraint "security_alerts_detector_check" check ("detector" in ('EXCESSIVE_VIEWS', 'DENIAL_STORM', 'CREDENTIAL_STUFFING', 'EXPORT_OUTSIDE_HOURS', 'REFRESH_TOKEN_REUSE', 'PLATFORM_ADMIN_ACCESS'))`);
    this.addSql(`alter table "audit"."security_alerts" add constraint "security_alerts_severity_check" check ("severity" in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'))`);
    this.addSql(`alter table "audit"."security_alerts" enable row level security`);
    this.addSql(`alter table "audit"."security_alerts" force row level security`);
    this.addSql(`create policy "same_organization" on "audit"."security_alerts" to ${R.audit} using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_raises" on "audit"."security_alerts" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "audit"."security_alerts" to "credence_owner" using (true) with check (true)`);
    this.addSql(`alter table "audit"."security_alert_settings" add constraint "working_hours_order" check (working_hours_start < working_hours_end)`);
    this.addSql(`alter table "audit"."security_alert_settings" add constraint "security_alert_settings_view_floor_check" check (view_floor >= 1 and view_floor <= 1000000)`);
    this.addSql(`alter table "audit"."security_alert_settings" add constraint "security_alert_settings_view_multiplier_check" check (view_multiplier >= 2 and view_multiplier <= 1000)`);
    this.addSql(`alter table "audit"."security_alert_settings" add constraint "security_alert_settings_denial_threshold_check" check (denial_threshold >= 2 and denial_threshold <= 100000)`);
    this.addSql(`alter table "audit"."security_alert_settings" add constraint "security_alert_settings_stuffing_account_threshold_check" check (stuffing_account_threshold >= 2 and stuffing_account_threshold <= 100000)`);
    this.addSql(`alter table "audit"."security_alert_settings" add constraint "security_alert_settings_working_hours_start_check" check (working_hours_start >= 0 and working_hours_start <= 23)`);
    this.addSql(`alter table "audit"."security_alert_settings" add constraint "security_alert_settings_working_hours_end_check" check (working_hours_end >= 1 and working_hours_end <= 24)`);
    this.addSql(`alter table "audit"."security_alert_settings" add constraint "security_alert_settings_working_days_check" check (working_days >= 1 and working_days <= 127)`);
    this.addSql(`alter table "audit"."security_alert_settings" enable row level security`);
    this.addSql(`alter table "audit"."security_alert_settings" force row level security`);
    this.addSql(`create policy "same_organization" on "audit"."security_alert_settings" to ${R.audit} using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_reads" on "audit"."security_alert_settings" for select to ${R.worker} using (true)`);
    this.addSql(`create policy "owner_maintains" on "audit"."security_alert_settings" to "credence_owner" using (true) with check (true)`);
    this.addSql(`grant insert, select, update on audit.anomaly_cursors to ${R.worker}`);
    this.addSql(`grant insert, select, update on audit.security_alert_settings to ${R.audit}`);
    this.addSql(`grant select on audit.security_alert_settings to ${R.worker}`);
    this.addSql(`grant select, update (acknowledged_at, acknowledged_by, acknowledgement_reason) on audit.security_alerts to ${R.audit}`);
    this.addSql(`grant insert, select on audit.security_alerts to ${R.worker}`);
    this.addSql(`insert into audit.anomaly_cursors (organization_id, seq) select organization_id, seq from audit.chain_heads`);
  }

  override async down(): Promise<void> {
    this.addSql(`revoke insert, select, update on audit.anomaly_cursors from ${R.worker}`);
    this.addSql(`revoke insert, select, update on audit.security_alert_settings from ${R.audit}`);
    this.addSql(`revoke select on audit.security_alert_settings from ${R.worker}`);
    this.addSql(`revoke select, update (acknowledged_at, acknowledged_by, acknowledgement_reason) on audit.security_alerts from ${R.audit}`);
    this.addSql(`revoke insert, select on audit.security_alerts from ${R.worker}`);
    this.addSql(`drop table if exists "audit"."anomaly_cursors" cascade`);
    this.addSql(`drop table if exists "audit"."security_alerts" cascade`);
    this.addSql(`drop table if exists "audit"."security_alert_settings" cascade`);
  }
}
