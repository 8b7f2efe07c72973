import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Webhooks out, from the entity model: an organization's subscriptions (managed through the
// credentials service, their secrets field-encrypted), and the deliveries the worker writes in the
// transaction of each event and sends, with one row per attempt. In the credentials schema, so the
// worker's data key rotation re-encrypts the secrets with the other encrypted columns.
export class Migration20261202025501_webhooks_out extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "credentials"."webhook_subscriptions" ("id" uuid not null, "organization_id" uuid not null, "url" text not null, "events" text[] not null, "secret" bytea null, "previous_secret" bytea null, "previous_secret_until" timestamptz null, "created_by" uuid null, "created_at" timestamptz not null default now(), "secret_rotated_at" timestamptz null, "deleted_at" timestamptz null, primary key ("id"))`);
    this.addSql(`create index "webhook_subscriptions_active" on "credentials"."webhook_subscriptions" ("organization_id") where deleted_at is null`);
    this.addSql(`create table "credentials"."webhook_deliveries" ("id" uuid not null, "organization_id" uuid not null, "subscription_id" uuid not null, "event_id" text not null, "event_type" text not null, "payload" text not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "claimed_by" uuid null, "claimed_until" timestamptz null, "last_http_status" int null, "last_error" text null, "created_at" timestamptz not null default now(), "delivered_at" timestamptz null, primary key ("id"))`);
    this.addSql(`create index "webhook_deliveries_due" on "credentials"."webhook_deliveries" ("next_attempt_at") where status in ('PENDING', 'SENDING')`);
    this.addSql(`create index "webhook_deliveries_log" on "credentials"."webhook_deliveries" ("subscription_id", "created_at", "id")`);
    this.addSql(`alter table "credentials"."webhook_deliveries" add constraint "webhook_deliveries_event" unique ("subscription_id", "event_id")`);
    this.addSql(`create table "credentials"."webhook_delivery_attempts" ("id" uuid not null, "organization_id" uuid not null, "delivery_id" uuid not null, "attempt" int not null, "attempted_at" timestamptz not null default now(), "http_status" int null, "error_code" text null, "duration_ms" int not null, primary key ("id"))`);
    this.addSql(`alter table "credentials"."webhook_delivery_attempts" add constraint "webhook_delivery_attempts_attempt" unique ("delivery_id", "attempt")`);
    this.addSql(`alter table "credentials"."webhook_subscriptions" add constraint "webhook_subscriptions_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id")`);
    this.addSql(`alter table "credentials"."webhook_subscriptions" add constraint "webhook_subscriptions_secret" check ((deleted_at is null) = (secret is not null))`);
    this.addSql(`alter table "credentials"."webhook_subscriptions" add constraint "webhook_subscriptions_previous_secret" check ((previous_secret is null) = (previous_secret_until is null))`);
    this.addSql(`alter table "credentials"."webhook_subscriptions" add constraint "webhook_subscriptions_url_check" check (length(url) >= 8 and length(url) <= 2000)`);
    this.addSql(`alter table "credentials"."webhook_subscriptions" add constraint "webhook_subscriptions_events_check" check (cardinality(events) > 0 and cardinality(events) <= 16)`);
    this.addSql(`alter table "credentials"."webhook_subscriptions" enable row level security`);
    this.addSql(`alter table "credentials"."webhook_subscriptions" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."webhook_subscriptions" to ${R.credentials} using (organization_id = app.current_organization_id()) with check (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_maintains" on "credentials"."webhook_subscriptions" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."webhook_subscriptions" to "credence_owner" using (true) with check (true)`);
    this.addSql(`alter table "credentials"."webhook_deliveries" add constraint "webhook_deliveries_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id")`);
    this.addSql(`alter table "credentials"."webhook_deliveries" add constraint "webhook_deliveries_subscription_id_fkey" foreign key ("subscription_id") references "credentials"."webhook_subscriptions" ("id")`);
    this.addSql(`alter table "credentials"."webhook_deliveries" add constraint "webhook_deliveries_event_id_check" check (event_id ~ '^evt_[0-9a-f-]{36}$')`);
    this.addSql(`alter table "credentials"."webhook_deliveries" add constraint "webhook_deliveries_event_type_check" check (event_type in ('verification.completed', 'review.required', 'credential.expiring', 'credential.expired', 'physician.excluded', 'credentialing.decided'))`);
    this.addSql(`alter table "credentials"."webhook_deliveries" add constraint "webhook_deliveries_payload_check" check (length(payload) <= 16384)`);
    this.addSql(`alter table "credentials"."webhook_deliveries" add constraint "webhook_deliveries_last_error_check" check (last_error ~ '^[a-z0-9_.:-]{1,64}$')`);
    this.addSql(`alter table "credentials"."webhook_deliveries" add constraint "webhook_deliveries_status_check" check ("status" in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED', 'CANCELLED'))`);
    this.addSql(`alter table "credentials"."webhook_deliveries" enable row level security`);
    this.addSql(`alter table "credentials"."webhook_deliveries" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."webhook_deliveries" for select to ${R.credentials} using (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_delivers" on "credentials"."webhook_deliveries" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."webhook_deliveries" to "credence_owner" using (true) with check (true)`);
    this.addSql(`alter table "credentials"."webhook_delivery_attempts" add constraint "webhook_delivery_attempts_organization_id_fkey" foreign key ("organization_id") references "identity"."organizations" ("id")`);
    this.addSql(`alter table "credentials"."webhook_delivery_attempts" add constraint "webhook_delivery_attempts_delivery_id_fkey" foreign key ("delivery_id") references "credentials"."webhook_deliveries" ("id")`);
    this.addSql(`alter table "credentials"."webhook_delivery_attempts" add constraint "webhook_delivery_attempts_attempt_check" check (attempt >= 1)`);
    this.addSql(`alter table "credentials"."webhook_delivery_attempts" add constraint "webhook_delivery_attempts_error_code_check" check (error_code ~ '^[a-z0-9_.:-]{1,64}$')`);
    this.addSql(`alter table "credentials"."webhook_delivery_attempts" add constraint "webhook_delivery_attempts_duration_ms_check" check (duration_ms >= 0)`);
    this.addSql(`alter table "credentials"."webhook_delivery_attempts" enable row level security`);
    this.addSql(`alter table "credentials"."webhook_delivery_attempts" force row level security`);
    this.addSql(`create policy "caller_scope" on "credentials"."webhook_delivery_attempts" for select to ${R.credentials} using (organization_id = app.current_organization_id())`);
    this.addSql(`create policy "worker_delivers" on "credentials"."webhook_delivery_attempts" to ${R.worker} using (true) with check (true)`);
    this.addSql(`create policy "owner_maintains" on "credentials"."webhook_delivery_attempts" to "credence_owner" using (true) with check (true)`);
    this.addSql(`grant select on credentials.webhook_deliveries to ${R.credentials}`);
    this.addSql(`grant delete, insert, select, update (attempts, claimed_by, claimed_until, delivered_at, last_error, last_http_status, next_attempt_at, status) on credentials.webhook_deliveries to ${R.worker}`);
    this.addSql(`grant select on credentials.webhook_delivery_attempts to ${R.credentials}`);
    this.addSql(`grant delete, insert, select on credentials.webhook_delivery_attempts to ${R.worker}`);
    this.addSql(`grant insert, select, update (deleted_at, previous_secret, previous_secret_until, secret, secret_rotated_at) on credentials.webhook_subscriptions to ${R.credentials}`);
    this.addSql(`grant delete, select, update (previous_secret, secret) on credentials.webhook_subscriptions to ${R.worker}`);
  }

  override async down(): Promise<void> {
    this.addSql(`revoke select on credentials.webhook_deliveries from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select, update (attempts, claimed_by, claimed_until, delivered_at, last_error, last_http_status, next_attempt_at, status) on credentials.webhook_deliveries from ${R.worker}`);
    this.addSql(`revoke select on credentials.webhook_delivery_attempts from ${R.credentials}`);
    this.addSql(`revoke delete, insert, select on credentials.webhook_delivery_attempts from ${R.worker}`);
    this.addSql(`revoke insert, select, update (deleted_at, previous_secret, previous_secret_until, secret, secret_rotated_at) on credentials.webhook_subscriptions from ${R.credentials}`);
    this.addSql(`revoke delete, select, update (previous_secret, secret) on credentials.webhook_subscriptions from ${R.worker}`);
    this.addSql(`alter table "credentials"."webhook_deliveries" drop constraint "webhook_deliveries_subscription_id_fkey"`);
    this.addSql(`alter table "credentials"."webhook_delivery_attempts" drop constraint "webhook_delivery_attempts_delivery_id_fkey"`);
    this.addSql(`drop table if exists "credentials"."webhook_subscriptions" cascade`);
    this.addSql(`drop table if exists "credentials"."webhook_deliveries" cascade`);
    this.addSql(`drop table if exists "credentials"."webhook_delivery_attempts" cascade`);
  }
}
