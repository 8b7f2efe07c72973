// The per-request context of the gateway: who is calling (anonymous, or the user a verified access
// token names), and the request id that every log line and every subgraph call carries.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { Kind, OperationTypeNode, parse, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { anonymousCaller, type Caller } from '../platform/caller.ts';
import { AppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { isPublic, operationForField, type RefusalCode } from '../platform/permissions.ts';
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
 * be had right now) — except a request whose every root field is public (signing in, refreshing,
 * reference data): a browser's stale header must not stop the very calls that replace it, so
 * such a request goes on as anonymous. The refused token is recorded in the audit log all the same.
 */
export async function authenticate(req: Request, requestId: string, accessTokens: AccessTokenVerifier): Promise<Caller> {
  const authorization = req.header('authorization');
  const sourceIp = req.ip ?? null;
  if (authorization === undefined) return anonymousCaller(requestId, sourceIp);
  try {
    return await accessTokens.verify(authorization, { requestId, sourceIp });
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED' && onlyPublicFields(req.body)) return anonymousCaller(requestId, sourceIp);
    throw error;
  }
}

/** Far above any sign-in document; a longer one is not examined (and so not public). */
const MAX_EXAMINED_TOKENS = 2_000;

/**
 * Whether the operation a GraphQL body would run selects only public root fields (by the
 * permission matrix), fragments included. Anything unparseable, ambiguous, a subscription, or
 * naming a field the matrix does not (`__typename` and introspection among them) is not.
 */
export function onlyPublicFields(body: unknown): boolean {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  let document;
  try {
    document = parse(query, { maxTokens: MAX_EXAMINED_TOKENS, noLocation: true });
  } catch {
    return false;
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = typeof operationName === 'string' ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation === OperationTypeNode.SUBSCRIPTION) return false;
  const rootType = operation.operation === OperationTypeNode.QUERY ? 'Query' : 'Mutation';
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const visited = new Set<string>();
  const allPublic = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return allPublic(selection.selectionSet);
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visited.has(fragment.name.value)) return fragment !== undefined;
        visited.add(fragment.name.value);
        return allPublic(fragment.selectionSet);
      }
      const guard = operationForField(rootType, selection.name.value);
      return guard !== undefined && isPublic(guard);
    });
  return allPublic(operation.selectionSet);
}
