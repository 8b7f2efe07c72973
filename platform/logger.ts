// The one logger: structured JSON (pino), with sensitive fields redacted by name at any of the
// first levels of nesting, so PHI and secrets never reach a log line.
import { pino, type Logger } from 'pino';

/** Field names whose values never appear in logs. Compared as written (camelCase and snake_case). */
export const SENSITIVE_FIELD_NAMES = [
  'password', 'newPassword', 'currentPassword', 'passwordHash',
  'token', 'accessToken', 'refreshToken', 'idToken', 'authorization', 'cookie', 'secret', 'totp', 'totpSecret', 'code', 'mfaCode', 'recoveryCodes',
  'ssn', 'dateOfBirth', 'dob', 'licenseNumber', 'deaNumber', 'policyNumber',
  'email', 'phone', 'firstName', 'lastName', 'fullName', 'address', 'content', 'contents', 'recipient', 'subject',
  'date_of_birth', 'license_number', 'dea_number', 'policy_number',
] as const;

const DEPTH = 4;

/** Headers that carry credentials, wherever a request or response object is logged. */
const SENSITIVE_HEADER_PATHS = ['*.headers.authorization', '*.headers.cookie', '*.headers["set-cookie"]', '*.headers["x-credence-context"]'];

function redactPaths(): string[] {
  const paths: string[] = [...SENSITIVE_HEADER_PATHS];
  for (const name of SENSITIVE_FIELD_NAMES) {
    for (let depth = 0; depth < DEPTH; depth += 1) paths.push(`${'*.'.repeat(depth)}${name}`);
  }
  return paths;
}

export type { Logger };

export function createLogger(options: {
  service: string;
  level: string;
  destination?: pino.DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      redact: { paths: redactPaths(), censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
