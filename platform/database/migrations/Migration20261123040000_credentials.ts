import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Credentials: physicians, their affiliations with organizations, credentials, documents and
// verification records, plus the wrapped data keys of field encryption (schema `keys`).
// Encrypted fields are bytea ciphertexts (platform/field-encryption); numbers that are searched
// keep a keyed blind index beside them. Row-level security: organization roles see physicians
// affiliated with their organization; a physician sees its own file; every other role, nothing.
export class Migration20261123040000_credentials extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists keys`);
    this.addSql(`revoke all on schema keys from public`);
    this.addSql(`grant usage on schema keys to ${R.credentials}, ${R.worker}`);
    this.addSql(`
      create table keys.data_keys (
        organization_id uuid not null references identity.organizations (id),
        purpose text not null check (purpose in ('data', 'index')),
        version integer not null check (version > 0),
        kek_id text,
        wrapped bytea,
        created_at timestamptz not null default now(),
        rewrapped_at timestamptz,
        destroyed_at timestamptz,
        primary key (organization_id, purpose, version),
        check ((wrapped is null) = (destroyed_at is not null) and (kek_id is null) = (wrapped is null))
      )`);

    const credentialTypes = ['STATE_LICENSE', 'DEA_REGISTRATION', 'STATE_CONTROLLED_SUBSTANCE', 'BOARD_CERTIFICATION', 'MALPRACTICE_INSURANCE'];
    this.addSql(`
      create table credentials.physicians (
        id uuid primary key,
        organization_id uuid not null references identity.organizations (id),
        user_id uuid references identity.users (id),
        given_name text not null check (length(given_name) between 1 and 100),
        family_name text not null check (length(family_name) between 1 and 100),
        npi text not null check (npi ~ '^[12][0-9]{9}$'),
        date_of_birth bytea,
        ssn bytea,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (organization_id, npi),
        unique (organization_id, user_id)
      )`);
    this.addSql(`create index physicians_org_name on credentials.physicians (organization_id, family_name, id)`);
    this.addSql(`
      create table credentials.affiliations (
        physician_id uuid not null references credentials.physicians (id),
        organization_id uuid not null references identity.organizations (id),
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE')),
        started_on date not null default current_date,
        ended_on date,
        updated_at timestamptz not null default now(),
        primary key (organization_id, physician_id)
      )`);
    this.addSql(`
      create table credentials.credentials (
        id uuid primary key,
        organization_id uuid not null references identity.organizations (id),
        physician_id uuid not null references credentials.physicians (id),
        type text not null check (type in (${credentialTypes.map((t) => `'${t}'`).join(', ')})),
        number bytea not null,
        number_index bytea not null,
        issuer text not null check (length(issuer) between 1 and 200),
        state text check (state ~ '^[A-Z]{2}$'),
        issued_on date,
        expires_on date,
        status text not null default 'PENDING' check (status in ('PENDING', 'NEEDS_REVIEW', 'VERIFIED', 'REJECTED')),
        review_reasons text[] not null default '{}',
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        removed_at timestamptz,
        check (expires_on is null or issued_on is null or expires_on > issued_on)
      )`);
    this.addSql(`create index credentials_physician on credentials.credentials (physician_id) where removed_at is null`);
    this.addSql(`create index credentials_number on credentials.credentials (organization_id, number_index) where removed_at is null`);
    this.addSql(`create index credentials_expiry on credentials.credentials (organization_id, expires_on) where removed_at is null`);
    this.addSql(`create index credentials_listing on credentials.credentials (organization_id, id) where removed_at is null`);
    this.addSql(`
      create table credentials.verifications (
        id uuid primary key,
        organization_id uuid not null references identity.organizations (id),
        credential_id uuid not null references credentials.credentials (id),
        source text not null,
        outcome text not null check (outcome in ('VERIFIED', 'NOT_FOUND', 'MISMATCH', 'ERROR', 'REVIEW_APPROVED', 'REVIEW_REJECTED')),
        detail text,
        checked_at timestamptz not null default now()
      )`);
    this.addSql(`create index verifications_credential on credentials.verifications (credential_id, checked_at)`);
    this.addSql(`
      create table credentials.documents (
        id uuid primary key,
        organization_id uuid not null references identity.organizations (id),
        credential_id uuid not null references credentials.credentials (id),
        status text not null default 'AWAITING_UPLOAD' check (status in ('AWAITING_UPLOAD', 'STORED')),
        content_type text check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
        size_bytes integer check (size_bytes > 0),
        sha256 bytea,
        storage_key text,
        upload_expires_at timestamptz not null,
        created_by uuid,
        created_at timestamptz not null default now(),
        stored_at timestamptz,
        removed_at timestamptz
      )`);
    this.addSql(`create index documents_credential on credentials.documents (credential_id)`);

    // The affiliation test bypasses the affiliations policy (which itself reads physicians), so
    // the two policies do not recurse into each other.
    this.addSql(`
      create function credentials.affiliated_with_current_organization(p_physician uuid) returns boolean
        language sql stable security definer set search_path = pg_catalog as $$
        select exists (select 1 from credentials.affiliations a
                        where a.physician_id = p_physician and a.organization_id = app.current_organization_id())
      $$`);
    // A physician file may be linked only to a user of the caller's organization with the PHYSICIAN role.
    this.addSql(`
      create function credentials.member_role(p_user uuid) returns text
        language sql stable security definer set search_path = pg_catalog as $$
        select m.role from identity.memberships m
         where m.user_id = p_user and m.organization_id = app.current_organization_id() and m.status = 'ACTIVE'
      $$`);
    this.addSql(`revoke all on all functions in schema credentials from public`);
    this.addSql(`grant execute on all functions in schema credentials to ${R.credentials}`);

    const org = `app.current_organization_id()`;
    const role = `app.current_role_name()`;
    const staff = `${role} in ('ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF')`;
    const ownFile = `${role} = 'PHYSICIAN' and organization_id = ${org} and user_id = app.current_user_id()`;
    const visiblePhysician = `exists (select 1 from credentials.physicians p where p.id = physician_id)`;
    const visibleCredential = `exists (select 1 from credentials.credentials c where c.id = credential_id)`;
    const policies: Record<string, { visible: string; write: string; insert?: string }> = {
      physicians: {
        visible: `(${staff} and organization_id = ${org} and credentials.affiliated_with_current_organization(id)) or (${ownFile})`,
        write: `(${staff} and organization_id = ${org}) or (${ownFile})`,
        // Files are opened by the organization (before their affiliation exists), not by physicians themselves.
        insert: `${staff} and organization_id = ${org}`,
      },
      affiliations: { visible: `organization_id = ${org} and ${visiblePhysician}`, write: `organization_id = ${org} and ${staff}` },
      credentials: { visible: `organization_id = ${org} and ${visiblePhysician}`, write: `organization_id = ${org} and ${visiblePhysician}` },
      verifications: { visible: `organization_id = ${org} and ${visibleCredential}`, write: `organization_id = ${org} and ${visibleCredential}` },
      documents: { visible: `organization_id = ${org} and ${visibleCredential}`, write: `organization_id = ${org} and ${visibleCredential}` },
    };
    for (const [table, { visible, write, insert }] of Object.entries(policies)) {
      this.addSql(`alter table credentials.${table} enable row level security`);
      this.addSql(`alter table credentials.${table} force row level security`);
      this.addSql(`create policy caller_scope on credentials.${table} for select to ${R.credentials} using (${visible})`);
      this.addSql(`create policy caller_inserts on credentials.${table} for insert to ${R.credentials} with check (${insert ?? write})`);
      this.addSql(`create policy caller_updates on credentials.${table} for update to ${R.credentials} using (${visible}) with check (${write})`);
      // The worker re-encrypts under a new data key and deletes a terminated organization's data.
      this.addSql(`create policy worker_maintains on credentials.${table} to ${R.worker} using (true) with check (true)`);
      this.addSql(`do $$ begin execute format('create policy owner_maintains on credentials.${table} to %I using (true) with check (true)', current_user); end $$`);
    }
    this.addSql(`alter table keys.data_keys enable row level security`);
    this.addSql(`alter table keys.data_keys force row level security`);
    this.addSql(`create policy organization_keys on keys.data_keys for select to ${R.credentials} using (organization_id = ${org})`);
    this.addSql(`create policy organization_creates_keys on keys.data_keys for insert to ${R.credentials} with check (organization_id = ${org} and version = 1)`);
    this.addSql(`create policy worker_maintains on keys.data_keys to ${R.worker} using (true) with check (true)`);
    this.addSql(`do $$ begin execute format('create policy owner_maintains on keys.data_keys to %I using (true) with check (true)', current_user); end $$`);

    this.addSql(`revoke all on all tables in schema credentials, keys from public`);
    this.addSql(`grant select, insert, update on credentials.physicians, credentials.affiliations, credentials.credentials, credentials.documents to ${R.credentials}`);
    this.addSql(`grant select, insert on credentials.verifications to ${R.credentials}`);
    this.addSql(`grant select, insert on keys.data_keys to ${R.credentials}`);
    this.addSql(`grant select, insert, update, delete on all tables in schema credentials to ${R.worker}`);
    this.addSql(`grant select, insert, update on keys.data_keys to ${R.worker}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists credentials.documents, credentials.verifications, credentials.credentials,
      credentials.affiliations, credentials.physicians cascade`);
    this.addSql(`drop function if exists credentials.affiliated_with_current_organization(uuid), credentials.member_role(uuid)`);
    this.addSql(`drop schema if exists keys cascade`);
  }
}
