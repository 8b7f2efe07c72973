// audit.events: the audit log. Append-only and hash-chained per organization by the database
// itself (see Migration20261123010000_audit_log): the chain_event trigger fills seq, time and
// hashes, so no service chooses them, and advance_chain_heads moves the organization's chain head
// once per statement (Migration20261202203431_audit_chain_head_per_statement); refuse_change
// refuses UPDATE and DELETE to everyone but the retention purge.
import { defineEntity, p } from '@mikro-orm/core';
import { ownerMaintains, R, readsEveryRow, sameOrganization, type TableGrants } from '../../../platform/database/row-level-security.ts';
import { OWNER_DATABASE_ROLE } from '../../../platform/database/roles.ts';
// The codes' checks as their migration wrote them: the values this code writes, then the pattern.
import { AUDIT_EVENT_CODE_CHECKS } from '../../../platform/database/migrations/Migration20261204183000_audit_cheaper_appends.ts';

const writers = [R.identity, R.credentials, R.audit, R.worker];

export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  schema: 'audit',
  tableName: 'events',
  properties: {
    organizationId: p.uuid().primary(),
    seq: p.bigint('number').primary(),
    occurredAt: p.datetime(),
    actorId: p.uuid().nullable(),
    actorRole: p.text().nullable().check(AUDIT_EVENT_CODE_CHECKS.actorRole),
    sourceIp: p.text().nullable().check('length(source_ip) <= 64'),
    requestId: p.text().nullable().check('length(request_id) <= 128'),
    action: p.text().check(AUDIT_EVENT_CODE_CHECKS.action),
    resourceType: p.text().check(AUDIT_EVENT_CODE_CHECKS.resourceType),
    resourceId: p.text().nullable().check('length(resource_id) <= 128'),
    outcome: p.enum(['SUCCESS', 'FAILURE']),
    reason: p.text().nullable().check(`reason ~ '^[a-z][a-z0-9_.:-]{0,99}$'`),
    prevHash: p.blob(),
    hash: p.blob(),
  },
  primaryKeys: ['organizationId', 'seq'],
  indexes: [
    { name: 'events_org_time', properties: ['organizationId', 'occurredAt'] },
    { name: 'events_org_actor', properties: ['organizationId', 'actorId', 'seq'] },
    { name: 'events_org_resource', properties: ['organizationId', 'resourceType', 'resourceId', 'seq'] },
  ],
  // The functions they run are the migration's (raw SQL: the chain is the database's own).
  // events_no_truncate (before truncate, for each statement, refuse_change) is not listed:
  // MikroORM reads triggers from information_schema.triggers, which shows no TRUNCATE trigger, so
  // declaring it would read as a trigger to add.
  triggers: [
    {
      // Every row but those audit.append_events has chained already, running as the owner.
      name: 'events_chain', timing: 'before', events: ['insert'], forEach: 'row',
      when: `new.hash is null or not pg_has_role(current_user, '${OWNER_DATABASE_ROLE}', 'member')`,
      expression: `create trigger events_chain before insert on audit.events for each row when (new.hash is null or not pg_has_role(current_user, '${OWNER_DATABASE_ROLE}', 'member')) execute function audit.chain_event()`,
    },
    {
      name: 'events_chain_heads', timing: 'after', events: ['insert'], forEach: 'statement',
      expression: 'create trigger events_chain_heads after insert on audit.events referencing new table as new_events for each statement execute function audit.advance_chain_heads()',
    },
    {
      name: 'events_append_only', timing: 'before', events: ['update', 'delete'], forEach: 'row',
      expression: 'create trigger events_append_only before update or delete on audit.events for each row execute function audit.refuse_change()',
    },
  ],
  rowLevelSecurity: 'force',
  policies: [
    sameOrganization(R.audit),
    { name: 'append', command: 'insert', roles: writers, check: 'true' },
    ownerMaintains,
    // The worker verifies each chain before it signs a checkpoint over it.
    readsEveryRow('worker_verifies', R.worker),
  ],
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);

export const auditEventGrants: TableGrants = {
  table: 'audit.events',
  roles: { [R.identity]: ['insert'], [R.credentials]: ['insert'], [R.audit]: ['select', 'insert'], [R.worker]: ['select', 'insert'] },
};
