// POST /internal/denials: the gateway reports the fields its permission rules refused to a
// caller, and each becomes an ACCESS_DENIED event with outcome FAILURE in the caller's chain.
// Only the gateway can call it (signed context); the caller recorded is the one it signed.
import { recordAudit } from '../../platform/audit.ts';
import { runAsCaller } from '../../platform/database/orm.ts';
import { badUserInput } from '../../platform/errors.ts';
import { isRefusalCode, type RefusalCode } from '../../platform/permissions.ts';
import type { SubgraphContext } from '../../platform/subgraph-server.ts';

const MAX_DENIALS = 50;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}\.[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface GatewayDenial {
  /** "Type.field" */
  field: string;
  code: RefusalCode;
}

export async function recordGatewayDenials(body: unknown, context: SubgraphContext): Promise<{ recorded: number }> {
  const denials = (body as { denials?: unknown })?.denials;
  if (!Array.isArray(denials) || denials.length === 0 || denials.length > MAX_DENIALS) throw badUserInput(`denials must list 1 to ${MAX_DENIALS} fields`);
  for (const denial of denials as GatewayDenial[]) {
    if (typeof denial?.field !== 'string' || !FIELD.test(denial.field) || !isRefusalCode(denial.code)) {
      throw badUserInput('each denial is { field: "Type.field", code: FORBIDDEN | UNAUTHENTICATED | MFA_ENROLLMENT_REQUIRED }');
    }
  }
  await runAsCaller(context.orm, context.caller, (em) =>
    recordAudit(em, context.caller, (denials as GatewayDenial[]).map((denial) => ({
      action: 'ACCESS_DENIED' as const, resourceType: 'GraphQLField', resourceId: denial.field, outcome: 'FAILURE' as const, reason: `gateway:${denial.code.toLowerCase()}`,
    }))));
  return { recorded: denials.length };
}
