// The one error type of Credence. Every failure a caller can see carries a stable `code`;
// anything else is reported as INTERNAL_SERVER_ERROR without internal detail.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CATALOG, FRAMEWORK_ERROR_CATALOG, type CatalogErrorCode } from './error-catalog.ts';

/** Each code Credence raises, with its HTTP status; what each means is in ERROR_CATALOG (schema/ERRORS.md). */
export const ERROR_CODES = Object.fromEntries(
  Object.entries(ERROR_CATALOG).map(([code, entry]) => [code, entry.status]),
) as { readonly [Code in CatalogErrorCode]: number };

export type ErrorCode = CatalogErrorCode;

/** Codes produced by graphql-js / Apollo Server themselves, passed through unchanged. */
const FRAMEWORK_CODES: ReadonlySet<string> = new Set(Object.keys(FRAMEWORK_ERROR_CATALOG));

/**
 * The one shape of `extensions.details`: `field` is the caller's path to the input at fault
 * (`['input', 'npi']`), `reason` the rule it breaks (a stable code of its own, listed with its error
 * code in schema/ERRORS.md); other keys are facts of the error (`retryAfterSeconds`, `maxBytes`, …).
 */
export interface ErrorDetails {
  readonly field?: readonly string[];
  readonly reason?: string;
  readonly [fact: string]: unknown;
}

/**
 * What an error site writes: `field` by the input's own name (`'npi'`, `'filter.expiringWithinDays'`),
 * which the subgraph server completes to the caller's path (platform/field-paths.ts), or as a path.
 * The rule broken is `reason`: `code` is the error's own, never a details key.
 */
export interface ErrorDetailsInput {
  readonly field?: string | readonly string[];
  readonly reason?: string;
  readonly code?: never;
  readonly [fact: string]: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetailsInput) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details && normalizedDetails(details);
  }

  /** The same refusal with `details.field` set to the caller's full path. */
  atField(path: readonly string[]): AppError {
    const moved = new AppError(this.code, this.message, { ...this.details, field: path });
    moved.stack = this.stack;
    return moved;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, {
      extensions: { code: this.code, ...(this.details ? { details: this.details } : {}) },
      originalError: this,
    });
  }

  /** The JSON body of a plain HTTP error response, shaped like a GraphQL error response, details included. */
  toResponseBody(): { errors: GraphQLFormattedError[] } {
    return { errors: [{ message: this.message, extensions: { code: this.code, ...(this.details ? { details: this.details } : {}) } }] };
  }
}

export const unauthenticated = (message = 'Authentication required') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const badUserInput = (message: string, details?: ErrorDetailsInput) =>
  new AppError('BAD_USER_INPUT', message, details);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('RATE_LIMITED', 'Too many requests', { retryAfterSeconds });
export const serviceUnavailable = (message: string) => new AppError('SERVICE_UNAVAILABLE', message);
export const organizationTerminated = () =>
  new AppError('ORGANIZATION_TERMINATED', 'This organization is terminated: its data can be read and exported until its export window closes, not changed');

export const supportAccessRequired = () =>
  new AppError('SUPPORT_ACCESS_REQUIRED', 'Platform administrators read an organization\'s data only under a live support access grant for it (requestSupportAccess)');
export const supportAccessEnded = () =>
  new AppError('SUPPORT_ACCESS_ENDED', 'The support access grant of this session has ended (expired, or ended by the organization\'s owners)');

function normalizedDetails(details: ErrorDetailsInput): ErrorDetails {
  if (typeof details.field !== 'string') return details as ErrorDetails;
  return { ...details, field: details.field.split('.') };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Walks `originalError` links (GraphQL wraps resolver errors, stitching wraps again). */
export function findAppError(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth += 1) {
    if (current instanceof AppError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * Apollo `formatError` for every server: keeps stable codes, replaces anything unexpected with
 * a generic INTERNAL_SERVER_ERROR (the caller gets the request id to quote; the log gets the rest).
 */
export function createErrorFormatter(options: {
  exposeDetails: boolean;
  onUnexpected: (error: unknown) => void;
}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const appError = findAppError(error);
    if (appError) {
      return {
        message: appError.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        // An AppError is an expected outcome with a stable code: no stack trace, even in development.
        extensions: { code: appError.code, ...(appError.details ? { details: appError.details } : {}) },
      };
    }
    const code = formatted.extensions?.code;
    if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') return stripStack(formatted, options.exposeDetails);
    if (typeof code === 'string' && FRAMEWORK_CODES.has(code)) return stripStack(formatted, options.exposeDetails);
    options.onUnexpected(error);
    if (options.exposeDetails) return formatted;
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

function stripStack(formatted: GraphQLFormattedError, keep: boolean): GraphQLFormattedError {
  if (keep || !formatted.extensions?.stacktrace) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
