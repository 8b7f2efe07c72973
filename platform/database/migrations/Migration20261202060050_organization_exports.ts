import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// A terminated organization's data exports (identity.organization_exports, from the entity model),
// and by hand three functions, as the tables' owner: the exports whose workflow has not recorded
// its start (for identity's sweep, which acts for no organization), the members of an organization
// being exported with their accounts' addresses and names (for the worker, which reads no
// identity.users otherwise; only for a terminated organization), and the batch deletion at the
// end of the window, which now deletes the export rows too (their packages are removed with the
// document files). workflows/organization-offboarding/deletion-coverage.int.test.ts checks it.
export class Migration20261202060050_organization_exports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."organization_exports" ("id" uuid not null, "organization_id" uuid not null, "requested_by" uuid not null, "status" text not null default 'REQUESTED', "recipient_public_key" text not null, "wrapped_key" jsonb null, "workflow_started_at" timestamptz null, "storage_key" text null, "bytes" bigint null, "sha256" text null, "counts" jsonb null, "failure_code" text null, "created_at" timestamptz not null default now(), "ready_at" timestamptz null, "expires_at" timestamptz not null, primary key ("id"))`);
    this.addSql(`create index "organization_exports_organization" on "identity"."organization_exports" ("organization_id", "created_at")`);
    this.addSql(`create index "organization_exports_not_started" on "identity"."organization_exports" ("created_at") where workflow_started_at is null`);
    this.addSql(`alter table "identity"."organization_exports" add constraint "organization_exports_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "identity"."organization_exports" add constraint "organization_exports_recipient_public_key_check" check (length(recipient_public_key) = 44)`);
    this.addSql(`alter table "identity"."organization_exports" add constraint "organization_exports_status_check" check ("status" in ('REQUESTED', 'BUILDING', 'READY', 'FAILED'))`);
    this.addSql(`alter table "identity"."organization_exports" enable row level security`);
    this.addSql(`alter table "identity"."organization_exports" force row level security`);
    this.addSql(`create policy "caller_scope" on "identity"."organization_exports" for select to ${R.identity} using (app.current_role_name() = 'PLATFORM_ADMIN' or organization_id = app.current_organization_id())`);
    this.addSql(`create policy "owner_requests" on "identity"."organization_exports" for insert to ${R.identity} with check (app.current_role_name() = 'ORG_OWNER' and organization_id = app.current_organization_id())`);
    this.addSql(`create policy "owner_maintains" on "identity"."organization_exports" to "credence_owner" using (true) with check (true)`);
    this.addSql(`create policy "worker_exports" on "identity"."organization_exports" to ${R.worker} using (true) with check (true)`);
    this.addSql(`grant insert, select on identity.organization_exports to ${R.identity}`);
    this.addSql(`grant select, update on identity.organization_exports to ${R.worker}`);
    this.addSql(`
      create function identity.organization_exports_not_started(older_than interval)
        returns table (id uuid, organization_id uuid)
        language sql stable security definer set search_path = pg_catalog as $$
        select e.id, e.organization_id from identity.organization_exports e
         where e.workflow_started_at is null and e.status = 'REQUESTED' and e.created_at <= now() - older_than
         order by e.created_at limit 100
      $$`);
    this.addSql(`revoke all on function identity.organization_exports_not_started(interval) from public`);
    this.addSql(`grant execute on function identity.organization_exports_not_started(interval) to ${R.identity}`);
    this.addSql(`
      create function identity.organization_export_members(target uuid)
        returns table (user_id uuid, email text, display_name text, role text, status text, created_at timestamptz, updated_at timestamptz)
        language sql stable security definer set search_path = pg_catalog as $$
        select m.user_id, u.email, u.display_name, m.role, m.status, m.created_at, m.updated_at
          from identity.memberships m join identity.users u on u.id = m.user_id
         where m.organization_id = target
           and exists (select 1 from identity.organizations o where o.id = target and o.status = 'TERMINATED')
         order by m.user_id
      $$`);
    this.addSql(`revoke all on function identity.organization_export_members(uuid) from public`);
    this.addSql(`grant execute on function identity.organization_export_members(uuid) to ${R.worker}`);
    this.addSql(`
      create or replace function identity.delete_organization_batch(target uuid, batch_size integer)
        returns table (table_name text, deleted integer)
        language plpgsql volatile security definer set search_path = pg_catalog as $$
        declare
          -- Dependents first: each table's rows go before the rows they reference.
          tables constant text[] := array[
            'credentials.monitoring_alerts', 'credentials.credentialing_decisions', 'credentials.credentialing_exports',
            'credentials.credentialing_files', 'credentials.webhook_delivery_attempts', 'credentials.webhook_deliveries', 'credentials.webhook_subscriptions',
            'credentials.verification_checks', 'credentials.verification_reviews', 'credentials.documents',
            'credentials.exclusion_matches', 'credentials.physician_screenings', 'credentials.credentials',
            'credentials.affiliations', 'credentials.physicians', 'credentials.verification_settings', 'mail.outbox',
            'identity.organization_exports', 'identity.sessions', 'identity.mfa_challenges', 'identity.invitations', 'identity.memberships'];
          current_table text := null;
          n integer := 0;
        begin
          if not exists (select 1 from identity.organizations o join identity.organization_offboardings f on f.organization_id = o.id
                          where o.id = target and o.status = 'TERMINATED' and f.status = 'DELETING' and f.keys_destroyed_at is not null) then
            raise exception 'the organization is not being deleted' using errcode = 'P0001';
          end if;
          delete from identity.refresh_tokens where token_hash in (
            select r.token_hash from identity.refresh_tokens r join identity.sessions s on s.id = r.session_id where s.organization_id = target limit batch_size);
          get diagnostics n = row_count;
          if n > 0 then
            current_table := 'identity.refresh_tokens';
          else
            foreach current_table in array tables loop
              execute format('delete from %s where ctid in (select ctid from %s where organization_id = $1 limit $2)', current_table, current_table) using target, batch_size;
              get diagnostics n = row_count;
              exit when n > 0;
            end loop;
          end if;
          if n = 0 then
            return query select null::text, 0;
            return;
          end if;
          update identity.organization_offboardings set rows_deleted = rows_deleted + n, updated_at = now() where organization_id = target;
          return query select current_table, n;
        end
      $$`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      create or replace function identity.delete_organization_batch(target uuid, batch_size integer)
        returns table (table_name text, deleted integer)
        language plpgsql volatile security definer set search_path = pg_catalog as $$
        declare
          -- Dependents first: each table's rows go before the rows they reference.
          tables constant text[] := array[
            'credentials.monitoring_alerts', 'credentials.credentialing_decisions', 'credentials.credentialing_exports',
            'credentials.credentialing_files', 'credentials.webhook_delivery_attempts', 'credentials.webhook_deliveries', 'credentials.webhook_subscriptions',
            'credentials.verification_checks', 'credentials.verification_reviews', 'credentials.documents',
            'credentials.exclusion_matches', 'credentials.physician_screenings', 'credentials.credentials',
            'credentials.affiliations', 'credentials.physicians', 'credentials.verification_settings', 'mail.outbox',
            'identity.sessions', 'identity.mfa_challenges', 'identity.invitations', 'identity.memberships'];
          current_table text := null;
          n integer := 0;
        begin
          if not exists (select 1 from identity.organizations o join identity.organization_offboardings f on f.organization_id = o.id
                          where o.id = target and o.status = 'TERMINATED' and f.status = 'DELETING' and f.keys_destroyed_at is not null) then
            raise exception 'the organization is not being deleted' using errcode = 'P0001';
          end if;
          delete from identity.refresh_tokens where token_hash in (
            select r.token_hash from identity.refresh_tokens r join identity.sessions s on s.id = r.session_id where s.organization_id = target limit batch_size);
          get diagnostics n = row_count;
          if n > 0 then
            current_table := 'identity.refresh_tokens';
          else
            foreach current_table in array tables loop
              execute format('delete from %s where ctid in (select ctid from %s where organization_id = $1 limit $2)', current_table, current_table) using target, batch_size;
              get diagnostics n = row_count;
              exit when n > 0;
            end loop;
          end if;
          if n = 0 then
            return query select null::text, 0;
            return;
          end if;
          update identity.organization_offboardings set rows_deleted = rows_deleted + n, updated_at = now() where organization_id = target;
          return query select current_table, n;
        end
      $$`);
    this.addSql(`drop function if exists identity.organization_export_members(uuid)`);
    this.addSql(`drop function if exists identity.organization_exports_not_started(interval)`);
    this.addSql(`revoke insert, select on identity.organization_exports from ${R.identity}`);
    this.addSql(`revoke select, update on identity.organization_exports from ${R.worker}`);
    this.addSql(`drop table if exists "identity"."organization_exports" cascade`);
  }
}
