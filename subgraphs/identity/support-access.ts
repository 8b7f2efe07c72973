// Break-glass support access. A platform administrator (with MFA) asks for time-limited access to
// one organization for a reason code and a ticket; the grant is written, the organization's owners
// are mailed in the same transaction, and a support session is started: bound to that organization
// and to the grant (its tokens carry `support_grant` and `support_ends`), continuing the
// administrator's sign-in (never longer). One mechanism decides what it may do: permissions.ts
// lets a support session read SUPPORT_ACCESS_OPERATIONS only, and nothing once the grant's end has
// passed (checked at each use, at the gateway and in every subgraph; refreshing checks the grant
// too). An owner ending the grant revokes its session, which the gateway refuses within seconds.
import { randomUUID } from 'node:crypto';
import { LockMode, raw, sql } from '@mikro-orm/postgresql';
import { PLATFORM_ORGANIZATION_ID, recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { secondsFromNow } from '../../platform/database/clock.ts';
import { actAs, refuse, runAsCaller, type EntityManager } from '../../platform/database/orm.ts';
import { badUserInput, forbidden, notFound, organizationTerminated } from '../../platform/errors.ts';
import { assertId } from '../../platform/ids.ts';
import { connectionOf, onPage, pageRequest, type ListOrder, type PageArguments } from '../../platform/pagination.ts';
import { enqueueMail } from '../../platform/mail-outbox/outbox.ts';
import type { AuthenticationMethod } from '../../platform/access-tokens.ts';
import { Membership, Organization, Session, SupportAccessGrant } from './entities/index.ts';
import { assertLiveSession, type IdentityService } from './service.ts';
import { revokeSessions, startSession, type SessionTokens } from './sessions.ts';

export const SUPPORT_REASON_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
/** A ticket reference of the support desk: `SUP-1234`. */
export const SUPPORT_TICKET_PATTERN = /^[A-Z][A-Z0-9]{1,9}-[0-9]{1,9}$/;

export interface SupportAccessGrantView {
  id: string;
  organizationId: string;
  requestedBy: string;
  reason: string;
  ticket: string;
  startsAt: string;
  endsAt: string;
  endedAt: string | null;
  active: boolean;
}

/** Whether a grant is live, by the database's clock (as the list reads it). */
const LIVE = '(ended_at is null and ends_at > now())';

type GrantRow = { id: string; organization: string; requestedBy: string; reason: string; ticket: string; startsAt: Date; endsAt: Date; endedAt: Date | null; active: boolean };

/** The grants the caller sees (row-level security), as their views read them. */
const grantsQuery = (em: EntityManager) => em.createQueryBuilder(SupportAccessGrant, 'g')
  .select(['id', 'organization', 'requestedBy', 'reason', 'ticket', 'startsAt', 'endsAt', 'endedAt', raw(`${LIVE} as active`)]);

function grantView(row: GrantRow): SupportAccessGrantView {
  const { organization, startsAt, endsAt, endedAt, ...rest } = row;
  return { ...rest, organizationId: organization, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), endedAt: endedAt?.toISOString() ?? null };
}

async function grantOf(em: EntityManager, id: string): Promise<SupportAccessGrantView | null> {
  const row = await grantsQuery(em).where({ id }).execute<GrantRow | undefined>('get');
  return row ? grantView(row) : null;
}

export async function requestSupportAccess(
  service: IdentityService,
  caller: Caller,
  input: { organizationId: string; reason: string; ticket: string; durationMinutes: number },
): Promise<{ grant: SupportAccessGrantView; session: SessionTokens }> {
  const organizationId = assertId(input.organizationId, 'organizationId');
  if (organizationId === PLATFORM_ORGANIZATION_ID) throw badUserInput('Support access is to a customer organization', { field: 'organizationId' });
  if (!SUPPORT_REASON_PATTERN.test(input.reason)) {
    throw badUserInput('reason must be a short code: lowercase letters, digits and underscores, starting with a letter', { field: 'reason', reason: 'REASON_CODE_FORMAT' });
  }
  if (!SUPPORT_TICKET_PATTERN.test(input.ticket)) {
    throw badUserInput('ticket must be a ticket reference such as SUP-1234: uppercase letters and digits, a dash, digits', { field: 'ticket', reason: 'TICKET_FORMAT' });
  }
  const maxMinutes = service.config.supportAccess.maxMinutes;
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > maxMinutes) {
    throw badUserInput(`durationMinutes must be a whole number of minutes from 1 to ${maxMinutes}`, { field: 'durationMinutes', reason: 'OUT_OF_RANGE' });
  }
  if (caller.role !== 'PLATFORM_ADMIN' || caller.supportGrant) throw forbidden();
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller, 'write');
    const own = await em.findOne(Session, { id: caller.sessionId!, user: caller.userId! }, { fields: ['amr'] });
    if (!own?.amr.includes('mfa')) return refuse(forbidden('Support access needs a sign-in with multi-factor authentication'));
    const organization = await em.findOne(Organization, { id: organizationId }, { fields: ['status'] });
    if (!organization) return refuse(notFound('Organization'));
    // Its grants ended with its termination, and no support session reads a terminated organization's data.
    if (organization.status === 'TERMINATED') return refuse(organizationTerminated());
    const id = randomUUID();
    await em.createQueryBuilder(SupportAccessGrant)
      .insert({ id, organization: organizationId, requestedBy: caller.userId!, reason: input.reason, ticket: input.ticket, endsAt: secondsFromNow(input.durationMinutes * 60) })
      .execute();
    const grant = (await grantOf(em, id))!;
    // In the organization (row-level security): its owners' addresses, its outbox, its audit chain.
    await actAs(em, { ...caller, organizationId });
    const owners = await em.createQueryBuilder(Membership, 'm')
      .join('m.user', 'u')
      .select('u.email')
      .where({ organization: organizationId, role: 'ORG_OWNER', status: 'ACTIVE' })
      .orderBy({ 'u.email': 'asc' })
      .execute<{ email: string }[]>('all');
    for (const owner of owners) {
      await enqueueMail(em, service.encryption, {
        organizationId, recipient: owner.email, template: 'support_access_granted',
        parameters: { reason: input.reason, ticket: input.ticket, endsAt: grant.endsAt },
      });
    }
    await recordAudit(em, caller, {
      action: 'CREATE', resourceType: 'SupportAccessGrant', resourceId: grant.id, outcome: 'SUCCESS', organizationId,
      reason: `support_access:${input.reason}:ticket:${input.ticket.toLowerCase()}:minutes:${input.durationMinutes}:owners:${owners.length}`.slice(0, 100),
    });
    const session = await startSession(service, em, caller, {
      userId: caller.userId!, organizationId, role: 'PLATFORM_ADMIN', amr: own.amr as AuthenticationMethod[], mfaEnrollmentOnly: false, continues: caller.sessionId!, supportGrantId: grant.id,
    });
    return { grant, session };
  });
}

/** Ends a grant of the owner's organization now, and its support session; an ended one is answered as it is. */
export async function endSupportAccess(service: IdentityService, caller: Caller, grantId: string): Promise<SupportAccessGrantView> {
  const id = assertId(grantId, 'grantId');
  return runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    const grant = await em.createQueryBuilder(SupportAccessGrant)
      .select(raw(`${LIVE} as live`))
      .where({ id, organization: caller.organizationId! })
      .setLockMode(LockMode.PESSIMISTIC_WRITE)
      .execute<{ live: boolean } | undefined>('get');
    if (!grant) return refuse(notFound('Support access grant'));
    if (grant.live) {
      await em.nativeUpdate(SupportAccessGrant, { id }, { endedAt: sql.now(), endedBy: caller.userId });
      const sessions = await em.find(Session, { supportGrant: id, revokedAt: null }, { fields: ['id'] });
      for (const session of sessions) await revokeSessions(em, { sessionId: session.id }, 'support_access_ended');
      await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'SupportAccessGrant', resourceId: id, outcome: 'SUCCESS', reason: `support_access_ended:sessions:${sessions.length}` });
    }
    return (await grantOf(em, id))!;
  });
}

/** The grants the caller sees (row-level security): an owner's organization's, a platform administrator's own. */
const GRANTS_ORDER: ListOrder = { list: 'supportAccessGrants', keys: [{ sql: 'g.starts_at', kind: 'timestamp' }, { sql: 'g.id', kind: 'uuid' }], direction: 'DESC' };

export async function supportAccessGrants(service: IdentityService, caller: Caller, args: PageArguments) {
  const request = pageRequest(GRANTS_ORDER, args);
  const rows = await runAsCaller(service.orm, caller, async (em) => {
    await assertLiveSession(em, caller);
    return onPage(grantsQuery(em), request).execute<GrantRow[]>('all');
  });
  return connectionOf(request, rows, grantView);
}
