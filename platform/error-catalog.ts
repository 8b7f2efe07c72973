// Every error code a Credence client can receive, with what it means for the client developer.
// ERROR_CODES (platform/errors.ts) is derived from this list, and schema/ERRORS.md is written
// from it (`npm run errors:catalog`); tests fail when a code used in the source is missing here,
// or when ERRORS.md no longer matches.

/** One shape of `extensions.details` an error may carry. */
export interface ErrorDetailsShape {
  /** The keys of the details object, all of them. */
  readonly keys: readonly string[];
  readonly when: string;
  /** The values `details.reason` (or, for passwords, each of `details.problems`) can take, with what each means. */
  readonly codes?: Readonly<Record<string, string>>;
}

export interface ErrorCatalogEntry {
  /** The HTTP status of a plain HTTP answer with this code, and of a GraphQL request refused as a whole. */
  readonly status: number;
  /** Whether sending the same request again, unchanged, can succeed. */
  readonly retryable: boolean;
  /**
   * Whether a mutation answers it in its payload's `userErrors`, as data beside a null result
   * (platform/mutation-payloads.ts), rather than as an error of the response.
   */
  readonly userError?: true;
  readonly meaning: string;
  readonly whatToDo: string;
  readonly details: readonly ErrorDetailsShape[];
}

/** Keeps the codes as a type while each entry is checked as an ErrorCatalogEntry. */
function catalogOf<Code extends string>(entries: Record<Code, ErrorCatalogEntry>): Readonly<Record<Code, ErrorCatalogEntry>> {
  return entries;
}

const RETRY_AFTER: ErrorDetailsShape = {
  keys: ['retryAfterSeconds'],
  when: 'always: the seconds to wait before the next attempt (also sent as the Retry-After header on plain HTTP answers)',
};

/** Codes Credence itself raises (AppError). */
export const ERROR_CATALOG = catalogOf({
  UNAUTHENTICATED: {
    status: 401,
    retryable: false,
    meaning:
      'The caller is not signed in: the access token is missing, invalid, expired or revoked, the session has ended, the email and password or the sign-in code are wrong, or a webhook signature or timestamp does not check out.',
    whatToDo:
      'With an expired access token, refresh the session (refreshSession) and send the request again with the new token; when the refresh is refused too, sign in again. For a sign-in, ask the user to check what they typed.',
    details: [],
  },
  FORBIDDEN: {
    status: 403,
    retryable: false,
    meaning:
      "The caller is signed in but their role or organization may not do this, or a download link is invalid, expired or belongs to a session that has ended. Never answered for a protected field the role may not read: that field is null and its record's `withheldFields` names it.",
    whatToDo: 'Do not retry: show that the action is not allowed. For a download link, ask for a new link.',
    details: [],
  },
  MFA_ENROLLMENT_REQUIRED: {
    status: 403,
    retryable: false,
    meaning:
      "The caller's role requires multi-factor authentication and the caller has not enrolled an authenticator yet: until then their token answers only `me`, `mySessions`, sign-out and enrollment.",
    whatToDo: 'Take the user through enrollment (enrollTotp, then confirmTotp with a code from the app); confirming ends the enrollment-only session and starts a full one: continue with its tokens.',
    details: [],
  },
  NOT_FOUND: {
    status: 404,
    retryable: false,
    userError: true,
    meaning:
      "The record does not exist or is not visible to the caller's organization (the answer does not say which), the invitation is unknown or already used, the path is unknown, or a verification result names a credential with no verification running.",
    whatToDo: 'Do not retry: refresh what the screen shows. For an invitation, ask for a new one.',
    details: [],
  },
  BAD_USER_INPUT: {
    status: 400,
    retryable: false,
    userError: true,
    meaning:
      'The input is not valid; the message says what is wrong, in words that can be shown to the user. Also a malformed HTTP request: a body that is not JSON, a GraphQL request that is not a POST (HTTP 405), an X-Forwarded-For that is not an IP address, a variable of the wrong type, an operation that could return too many records.',
    whatToDo: 'Do not retry unchanged: correct the input. When details.field is given, show the message beside that field.',
    details: [
      { keys: ['field'], when: "the input at fault, as the caller's path to it: the argument, then each input field ([\"input\", \"npi\"], [\"first\"], [\"filter\", \"expiringWithinDays\"])" },
      {
        keys: ['field', 'reason'],
        when: 'the input field at fault and the rule it breaks',
        codes: {
          INVALID_SSN: 'ssn is not a valid Social Security number (123-45-6789)',
          INVALID_DATE: 'the date cannot be right (a date of birth in the future)',
          INVALID_NPI: 'npi is not a valid NPI: 10 digits starting with 1 or 2, with a correct check digit',
          INVALID_STATE: 'not a US state or territory code (two letters, USPS)',
          EXPIRY_BEFORE_ISSUE: 'expiresOn is not after issuedOn',
          INVALID_CREDENTIAL_NUMBER: 'number is not 1 to 40 letters and digits (spaces and dashes are ignored)',
          INVALID_DEA_NUMBER: 'not a DEA number: two letters and seven digits, the first letter a registrant type',
          STATE_REQUIRED: 'this credential type is issued by a state: state is required',
          EXPIRY_REQUIRED: 'this credential type expires: expiresOn is required',
          REASON_CODE_FORMAT: 'reasonCode is not a short code (lowercase letters, digits and underscores, starting with a letter)',
          WEBHOOK_URL_INVALID: 'url is not a URL',
          WEBHOOK_URL_TOO_LONG: 'url is longer than 2000 characters',
          WEBHOOK_URL_NOT_HTTPS: 'url is not https (http is taken only to loopback, and only outside production)',
          WEBHOOK_URL_CREDENTIALS: 'url carries a user name or password: authenticate the webhook by its signature instead',
          WEBHOOK_URL_PRIVATE_ADDRESS: 'the host of url is, or resolves to, a loopback, private, link-local, unique-local, carrier-grade NAT or other non-public address',
          WEBHOOK_URL_UNRESOLVABLE: 'the host of url does not resolve (production checks it when subscribing)',
          WEBHOOK_SUBSCRIPTION_LIMIT: 'the organization holds the most webhook subscriptions it may (20): delete one first',
          OUT_OF_RANGE: 'a number outside its allowed range, or a text outside its allowed length (the message gives the range)',
          INVALID_CURSOR: 'after or before is not a cursor of this list in this order (take cursors from pageInfo or edges of the same field with the same orderBy and filter)',
          TEXT_FORMAT: 'a text holds control characters',
          EXPORT_RECIPIENT: 'exportOrganizationData was given both or neither of passphrase and publicKey: give exactly one',
          PASSPHRASE_TOO_SHORT: 'passphrase is shorter than 12 characters',
          PUBLIC_KEY_FORMAT: 'publicKey is not an X25519 public key: its raw 32 bytes in base64',
          TICKET_FORMAT: 'a support ticket reference that is not uppercase letters and digits, a dash, then digits (SUP-1234)',
          LOOKS_LIKE_PHI: 'a post-incident review text looks like it holds PHI or a personal identifier (a number like an SSN or a record number, a date, an email address, a phone number): the message says which; reword it',
        },
      },
      {
        keys: ['field', 'problems', 'breachCheck'],
        when: "a password the policy refuses: field is the password's field, problems lists every rule it breaks, breachCheck says which breach check ran (range-api, or bundled-list when the range API could not be reached)",
        codes: {
          TOO_SHORT: 'shorter than the policy minimum',
          TOO_LONG: 'longer than the maximum length',
          TOO_WEAK: 'too easy to guess (names, dates, words, patterns)',
          BREACHED: 'known from data breaches',
        },
      },
      {
        keys: ['reason'],
        when: 'a document upload, or an exclusion list import, refused as a whole',
        codes: {
          EMPTY_DOCUMENT: 'the upload is empty',
          UNSUPPORTED_DOCUMENT_TYPE: 'the upload is not a PDF, PNG or JPEG file (checked from its contents)',
          EXCLUSION_FILE_NOT_FOUND: 'the exclusion list path is not a file',
          EXCLUSION_FILE_EMPTY: 'the exclusion list file is empty, or holds no entries',
          EXCLUSION_KIND_UNKNOWN: 'the kind of the exclusion list file cannot be told from its name: give its kind',
        },
      },
      { keys: ['reason', 'missing'], when: 'an exclusion list file whose header lacks columns: missing lists them', codes: { EXCLUSION_FILE_HEADER: 'the header row lacks the columns in missing' } },
      {
        keys: ['reason', 'line'],
        when: 'an exclusion list file with a bad line (line counts from 1)',
        codes: { CSV_MALFORMED: 'the line is not valid CSV (quotes)', EXCLUSION_FILE_ROW: 'an entry of a reinstatements file has no reinstatement date' },
      },
      { keys: ['reason', 'line', 'column'], when: 'an exclusion list file with a bad value', codes: { EXCLUSION_FILE_ROW: 'the column of that line is not a date (yyyymmdd, or 00000000 for none)' } },
      { keys: ['maxRecords'], when: 'an operation that could return more records than one request may: ask for smaller pages (first) or fewer nested lists' },
    ],
  },
  CONFLICT: {
    status: 409,
    retryable: false,
    userError: true,
    meaning:
      'The request contradicts the current state: a duplicate (the same credential, an active member, an authenticator already enrolled, a document already uploaded, a webhook already received), or a change the rules forbid now (the last owner).',
    whatToDo: 'Do not retry: reload the record and show the message. A webhook sender can treat it as delivered.',
    details: [],
  },
  REVIEW_NOT_PENDING: {
    status: 409,
    retryable: false,
    userError: true,
    meaning: 'The verification review is no longer waiting for a decision: it was decided, or the credential changed and is being verified again.',
    whatToDo: 'Do not retry: reload the credential and its current review.',
    details: [],
  },
  SECURITY_ALERT_ACKNOWLEDGED: {
    status: 409,
    retryable: false,
    userError: true,
    meaning: 'The security alert was acknowledged already (by someone else, or by an earlier request); its acknowledgement is not replaced.',
    whatToDo: 'Do not retry: reload the alert and show who acknowledged it and why.',
    details: [],
  },
  INCIDENT_CLOSED: {
    status: 409,
    retryable: false,
    userError: true,
    meaning: 'The incident is closed (handled, or not a breach after its risk assessment): nothing more can be recorded for it.',
    whatToDo: 'Do not retry: reload the incident and show that it is closed.',
    details: [],
  },
  OBLIGATION_UNKNOWN: {
    status: 409,
    retryable: false,
    userError: true,
    meaning: "The incident does not require this notice (no such obligation for its facts, or the jurisdiction's counts do not call for it), or no longer does (NOT_REQUIRED).",
    whatToDo: "Do not retry unchanged: reload the incident's obligations and record the notice against one of them (its obligation and jurisdiction).",
    details: [],
  },
  ORGANIZATION_TERMINATED: {
    status: 403,
    retryable: false,
    meaning: 'The caller\'s organization is terminated: it is read-only until its export window closes (then its data is deleted), unless a platform administrator reinstates it. Signing in and out, refreshing a session, MFA, the account\'s password, document downloads, the audit log\'s export and its owners\' data export (exportOrganizationData) still work. Also the answer to requestSupportAccess for a terminated organization: its support access ended with it.',
    whatToDo: 'Do not retry: show that the organization is read-only, and offer the export to its owners.',
    details: [],
  },
  SUPPORT_ACCESS_REQUIRED: {
    status: 403,
    retryable: false,
    meaning: 'A platform administrator asked for an organization\'s data (physicians, credentials, members, audit log, ...) without a live support access grant: outside a grant, platform administrators read no organization\'s data.',
    whatToDo: 'Do not retry unchanged: ask for a support access grant (requestSupportAccess, with a reason code and a ticket) and read with the session it answers; the organization\'s owners are told.',
    details: [],
  },
  SUPPORT_ACCESS_ENDED: {
    status: 403,
    retryable: false,
    meaning: 'The support session\'s grant has ended: it expired, or the organization\'s owners ended it early. Nothing more is read under it.',
    whatToDo: 'Do not retry: sign out of the support session; ask for a new grant if the need remains.',
    details: [],
  },
  ORGANIZATION_NOT_TERMINATED: {
    status: 409,
    retryable: false,
    userError: true,
    meaning: 'The organization is not terminated: its data export (exportOrganizationData) is for a terminated organization\'s export window.',
    whatToDo: 'Do not retry: an active organization\'s data is read through the graph and its audit log through exportAuditLog.',
    details: [],
  },
  EXPORT_WINDOW_CLOSED: {
    status: 409,
    retryable: false,
    userError: true,
    meaning: 'The terminated organization\'s export window has closed: its data is being (or has been) deleted, and no export is built or handed out any more.',
    whatToDo: 'Do not retry: read the organization\'s offboarding status for the deletion\'s progress.',
    details: [],
  },
  REINSTATEMENT_TOO_LATE: {
    status: 409,
    retryable: false,
    userError: true,
    meaning: 'The terminated organization can no longer be reinstated: its export window has closed and its data is being (or has been) deleted.',
    whatToDo: 'Do not retry: read the organization\'s offboarding status for the deletion\'s progress.',
    details: [],
  },
  CREDENTIALING_FILE_NOT_READY: {
    status: 409,
    retryable: false,
    userError: true,
    meaning:
      "The physician's credentialing file cannot take this decision now: a required credential or screen is missing, still being verified or not clear, or a primary-source check is older than the organization allows at the decision (120 days; 90 for a credentials verification organization; stale checks are run again by themselves), or the file was decided already.",
    whatToDo: 'Do not retry unchanged: show the blockers, and reload Physician.credentialing until its status is READY (or NEEDS_REVIEW for a denial or deferral) before deciding again.',
    details: [{ keys: ['blockers'], when: 'always: what keeps the file from the decision, as short codes (missing:<group>, pending:<credential type>, stale:<credential type>, exclusions:<status>, status:<status>); may be empty' }],
  },
  INVITATION_REVOKED: {
    status: 410,
    retryable: false,
    userError: true,
    meaning: 'The invitation was revoked by its organization.',
    whatToDo: 'Tell the user to ask the organization for a new invitation.',
    details: [],
  },
  INVITATION_EXPIRED: {
    status: 410,
    retryable: false,
    userError: true,
    meaning: 'The invitation is past its seven days.',
    whatToDo: 'Tell the user to ask the organization for a new invitation.',
    details: [],
  },
  AUDIT_RANGE_TOO_LARGE: {
    status: 422,
    retryable: false,
    userError: true,
    meaning: 'verifyAuditChain or exportAuditLog was asked for a range of more audit events than one request may work through (AUDIT_INLINE_MAX_EVENTS, 100,000 unless configured).',
    whatToDo: 'Do not retry unchanged: ask for the same range in the background (startAuditChainVerification, startAuditExport) and poll auditJob, or ask for a smaller range.',
    details: [{ keys: ['events', 'limit', 'useInstead'], when: 'always: how many events the range holds, the most one request may, and the mutation that does it in the background' }],
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    retryable: false,
    meaning: 'An upload, or a request body, is over the size limit.',
    whatToDo: 'Do not retry: tell the user the limit (details.maxBytes, when given) and ask for a smaller file.',
    details: [{ keys: ['maxBytes'], when: 'a document upload or a gateway request body: the largest accepted, in bytes' }],
  },
  RATE_LIMITED: {
    status: 429,
    retryable: true,
    meaning:
      'Too many requests: from this address or user, sign-in failures on this account or address, session refreshes, password reset requests, or audit exports in progress.',
    whatToDo: 'Wait details.retryAfterSeconds (or the Retry-After header) before trying again; after repeated sign-in failures, offer a password reset.',
    details: [
      RETRY_AFTER,
      { keys: ['retryAfterSeconds', 'limit'], when: 'audit exports: limit is how many of an organization may be written at once' },
    ],
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 400,
    retryable: false,
    meaning: "The operation id (extensions.persistedQuery.sha256Hash or documentId) names no operation in the gateway's manifest of registered operations.",
    whatToDo: "The client and the gateway's manifest are out of step: register the operation (deploy the manifest the client was built with; the gateway reads a changed manifest within a second). Where registered operations are not required (PERSISTED_OPERATIONS=off), send the id again with the operation text, which then runs: Apollo's persisted-query link does this by itself.",
    details: [],
  },
  PERSISTED_QUERY_REQUIRED: {
    status: 400,
    retryable: false,
    meaning: 'The operation was sent as text, and this gateway runs only registered operations (PERSISTED_OPERATIONS=required).',
    whatToDo: "Send the registered operation's id instead of its text.",
    details: [],
  },
  PERSISTED_QUERY_HASH_MISMATCH: {
    status: 400,
    retryable: false,
    meaning:
      'The operation was sent as text together with an operation id (extensions.persistedQuery.sha256Hash or documentId), and the id is not the SHA-256 of that text (lowercase hex, of the text exactly as sent). Only where registered operations are not required (PERSISTED_OPERATIONS=off).',
    whatToDo: "Do not retry unchanged: the client hashes something other than the text it sends (a different printing of the document, say). Send the SHA-256 of the exact text, or the text alone.",
    details: [],
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    meaning:
      'A service the request needs is not answering right now (Temporal, which runs verification decisions and every change to an incident after its declaration, the shared store of rate limits and webhook ids, session revocations, the key set of access tokens, document storage, the audit log of denials); nothing was done.',
    whatToDo: 'Retry after the Retry-After header or details.retryAfterSeconds when given, otherwise after a few seconds, with backoff.',
    details: [{ ...RETRY_AFTER, when: 'verification webhooks: the seconds to wait before delivering again' }],
  },
  DATA_UNREADABLE: {
    status: 500,
    retryable: false,
    meaning:
      "Protected data failed its integrity check, a stored document is missing or fails its checksum, or its organization's key was destroyed; nothing is returned in its place, and it has been reported.",
    whatToDo: 'Do not retry: show that the data cannot be read, and contact support with the x-request-id of the answer.',
    details: [{ keys: ['path'], when: 'a backup file that refuses to open (npm run backup:restore, never the graph): the file, to be set aside and restored from an older backup' }],
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    retryable: false,
    meaning: 'An unexpected failure; the answer carries no internal detail, the log has it under the request id.',
    whatToDo: 'A read may be tried once more; when it persists, contact support with the x-request-id of the answer.',
    details: [],
  },
});

/** Codes raised by graphql-js and Apollo Server themselves, passed through to the client unchanged. */
export const FRAMEWORK_ERROR_CATALOG = catalogOf({
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    retryable: false,
    meaning: 'The operation text is not valid GraphQL syntax, or has more tokens than the gateway parses.',
    whatToDo: 'Fix the operation: the message and locations point at the problem.',
    details: [],
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    retryable: false,
    meaning:
      'The operation does not fit the schema (an unknown field, a missing selection, …) or goes over the limits on depth, cost and aliases. In production an anonymous caller gets one message for all of them: "The operation is not valid".',
    whatToDo: 'Fix the operation against schema/supergraph.graphql; split an operation over the limits into smaller ones.',
    details: [],
  },
  BAD_REQUEST: {
    status: 400,
    retryable: false,
    meaning:
      'The HTTP request is not a GraphQL request Apollo Server accepts: no query, a body that is not a GraphQL request, or a request without the content type or header that prevents cross-site request forgery.',
    whatToDo: 'Send a POST with Content-Type: application/json and a body { query, variables, operationName }.',
    details: [],
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 200,
    retryable: false,
    meaning: 'Automatic persisted queries (clients registering operations themselves) are turned off: this answers an extensions.persistedQuery without a sha256Hash (one with a hash is looked up as a registered operation id, or, sent with the text, checked against it). Apollo Server answers it with HTTP 200.',
    whatToDo: 'Turn off automatic persisted queries in the client; use registered operations (PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_REQUIRED, PERSISTED_QUERY_HASH_MISMATCH).',
    details: [],
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    retryable: false,
    meaning: 'The document holds several operations and operationName does not name one of them.',
    whatToDo: 'Send operationName, matching an operation in the document.',
    details: [],
  },
});

export type CatalogErrorCode = keyof typeof ERROR_CATALOG;
export type FrameworkErrorCode = keyof typeof FRAMEWORK_ERROR_CATALOG;

export const ERRORS_DOCUMENT_PATH = new URL('../schema/ERRORS.md', import.meta.url);

/** schema/ERRORS.md: the catalog as tables for client developers. */
export function renderErrorCatalog(): string {
  const appCodes = Object.keys(ERROR_CATALOG).length;
  const frameworkCodes = Object.keys(FRAMEWORK_ERROR_CATALOG).length;
  return [
    '<!-- Written by `npm run errors:catalog` from platform/error-catalog.ts: edit that file, not this one. -->',
    '# Credence error codes',
    '',
    'Every error a client receives carries a stable `extensions.code`; the message is for people and may change.',
    'Some errors also carry `extensions.details`, one object in one of the shapes listed with their code, the same on',
    'GraphQL and plain HTTP answers: `field` is the path to the input at fault as the caller wrote it (the argument,',
    'then each input field: `["input", "npi"]`), `reason` the rule it breaks (a stable code of its own, listed below);',
    'any other key is a fact of the error (`retryAfterSeconds`, `maxBytes`, …).',
    'A mutation answers the codes marked "In userErrors" as data: its payload\'s `userErrors` holds the failure',
    '(`code`, `message`, `field`, `reason`, and the other facts in `details`) beside a null result, the request',
    'answers HTTP 200 and nothing was changed. Every other code, for a mutation as for a query, is an error of the',
    'response: authentication, permissions, rate limits and outages are handled once for every operation.',
    'Inside a GraphQL response that still has data, an error comes with HTTP 200 and sits beside that data;',
    'the HTTP status below is that of a request refused as a whole and of the plain HTTP endpoints',
    '(rate limits, webhooks, uploads, downloads). Every answer carries an `x-request-id` header to quote to support.',
    '',
    `${appCodes + frameworkCodes} codes: ${appCodes} raised by Credence, ${frameworkCodes} passed through from graphql-js and Apollo Server.`,
    '',
    '## Codes raised by Credence',
    '',
    ...table(ERROR_CATALOG),
    '',
    '## Codes passed through from graphql-js and Apollo Server',
    '',
    ...table(FRAMEWORK_ERROR_CATALOG),
    '',
  ].join('\n');
}

function table(catalog: Readonly<Record<string, ErrorCatalogEntry>>): string[] {
  return [
    '| Code | HTTP status | Retryable | In userErrors | Meaning | What to do | Details |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(catalog).map(([code, entry]) =>
      `| \`${code}\` | ${entry.status} | ${entry.retryable ? 'yes' : 'no'} | ${entry.userError ? 'yes' : 'no'} | ${cell(entry.meaning)} | ${cell(entry.whatToDo)} | ${detailsCell(entry.details)} |`),
  ];
}

function detailsCell(shapes: readonly ErrorDetailsShape[]): string {
  if (shapes.length === 0) return 'none';
  return shapes.map((shape) => {
    const codes = shape.codes
      ? `: ${Object.entries(shape.codes).map(([code, meaning]) => `\`${code}\` ${cell(meaning)}`).join('; ')}`
      : '';
    return `\`{ ${shape.keys.join(', ')} }\` ${cell(shape.when)}${codes}`;
  }).join('<br><br>');
}

/** Text made safe for one Markdown table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
