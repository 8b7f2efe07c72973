// The protected fields of the credentials subgraph, declared once, and the one way every read and
// mutation reaches them (`protectedRead`, `protectedWrite`): the fields the request asks for are
// split by the permission matrix into those the caller may read and those it may not; the work
// runs as the caller in one transaction, in which the records it reads back get their readable
// fields decrypted and one VIEW event each; a refused field gets a `Withheld` marker in the view
// (its field resolver answers null, named in the record's `withheldFields`, see `revealed`), and
// its denial is recorded after the transaction (which may roll back).
import type { GraphQLResolveInfo } from 'graphql';
import { recordAudit, recordDenial } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { runAsCaller, type EntityManager, type Refusal } from '../../platform/database/orm.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import type { OrganizationKeys } from '../../platform/field-encryption/data-keys.ts';
import { dataUnreadable } from '../../platform/field-encryption/field-cipher.ts';
import { FIELD_OPERATIONS, refusal, withheldReason, type Operation, type WithheldReason } from '../../platform/permissions.ts';
import { requestedFields } from '../../platform/requested-fields.ts';
import { encryptedFields, type EncryptedFields } from '../../platform/field-encryption/encrypted-properties.ts';
import { PROTECTED_GRAPHQL_FIELDS, type ProtectedType } from '../../domain/encrypted-columns.ts';
import { Credential, Physician } from './entities/index.ts';
import { notVisible, type CredentialsService } from './service.ts';
import type { AuditResourceName } from '../../domain/audit-resource-types.ts';

export type { ProtectedType };

/** The entity of each type with protected fields: its encrypted property of the field's name holds the ciphertext. */
export const PROTECTED_ENTITIES = { Credential, Physician } as const satisfies Record<ProtectedType, unknown>;

/** A protected field of a GraphQL type: the operation that may read it (its entity's property of the same name is encrypted). */
export interface ProtectedField {
  graphqlField: string;
  operation: Operation;
}

/**
 * A protected field, read under the operation the permission matrix gives that very field
 * (FIELD_OPERATIONS, which the gateway enforces too), never the one of its type.
 */
function guarded(protectedField: (typeof PROTECTED_GRAPHQL_FIELDS)[number]): ProtectedField {
  const { type, field } = protectedField;
  const operation = FIELD_OPERATIONS[`${type}.${field}`];
  if (!operation) throw new Error(`${type}.${field} is protected but has no operation of its own in the permission matrix`);
  return { graphqlField: field, operation };
}

const fieldsOf = (type: ProtectedType) => PROTECTED_GRAPHQL_FIELDS.filter((protectedField) => protectedField.type === type).map(guarded);

/** The protected fields of each type (PROTECTED_GRAPHQL_FIELDS): what reads decrypt, writes read back, and refusals are recorded for. */
export const PROTECTED_FIELDS: Readonly<Record<ProtectedType, readonly ProtectedField[]>> = {
  Credential: fieldsOf('Credential'),
  Physician: fieldsOf('Physician'),
};

/**
 * What a view holds in place of a protected value the request does not get: `refused`, the
 * matrix denies the caller `operation`; `unreadable`, the ciphertext failed its check (logged).
 */
export class Withheld {
  readonly reason: 'refused' | 'unreadable';
  readonly operation: Operation;
  constructor(reason: 'refused' | 'unreadable', operation: Operation) {
    this.reason = reason;
    this.operation = operation;
  }
}

/** A protected value in a view: absent (not asked for), the decrypted value or null, or withheld. */
export type Protected<T> = T | null | Withheld;

/**
 * The field resolver's answer for a protected value: the value; null, without an error, for one
 * the caller's role may not read (its record's `withheldFields` says so); the error of any other
 * refusal; DATA_UNREADABLE for a ciphertext that failed its check (an incident, not a permission).
 */
export function revealed<T>(caller: Caller, value: T | Withheld | null | undefined): Exclude<T, Withheld> | null {
  if (!(value instanceof Withheld)) return (value as Exclude<T, Withheld> | null | undefined) ?? null;
  if (value.reason === 'unreadable') throw dataUnreadable();
  const refused = refusal(caller, value.operation);
  if (refused === null || withheldReason(refused) !== null) return null;
  throw refused;
}

/**
 * The protected fields of `type` the caller may not read, and why: decided by the matrix for the
 * caller, not by what a request selects, so every answer about a record says the same.
 */
export function withheldFieldsOf(caller: Caller, type: ProtectedType): { field: string; reason: WithheldReason }[] {
  // eslint-disable-next-line security/detect-object-injection -- a ProtectedType, a constant union
  return PROTECTED_FIELDS[type].flatMap((field) => {
    const reason = withheldReason(refusal(caller, field.operation));
    return reason === null ? [] : [{ field: field.graphqlField, reason }];
  });
}

/** The work of a step, in the caller's transaction. */
export interface ProtectedScope {
  em: EntityManager;
  caller: Caller;
  service: CredentialsService;
  /** Whether the request selects `Type.field` (a relation to load in the same transaction). */
  selects(field: string): boolean;
  /** The caller's organization's keys, read once per step. */
  keys(): Promise<OrganizationKeys>;
  /** The encrypted columns of `type`'s entity under the caller's organization's keys. */
  encrypted(type: ProtectedType): Promise<EncryptedFields>;
  /**
   * Puts the protected fields of `type` the request selects into `views` (one per row of `rows`):
   * a `Withheld` marker for those refused; for the others the decrypted values, and one VIEW
   * event per record.
   */
  reveal(type: ProtectedType, rows: readonly { id: string }[], views: readonly object[]): Promise<void>;
}

export interface ProtectedStep<T> {
  /** The types whose protected fields the work reads, in the order their refusals are recorded. */
  types: readonly ProtectedType[];
  run: (scope: ProtectedScope) => Promise<T>;
}

export interface ProtectedWriteStep<T> {
  types: readonly ProtectedType[];
  /** The record written: a run that answers null did not find it (NOT_FOUND, a denial recorded). */
  target: { type: AuditResourceName; id: string };
  /** A unique violation answers CONFLICT with this message. */
  duplicate?: string;
  run: (scope: ProtectedScope) => Promise<T | null | Refusal>;
}

/** What the request selects: its resolve info, or its fields as "Type.field". */
export type Selection = GraphQLResolveInfo | ReadonlySet<string>;

/** A read: the work and its views in one transaction as the caller, then the refusals recorded. */
export async function protectedRead<T>(service: CredentialsService, caller: Caller, selection: Selection, step: ProtectedStep<T>): Promise<Exclude<T, Refusal>> {
  const plan = planOf(caller, selection, step.types);
  const result = await runAsCaller(service.orm, caller, (em) => step.run(scopeOf(service, em, caller, plan)));
  await recordRefused(service, caller, plan, step.types);
  return result;
}

/** A mutation: as `protectedRead`, with a missing target NOT_FOUND (and no refusals recorded), a duplicate CONFLICT. */
export async function protectedWrite<T>(service: CredentialsService, caller: Caller, selection: Selection, step: ProtectedWriteStep<T>): Promise<Exclude<T, Refusal>> {
  const plan = planOf(caller, selection, step.types);
  let result: Exclude<T, Refusal> | null;
  try {
    result = await runAsCaller(service.orm, caller, (em) => step.run(scopeOf(service, em, caller, plan)));
  } catch (error) {
    if (step.duplicate !== undefined && (error as { code?: string }).code === '23505') throw conflict(step.duplicate);
    throw error;
  }
  if (result === null) throw await notVisible(service, caller, step.target.type, step.target.id);
  await recordRefused(service, caller, plan, step.types);
  return result;
}

/** For one request: the fields it selects, and of the protected ones, those readable and the markers of those refused. */
interface Plan {
  fields: ReadonlySet<string>;
  readable: Set<ProtectedField>;
  refused: Map<string, Withheld>;
}

const nameOf = (type: ProtectedType, field: ProtectedField) => `${type}.${field.graphqlField}`;

function planOf(caller: Caller, selection: Selection, types: readonly ProtectedType[]): Plan {
  const fields = selection instanceof Set ? selection : requestedFields(selection as GraphQLResolveInfo);
  const plan: Plan = { fields, readable: new Set(), refused: new Map() };
  for (const type of types) {
    // eslint-disable-next-line security/detect-object-injection -- a ProtectedType, a constant union
    for (const field of PROTECTED_FIELDS[type]) {
      if (!fields.has(nameOf(type, field))) continue;
      if (refusal(caller, field.operation)) plan.refused.set(nameOf(type, field), new Withheld('refused', field.operation));
      else plan.readable.add(field);
    }
  }
  return plan;
}

function scopeOf(service: CredentialsService, em: EntityManager, caller: Caller, plan: Plan): ProtectedScope {
  let keys: Promise<OrganizationKeys> | undefined;
  const scope: ProtectedScope = {
    em,
    caller,
    service,
    selects: (field) => plan.fields.has(field),
    keys: () => (keys ??= service.encryption.forOrganization(em, caller.organizationId!)),
    // eslint-disable-next-line security/detect-object-injection -- a ProtectedType, a constant union
    encrypted: async (type) => encryptedFields<object>(em, await scope.keys(), PROTECTED_ENTITIES[type]),
    async reveal(type, rows, views) {
      // eslint-disable-next-line security/detect-object-injection -- a ProtectedType, a constant union
      const fields = PROTECTED_FIELDS[type];
      // eslint-disable-next-line security/detect-object-injection -- an array index
      const viewAt = (i: number) => views[i] as Record<string, unknown>;
      for (const field of fields) {
        const withheld = plan.refused.get(nameOf(type, field));
        if (withheld) views.forEach((_view, i) => (viewAt(i)[field.graphqlField] = withheld));
      }
      const readable = fields.filter((field) => plan.readable.has(field));
      if (readable.length === 0 || rows.length === 0) return;
      const encrypted = await scope.encrypted(type);
      rows.forEach((row, i) => {
        for (const field of readable) viewAt(i)[field.graphqlField] = decryptForView(service, encrypted, field, row.id, (row as Record<string, unknown>)[field.graphqlField] as Buffer | null);
      });
      await recordViews(em, caller, type, rows.map((row) => row.id));
    },
  };
  return scope;
}

/** Records the refused protected fields of a request: one denial per type and operation. */
async function recordRefused(service: CredentialsService, caller: Caller, plan: Plan, types: readonly ProtectedType[]): Promise<void> {
  for (const type of types) {
    // eslint-disable-next-line security/detect-object-injection -- a ProtectedType, a constant union
    const operations = new Set(PROTECTED_FIELDS[type].filter((field) => plan.refused.has(nameOf(type, field))).map((field) => field.operation));
    for (const operation of operations) {
      await recordDenial(service.orm, caller, { resourceType: type, reason: `missing_permission:${operation}` });
    }
  }
}

/** Records the views of protected fields, one event per record, in the reading transaction. */
export async function recordViews(em: EntityManager, caller: Caller, resourceType: AuditResourceName, ids: readonly string[]): Promise<void> {
  await recordAudit(em, caller, ids.map((id) => ({ action: 'VIEW' as const, resourceType, resourceId: id, outcome: 'SUCCESS' as const })));
}

/** Decrypts one field for a view, or withholds it as unreadable (and logs it: an integrity problem). */
export function decryptForView(service: CredentialsService, encrypted: EncryptedFields, field: ProtectedField, rowId: string, ciphertext: Uint8Array | null): string | null | Withheld {
  if (ciphertext === null) return null;
  try {
    return encrypted.open(rowId, field.graphqlField, ciphertext);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const stored = encrypted.properties.find((property) => property.property === field.graphqlField);
    service.logger.error({ table: stored?.table, column: stored?.column, rowId }, 'an encrypted field failed to decrypt');
    return new Withheld('unreadable', field.operation);
  }
}
