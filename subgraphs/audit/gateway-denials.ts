// The audit subgraph's internal routes for what the gateway refuses on its own (it holds no
// database credentials). Only the gateway can call them (signed context); the caller recorded is
// the one it signed.
// - POST /internal/denials: the fields its permission rules refused in one request become ONE
//   ACCESS_DENIED event naming them. An anonymous caller's denials are aggregated per address and
//   minute (recordRefusal), so a flood of refused fields writes one event a minute, not thousands.
// - POST /internal/refusals: a bearer token it refused (invalid, expired, revoked), aggregated too.
// - POST /internal/support-reads: the fields a support session's request is about to read, ONE
//   VIEW event per request under its grant (reason support_grant:<id>), before the request runs.
import { recordAudit, recordRefusal, TOKEN_REFUSAL_REASONS, type AuditEventInput, type TokenRefusalReason } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { runAsCaller } from '../../platform/database/orm.ts';
import { badUserInput } from '../../platform/errors.ts';
import { isRefusalCode, type RefusalCode } from '../../platform/permissions.ts';
import type { AuditService } from './service.ts';

const MAX_DENIALS = 50;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}\.[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** The longest resource id an event holds. */
const RESOURCE_ID_LENGTH = 128;

export interface GatewayDenial {
  /** "Type.field" */
  field: string;
  code: RefusalCode;
}

/**
 * The refused fields, compactly: by type, `Type.field1,field2;Other.field3`, cut at a field to fit
 * a resource id, with `;+N` naming how many more there were.
 */
export function refusedFieldList(fields: readonly string[]): string {
  const byType = new Map<string, string[]>();
  for (const field of [...new Set(fields)].sort()) {
    const [type, name] = field.split('.') as [string, string];
    byType.set(type, [...(byType.get(type) ?? []), name]);
  }
  const total = [...byType.values()].reduce((sum, names) => sum + names.length, 0);
  let text = '';
  let listed = 0;
  for (const [type, names] of byType) {
    for (const [index, name] of names.entries()) {
      const piece = index === 0 ? `${text === '' ? '' : ';'}${type}.${name}` : `,${name}`;
      const rest = total - listed - 1;
      if ((text + piece).length + (rest > 0 ? `;+${rest}`.length : 0) > RESOURCE_ID_LENGTH) return `${text};+${total - listed}`;
      text += piece;
      listed += 1;
    }
  }
  return text;
}

export async function recordGatewayDenials(service: AuditService, caller: Caller, body: unknown): Promise<{ recorded: number }> {
  const denials = (body as { denials?: unknown })?.denials;
  if (!Array.isArray(denials) || denials.length === 0 || denials.length > MAX_DENIALS) throw badUserInput(`denials must list 1 to ${MAX_DENIALS} fields`);
  for (const denial of denials as GatewayDenial[]) {
    if (typeof denial?.field !== 'string' || !FIELD.test(denial.field) || !isRefusalCode(denial.code)) {
      throw badUserInput('each denial is { field: "Type.field", code: FORBIDDEN | UNAUTHENTICATED | MFA_ENROLLMENT_REQUIRED }');
    }
  }
  const list = denials as GatewayDenial[];
  const codes = [...new Set(list.map((denial) => denial.code.toLowerCase()))].sort();
  const event = {
    resourceType: 'GraphQLFields' as const, resourceId: refusedFieldList(list.map((denial) => denial.field)), reason: `gateway:${codes.join(':')}`,
  };
  if (caller.userId === null) {
    await recordRefusal(service.orm, caller, event);
  } else {
    await runAsCaller(service.orm, caller, (em) => recordAudit(em, caller, { ...event, action: 'ACCESS_DENIED', outcome: 'FAILURE' } satisfies AuditEventInput));
  }
  return { recorded: list.length };
}

export async function recordGatewayRefusal(service: AuditService, caller: Caller, body: unknown): Promise<{ written: boolean }> {
  const reason = (body as { reason?: unknown })?.reason;
  if (!TOKEN_REFUSAL_REASONS.includes(reason as TokenRefusalReason)) throw badUserInput(`reason must be one of ${TOKEN_REFUSAL_REASONS.join(', ')}`);
  return recordRefusal(service.orm, caller, { resourceType: 'AccessToken', reason: `bearer:${reason as TokenRefusalReason}` });
}

/** The fields a support session's request reads, as one VIEW event under its grant, in the granted organization's chain. */
export async function recordSupportRead(service: AuditService, caller: Caller, body: unknown): Promise<{ recorded: number }> {
  if (!caller.supportGrant || caller.role !== 'PLATFORM_ADMIN' || !caller.organizationId) throw badUserInput('only a support session\'s reads are recorded here');
  const fields = (body as { fields?: unknown })?.fields;
  if (!Array.isArray(fields) || fields.length === 0 || fields.length > 1_000 || !fields.every((field) => typeof field === 'string' && FIELD.test(field))) {
    throw badUserInput('fields must list 1 to 1000 fields as "Type.field"');
  }
  // recordAudit adds the grant to the reason of every event of a support session.
  await runAsCaller(service.orm, caller, (em) => recordAudit(em, caller, {
    action: 'VIEW', resourceType: 'GraphQLFields' as const, resourceId: refusedFieldList(fields as string[]), outcome: 'SUCCESS', reason: 'support_read',
  }));
  return { recorded: fields.length };
}
