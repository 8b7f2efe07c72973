import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// The mail outbox: every message to a person is a row written in the transaction of the action
// that causes it, and the worker delivers it over SMTP with retries. Services that send mail may
// only add rows for the organization they act in (or none, for account mail such as a password
// reset), and cancel a message of theirs that still waits (mail.cancel); only the worker reads
// them and records the delivery. A message's link secret (an
// invitation or reset token) is kept only until the message is delivered or given up: the
// `secret_erased` check makes a delivered or failed row without it.
export class Migration20261201060000_mail_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists mail`);
    this.addSql(`revoke all on schema mail from public`);
    this.addSql(`grant usage on schema mail to ${R.identity}, ${R.worker}`);
    this.addSql(`
      create table mail.outbox (
        id uuid primary key,
        organization_id uuid,
        recipient text not null check (length(recipient) between 3 and 254),
        template text not null check (template ~ '^[a-z][a-z_]{0,40}$'),
        parameters jsonb not null default '{}',
        secret text check (length(secret) <= 200),
        status text not null default 'PENDING' check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'CANCELLED')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        claimed_by uuid,
        claimed_until timestamptz,
        last_error text check (last_error ~ '^[a-z0-9_.:-]{1,64}$'),
        expires_at timestamptz,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        constraint secret_erased check (status in ('PENDING', 'SENDING') or secret is null)
      )`);
    this.addSql(`create index outbox_due on mail.outbox (next_attempt_at) where status in ('PENDING', 'SENDING')`);
    this.addSql(`revoke all on mail.outbox from public`);
    this.addSql(`grant insert on mail.outbox to ${R.identity}`);
    this.addSql(`grant select on mail.outbox to ${R.worker}`);
    this.addSql(`grant update (status, attempts, next_attempt_at, claimed_by, claimed_until, last_error, secret, sent_at) on mail.outbox to ${R.worker}`);
    this.addSql(`alter table mail.outbox enable row level security`);
    this.addSql(`alter table mail.outbox force row level security`);
    this.addSql(`create policy sender_enqueues on mail.outbox for insert to ${R.identity}
      with check (organization_id is not distinct from app.current_organization_id())`);
    this.addSql(`create policy worker_delivers on mail.outbox to ${R.worker} using (true) with check (true)`);
    this.addSql(`do $$ begin execute format('create policy owner_maintains on mail.outbox to %I using (true) with check (true)', current_user); end $$`);
    // A sender withdraws a message that has not left yet (a revoked invitation), in its own
    // organization only; it learns whether it did, and nothing else of the outbox.
    this.addSql(`
      create function mail.cancel(p_id uuid) returns boolean
        language sql volatile security definer set search_path = pg_catalog, mail as $$
        with cancelled as (
          update mail.outbox set status = 'CANCELLED', secret = null, last_error = 'cancelled'
          where id = p_id and organization_id is not distinct from app.current_organization_id() and status = 'PENDING'
          returning 1)
        select exists (select 1 from cancelled)
      $$`);
    this.addSql(`revoke all on function mail.cancel(uuid) from public`);
    this.addSql(`grant execute on function mail.cancel(uuid) to ${R.identity}`);

    // Invitations can be revoked while pending; their mail is withdrawn if it has not left yet.
    this.addSql(`alter table identity.invitations add column revoked_at timestamptz, add column revoked_by uuid, add column mail_id uuid`);

    // Password resets: single-use tokens, stored as their SHA-256 only, valid for minutes.
    this.addSql(`
      create table identity.password_resets (
        token_hash bytea primary key,
        user_id uuid not null references identity.users (id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz
      )`);
    this.addSql(`create index password_resets_user on identity.password_resets (user_id) where used_at is null`);
    this.addSql(`grant select, insert, update on identity.password_resets to ${R.identity}`);
    this.addSql(`alter table identity.password_resets enable row level security`);
    this.addSql(`alter table identity.password_resets force row level security`);
    this.addSql(`create policy caller_scope on identity.password_resets to ${R.identity} using (user_id = app.current_user_id()) with check (user_id = app.current_user_id())`);
    this.addSql(`do $$ begin execute format('create policy owner_maintains on identity.password_resets to %I using (true) with check (true)', current_user); end $$`);
    // Before a caller is known: the user a live reset token names (the service then acts as it).
    this.addSql(`
      create function identity.password_reset_owner(p_token_hash bytea)
        returns table (user_id uuid, email text, display_name text)
        language sql stable security definer set search_path = pg_catalog, identity as $$
        select u.id, u.email, u.display_name from identity.password_resets r join identity.users u on u.id = r.user_id
        where r.token_hash = p_token_hash and r.used_at is null and r.expires_at > now()
      $$`);
    this.addSql(`revoke all on function identity.password_reset_owner(bytea) from public`);
    this.addSql(`grant execute on function identity.password_reset_owner(bytea) to ${R.identity}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists identity.password_reset_owner(bytea)`);
    this.addSql(`drop table if exists identity.password_resets`);
    this.addSql(`alter table identity.invitations drop column if exists revoked_at, drop column if exists revoked_by, drop column if exists mail_id`);
    this.addSql(`drop schema if exists mail cascade`);
  }
}
