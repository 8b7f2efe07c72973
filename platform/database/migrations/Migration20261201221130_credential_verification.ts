import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Primary-source verification (workflows/credential-verification), generated from the entity model
// (VerificationCheck, VerificationReview, the verification columns of Credential, the worker's
// insert on the outbox), then two steps the model cannot say, at the end of up(): credentials
// recorded before verification existed are asked for, and the SECURITY DEFINER function that tells
// the worker whom to write to. The `credentials.verifications` table of the first schema was
// never written; it is replaced by the checks and reviews.
export class Migration20261201221130_credential_verification extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "credentials"."verification_checks" ("id" uuid not null, "organization_id" uuid not null, "credential_id" uuid not null, "workflow_run_id" text not null, "source" text not null, "result" text not null, "problems" jsonb not null default '[]', "evidence" bytea null, "evidence_sha256" bytea null, "evidence_content_type" text null, "evidence_url" text null, "checked_at" timestamptz not null default now(), primary key ("id"))`);
    this.addSql(`create index "verification_checks_credential" on "credentials"."verification_checks" ("credential_id", "checked_at")`);
    this.addSql(`create table "credentials"."verification_reviews" ("id" uuid not null, "organization_id" uuid not null, "credential_id" uuid not null, "workflow_run_id" text not null, "reasons" text[] not null, "opened_at" timestamptz not null default now(), "escalated_at" timestamptz null, "decision" text null, "reason_code" text null, "decided_by" uuid null, "decided_by_role" text null, "decided_at" timestamptz null, primary key ("id"))`);
    this.addSql(`create index "verification_reviews_queue" on "credentials"."verification_reviews" ("organization_id", "opened_at", "id") where decided_at is null`);
    this.addSql(`create unique index "verification_reviews_open" on "credentials"."verification_reviews" ("credential_id") where decided_at is null`);
    this.addSql(`drop table if exists "credentials"."verifications" cascade`);
    this.addSql(`alter table "credentials"."credentials" drop constraint "credentials_status_check"`);
    this.addSql(`alter table "credentials"."credentials" add "verification_requested_at" timestamptz null, add "verification_dispatched_at" timestamptz null, add "verified_at" timestamptz null, add "next_reminder_at" timestamptz null, add "reminded_at" timestamptz null`);
    this.addSql(`create index "credentials_verification_requests" on "credentials"."credentials" ("verification_requested_at") where removed_at is null and verification_requested_at is not null`);
    this.addSql(`alter table "credentials"."credentials" add constraint "credentials_status_check" check ("status" in ('PENDING', 'NEEDS_REVIEW', 'VERIFIED', 'SOURCE_UNAVAILABLE', 'REJECTED', 'EXPIRED'))`);
    this.addSql(`alter table "credentials"."verification_checks" add constraint "verification_checks_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id")`);
    this.addSql(`alter table "credentials"."verification_checks" add constraint "verification_checks_credential_id_fkey" foreign key ("credential_id") references "credentials"."credentials" ("id")`);
    this.addSql(`alter table "credentials"."verification_checks" add constraint "verification_checks_evidence_digest" check ((evidence is null) = (evidence_sha256 is null))`);
    this.addSql(`alter table "credentials"."verification_checks" add constraint "verification_checks_workflow_run_id_check" check (length(workflow_run_id) >= 1 and length(workflow_run_id) <= 100)`);
    this.addSql(`alter table "credentials"."verification_checks" add constraint "verification_checks_source_check" check (source ~ '^[A-Z][A-Z_]{1,39}$')`);
    this.addSql(`alter table "credentials"."verification_checks" add constraint "verification_checks_evidence_sha256_check" check (evidence_sha256 is null or length(evidence_sha256) = 32)`);
    this.addSql(`alter table "credentials"."verification_checks" add constraint "verification_checks_evidence_content_type_check" check (length(evidence_content_type) <= 100)`);
    this.addSql(`alter table "credentials"."verification_checks" add constraint "verification_checks_evidence_url_check" check (length(evidence_url) <= 2000)`);
    this.addSql(`alter table "credentials"."verification_checks" add constraint "verification_checks_result_check" check ("result" in ('VERIFIED', 'MISMATCH', 'NOT_FOUND', 'EXCLUDED', 'SOURCE_UNAVAILABLE', 'MANUAL'))`);
    this.addSql(`alter table "credentials"."verification_checks" enable row level security`);
    this.addSql(`alter table "credentials"."verification_checks" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."verification_checks" for select to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.credentials c where c.id = credential_id))`);
    this.addSql(`create policy "worker_maintains" on "credentials"."verification_checks" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."verification_checks" to "credence_owner" using (true) with check (true)`);
    this.addSql(`alter table "credentials"."verification_reviews" add constraint "verification_reviews_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id")`);
    this.addSql(`alter table "credentials"."verification_reviews" add constraint "verification_reviews_credential_id_fkey" foreign key ("credential_id") references "credentials"."credentials" ("id")`);
    this.addSql(`alter table "credentials"."verification_reviews" add constraint "verification_reviews_decided" check ((decision is null) = (decided_at is null))`);
    this.addSql(`alter table "credentials"."verification_reviews" add constraint "verification_reviews_decided_by" check (coalesce(decision in ('APPROVED', 'REJECTED'), false) = (decided_by is not null and decided_by_role is not null and reason_code is not null))`);
    this.addSql(`alter table "credentials"."verification_reviews" add constraint "verification_reviews_workflow_run_id_check" check (length(workflow_run_id) >= 1 and length(workflow_run_id) <= 100)`);
    this.addSql(`alter table "credentials"."verification_reviews" add constraint "verification_reviews_reasons_check" check (cardinality(reasons) > 0)`);
    this.addSql(`alter table "credentials"."verification_reviews" add constraint "verification_reviews_reason_code_check" check (reason_code ~ '^[a-z][a-z0-9_]{0,63}$')`);
    this.addSql(`alter table "credentials"."verification_reviews" add constraint "verification_reviews_decision_check" check ("decision" in ('APPROVED', 'REJECTED', 'SUPERSEDED'))`);
    this.addSql(`alter table "credentials"."verification_reviews" enable row level security`);
    this.addSql(`alter table "credentials"."verification_reviews" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."verification_reviews" for select to ${R.credentials} using (organization_id = app.current_organization_id() and exists (select 1 from credentials.credentials c where c.id = credential_id))`);
    this.addSql(`create policy "worker_maintains" on "credentials"."verification_reviews" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."verification_reviews" to "credence_owner" using (true) with check (true)`);
    this.addSql(`grant select on credentials.verification_checks to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on credentials.verification_checks to ${R.worker}`);
    this.addSql(`grant select on credentials.verification_reviews to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update on credentials.verification_reviews to ${R.worker}`);
    this.addSql(`grant insert on mail.outbox to ${R.worker}`);

    // Not in the model: a data step and a function.
    this.addSql(`update credentials.credentials set verification_requested_at = now() where removed_at is null`);
    // Whom the worker writes to: the active members of an organization with the given roles and,
    // when named, one user of it (a physician's own account). Addresses only.
    this.addSql(`
      create function identity.organization_contacts(p_organization uuid, p_roles text[], p_user uuid) returns setof text
        language sql stable security definer set search_path = pg_catalog as $$
        select distinct u.email from identity.memberships m join identity.users u on u.id = m.user_id
         where m.organization_id = p_organization and m.status = 'ACTIVE' and (m.role = any (p_roles) or m.user_id = p_user)
      $$`);
    this.addSql(`revoke all on function identity.organization_contacts(uuid, text[], uuid) from public`);
    this.addSql(`grant execute on function identity.organization_contacts(uuid, text[], uuid) to ${R.worker}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists identity.organization_contacts(uuid, text[], uuid)`);
    this.addSql(`revoke select on credentials.verification_checks from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on credentials.verification_checks from ${R.worker}`);
    this.addSql(`revoke select on credentials.verification_reviews from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update on credentials.verification_reviews from ${R.worker}`);
    this.addSql(`revoke insert on mail.outbox from ${R.worker}`);
    this.addSql(`create table "credentials"."verifications" ("id" uuid not null, "organization_id" uuid not null, "credential_id" uuid not null, "source" text not null, "outcome" text not null, "detail" text null, "checked_at" timestamptz(6) not null default now(), primary key ("id"))`);
    this.addSql(`create index "verifications_credential" on "credentials"."verifications" ("credential_id", "checked_at")`);
    this.addSql(`drop table if exists "credentials"."verification_checks" cascade`);
    this.addSql(`drop table if exists "credentials"."verification_reviews" cascade`);
    this.addSql(`drop index "credentials"."credentials_verification_requests"`);
    this.addSql(`alter table "credentials"."credentials" drop constraint "credentials_status_check"`);
    this.addSql(`alter table "credentials"."credentials" drop column "verification_requested_at", drop column "verification_dispatched_at", drop column "verified_at", drop column "next_reminder_at", drop column "reminded_at"`);
    this.addSql(`alter table "credentials"."credentials" add constraint "credentials_status_check" check ("status" in ('PENDING', 'NEEDS_REVIEW', 'VERIFIED', 'REJECTED'))`);
    this.addSql(`alter table "credentials"."verifications" add constraint "verifications_credential_id_fkey" foreign key ("credential_id") references "credentials"."credentials" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."verifications" add constraint "verifications_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "credentials"."verifications" add constraint "verifications_outcome_check" check ("outcome" in ('VERIFIED', 'NOT_FOUND', 'MISMATCH', 'ERROR', 'REVIEW_APPROVED', 'REVIEW_REJECTED'))`);
    this.addSql(`alter table "credentials"."verifications" enable row level security`);
    this.addSql(`alter table "credentials"."verifications" force row level security`);
    this.addSql(`create policy "caller_inserts" on "credentials"."verifications" for insert to ${R.credentials} with check (((organization_id = app.current_organization_id()) AND (EXISTS ( SELECT 1
   FROM credentials.credentials c
  WHERE (c.id = verifications.credential_id)))))`);
    this.addSql(`create policy "caller_scope" on "credentials"."verifications" for select to ${R.credentials} using (((organization_id = app.current_organization_id()) AND (EXISTS ( SELECT 1
   FROM credentials.credentials c
  WHERE (c.id = verifications.credential_id)))))`);
    this.addSql(`create policy "caller_updates" on "credentials"."verifications" for update to ${R.credentials} using (((organization_id = app.current_organization_id()) AND (EXISTS ( SELECT 1
   FROM credentials.credentials c
  WHERE (c.id = verifications.credential_id))))) with check (((organization_id = app.current_organization_id()) AND (EXISTS ( SELECT 1
   FROM credentials.credentials c
  WHERE (c.id = verifications.credential_id)))))`);
    this.addSql(`create policy "owner_maintains" on "credentials"."verifications" to "credence_owner" using (true) with check (true)`);
    this.addSql(`create policy "worker_maintains" on "credentials"."verifications" to ${R.worker} using (true) with check (true)`);
  }
}
