import { Migration } from '@mikro-orm/migrations';
import { OWNER_DATABASE_ROLE } from '../roles.ts';

// The owner's policies name the fixed group role credence_owner (which provisioning creates and
// grants to the owner login that runs it) instead of that login itself, whose name differs per
// environment: so the entity model, which declares every policy, can name it too.
const TABLES_WITH_OWNER_POLICY = [
  'audit.chain_anchors', 'audit.checkpoints', 'audit.events', 'audit.exports', 'audit.refusal_tallies', 'audit.retention_settings',
  'credentials.affiliations', 'credentials.credentials', 'credentials.documents', 'credentials.physicians', 'credentials.verifications',
  'identity.invitations', 'identity.memberships', 'identity.mfa_challenges', 'identity.organizations', 'identity.password_resets',
  'identity.recovery_codes', 'identity.refresh_tokens', 'identity.sessions', 'identity.users',
  'keys.data_keys', 'mail.outbox',
];

export class Migration20261201220000_owner_role extends Migration {
  override async up(): Promise<void> {
    for (const table of TABLES_WITH_OWNER_POLICY) {
      this.addSql(`drop policy owner_maintains on ${table}`);
      this.addSql(`create policy owner_maintains on ${table} to ${OWNER_DATABASE_ROLE} using (true) with check (true)`);
    }
  }

  override async down(): Promise<void> {
    for (const table of TABLES_WITH_OWNER_POLICY) {
      this.addSql(`drop policy owner_maintains on ${table}`);
      this.addSql(`do $$ begin execute format('create policy owner_maintains on ${table} to %I using (true) with check (true)', current_user); end $$`);
    }
  }
}
