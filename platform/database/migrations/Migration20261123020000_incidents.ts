import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Security incidents (possible breaches) and the notifications made for them. Structured fields
// only: no free text that could carry PHI.
export class Migration20261123020000_incidents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table audit.incidents (
        id uuid primary key,
        organization_id uuid not null,
        kind text not null check (kind in ('LOST_DEVICE', 'THEFT', 'HACKING', 'UNAUTHORIZED_ACCESS', 'IMPROPER_DISPOSAL', 'MISDIRECTED_DISCLOSURE', 'OTHER')),
        discovered_at timestamptz not null,
        declared_at timestamptz not null default now(),
        declared_by uuid not null,
        affected_count integer not null check (affected_count >= 0),
        acting_as_business_associate boolean not null,
        status text not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
        check (discovered_at <= declared_at)
      )`);
    this.addSql(`
      create table audit.incident_jurisdictions (
        incident_id uuid not null references audit.incidents (id),
        organization_id uuid not null,
        jurisdiction text not null check (jurisdiction ~ '^[A-Z]{2}$'),
        affected_count integer not null check (affected_count >= 0),
        primary key (incident_id, jurisdiction)
      )`);
    this.addSql(`
      create table audit.incident_notifications (
        id uuid primary key,
        incident_id uuid not null references audit.incidents (id),
        organization_id uuid not null,
        obligation text not null check (obligation in ('INDIVIDUALS', 'MEDIA', 'HHS', 'COVERED_ENTITY', 'STATE_REGULATOR')),
        jurisdiction text check (jurisdiction ~ '^[A-Z]{2}$'),
        notified_at timestamptz not null,
        recorded_by uuid not null,
        recorded_at timestamptz not null default now()
      )`);
    this.addSql(`create index incident_notifications_incident on audit.incident_notifications (incident_id)`);
    for (const table of ['incidents', 'incident_jurisdictions', 'incident_notifications']) {
      this.addSql(`revoke all on audit.${table} from public`);
      this.addSql(`grant select, insert on audit.${table} to ${R.audit}`);
      this.addSql(`grant select on audit.${table} to ${R.worker}`);
      this.addSql(`alter table audit.${table} enable row level security`);
      this.addSql(`alter table audit.${table} force row level security`);
      this.addSql(`create policy same_organization on audit.${table} to ${R.audit}
        using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
      this.addSql(`create policy worker_reads on audit.${table} for select to ${R.worker} using (true)`);
    }
    this.addSql(`grant update (status) on audit.incidents to ${R.audit}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists audit.incident_notifications, audit.incident_jurisdictions, audit.incidents`);
  }
}
