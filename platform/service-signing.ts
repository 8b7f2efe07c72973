// Gateway → subgraph trust. The gateway signs the caller's context for one subgraph and one
// request (method, path and body; EdDSA JWT, 30 s) with an Ed25519 private key that only it
// holds; a subgraph verifies with the public key, so it accepts nothing the gateway did not send,
// and a subgraph that is taken over still cannot speak to another as any caller. A captured
// header cannot be replayed with another query, at another route or against another subgraph.
import { createHash, sign, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { type Caller, isRole, supportGrantClaims, supportGrantFromClaims } from './caller.ts';
import type { SubgraphName } from './config.ts';
import { unauthenticated } from './errors.ts';

export const CONTEXT_HEADER = 'x-credence-context';

/** Where a subgraph serves an internal route: POST /internal/<route>, beside /graphql, for the gateway alone. */
export function internalRoutePath(route: string): string {
  return `/internal/${route}`;
}

/**
 * The body of a request whose bytes are streamed through (document uploads): the signature
 * cannot cover bytes not yet read, so it binds the method and the path with its query (which
 * carries the signed grant) instead, and says so in the context (`bh: "streamed"`).
 */
export const STREAMED_BODY = Symbol('a streamed body, not covered by the signature');

/** What one context is signed for: the subgraph, and the request as that subgraph receives it. */
export interface ContextTarget {
  audience: SubgraphName;
  method: string;
  /** The path with its query string, as the subgraph sees it (express's req.originalUrl). */
  path: string;
  body: string | Uint8Array | typeof STREAMED_BODY;
}

/** The path and query of a URL, as a server receives them in its request line. */
export function requestPath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return `${parsed.pathname}${parsed.search}`;
}

/** Calls a subgraph's internal route (its GraphQL URL names the subgraph's address): `payload` as JSON, signed for that subgraph as `caller`. */
export function callInternalRoute(options: {
  graphqlUrl: string;
  audience: SubgraphName;
  route: string;
  signingKey: KeyObject;
  caller: Caller;
  payload: unknown;
  signal: AbortSignal;
}): Promise<Response> {
  const body = JSON.stringify(options.payload);
  const url = new URL(options.graphqlUrl.replace(/\/graphql$/, internalRoutePath(options.route)));
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CONTEXT_HEADER]: signCallerContext(options.signingKey, options.caller, { audience: options.audience, method: 'POST', path: requestPath(url), body }),
    },
    body,
    redirect: 'error',
    signal: options.signal,
  });
}
const ISSUER = 'credence-gateway';
const LIFETIME_SECONDS = 30;
const STREAMED = 'streamed';

export function bodyDigest(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** The protected header of every context: EdDSA, typed so that no other JWT passes for one. */
const CONTEXT_HEADER_SEGMENT = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'credence-context+jwt' })).toString('base64url');

/**
 * The caller's context for one subgraph and one request: a compact EdDSA JWS (RFC 7515, RFC 8037),
 * signed with node:crypto over the gateway's prepared private key (tens of microseconds; the
 * gateway signs one for every subgraph call, its hottest path); jose verifies it.
 */
export function signCallerContext(signingKey: KeyObject, caller: Caller, target: ContextTarget): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const claims = {
    org: caller.organizationId,
    role: caller.role,
    sid: caller.sessionId,
    rid: caller.requestId,
    ip: caller.sourceIp,
    ...(caller.mfaEnrollmentOnly ? { mfa_enroll: true } : {}),
    ...(caller.organizationTerminated ? { org_terminated: true } : {}),
    ...supportGrantClaims(caller),
    htm: target.method.toUpperCase(),
    htp: target.path,
    bh: target.body === STREAMED_BODY ? STREAMED : bodyDigest(target.body),
    iss: ISSUER,
    aud: target.audience,
    sub: caller.userId ?? 'anonymous',
    iat: issuedAt,
    exp: issuedAt + LIFETIME_SECONDS,
  };
  const signingInput = `${CONTEXT_HEADER_SEGMENT}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${sign(null, Buffer.from(signingInput), signingKey).toString('base64url')}`;
}

/** The claims of a context signed by one of `publicKeys` (the newest first: a rotation lists both). */
async function verifiedClaims(publicKeys: readonly KeyObject[], token: string, audience: SubgraphName): Promise<JWTPayload> {
  for (const key of publicKeys) {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['EdDSA'],
        typ: 'credence-context+jwt',
        issuer: ISSUER,
        audience,
        maxTokenAge: `${LIFETIME_SECONDS + 5}s`,
        clockTolerance: 5,
        requiredClaims: ['sub', 'exp', 'iat', 'rid', 'bh', 'htm', 'htp'],
      });
      return payload;
    } catch (error) {
      // Another key may have signed it; anything else wrong with the token is final.
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) break;
    }
  }
  throw unauthenticated('Invalid gateway signature');
}

export async function verifyCallerContext(publicKeys: readonly KeyObject[], token: string | undefined, target: ContextTarget): Promise<Caller> {
  if (!token) throw unauthenticated('Requests must come through the Credence gateway');
  const payload = await verifiedClaims(publicKeys, token, target.audience);
  const expectedBody = target.body === STREAMED_BODY ? STREAMED : bodyDigest(target.body);
  if (payload.bh !== expectedBody || payload.htm !== target.method.toUpperCase() || payload.htp !== target.path) {
    throw unauthenticated('Invalid gateway signature');
  }
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
    ...(payload.org_terminated === true ? { organizationTerminated: true } : {}),
    ...supportGrantOf(payload, role),
  };
}

/** A support grant is honoured on a platform administrator's context only. */
function supportGrantOf(payload: JWTPayload, role: Caller['role']): Pick<Caller, 'supportGrant'> {
  const supportGrant = role === 'PLATFORM_ADMIN' ? supportGrantFromClaims(payload) : undefined;
  return supportGrant ? { supportGrant } : {};
}
