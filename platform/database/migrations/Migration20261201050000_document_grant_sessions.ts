import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// A document grant (an upload or download link) names the session that asked for it, and is
// refused once that session has ended: signed out, revoked, or its member deactivated (each
// revokes the session). The credentials role cannot read identity's tables; this function answers
// for one session only, as its owner, like credentials.member_role does for a membership.
export class Migration20261201050000_document_grant_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function credentials.session_is_live(p_session uuid, p_user uuid, p_organization uuid) returns boolean
        language sql stable security definer set search_path = pg_catalog as $$
        select exists (select 1 from identity.sessions s
                        where s.id = p_session and s.user_id = p_user and s.organization_id = p_organization
                          and s.revoked_at is null and s.expires_at > now())
      $$`);
    this.addSql(`revoke all on function credentials.session_is_live(uuid, uuid, uuid) from public`);
    this.addSql(`grant execute on function credentials.session_is_live(uuid, uuid, uuid) to ${R.credentials}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists credentials.session_is_live(uuid, uuid, uuid)`);
  }
}
