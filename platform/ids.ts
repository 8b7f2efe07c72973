// Ids in Credence are UUIDs: one check of their form, for every id that arrives from outside.
import { badUserInput } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** An id a caller sent, in its one (lower-case) form, or BAD_USER_INPUT naming the field. */
export function assertId(value: unknown, field: string): string {
  if (!isUuid(value)) throw badUserInput(`${field} must be an id (UUID)`, { field });
  return value.toLowerCase();
}
