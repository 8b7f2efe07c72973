// Sessions revoked at identity (sign-out, a password change, an administrator's revocation) must
// stop working at the gateway before their access tokens expire. The gateway polls identity's
// internal route for the sessions revoked since its last answer and keeps each revoked session id
// for as long as a token of that session could still verify.
//
// Fail closed: when the list cannot be refreshed for too long, a revoked session could go
// unnoticed, so assertFresh() refuses to vouch for any token until a poll succeeds again.
import { randomUUID, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ACCESS_TOKEN, REVOKED_SESSIONS_ROUTE } from '../platform/access-tokens.ts';
import { anonymousCaller } from '../platform/caller.ts';
import { serviceUnavailable } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { callInternalRoute } from '../platform/service-signing.ts';
import { isUuid } from '../platform/ids.ts';

/** What the access token verifier asks of the revocation list. */
export interface RevocationCheck {
  /** Throws SERVICE_UNAVAILABLE when the list is too old to be trusted (or was never fetched). */
  assertFresh(): void;
  isRevoked(sessionId: string): boolean;
}

export interface RevocationStats {
  /** Revoked session ids currently held. */
  revokedSessions: number;
  successfulPolls: number;
  failedPolls: number;
  lastSuccessAt: Date | null;
}

export interface SessionRevocations extends RevocationCheck {
  /** The first fetch; never throws (a failure is retried on the next poll). Then polls until stop(). */
  start(): Promise<void>;
  stop(): void;
  stats(): RevocationStats;
}

export interface SessionRevocationsOptions {
  /** Identity's GraphQL URL (…/graphql); the route is its sibling …/internal/revoked-sessions. */
  identityUrl: string;
  /** The gateway's context signing key (CONTEXT_SIGNING_KEY). */
  contextSigningKey: KeyObject;
  pollIntervalMs: number;
  logger: Logger;
  /** How long the list stays trusted without a successful poll; max(15 s, 5 polls) by default. */
  maxStalenessMs?: number;
  /** Time allowed for one poll; min(5 s, the staleness window) by default. */
  requestTimeoutMs?: number;
  /** Called after every poll, for metrics. */
  onPoll?: (outcome: 'success' | 'failure') => void;
}

/** Asked again on every poll: a revocation whose transaction began before identity's `now` but committed after it is not missed. */
const OVERLAP_MS = 10_000;
/** Margin beyond a token's lifetime, for clocks that disagree by more than the verification tolerance. */
const MARGIN_MS = 60_000;
/** After this long a revoked session's tokens have all expired: its id can no longer matter. */
const RETENTION_MS = (ACCESS_TOKEN.lifetimeSeconds + ACCESS_TOKEN.clockToleranceSeconds) * 1000 + MARGIN_MS;

export function createSessionRevocations(options: SessionRevocationsOptions): SessionRevocations {
  const { identityUrl, contextSigningKey, pollIntervalMs, logger, onPoll } = options;
  if (!(pollIntervalMs > 0)) throw new TypeError('pollIntervalMs must be positive');
  const maxStalenessMs = options.maxStalenessMs ?? Math.max(15_000, 5 * pollIntervalMs);
  const requestTimeoutMs = options.requestTimeoutMs ?? Math.min(5_000, maxStalenessMs);

  /** Revoked session id (lower case) → when this gateway first saw it (monotonic ms). */
  const revoked = new Map<string, number>();
  // Everything a token still alive could belong to, with the margin for clocks.
  let since = new Date(Date.now() - (ACCESS_TOKEN.lifetimeSeconds * 1000 + MARGIN_MS));
  let lastSuccess: number | null = null;
  let lastSuccessAt: Date | null = null;
  let successfulPolls = 0;
  let failedPolls = 0;
  let failing = false;
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: AbortController | undefined;

  async function poll(): Promise<void> {
    const controller = new AbortController();
    inFlight = controller;
    try {
      const response = await callInternalRoute({
        graphqlUrl: identityUrl, audience: 'identity', route: REVOKED_SESSIONS_ROUTE, signingKey: contextSigningKey,
        caller: anonymousCaller(randomUUID(), null), payload: { since: since.toISOString() },
        signal: AbortSignal.any([controller.signal, AbortSignal.timeout(requestTimeoutMs)]),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const answer = parseAnswer(await response.json());
      if (stopped) return;
      const seenAt = performance.now();
      for (const sessionId of answer.sessionIds) if (!revoked.has(sessionId)) revoked.set(sessionId, seenAt);
      for (const [sessionId, firstSeen] of revoked) if (seenAt - firstSeen > RETENTION_MS) revoked.delete(sessionId);
      since = new Date(answer.now.getTime() - OVERLAP_MS);
      lastSuccess = seenAt;
      lastSuccessAt = new Date();
      successfulPolls += 1;
      if (failing) logger.info({ failedPolls }, 'revoked sessions are fetched from identity again');
      failing = false;
      onPoll?.('success');
    } catch (error) {
      if (stopped) return;
      failedPolls += 1;
      if (!failing) {
        failing = true;
        logger.warn(
          { err: error instanceof Error ? { type: error.name, message: error.message } : String(error), identityUrl, retryInMs: pollIntervalMs },
          'cannot fetch revoked sessions from identity; bearer tokens are refused if this lasts',
        );
      }
      onPoll?.('failure');
    } finally {
      if (inFlight === controller) inFlight = undefined;
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void poll().then(schedule);
    }, pollIntervalMs);
    timer.unref();
  }

  return {
    async start() {
      if (started) return;
      started = true;
      await poll();
      schedule();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      inFlight?.abort();
    },
    assertFresh() {
      if (lastSuccess === null || performance.now() - lastSuccess > maxStalenessMs) {
        throw serviceUnavailable('Session revocations cannot be checked right now; try again shortly');
      }
    },
    isRevoked(sessionId) {
      return revoked.has(sessionId.toLowerCase());
    },
    stats() {
      return { revokedSessions: revoked.size, successfulPolls, failedPolls, lastSuccessAt };
    },
  };
}

/** `{ now, sessionIds }`; anything else is a failed poll (the list is not trusted half-read). */
function parseAnswer(value: unknown): { now: Date; sessionIds: string[] } {
  const { now, sessionIds } = (value ?? {}) as { now?: unknown; sessionIds?: unknown };
  const time = typeof now === 'string' ? new Date(now) : null;
  if (!time || Number.isNaN(time.getTime())) throw new Error('the answer has no valid "now"');
  if (!Array.isArray(sessionIds) || !sessionIds.every((id) => isUuid(id))) {
    throw new Error('the answer has no valid "sessionIds"');
  }
  return { now: time, sessionIds: sessionIds.map((id: string) => id.toLowerCase()) };
}
