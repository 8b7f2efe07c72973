import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Breach notification, from the entity model: each incident's obligations with their deadlines
// and status, law-enforcement delays, four-factor risk assessments (no delete grant: kept six
// years) and the organization's incident settings. The breach-notification workflow (the worker)
// now changes incidents, their facts and notifications; the audit role declares and reads.
export class Migration20261202030828_breach_notification extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit"."incident_delays" ("id" uuid not null, "incident_id" uuid not null, "organization_id" uuid not null, "kind" text not null, "stated_at" timestamptz not null, "until" timestamptz null, "agency" text not null, "officer" text null, "recorded_by" uuid not null, "recorded_at" timestamptz not null default now(), primary key ("id"))`);
    this.addSql(`create index "incident_delays_incident" on "audit"."incident_delays" ("incident_id")`);
    this.addSql(`create table "audit"."incident_obligations" ("incident_id" uuid not null, "key" text not null, "organization_id" uuid not null, "kind" text not null, "jurisdiction" text null, "due_at" timestamptz not null, "not_before" timestamptz null, "rule" text not null, "note" text null, "captured" boolean not null, "status" text not null default 'PENDING', "met_at" timestamptz null, "met_how" text null, "evidence_document_id" uuid null, "reminded_at" timestamptz null, "reminded_lead_hours" int null, "escalated_at" timestamptz null, "updated_at" timestamptz not null default now(), primary key ("incident_id", "key"))`);
    this.addSql(`create table "audit"."incident_risk_assessments" ("id" uuid not null, "incident_id" uuid not null, "organization_id" uuid not null, "phi_nature" text not null, "recipient" text not null, "acquisition" text not null, "mitigation" text not null, "conclusion" text not null, "assessed_by" uuid not null, "assessed_at" timestamptz not null default now(), primary key ("id"))`);
    this.addSql(`create index "incident_risk_assessments_incident" on "audit"."incident_risk_assessments" ("incident_id")`);
    this.addSql(`create table "audit"."incident_settings" ("organization_id" uuid not null, "contract_notice_hours" int not null default 72, "time_zone" text not null default 'America/New_York', "updated_at" timestamptz not null default now(), primary key ("organization_id"))`);
    this.addSql(`drop policy "worker_reads" on "audit"."incidents"`);
    this.addSql(`drop policy "worker_reads" on "audit"."incident_jurisdictions"`);
    this.addSql(`drop policy "worker_reads" on "audit"."incident_notifications"`);
    this.addSql(`alter table "audit"."incidents" add "closed_as" text null, add "closed_at" timestamptz null, add "contract_notice_hours" int not null default 72, add "time_zone" text not null default 'America/New_York', add "workflow_started_at" timestamptz null`);
    this.addSql(`alter table "audit"."incidents" add constraint "incidents_contract_notice_hours_check" check (contract_notice_hours >= 1 and contract_notice_hours <= 8760)`);
    this.addSql(`alter table "audit"."incidents" add constraint "incidents_time_zone_check" check (length(time_zone) <= 64)`);
    this.addSql(`alter table "audit"."incidents" add constraint "incidents_closed_as_check" check ("closed_as" in ('RESOLVED', 'NOT_A_BREACH'))`);
    this.addSql(`create policy "worker_maintains" on "audit"."incidents" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "worker_maintains" on "audit"."incident_jurisdictions" to ${R.worker} using (true) with check (true)`);
    this.addSql(`alter table "audit"."incident_notifications" drop constraint "incident_notifications_obligation_check"`);
    this.addSql(`alter table "audit"."incident_notifications" add "method" text null, add "evidence_document_id" uuid null`);
    this.addSql(`alter table "audit"."incident_notifications" add constraint "incident_notifications_method_check" check ("method" in ('FIRST_CLASS_MAIL', 'EMAIL', 'TELEPHONE', 'SUBSTITUTE_WEBSITE', 'SUBSTITUTE_MEDIA', 'MEDIA_RELEASE', 'HHS_PORTAL', 'REGULATOR_PORTAL', 'CONTRACT_CONTACT', 'OTHER'))`);
    this.addSql(`alter table "audit"."incident_notifications" add constraint "incident_notifications_obligation_check" check ("obligation" in ('INDIVIDUALS', 'MEDIA', 'HHS', 'HHS_ANNUAL_LOG', 'COVERED_ENTITY', 'CONTRACT', 'STATE_INDIVIDUALS', 'STATE_REGULATOR'))`);
    this.addSql(`create policy "worker_maintains" on "audit"."incident_notifications" to ${R.worker} using (true) with check (true)`);
    this.addSql(`alter table "audit"."incident_delays" add constraint "incident_delays_incident_id_fkey" foreign key ("incident_id") references "audit"."incidents" ("id")`);
    this.addSql(`alter table "audit"."incident_delays" add constraint "incident_delays_written_until" check (kind <> 'WRITTEN' or until is not null)`);
    this.addSql(`alter table "audit"."incident_delays" add constraint "incident_delays_agency_check" check (length(agency) <= 100)`);
    this.addSql(`alter table "audit"."incident_delays" add constraint "incident_delays_officer_check" check (length(officer) <= 100)`);
    this.addSql(`alter table "audit"."incident_delays" add constraint "incident_delays_kind_check" check ("kind" in ('WRITTEN', 'ORAL'))`);
    this.addSql(`alter table "audit"."incident_delays" enable row level security`);
    this.addSql(`alter table "audit"."incident_delays" force row level security`);
    this.addSql(`create policy "same_organization" on "audit"."incident_delays" to ${R.audit} using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_maintains" on "audit"."incident_delays" to ${R.worker} using (true) with check (true)`);
    this.addSql(`alter table "audit"."incident_obligations" add constraint "incident_obligations_incident_id_fkey" foreign key ("incident_id") references "audit"."incidents" ("id")`);
    this.addSql(`alter table "audit"."incident_obligations" add constraint "incident_obligations_key_check" check (key ~ '^[A-Z_]{2,32}(:[A-Z]{2})?$')`);
    this.addSql(`alter table "audit"."incident_obligations" add constraint "incident_obligations_jurisdiction_check" check (jurisdiction ~ '^[A-Z]{2}$')`);
    this.addSql(`alter table "audit"."incident_obligations" add constraint "incident_obligations_rule_check" check (length(rule) <= 300)`);
    this.addSql(`alter table "audit"."incident_obligations" add constraint "incident_obligations_note_check" check (length(note) <= 2000)`);
    this.addSql(`alter table "audit"."incident_obligations" add constraint "incident_obligations_kind_check" check ("kind" in ('INDIVIDUALS', 'MEDIA', 'HHS', 'HHS_ANNUAL_LOG', 'COVERED_ENTITY', 'CONTRACT', 'STATE_INDIVIDUALS', 'STATE_REGULATOR'))`);
    this.addSql(`alter table "audit"."incident_obligations" add constraint "incident_obligations_status_check" check ("status" in ('PENDING', 'MET', 'OVERDUE', 'NOT_REQUIRED'))`);
    this.addSql(`alter table "audit"."incident_obligations" add constraint "incident_obligations_met_how_check" check ("met_how" in ('FIRST_CLASS_MAIL', 'EMAIL', 'TELEPHONE', 'SUBSTITUTE_WEBSITE', 'SUBSTITUTE_MEDIA', 'MEDIA_RELEASE', 'HHS_PORTAL', 'REGULATOR_PORTAL', 'CONTRACT_CONTACT', 'OTHER'))`);
    this.addSql(`alter table "audit"."incident_obligations" enable row level security`);
    this.addSql(`alter table "audit"."incident_obligations" force row level security`);
    this.addSql(`create policy "same_organization" on "audit"."incident_obligations" to ${R.audit} using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_maintains" on "audit"."incident_obligations" to ${R.worker} using (true) with check (true)`);
    this.addSql(`alter table "audit"."incident_risk_assessments" add constraint "incident_risk_assessments_incident_id_fkey" foreign key ("incident_id") references "audit"."incidents" ("id")`);
    this.addSql(`alter table "audit"."incident_risk_assessments" add constraint "incident_risk_assessments_phi_nature_check" check ("phi_nature" in ('LIMITED_IDENTIFIERS', 'DEMOGRAPHIC', 'FINANCIAL', 'CLINICAL', 'SENSITIVE_CLINICAL'))`);
    this.addSql(`alter table "audit"."incident_risk_assessments" add constraint "incident_risk_assessments_recipient_check" check ("recipient" in ('COVERED_ENTITY_OR_BUSINESS_ASSOCIATE', 'OWN_WORKFORCE', 'KNOWN_THIRD_PARTY', 'UNKNOWN'))`);
    this.addSql(`alter table "audit"."incident_risk_assessments" add constraint "incident_risk_assessments_acquisition_check" check ("acquisition" in ('NOT_ACQUIRED', 'UNDETERMINED', 'ACQUIRED_OR_VIEWED'))`);
    this.addSql(`alter table "audit"."incident_risk_assessments" add constraint "incident_risk_assessments_mitigation_check" check ("mitigation" in ('RETURNED_OR_DESTROYED_ATTESTED', 'PARTIALLY_MITIGATED', 'NOT_MITIGATED'))`);
    this.addSql(`alter table "audit"."incident_risk_assessments" add constraint "incident_risk_assessments_conclusion_check" check ("conclusion" in ('LOW_PROBABILITY_OF_COMPROMISE', 'NOT_LOW_PROBABILITY'))`);
    this.addSql(`alter table "audit"."incident_risk_assessments" enable row level security`);
    this.addSql(`alter table "audit"."incident_risk_assessments" force row level security`);
    this.addSql(`create policy "same_organization" on "audit"."incident_risk_assessments" to ${R.audit} using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_maintains" on "audit"."incident_risk_assessments" to ${R.worker} using (true) with check (true)`);
    this.addSql(`alter table "audit"."incident_settings" add constraint "incident_settings_contract_notice_hours_check" check (contract_notice_hours >= 1 and contract_notice_hours <= 8760)`);
    this.addSql(`alter table "audit"."incident_settings" add constraint "incident_settings_time_zone_check" check (length(time_zone) <= 64)`);
    this.addSql(`alter table "audit"."incident_settings" enable row level security`);
    this.addSql(`alter table "audit"."incident_settings" force row level security`);
    this.addSql(`create policy "same_organization" on "audit"."incident_settings" to ${R.audit} using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_reads" on "audit"."incident_settings" for select to ${R.worker} using (true)`);
    this.addSql(`create policy "owner_maintains" on "audit"."incident_settings" to "credence_owner" using (true) with check (true)`);
    this.addSql(`grant select on audit.incident_delays to ${R.audit}`);
    this.addSql(`grant insert, select on audit.incident_delays to ${R.worker}`);
    this.addSql(`grant delete, insert, update on audit.incident_jurisdictions to ${R.worker}`);
    this.addSql(`grant insert on audit.incident_notifications to ${R.worker}`);
    this.addSql(`grant insert, select on audit.incident_obligations to ${R.audit}`);
    this.addSql(`grant insert, select, update on audit.incident_obligations to ${R.worker}`);
    this.addSql(`grant select on audit.incident_risk_assessments to ${R.audit}`);
    this.addSql(`grant insert, select on audit.incident_risk_assessments to ${R.worker}`);
    this.addSql(`grant insert, select, update on audit.incident_settings to ${R.audit}`);
    this.addSql(`grant select on audit.incident_settings to ${R.worker}`);
    this.addSql(`grant update (workflow_started_at) on audit.incidents to ${R.audit}`);
    this.addSql(`grant update (affected_count, closed_as, closed_at, status, workflow_started_at) on audit.incidents to ${R.worker}`);
    this.addSql(`revoke insert on audit.incident_notifications from ${R.audit}`);
    this.addSql(`revoke update (status) on audit.incidents from ${R.audit}`);
  }

  override async down(): Promise<void> {
    this.addSql(`revoke select on audit.incident_delays from ${R.audit}`);
    this.addSql(`revoke insert, select on audit.incident_delays from ${R.worker}`);
    this.addSql(`revoke delete, insert, update on audit.incident_jurisdictions from ${R.worker}`);
    this.addSql(`revoke insert on audit.incident_notifications from ${R.worker}`);
    this.addSql(`revoke insert, select on audit.incident_obligations from ${R.audit}`);
    this.addSql(`revoke insert, select, update on audit.incident_obligations from ${R.worker}`);
    this.addSql(`revoke select on audit.incident_risk_assessments from ${R.audit}`);
    this.addSql(`revoke insert, select on audit.incident_risk_assessments from ${R.worker}`);
    this.addSql(`revoke insert, select, update on audit.incident_settings from ${R.audit}`);
    this.addSql(`revoke select on audit.incident_settings from ${R.worker}`);
    this.addSql(`revoke update (workflow_started_at) on audit.incidents from ${R.audit}`);
    this.addSql(`revoke update (affected_count, closed_as, closed_at, status, workflow_started_at) on audit.incidents from ${R.worker}`);
    this.addSql(`grant insert on audit.incident_notifications to ${R.audit}`);
    this.addSql(`grant update (status) on audit.incidents to ${R.audit}`);
    this.addSql(`drop table if exists "audit"."incident_delays" cascade`);
    this.addSql(`drop table if exists "audit"."incident_obligations" cascade`);
    this.addSql(`drop table if exists "audit"."incident_risk_assessments" cascade`);
    this.addSql(`drop table if exists "audit"."incident_settings" cascade`);
    this.addSql(`drop policy "worker_maintains" on "audit"."incident_jurisdictions"`);
    this.addSql(`drop policy "worker_maintains" on "audit"."incident_notifications"`);
    this.addSql(`drop policy "worker_maintains" on "audit"."incidents"`);
    this.addSql(`create policy "worker_reads" on "audit"."incident_jurisdictions" for select to ${R.worker} using (true)`);
    this.addSql(`alter table "audit"."incident_notifications" drop constraint "incident_notifications_method_check"`);
    this.addSql(`alter table "audit"."incident_notifications" drop constraint "incident_notifications_obligation_check"`);
    this.addSql(`alter table "audit"."incident_notifications" drop column "method", drop column "evidence_document_id"`);
    this.addSql(`alter table "audit"."incident_notifications" add constraint "incident_notifications_obligation_check" check ("obligation" in ('INDIVIDUALS', 'MEDIA', 'HHS', 'COVERED_ENTITY', 'STATE_REGULATOR'))`);
    this.addSql(`create policy "worker_reads" on "audit"."incident_notifications" for select to ${R.worker} using (true)`);
    this.addSql(`alter table "audit"."incidents" drop constraint "incidents_contract_notice_hours_check"`);
    this.addSql(`alter table "audit"."incidents" drop constraint "incidents_time_zone_check"`);
    this.addSql(`alter table "audit"."incidents" drop constraint "incidents_closed_as_check"`);
    this.addSql(`alter table "audit"."incidents" drop column "closed_as", drop column "closed_at", drop column "contract_notice_hours", drop column "time_zone", drop column "workflow_started_at"`);
    this.addSql(`create policy "worker_reads" on "audit"."incidents" for select to ${R.worker} using (true)`);
  }
}
