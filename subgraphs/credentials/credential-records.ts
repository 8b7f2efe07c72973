// Credentials of physicians: licenses, DEA and state controlled-substance registrations, board
// certifications, malpractice insurance. The number is encrypted and found through its blind
// index; reading it is audited per credential.
import { randomUUID } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import { recordAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { isoTimestamp, refuse, runAsCaller } from '../../platform/database/orm.ts';
import { badUserInput, conflict } from '../../platform/errors.ts';
import { assertId, isUuid } from '../../platform/ids.ts';
import { CREDENTIAL_TYPES } from './credential-types.ts';
import { readPhysicians, type PhysicianView } from './physicians.ts';
import { protectedRead, protectedWrite, storedAt, type Protected, type ProtectedScope, type ProtectedType } from './protected-fields.ts';
import { notVisible, text, type CredentialsService } from './service.ts';
import { connectionOf, keysetQuery, listOrder, pageKeysOf, pageRequest, type PageArguments, type SortDirection, type SortKey } from '../../platform/pagination.ts';
import { assertExpiryAfterIssue, assertState, deaReviewReasons, normalizeCredentialNumber } from './validation.ts';

/** What a credential read reads protected fields of: the credential and, when asked for, its physician. */
const READS: readonly ProtectedType[] = ['Credential', 'Physician'];
const NUMBER_FIELD = storedAt('Credential', 'number');
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
  createdAt: string;
  updatedAt: string;
}

export interface CredentialRow {
  id: string;
  organization_id: string;
  physician_id: string;
  type: CredentialType;
  number: Buffer;
  issuer: string;
  state: string | null;
  issued_on: string | null;
  expires_on: string | null;
  status: string;
  review_reasons: string[];
  expired: boolean;
  created_at: string;
  updated_at: string;
}

/** The columns of a credential as every listing reads them (alias `c`). */
export const CREDENTIAL_COLUMNS = `c.id, c.organization_id, c.physician_id, c.type, c.number, c.issuer, c.state, c.issued_on::text as issued_on,
  c.expires_on::text as expires_on, c.status, c.review_reasons, coalesce(c.expires_on < current_date, false) as expired,
  ${isoTimestamp('c.created_at')} as created_at, ${isoTimestamp('c.updated_at')} as updated_at`;

/** Types whose credential is issued by a state, and types that always expire. */
const STATE_ISSUED = new Set<CredentialType>(['STATE_LICENSE', 'DEA_REGISTRATION', 'STATE_CONTROLLED_SUBSTANCE']);
const EXPIRING = new Set<CredentialType>(['STATE_LICENSE', 'DEA_REGISTRATION', 'STATE_CONTROLLED_SUBSTANCE', 'MALPRACTICE_INSURANCE']);

export async function readCredentials(scope: ProtectedScope, where: string, params: unknown[], tail = '', keyColumns = ''): Promise<CredentialView[]> {
  const rows = await scope.em.execute<CredentialRow[]>(`select ${CREDENTIAL_COLUMNS}${keyColumns} from credentials.credentials c where c.removed_at is null and ${where} ${tail}`, params);
  const views: CredentialView[] = rows.map((row) => ({
    ...pageKeysOf(row),
    id: row.id,
    organizationId: row.organization_id,
    physicianId: row.physician_id,
    type: row.type,
    issuer: row.issuer,
    state: row.state,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
    status: row.status,
    reviewReasons: row.review_reasons,
    expired: row.expired,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
  await scope.reveal('Credential', rows, views);
  // The physicians of the listed credentials, in the same transaction (and with the same rules).
  if (rows.length > 0 && scope.selects('Credential.physician')) {
    const ids = [...new Set(rows.map((row) => row.physician_id))];
    const physicians = await readPhysicians(scope, `p.id in (select unnest(string_to_array(?, ',')::uuid[]))`, [ids.join(',')]);
    const byId = new Map(physicians.map((p) => [p.id, p]));
    for (const view of views) view.physician = byId.get(view.physicianId);
  }
  return views;
}

export async function credential(service: CredentialsService, caller: Caller, id: string, info: GraphQLResolveInfo): Promise<CredentialView> {
  const found = isUuid(id) ? await protectedRead(service, caller, info, { types: READS, run: (scope) => readCredentials(scope, 'c.id = ?', [id]) }) : [];
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
  const keyset = keysetQuery(request);
  const filter = args.filter ?? {};
  const clauses = ['c.organization_id = ?'];
  const params: unknown[] = [caller.organizationId];
  if (filter.physicianId) {
    clauses.push('c.physician_id = ?');
    params.push(assertId(filter.physicianId, 'filter.physicianId'));
  }
  if (filter.type) {
    clauses.push('c.type = ?');
    params.push(filter.type);
  }
  if (filter.status) {
    clauses.push('c.status = ?');
    params.push(filter.status);
  }
  if (filter.expiringWithinDays != null) {
    if (!Number.isInteger(filter.expiringWithinDays) || filter.expiringWithinDays < 0 || filter.expiringWithinDays > 3650) {
      throw badUserInput('filter.expiringWithinDays must be between 0 and 3650', { field: 'filter.expiringWithinDays' });
    }
    clauses.push('c.expires_on between current_date and current_date + ?::integer');
    params.push(filter.expiringWithinDays);
  }
  const number = filter.number ? normalizeCredentialNumber(filter.number) : null;
  const rows = await protectedRead(service, caller, info, {
    types: READS,
    run: async (scope) => {
      if (number !== null) {
        clauses.push('c.number_index = ?');
        params.push((await scope.keys()).blindIndex(NUMBER_FIELD, number));
      }
      return readCredentials(scope, clauses.join(' and ') + keyset.where, [...params, ...keyset.params], keyset.orderBy, keyset.keyColumns);
    },
  });
  if (filter.physicianId && rows.length === 0) {
    // An empty list for a physician the caller cannot see would hide a probe: record it.
    const visible = await runAsCaller(service.orm, caller, (em) => em.execute('select 1 from credentials.physicians where id = ?', [filter.physicianId]));
    if (visible.length === 0) throw await notVisible(service, caller, 'Physician', filter.physicianId);
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
      const [physician] = await em.execute<{ organization_id: string; family_name: string }[]>(
        'select organization_id, family_name from credentials.physicians where id = ? for share', [physicianId]);
      if (!physician) return null;
      const reasons = reviewReasonsFor(input.type, number, physician.family_name);
      const keys = await service.encryption.forOrganization(em, physician.organization_id);
      const index = keys.blindIndex(NUMBER_FIELD, number);
      const duplicate = await em.execute(
        'select 1 from credentials.credentials where organization_id = ? and number_index = ? and physician_id = ? and type = ? and removed_at is null',
        [physician.organization_id, index, physicianId, input.type],
      );
      if (duplicate.length > 0) return refuse(conflict(DUPLICATE_CREDENTIAL)); // a refusal, not a database error: nothing is written before it
      await em.execute(
        `insert into credentials.credentials (id, organization_id, physician_id, type, number, number_index, issuer, state, issued_on, expires_on, status, review_reasons, created_by, verification_requested_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, string_to_array(?, ','), ?, now())`,
        [id, physician.organization_id, physicianId, input.type, keys.encrypt({ ...NUMBER_FIELD, rowId: id }, number), index, values.issuer, values.state,
          values.issuedOn, values.expiresOn, reasons.length ? 'NEEDS_REVIEW' : 'PENDING', reasons.join(','), caller.userId],
      );
      await recordAudit(em, caller, { action: 'CREATE', resourceType: 'Credential', resourceId: id, outcome: 'SUCCESS' });
      return (await readCredentials(scope, 'c.id = ?', [id]))[0]!;
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
      const [current] = await em.execute<{ organization_id: string; type: CredentialType; state: string | null; issued_on: string | null; expires_on: string | null; family_name: string; number: Buffer }[]>(
        `select c.organization_id, c.type, c.state, c.issued_on::text as issued_on, c.expires_on::text as expires_on, c.number, p.family_name
           from credentials.credentials c join credentials.physicians p on p.id = c.physician_id
          where c.id = ? and c.removed_at is null for update of c`,
        [id],
      );
      if (!current) return null;
      const merged = {
        state: state === undefined ? current.state : state,
        issuedOn: input.issuedOn === undefined ? current.issued_on : input.issuedOn,
        expiresOn: input.expiresOn === undefined ? current.expires_on : input.expiresOn,
      };
      checkCredential(current.type, merged);
      const keys = await service.encryption.forOrganization(em, current.organization_id);
      const field = { ...NUMBER_FIELD, rowId: id };
      const effectiveNumber = number ?? keys.decryptText(field, current.number);
      const reasons = reviewReasonsFor(current.type, effectiveNumber, current.family_name);
      // Any change to what was verified sends the credential back to be verified again (its workflow starts over).
      await em.execute(
        `update credentials.credentials set number = ?, number_index = ?, issuer = coalesce(?, issuer), state = ?, issued_on = ?, expires_on = ?,
                status = ?, review_reasons = string_to_array(?, ','), verification_requested_at = now(), updated_at = now() where id = ?`,
        [number ? keys.encrypt(field, number) : current.number, keys.blindIndex(NUMBER_FIELD, effectiveNumber), issuer ?? null, merged.state,
          merged.issuedOn, merged.expiresOn, reasons.length ? 'NEEDS_REVIEW' : 'PENDING', reasons.join(','), id],
      );
      await recordAudit(em, caller, { action: 'UPDATE', resourceType: 'Credential', resourceId: id, outcome: 'SUCCESS' });
      return (await readCredentials(scope, 'c.id = ?', [id]))[0]!;
    },
  });
}

/** Removal keeps the record (and its documents) for the retention period; it leaves every listing. */
export async function removeCredential(service: CredentialsService, caller: Caller, id: string): Promise<boolean> {
  const removed = isUuid(id)
    ? await runAsCaller(service.orm, caller, async (em) => {
        const rows = await em.execute('update credentials.credentials set removed_at = now(), updated_at = now() where id = ? and removed_at is null returning id', [id]);
        if (rows.length === 0) return false;
        await recordAudit(em, caller, { action: 'DELETE', resourceType: 'Credential', resourceId: id, outcome: 'SUCCESS' });
        return true;
      })
    : false;
  if (!removed) throw await notVisible(service, caller, 'Credential', id);
  return true;
}
