// How a source is asked over HTTP: only at paths under its configured base URL, never following a
// redirect (an answer cannot send us elsewhere), each attempt under a timeout, a few attempts with
// exponential backoff and jitter, a heartbeat before each, and Temporal's cancellation honoured.
// Every response is kept, byte for byte with its digest, as the evidence of the check.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../platform/errors.ts';
import { SOURCE_PROBLEMS, type CheckOptions, type CheckProblem, type SourceCheck, type SourceEvidence, type SourceHttpSettings, type SourceName } from './source.ts';

/** A response larger than this is not a lookup answer. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface SourceResponse {
  status: number;
  contentType: string | null;
  body: Uint8Array;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown;
}

/** What a source makes of an answer: a value, an answer worth asking again for, or one that will not improve. */
export type Interpretation<T> = { value: T } | { retry: CheckProblem } | { unavailable: CheckProblem };

export interface SourceRequest<T> {
  source: SourceName;
  /** The configured base URL (no query, no trailing slash needed). */
  baseUrl: string;
  /** A path under the base, its variable parts already encoded (see `pathSegment`). */
  path: string;
  query?: Record<string, string>;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A JSON request body. */
  json?: unknown;
  interpret(response: SourceResponse): Interpretation<T>;
}

export type SourceOutcome<T> = { ok: true; value: T; evidence: SourceEvidence } | { ok: false; check: SourceCheck };

/** One path segment from data (a registration number): encoded, so it can never leave its place in the path. */
export function pathSegment(value: string): string {
  // URLs resolve "." and ".." (and their %2E spellings) even when encoded.
  if (value === '' || /^(\.|%2e){1,2}$/i.test(value)) throw new AppError('INTERNAL_SERVER_ERROR', 'A path segment must not be empty, "." or ".."');
  return encodeURIComponent(value);
}

/** The URL of a request: the base and the path, refused if it would reach another origin or path. */
export function sourceUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new AppError('INTERNAL_SERVER_ERROR', 'A verification source has no valid base URL: check the worker configuration');
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new AppError('INTERNAL_SERVER_ERROR', 'A verification source base URL must be http or https');
  if (!path.startsWith('/')) throw new AppError('INTERNAL_SERVER_ERROR', 'A verification source path must start with /');
  const href = `${baseUrl.replace(/\/+$/, '')}${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`;
  const built = new URL(href);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (built.origin !== base.origin || !(built.pathname === basePath || built.pathname.startsWith(`${basePath}/`))) {
    throw new AppError('INTERNAL_SERVER_ERROR', 'A verification source request would leave its configured base URL');
  }
  return href;
}

export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** A check that could not be made: the source stayed down, or answered in a way that will not improve. */
export function unavailableCheck(source: SourceName, problem: CheckProblem, evidence: SourceEvidence | null): SourceCheck {
  return { source, result: 'SOURCE_UNAVAILABLE', problems: [problem], evidence };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The check was cancelled', 'AbortError');
}

async function readLimited(response: Response): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function responseOf(status: number, contentType: string | null, body: Uint8Array): SourceResponse {
  return {
    status,
    contentType,
    body,
    json(): unknown {
      try {
        return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
      } catch {
        return undefined;
      }
    },
  };
}

/** The delay before attempt `attempt + 1`: base × 2^(attempt−1), half of it fixed and half random. */
export function backoffMs(retryBaseMs: number, attempt: number, random: () => number = Math.random): number {
  const ceiling = retryBaseMs * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export async function requestSource<T>(request: SourceRequest<T>, settings: SourceHttpSettings, options: CheckOptions = {}): Promise<SourceOutcome<T>> {
  const url = sourceUrl(request.baseUrl, request.path, request.query);
  const attempts = Math.max(1, settings.attempts);
  const { signal } = options;
  let lastProblem: CheckProblem = { field: 'source', code: SOURCE_PROBLEMS.unreachable };
  let lastEvidence: SourceEvidence | null = null;

  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (signal?.aborted) throw abortReason(signal);
    if (attempt > 1) {
      try {
        await sleep(backoffMs(settings.retryBaseMs, attempt - 1), undefined, signal ? { signal } : undefined);
      } catch (error) {
        if (signal?.aborted) throw abortReason(signal);
        throw error;
      }
    }
    options.heartbeat?.({ source: request.source, attempt });

    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const attemptSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const requestedAt = new Date().toISOString();
    let status: number;
    let contentType: string | null;
    let body: Uint8Array | null;
    try {
      const response = await settings.fetch(url, {
        method: request.method ?? 'GET',
        headers: { accept: 'application/json', ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}), ...request.headers },
        ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
        redirect: 'manual',
        signal: attemptSignal,
      });
      status = response.status;
      contentType = response.headers.get('content-type');
      body = await readLimited(response);
    } catch {
      if (signal?.aborted) throw abortReason(signal);
      lastProblem = { field: 'source', code: timeout.aborted ? SOURCE_PROBLEMS.timeout : SOURCE_PROBLEMS.unreachable };
      continue;
    }
    if (body === null) {
      return { ok: false, check: unavailableCheck(request.source, { field: 'source', code: SOURCE_PROBLEMS.unreadableResponse, atSource: `over ${MAX_BODY_BYTES} bytes` }, null) };
    }
    const evidence: SourceEvidence = { source: request.source, requestedAt, url, status, contentType, body, sha256: sha256Hex(body) };
    lastEvidence = evidence;

    if (status >= 300 && status < 400) {
      // A redirect is never followed: the next address would come from the answer, not from configuration.
      return { ok: false, check: unavailableCheck(request.source, { field: 'source', code: SOURCE_PROBLEMS.redirectRefused, atSource: String(status) }, evidence) };
    }
    if (status === 401 || status === 403) {
      return { ok: false, check: unavailableCheck(request.source, { field: 'source', code: SOURCE_PROBLEMS.refusedCredentials, atSource: String(status) }, evidence) };
    }
    if (status >= 500 || status === 429 || status === 408) {
      lastProblem = { field: 'source', code: SOURCE_PROBLEMS.errorStatus, atSource: String(status) };
      continue;
    }
    const interpretation = request.interpret(responseOf(status, contentType, body));
    if ('value' in interpretation) return { ok: true, value: interpretation.value, evidence };
    if ('unavailable' in interpretation) return { ok: false, check: unavailableCheck(request.source, interpretation.unavailable, evidence) };
    lastProblem = interpretation.retry;
  }
  return { ok: false, check: unavailableCheck(request.source, lastProblem, lastEvidence) };
}

/** An answer that is not the JSON this source speaks: asked again, then reported unavailable. */
export function unreadable<T>(why: string): Interpretation<T> {
  return { retry: { field: 'source', code: SOURCE_PROBLEMS.unreadableResponse, atSource: why } };
}

/** An answer with a status this source does not use for a lookup. */
export function unexpectedStatus<T>(status: number): Interpretation<T> {
  return { unavailable: { field: 'source', code: SOURCE_PROBLEMS.errorStatus, atSource: String(status) } };
}
