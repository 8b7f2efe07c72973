// Credentials of physicians: licenses, DEA and state controlled-substance registrations, board
// certifications, malpractice insurance. The number is encrypted and found through its blind
// index; reading it is audited per credential.
import { randomUUID } from 'node:crypto';
import { LockMode, raw, sql, type FilterObject } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { refuse, runAsCaller } from '../../platform/database/orm.ts';
import { badUserInput, conflict } from '../../platform/errors.ts';
import { encryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { assertId, isUuid } from '../../platform/ids.ts';
import { CREDENTIAL_TYPES } from './credential-types.ts';
import { Credential, Physician } from './entities/index.ts';
import type { CredentialRepository, CredentialRow } from './entities/credential.repository.ts';
import { readPhysicians, type PhysicianView } from './physicians.ts';
import { protectedRead, protectedWrite, type Protected, type ProtectedScope, type ProtectedType } from './protected-fields.ts';
import { notVisible, text, type CredentialsService } from './service.ts';
import { connectionOf, listOrder, pageKeysOf, pageRequest, type PageArguments, type PageRequest, type SortDirection, type SortKey } from '../../platform/pagination.ts';
import { assertExpiryAfterIssue, assertState, deaReviewReasons, normalizeCredentialNumber } from './validation.ts';

/** What a credential read reads protected fields of: the credential and, when asked for, its physician. */
const READS: readonly ProtectedType[] = ['Credential', 'Physician'];
const DUPLICATE_CREDENTIAL = 'This physician already has this credential';

export type CredentialType = (typeof CREDENTIAL_TYPES)[number]['type'];

export interface CredentialView {
  id: string;
  organizationId: string;
  physicianId: string;
  /** Loaded with the credential when the request asks for it. */
  physician?: PhysicianView;
  type: CredentialType;
  number?: Protected<string>;
  issuer: string;
  state: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  status: string;
  reviewReasons: string[];
  expired: boolean;
  /** Serialized by the DateTime scalar, only when a request selects them. */
  createdAt: Date;
  updatedAt: Date;
}

export type { CredentialRow } from './entities/credential.repository.ts';

/** The view of a credential read, before its protected fields and its physician are put in. */
export function credentialViewOf(row: CredentialRow): CredentialView {
  return {
    id: row.id,
    organizationId: row.organization,
    physicianId: row.physician,
    type: row.type,
    issuer: row.issuer,
    state: row.state ?? null,
    issuedOn: row.issuedOn ?? null,
    expiresOn: row.expiresOn ?? null,
    status: row.status,
    reviewReasons: row.reviewReasons,
    expired: row.expired,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Types whose credential is issued by a state, and types that always expire. */
const STATE_ISSUED = new Set<CredentialType>(['STATE_LICENSE', 'DEA_REGISTRATION', 'STATE_CONTROLLED_SUBSTANCE']);
const EXPIRING = new Set<CredentialType>(['STATE_LICENSE', 'DEA_REGISTRATION', 'STATE_CONTROLLED_SUBSTANCE', 'MALPRACTICE_INSURANCE']);

export async function readCredentials(scope: ProtectedScope, where: FilterObject<Credential>, page?: PageRequest): Promise<CredentialView[]> {
  return credentialViews(scope, scope.em.getRepository(Credential).listing(where, page));
}

/** The views of a listing's credentials, their protected fields revealed (or withheld) and, when asked for, their physicians. */
async function credentialViews(scope: ProtectedScope, listing: ReturnType<CredentialRepository['listing']>): Promise<CredentialView[]> {
  const rows = await listing.execute<CredentialRow[]>('all');
  const views: CredentialView[] = rows.map((row) => ({ ...pageKeysOf(row), ...credentialViewOf(row) }));
  await scope.reveal('Credential', rows, views);
  // The physicians of the listed credentials, in the same transaction (and with the same rules).
  if (rows.length > 0 && scope.selects('Credential.physician')) {
    const physicians = await readPhysicians(scope, { id: { $in: [...new Set(rows.map((row) => row.physician))] } });
    const byId = new Map(physicians.map((p) => [p.id, p]));
    for (const view of views) view.physician = byId.get(view.physicianId);
  }
  return views;
}

export async function credential(service: CredentialsService, caller: Caller, id: string, info: GraphQLResolveInfo): Promise<CredentialView> {
  const found = isUuid(id) ? await protectedRead(service, caller, info, { types: READS, run: (scope) => readCredentials(scope, { id }) }) : [];
  if (found.length === 0) throw await notVisible(service, caller, 'Credential', id);
  return found[0]!;
}

export interface CredentialFilter {
  physicianId?: string | null;
  type?: CredentialType | null;
  status?: string | null;
  expiringWithinDays?: number | null;
  number?: string | null;
}

export async function credentials(
  service: CredentialsService,
  caller: Caller,
  args: PageArguments & { filter?: CredentialFilter | null; orderBy?: { field: keyof typeof CREDENTIAL_ORDERS; direction?: SortDirection | null } | null },
  info: GraphQLResolveInfo,
) {
  const request = pageRequest(listOrder('credentials', CREDENTIAL_ORDERS, args.orderBy, { field: 'CREATED_AT', direction: 'ASC' }), args);
  const filter = args.filter ?? {};
  if (filter.expiringWithinDays != null && (!Number.isInteger(filter.expiringWithinDays) || filter.expiringWithinDays < 0 || filter.expiringWithinDays > 3650)) {
    throw badUserInput('filter.expiringWithinDays must be between 0 and 3650', { field: 'filter.expiringWithinDays' });
  }
  const physicianId = filter.physicianId ? assertId(filter.physicianId, 'filter.physicianId') : null;
  const where: FilterObject<Credential> = {
    organization: caller.organizationId!,
    ...(physicianId ? { physician: physicianId } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.status ? { status: filter.status as Credential['status'] } : {}),
    // Raw SQL: the window is counted from the database's date.
    ...(filter.expiringWithinDays != null ? { expiresOn: { $gte: raw('current_date'), $lte: raw('current_date + ?::integer', [filter.expiringWithinDays]) } } : {}),
  };
  const number = filter.number ? normalizeCredentialNumber(filter.number) : null;
  const rows = await protectedRead(service, caller, info, {
    types: READS,
    run: async (scope) => {
      if (number === null) return readCredentials(scope, where, request);
      return credentialViews(scope, scope.em.getRepository(Credential).withNumber(await scope.encrypted('Credential'), number, where, request));
    },
  });
  if (physicianId && rows.length === 0) {
    // An empty list for a physician the caller cannot see would hide a probe: record it.
    const visible = await runAsCaller(service.orm, caller, (em) => em.count(Physician, { id: physicianId }));
    if (visible === 0) throw await notVisible(service, caller, 'Physician', physicianId);
  }
  return connectionOf(request, rows, (row) => row);
}

// The orders of a list of credentials, each ending in the id; those that do not expire sort after every date.
const CREDENTIAL_ORDERS = {
  CREATED_AT: [{ sql: 'c.created_at', kind: 'timestamp' }, { sql: 'c.id', kind: 'uuid' }],
  EXPIRES_ON: [{ sql: "coalesce(c.expires_on, 'infinity'::date)", kind: 'date' }, { sql: 'c.id', kind: 'uuid' }],
} as const satisfies Record<string, readonly SortKey[]>;

export interface CredentialInput {
  number?: string | null;
  issuer?: string | null;
  state?: string | null;
  issuedOn?: string | null;
  expiresOn?: string | null;
}

function checkCredential(type: CredentialType, values: { state: string | null; issuedOn: string | null; expiresOn: string | null }) {
  if (STATE_ISSUED.has(type) && !values.state) throw badUserInput(`state is required for ${type}`, { field: 'state', reason: 'STATE_REQUIRED' });
  if (EXPIRING.has(type) && !values.expiresOn) throw badUserInput(`expiresOn is required for ${type}`, { field: 'expiresOn', reason: 'EXPIRY_REQUIRED' });
  assertExpiryAfterIssue(values.issuedOn, values.expiresOn);
}

function reviewReasonsFor(type: CredentialType, number: string, familyName: string): string[] {
  return type === 'DEA_REGISTRATION' ? deaReviewReasons(number, familyName) : [];
}

export async function addCredential(
  service: CredentialsService,
  caller: Caller,
  input: CredentialInput & { physicianId: string; type: CredentialType; number: string; issuer: string },
  info: GraphQLResolveInfo,
): Promise<CredentialView> {
  const physicianId = assertId(input.physicianId, 'physicianId');
  const number = normalizeCredentialNumber(input.number);
  const values = {
    issuer: text(input.issuer, 'issuer', 200),
    state: input.state ? assertState(input.state) : null,
    issuedOn: input.issuedOn ?? null,
    expiresOn: input.expiresOn ?? null,
  };
  checkCredential(input.type, values);
  const id = randomUUID();
  return protectedWrite(service, caller, info, {
    types: READS,
    target: { type: 'Physician', id: physicianId },
    duplicate: DUPLICATE_CREDENTIAL,
    run: async (scope) => {
      const { em } = scope;
      const physician = await em.findOne(Physician, { id: physicianId }, { fields: ['organization', 'familyName'], lockMode: LockMode.PESSIMISTIC_READ });
      if (!physician) return null;
      const organizationId = physician.organization.id;
      const reasons = reviewReasonsFor(input.type, number, physician.familyName);
      const sealed = encryptedFields(em, await service.encryption.forOrganization(em, organizationId), Credential).seal(id, { number });
      const duplicates = await em.count(Credential, { organization: organizationId, numberIndex: sealed.numberIndex!, physician: physicianId, type: input.type, removedAt: null });
      if (duplicates > 0) return refuse(conflict(DUPLICATE_CREDENTIAL)); // a refusal, not a database error: nothing is written before it
      await em.insert(Credential, {
        id, organization: organizationId, physician: physicianId, type: input.type, number: sealed.number!, numberIndex: sealed.numberIndex!, ...values,
        status: reasons.length ? 'NEEDS_REVIEW' : 'PENDING', reviewReasons: reasons, createdBy: caller.userId, verificationRequestedAt: sql.now(),
      });
      await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Credential', resourceId: id, outcome: 'SUCCESS' });
      return (await readCredentials(scope, { id }))[0]!;
    },
  });
}

export async function updateCredential(service: CredentialsService, caller: Caller, id: string, input: CredentialInput, info: GraphQLResolveInfo): Promise<CredentialView> {
  if (Object.values(input).every((value) => value === undefined)) throw badUserInput('Give at least one field to change');
  if (input.number === null || input.issuer === null) throw badUserInput('number and issuer cannot be cleared');
  const number = input.number != null ? normalizeCredentialNumber(input.number) : undefined;
  const issuer = input.issuer != null ? text(input.issuer, 'issuer', 200) : undefined;
  const state = input.state ? assertState(input.state) : input.state;
  if (!isUuid(id)) throw await notVisible(service, caller, 'Credential', id);
  return protectedWrite(service, caller, info, {
    types: READS,
    target: { type: 'Credential', id },
    duplicate: DUPLICATE_CREDENTIAL,
    run: async (scope) => {
      const { em } = scope;
      // Locks the credential only: the physician is read for its family name (the DEA check).
      const current = await em.createQueryBuilder(Credential, 'c')
        .select(['organization', 'type', 'number', 'state', 'issuedOn', 'expiresOn'])
        .join('c.physician', 'p')
        .addSelect(raw('p.family_name as "physicianFamilyName"'))
        .where({ id, removedAt: null })
        .setLockMode(LockMode.PESSIMISTIC_WRITE, ['c'])
        .execute<(Pick<Credential, 'type' | 'number' | 'state' | 'issuedOn' | 'expiresOn'> & { organization: string; physicianFamilyName: string })>('get');
      if (!current) return null;
      const merged = {
        state: state === undefined ? (current.state ?? null) : state,
        issuedOn: input.issuedOn === undefined ? (current.issuedOn ?? null) : input.issuedOn,
        expiresOn: input.expiresOn === undefined ? (current.expiresOn ?? null) : input.expiresOn,
      };
      checkCredential(current.type, merged);
      const fields = encryptedFields(em, await service.encryption.forOrganization(em, current.organization), Credential);
      const effectiveNumber = number ?? fields.open(id, 'number', current.number);
      const reasons = reviewReasonsFor(current.type, effectiveNumber, current.physicianFamilyName);
      // Any change to what was verified sends the credential back to be verified again (its workflow starts over).
      await em.nativeUpdate(Credential, { id }, {
        ...(number ? fields.seal(id, { number }) : { numberIndex: fields.blindIndex('number', effectiveNumber) }), ...(issuer ? { issuer } : {}), ...merged,
        status: reasons.length ? 'NEEDS_REVIEW' : 'PENDING', reviewReasons: reasons, verificationRequestedAt: sql.now(), updatedAt: sql.now(),
      });
      await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Credential', resourceId: id, outcome: 'SUCCESS' });
      return (await readCredentials(scope, { id }))[0]!;
    },
  });
}

/** Removal keeps the record (and its documents) for the retention period; it leaves every listing. */
export async function removeCredential(service: CredentialsService, caller: Caller, id: string): Promise<boolean> {
  const removed = isUuid(id)
    ? await runAsCaller(service.orm, caller, async (em) => {
        const changed = await em.nativeUpdate(Credential, { id, removedAt: null }, { removedAt: sql.now(), updatedAt: sql.now() });
        if (changed === 0) return false;
        await recordAudit(em, caller, { action: 'DELETE', resourceType: 'Credential', resourceId: id, outcome: 'SUCCESS' });
        return true;
      })
    : false;
  if (!removed) throw await notVisible(service, caller, 'Credential', id);
  return true;
}
