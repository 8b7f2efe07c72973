import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// A refresh token presented again shortly after its rotation (two tabs, a lost response) is
// answered with its successor instead of ending the session. For that short window the rotated
// row keeps its successor, encrypted under the platform's data key and bound to the row
// (successor_ciphertext), which successor it is (successor_hash) and until when
// (successor_expires_at). The ciphertext is erased as soon as the successor is used, and by
// identity's sweep (erase_refresh_successors, as the table's owner: it touches nothing else) once
// the window has passed.
export class Migration20261201072000_refresh_retry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table identity.refresh_tokens
        add column successor_hash bytea,
        add column successor_ciphertext bytea,
        add column successor_expires_at timestamptz,
        add constraint refresh_tokens_successor_named check (successor_ciphertext is null or (successor_hash is not null and successor_expires_at is not null))`);
    this.addSql(`create index refresh_tokens_successor_window on identity.refresh_tokens (successor_expires_at) where successor_ciphertext is not null`);
    this.addSql(`
      create function identity.erase_refresh_successors() returns integer
        language sql volatile security definer set search_path = pg_catalog as $$
        with erased as (
          update identity.refresh_tokens set successor_ciphertext = null
           where successor_ciphertext is not null and successor_expires_at <= now()
          returning 1)
        select count(*)::integer from erased
      $$`);
    this.addSql(`revoke all on function identity.erase_refresh_successors() from public`);
    this.addSql(`grant execute on function identity.erase_refresh_successors() to ${R.identity}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists identity.erase_refresh_successors()`);
    this.addSql(`alter table identity.refresh_tokens drop constraint if exists refresh_tokens_successor_named,
      drop column if exists successor_hash, drop column if exists successor_ciphertext, drop column if exists successor_expires_at`);
  }
}
