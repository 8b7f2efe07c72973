// Verifies the bearer access tokens that identity issues (see platform/access-tokens.ts): EdDSA
// only, against the keys identity publishes (JWKS, fetched again when a token names a key id not
// seen yet), with the issuer, audience, type and lifetime of the contract, and never for a session
// identity has revoked.
//
// The caller learns one thing: the token was refused. The precise reason goes to the debug log,
// never the token itself.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ACCESS_TOKEN, callerFromClaims } from '../platform/access-tokens.ts';
import type { TokenRefusalReason } from '../platform/audit.ts';
import { anonymousCaller, type Caller } from '../platform/caller.ts';
import { serviceUnavailable, unauthenticated } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { RevocationCheck } from './session-revocations.ts';

export interface AccessTokenVerifier {
  /**
   * The caller an Authorization header names. Throws UNAUTHENTICATED for anything but a valid
   * `Bearer <token>`, SERVICE_UNAVAILABLE when the keys or the revocation list cannot be had.
   */
  verify(authorization: string, request: { requestId: string; sourceIp: string | null }): Promise<Caller>;
}

export interface AccessTokenVerifierOptions {
  /** Where identity publishes its JWKS. */
  jwksUrl: string;
  revocations: RevocationCheck;
  logger: Logger;
  /** Key set caching: how long after a fetch an unknown key id is refused without fetching again, and how long keys are kept. */
  keySet?: { cooldownMs?: number; cacheMaxAgeMs?: number; timeoutMs?: number };
  /** Records each refusal in the audit log (the caller a revoked token names, else anonymous); throws when it cannot. */
  auditRefusal?: (refusal: { reason: TokenRefusalReason; caller: Caller }) => Promise<void>;
  /** How many verified tokens are kept, with their claims, until they expire (10,000 unless given; 0 keeps none). */
  verifiedTokens?: number;
  /** The time, in milliseconds since the epoch (tests move it). */
  now?: () => number;
}

const REFUSED = 'The access token is invalid or expired';
const REQUIRED_CLAIMS = ['sub', 'org', 'role', 'sid', 'amr', 'jti', 'exp', 'iat', 'nbf'];
/** RFC 6750 b64token after the (case-insensitive) scheme and one space. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;
/** Far above a real token (~600 bytes); a longer one is refused before it is parsed. */
const MAX_TOKEN_LENGTH = 4_096;

/** The key set could not be fetched: nothing is known about the token, so it is not refused. */
class KeysUnavailable extends Error {
  constructor(cause: unknown) {
    super('the JSON Web Key Set could not be fetched', { cause });
    this.name = 'KeysUnavailable';
  }
}

/** A refusal decided before jose's own checks. */
class Refused extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

export function createAccessTokenVerifier({ jwksUrl, revocations, logger, keySet = {}, auditRefusal, verifiedTokens: keptTokens = 10_000, now = Date.now }: AccessTokenVerifierOptions): AccessTokenVerifier {
  const verified = verifiedTokens(keptTokens);
  const remoteKeys = createRemoteJWKSet(new URL(jwksUrl), {
    cooldownDuration: keySet.cooldownMs ?? 30_000,
    cacheMaxAge: keySet.cacheMaxAgeMs ?? 600_000,
    timeoutDuration: keySet.timeoutMs ?? 5_000,
  });
  let keysFailing = false;

  /** The published key the token names by kid; a token without a kid matches nothing. */
  const keyFor: JWTVerifyGetKey = async (header, token) => {
    if (typeof header.kid !== 'string' || header.kid === '' || header.kid.length > 128) throw new Refused('no key id');
    try {
      const key = await remoteKeys(header, token);
      keysFailing = false;
      return key;
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof errors.JOSENotSupported) throw error;
      throw new KeysUnavailable(error);
    }
  };

  async function refuse(request: { requestId: string; sourceIp: string | null }, reason: string, audited: TokenRefusalReason = 'invalid', caller?: Caller): Promise<never> {
    logger.debug({ requestId: request.requestId, reason }, 'access token refused');
    await auditRefusal?.({ reason: audited, caller: caller ?? anonymousCaller(request.requestId, request.sourceIp) });
    throw unauthenticated(REFUSED);
  }

  return {
    async verify(authorization, request) {
      const token = BEARER.exec(authorization)?.[1];
      if (!token) return refuse(request, 'not a bearer token');
      if (token.length > MAX_TOKEN_LENGTH) return refuse(request, 'token too long');

      const at = now();
      let payload = verified.get(token, at);
      if (!payload) {
        try {
          ({ payload } = await jwtVerify(token, keyFor, {
            algorithms: [ACCESS_TOKEN.algorithm],
            issuer: ACCESS_TOKEN.issuer,
            audience: ACCESS_TOKEN.audience,
            typ: ACCESS_TOKEN.type,
            clockTolerance: ACCESS_TOKEN.clockToleranceSeconds,
            maxTokenAge: ACCESS_TOKEN.lifetimeSeconds,
            requiredClaims: REQUIRED_CLAIMS,
            currentDate: new Date(at),
          }));
        } catch (error) {
          if (error instanceof KeysUnavailable) {
            if (!keysFailing) logger.warn({ err: describe(error.cause), jwksUrl }, 'cannot fetch the access token keys from identity');
            keysFailing = true;
            throw serviceUnavailable('Access tokens cannot be verified right now; try again shortly');
          }
          return refuse(request, reasonOf(error), error instanceof errors.JWTExpired ? 'expired' : 'invalid');
        }
        // Only identity's keys sign, but a token outliving the contract is refused all the same.
        if (payload.exp! - payload.iat! > ACCESS_TOKEN.lifetimeSeconds) return refuse(request, 'lifetime longer than an access token\'s');
        verified.set(token, payload);
      }

      const caller = callerFromClaims(payload, request);
      if (!caller?.sessionId) return refuse(request, 'claims are not those of an access token');
      revocations.assertFresh();
      if (revocations.isRevoked(caller.sessionId)) return refuse(request, 'session revoked', 'revoked', caller);
      return caller;
    },
  };
}

/**
 * Tokens verified already, with their claims, until they expire. A client sends the same token
 * with each request for its ten minutes, and neither its signature nor its claims can change, so
 * it is verified once; whether its session was revoked is still asked on every request. Keyed by
 * the whole token, so an altered one is verified afresh. Bounded: when full, the oldest go first.
 */
function verifiedTokens(maxEntries: number) {
  const entries = new Map<string, JWTPayload>();
  return {
    /** The claims of a token verified before, while jose would still accept its expiry. */
    get(token: string, atMs: number): JWTPayload | undefined {
      const payload = entries.get(token);
      if (payload && atMs / 1000 < payload.exp! + ACCESS_TOKEN.clockToleranceSeconds) return payload;
      if (payload) entries.delete(token);
      return undefined;
    },
    set(token: string, payload: JWTPayload): void {
      if (maxEntries <= 0) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(token, payload);
    },
  };
}

/** jose's error code and, for a claim, its name: never the token or its payload. */
function reasonOf(error: unknown): string {
  if (error instanceof Refused) return error.reason;
  if (error instanceof errors.JWTClaimValidationFailed) return `${error.code} (${error.claim}: ${error.reason})`;
  if (error instanceof errors.JOSEError) return error.code;
  return 'malformed token';
}

function describe(error: unknown): { type: string; message: string } | string {
  return error instanceof Error ? { type: error.name, message: error.message } : String(error);
}
