// The access token contract between identity (which signs) and the gateway (which verifies):
// an EdDSA (Ed25519) JWT of ten minutes, bound to one user, one organization and one session.
// Keys are published as a JWKS by identity and chosen by key id (kid).
import type { JWTPayload } from 'jose';
import { isRole, supportGrantFromClaims, type Caller, type Role } from './caller.ts';
import { isUuid } from './ids.ts';

export const ACCESS_TOKEN = {
  algorithm: 'EdDSA',
  issuer: 'credence-identity',
  audience: 'credence',
  type: 'at+jwt', // RFC 9068
  lifetimeSeconds: 600,
  /** Leeway for clocks that disagree between identity and gateway hosts. */
  clockToleranceSeconds: 5,
} as const;

/** Identity's route listing sessions revoked since a time (called by the gateway, signed). */
export const REVOKED_SESSIONS_ROUTE = 'revoked-sessions';

/** Authentication methods references (RFC 8176). */
export type AuthenticationMethod = 'pwd' | 'otp' | 'mfa';

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  org: string;
  role: Role;
  /** The session (refresh token family) the token belongs to: revoking it revokes the token. */
  sid: string;
  amr: AuthenticationMethod[];
  jti: string;
  /** Present and true on a token that may only enroll in MFA. */
  mfa_enroll?: true;
  /** Present and true on a token of a terminated organization: it may read, not write. */
  org_terminated?: true;
  /** On a platform administrator's support session: the grant it reads under, and when the grant ends (seconds since the epoch). */
  support_grant?: string;
  support_ends?: number;
}

/** The caller a verified token names; null when the claims are not a Credence access token's. */
export function callerFromClaims(payload: JWTPayload, request: { requestId: string; sourceIp: string | null }): Caller | null {
  const { sub, org, role, sid, amr } = payload as Partial<AccessTokenClaims>;
  if (!isUuid(sub) || !isUuid(org) || !isRole(role)) return null;
  if (!isUuid(sid) || !Array.isArray(amr)) return null;
  return {
    userId: sub,
    organizationId: org,
    role,
    sessionId: sid,
    requestId: request.requestId,
    sourceIp: request.sourceIp,
    ...(payload.mfa_enroll === true ? { mfaEnrollmentOnly: true } : {}),
    ...(payload.org_terminated === true ? { organizationTerminated: true } : {}),
    ...supportGrantOf(payload, role),
  };
}

/** A support grant is honoured on a platform administrator's token only. */
function supportGrantOf(payload: JWTPayload, role: Role): Pick<Caller, 'supportGrant'> {
  const supportGrant = role === 'PLATFORM_ADMIN' ? supportGrantFromClaims(payload) : undefined;
  return supportGrant ? { supportGrant } : {};
}
