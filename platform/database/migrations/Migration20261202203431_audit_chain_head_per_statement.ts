import { Migration } from '@mikro-orm/migrations';
import { Migration20261123010000_audit_log } from './Migration20261123010000_audit_log.ts';

// The chain head moves once per statement, not once per event. A many-row insert (the VIEW events
// of a listing) updated audit.chain_heads once per row, and every row after the first had to walk
// the head's growing chain of row versions written by its own transaction: the cost of chaining
// grew with the square of the rows. Now chain_event takes the head (locked as before, so
// concurrent writers still queue) and links to the newest event this statement has already
// chained, if any; an after-statement trigger (events_chain_heads) sets the head to the
// statement's last event. The encoding, the lock and who may write are unchanged: no service
// chooses a sequence or a hash. The event's hash is computed in one plpgsql expression. By hand:
// functions.
export class Migration20261202203431_audit_chain_head_per_statement extends Migration {
  override async up(): Promise<void> {
    // The same encoding as before (audit.field of each column), written out in one plpgsql
    // expression: the SQL function called audit.field thirteen times per event, a quarter of an
    // insert's time. The chain tests compare it with domain/audit-chain.ts.
    this.addSql(`
      create or replace function audit.event_hash(e audit.events) returns bytea language plpgsql immutable parallel safe as $$
      begin
        return sha256(convert_to(concat_ws('|', 'credence-audit-v1',
            coalesce(octet_length(e.organization_id::text)::text || ':' || e.organization_id::text, '~'),
            coalesce(octet_length(e.seq::text)::text || ':' || e.seq::text, '~'),
            coalesce(octet_length(to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text || ':' || to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '~'),
            coalesce(octet_length(e.actor_id::text)::text || ':' || e.actor_id::text, '~'),
            coalesce(octet_length(e.actor_role)::text || ':' || e.actor_role, '~'),
            coalesce(octet_length(e.source_ip)::text || ':' || e.source_ip, '~'),
            coalesce(octet_length(e.request_id)::text || ':' || e.request_id, '~'),
            coalesce(octet_length(e.action)::text || ':' || e.action, '~'),
            coalesce(octet_length(e.resource_type)::text || ':' || e.resource_type, '~'),
            coalesce(octet_length(e.resource_id)::text || ':' || e.resource_id, '~'),
            coalesce(octet_length(e.outcome)::text || ':' || e.outcome, '~'),
            coalesce(octet_length(e.reason)::text || ':' || e.reason, '~'),
            coalesce(octet_length(encode(e.prev_hash, 'hex'))::text || ':' || encode(e.prev_hash, 'hex'), '~')), 'UTF8'));
      end $$`);
    this.addSql(`
      create or replace function audit.chain_event() returns trigger language plpgsql security definer
        set search_path = pg_catalog, audit as $$
      declare
        head audit.chain_heads%rowtype;
        newest record;
      begin
        select * into head from audit.chain_heads where organization_id = new.organization_id for update;
        if not found then -- the organization's first event: start its chain at the genesis hash
          insert into audit.chain_heads (organization_id, seq, hash)
            values (new.organization_id, 0, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
            on conflict (organization_id) do nothing;
          select * into head from audit.chain_heads where organization_id = new.organization_id for update;
        end if;
        -- Rows this statement chained before this one are visible here; the head moves after it.
        select e.seq, e.hash into newest from audit.events e
          where e.organization_id = new.organization_id and e.seq > head.seq order by e.seq desc limit 1;
        if found then
          new.seq := newest.seq + 1;
          new.prev_hash := newest.hash;
        else
          new.seq := head.seq + 1;
          new.prev_hash := head.hash;
        end if;
        new.occurred_at := date_trunc('microseconds', clock_timestamp());
        new.hash := audit.event_hash(new);
        return new;
      end $$`);
    this.addSql(`
      create function audit.advance_chain_heads() returns trigger language plpgsql security definer
        set search_path = pg_catalog, audit as $$
      begin
        update audit.chain_heads h set seq = last.seq, hash = last.hash
          from (select distinct on (organization_id) organization_id, seq, hash from new_events order by organization_id, seq desc) last
         where h.organization_id = last.organization_id and last.seq > h.seq;
        return null;
      end $$`);
    this.addSql(`create trigger events_chain_heads after insert on audit.events referencing new table as new_events for each statement execute function audit.advance_chain_heads()`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists events_chain_heads on audit.events`);
    this.addSql(`drop function if exists audit.advance_chain_heads()`);
    // Back to the functions as the audit log first defined them: replayed from that migration, so
    // their text lives in one place.
    const earlier = new Migration20261123010000_audit_log(this.driver, this.config);
    await earlier.up();
    for (const sql of earlier.getQueries()) {
      if (typeof sql === 'string' && /create function audit\.(event_hash|chain_event)\(/.test(sql)) {
        this.addSql(sql.replace('create function', 'create or replace function'));
      }
    }
  }
}
