// Who is making a request: built by the gateway from a verified access token and carried to the
// subgraphs in the signed context header (see service-signing.ts).

import type { Role } from '../domain/permission-matrix.ts';

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
}

export function anonymousCaller(requestId: string, sourceIp: string | null): Caller {
  return { userId: null, organizationId: null, role: null, sessionId: null, requestId, sourceIp };
}
