// Every list of the graph pages the same way (Relay connections): `first`/`after` forward,
// `last`/`before` backward, by keyset (the sort key and the id of the row a cursor names), never
// by offset, so a row written or deleted between two pages shifts nothing.
import { raw, type SelectQueryBuilder } from '@mikro-orm/postgresql';
import { badUserInput } from './errors.ts';
import { isUuid } from './ids.ts';

// How many records a page holds when the caller does not say (`first`/`last`). The subgraphs
// serve pages of this size, and the gateway counts what an operation may return by it.
export const DEFAULT_PAGE_SIZE = 50;

// The most records one page holds, in every list (as GitHub and Stripe do): a caller reads more
// by paging, and the gateway's record limit (operation-limits.ts) counts nested lists by page.
export const MAX_PAGE_SIZE = 100;

export type SortDirection = 'ASC' | 'DESC';

/** What a key column holds, so that a cursor's value is checked before it reaches SQL. */
export type KeyKind = 'uuid' | 'integer' | 'timestamp' | 'date' | 'text';

export interface SortKey {
  /** The SQL expression of the column (`m.created_at`). */
  sql: string;
  kind: KeyKind;
}

/**
 * One order of one list: the list's name (a cursor of another list, or of another order of this
 * one, is refused), its key columns, the last of them unique (the id), and its direction.
 */
export interface ListOrder {
  list: string;
  keys: readonly SortKey[];
  direction: SortDirection;
}

export interface PageArguments {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageInfo {
  startCursor: string | null;
  endCursor: string | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  nodes: Node[];
  pageInfo: PageInfo;
}

type KeyValue = string | number;

/** What the keyset adds to a list's query: its key columns, its bounds, its order and limit. */
export interface KeysetQuery {
  /** The key columns to add to the select list (`, expr as page_key_0, …`): the cursors are made of them. */
  keyColumns: string;
  /** The cursors' bounds as conditions (` and (…) > (?, ?)`), empty without cursors. */
  where: string;
  /** The values of `where`'s placeholders, in order. */
  params: unknown[];
  /** `order by … limit n`: the rows of the page in reading order, one more than the page to tell whether more follow. */
  orderBy: string;
}

// Timestamps to the microsecond as PostgreSQL keeps them (isoTimestamp stops at the millisecond,
// which would skip or repeat rows written within one).
// A date key may be infinite (a sort key that puts the rows without a date last).
function keyColumn(key: SortKey): string {
  if (key.kind === 'timestamp') return `to_char(${key.sql} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  if (key.kind === 'date') return `case when isfinite(${key.sql}) then to_char(${key.sql}, 'YYYY-MM-DD') else 'infinity' end`;
  return key.sql;
}
const keyParameter = (kind: KeyKind) => ({ uuid: '?::uuid', integer: '?::bigint', timestamp: '?::timestamptz', date: '?::date', text: '?::text' })[kind];
const DATE_KEY = /^(\d{4}-\d{2}-\d{2}|infinity)$/;
const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function validKey(kind: KeyKind, value: unknown): boolean {
  switch (kind) {
    case 'uuid':
      return typeof value === 'string' && isUuid(value);
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP_KEY.test(value) && !Number.isNaN(Date.parse(value));
    case 'date':
      return typeof value === 'string' && DATE_KEY.test(value) && (value === 'infinity' || !Number.isNaN(Date.parse(value)));
    case 'text':
      return typeof value === 'string' && value.length <= 1000;
  }
}

/** The opaque cursor of a row: base64url over the list, its order and the row's key values. */
export function encodeCursor(order: ListOrder, values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify({ l: order.list, d: order.direction, k: values })).toString('base64url');
}

/** A cursor's key values; BAD_USER_INPUT (code INVALID_CURSOR) for anything that is not a cursor of this list in this order. */
export function decodeCursor(order: ListOrder, cursor: string, field: 'after' | 'before'): KeyValue[] {
  const refuse = () => badUserInput(`${field} is not a cursor of this list in this order`, { field, reason: 'INVALID_CURSOR' });
  if (cursor.length > 2000 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw refuse();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (typeof decoded !== 'object' || decoded === null) throw refuse();
  const { l, d, k } = decoded as { l?: unknown; d?: unknown; k?: unknown };
  if (l !== order.list || d !== order.direction || !Array.isArray(k) || k.length !== order.keys.length) throw refuse();
  if (!order.keys.every((key, index) => validKey(key.kind, k[index]))) throw refuse();
  return k as KeyValue[];
}

function pageSize(value: number, field: 'first' | 'last'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`${field} must be between 1 and ${MAX_PAGE_SIZE}`, { field, reason: 'OUT_OF_RANGE' });
  }
  return value;
}

/** A page asked for: how many rows, which way, between which keys. Checked before anything is read. */
export interface PageRequest {
  order: ListOrder;
  size: number;
  /** Read from the end (`last`): the rows before `before`, the page nearest to it. */
  backward: boolean;
  after: KeyValue[] | null;
  before: KeyValue[] | null;
}

export function pageRequest(order: ListOrder, args: PageArguments): PageRequest {
  if (args.first != null && args.last != null) throw badUserInput('first and last cannot be given together: page forward with first and after, backward with last and before', { field: 'last' });
  const backward = args.last != null;
  const size = backward ? pageSize(args.last!, 'last') : pageSize(args.first ?? DEFAULT_PAGE_SIZE, 'first');
  return {
    order,
    size,
    backward,
    after: args.after == null ? null : decodeCursor(order, args.after, 'after'),
    before: args.before == null ? null : decodeCursor(order, args.before, 'before'),
  };
}

/** The cursors' bounds of a page request as row-value comparisons, and the values of their placeholders. */
function keysetBounds(request: PageRequest): { conditions: string[]; params: unknown[] } {
  const { order } = request;
  const columns = `(${order.keys.map((key) => key.sql).join(', ')})`;
  const values = `(${order.keys.map((key) => keyParameter(key.kind)).join(', ')})`;
  const ascending = order.direction === 'ASC';
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (request.after) {
    conditions.push(`${columns} ${ascending ? '>' : '<'} ${values}`);
    params.push(...request.after);
  }
  if (request.before) {
    conditions.push(`${columns} ${ascending ? '<' : '>'} ${values}`);
    params.push(...request.before);
  }
  return { conditions, params };
}

// Backward, the rows nearest `before` (or the end of the list) are read first, in reverse, and the
// page is turned around (connectionOf).
const readingDirection = (request: PageRequest) => ((request.order.direction === 'ASC') !== request.backward ? 'asc' : 'desc');

/** The keyset of a page request as SQL, for a list read in raw SQL (the audit chain's reads); onPage puts the same keyset on a QueryBuilder. */
export function keysetQuery(request: PageRequest): KeysetQuery {
  const { order } = request;
  const { conditions, params } = keysetBounds(request);
  const direction = readingDirection(request);
  return {
    keyColumns: order.keys.map((key, index) => `, ${keyColumn(key)} as page_key_${index}`).join(''),
    where: conditions.map((condition) => ` and ${condition}`).join(''),
    params,
    orderBy: `order by ${order.keys.map((key) => `${key.sql} ${direction}`).join(', ')} limit ${request.size + 1}`,
  };
}

/** What a page adds to a list's QueryBuilder (the ORM's): the same keyset as `keysetQuery`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any entity's select QueryBuilder
type PagedQueryBuilder = SelectQueryBuilder<any, any, any, any, any, any, any>;

/**
 * Puts a page request's keyset on a list's QueryBuilder: its key columns selected (page_key_…,
 * what cursors are made of), the cursors' bounds, the order and the limit. Raw SQL: the sort keys
 * are expressions (`coalesce(c.expires_on, 'infinity'::date)`) and compared as row values.
 */
export function onPage<QueryBuilder extends PagedQueryBuilder>(qb: QueryBuilder, request: PageRequest): QueryBuilder {
  const { order } = request;
  const { conditions, params } = keysetBounds(request);
  qb.addSelect(order.keys.map((key, index) => raw(`${keyColumn(key)} as page_key_${index}`)));
  if (conditions.length > 0) qb.andWhere(raw(conditions.join(' and '), params));
  const direction = readingDirection(request);
  qb.orderBy(order.keys.map((key) => ({ [raw(key.sql)]: direction })));
  qb.limit(request.size + 1);
  return qb;
}

/**
 * The connection of the rows a keyset query read (in reading order, with their page_key_ columns).
 * A page read after a cursor has a previous page (the row the cursor names, or those before it),
 * one read before a cursor a next page.
 */
export function connectionOf<Row extends object, Node>(request: PageRequest, rows: readonly Row[], toNode: (row: Row) => Node): Connection<Node> {
  const more = rows.length > request.size;
  const page = rows.slice(0, request.size);
  if (request.backward) page.reverse();
  const edges = page.map((row) => {
    const values = request.order.keys.map((key, index) => {
      const value = (row as Record<string, unknown>)[`page_key_${index}`];
      return key.kind === 'integer' ? Number(value) : String(value);
    });
    return { cursor: encodeCursor(request.order, values), node: toNode(row) };
  });
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasNextPage: (!request.backward && more) || request.before !== null,
      hasPreviousPage: (request.backward && more) || request.after !== null,
    },
  };
}

/** The page of one list: its request checked, then read by `read` with the keyset it is given. */
export async function readPage<Row extends object, Node = Row>(
  order: ListOrder,
  args: PageArguments,
  read: (keyset: KeysetQuery) => Promise<readonly Row[]>,
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Promise<Connection<Node>> {
  const request = pageRequest(order, args);
  return connectionOf(request, await read(keysetQuery(request)), toNode);
}

/** The order a list was asked for (`orderBy: { field, direction }`), the default when not. */
export function listOrder<Field extends string>(
  list: string,
  orders: Record<Field, readonly SortKey[]>,
  requested: { field?: Field | null; direction?: SortDirection | null } | null | undefined,
  defaults: { field: Field; direction: SortDirection },
): ListOrder {
  const field = requested?.field ?? defaults.field;
  const direction = requested?.direction ?? (requested?.field == null ? defaults.direction : 'ASC');
  return { list: `${list}:${field}`, keys: orders[field], direction };
}

/** A row's key columns (page_key_…), to keep on the view made of it until its connection is built. */
export function pageKeysOf(row: object): Record<string, unknown> {
  // Named page_key_0, page_key_1, … in order (keysetQuery, onPage): read by name, not by scanning every column of every row.
  const keys: Record<string, unknown> = {};
  for (let index = 0, name = 'page_key_0'; name in row; index += 1, name = `page_key_${index}`) keys[name] = (row as Record<string, unknown>)[name];
  return keys;
}

/**
 * A connection with its totalCount, counted only when the field is selected: graphql-js's default
 * resolver calls a function-valued property.
 */
export type CountedConnection<Node> = Connection<Node> & { totalCount: () => Promise<number> };
