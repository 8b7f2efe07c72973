// The per-request context of the gateway: who is calling, and the request id that every log
// line and every subgraph call carries.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { anonymousCaller, type Caller } from '../platform/caller.ts';
import { unauthenticated } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';

export interface GatewayContext {
  caller: Caller;
  logger: Logger;
  /** Fields the permission rules refused in this request ("Type.field"), reported to the audit log. */
  denials: { field: string; code: 'FORBIDDEN' | 'UNAUTHENTICATED' }[];
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A client-supplied X-Request-Id is kept when it is a UUID, so traces can be joined. Anything else
 * is replaced: request ids reach logs and audit events, and free text could carry PHI there.
 */
export function requestIdOf(req: Request): string {
  const given = req.header('x-request-id');
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The caller of a request. Without an Authorization header the caller is anonymous and reaches
 * only public fields. A bearer token must verify against the identity service's published keys;
 * no signing key is published yet, so every presented token is refused.
 */
export function authenticate(req: Request, requestId: string): Caller {
  const authorization = req.header('authorization');
  if (authorization !== undefined) throw unauthenticated('The access token could not be verified');
  return anonymousCaller(requestId, req.ip ?? null);
}
