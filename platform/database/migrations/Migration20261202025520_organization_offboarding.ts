import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// A terminated organization's offboarding (identity.organization_offboardings) and the record of
// its termination on its row, from the entity model. By hand: identity's sweep finds the
// terminations whose workflow has not recorded its start (offboardings_not_started, as the table's
// owner, since the sweep acts for no organization and reads nothing else); the worker deletes a
// terminated organization's rows batch by batch (delete_organization_batch, as the owner of the
// tables, so that the worker holds no DELETE on them), only once its offboarding is deleting and
// its keys are destroyed, each batch counted in the same transaction. Audit events, the
// organization's row, its offboarding and its destroyed key records stay.
export class Migration20261202025520_organization_offboarding extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."organization_offboardings" ("organization_id" uuid not null, "status" text not null default 'EXPORT_WINDOW', "terminated_at" timestamptz not null, "export_window_ends_at" timestamptz not null, "workflow_started_at" timestamptz null, "reinstated_at" timestamptz null, "reinstated_by" uuid null, "deletion_started_at" timestamptz null, "keys_destroyed_at" timestamptz null, "rows_deleted" bigint not null default '0', "documents_deleted" int not null default 0, "deleted_at" timestamptz null, "updated_at" timestamptz not null default now(), primary key ("organization_id"))`);
    this.addSql(`create index "organization_offboardings_not_started" on "identity"."organization_offboardings" ("terminated_at") where workflow_started_at is null`);
    this.addSql(`alter table "identity"."organizations" add "terminated_at" timestamptz null, add "terminated_reason" text null, add "terminated_by" uuid null`);
    this.addSql(`alter table "identity"."organizations" add constraint "organizations_terminated_reason_check" check (terminated_reason ~ '^[a-z][a-z0-9_]{0,63}$')`);
    this.addSql(`alter table "identity"."organization_offboardings" add constraint "organization_offboardings_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "identity"."organization_offboardings" add constraint "organization_offboardings_status_check" check ("status" in ('EXPORT_WINDOW', 'REINSTATED', 'DELETING', 'DELETED'))`);
    this.addSql(`alter table "identity"."organization_offboardings" enable row level security`);
    this.addSql(`alter table "identity"."organization_offboardings" force row level security`);
    this.addSql(`create policy "caller_scope" on "identity"."organization_offboardings" to ${R.identity} using (app.current_role_name() = 'PLATFORM_ADMIN' or organization_id = app.current_organization_id()) with check (app.current_role_name() = 'PLATFORM_ADMIN')`);
    this.addSql(`create policy "owner_maintains" on "identity"."organization_offboardings" to "credence_owner" using (true) with check (true)`);
    this.addSql(`create policy "worker_offboards" on "identity"."organization_offboardings" to ${R.worker} using (true) with check (true)`);
    this.addSql(`grant insert, select, update on identity.organization_offboardings to ${R.identity}`);
    this.addSql(`grant select, update on identity.organization_offboardings to ${R.worker}`);
    this.addSql(`
      create function identity.offboardings_not_started(older_than interval)
        returns table (organization_id uuid, export_window_ends_at timestamptz)
        language sql stable security definer set search_path = pg_catalog as $$
        select f.organization_id, f.export_window_ends_at from identity.organization_offboardings f
         where f.workflow_started_at is null and f.status = 'EXPORT_WINDOW' and f.terminated_at <= now() - older_than
         order by f.terminated_at limit 100
      $$`);
    this.addSql(`revoke all on function identity.offboardings_not_started(interval) from public`);
    this.addSql(`grant execute on function identity.offboardings_not_started(interval) to ${R.identity}`);
    this.addSql(`
      create function identity.delete_organization_batch(target uuid, batch_size integer)
        returns table (table_name text, deleted integer)
        language plpgsql volatile security definer set search_path = pg_catalog as $$
        declare
          -- Dependents first: each table's rows go before the rows they reference.
          tables constant text[] := array[
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
    this.addSql(`revoke all on function identity.delete_organization_batch(uuid, integer) from public`);
    this.addSql(`grant execute on function identity.delete_organization_batch(uuid, integer) to ${R.worker}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists identity.offboardings_not_started(interval)`);
    this.addSql(`drop function if exists identity.delete_organization_batch(uuid, integer)`);
    this.addSql(`revoke insert, select, update on identity.organization_offboardings from ${R.identity}`);
    this.addSql(`revoke select, update on identity.organization_offboardings from ${R.worker}`);
    this.addSql(`drop table if exists "identity"."organization_offboardings" cascade`);
    this.addSql(`alter table "identity"."organizations" drop constraint "organizations_terminated_reason_check"`);
    this.addSql(`alter table "identity"."organizations" drop column "terminated_at", drop column "terminated_reason", drop column "terminated_by"`);
  }
}
