import { Migration } from '@mikro-orm/migrations';

// The batch deletion after an export window (delete_organization_batch) also deletes the
// organization's background audit jobs (audit.audit_jobs: codes, counts, hashes, and the key of an
// export file that has long expired by then). By hand: a function.
// workflows/organization-offboarding/deletion-coverage.int.test.ts fails on any table with
// organization rows that is neither deleted here nor kept on purpose.
export class Migration20261202064500_deletion_covers_audit_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function identity.delete_organization_batch(target uuid, batch_size integer)
        returns table (table_name text, deleted integer)
        language plpgsql volatile security definer set search_path = pg_catalog as $$
        declare
          -- Dependents first: each table's rows go before the rows they reference.
          tables constant text[] := array[
            'audit.audit_jobs', 'credentials.monitoring_alerts', 'credentials.credentialing_decisions', 'credentials.credentialing_exports',
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
}
