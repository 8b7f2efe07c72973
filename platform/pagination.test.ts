// The shared cursor codec and keyset: cursors bound to their list and order, bad page arguments
// refused with their field and code, the keyset's bounds and order both ways.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { AppError } from './errors.ts';
import { connectionOf, decodeCursor, encodeCursor, keysetQuery, listOrder, MAX_PAGE_SIZE, pageRequest, type ListOrder } from './pagination.ts';

const MEMBERS: ListOrder = { list: 'members', keys: [{ sql: 'created_at', kind: 'timestamp' }, { sql: 'id', kind: 'uuid' }], direction: 'ASC' };
const EVENTS: ListOrder = { list: 'auditEvents', keys: [{ sql: 'seq', kind: 'integer' }], direction: 'DESC' };

function refusal(run: () => unknown): { code: string; details: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, details: (error as AppError).details };
  }
  throw new Error('not refused');
}

describe('cursors', () => {
  it('round-trip the key values of their list, as base64url text that does not show them', () => {
    const key = ['2026-12-01T10:00:00.123456Z', randomUUID()];
    const cursor = encodeCursor(MEMBERS, key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(MEMBERS, cursor, 'after')).toEqual(key);
    const byExpiry: ListOrder = { list: 'credentials:EXPIRES_ON', keys: [{ sql: 'expires_on', kind: 'date' }, { sql: 'id', kind: 'uuid' }], direction: 'ASC' };
    for (const date of ['2028-01-31', 'infinity']) expect(decodeCursor(byExpiry, encodeCursor(byExpiry, [date, key[1]!]), 'after')).toEqual([date, key[1]]);
    expect(() => decodeCursor(byExpiry, encodeCursor(byExpiry, ['tomorrow', key[1]!]), 'after')).toThrow(AppError);
  });

  it('are refused by another list, by another order of the same list, and when malformed, with INVALID_CURSOR', () => {
    const member = encodeCursor(MEMBERS, ['2026-12-01T10:00:00.123456Z', randomUUID()]);
    const invalid = { code: 'BAD_USER_INPUT', details: { field: ['after'], reason: 'INVALID_CURSOR' } };
    expect(refusal(() => decodeCursor({ ...MEMBERS, list: 'invitations' }, member, 'after'))).toEqual(invalid);
    expect(refusal(() => decodeCursor({ ...MEMBERS, direction: 'DESC' }, member, 'after'))).toEqual(invalid);
    expect(refusal(() => decodeCursor(EVENTS, member, 'before'))).toEqual({ ...invalid, details: { field: ['before'], reason: 'INVALID_CURSOR' } });
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const malformed: [ListOrder, string][] = [
      [MEMBERS, 'not a cursor'],
      [MEMBERS, 'bm90LWEtY3Vyc29y'],
      [MEMBERS, 'A'.repeat(3000)],
      [MEMBERS, forged(null)],
      [MEMBERS, forged({ l: 'members', d: 'ASC', k: ['yesterday', randomUUID()] })],
      [MEMBERS, forged({ l: 'members', d: 'ASC', k: ['2026-12-01T10:00:00.123456Z', "1' or '1'='1"] })],
      [EVENTS, forged({ l: 'auditEvents', d: 'DESC', k: ['12'] })],
      [EVENTS, forged({ l: 'auditEvents', d: 'DESC', k: [1, 2] })],
    ];
    for (const [order, cursor] of malformed) {
      expect(refusal(() => pageRequest(order, { after: cursor })).details).toEqual({ field: ['after'], reason: 'INVALID_CURSOR' });
    }
  });
});

describe('page arguments', () => {
  it(`refuse a page above ${MAX_PAGE_SIZE} or below 1, naming first or last, and first with last`, () => {
    for (const [args, field] of [[{ first: MAX_PAGE_SIZE + 1 }, 'first'], [{ first: 0 }, 'first'], [{ last: MAX_PAGE_SIZE + 1 }, 'last'], [{ last: 1.5 }, 'last']] as const) {
      expect(refusal(() => pageRequest(MEMBERS, args))).toEqual({ code: 'BAD_USER_INPUT', details: { field: [field], reason: 'OUT_OF_RANGE' } });
    }
    expect(refusal(() => pageRequest(MEMBERS, { first: 2, last: 2 }))).toEqual({ code: 'BAD_USER_INPUT', details: { field: ['last'] } });
    expect(pageRequest(MEMBERS, { first: MAX_PAGE_SIZE }).size).toBe(MAX_PAGE_SIZE);
    expect(pageRequest(MEMBERS, {}).size).toBe(50);
  });

  it('take the requested order, else the default, and give each order its own cursors', () => {
    const orders = { NAME: [{ sql: 'name', kind: 'text' }, { sql: 'id', kind: 'uuid' }], CREATED_AT: [{ sql: 'created_at', kind: 'timestamp' }, { sql: 'id', kind: 'uuid' }] } as const;
    expect(listOrder('physicians', orders, null, { field: 'NAME', direction: 'ASC' })).toMatchObject({ list: 'physicians:NAME', direction: 'ASC' });
    expect(listOrder('physicians', orders, { field: 'CREATED_AT', direction: 'DESC' }, { field: 'NAME', direction: 'ASC' })).toMatchObject({ list: 'physicians:CREATED_AT', direction: 'DESC', keys: orders.CREATED_AT });
  });
});

describe('the keyset', () => {
  it('bounds the rows after and before the cursors in the list order, and reads backward from the far end', () => {
    const after = ['2026-12-01T10:00:00.000001Z', randomUUID()];
    const forward = keysetQuery(pageRequest(MEMBERS, { first: 10, after: encodeCursor(MEMBERS, after) }));
    expect(forward.where).toBe(' and (created_at, id) > (?::timestamptz, ?::uuid)');
    expect(forward.params).toEqual(after);
    expect(forward.orderBy).toBe('order by created_at asc, id asc limit 11');
    const backward = keysetQuery(pageRequest(EVENTS, { last: 5, before: encodeCursor(EVENTS, [40]) }));
    expect(backward.where).toBe(' and (seq) > (?::bigint)');
    expect(backward.orderBy).toBe('order by seq asc limit 6');
  });

  it('turns a backward page around and tells which pages lie on either side', () => {
    const request = pageRequest(EVENTS, { last: 2, before: encodeCursor(EVENTS, [10]) });
    // Read nearest the cursor first (ascending for a newest-first list), one more than the page.
    const page = connectionOf(request, [{ page_key_0: '11', seq: 11 }, { page_key_0: '12', seq: 12 }, { page_key_0: '13', seq: 13 }], (row) => row.seq);
    expect(page.nodes).toEqual([12, 11]);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(decodeCursor(EVENTS, page.pageInfo.startCursor!, 'before')).toEqual([12]);
    const last = connectionOf(pageRequest(EVENTS, { first: 2 }), [{ page_key_0: 2 }], (row) => row.page_key_0);
    expect(last.pageInfo).toEqual({ startCursor: encodeCursor(EVENTS, [2]), endCursor: encodeCursor(EVENTS, [2]), hasNextPage: false, hasPreviousPage: false });
  });
});
