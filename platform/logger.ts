// The one logger: structured JSON (pino), with sensitive fields redacted by name at any depth
// (in objects, arrays and errors), so PHI and secrets never reach a log line. Names are compared
// without case, `_` or `-`, so `dateOfBirth`, `date_of_birth` and `date-of-birth` are one name.
import { pino, type Logger } from 'pino';

/**
 * Field names whose values never appear in logs: every field of the graph (schema/*.graphql,
 * inputs, outputs and arguments) that can carry PHI or a secret, the columns and headers behind
 * them, and the parts of a database error that quote the values it was given. A test classifies
 * every field of the SDL, so a new field is either listed here or named as harmless there.
 */
export const SENSITIVE_FIELD_NAMES = [
  // Identity: credentials, tokens, MFA, and the person's contact and name.
  'password', 'newPassword', 'currentPassword', 'passwordHash', 'passphrase', 'token', 'accessToken', 'refreshToken', 'idToken',
  'secret', 'totp', 'totpSecret', 'totpCode', 'code', 'mfaCode', 'mfaChallenge', 'otpauthUri', 'recoveryCodes',
  'email', 'ownerEmail', 'displayName', 'phone', 'address', 'firstName', 'lastName', 'fullName',
  // Credentials: the physician's identity and numbers, and signed links to their documents.
  'givenName', 'familyName', 'familyNamePrefix', 'npi', 'ssn', 'dateOfBirth', 'dob', 'number', 'licenseNumber', 'deaNumber', 'policyNumber',
  'content', 'contents', 'uploadUrl', 'downloadUrl', 'url', 'grant', 'signature',
  // Audit: where a person connected from; the law-enforcement official an incident's delay names.
  'sourceIp', 'officer',
  // Incidents: what people write in a post-incident review (checked for PHI, never logged).
  'summary', 'title',
  // Mail: whom a message goes to and what it says.
  'recipient', 'subject',
  // HTTP: credentials in headers, and what a request carries.
  'authorization', 'cookie', 'set-cookie', 'x-credence-context', 'body', 'rawBody', 'query', 'variables',
  // Paging: a cursor holds the sort key of a row (a physician's family name, in that order).
  'cursor', 'startCursor', 'endCursor', 'after', 'before',
  // Database errors: PostgreSQL quotes the offending values here.
  'detail', 'where', 'sql', 'params', 'parameters', 'internalQuery', 'sqlMessage', 'errmsg',
] as const;

const normalize = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
const SENSITIVE = new Set(SENSITIVE_FIELD_NAMES.map(normalize));
/** Names that hold a secret wherever they appear inside a longer name (tokenHash, urlSigningSecret, contextSigningKey). */
const SENSITIVE_PARTS = ['password', 'secret', 'token', 'privatekey', 'signingkey'];
const CENSOR = '[redacted]';
/** Deeper than this, a value is not walked but replaced: nothing sensitive hides below the limit. */
const MAX_DEPTH = 12;

export function isSensitiveFieldName(name: string): boolean {
  const normalized = normalize(name);
  return SENSITIVE.has(normalized) || SENSITIVE_PARTS.some((part) => normalized.includes(part));
}

/**
 * An error as pino's serializer would write it (type, message, stack, own fields, cause), with its
 * sensitive fields redacted. A database error (it carries a SQLSTATE) quotes the values it was
 * given in its message ("invalid input syntax for type integer: "…""): its message is replaced
 * by its code, constraint, table and column, and dropped from its stack.
 */
/** A driver error's field as text: pg gives strings, anything else is left out. */
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function redactError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const fields = error as unknown as Record<string, unknown>;
  const fromDatabase = typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && ('severity' in fields || 'routine' in fields);
  const message = fromDatabase
    ? `database error ${textOf(fields.code)}${textOf(fields.constraint) ? ` (constraint ${textOf(fields.constraint)})` : ''}${textOf(fields.table) ? ` on ${textOf(fields.table)}${textOf(fields.column) ? `.${textOf(fields.column)}` : ''}` : ''}`
    : error.message;
  const stack = fromDatabase && error.stack ? error.stack.split(error.message).join(CENSOR) : error.stack;
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'message' || key === 'stack') continue;
    // An error's code names the error (ECONNREFUSED, a SQLSTATE), unlike a code someone typed in.
    own[key] = key === 'code' && typeof value === 'string' && isErrorCode(value) ? value : redactField(key, value, depth + 1, seen);
  }
  return {
    type: error.constructor?.name ?? error.name,
    message,
    stack,
    ...own,
    ...(error.cause !== undefined ? { cause: redactValue(error.cause, depth + 1, seen) } : {}),
  };
}

/** An error code: a SQLSTATE (5 characters, as 23505 or 22P02), or a name (ECONNREFUSED, UNAUTHENTICATED); never a number someone typed. */
function isErrorCode(value: string): boolean {
  return /^[0-9A-Z]{5}$/.test(value) || /^[A-Z][A-Z0-9_]{1,63}$/.test(value);
}

/** The message of an error as it may be logged. */
function errorMessage(error: Error): string {
  return redactError(error, 0, new WeakSet()).message as string;
}

function redactField(key: string, value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === undefined || value === null) return value;
  return isSensitiveFieldName(key) ? CENSOR : redactValue(value, depth, seen);
}

/** A copy of `value` with every sensitive field redacted, at any depth. */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth > MAX_DEPTH) return CENSOR;
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, depth, seen);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
    if (value instanceof Date || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value instanceof Date ? value : CENSOR;
    if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), redactField(String(key), item, depth + 1, seen)]));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = redactField(key, item, depth + 1, seen);
    return copy;
  } finally {
    seen.delete(value);
  }
}

export type { Logger };

export function createLogger(options: {
  service: string;
  level: string;
  destination?: pino.DestinationStream;
}): Logger {
  const logger = pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        // Every object logged goes through here before it is serialized (errors included).
        log: (object) => redactValue(object) as Record<string, unknown>,
      },
      // Errors are written by redactValue already; pino's own serializer would write them again, unredacted.
      serializers: { err: (value: unknown) => value },
      hooks: {
        // Logged without a message, pino takes the error's own, which may quote a value.
        logMethod(args, method) {
          const [first, second] = args as unknown[];
          const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
          if (error instanceof Error && typeof second !== 'string') {
            return method.apply(this, [first instanceof Error ? { err: first } : (first as object), errorMessage(error)] as Parameters<typeof method>);
          }
          return method.apply(this, args);
        },
      },
    },
    options.destination,
  );
  // A child's bindings are written once, without passing the log formatter: they are redacted
  // here. Children inherit this method, so theirs are too.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the logger it belongs to as `this`
  const child = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    return child.call(this, redactValue(bindings) as typeof bindings, childOptions);
  } as typeof logger.child;
  return logger;
}
