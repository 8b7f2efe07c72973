// Sessions and their tokens. A session is one refresh-token family bound to one user and one
// organization. Each refresh token is single-use: refreshing rotates it, and presenting a rotated
// one again (a stolen copy, or the thief's after the owner refreshed) revokes the whole family —
// except within REFRESH_RETRY_SECONDS of its rotation while its successor is unused (two tabs, a
// response lost on the way): then the successor is answered again, and the retry is audited.
import { randomUUID } from 'node:crypto';
import { LockMode, raw, sql, type FilterObject } from '@mikro-orm/postgresql';
import type { AuthenticationMethod } from '../../platform/access-tokens.ts';
import { PLATFORM_ORGANIZATION_ID, recordAudit } from '../../platform/audit.ts';
import type { Caller, Role } from '../../platform/caller.ts';
import { secondsFromNow } from '../../platform/database/clock.ts';
import { actAs, isoTimestamp, refuse, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { unauthenticated } from '../../platform/errors.ts';
import { onPage, pageKeysOf, type ListOrder, type PageRequest } from '../../platform/pagination.ts';
import { Organization, RefreshToken, Session } from './entities/index.ts';
import { encryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { looksLikeOpaqueSecret, newOpaqueSecret, secretHash } from './opaque-secrets.ts';
import { USABLE_ORGANIZATION, type IdentityService } from './service.ts';
import { signAccessToken } from './signing-keys.ts';

/** A refresh token not used for this long expires (automatic sign-off of an idle client). */
export const REFRESH_IDLE_SECONDS = 30 * 60;
/** A session ends after this long whatever its use: then sign in again. */
export const SESSION_MAX_SECONDS = 12 * 3600;
/**
 * A rotated refresh token presented again within this long, while its successor is unused, is
 * answered with that successor (a retry) rather than ending the session. Long enough for a lost
 * response and a retry; short, because whoever holds the old token gets the successor meanwhile.
 */
export const REFRESH_RETRY_SECONDS = 30;

export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  tokenType: 'Bearer';
  sessionId: string;
  organizationId: string;
  role: Role;
  mfaEnrollmentRequired: boolean;
}

interface SessionRow {
  id: string;
  user_id: string;
  organization_id: string;
  role: Role;
  amr: AuthenticationMethod[];
  mfa_enrollment_only: boolean;
  expires_at: string;
  /** Its organization is terminated: its tokens may read, not write. */
  organization_terminated: boolean;
  /** A support session's grant, and when it ends (seconds since the epoch). */
  support_grant_id: string | null;
  support_ends: number | null;
}

/** The support grant columns of a session row `s`. */
const SUPPORT_GRANT_COLUMNS = (s: string) => `${s}.support_grant_id,
  (select floor(extract(epoch from g.ends_at))::float8 from identity.support_access_grants g where g.id = ${s}.support_grant_id) as support_ends`;

export type RevocationReason =
  | 'logout' | 'logout_everywhere' | 'refresh_reuse' | 'password_changed' | 'role_changed' | 'deactivated'
  | 'mfa_enrolled' | 'organization_terminated' | 'switched_organization' | 'support_access_ended';

/**
 * Starts a session for a user who has proven who they are, as that user in that organization.
 * A session that `continues` another (of the same user: switching organization) keeps that one's
 * sign-in time and expiry: it never extends a sign-in.
 */
export async function startSession(
  service: IdentityService,
  em: EntityManager,
  caller: Caller,
  session: { userId: string; organizationId: string; role: Role; amr: AuthenticationMethod[]; mfaEnrollmentOnly: boolean; continues?: string; supportGrantId?: string },
): Promise<SessionTokens> {
  await actAs(em, { userId: session.userId, organizationId: session.organizationId, role: session.role, requestId: caller.requestId });
  // Locked against a termination: one that commits first is seen here (the token says so); one
  // that commits after sees this session and revokes it.
  await em.findOne(Organization, session.organizationId, { fields: ['id'], lockMode: LockMode.PESSIMISTIC_READ });
  // A continued session that is not found leaves both times null: the insert fails, it never starts afresh.
  // Raw SQL: the continued session's times, its organization's standing and its grant's end are read in the insert's own statement.
  const [row] = await em.execute<SessionRow[]>(
    `with previous as (select authenticated_at, expires_at from identity.sessions where id = ?::uuid and user_id = ?)
     insert into identity.sessions (id, user_id, organization_id, role, amr, mfa_enrollment_only, source_ip, authenticated_at, expires_at, support_grant_id)
     select ?, ?, ?, ?, ?::text[], ?, ?,
            case when ?::uuid is null then now() else (select authenticated_at from previous) end,
            case when ?::uuid is null then now() + make_interval(secs => ?) else (select expires_at from previous) end,
            ?::uuid
     returning id, user_id, organization_id, role, amr, mfa_enrollment_only, ${isoTimestamp('expires_at')} as expires_at,
       (select o.status = 'TERMINATED' from identity.organizations o where o.id = organization_id) as organization_terminated,
       ${SUPPORT_GRANT_COLUMNS('sessions')}`,
    [
      session.continues ?? null, session.userId,
      randomUUID(), session.userId, session.organizationId, session.role, `{${session.amr.join(',')}}`, session.mfaEnrollmentOnly, caller.sourceIp,
      session.continues ?? null, session.continues ?? null, SESSION_MAX_SECONDS, session.supportGrantId ?? null,
    ],
  );
  return issueTokens(service, em, row!);
}

/** A refresh token already issued (a retry's successor): answered again, not issued anew. */
interface IssuedRefreshToken {
  refreshToken: string;
  expiresAt: Date;
}

/** A new access token, with a new refresh token or one already issued. */
async function issueTokens(service: IdentityService, em: EntityManager, session: SessionRow, issued?: IssuedRefreshToken): Promise<SessionTokens> {
  const refreshToken = issued?.refreshToken ?? newOpaqueSecret();
  const expiresAt = issued
    ? issued.expiresAt
    : (await em.createQueryBuilder(RefreshToken)
      // Raw SQL: idle expiry by the database's clock, never past the session's end.
      .insert({ tokenHash: secretHash(refreshToken), session: session.id, expiresAt: raw('least(now() + make_interval(secs => ?), ?::timestamptz)', [REFRESH_IDLE_SECONDS, session.expires_at]) })
      .returning(['expiresAt'])
      .execute<{ expiresAt: Date }>('get')).expiresAt;
  const access = await signAccessToken(service.signingKeys[0]!, {
    sub: session.user_id,
    org: session.organization_id,
    role: session.role,
    sid: session.id,
    amr: session.amr,
    jti: randomUUID(),
    ...(session.mfa_enrollment_only ? { mfa_enroll: true as const } : {}),
    ...(session.organization_terminated ? { org_terminated: true as const } : {}),
    ...(session.support_grant_id && session.support_ends !== null ? { support_grant: session.support_grant_id, support_ends: session.support_ends } : {}),
  });
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    refreshTokenExpiresAt: expiresAt,
    tokenType: 'Bearer',
    sessionId: session.id,
    organizationId: session.organization_id,
    role: session.role,
    mfaEnrollmentRequired: session.mfa_enrollment_only,
  };
}

/** A refresh token as a refresh reads it, locked, with its expiry and retry window by the database's clock. */
type RotationRow = Pick<RefreshToken, 'rotatedAt' | 'successorHash' | 'successorCiphertext'> & { expired: boolean; retriable: boolean };

const INVALID_REFRESH = () => unauthenticated('The refresh token is invalid or expired; sign in again');

/** A rotated token's successor is kept encrypted in the rotated token's row (an encrypted column), bound to that row. */
const successorFields = async (service: IdentityService, em: EntityManager) =>
  encryptedFields(em, await service.encryption.forOrganization(em, PLATFORM_ORGANIZATION_ID), RefreshToken);

/**
 * Rotates a refresh token: a new pair for a live one. A rotated one presented again is a retry
 * within REFRESH_RETRY_SECONDS while its successor is unused (the successor again, audited as
 * TOKEN_REFRESH with reason refresh_retry), else a reuse, which ends its session (audited as REFRESH_REUSE).
 */
export async function refreshSession(service: IdentityService, caller: Caller, refreshToken: string): Promise<SessionTokens> {
  if (!looksLikeOpaqueSecret(refreshToken)) throw INVALID_REFRESH();
  const hash = secretHash(refreshToken);
  return runAsCaller(service.orm, caller, async (em) => {
    // Raw SQL: a SECURITY DEFINER function (a refresh token's owner is found before its caller is known).
    const [owner] = await em.execute<{ session_id: string; user_id: string; organization_id: string }[]>(
      `select session_id, user_id, organization_id from identity.refresh_token_owner(?)`, [hash],
    );
    if (!owner) return refuse(INVALID_REFRESH());
    await actAs(em, { userId: owner.user_id, organizationId: owner.organization_id, role: null, requestId: caller.requestId });
    // The session row is locked: two refreshes of one family queue, and only the first rotates.
    // Raw SQL: the session with its organization's standing, its grant's end and its member's role now, in one locked read.
    const [session] = await em.execute<(SessionRow & { revoked: boolean; expired: boolean; member_role: Role | null })[]>(
      `select s.id, s.user_id, s.organization_id, s.role, s.amr, s.mfa_enrollment_only, ${isoTimestamp('s.expires_at')} as expires_at,
              s.revoked_at is not null as revoked, s.expires_at <= now() as expired,
              (select o.status = 'TERMINATED' from identity.organizations o where o.id = s.organization_id) as organization_terminated,
              ${SUPPORT_GRANT_COLUMNS('s')},
              case when s.support_grant_id is null then
                (select m.role from identity.memberships m join identity.organizations o on o.id = m.organization_id
                  where m.organization_id = s.organization_id and m.user_id = s.user_id and m.status = 'ACTIVE' and ${USABLE_ORGANIZATION})
              else -- a support session refreshes while its grant is live
                (select 'PLATFORM_ADMIN' from identity.support_access_grants g where g.id = s.support_grant_id and g.ended_at is null and g.ends_at > now())
              end as member_role
       from identity.sessions s where s.id = ? for update of s`,
      [owner.session_id],
    );
    const token = await em.createQueryBuilder(RefreshToken, 't')
      // Raw SQL: expiry and the retry window by the database's clock.
      .select(['rotatedAt', 'successorHash', 'successorCiphertext', raw('expires_at <= now() as expired'), raw('coalesce(successor_expires_at > now(), false) as retriable')])
      .where({ tokenHash: hash })
      .setLockMode(LockMode.PESSIMISTIC_WRITE)
      .execute<RotationRow | null>('get');
    if (!session || !token || session.revoked || session.expired) return refuse(INVALID_REFRESH());
    // Only a live session's refreshes are counted: a token of an ended one changes nothing.
    await service.refreshLimits.consume(session.id);
    const actor = { organizationId: session.organization_id, actorId: session.user_id, actorRole: session.role };
    const retry = token.rotatedAt ? await successorOf(service, em, session.id, hash, token) : null;
    if (token.rotatedAt && !retry) {
      await revokeSessions(em, { sessionId: session.id }, 'refresh_reuse');
      await recordAudit(em, caller, { ...actor, action: 'REFRESH_REUSE', resourceType: 'Session', resourceId: session.id, outcome: 'FAILURE', reason: 'session_revoked' });
      return refuse(INVALID_REFRESH());
    }
    if (!retry && token.expired) return refuse(INVALID_REFRESH());
    if (session.member_role !== session.role) {
      await revokeSessions(em, { sessionId: session.id }, session.support_grant_id ? 'support_access_ended' : 'deactivated');
      return refuse(INVALID_REFRESH());
    }
    await em.nativeUpdate(Session, { id: session.id }, { lastUsedAt: sql.now() });
    if (retry) {
      await recordAudit(em, caller, { ...actor, action: 'TOKEN_REFRESH', resourceType: 'Session', resourceId: session.id, outcome: 'SUCCESS', reason: 'refresh_retry' });
      return issueTokens(service, em, session, retry);
    }
    await recordAudit(em, caller, { ...actor, action: 'TOKEN_REFRESH', resourceType: 'Session', resourceId: session.id, outcome: 'SUCCESS' });
    const tokens = await issueTokens(service, em, session);
    // The successor, recoverable for the retry window only; the predecessor's copy of this token is erased (it is used now).
    const successorCiphertext = (await successorFields(service, em)).sealValue(hash.toString('hex'), 'successorCiphertext', tokens.refreshToken);
    await em.nativeUpdate(RefreshToken, { tokenHash: hash }, {
      rotatedAt: sql.now(), successorHash: secretHash(tokens.refreshToken), successorCiphertext,
      successorExpiresAt: secondsFromNow(REFRESH_RETRY_SECONDS),
    });
    await em.nativeUpdate(RefreshToken, { session: session.id, successorHash: hash, successorCiphertext: { $ne: null } }, { successorCiphertext: null });
    return tokens;
  });
}

/** The successor a retry is answered with: only within the window, only while it is unused, and only the token its hash names. */
async function successorOf(
  service: IdentityService,
  em: EntityManager,
  sessionId: string,
  rotatedHash: Buffer,
  rotated: RotationRow,
): Promise<IssuedRefreshToken | null> {
  if (!rotated.retriable || !rotated.successorCiphertext || !rotated.successorHash) return null;
  const successor = await em.findOne(
    RefreshToken,
    { tokenHash: rotated.successorHash, session: sessionId, rotatedAt: null, expiresAt: { $gt: sql.now() } },
    { fields: ['expiresAt'], lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!successor) return null;
  const refreshToken = (await successorFields(service, em)).open(rotatedHash.toString('hex'), 'successorCiphertext', rotated.successorCiphertext);
  if (!secretHash(refreshToken).equals(rotated.successorHash)) return null;
  return { refreshToken, expiresAt: successor.expiresAt };
}

/** Erases every kept successor whose retry window has passed; returns how many. */
export async function eraseRefreshSuccessors(em: EntityManager): Promise<number> {
  // Raw SQL: a SECURITY DEFINER function (it erases across every organization's sessions).
  const [row] = await em.execute<{ erased: number }[]>(`select identity.erase_refresh_successors() as erased`);
  return row!.erased;
}

/** Revokes live sessions: one, every one of a user, or a user's in one organization. Returns their ids. */
export async function revokeSessions(
  em: EntityManager,
  which: { sessionId: string } | { userId: string; organizationId?: string; exceptSessionId?: string },
  reason: RevocationReason,
): Promise<string[]> {
  const where: FilterObject<Session> = 'sessionId' in which
    ? { id: which.sessionId }
    : { user: which.userId, ...(which.organizationId ? { organization: which.organizationId } : {}), ...(which.exceptSessionId ? { id: { $ne: which.exceptSessionId } } : {}) };
  const rows = await em.createQueryBuilder(Session)
    .update({ revokedAt: sql.now(), revokedReason: reason })
    .where({ ...where, revokedAt: null })
    .returning(['id'])
    .execute<{ id: string }[]>('all');
  return rows.map((row) => row.id);
}

export interface SessionView {
  id: string;
  organizationId: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  current: boolean;
}

/** The caller's live sessions, in every organization. */
export const SESSIONS_ORDER: ListOrder = { list: 'mySessions', keys: [{ sql: 's.created_at', kind: 'timestamp' }, { sql: 's.id', kind: 'uuid' }], direction: 'DESC' };

/** One page (SESSIONS_ORDER) of the caller's live sessions. */
export async function listSessions(em: EntityManager, caller: Caller, page: PageRequest): Promise<SessionView[]> {
  const rows = await onPage(
    em.createQueryBuilder(Session, 's').select(['id', 'organization', 'createdAt', 'lastUsedAt', 'expiresAt'])
      .where({ user: caller.userId!, revokedAt: null, expiresAt: { $gt: sql.now() } }),
    page,
  ).execute<{ id: string; organization: string; createdAt: Date; lastUsedAt: Date; expiresAt: Date }[]>('all');
  return rows.map((row) => ({
    ...pageKeysOf(row),
    id: row.id, organizationId: row.organization, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, expiresAt: row.expiresAt,
    current: row.id === caller.sessionId,
  }));
}

/** Sessions revoked since a time (for the gateway, which refuses their access tokens). */
export async function revokedSince(em: EntityManager, since: Date): Promise<{ now: string; sessionIds: string[] }> {
  // Raw SQL: the database's clock, then a SECURITY DEFINER function (revocations across organizations, for the gateway).
  const [clock] = await em.execute<{ now: string }[]>(`select ${isoTimestamp('now()')} as now`);
  const rows = await em.execute<{ session_id: string }[]>(`select session_id from identity.revoked_sessions_since(?)`, [since.toISOString()]);
  return { now: clock!.now, sessionIds: rows.map((row) => row.session_id) };
}
