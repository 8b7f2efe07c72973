import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// Schemas per subgraph, the functions RLS policies read the caller from, and schema-level
// privileges: each service reaches only its own schema; every service may write audit events.
export class Migration20261123000000_foundation extends Migration {
  override async up(): Promise<void> {
    const services = Object.values(R).join(', ');
    this.addSql(`revoke all on schema public from public`);
    this.addSql(`create schema if not exists app`);
    this.addSql(`create schema if not exists identity`);
    this.addSql(`create schema if not exists credentials`);
    this.addSql(`create schema if not exists audit`);
    this.addSql(`revoke all on schema app, identity, credentials, audit from public`);
    for (const [name, setting, type] of [
      ['current_organization_id', 'credence.organization_id', 'uuid'],
      ['current_user_id', 'credence.user_id', 'uuid'],
      ['current_role_name', 'credence.role', 'text'],
    ] as const) {
      this.addSql(
        `create or replace function app.${name}() returns ${type} language sql stable parallel safe
           as $$ select nullif(current_setting('${setting}', true), '')::${type} $$`,
      );
    }
    this.addSql(`revoke all on all functions in schema app from public`);
    this.addSql(`grant usage on schema app to ${services}`);
    this.addSql(`grant execute on all functions in schema app to ${services}`);
    this.addSql(`grant usage on schema identity to ${R.identity}, ${R.worker}`);
    this.addSql(`grant usage on schema credentials to ${R.credentials}, ${R.worker}`);
    this.addSql(`grant usage on schema audit to ${services}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop schema if exists audit, credentials, identity cascade`);
    this.addSql(`drop schema if exists app cascade`);
  }
}
