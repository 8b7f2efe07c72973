// Database access: one MikroORM instance per service, and one way to run a unit of work as a
// caller, so that row-level security policies see the caller's organization, user and role.
import { MikroORM, type EntityManager, type MetadataStorage, type Options } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import type { Caller } from '../caller.ts';
import type { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { ENTITIES } from './entities.ts';
import { PostgresNamingStrategy } from './naming-strategy.ts';

export type { EntityManager, MikroORM };

/** Where the migrator records applied migrations (outside the schemas the entity model covers). */
export const MIGRATIONS_TABLE = 'app.migrations';

interface DatabaseOptions {
  url: string;
  logger: Logger;
  entities?: Options['entities'];
  extra?: Partial<Options>;
}

function ormOptions(options: DatabaseOptions): Partial<Options> {
  return {
    clientUrl: options.url,
    // defineEntity carries its own metadata: discovery reads no files and needs no reflection.
    entities: options.entities ?? ENTITIES,
    namingStrategy: PostgresNamingStrategy,
    // The SECURITY DEFINER functions and the audit chain's functions are the migrations' raw SQL,
    // not entity metadata: schema diffs leave them alone.
    schemaGenerator: { ignoreRoutines: true },
    migrations: { tableName: MIGRATIONS_TABLE },
    pool: { min: 0, max: 10 },
    logger: (message) => options.logger.debug({ orm: message }),
    ...options.extra,
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  // The same ORM type as inferred from ENTITIES; Options types its entities as a readonly list.
  return (await MikroORM.init(ormOptions(options))) as MikroORM;
}

/** The entity model's metadata as the ORM discovers it, without a database (checks that read only the model). */
export function entityMetadata(logger: Logger): MetadataStorage {
  // The synchronous constructor discovers the entities and connects only when first used.
  return new MikroORM(ormOptions({ url: 'postgresql://127.0.0.1/unused', logger })).getMetadata();
}

/** The session settings that RLS policies read (see the app.current_* SQL functions). */
export const RLS_SETTINGS = {
  organizationId: 'credence.organization_id',
  userId: 'credence.user_id',
  role: 'credence.role',
  requestId: 'credence.request_id',
  /** The break-glass grant a platform administrator's support session acts under (app.support_grant_is_live). */
  supportGrant: 'credence.support_grant',
} as const;

/**
 * A refusal that keeps what the work wrote before it (a failed sign-in leaves its audit event and
 * its lockout counter): the work returns `refuse(error)`, `runAsCaller` commits, then throws the
 * error. A thrown error rolls the transaction back instead.
 */
export class Refusal {
  readonly error: AppError;
  constructor(error: AppError) {
    this.error = error;
  }
}

export const refuse = (error: AppError): Refusal => new Refusal(error);

/**
 * Runs `work` in one transaction with the caller set for row-level security (transaction-local
 * settings, so a pooled connection never carries them into another request). A `Refusal` the
 * work returns is thrown after the commit.
 */
export async function runAsCaller<T>(orm: MikroORM, caller: Caller, work: (em: EntityManager) => Promise<T>): Promise<Exclude<T, Refusal>> {
  const result = await orm.em.fork().transactional(async (em) => {
    await actAs(em, caller);
    return work(em);
  });
  if (result instanceof Refusal) throw result.error;
  return result as Exclude<T, Refusal>;
}

/**
 * Sets (or changes, within the transaction) who the work runs as. Identity changes it once a
 * secret has proven the caller: a password, a refresh token, an invitation.
 */
export async function actAs(em: EntityManager, caller: Pick<Caller, 'organizationId' | 'userId' | 'role' | 'requestId' | 'supportGrant'>): Promise<void> {
  // Raw SQL: the row-level security context (set_config, local to the transaction).
  await em.execute(
    `select set_config('${RLS_SETTINGS.organizationId}', ?, true), set_config('${RLS_SETTINGS.userId}', ?, true),
            set_config('${RLS_SETTINGS.role}', ?, true), set_config('${RLS_SETTINGS.requestId}', ?, true),
            set_config('${RLS_SETTINGS.supportGrant}', ?, true)`,
    [caller.organizationId ?? '', caller.userId ?? '', caller.role ?? '', caller.requestId, caller.supportGrant?.id ?? ''],
  );
}

/** SQL for a timestamptz column as ISO 8601 UTC text (the raw driver returns PostgreSQL's own text form). */
export function isoTimestamp(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * Raw SQL whose values travel as bind parameters ($1, $2, …), in the entity manager's transaction.
 * em.execute splices every value into the statement's text, which costs more than the statement
 * for a large one: a listing's thousand audit events as JSON are escaped character by character
 * here and lexed again by PostgreSQL (a quarter of the listing's time).
 */
export async function executeWithBindParameters<T>(em: EntityManager, sql: string, parameters: readonly unknown[]): Promise<T[]> {
  const result = await em.getKysely().executeQuery<T>(CompiledQuery.raw(sql, [...parameters]));
  return [...result.rows];
}

/** Readiness: a round trip to the database. */
export async function pingDatabase(orm: MikroORM): Promise<void> {
  await orm.em.fork().execute('select 1');
}
