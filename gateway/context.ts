// The per-request context of the gateway: who is calling (anonymous, or the user a verified access
// token names), and the request id that every log line and every subgraph call carries.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { anonymousCaller, type Caller } from '../platform/caller.ts';
import type { Logger } from '../platform/logger.ts';
import type { RefusalCode } from '../platform/permissions.ts';
import type { AccessTokenVerifier } from './access-tokens.ts';
import type { SessionCookie } from './session-cookies.ts';
import { isUuid } from '../platform/ids.ts';

export interface GatewayContext {
  caller: Caller;
  logger: Logger;
  /** Fields the permission rules refused in this request ("Type.field"), reported to the audit log. */
  denials: { field: string; code: RefusalCode }[];
  /** Present when the request keeps its session in a cookie (x-credence-session: cookie). */
  sessionCookie?: SessionCookie;
}

/**
 * A client-supplied X-Request-Id is kept when it is a UUID, so traces can be joined. Anything else
 * is replaced: request ids reach logs and audit events, and free text could carry PHI there.
 */
export function requestIdOf(req: Request): string {
  const given = req.header('x-request-id');
  return isUuid(given) ? given : randomUUID();
}

/**
 * The caller of a request. Without an Authorization header the caller is anonymous and reaches
 * only public fields. With one, it must be `Bearer <access token>` and the token must verify
 * against identity's published keys, for a session identity has not revoked; anything else is
 * refused with UNAUTHENTICATED (SERVICE_UNAVAILABLE when the keys or the revocation list cannot
 * be had right now).
 */
export async function authenticate(req: Request, requestId: string, accessTokens: AccessTokenVerifier): Promise<Caller> {
  const authorization = req.header('authorization');
  const sourceIp = req.ip ?? null;
  if (authorization === undefined) return anonymousCaller(requestId, sourceIp);
  return accessTokens.verify(authorization, { requestId, sourceIp });
}
