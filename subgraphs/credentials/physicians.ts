// Physician files: created by the organization (with their affiliation), updated by it or by the
// physician. Date of birth and SSN are encrypted; reading them is audited per physician.
import { randomUUID } from 'node:crypto';
import { LockMode, raw, sql, type FilterObject } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { runAsCaller } from '../../platform/database/orm.ts';
import { badUserInput } from '../../platform/errors.ts';
import { encryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { assertId, isUuid } from '../../platform/ids.ts';
import { Affiliation, Physician } from './entities/index.ts';
import type { PhysicianRow } from './entities/physician.repository.ts';
import { protectedRead, protectedWrite, type Protected, type ProtectedScope, type ProtectedType } from './protected-fields.ts';
import { notVisible, text, type CredentialsService } from './service.ts';
import { connectionOf, listOrder, pageKeysOf, pageRequest, type CountedConnection, type PageArguments, type PageRequest, type SortDirection, type SortKey } from '../../platform/pagination.ts';
import { assertNpi } from './validation.ts';
import { requestCredentialing } from './credentialing.ts';
import { requestScreening } from './exclusions.ts';

/** What a physician read reads protected fields of. */
const READS: readonly ProtectedType[] = ['Physician'];

export interface AffiliationView {
  organizationId: string;
  physicianId: string;
  status: string;
  startedOn: string;
  endedOn: string | null;
}

export interface PhysicianView {
  id: string;
  organizationId: string;
  userId: string | null;
  givenName: string;
  familyName: string;
  npi: string;
  dateOfBirth?: Protected<string>;
  ssn?: Protected<string>;
  affiliation: AffiliationView | null;
  /** Serialized by the DateTime scalar, only when a request selects them. */
  createdAt: Date;
  updatedAt: Date;
}


/**
 * Reads physicians in the caller's transaction; decrypts and audits the protected fields the
 * request may read, and withholds those it may not (scope.reveal).
 */
export async function readPhysicians(scope: ProtectedScope, where: FilterObject<Physician>, page?: PageRequest): Promise<PhysicianView[]> {
  const rows = await scope.em.getRepository(Physician).listing(where, page).execute<PhysicianRow[]>('all');
  const views: PhysicianView[] = rows.map((row) => ({
    ...pageKeysOf(row),
    id: row.id,
    organizationId: row.organization,
    userId: row.user,
    givenName: row.givenName,
    familyName: row.familyName,
    npi: row.npi,
    affiliation: row.affiliation_status
      ? { organizationId: row.organization, physicianId: row.id, status: row.affiliation_status, startedOn: row.affiliation_started_on!, endedOn: row.affiliation_ended_on }
      : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
  await scope.reveal('Physician', rows, views);
  return views;
}

export async function physician(service: CredentialsService, caller: Caller, id: string, info: GraphQLResolveInfo): Promise<PhysicianView> {
  const found = isUuid(id) ? await protectedRead(service, caller, info, { types: READS, run: (scope) => readPhysicians(scope, { id }) }) : [];
  if (found.length === 0) throw await notVisible(service, caller, 'Physician', id);
  return found[0]!;
}

export async function physicianOfUser(service: CredentialsService, caller: Caller, userId: string, info: GraphQLResolveInfo): Promise<PhysicianView | null> {
  if (!isUuid(userId)) return null;
  const found = await protectedRead(service, caller, info, {
    types: READS,
    run: (scope) => readPhysicians(scope, { user: userId, organization: caller.organizationId! }),
  });
  return found[0] ?? null;
}

export async function physicians(
  service: CredentialsService,
  caller: Caller,
  args: PageArguments & {
    filter?: { npi?: string | null; familyNamePrefix?: string | null; affiliationStatus?: string | null } | null;
    orderBy?: { field: keyof typeof PHYSICIAN_ORDERS; direction?: SortDirection | null } | null;
  },
  info: GraphQLResolveInfo,
): Promise<PhysicianConnectionView> {
  const request = pageRequest(listOrder('physicians', PHYSICIAN_ORDERS, args.orderBy, { field: 'FAMILY_NAME', direction: 'ASC' }), args);
  const familyNamePrefix = args.filter?.familyNamePrefix ? text(args.filter.familyNamePrefix, 'filter.familyNamePrefix', 100).toLowerCase() : null;
  // Made anew for each query: a raw fragment belongs to the one query it is built into.
  const where = (): FilterObject<Physician> => ({
    organization: caller.organizationId!,
    ...(args.filter?.npi ? { npi: assertNpi(args.filter.npi) } : {}),
    // Raw SQL: a case-insensitive prefix (its wildcards escaped, backslash being LIKE's escape), and
    // the status of the affiliation the reads join (`a`).
    ...(familyNamePrefix ? { [raw('lower(p.family_name)')]: { $like: `${familyNamePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } } : {}),
    ...(args.filter?.affiliationStatus ? { [raw('a.status')]: args.filter.affiliationStatus } : {}),
  });
  const rows = await protectedRead(service, caller, info, { types: READS, run: (scope) => readPhysicians(scope, where(), request) });
  // Counted only when asked for, as the caller: row-level security decides what is counted.
  const totalCount = () => runAsCaller(service.orm, caller, (em) => em.getRepository(Physician).countListed(where()));
  return { ...connectionOf(request, rows, (row) => row), totalCount };
}

export type PhysicianConnectionView = CountedConnection<PhysicianView>;

// The orders of the list of physicians, each ending in the id so that every row has its place.
const PHYSICIAN_ORDERS = {
  FAMILY_NAME: [{ sql: 'p.family_name', kind: 'text' }, { sql: 'p.id', kind: 'uuid' }],
  CREATED_AT: [{ sql: 'p.created_at', kind: 'timestamp' }, { sql: 'p.id', kind: 'uuid' }],
} as const satisfies Record<string, readonly SortKey[]>;

const SSN = /^(\d{3})-?(\d{2})-?(\d{4})$/;

/** An SSN as issued: no area 000, 666 or 9xx, no group 00, no serial 0000. Stored as 123-45-6789. */
export function normalizeSsn(value: string): string {
  const match = SSN.exec(value.trim());
  if (!match || match[1] === '000' || match[1] === '666' || match[1]!.startsWith('9') || match[2] === '00' || match[3] === '0000') {
    throw badUserInput('ssn must be a valid Social Security number (123-45-6789)', { field: 'ssn', reason: 'INVALID_SSN' });
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

function assertBirthDate(value: string): string {
  if (value > new Date().toISOString().slice(0, 10)) throw badUserInput('dateOfBirth cannot be in the future', { field: 'dateOfBirth', reason: 'INVALID_DATE' });
  return value;
}

export async function createPhysician(
  service: CredentialsService,
  caller: Caller,
  input: { givenName: string; familyName: string; npi: string; dateOfBirth?: string | null; ssn?: string | null; userId?: string | null },
  info: GraphQLResolveInfo,
): Promise<PhysicianView> {
  const id = randomUUID();
  const organizationId = caller.organizationId!;
  const values = {
    givenName: text(input.givenName, 'givenName', 100),
    familyName: text(input.familyName, 'familyName', 100),
    npi: assertNpi(input.npi),
    dateOfBirth: input.dateOfBirth ? assertBirthDate(input.dateOfBirth) : null,
    ssn: input.ssn ? normalizeSsn(input.ssn) : null,
    userId: input.userId ? assertId(input.userId, 'userId') : null,
  };
  return protectedWrite(service, caller, info, {
    types: READS,
    target: { type: 'Physician', id },
    duplicate: 'This organization already has a physician file with this NPI or for this user',
    run: async (scope) => {
      const { em } = scope;
      if (values.userId) {
        // Raw SQL: a SECURITY DEFINER function (memberships are identity's).
        const [member] = await em.execute<{ role: string | null }[]>('select credentials.member_role(?) as role', [values.userId]);
        if (member?.role !== 'PHYSICIAN') throw badUserInput('userId must be an active member of this organization with the PHYSICIAN role', { field: 'userId' });
      }
      const sealed = encryptedFields(em, await service.encryption.forOrganization(em, organizationId), Physician).seal(id, { dateOfBirth: values.dateOfBirth, ssn: values.ssn });
      // Raw SQL: MikroORM 7.2.1's insert reads back the columns the database defaults (RETURNING),
      // and a file (and its affiliation) is visible to the caller (row-level security) only once its
      // affiliation exists.
      await em.execute(
        `insert into credentials.physicians (id, organization_id, user_id, given_name, family_name, npi, date_of_birth, ssn, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, organizationId, values.userId, values.givenName, values.familyName, values.npi, sealed.dateOfBirth ?? null, sealed.ssn ?? null, caller.userId],
      );
      await em.execute('insert into credentials.affiliations (physician_id, organization_id) values (?, ?)', [id, organizationId]);
      await requestScreening(em, organizationId, id);
      await requestCredentialing(em, organizationId, id);
      await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Physician', resourceId: id, outcome: 'SUCCESS' });
      return (await readPhysicians(scope, { id }))[0]!;
    },
  });
}

export async function updatePhysician(
  service: CredentialsService,
  caller: Caller,
  id: string,
  input: { givenName?: string | null; familyName?: string | null; dateOfBirth?: string | null; ssn?: string | null },
  info: GraphQLResolveInfo,
): Promise<PhysicianView> {
  const plain = {
    ...(input.givenName !== undefined ? { givenName: text(input.givenName ?? '', 'givenName', 100) } : {}),
    ...(input.familyName !== undefined ? { familyName: text(input.familyName ?? '', 'familyName', 100) } : {}),
  };
  const protectedValues = {
    ...(input.dateOfBirth !== undefined ? { dateOfBirth: input.dateOfBirth === null ? null : assertBirthDate(input.dateOfBirth) } : {}),
    ...(input.ssn !== undefined ? { ssn: input.ssn === null ? null : normalizeSsn(input.ssn) } : {}),
  };
  if (Object.keys(plain).length + Object.keys(protectedValues).length === 0) throw badUserInput('Give at least one field to change');
  if (!isUuid(id)) throw await notVisible(service, caller, 'Physician', id);
  return protectedWrite(service, caller, info, {
    types: READS,
    target: { type: 'Physician', id },
    run: async (scope) => {
      const { em } = scope;
      const current = await em.findOne(Physician, { id }, { fields: ['organization'], lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!current) return null;
      const organizationId = current.organization.id;
      const sealed = Object.keys(protectedValues).length ? encryptedFields(em, await service.encryption.forOrganization(em, organizationId), Physician).seal(id, protectedValues) : {};
      await em.nativeUpdate(Physician, { id }, { ...plain, ...sealed, updatedAt: sql.now() });
      // What the exclusion lists are matched on changed: the file is screened again.
      if (input.givenName !== undefined || input.familyName !== undefined || input.dateOfBirth !== undefined) await requestScreening(em, organizationId, id);
      await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Physician', resourceId: id, outcome: 'SUCCESS' });
      return (await readPhysicians(scope, { id }))[0]!;
    },
  });
}

export async function setAffiliationStatus(service: CredentialsService, caller: Caller, physicianId: string, status: 'ACTIVE' | 'INACTIVE', info: GraphQLResolveInfo): Promise<PhysicianView> {
  if (!isUuid(physicianId)) throw await notVisible(service, caller, 'Physician', physicianId);
  return protectedWrite(service, caller, info, {
    types: READS,
    target: { type: 'Physician', id: physicianId },
    run: async (scope) => {
      const { em } = scope;
      const changed = await em.nativeUpdate(Affiliation, { physician: physicianId, organization: caller.organizationId! }, {
        status,
        // Raw SQL: an end date kept once set, the database's date otherwise.
        endedOn: status === 'INACTIVE' ? raw('coalesce(ended_on, current_date)') : null,
        updatedAt: sql.now(),
      });
      if (changed === 0) return null;
      await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Affiliation', resourceId: physicianId, outcome: 'SUCCESS', reason: `status:${status.toLowerCase()}` });
      return (await readPhysicians(scope, { id: physicianId }))[0]!;
    },
  });
}
