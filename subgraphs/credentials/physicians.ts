// Physician files: created by the organization (with their affiliation), updated by it or by the
// physician. Date of birth and SSN are encrypted; reading them is audited per physician.
import { randomUUID } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, runAsCaller } from '../../platform/database/orm.ts';
import { badUserInput } from '../../platform/errors.ts';
import { assertId, isUuid } from '../../platform/ids.ts';
import { protectedRead, protectedWrite, storedAt, type EncryptedColumn, type Protected, type ProtectedScope, type ProtectedType } from './protected-fields.ts';
import { notVisible, text, type CredentialsService } from './service.ts';
import { connectionOf, keysetQuery, listOrder, pageKeysOf, pageRequest, type CountedConnection, type PageArguments, type SortDirection, type SortKey } from '../../platform/pagination.ts';
import { assertNpi } from './validation.ts';
import { requestCredentialing } from './credentialing.ts';
import { requestScreening } from './exclusions.ts';

/** What a physician read reads protected fields of. */
const READS: readonly ProtectedType[] = ['Physician'];
const DATE_OF_BIRTH = storedAt('Physician', 'dateOfBirth');
const SSN_COLUMN = storedAt('Physician', 'ssn');

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
  createdAt: string;
  updatedAt: string;
}

interface PhysicianRow {
  id: string;
  organization_id: string;
  user_id: string | null;
  given_name: string;
  family_name: string;
  npi: string;
  date_of_birth: Buffer | null;
  ssn: Buffer | null;
  created_at: string;
  updated_at: string;
  affiliation_status: string | null;
  started_on: string | null;
  ended_on: string | null;
}

const PHYSICIAN_COLUMNS = `p.id, p.organization_id, p.user_id, p.given_name, p.family_name, p.npi, p.date_of_birth, p.ssn,
  ${isoTimestamp('p.created_at')} as created_at, ${isoTimestamp('p.updated_at')} as updated_at,
  a.status as affiliation_status, a.started_on::text as started_on, a.ended_on::text as ended_on`;
const PHYSICIAN_FROM = `credentials.physicians p left join credentials.affiliations a on a.physician_id = p.id and a.organization_id = p.organization_id`;

/**
 * Reads physicians in the caller's transaction; decrypts and audits the protected fields the
 * request may read, and withholds those it may not (scope.reveal).
 */
export async function readPhysicians(scope: ProtectedScope, where: string, params: unknown[], tail = '', keyColumns = ''): Promise<PhysicianView[]> {
  const rows = await scope.em.execute<PhysicianRow[]>(`select ${PHYSICIAN_COLUMNS}${keyColumns} from ${PHYSICIAN_FROM} where ${where} ${tail}`, params);
  const views: PhysicianView[] = rows.map((row) => ({
    ...pageKeysOf(row),
    id: row.id,
    organizationId: row.organization_id,
    userId: row.user_id,
    givenName: row.given_name,
    familyName: row.family_name,
    npi: row.npi,
    affiliation: row.affiliation_status ? { organizationId: row.organization_id, physicianId: row.id, status: row.affiliation_status, startedOn: row.started_on!, endedOn: row.ended_on } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
  await scope.reveal('Physician', rows, views);
  return views;
}

export async function physician(service: CredentialsService, caller: Caller, id: string, info: GraphQLResolveInfo): Promise<PhysicianView> {
  const found = isUuid(id) ? await protectedRead(service, caller, info, { types: READS, run: (scope) => readPhysicians(scope, 'p.id = ?', [id]) }) : [];
  if (found.length === 0) throw await notVisible(service, caller, 'Physician', id);
  return found[0]!;
}

export async function physicianOfUser(service: CredentialsService, caller: Caller, userId: string, info: GraphQLResolveInfo): Promise<PhysicianView | null> {
  if (!isUuid(userId)) return null;
  const found = await protectedRead(service, caller, info, {
    types: READS,
    run: (scope) => readPhysicians(scope, 'p.user_id = ? and p.organization_id = ?', [userId, caller.organizationId]),
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
  const keyset = keysetQuery(request);
  const clauses = ['p.organization_id = ?'];
  const params: unknown[] = [caller.organizationId];
  if (args.filter?.npi) {
    clauses.push('p.npi = ?');
    params.push(assertNpi(args.filter.npi));
  }
  if (args.filter?.familyNamePrefix) {
    clauses.push(`lower(p.family_name) like ? escape '\\'`);
    params.push(`${text(args.filter.familyNamePrefix, 'filter.familyNamePrefix', 100).toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (args.filter?.affiliationStatus) {
    clauses.push('a.status = ?');
    params.push(args.filter.affiliationStatus);
  }
  const rows = await protectedRead(service, caller, info, {
    types: READS,
    run: (scope) => readPhysicians(scope, clauses.join(' and ') + keyset.where, [...params, ...keyset.params], keyset.orderBy, keyset.keyColumns),
  });
  // Counted only when asked for, as the caller: row-level security decides what is counted.
  const totalCount = () =>
    runAsCaller(service.orm, caller, async (em) => {
      const [row] = await em.execute<{ count: number }[]>(`select count(*)::int as count from ${PHYSICIAN_FROM} where ${clauses.join(' and ')}`, params);
      return row!.count;
    });
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
        const [member] = await em.execute<{ role: string | null }[]>('select credentials.member_role(?) as role', [values.userId]);
        if (member?.role !== 'PHYSICIAN') throw badUserInput('userId must be an active member of this organization with the PHYSICIAN role', { field: 'userId' });
      }
      const keys = await service.encryption.forOrganization(em, organizationId);
      const seal = (field: EncryptedColumn, value: string | null) => (value === null ? null : keys.encrypt({ ...field, rowId: id }, value));
      await em.execute(
        `insert into credentials.physicians (id, organization_id, user_id, given_name, family_name, npi, date_of_birth, ssn, created_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, organizationId, values.userId, values.givenName, values.familyName, values.npi, seal(DATE_OF_BIRTH, values.dateOfBirth), seal(SSN_COLUMN, values.ssn), caller.userId],
      );
      await em.execute(`insert into credentials.affiliations (physician_id, organization_id) values (?, ?)`, [id, organizationId]);
      await requestScreening(em, organizationId, id);
      await requestCredentialing(em, organizationId, id);
      await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Physician', resourceId: id, outcome: 'SUCCESS' });
      return (await readPhysicians(scope, 'p.id = ?', [id]))[0]!;
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
  const sets: string[] = [];
  const params: unknown[] = [];
  const plain: [string, unknown][] = [];
  if (input.givenName !== undefined) plain.push(['given_name', text(input.givenName ?? '', 'givenName', 100)]);
  if (input.familyName !== undefined) plain.push(['family_name', text(input.familyName ?? '', 'familyName', 100)]);
  const sealed: [EncryptedColumn, string | null][] = [];
  if (input.dateOfBirth !== undefined) sealed.push([DATE_OF_BIRTH, input.dateOfBirth === null ? null : assertBirthDate(input.dateOfBirth)]);
  if (input.ssn !== undefined) sealed.push([SSN_COLUMN, input.ssn === null ? null : normalizeSsn(input.ssn)]);
  if (plain.length + sealed.length === 0) throw badUserInput('Give at least one field to change');
  if (!isUuid(id)) throw await notVisible(service, caller, 'Physician', id);
  return protectedWrite(service, caller, info, {
    types: READS,
    target: { type: 'Physician', id },
    run: async (scope) => {
      const { em } = scope;
      const [current] = await em.execute<{ organization_id: string }[]>('select organization_id from credentials.physicians where id = ? for update', [id]);
      if (!current) return null;
      const keys = sealed.length ? await service.encryption.forOrganization(em, current.organization_id) : null;
      for (const [column, value] of plain) {
        sets.push(`${column} = ?`);
        params.push(value);
      }
      for (const [field, value] of sealed) {
        sets.push(`${field.column} = ?`);
        params.push(value === null ? null : keys!.encrypt({ ...field, rowId: id }, value));
      }
      await em.execute(`update credentials.physicians set ${sets.join(', ')}, updated_at = now() where id = ?`, [...params, id]);
      // What the exclusion lists are matched on changed: the file is screened again.
      if (input.givenName !== undefined || input.familyName !== undefined || input.dateOfBirth !== undefined) await requestScreening(em, current.organization_id, id);
      await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Physician', resourceId: id, outcome: 'SUCCESS' });
      return (await readPhysicians(scope, 'p.id = ?', [id]))[0]!;
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
      const changed = await em.execute<{ physician_id: string }[]>(
        `update credentials.affiliations set status = ?, ended_on = case when ? = 'INACTIVE' then coalesce(ended_on, current_date) else null end, updated_at = now()
          where physician_id = ? and organization_id = ? returning physician_id`,
        [status, status, physicianId, caller.organizationId],
      );
      if (changed.length === 0) return null;
      await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Affiliation', resourceId: physicianId, outcome: 'SUCCESS', reason: `status:${status.toLowerCase()}` });
      return (await readPhysicians(scope, 'p.id = ?', [physicianId]))[0]!;
    },
  });
}
