import { Migration } from '@mikro-orm/migrations';
import { PLATFORM_ORGANIZATION_ID } from '../../audit.ts';
import { ROLES } from '../../caller.ts';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Identity: organizations, users, memberships, invitations, sessions with their refresh tokens,
// MFA. Every secret (refresh token, invitation, MFA challenge, recovery code) is stored as its
// SHA-256 only. Row-level security scopes each table to the caller's user or organization; the
// few lookups that happen before a caller is known (sign-in by email, refresh, invitation, MFA
// challenge) go through narrow SECURITY DEFINER functions that take the secret or the email and
// return only what that step needs. The service then acts as the user the secret proves.
export class Migration20261123030000_identity extends Migration {
  override async up(): Promise<void> {
    const roles = ROLES.map((role) => `'${role}'`).join(', ');
    this.addSql(`
      create table identity.organizations (
        id uuid primary key,
        name text not null check (length(name) between 1 and 200),
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'TERMINATED')),
        created_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table identity.users (
        id uuid primary key,
        email text not null unique check (length(email) between 3 and 254 and email = lower(email)),
        display_name text not null check (length(display_name) between 1 and 200),
        password_hash text not null,
        password_changed_at timestamptz not null default now(),
        totp_secret text,
        totp_pending_secret text,
        totp_enabled_at timestamptz,
        totp_last_step bigint,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table identity.memberships (
        organization_id uuid not null references identity.organizations (id),
        user_id uuid not null references identity.users (id),
        role text not null check (role in (${roles})),
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'DEACTIVATED')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (organization_id, user_id)
      )`);
    this.addSql(`create index memberships_user on identity.memberships (user_id)`);
    this.addSql(`
      create table identity.recovery_codes (
        user_id uuid not null references identity.users (id),
        code_hash bytea not null,
        created_at timestamptz not null default now(),
        used_at timestamptz,
        primary key (user_id, code_hash)
      )`);
    this.addSql(`
      create table identity.invitations (
        id uuid primary key,
        organization_id uuid not null references identity.organizations (id),
        email text not null check (length(email) between 3 and 254 and email = lower(email)),
        role text not null check (role in (${roles})),
        token_hash bytea not null unique,
        invited_by uuid,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        accepted_at timestamptz,
        accepted_by uuid references identity.users (id)
      )`);
    this.addSql(`create index invitations_org on identity.invitations (organization_id, created_at)`);
    this.addSql(`
      create table identity.sessions (
        id uuid primary key,
        user_id uuid not null references identity.users (id),
        organization_id uuid not null references identity.organizations (id),
        role text not null check (role in (${roles})),
        amr text[] not null,
        mfa_enrollment_only boolean not null default false,
        source_ip text check (length(source_ip) <= 64),
        created_at timestamptz not null default now(),
        last_used_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz,
        revoked_reason text check (revoked_reason ~ '^[a-z][a-z_]{0,40}$')
      )`);
    this.addSql(`create index sessions_user on identity.sessions (user_id) where revoked_at is null`);
    this.addSql(`create index sessions_org_user on identity.sessions (organization_id, user_id) where revoked_at is null`);
    this.addSql(`create index sessions_revoked on identity.sessions (revoked_at) where revoked_at is not null`);
    this.addSql(`
      create table identity.refresh_tokens (
        token_hash bytea primary key,
        session_id uuid not null references identity.sessions (id),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        rotated_at timestamptz
      )`);
    this.addSql(`create index refresh_tokens_session on identity.refresh_tokens (session_id)`);
    this.addSql(`
      create table identity.mfa_challenges (
        token_hash bytea primary key,
        user_id uuid not null references identity.users (id),
        organization_id uuid not null references identity.organizations (id),
        source_ip text check (length(source_ip) <= 64),
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        used_at timestamptz,
        failed_attempts integer not null default 0
      )`);
    // Sign-in attempt counters (rate-limiter-flexible's table layout); keys are hashes, never emails.
    this.addSql(`
      create table identity.login_limits (
        key varchar(255) primary key,
        points integer not null default 0,
        expire bigint
      )`);

    // Lookups before a caller is known. Each takes what proves the caller (an email and, later,
    // its password; or a secret's hash) and returns only what the next step needs.
    this.addSql(`
      create function identity.account_for_login(p_email text)
        returns table (user_id uuid, password_hash text, display_name text, totp_enabled boolean)
        language sql stable security definer set search_path = pg_catalog, identity as $$
        select u.id, u.password_hash, u.display_name, u.totp_enabled_at is not null from identity.users u where u.email = p_email
      $$`);
    this.addSql(`
      create function identity.refresh_token_owner(p_token_hash bytea)
        returns table (session_id uuid, user_id uuid, organization_id uuid)
        language sql stable security definer set search_path = pg_catalog, identity as $$
        select s.id, s.user_id, s.organization_id from identity.refresh_tokens t join identity.sessions s on s.id = t.session_id
        where t.token_hash = p_token_hash
      $$`);
    this.addSql(`
      create function identity.invitation_for_token(p_token_hash bytea)
        returns table (invitation_id uuid, organization_id uuid, email text)
        language sql stable security definer set search_path = pg_catalog, identity as $$
        select i.id, i.organization_id, i.email from identity.invitations i where i.token_hash = p_token_hash
      $$`);
    this.addSql(`
      create function identity.mfa_challenge_owner(p_token_hash bytea)
        returns table (user_id uuid, organization_id uuid)
        language sql stable security definer set search_path = pg_catalog, identity as $$
        select c.user_id, c.organization_id from identity.mfa_challenges c where c.token_hash = p_token_hash
      $$`);
    // The account behind an invitation's email, if any (acceptance then needs its password).
    this.addSql(`
      create function identity.account_for_invitation(p_token_hash bytea)
        returns table (user_id uuid, password_hash text, display_name text)
        language sql stable security definer set search_path = pg_catalog, identity as $$
        select u.id, u.password_hash, u.display_name from identity.invitations i join identity.users u on u.email = i.email
        where i.token_hash = p_token_hash
      $$`);
    // For the gateway: sessions revoked since a time (ids only), so revocation reaches it in seconds.
    this.addSql(`
      create function identity.revoked_sessions_since(p_since timestamptz)
        returns table (session_id uuid, revoked_at timestamptz)
        language sql stable security definer set search_path = pg_catalog, identity as $$
        select s.id, s.revoked_at from identity.sessions s where s.revoked_at >= p_since order by s.revoked_at
      $$`);

    this.addSql(`revoke all on all tables in schema identity from public`);
    this.addSql(`revoke all on all functions in schema identity from public`);
    this.addSql(`grant execute on all functions in schema identity to ${R.identity}`);
    this.addSql(`grant select, insert, update on identity.organizations, identity.users, identity.memberships, identity.invitations,
      identity.sessions, identity.refresh_tokens, identity.mfa_challenges to ${R.identity}`);
    this.addSql(`grant select, insert, delete on identity.recovery_codes to ${R.identity}`);
    this.addSql(`grant update (used_at) on identity.recovery_codes to ${R.identity}`);
    this.addSql(`grant select, insert, update, delete on identity.login_limits to ${R.identity}`);
    // The worker revokes sessions when an organization is terminated, and deletes its data after.
    this.addSql(`grant select, update on identity.organizations, identity.sessions, identity.memberships to ${R.worker}`);

    const me = `app.current_user_id()`;
    const org = `app.current_organization_id()`;
    const policies: Record<string, string> = {
      // An organization is visible to its members and to platform administrators.
      organizations: `id = ${org} or app.current_role_name() = 'PLATFORM_ADMIN'
        or id in (select m.organization_id from identity.memberships m where m.user_id = ${me})`,
      // A user is visible to itself and within organizations it belongs to.
      users: `id = ${me} or id in (select m.user_id from identity.memberships m where m.organization_id = ${org})`,
      memberships: `organization_id = ${org} or user_id = ${me}`,
      recovery_codes: `user_id = ${me}`,
      invitations: `organization_id = ${org}`,
      sessions: `user_id = ${me} or organization_id = ${org}`,
      refresh_tokens: `session_id in (select s.id from identity.sessions s)`,
      mfa_challenges: `user_id = ${me}`,
    };
    const writeChecks: Record<string, string> = {
      organizations: `app.current_role_name() = 'PLATFORM_ADMIN' or id = ${org}`,
      users: `id = ${me}`,
      memberships: `organization_id = ${org}`,
      recovery_codes: `user_id = ${me}`,
      invitations: `organization_id = ${org}`,
      sessions: `user_id = ${me} or organization_id = ${org}`,
      refresh_tokens: `session_id in (select s.id from identity.sessions s)`,
      mfa_challenges: `user_id = ${me}`,
    };
    for (const [table, visible] of Object.entries(policies)) {
      this.addSql(`alter table identity.${table} enable row level security`);
      this.addSql(`alter table identity.${table} force row level security`);
      this.addSql(`create policy caller_scope on identity.${table} to ${R.identity} using (${visible}) with check (${writeChecks[table]})`);
      this.addSql(`do $$ begin execute format('create policy owner_maintains on identity.${table} to %I using (true) with check (true)', current_user); end $$`);
    }
    for (const table of ['organizations', 'sessions', 'memberships']) {
      this.addSql(`create policy worker_offboards on identity.${table} to ${R.worker} using (true) with check (true)`);
    }
    // Platform administrators are members of the platform organization (whose audit chain holds
    // events that belong to no customer).
    this.addSql(`insert into identity.organizations (id, name) values ('${PLATFORM_ORGANIZATION_ID}', 'Credence platform')`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists identity.login_limits, identity.mfa_challenges, identity.refresh_tokens, identity.sessions,
      identity.invitations, identity.recovery_codes, identity.memberships, identity.users, identity.organizations cascade`);
    this.addSql(`drop function if exists identity.account_for_login(text), identity.refresh_token_owner(bytea), identity.invitation_for_token(bytea),
      identity.mfa_challenge_owner(bytea), identity.account_for_invitation(bytea), identity.revoked_sessions_since(timestamptz)`);
  }
}
