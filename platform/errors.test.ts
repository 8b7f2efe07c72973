import { describe, expect, it, jest } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { ERROR_CATALOG } from './error-catalog.ts';
import { AppError, createErrorFormatter, ERROR_CODES, forbidden, isErrorCode, notFound, rateLimited } from './errors.ts';

const wrapped = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });

describe('createErrorFormatter', () => {
  it('keeps the stable code of an AppError, however deeply it is wrapped', () => {
    const format = createErrorFormatter({ exposeDetails: false, onUnexpected: () => {} });
    const error = wrapped(new GraphQLError('outer', { originalError: forbidden() }));
    expect(format({ message: 'outer', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, error)).toEqual({
      message: 'Not allowed',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(format({ message: 'x', path: ['credential'] }, wrapped(notFound('Credential')))).toEqual({
      message: 'Credential not found', path: ['credential'], extensions: { code: 'NOT_FOUND' },
    });
  });

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR outside development, and reports it', () => {
    const onUnexpected = jest.fn();
    const format = createErrorFormatter({ exposeDetails: false, onUnexpected });
    const leak = new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');
    const formatted = format({ message: leak.message, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at db.ts:1'] } }, wrapped(leak));
    expect(formatted).toEqual({ message: 'Internal server error', path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(onUnexpected).toHaveBeenCalledTimes(1);
  });

  it('keeps the details in development', () => {
    const format = createErrorFormatter({ exposeDetails: true, onUnexpected: () => {} });
    const formatted = format({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at y'] } }, wrapped(new Error('boom')));
    expect(formatted.message).toBe('boom');
    expect(formatted.extensions?.stacktrace).toEqual(['at y']);
  });

  it('passes GraphQL validation codes through, without a stack trace in production', () => {
    const format = createErrorFormatter({ exposeDetails: false, onUnexpected: () => {} });
    const formatted = format({ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at v'] } }, new GraphQLError('Cannot query field'));
    expect(formatted).toEqual({ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('passes every framework code of the catalog through, and nothing it does not list', () => {
    const format = createErrorFormatter({ exposeDetails: false, onUnexpected: () => {} });
    for (const code of ['GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']) {
      expect(format({ message: 'refused', extensions: { code } }, new GraphQLError('refused')).extensions?.code).toBe(code);
    }
    expect(format({ message: 'odd', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } }, new GraphQLError('odd')).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('AppError.toResponseBody', () => {
  it('keeps the details of an HTTP-level error, as a GraphQL response carries them', () => {
    expect(rateLimited(42).toResponseBody()).toEqual({
      errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 42 } } }],
    });
    const tooLarge = new AppError('PAYLOAD_TOO_LARGE', 'Documents may be at most 10 bytes', { maxBytes: 10 });
    expect(tooLarge.toResponseBody().errors[0]?.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 10 } });
  });

  it('has no details key when the error carries none', () => {
    expect(notFound('Verification').toResponseBody()).toEqual({ errors: [{ message: 'Verification not found', extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('ERROR_CODES', () => {
  it('are the codes of the catalog, each with its HTTP status', () => {
    expect(ERROR_CODES).toEqual(Object.fromEntries(Object.entries(ERROR_CATALOG).map(([code, entry]) => [code, entry.status])));
    expect(new AppError('INVITATION_EXPIRED', 'expired').httpStatus).toBe(410);
    expect(isErrorCode('REVIEW_NOT_PENDING')).toBe(true);
    expect(isErrorCode('GRAPHQL_PARSE_FAILED')).toBe(false); // passed through, never raised by Credence
  });
});
