import { Migration } from '@mikro-orm/migrations';
import { PLATFORM_ORGANIZATION_ID } from '../../audit.ts';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Identity hardening.
// - TOTP secrets are stored encrypted (platform/field-encryption, under the platform
//   organization's data key, bound to their user row and column): the columns become bytea.
//   The database holds no key, so existing values cannot be encrypted here; they are kept as their
//   bytes, which the service refuses to read (they are not ciphertexts), never uses.
// - Identity may read, and create once, the platform organization's data keys, and no other.
// - A session remembers when its sign-in happened (`authenticated_at`): switching organization
//   starts a session that keeps the sign-in's time and expiry, and enrolling an authenticator from
//   a token that may only enroll needs a recent sign-in.
export class Migration20261201010000_identity_hardening extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table identity.users
      alter column totp_secret type bytea using convert_to(totp_secret, 'UTF8'),
      alter column totp_pending_secret type bytea using convert_to(totp_pending_secret, 'UTF8')`);
    this.addSql(`alter table identity.sessions add column authenticated_at timestamptz not null default now()`);
    this.addSql(`update identity.sessions set authenticated_at = created_at`);

    const platform = `'${PLATFORM_ORGANIZATION_ID}'::uuid`;
    this.addSql(`grant usage on schema keys to ${R.identity}`);
    this.addSql(`grant select, insert on keys.data_keys to ${R.identity}`);
    this.addSql(`create policy platform_keys on keys.data_keys for select to ${R.identity} using (organization_id = ${platform})`);
    this.addSql(`create policy platform_creates_keys on keys.data_keys for insert to ${R.identity} with check (organization_id = ${platform} and version = 1)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop policy if exists platform_creates_keys on keys.data_keys`);
    this.addSql(`drop policy if exists platform_keys on keys.data_keys`);
    this.addSql(`revoke all on keys.data_keys from ${R.identity}`);
    this.addSql(`revoke usage on schema keys from ${R.identity}`);
    this.addSql(`alter table identity.sessions drop column authenticated_at`);
    this.addSql(`alter table identity.users alter column totp_secret type text using null, alter column totp_pending_secret type text using null`);
  }
}
