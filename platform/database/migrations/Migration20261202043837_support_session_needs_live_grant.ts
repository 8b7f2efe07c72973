import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// A platform administrator's support session reads physicians (and, through them, credentials) only
// while the break-glass grant its session names is live for the organization it acts in, checked
// by the database itself: a service that set the role and organization without a live grant sees
// nothing. The policies are from the entity model; by hand: app.support_grant_is_live(), as the
// owner of identity.support_access_grants (which no credentials role may read), reading only the
// caller's own settings.
export class Migration20261202043837_support_session_needs_live_grant extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function app.support_grant_is_live() returns boolean
        language plpgsql stable security definer set search_path = pg_catalog as $$
        declare
          grant_id text := current_setting('credence.support_grant', true);
        begin
          -- Most callers have none: checked before any cast, so an empty setting is never read as a uuid.
          if grant_id is null or grant_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
            return false;
          end if;
          return exists (
            select 1 from identity.support_access_grants g
             where g.id = grant_id::uuid and g.organization_id = app.current_organization_id()
               and g.ended_at is null and g.starts_at <= now() and now() < g.ends_at);
        end
      $$`);
    this.addSql(`revoke all on function app.support_grant_is_live() from public`);
    for (const role of Object.values(R)) this.addSql(`grant execute on function app.support_grant_is_live() to ${role}`);
    this.addSql(`drop policy "caller_scope" on "credentials"."physicians"`);
    this.addSql(`drop policy "caller_updates" on "credentials"."physicians"`);
    this.addSql(`create policy "caller_scope" on "credentials"."physicians" for select to ${R.credentials} using (((app.current_role_name() in ('ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF') or app.current_role_name() = 'PLATFORM_ADMIN' and app.support_grant_is_live()) and organization_id = app.current_organization_id() and credentials.affiliated_with_current_organization(id)) or (app.current_role_name() = 'PHYSICIAN' and organization_id = app.current_organization_id() and user_id = app.current_user_id()))`);
    this.addSql(`create policy "caller_updates" on "credentials"."physicians" for update to ${R.credentials} using (((app.current_role_name() in ('ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF') or app.current_role_name() = 'PLATFORM_ADMIN' and app.support_grant_is_live()) and organization_id = app.current_organization_id() and credentials.affiliated_with_current_organization(id)) or (app.current_role_name() = 'PHYSICIAN' and organization_id = app.current_organization_id() and user_id = app.current_user_id())) with check ((app.current_role_name() in ('ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF') and organization_id = app.current_organization_id()) or (app.current_role_name() = 'PHYSICIAN' and organization_id = app.current_organization_id() and user_id = app.current_user_id()))`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop policy "caller_scope" on "credentials"."physicians"`);
    this.addSql(`drop policy "caller_updates" on "credentials"."physicians"`);
    this.addSql(`create policy "caller_scope" on "credentials"."physicians" for select to ${R.credentials} using (((((app.current_role_name() = ANY (ARRAY['ORG_OWNER'::text, 'ORG_ADMIN'::text, 'CREDENTIALING_STAFF'::text])) OR (app.current_role_name() = 'PLATFORM_ADMIN'::text)) AND (organization_id = app.current_organization_id()) AND credentials.affiliated_with_current_organization(id)) OR ((app.current_role_name() = 'PHYSICIAN'::text) AND (organization_id = app.current_organization_id()) AND (user_id = app.current_user_id()))))`);
    this.addSql(`create policy "caller_updates" on "credentials"."physicians" for update to ${R.credentials} using (((((app.current_role_name() = ANY (ARRAY['ORG_OWNER'::text, 'ORG_ADMIN'::text, 'CREDENTIALING_STAFF'::text])) OR (app.current_role_name() = 'PLATFORM_ADMIN'::text)) AND (organization_id = app.current_organization_id()) AND credentials.affiliated_with_current_organization(id)) OR ((app.current_role_name() = 'PHYSICIAN'::text) AND (organization_id = app.current_organization_id()) AND (user_id = app.current_user_id())))) with check ((((app.current_role_name() = ANY (ARRAY['ORG_OWNER'::text, 'ORG_ADMIN'::text, 'CREDENTIALING_STAFF'::text])) AND (organization_id = app.current_organization_id())) OR ((app.current_role_name() = 'PHYSICIAN'::text) AND (organization_id = app.current_organization_id()) AND (user_id = app.current_user_id()))))`);
    this.addSql(`drop function app.support_grant_is_live()`);
  }
}
