// Who is making a request: built by the gateway from a verified access token and carried to the
// subgraphs in the signed context header (see service-signing.ts).

import type { Role } from '../domain/permission-matrix.ts';
import { isUuid } from './ids.ts';

export { ROLES, isRole, type Role } from '../domain/permission-matrix.ts';

export interface Caller {
  /** Null for an anonymous caller. */
  userId: string | null;
  organizationId: string | null;
  role: Role | null;
  sessionId: string | null;
  requestId: string;
  sourceIp: string | null;
  /**
   * Set for a user whose role requires MFA and who has not enrolled yet: the token may only
   * enroll (and sign out); every other operation is refused until enrollment is confirmed.
   */
  mfaEnrollmentOnly?: boolean;
  /**
   * Set for a session in a terminated organization (its owners may still sign in, to export):
   * every write is refused with ORGANIZATION_TERMINATED but those named in permissions.ts.
   */
  organizationTerminated?: boolean;
  /**
   * Set for a platform administrator's support session: the break-glass grant it reads under
   * (`organizationId` is the granted organization) and when the grant ends, in seconds since the
   * epoch. permissions.ts lets it read SUPPORT_ACCESS_OPERATIONS only, and nothing once it ends.
   */
  supportGrant?: SupportGrantClaim;
}

export interface SupportGrantClaim {
  id: string;
  endsAt: number;
}

/** The support grant that claims name (`support_grant`, `support_ends`), or undefined when they name none or are malformed. */
export function supportGrantFromClaims(payload: Record<string, unknown>): SupportGrantClaim | undefined {
  const { support_grant: id, support_ends: endsAt } = payload;
  if (!isUuid(id)) return undefined;
  if (typeof endsAt !== 'number' || !Number.isSafeInteger(endsAt)) return undefined;
  return { id, endsAt };
}

/** The claims that carry a support grant in an access token and in the gateway's signed context. */
export function supportGrantClaims(caller: Pick<Caller, 'supportGrant'>): { support_grant?: string; support_ends?: number } {
  return caller.supportGrant ? { support_grant: caller.supportGrant.id, support_ends: caller.supportGrant.endsAt } : {};
}

export function anonymousCaller(requestId: string, sourceIp: string | null): Caller {
  return { userId: null, organizationId: null, role: null, sessionId: null, requestId, sourceIp };
}
