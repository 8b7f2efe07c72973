// The one audit writer. Every access to protected data and every denied attempt is recorded
// here, in the same transaction as the access (fail closed: if the event cannot be written, the
// access does not happen). The database chains each event to its organization's previous one.
import type { Caller, Role } from './caller.ts';
import { executeWithBindParameters, runAsCaller, type EntityManager, type MikroORM } from './database/orm.ts';
import type { AuditResourceName } from '../domain/audit-resource-types.ts';

export const AUDIT_ACTIONS = [
  'VIEW', 'CREATE', 'UPDATE', 'DELETE', 'EXPORT',
  'LOGIN', 'LOGIN_FAILED', 'LOGOUT', 'MFA_ENROLL', 'MFA_VERIFY', 'MFA_FAILED', 'TOKEN_REFRESH', 'REFRESH_REUSE',
  'ROLE_CHANGE', 'DEACTIVATE', 'INVITE', 'ACCESS_DENIED', 'INTEGRITY_ALERT',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = 'SUCCESS' | 'FAILURE';

/** Events that belong to no organization (a failed login for an unknown account, say) are chained here. */
export const PLATFORM_ORGANIZATION_ID = '00000000-0000-0000-0000-000000000000';

/** The audit subgraph's internal route where the gateway reports the fields its permission rules refused. */
export const GATEWAY_DENIALS_ROUTE = 'denials';

/** The audit subgraph's internal route where the gateway records what a support session is about to read, before it runs. */
export const GATEWAY_SUPPORT_READS_ROUTE = 'support-reads';

/** The reason that marks an event as done under a break-glass support grant. */
export const supportGrantReason = (grantId: string) => `support_grant:${grantId}`;

/** Identity's internal route where the gateway records the fetch of an organization's data export package, before it sends it. */
export const EXPORT_FETCHES_ROUTE = 'organization-export-fetches';

/** The audit subgraph's internal route where the gateway reports a bearer token it refused. */
export const GATEWAY_REFUSALS_ROUTE = 'refusals';
/** Why the gateway refused a bearer token; recorded as the reason `bearer:<reason>`. */
export const TOKEN_REFUSAL_REASONS = ['invalid', 'expired', 'revoked'] as const;
export type TokenRefusalReason = (typeof TOKEN_REFUSAL_REASONS)[number];

/** A reason is a short machine code, never free text: it cannot carry PHI. */
export const REASON_PATTERN = /^[a-z][a-z0-9_.:-]{0,99}$/;

export interface AuditEventInput {
  action: AuditAction;
  resourceType: AuditResourceName;
  resourceId?: string | null;
  outcome: AuditOutcome;
  reason?: string | null;
  /** Defaults to the caller's organization, else the platform chain. */
  organizationId?: string;
  /** Defaults to the caller (set these for events about a user who is not yet authenticated). */
  actorId?: string | null;
  actorRole?: Role | null;
}

// Array.isArray narrows a readonly array to any[]: this keeps its element type.
const isEventList = (events: AuditEventInput | readonly AuditEventInput[]): events is readonly AuditEventInput[] => Array.isArray(events);

/** Records one event, or several in one statement (a listing that shows protected fields of many records). */
export async function recordAudit(em: EntityManager, caller: Caller, events: AuditEventInput | readonly AuditEventInput[]): Promise<void> {
  const list = isEventList(events) ? events : [events];
  if (list.length === 0) return;
  const rows = list.map((given) => {
    if (given.reason && !REASON_PATTERN.test(given.reason)) throw new Error(`Audit reason must be a short code, got "${given.reason}"`);
    const event = caller.supportGrant ? { ...given, reason: underSupportGrant(given.reason, caller.supportGrant.id) } : given;
    return {
      organization_id: event.organizationId ?? caller.organizationId ?? PLATFORM_ORGANIZATION_ID,
      actor_id: event.actorId === undefined ? caller.userId : event.actorId,
      actor_role: event.actorRole === undefined ? caller.role : event.actorRole,
      source_ip: caller.sourceIp,
      request_id: caller.requestId,
      action: event.action,
      resource_type: event.resourceType,
      resource_id: event.resourceId ?? null,
      outcome: event.outcome,
      reason: event.reason ?? null,
    };
  });
  // audit.append_events chains them all under one lock of each organization's head (a function
  // call: raw SQL, as the chain is the database's own; the events as bind parameters). Events
  // alike but for the record each concerns (a listing's views) go as one event and the list of
  // records, which the database reads a third faster than one JSON object per event.
  const [first] = rows;
  if (rows.length > 1 && rows.every((row) => alikeButForTheRecord(row, first!))) {
    await executeWithBindParameters(em, 'select audit.append_events($1::jsonb, $2::text[])', [JSON.stringify({ ...first, resource_id: null }), rows.map((row) => row.resource_id)]);
  } else {
    await executeWithBindParameters(em, 'select audit.append_events($1::jsonb)', [JSON.stringify(rows)]);
  }
}

function alikeButForTheRecord<Row extends { resource_id: string | null }>(row: Row, first: Row): boolean {
  for (const key in row) if (key !== 'resource_id' && row[key] !== first[key]) return false;
  return true;
}

/**
 * What a support session does is recorded under its grant: the event's reason gains
 * `support_grant:<id>` (alone when the reason would grow too long; the request id still joins it
 * to the gateway's record of the request, which always names the grant).
 */
function underSupportGrant(reason: string | null | undefined, grantId: string): string {
  const tag = supportGrantReason(grantId);
  if (!reason) return tag;
  const both = `${reason}:${tag}`;
  return REASON_PATTERN.test(both) ? both : tag;
}

/**
 * A denial is recorded in a transaction of its own, because the denied request's work (if any)
 * is rolled back: the FAILURE event must survive it.
 */
export async function recordDenial(orm: MikroORM, caller: Caller, event: Omit<AuditEventInput, 'action' | 'outcome'> & { action?: AuditAction }): Promise<void> {
  await runAsCaller(orm, caller, (em) => recordAudit(em, caller, { action: 'ACCESS_DENIED', ...event, outcome: 'FAILURE' }));
}

export interface RefusalInput extends Omit<AuditEventInput, 'action' | 'outcome' | 'reason'> {
  /** ACCESS_DENIED unless given (LOGIN_FAILED for a wrong password, say). */
  action?: AuditAction;
  reason: string;
}

/**
 * A refusal that anyone can provoke at will (an invalid bearer token, a refused document link, a
 * wrong password, a field refused to an anonymous caller), recorded aggregated: the first one in a
 * minute per organization, source address (IPv6 by /64), action, resource type and reason is
 * written as a FAILURE event at once; the others of that minute are counted, and the worker writes
 * the count as one event when the minute is over (audit.record_refusal in the database). In a
 * transaction of its own, like a denial; it throws when the refusal cannot be recorded, so the
 * caller fails closed. Returns whether an event was written now.
 */
export async function recordRefusal(orm: MikroORM, caller: Caller, refusal: RefusalInput): Promise<{ written: boolean }> {
  if (!REASON_PATTERN.test(refusal.reason)) throw new Error(`Audit reason must be a short code, got "${refusal.reason}"`);
  // Raw SQL: a SECURITY DEFINER function (refusals are tallied by the database, not written by services).
  const [row] = await runAsCaller(orm, caller, (em) =>
    em.execute<{ written: boolean }[]>('select audit.record_refusal(?, ?, ?, ?, ?, ?, ?, ?, ?) as written', [
      refusal.organizationId ?? caller.organizationId ?? PLATFORM_ORGANIZATION_ID,
      refusal.actorId === undefined ? caller.userId : refusal.actorId,
      refusal.actorRole === undefined ? caller.role : refusal.actorRole,
      caller.sourceIp,
      caller.requestId,
      refusal.action ?? 'ACCESS_DENIED',
      refusal.resourceType,
      refusal.resourceId ?? null,
      refusal.reason,
    ]));
  return { written: row?.written === true };
}
