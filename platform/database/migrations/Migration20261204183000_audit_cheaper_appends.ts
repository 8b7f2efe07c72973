import { Migration } from '@mikro-orm/migrations';
import { SERVICE_DATABASE_ROLES as R } from '../roles.ts';

// A listing's thousand VIEW events cost nearly five times the listing; these three changes take
// about half of the append's time:
// - The events' CHECK constraints ran three regular expressions per row, about 2 µs each. Each
//   check now accepts the values this code writes by a plain comparison first, and keeps its
//   pattern for anything else: what the table admits is exactly what it admitted before.
// - audit.append_events(template, resource_ids): many events alike but for the record each
//   concerns (a listing's views), as one event and the list of records. Reading each event out
//   of its own JSON object was a third of the append. It chains and writes them as the JSON-array
//   form does, under the one organization's head; it takes no sequence, time or hash either.
// - audit.event_hash formats the time and the previous hash once instead of twice, with the same
//   result (the chain tests compare it with domain/audit-chain.ts).
// By hand: constraints and functions.
const ACTIONS = ['VIEW', 'CREATE', 'UPDATE', 'DELETE', 'EXPORT', 'LOGIN', 'LOGIN_FAILED', 'LOGOUT', 'MFA_ENROLL', 'MFA_VERIFY', 'MFA_FAILED',
  'TOKEN_REFRESH', 'REFRESH_REUSE', 'ROLE_CHANGE', 'DEACTIVATE', 'INVITE', 'ACCESS_DENIED', 'INTEGRITY_ALERT'];
const ROLES = ['PLATFORM_ADMIN', 'ORG_OWNER', 'ORG_ADMIN', 'CREDENTIALING_STAFF', 'PHYSICIAN', 'AUDITOR', 'INCIDENT_RESPONDER'];
const RESOURCE_TYPES = ['AccessToken', 'Affiliation', 'AuditJob', 'AuditLog', 'AuditRetention', 'Backup', 'BaseBackup', 'BearerToken', 'Credential',
  'CredentialingFile', 'DatabaseRestore', 'DataKey', 'DeletionCertificate', 'Document', 'EncryptionKeys', 'GraphQLFields', 'Incident', 'IncidentDelay',
  'IncidentRiskAssessment', 'IncidentSettings', 'Invitation', 'KeyEncryptionKey', 'Membership', 'MonitoringAlert', 'Mutation', 'Organization',
  'OrganizationExport', 'OrganizationOffboarding', 'PasswordReset', 'Physician', 'PostIncidentReview', 'RemediationItem', 'SecurityAlert',
  'SecurityAlertSettings', 'Session', 'SupportAccessGrant', 'User', 'UserPassword', 'VerificationCheck', 'VerificationReview', 'VerificationSettings',
  'WalArchive', 'WebhookDelivery', 'WebhookSubscription'];

const list = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

/** Each check as it stood (its pattern) and as it becomes (the common values, then the pattern). */
const CHECKS = [
  { name: 'events_action_check', pattern: `action ~ '^[A-Z_]{2,40}$'`, values: `action in (${list(ACTIONS)})` },
  { name: 'events_actor_role_check', pattern: `actor_role ~ '^[A-Z_]{1,40}$'`, values: `actor_role in (${list(ROLES)})` },
  { name: 'events_resource_type_check', pattern: `resource_type ~ '^[A-Za-z][A-Za-z0-9_]{0,63}$'`, values: `resource_type in (${list(RESOURCE_TYPES)})` },
] as const;
const checkOf = (check: (typeof CHECKS)[number]) => `${check.values} or ${check.pattern}`;

/** The checks as this migration writes them, for the AuditEvent entity to declare (the schema diff test holds the two together). */
export const AUDIT_EVENT_CODE_CHECKS = { action: checkOf(CHECKS[0]), actorRole: checkOf(CHECKS[1]), resourceType: checkOf(CHECKS[2]) };

const FIELD = (value: string) => `coalesce(octet_length(${value})::text || ':' || ${value}, '~')`;

const EVENT_HASH = `
  create or replace function audit.event_hash(e audit.events) returns bytea language plpgsql immutable parallel safe as $$
  declare
    occurred text := to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    prev text := encode(e.prev_hash, 'hex');
  begin
    return sha256(convert_to(concat_ws('|', 'credence-audit-v1',
        ${[`e.organization_id::text`, `e.seq::text`, `occurred`, `e.actor_id::text`, `e.actor_role`, `e.source_ip`, `e.request_id`, `e.action`,
          `e.resource_type`, `e.resource_id`, `e.outcome`, `e.reason`, `prev`].map(FIELD).join(',\n        ')}), 'UTF8'));
  end $$`;

const APPEND_ALIKE = `
  create function audit.append_events(template jsonb, resource_ids text[]) returns void
    language plpgsql security definer set search_path = pg_catalog, audit as $$
  declare
    e audit.events;
    head audit.chain_heads%rowtype;
    chained audit.events[] := '{}';
    resource_id text;
  begin
    if jsonb_typeof(template) is distinct from 'object' or resource_ids is null then
      raise exception 'audit.append_events takes an event as a JSON object and a list of resource ids' using errcode = '22023';
    end if;
    if cardinality(resource_ids) = 0 then
      return;
    end if;
    e := jsonb_populate_record(null::audit.events, template);
    select * into head from chain_heads where organization_id = e.organization_id for update;
    if not found then -- the organization's first event: start its chain at the genesis hash
      insert into chain_heads (organization_id, seq, hash)
        values (e.organization_id, 0, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
        on conflict (organization_id) do nothing;
      select * into head from chain_heads where organization_id = e.organization_id for update;
    end if;
    foreach resource_id in array resource_ids loop
      -- The template's own sequence, time or hash, if it names any, is overwritten here.
      e.resource_id := resource_id;
      e.seq := head.seq + 1;
      e.occurred_at := date_trunc('microseconds', clock_timestamp());
      e.prev_hash := head.hash;
      e.hash := event_hash(e);
      head.seq := e.seq;
      head.hash := e.hash;
      chained[cardinality(chained) + 1] := e;
    end loop;
    -- events_chain_heads moves the head after this statement, as after any other insert.
    insert into events select * from unnest(chained);
  end $$`;

export class Migration20261204183000_audit_cheaper_appends extends Migration {
  override async up(): Promise<void> {
    const writers = [R.identity, R.credentials, R.audit, R.worker].join(', ');
    for (const check of CHECKS) {
      // NOT VALID, then VALIDATE: the table is scanned without holding off appends meanwhile.
      this.addSql(`alter table audit.events drop constraint ${check.name}, add constraint ${check.name} check (${checkOf(check)}) not valid`);
      this.addSql(`alter table audit.events validate constraint ${check.name}`);
    }
    this.addSql(EVENT_HASH);
    this.addSql(APPEND_ALIKE);
    this.addSql(`revoke all on function audit.append_events(jsonb, text[]) from public`);
    this.addSql(`grant execute on function audit.append_events(jsonb, text[]) to ${writers}`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function audit.append_events(jsonb, text[])`);
    for (const check of CHECKS) {
      this.addSql(`alter table audit.events drop constraint ${check.name}, add constraint ${check.name} check (${check.pattern})`);
    }
    // audit.event_hash stays as it is: its hashes are the same as the form it replaced.
  }
}
