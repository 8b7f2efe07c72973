import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Audit hardening:
// - The retention purge holds the retention rules itself (7 years unless an organization set
//   more, never below 6): its arguments can lengthen retention, never shorten it, so the worker's
//   role cannot purge younger events by passing small numbers. It anchors only on a checkpoint
//   that matches its stored event, and writes its own DELETE event in each purged chain.
// - The worker reads the events and purge anchors, to verify each chain before it signs a
//   checkpoint over it.
// - Aggregated refusals: a refusal anyone can provoke at will (an invalid bearer token, a wrong
//   password, a field refused to an anonymous caller) is written as an event the first time in a
//   minute per organization, source address (IPv6 by /64), action, resource type and reason, and
//   only counted after that; the worker writes each closed minute's count as one event. So a
//   flood of refusals costs one chain insert per address and minute, not one per attempt.
export class Migration20261201030000_audit_hardening extends Migration {
  override async up(): Promise<void> {
    const writers = [R.identity, R.credentials, R.audit, R.worker].join(', ');
    this.addSql(`drop function audit.purge_expired(integer, integer)`);
    this.addSql(`
      create function audit.purge_expired(default_years integer default 7, minimum_years integer default 6)
        returns table (purged_organization uuid, purged_events bigint)
        language plpgsql security definer set search_path = pg_catalog, audit as $$
      declare
        floor_years constant integer := 6; -- HIPAA 164.316(b)(2): six years, whatever the caller passes
        standard_years constant integer := 7; -- an organization that set nothing keeps seven
        org record;
        cutoff timestamptz;
        anchor audit.checkpoints%rowtype;
        previous bigint;
        removed bigint;
      begin
        for org in select h.organization_id,
                          greatest(coalesce(r.years, greatest(default_years, standard_years)), minimum_years, floor_years) as years
                   from audit.chain_heads h left join audit.retention_settings r using (organization_id) loop
          anchor := null;
          cutoff := now() - make_interval(years => org.years);
          select c.* into anchor from audit.checkpoints c
            where c.organization_id = org.organization_id
              and c.seq <= coalesce((select max(e.seq) from audit.events e where e.organization_id = org.organization_id and e.occurred_at < cutoff), 0)
              and exists (select 1 from audit.events e where e.organization_id = c.organization_id and e.seq = c.seq and e.hash = c.hash)
            order by c.seq desc limit 1;
          continue when anchor.seq is null;
          previous := coalesce((select a.seq from audit.chain_anchors a where a.organization_id = org.organization_id), 0);
          perform set_config('credence.audit_purge', 'on', true);
          delete from audit.events e where e.organization_id = org.organization_id and e.seq <= anchor.seq;
          get diagnostics removed = row_count;
          perform set_config('credence.audit_purge', 'off', true);
          if removed > 0 then
            insert into audit.chain_anchors (organization_id, seq, hash, purged_at)
              values (org.organization_id, anchor.seq, anchor.hash, now())
              on conflict (organization_id) do update set seq = excluded.seq, hash = excluded.hash, purged_at = excluded.purged_at;
            insert into audit.events (organization_id, request_id, action, resource_type, resource_id, outcome, reason)
              values (org.organization_id, 'retention-' || gen_random_uuid(), 'DELETE', 'AuditLog',
                      format('seq:%s-%s', previous + 1, anchor.seq), 'SUCCESS', 'retention_purge');
            purged_organization := org.organization_id;
            purged_events := removed;
            return next;
          end if;
        end loop;
      end $$`);
    this.addSql(`revoke all on function audit.purge_expired(integer, integer) from public`);
    this.addSql(`grant execute on function audit.purge_expired(integer, integer) to ${R.worker}`);

    this.addSql(`grant select on audit.events, audit.chain_anchors to ${R.worker}`);
    this.addSql(`create policy worker_verifies on audit.events for select to ${R.worker} using (true)`);
    this.addSql(`create policy worker_verifies on audit.chain_anchors for select to ${R.worker} using (true)`);

    this.addSql(`
      create table audit.refusal_tallies (
        organization_id uuid not null,
        address text not null,
        minute timestamptz not null,
        action text not null,
        resource_type text not null,
        reason text not null,
        refused integer not null default 1,
        primary key (organization_id, address, minute, action, resource_type, reason)
      )`);
    this.addSql(`alter table audit.refusal_tallies enable row level security`);
    this.addSql(`alter table audit.refusal_tallies force row level security`);
    this.addSql(`do $$ begin execute format('create policy owner_maintains on audit.refusal_tallies to %I using (true) with check (true)', current_user); end $$`);
    // What a refusal is counted under: the address, or its /64 for IPv6 (one host holds a whole /64).
    this.addSql(`
      create function audit.address_key(address text) returns text language plpgsql immutable
        set search_path = pg_catalog as $$
      declare
        ip inet;
      begin
        if address is null or address = '' then return ''; end if;
        begin
          ip := address::inet;
        exception when others then
          return left(address, 64);
        end;
        if family(ip) = 6 and not (ip <<= '::ffff:0:0/96'::inet) then
          return text(network(set_masklen(ip, 64)));
        end if;
        return host(ip);
      end $$`);
    this.addSql(`
      create function audit.record_refusal(organization_id uuid, actor_id uuid, actor_role text, source_ip text, request_id text,
                                           action text, resource_type text, resource_id text, reason text)
        returns boolean language plpgsql security definer set search_path = pg_catalog, audit as $$
      declare
        refused integer;
      begin
        if reason is null then raise exception 'a refusal needs a reason code' using errcode = '22023'; end if;
        insert into audit.refusal_tallies as t (organization_id, address, minute, action, resource_type, reason)
          values (record_refusal.organization_id, audit.address_key(record_refusal.source_ip), date_trunc('minute', now()),
                  record_refusal.action, record_refusal.resource_type, record_refusal.reason)
          on conflict on constraint refusal_tallies_pkey do update set refused = t.refused + 1
          returning t.refused into refused;
        if refused > 1 then return false; end if;
        insert into audit.events (organization_id, actor_id, actor_role, source_ip, request_id, action, resource_type, resource_id, outcome, reason)
          values (record_refusal.organization_id, record_refusal.actor_id, record_refusal.actor_role, record_refusal.source_ip,
                  record_refusal.request_id, record_refusal.action, record_refusal.resource_type, record_refusal.resource_id,
                  'FAILURE', record_refusal.reason);
        return true;
      end $$`);
    // Writes each closed minute's count (first event included) as one event, then forgets it.
    this.addSql(`
      create function audit.flush_refusal_tallies(closed_before timestamptz default date_trunc('minute', now()))
        returns integer language plpgsql security definer set search_path = pg_catalog, audit as $$
      declare
        tally audit.refusal_tallies%rowtype;
        written integer := 0;
      begin
        for tally in delete from audit.refusal_tallies where minute < closed_before returning * loop
          continue when tally.refused <= 1;
          insert into audit.events (organization_id, source_ip, request_id, action, resource_type, resource_id, outcome, reason)
            values (tally.organization_id, nullif(tally.address, ''), 'refusal-tally-' || gen_random_uuid(), tally.action, tally.resource_type,
                    format('minute:%s:count:%s', to_char(tally.minute at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'), tally.refused),
                    'FAILURE', tally.reason);
          written := written + 1;
        end loop;
        return written;
      end $$`);
    this.addSql(`revoke all on function audit.address_key(text), audit.record_refusal(uuid, uuid, text, text, text, text, text, text, text), audit.flush_refusal_tallies(timestamptz) from public`);
    this.addSql(`grant execute on function audit.record_refusal(uuid, uuid, text, text, text, text, text, text, text) to ${writers}`);
    this.addSql(`grant execute on function audit.flush_refusal_tallies(timestamptz) to ${R.worker}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists audit.flush_refusal_tallies(timestamptz), audit.record_refusal(uuid, uuid, text, text, text, text, text, text, text), audit.address_key(text)`);
    this.addSql(`drop table if exists audit.refusal_tallies`);
    this.addSql(`drop policy if exists worker_verifies on audit.events`);
    this.addSql(`drop policy if exists worker_verifies on audit.chain_anchors`);
    this.addSql(`revoke select on audit.events, audit.chain_anchors from ${R.worker}`);
  }
}
