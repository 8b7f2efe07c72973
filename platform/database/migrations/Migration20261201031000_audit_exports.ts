import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Audit exports on file: which exist, while they are being written and until their link expires,
// so that an organization has only a few being written at once and every file is deleted once its
// link has expired. The audit service sees its organization's rows, and any organization's
// expired ones, which it deletes with their files.
export class Migration20261201031000_audit_exports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table audit.exports (
        id uuid primary key,
        organization_id uuid not null,
        requested_by uuid,
        status text not null default 'WRITING' check (status in ('WRITING', 'READY')),
        storage_key text check (length(storage_key) <= 200),
        started_at timestamptz not null default now(),
        expires_at timestamptz
      )`);
    this.addSql(`create index exports_org_status on audit.exports (organization_id, status)`);
    this.addSql(`create index exports_expiry on audit.exports (expires_at)`);
    this.addSql(`alter table audit.exports enable row level security`);
    this.addSql(`alter table audit.exports force row level security`);
    this.addSql(`create policy same_organization on audit.exports to ${R.audit}
      using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    // Expired: the link has expired, or the writing was abandoned (the service stopped mid-export).
    const expired = `(expires_at < now() or (status = 'WRITING' and started_at < now() - interval '1 hour'))`;
    this.addSql(`create policy sweep_sees_expired on audit.exports for select to ${R.audit} using ${expired}`);
    this.addSql(`create policy sweep_deletes_expired on audit.exports for delete to ${R.audit} using ${expired}`);
    this.addSql(`do $$ begin execute format('create policy owner_maintains on audit.exports to %I using (true) with check (true)', current_user); end $$`);
    this.addSql(`grant select, insert, update, delete on audit.exports to ${R.audit}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists audit.exports`);
  }
}
