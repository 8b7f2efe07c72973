import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Primary-source verification (workflows/credential-verification). Each check a source answers
// is a row of its own that never changes (the response it gave kept encrypted beside its SHA-256);
// a check that leaves doubt opens a review, and the review's decision is recorded on it once.
// The credential carries its verification status and the request that the worker turns into a
// workflow: a request is written in the transaction of the change that needs it (a new
// credential, a new number, state or expiry, requestVerification), so none is lost while
// Temporal is unreachable. The `credentials.verifications` table of the first schema was never
// written; it is replaced by these.
export class Migration20261201230000_credential_verification extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table credentials.verifications`);

    this.addSql(`alter table credentials.credentials drop constraint credentials_status_check`);
    this.addSql(`alter table credentials.credentials add constraint credentials_status_check
      check (status in ('PENDING', 'NEEDS_REVIEW', 'VERIFIED', 'SOURCE_UNAVAILABLE', 'REJECTED', 'EXPIRED'))`);
    this.addSql(`alter table credentials.credentials
      add column verification_requested_at timestamptz,
      add column verification_dispatched_at timestamptz,
      add column verified_at timestamptz,
      add column next_reminder_at timestamptz,
      add column reminded_at timestamptz`);
    // Credentials recorded before verification existed are verified too.
    this.addSql(`update credentials.credentials set verification_requested_at = now() where removed_at is null`);
    this.addSql(`create index credentials_verification_requests on credentials.credentials (verification_requested_at)
      where removed_at is null and verification_requested_at is not null`);

    this.addSql(`
      create table credentials.verification_checks (
        id uuid primary key,
        organization_id uuid not null references identity.organizations (id),
        credential_id uuid not null references credentials.credentials (id),
        workflow_run_id text not null check (length(workflow_run_id) between 1 and 100),
        source text not null check (source ~ '^[A-Z][A-Z_]{1,39}$'),
        result text not null check (result in ('VERIFIED', 'MISMATCH', 'NOT_FOUND', 'EXCLUDED', 'SOURCE_UNAVAILABLE', 'MANUAL')),
        problems jsonb not null default '[]',
        evidence bytea,
        evidence_sha256 bytea check (evidence_sha256 is null or length(evidence_sha256) = 32),
        evidence_content_type text check (length(evidence_content_type) <= 100),
        evidence_url text check (length(evidence_url) <= 2000),
        checked_at timestamptz not null default now(),
        check ((evidence is null) = (evidence_sha256 is null))
      )`);
    this.addSql(`create index verification_checks_credential on credentials.verification_checks (credential_id, checked_at)`);

    this.addSql(`
      create table credentials.verification_reviews (
        id uuid primary key,
        organization_id uuid not null references identity.organizations (id),
        credential_id uuid not null references credentials.credentials (id),
        workflow_run_id text not null check (length(workflow_run_id) between 1 and 100),
        reasons text[] not null check (cardinality(reasons) > 0),
        opened_at timestamptz not null default now(),
        escalated_at timestamptz,
        -- SUPERSEDED: a new request started the checks over before anyone decided.
        decision text check (decision in ('APPROVED', 'REJECTED', 'SUPERSEDED')),
        reason_code text check (reason_code ~ '^[a-z][a-z0-9_]{0,63}$'),
        decided_by uuid,
        decided_by_role text,
        decided_at timestamptz,
        check ((decision is null) = (decided_at is null)),
        check (coalesce(decision in ('APPROVED', 'REJECTED'), false) = (decided_by is not null and decided_by_role is not null and reason_code is not null))
      )`);
    this.addSql(`create unique index verification_reviews_open on credentials.verification_reviews (credential_id) where decided_at is null`);
    this.addSql(`create index verification_reviews_queue on credentials.verification_reviews (organization_id, opened_at, id) where decided_at is null`);

    const org = `app.current_organization_id()`;
    const visibleCredential = `exists (select 1 from credentials.credentials c where c.id = credential_id)`;
    for (const table of ['verification_checks', 'verification_reviews']) {
      this.addSql(`alter table credentials.${table} enable row level security`);
      this.addSql(`alter table credentials.${table} force row level security`);
      // Callers read; only the worker writes (a check never changes, a review is decided through its workflow).
      this.addSql(`create policy caller_scope on credentials.${table} for select to ${R.credentials} using (organization_id = ${org} and ${visibleCredential})`);
      this.addSql(`create policy worker_maintains on credentials.${table} to ${R.worker} using (true) with check (true)`);
      this.addSql(`do $$ begin execute format('create policy owner_maintains on credentials.${table} to %I using (true) with check (true)', current_user); end $$`);
      this.addSql(`revoke all on credentials.${table} from public`);
      this.addSql(`grant select on credentials.${table} to ${R.credentials}`);
      this.addSql(`grant select, insert, update, delete on credentials.${table} to ${R.worker}`);
    }

    // The worker writes reminders, review requests and escalations to the outbox.
    this.addSql(`grant insert on mail.outbox to ${R.worker}`);
    // Whom the worker writes to: the active members of an organization with the given roles and,
    // when named, one user of it (a physician's own account). Addresses only.
    this.addSql(`
      create function identity.organization_contacts(p_organization uuid, p_roles text[], p_user uuid) returns setof text
        language sql stable security definer set search_path = pg_catalog as $$
        select distinct u.email from identity.memberships m join identity.users u on u.id = m.user_id
         where m.organization_id = p_organization and m.status = 'ACTIVE'
           and (m.role = any (p_roles) or m.user_id = p_user)
      $$`);
    this.addSql(`revoke all on function identity.organization_contacts(uuid, text[], uuid) from public`);
    this.addSql(`grant execute on function identity.organization_contacts(uuid, text[], uuid) to ${R.worker}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists identity.organization_contacts(uuid, text[], uuid)`);
    this.addSql(`revoke insert on mail.outbox from ${R.worker}`);
    this.addSql(`drop table if exists credentials.verification_reviews, credentials.verification_checks`);
    this.addSql(`alter table credentials.credentials drop column verification_requested_at, drop column verification_dispatched_at,
      drop column verified_at, drop column next_reminder_at, drop column reminded_at`);
  }
}
