import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Break-glass support access: the grants (a platform administrator's time-limited access to one
// organization, for a reason code and a ticket), the support sessions that read under them
// (identity.sessions.support_grant_id), and physicians visible to a support session in the
// organization it acts in (reads only: the write check still names staff). From the entity model.
export class Migration20261202040219_support_access extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."support_access_grants" ("id" uuid not null, "organization_id" uuid not null, "requested_by" uuid not null, "reason" text not null, "ticket" text not null, "starts_at" timestamptz not null default now(), "ends_at" timestamptz not null, "ended_at" timestamptz null, "ended_by" uuid null, primary key ("id"))`);
    this.addSql(`create index "support_access_grants_organization" on "identity"."support_access_grants" ("organization_id", "starts_at")`);
    this.addSql(`drop policy "caller_scope" on "credentials"."physicians"`);
    this.addSql(`drop policy "caller_updates" on "credentials"."physicians"`);
    this.addSql(`alter table "identity"."sessions" add "support_grant_id" uuid null`);
    this.addSql(`alter table "identity"."sessions" add constraint "sessions_support_grant_id_fkey" foreign key ("support_grant_id") references "identity"."support_access_grants" ("id") on update no action on delete no action`);
    this.addSql(`create policy "caller_scope" on "credentials"."physicians" for select to ${R.credentials} using (((app.current_role_name() in ('ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF') or app.current_role_name() = 'PLATFORM_ADMIN') and organization_id = app.current_organization_id() and credentials.affiliated_with_current_organization(id)) or (app.current_role_name() = 'PHYSICIAN' and organization_id = app.current_organization_id() and user_id = app.current_user_id()))`);
    this.addSql(`create policy "caller_updates" on "credentials"."physicians" for update to ${R.credentials} using (((app.current_role_name() in ('ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF') or app.current_role_name() = 'PLATFORM_ADMIN') and organization_id = app.current_organization_id() and credentials.affiliated_with_current_organization(id)) or (app.current_role_name() = 'PHYSICIAN' and organization_id = app.current_organization_id() and user_id = app.current_user_id())) with check ((app.current_role_name() in ('ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF') and organization_id = app.current_organization_id()) or (app.current_role_name() = 'PHYSICIAN' and organization_id = app.current_organization_id() and user_id = app.current_user_id()))`);
    this.addSql(`alter table "identity"."support_access_grants" add constraint "support_access_grants_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id") on update no action on delete no action`);
    this.addSql(`alter table "identity"."support_access_grants" add constraint "support_access_grants_ends_after_start" check (ends_at > starts_at)`);
    this.addSql(`alter table "identity"."support_access_grants" add constraint "support_access_grants_reason_check" check (reason ~ '^[a-z][a-z0-9_]{0,63}$')`);
    this.addSql(`alter table "identity"."support_access_grants" add constraint "support_access_grants_ticket_check" check (ticket ~ '^[A-Z][A-Z0-9]{1,9}-[0-9]{1,9}$')`);
    this.addSql(`alter table "identity"."support_access_grants" enable row level security`);
    this.addSql(`alter table "identity"."support_access_grants" force row level security`);
    this.addSql(`create policy "caller_scope" on "identity"."support_access_grants" for select to ${R.identity} using (organization_id = app.current_organization_id() or (app.current_role_name() = 'PLATFORM_ADMIN' and requested_by = app.current_user_id()))`);
    this.addSql(`create policy "caller_requests" on "identity"."support_access_grants" for insert to ${R.identity} with check (app.current_role_name() = 'PLATFORM_ADMIN' and requested_by = app.current_user_id())`);
    this.addSql(`create policy "owner_ends" on "identity"."support_access_grants" for update to ${R.identity} using (app.current_role_name() = 'ORG_OWNER' and organization_id = app.current_organization_id()) with check (app.current_role_name() = 'ORG_OWNER' and organization_id = app.current_organization_id())`);
    this.addSql(`create policy "owner_maintains" on "identity"."support_access_grants" to "credence_owner" using (true) with check (true)`);
    this.addSql(`grant insert, select, update on identity.support_access_grants to ${R.identity}`);
  }

  override async down(): Promise<void> {
    this.addSql(`revoke insert, select, update on identity.support_access_grants from ${R.identity}`);
    this.addSql(`alter table "identity"."sessions" drop constraint "sessions_support_grant_id_fkey"`);
    this.addSql(`drop table if exists "identity"."support_access_grants" cascade`);
    this.addSql(`drop policy "caller_scope" on "credentials"."physicians"`);
    this.addSql(`drop policy "caller_updates" on "credentials"."physicians"`);
    this.addSql(`create policy "caller_scope" on "credentials"."physicians" for select to ${R.credentials} using ((((app.current_role_name() = ANY (ARRAY['ORG_OWNER'::text, 'ORG_ADMIN'::text, 'CREDENTIALING_STAFF'::text])) AND (organization_id = app.current_organization_id()) AND credentials.affiliated_with_current_organization(id)) OR ((app.current_role_name() = 'PHYSICIAN'::text) AND (organization_id = app.current_organization_id()) AND (user_id = app.current_user_id()))))`);
    this.addSql(`create policy "caller_updates" on "credentials"."physicians" for update to ${R.credentials} using ((((app.current_role_name() = ANY (ARRAY['ORG_OWNER'::text, 'ORG_ADMIN'::text, 'CREDENTIALING_STAFF'::text])) AND (organization_id = app.current_organization_id()) AND credentials.affiliated_with_current_organization(id)) OR ((app.current_role_name() = 'PHYSICIAN'::text) AND (organization_id = app.current_organization_id()) AND (user_id = app.current_user_id())))) with check ((((app.current_role_name() = ANY (ARRAY['ORG_OWNER'::text, 'ORG_ADMIN'::text, 'CREDENTIALING_STAFF'::text])) AND (organization_id = app.current_organization_id())) OR ((app.current_role_name() = 'PHYSICIAN'::text) AND (organization_id = app.current_organization_id()) AND (user_id = app.current_user_id()))))`);
    this.addSql(`alter table "identity"."sessions" drop column "support_grant_id"`);
  }
}
