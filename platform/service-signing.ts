// Gateway → subgraph trust. The gateway signs the caller's context for one subgraph and one
// request body (HS256 JWT, 30 s); a subgraph accepts nothing without a valid signature, so it
// cannot be used around the gateway, and a captured header cannot be replayed with another query
// or against another subgraph.
import { createHash } from 'node:crypto';
import { jwtVerify } from 'jose';
import { type Caller, isRole } from './caller.ts';
import type { SubgraphName } from './config.ts';
import { unauthenticated } from './errors.ts';
import { hmacSha256, oncePerSecret } from './hmac.ts';

export const CONTEXT_HEADER = 'x-credence-context';

/** Where a subgraph serves an internal route: POST /internal/<route>, beside /graphql, for the gateway alone. */
export function internalRoutePath(route: string): string {
  return `/internal/${route}`;
}

/** Calls a subgraph's internal route (its GraphQL URL names the subgraph's address): `payload` as JSON, signed for that subgraph as `caller`. */
export function callInternalRoute(options: {
  graphqlUrl: string;
  audience: SubgraphName;
  route: string;
  secret: Uint8Array;
  caller: Caller;
  payload: unknown;
  signal: AbortSignal;
}): Promise<Response> {
  const body = JSON.stringify(options.payload);
  return fetch(options.graphqlUrl.replace(/\/graphql$/, internalRoutePath(options.route)), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: signCallerContext(options.secret, options.caller, { audience: options.audience, body }) },
    body,
    redirect: 'error',
    signal: options.signal,
  });
}
const ISSUER = 'credence-gateway';
const LIFETIME_SECONDS = 30;

export function bodyDigest(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** The protected header of every context: HS256, typed so that no other JWT passes for one. */
const CONTEXT_HEADER_SEGMENT = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'credence-context+jwt' })).toString('base64url');

/**
 * The caller's context for one subgraph and one request body: a compact HS256 JWS (RFC 7515),
 * signed with node:crypto's HMAC. The gateway signs one for every subgraph call, its hottest
 * path, and jose would sign through WebCrypto, about five times the cost; jose verifies it.
 */
export function signCallerContext(
  secret: Uint8Array,
  caller: Caller,
  target: { audience: SubgraphName; body: string | Uint8Array },
): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const claims = {
    org: caller.organizationId,
    role: caller.role,
    sid: caller.sessionId,
    rid: caller.requestId,
    ip: caller.sourceIp,
    ...(caller.mfaEnrollmentOnly ? { mfa_enroll: true } : {}),
    bh: bodyDigest(target.body),
    iss: ISSUER,
    aud: target.audience,
    sub: caller.userId ?? 'anonymous',
    iat: issuedAt,
    exp: issuedAt + LIFETIME_SECONDS,
  };
  const signingInput = `${CONTEXT_HEADER_SEGMENT}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${hmacSha256(secret, signingInput).toString('base64url')}`;
}

/** For jose's verification, which would import raw bytes into WebCrypto on every call. */
const verificationKey = oncePerSecret((secret) => crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']));

export async function verifyCallerContext(
  secret: Uint8Array,
  token: string | undefined,
  target: { audience: SubgraphName; body: string | Uint8Array },
): Promise<Caller> {
  if (!token) throw unauthenticated('Requests must come through the Credence gateway');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, await verificationKey(secret), {
      algorithms: ['HS256'],
      typ: 'credence-context+jwt',
      issuer: ISSUER,
      audience: target.audience,
      maxTokenAge: `${LIFETIME_SECONDS + 5}s`,
      clockTolerance: 5,
      requiredClaims: ['sub', 'exp', 'iat', 'rid', 'bh'],
    }));
  } catch {
    throw unauthenticated('Invalid gateway signature');
  }
  if (payload.bh !== bodyDigest(target.body)) throw unauthenticated('Invalid gateway signature');
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const role = payload.role ?? null;
  if (role !== null && !isRole(role)) throw unauthenticated('Invalid gateway signature');
  return {
    userId: payload.sub === 'anonymous' ? null : text(payload.sub),
    organizationId: text(payload.org),
    role,
    sessionId: text(payload.sid),
    requestId: text(payload.rid) ?? 'unknown',
    sourceIp: text(payload.ip),
    ...(payload.mfa_enroll === true ? { mfaEnrollmentOnly: true } : {}),
  };
}
