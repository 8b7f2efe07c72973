import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// The audit log: append-only, hash-chained per organization by the database itself, so no
// service can choose a sequence number or a hash, and no one but the retention purge can
// remove an event. Canonical encoding (version 1) of an event, hashed with SHA-256:
//   each field in order — organization_id, seq, occurred_at (UTC, microseconds, ISO 8601),
//   actor_id, actor_role, source_ip, request_id, action, resource_type, resource_id, outcome,
//   reason, prev_hash (hex) — written as "<octets>:<value>" ("~" when null), joined by "|",
//   after the prefix "credence-audit-v1|". subgraphs/audit/chain.ts is the same encoding in TypeScript.
export class Migration20261123010000_audit_log extends Migration {
  override async up(): Promise<void> {
    const writers = [R.identity, R.credentials, R.audit, R.worker].join(', ');
    this.addSql(`
      create table audit.events (
        organization_id uuid not null,
        seq bigint not null,
        occurred_at timestamptz not null,
        actor_id uuid,
        actor_role text check (actor_role ~ '^[A-Z_]{1,40}$'),
        source_ip text check (length(source_ip) <= 64),
        request_id text check (length(request_id) <= 128),
        action text not null check (action ~ '^[A-Z_]{2,40}$'),
        resource_type text not null check (resource_type ~ '^[A-Za-z][A-Za-z0-9_]{0,63}$'),
        resource_id text check (length(resource_id) <= 128),
        outcome text not null check (outcome in ('SUCCESS', 'FAILURE')),
        reason text check (reason ~ '^[a-z][a-z0-9_.:-]{0,99}$'),
        prev_hash bytea not null,
        hash bytea not null,
        primary key (organization_id, seq)
      )`);
    this.addSql(`create index events_org_time on audit.events (organization_id, occurred_at)`);
    this.addSql(`create index events_org_actor on audit.events (organization_id, actor_id, seq)`);
    this.addSql(`create index events_org_resource on audit.events (organization_id, resource_type, resource_id, seq)`);
    this.addSql(`
      create table audit.chain_heads (
        organization_id uuid primary key,
        seq bigint not null,
        hash bytea not null
      )`);

    this.addSql(`
      create function audit.field(value text) returns text language sql immutable parallel safe
        as $$ select case when value is null then '~' else octet_length(value)::text || ':' || value end $$`);
    this.addSql(`
      create function audit.event_hash(e audit.events) returns bytea language sql immutable parallel safe
        as $$ select sha256(convert_to(concat_ws('|', 'credence-audit-v1',
          audit.field(e.organization_id::text), audit.field(e.seq::text),
          audit.field(to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
          audit.field(e.actor_id::text), audit.field(e.actor_role), audit.field(e.source_ip), audit.field(e.request_id),
          audit.field(e.action), audit.field(e.resource_type), audit.field(e.resource_id), audit.field(e.outcome),
          audit.field(e.reason), audit.field(encode(e.prev_hash, 'hex'))), 'UTF8')) $$`);
    // Runs as the table owner: takes the organization's chain head (row lock held to commit, so
    // concurrent writers queue instead of forking the chain) and fills seq, time and hashes.
    this.addSql(`
      create function audit.chain_event() returns trigger language plpgsql security definer
        set search_path = pg_catalog, audit as $$
      declare
        head audit.chain_heads%rowtype;
      begin
        select * into head from audit.chain_heads where organization_id = new.organization_id for update;
        if not found then -- the organization's first event: start its chain at the genesis hash
          insert into audit.chain_heads (organization_id, seq, hash)
            values (new.organization_id, 0, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
            on conflict (organization_id) do nothing;
          select * into head from audit.chain_heads where organization_id = new.organization_id for update;
        end if;
        new.seq := head.seq + 1;
        new.prev_hash := head.hash;
        new.occurred_at := date_trunc('microseconds', clock_timestamp());
        new.hash := audit.event_hash(new);
        update audit.chain_heads set seq = new.seq, hash = new.hash where organization_id = new.organization_id;
        return new;
      end $$`);
    this.addSql(`create trigger events_chain before insert on audit.events for each row execute function audit.chain_event()`);
    this.addSql(`
      create function audit.refuse_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('credence.audit_purge', true) = 'on'
           and current_user = (select tableowner from pg_tables where schemaname = 'audit' and tablename = 'events') then
          return old;
        end if;
        raise exception 'audit events are append-only: % refused', tg_op using errcode = '42501';
      end $$`);
    this.addSql(`create trigger events_append_only before update or delete on audit.events for each row execute function audit.refuse_change()`);
    this.addSql(`create trigger events_no_truncate before truncate on audit.events for each statement execute function audit.refuse_change()`);

    this.addSql(`
      create table audit.signing_keys (
        key_id text primary key,
        public_key bytea not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table audit.checkpoints (
        organization_id uuid not null,
        seq bigint not null,
        hash bytea not null,
        signed_at timestamptz not null,
        key_id text not null references audit.signing_keys (key_id),
        signature bytea not null,
        primary key (organization_id, seq)
      )`);
    this.addSql(`
      create table audit.retention_settings (
        organization_id uuid primary key,
        years integer not null check (years >= 6 and years <= 100),
        updated_at timestamptz not null default now()
      )`);
    // After a purge, where the remaining chain starts: the last purged event, which a signed
    // checkpoint covers.
    this.addSql(`
      create table audit.chain_anchors (
        organization_id uuid primary key,
        seq bigint not null,
        hash bytea not null,
        purged_at timestamptz not null
      )`);

    // Purges, per organization, the events older than its retention, up to the newest signed
    // checkpoint among them, so the rest stays verifiable from that checkpoint.
    this.addSql(`
      create function audit.purge_expired(default_years integer, minimum_years integer) returns table (purged_organization uuid, purged_events bigint)
        language plpgsql security definer set search_path = pg_catalog, audit as $$
      declare
        org record;
        cutoff timestamptz;
        anchor audit.checkpoints%rowtype;
        removed bigint;
      begin
        perform set_config('credence.audit_purge', 'on', true);
        for org in select h.organization_id, coalesce(r.years, default_years) as years
                   from audit.chain_heads h left join audit.retention_settings r using (organization_id) loop
          anchor := null;
          cutoff := now() - make_interval(years => greatest(org.years, minimum_years));
          select c.* into anchor from audit.checkpoints c
            where c.organization_id = org.organization_id
              and c.seq <= coalesce((select max(e.seq) from audit.events e where e.organization_id = org.organization_id and e.occurred_at < cutoff), 0)
            order by c.seq desc limit 1;
          continue when anchor.seq is null;
          delete from audit.events e where e.organization_id = org.organization_id and e.seq <= anchor.seq;
          get diagnostics removed = row_count;
          if removed > 0 then
            insert into audit.chain_anchors (organization_id, seq, hash, purged_at)
              values (org.organization_id, anchor.seq, anchor.hash, now())
              on conflict (organization_id) do update set seq = excluded.seq, hash = excluded.hash, purged_at = excluded.purged_at;
            purged_organization := org.organization_id;
            purged_events := removed;
            return next;
          end if;
        end loop;
        perform set_config('credence.audit_purge', 'off', true);
      end $$`);

    // Privileges: every service appends; only the audit service reads (its organization's rows);
    // the worker signs checkpoints and runs the purge.
    this.addSql(`revoke all on all tables in schema audit from public`);
    this.addSql(`revoke all on all functions in schema audit from public`);
    this.addSql(`grant insert on audit.events to ${writers}`);
    this.addSql(`grant select on audit.events, audit.checkpoints, audit.signing_keys, audit.chain_anchors to ${R.audit}`);
    this.addSql(`grant select, insert, update on audit.retention_settings to ${R.audit}`);
    this.addSql(`grant select on audit.chain_heads, audit.checkpoints, audit.signing_keys to ${R.worker}`);
    this.addSql(`grant insert on audit.checkpoints, audit.signing_keys to ${R.worker}`);
    this.addSql(`grant execute on function audit.purge_expired(integer, integer) to ${R.worker}`);

    // Row-level security: an organization's rows only, for every role that reads them.
    for (const table of ['events', 'checkpoints', 'retention_settings', 'chain_anchors']) {
      this.addSql(`alter table audit.${table} enable row level security`);
      this.addSql(`alter table audit.${table} force row level security`);
      this.addSql(`create policy same_organization on audit.${table} to ${R.audit}
        using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    }
    this.addSql(`create policy append on audit.events for insert to ${writers} with check (true)`);
    // The owner (who runs migrations and owns the purge function) maintains every organization's rows.
    for (const table of ['events', 'checkpoints', 'retention_settings', 'chain_anchors']) {
      this.addSql(`do $$ begin execute format('create policy owner_maintains on audit.${table} to %I using (true) with check (true)', current_user); end $$`);
    }
    this.addSql(`create policy worker_signs on audit.checkpoints to ${R.worker} using (true) with check (true)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists audit.purge_expired(integer, integer)`);
    this.addSql(`drop table if exists audit.checkpoints, audit.signing_keys, audit.retention_settings, audit.chain_anchors, audit.chain_heads, audit.events cascade`);
    this.addSql(`drop function if exists audit.chain_event(), audit.refuse_change(), audit.event_hash(audit.events), audit.field(text)`);
  }
}
