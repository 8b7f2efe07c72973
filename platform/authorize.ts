// The subgraphs' own check of the permission matrix (security model, layer 2). The gateway's
// shield runs after a root field has delegated its whole selection, so each subgraph must refuse
// what the caller's role may not have, and record the denial (not a view).
import { recordDenial } from './audit.ts';
import type { Caller } from './caller.ts';
import type { MikroORM } from './database/orm.ts';
import { assertMay, type Operation } from './permissions.ts';
import type { AuditResourceName } from '../domain/audit-resource-types.ts';

/**
 * The one check a resolver makes before it does anything for `caller`: refuses (FORBIDDEN or
 * UNAUTHENTICATED) an operation the matrix does not grant the caller's role, recording the denial
 * of `resource` through the subgraph's service.
 */
export async function authorize(
  service: { orm: MikroORM },
  caller: Caller,
  operation: Operation,
  resource: { type: AuditResourceName; id?: string | null },
): Promise<void> {
  try {
    assertMay(caller, operation);
  } catch (error) {
    await recordDenial(service.orm, caller, { resourceType: resource.type, resourceId: resource.id ?? null, reason: `missing_permission:${operation}` });
    throw error;
  }
}
