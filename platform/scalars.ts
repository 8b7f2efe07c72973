// Custom scalars shared by the subgraphs. Bad input becomes BAD_USER_INPUT, never a 500.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// eslint-disable-next-line security/detect-unsafe-regex -- optional groups of bounded length: linear
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_8601.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('DateTime must be an ISO 8601 date and time with a time zone, e.g. 2026-01-31T09:00:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(value);
}

/**
 * A value written into the operation: its refusal is a plain Error, so that validation names the
 * type and the value and points at it (`Expected value of type "Date", found "Smith"; …`, with its
 * location); a GraphQLError would be reported bare.
 */
function inLiteral<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new Error((error as Error).message);
  }
}

/** An instant, as ISO 8601 text with a time zone. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, as ISO 8601 text with a time zone (2026-01-31T09:00:00Z).',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return value;
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => inLiteral(() => parseDateTime(ast.kind === Kind.STRING ? ast.value : null)),
});

/** A calendar date that exists, written YYYY-MM-DD (no time, no zone): issue and expiry dates. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match || Number(match[1]) < 1900 || Number(match[1]) > 2200) return false;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === value;
}

function parseDate(value: unknown): string {
  if (!isCalendarDate(value)) {
    throw new GraphQLError('Date must be a calendar date written YYYY-MM-DD, e.g. 2027-06-30', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (isCalendarDate(value)) return value;
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue: parseDate,
  parseLiteral: (ast) => inLiteral(() => parseDate(ast.kind === Kind.STRING ? ast.value : null)),
});

/** Facts of an error (UserError.details): answered, never read from a request. */
export const JSONObjectScalar = new GraphQLScalarType<never, Record<string, unknown>>({
  name: 'JSONObject',
  description: 'A JSON object, as facts of an error carry it.',
  serialize: (value) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    throw new GraphQLError('JSONObject cannot represent this value');
  },
  parseValue: () => {
    throw new Error('JSONObject is answered only, never given');
  },
  parseLiteral: () => {
    throw new Error('JSONObject is answered only, never given');
  },
});
