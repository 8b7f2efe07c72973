// Results of verification providers (a CVO, a board whose answer comes later) at
// POST /webhooks/verification, signed like every webhook (webhooks.ts). The body is checked
// strictly, then handed to the credential's verification workflow as its `providerResult` signal,
// the body itself carried along as the check's evidence. Nothing of the body is logged.
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import type { TemporalConfig } from '../platform/config.ts';
import { AppError, badUserInput, notFound } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import {
  PROVIDER_RESULTS, PROVIDER_RESULT_LIMITS, PROVIDER_SOURCES, providerResult, verificationWorkflowId,
  type ProviderResult, type ProviderResultValue, type ProviderSource,
} from '../workflows/credential-verification/shared.ts';
import type { WebhookEvent, WebhookHandler } from './webhooks.ts';

/** The source name of the route, and of its secret in WEBHOOK_SECRETS. */
export const VERIFICATION_WEBHOOK_SOURCE = 'verification';
export const VERIFICATION_RESULT_TYPE = 'verification.result';

const FIELDS = ['type', 'credentialId', 'source', 'result', 'problems'];
const PROBLEM_FIELDS = ['field', 'code'];
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROBLEM_FIELD_PATTERN = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
const PROBLEM_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
/** Past this, the provider is told to retry rather than kept waiting for Temporal. */
const SIGNAL_WITHIN_MS = 5_000;
const RETRY_AFTER_SECONDS = 30;

export interface ParsedVerificationResult {
  credentialId: string;
  source: ProviderSource;
  result: ProviderResultValue;
  problems: { field: string; code: string }[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a provider's body. Messages name fields and rules, never a value that was sent. */
export function parseVerificationResult(payload: unknown, body: Buffer): ParsedVerificationResult {
  if (body.length > PROVIDER_RESULT_LIMITS.bodyBytes) throw badUserInput(`A verification result is at most ${PROVIDER_RESULT_LIMITS.bodyBytes} bytes`);
  if (!isObject(payload)) throw badUserInput('A verification result is a JSON object');
  const unknown = Object.keys(payload).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0) throw badUserInput(`A verification result has only the fields ${FIELDS.join(', ')}; ${unknown.length} other field(s) were sent`);
  if (payload.type !== VERIFICATION_RESULT_TYPE) throw badUserInput(`type must be "${VERIFICATION_RESULT_TYPE}"`);
  if (typeof payload.credentialId !== 'string' || !UUID_PATTERN.test(payload.credentialId)) throw badUserInput('credentialId must be a UUID');
  if (!(PROVIDER_SOURCES as readonly unknown[]).includes(payload.source)) throw badUserInput(`source must be one of ${PROVIDER_SOURCES.join(', ')}`);
  if (!(PROVIDER_RESULTS as readonly unknown[]).includes(payload.result)) throw badUserInput(`result must be one of ${PROVIDER_RESULTS.join(', ')}`);
  const problems = payload.problems ?? [];
  if (!Array.isArray(problems) || problems.length > PROVIDER_RESULT_LIMITS.problems) {
    throw badUserInput(`problems, when sent, is a list of at most ${PROVIDER_RESULT_LIMITS.problems} { field, code }`);
  }
  problems.forEach((problem: unknown, index) => {
    if (!isObject(problem) || Object.keys(problem).some((key) => !PROBLEM_FIELDS.includes(key))) {
      throw badUserInput(`problems[${index}] has only the fields field and code`);
    }
    if (typeof problem.field !== 'string' || !PROBLEM_FIELD_PATTERN.test(problem.field)) {
      throw badUserInput(`problems[${index}].field must be a field name (a letter, then letters, digits, _ or ., at most 64)`);
    }
    if (typeof problem.code !== 'string' || !PROBLEM_CODE_PATTERN.test(problem.code)) {
      throw badUserInput(`problems[${index}].code must be a code (A-Z, 0-9, _, at most 64, starting with a letter)`);
    }
  });
  return {
    // Workflow ids carry credential ids as PostgreSQL writes them.
    credentialId: payload.credentialId.toLowerCase(),
    source: payload.source as ProviderSource,
    result: payload.result as ProviderResultValue,
    problems: (problems as { field: string; code: string }[]).map(({ field, code }) => ({ field, code })),
  };
}

/**
 * The handler of the `verification` webhook source, with its own Temporal client: connected on the
 * first result, so the gateway starts and serves while Temporal is down. close() when the gateway stops.
 */
export function createVerificationWebhooks(options: { temporal: Pick<TemporalConfig, 'address' | 'namespace'>; logger: Logger; signalWithinMs?: number }) {
  const { logger } = options;
  const signalWithinMs = options.signalWithinMs ?? SIGNAL_WITHIN_MS;
  const client = new Client({ connection: Connection.lazy({ address: options.temporal.address }), namespace: options.temporal.namespace });

  const handle: WebhookHandler = async (event: WebhookEvent) => {
    const parsed = parseVerificationResult(event.payload, event.body);
    const signal: ProviderResult = {
      webhookId: event.id, source: parsed.source, result: parsed.result, problems: parsed.problems, bodyBase64: event.body.toString('base64'),
    };
    try {
      await client.connection.withDeadline(Date.now() + signalWithinMs, () =>
        client.workflow.getHandle(verificationWorkflowId(parsed.credentialId)).signal(providerResult, signal));
    } catch (error) {
      // Not running: never verified, finished, or no such credential; the answer does not say which.
      if (error instanceof WorkflowNotFoundError) throw notFound('Verification');
      logger.warn({ err: { message: (error as Error).message }, webhookId: event.id }, 'a verification result could not be handed to its workflow');
      throw new AppError('SERVICE_UNAVAILABLE', 'The verification result could not be accepted now; retry later', { retryAfterSeconds: RETRY_AFTER_SECONDS });
    }
    logger.info({ webhookId: event.id, source: parsed.source, result: parsed.result }, 'verification result handed to its workflow');
  };

  return {
    handle,
    close: () => client.connection.close(),
  };
}
