// No PHI or secret reaches a log line: seeded values are searched for in the raw output, under
// every field name of the graph that can carry one, at any depth, and in errors.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { describe, expect, it } from '@jest/globals';
import { parse, visit } from 'graphql';
import { createLogger, isSensitiveFieldName } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'test', level: 'trace', destination }) };
}

const PHI = {
  ssn: '123-45-6789',
  dateOfBirth: '1961-04-12',
  licenseNumber: 'CA-A123456',
  deaNumber: 'AB1234563',
  policyNumber: 'MPL-998877',
  email: 'dr.jane.doe@example.org',
  password: 'correct horse battery staple',
  refreshToken: 'rt_3f9a8b7c6d5e4f3a2b1c',
};

/** Every field and argument name of the subgraphs' SDL (object, interface and input types). */
function sdlFieldNames(): Set<string> {
  const names = new Set<string>();
  for (const subgraph of ['identity', 'credentials', 'audit']) {
    visit(parse(readFileSync(new URL(`../schema/${subgraph}.graphql`, import.meta.url), 'utf8')), {
      FieldDefinition: (node) => void names.add(node.name.value),
      InputValueDefinition: (node) => void names.add(node.name.value),
    });
  }
  return names;
}

/**
 * The fields of the graph that carry neither PHI nor a secret: ids, statuses, times, counts,
 * codes, public keys and hashes, and the names of root fields. Everything else in the SDL must be
 * redacted; a field added to the SDL fails this test until it is put on one side or the other.
 */
const HARMLESS = new Set([
  // root fields and connections
  'acceptInvitation', 'accessHistory', 'invitations', 'revokeInvitation', 'addCredential', 'auditCheckpoints', 'auditEvents', 'auditRetentionPolicy', 'auditTrail',
  'changeMemberRole', 'changePassword', 'closeIncident', 'confirmTotp', 'createOrganization', 'createPhysician', 'credential',
  'credentialTypes', 'credentials', 'deactivateMember', 'declareIncident', 'document', 'documentDownloadUrl', 'documents',
  'enrollTotp', 'exportAuditLog', 'incident', 'incidents', 'inviteMember', 'login', 'logout', 'logoutEverywhere', 'me', 'members',
  'memberships', 'mySessions', 'nodes', 'notifications', 'organization', 'organizationAuditRetention', 'ownerInvitation', 'pageInfo',
  'passwordPolicy', 'physician', 'physicianProfile', 'physicians', 'recordIncidentNotification', 'refreshSession',
  'regenerateRecoveryCodes', 'removeCredential', 'requestDocumentUpload', 'session', 'setAffiliationStatus', 'setAuditRetention',
  'switchOrganization', 'updateCredential', 'updatePhysician', 'user', 'verifyAuditChain', 'verifyMfa', 'affiliation',
  'supportAccessGrants', 'requestSupportAccess', 'endSupportAccess', 'grant', 'grantId', 'requestedBy', 'ticket', 'durationMinutes',
  'startsAt', 'endsAt', 'endedAt', 'active',
  // ids, references and paging
  'id', 'actorId', 'credentialId', 'declaredBy', 'documentId', 'incidentId', 'keyId', 'organizationId', 'physicianId', 'recordedBy',
  'requestId', 'resourceId', 'sessionId', 'userId', 'first', 'last', 'hasNextPage', 'hasPreviousPage', 'edges', 'node', 'totalCount',
  'orderBy', 'direction', 'filter', 'input',
  // references as objects (their own fields are classified by name)
  'actor', 'owner', 'requestedByUser', 'decidedByUser', 'acknowledgedByUser', 'recordedByUser', 'assessedByUser', 'doneByUser',
  'writtenByUser', 'declaredByUser', 'key', 'evidence',
  // what the caller may do with a record
  'viewerCanChangeRole', 'viewerCanDeactivate', 'viewerCanRevoke', 'viewerCanUpdate', 'viewerCanRequestVerification',
  'viewerCanResolve', 'viewerCanAcknowledge', 'viewerCanEnd',
  // a review's reasons as enums
  'reasonDetails', 'credentialReason',
  // which protected fields the caller's role may not read (their names, never their values)
  'withheldFields',
  // mutation payloads: each result under its name, and the expected failures (codes, field paths, messages written without PHI)
  'userErrors', 'message', 'details', 'loginResult', 'signedOut', 'sessionsEnded', 'totpEnrollment', 'totpConfirmation', 'invitation',
  'accepted', 'membership', 'organizationCreation', 'organizationExport', 'supportAccessSession', 'supportAccessGrant', 'removed',
  'deleted', 'documentUpload', 'documentDownload', 'verificationReview', 'auditExport', 'credentialingFileExport', 'monitoringAlert',
  'postIncidentReviewPdf', 'securityAlert',
  // kinds, states and flags
  'action', 'actorRole', 'affiliationStatus', 'algorithm', 'authenticationMethods', 'contentType', 'current', 'expired', 'format',
  'includeDeactivated', 'kind', 'mfaEnabled', 'mfaEnrollmentRequired', 'obligation', 'outcome', 'permissions', 'resourceType', 'reviewReasons',
  'role', 'status', 'stored', 'tokenType', 'type', 'valid', 'actingAsBusinessAssociate', 'problem', 'reason', 'label', 'primarySource',
  // times, counts and sizes
  'accessTokenExpiresAt', 'createdAt', 'declaredAt', 'discoveredAt', 'endedOn', 'expiresAt', 'expiresOn', 'expiringWithinDays',
  'from', 'to', 'issuedOn', 'lastUsedAt', 'mfaChallengeExpiresAt', 'notifiedAt', 'occurredAt', 'refreshTokenExpiresAt', 'signedAt',
  'since', 'startedOn', 'updatedAt', 'affectedCount', 'checkedCheckpoints', 'checkedEvents', 'defaultYears', 'eventCount',
  'firstBadSequence', 'fromSequence', 'toSequence', 'minLength', 'minStrengthScore', 'minimumYears', 'sequence', 'sizeBytes', 'years',
  // verification and exclusion screening: sources, results, codes, digests, times (never the values compared)
  'verification', 'verificationReviews', 'requestVerification', 'resolveVerificationReview', 'checks', 'pendingReview', 'reviewId',
  'source', 'result', 'problems', 'field', 'code', 'reasons', 'decision', 'reasonCode', 'decidedBy', 'evidenceSha256',
  'checkedAt', 'openedAt', 'escalatedAt', 'decidedAt', 'verifiedAt', 'nextReminderAt', 'requestedAt', 'screenedAt', 'foundAt',
  'exclusionStatus', 'exclusionMatches', 'list', 'matchedBy', 'excludedOn', 'exclusionType',
  'verificationSettings', 'setVerificationReviewWindow', 'reviewWindowHours', 'isDefault', 'hours',
  // when an organization's keys were rotated: versions and dates, never key material
  'encryptionKeys', 'dataKeyVersion', 'dataKeyCreatedAt', 'keysRewrappedAt',
  'webhookSubscriptions', 'webhookDeliveries', 'subscriptionId', 'createWebhookSubscription', 'deleteWebhookSubscription', 'subscription', 'events',
  'eventId', 'eventType', 'attempts', 'lastHttpStatus', 'lastErrorCode', 'nextAttemptAt', 'deliveredAt',
  // incidents: obligations, deadlines, rules, codes (a delay's officer is redacted)
  'incidentSettings', 'updateIncidentFacts', 'applyLawEnforcementDelay', 'submitRiskAssessment', 'setIncidentSettings',
  'obligations', 'nextDeadline', 'lawEnforcementDelays', 'riskAssessments', 'key', 'dueAt', 'dueAtLocal', 'notBefore', 'rule', 'note',
  'captured', 'metAt', 'metHow', 'method', 'evidenceDocumentId', 'statedAt', 'until', 'agency', 'phiNature', 'acquisition', 'mitigation',
  'conclusion', 'assessedBy', 'assessedAt', 'contractNoticeHours', 'timeZone', 'closedAs',
  // post-incident reviews: codes, owners, dates (the summary and titles are redacted: people write them)
  'review', 'rootCause', 'writtenBy', 'writtenAt', 'remediations', 'ownerId', 'dueOn', 'doneAt', 'doneBy',
  'writePostIncidentReview', 'addRemediationItem', 'completeRemediationItem', 'exportPostIncidentReview',
  // a terminated organization's offboarding: its times and counts
  'organizationOffboarding', 'terminateOrganization', 'reinstateOrganization', 'terminatedAt', 'exportWindowEndsAt', 'reinstatedAt',
  'deletionStartedAt', 'keysDestroyedAt', 'rowsDeleted', 'documentsDeleted', 'deletedAt', 'backupsDeadlineAt', 'certifiedAt', 'certificate',
  // the credentialing cycle and its monitoring: cycles, statuses, codes, times, ages
  'credentialing', 'recordCredentialingDecision', 'cycleNumber', 'cycleStartedAt', 'readySince', 'blockers', 'recredentialingDueAt',
  'flaggedAt', 'oldestVerificationAgeDays', 'maxVerificationAgeDays', 'decisions', 'decidedByRole', 'monitoringAlerts',
  'acknowledgeMonitoringAlert', 'acknowledged', 'raisedAt', 'acknowledgedAt', 'acknowledgedBy', 'acknowledgeReason',
  'setCredentialsVerificationOrganization', 'actsAsCredentialsVerificationOrganization', 'exportCredentialingFile',
  // security alerts: detectors, severities, sequences, times, thresholds (the subject, an actor or address, is redacted)
  'securityAlerts', 'securityAlertSettings', 'acknowledgeSecurityAlert', 'setSecurityAlertSettings', 'settings', 'detector', 'severity',
  'evidenceSequences', 'raisedAtSequence', 'raisedAt', 'acknowledgedAt', 'acknowledgedBy', 'acknowledgement', 'minimumSeverity', 'open',
  'viewFloor', 'viewMultiplier', 'denialThreshold', 'stuffingAccountThreshold', 'workingHoursStart', 'workingHoursEnd', 'workingDays',
  // organization data exports: their requests, sizes, counts (the passphrase is redacted, the link too)
  'exportOrganizationData', 'exports', 'readyAt', 'bytes', 'counts', 'affiliations', 'verificationChecks',
  // background audit jobs: statuses, counts, sizes, times, failure codes (the download link is redacted)
  'auditJob', 'auditJobs', 'startAuditChainVerification', 'startAuditExport', 'progress', 'eventsDone', 'eventsTotal', 'export',
  'fileExpiresAt', 'startedAt', 'finishedAt', 'failure',
  // public or organizational, not personal
  'affectedJurisdictions', 'jurisdiction', 'issuer', 'state', 'name', 'hash', 'previousHash', 'sha256', 'publicKey', 'auditSigningKeys',
]);

describe('logger redaction', () => {
  it('classifies every field of the graph: each is redacted, or named harmless', () => {
    const unclassified = [...sdlFieldNames()].filter((name) => !isSensitiveFieldName(name) && !HARMLESS.has(name));
    expect(unclassified).toEqual([]);
    // The ones the product really has, which the first list of names missed.
    for (const name of ['number', 'givenName', 'familyName', 'npi', 'dateOfBirth', 'ssn', 'otpauthUri', 'mfaChallenge', 'refreshToken', 'recoveryCodes', 'uploadUrl', 'totpCode', 'displayName']) {
      expect({ name, redacted: isSensitiveFieldName(name) }).toEqual({ name, redacted: true });
    }
  });

  it('redacts every sensitive field of the graph, in any spelling, at any depth, inside arrays and errors', () => {
    const { lines, logger } = capture();
    const sensitive = [...sdlFieldNames()].filter(isSensitiveFieldName);
    const seededValue = (name: string) => `seeded-${name}-value-7f3a`;
    for (const name of sensitive) {
      const value = seededValue(name);
      const snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      logger.info({ [name]: value, [snake]: value }, 'top level');
      let nested: Record<string, unknown> = { [name]: value };
      for (let depth = 0; depth < 8; depth += 1) nested = { level: depth, inner: nested, list: [{ [name]: [value] }] };
      logger.debug(nested, 'deep');
      logger.error({ err: Object.assign(new Error('failed'), { input: { [name]: value } }) }, 'error with its input');
      logger.trace({ variables: { input: { [name]: value } }, headers: { [name]: value } }, 'request');
    }
    const output = lines.join('');
    expect(lines.length).toBe(sensitive.length * 4);
    const leaked = sensitive.filter((name) => output.includes(seededValue(name)));
    expect(leaked).toEqual([]);
  });

  it('redacts the values a database error quotes, and keeps its code and constraint', () => {
    const { lines, logger } = capture();
    const previous = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      code: '23505', severity: 'ERROR', detail: `Key (email)=(${PHI.email}) already exists.`, constraint: 'users_email_key', table: 'users', schema: 'identity',
    });
    logger.error({ err: new UniqueConstraintViolationException(previous) }, 'unexpected error in resolver');
    const cast = Object.assign(new Error(`invalid input syntax for type integer: "${PHI.ssn}"`), { code: '22P02', severity: 'ERROR', routine: 'pg_strtoint32_safe' });
    logger.error({ err: Object.assign(new Error('wrapped'), { cause: cast }) }, 'route failed');
    logger.error(cast);
    const output = lines.join('');
    expect(output).not.toContain(PHI.email);
    expect(output).not.toContain(PHI.ssn);
    expect(JSON.parse(lines[0]!).err).toMatchObject({ type: 'UniqueConstraintViolationException', code: '23505', constraint: 'users_email_key', message: 'database error 23505 (constraint users_email_key) on users' });
  });

  it('redacts sensitive fields at the top level and nested up to three levels', () => {
    const { lines, logger } = capture();
    logger.info(PHI, 'top level');
    logger.info({ physician: PHI }, 'one level');
    logger.info({ input: { physician: { ...PHI } } }, 'two levels');
    logger.info({ event: { input: { physician: { ...PHI } } } }, 'three levels');
    const output = lines.join('');
    expect(lines).toHaveLength(4);
    for (const value of Object.values(PHI)) expect(output).not.toContain(value);
    expect(output).toContain('[redacted]');
  });

  it('redacts credentials in logged request headers, and in a child logger\'s bindings', () => {
    const { lines, logger } = capture();
    logger.info({ req: { headers: { authorization: `Bearer ${PHI.refreshToken}`, 'x-credence-context': 'eyJhbGciOi.signed.context', cookie: 'sid=abc' } } });
    logger.child({ email: PHI.email }).info('bound');
    const output = lines.join('');
    expect(output).not.toContain(PHI.refreshToken);
    expect(output).not.toContain('eyJhbGciOi.signed.context');
    expect(output).not.toContain('sid=abc');
    expect(output).not.toContain(PHI.email);
  });

  it('keeps what is not sensitive', () => {
    const { lines, logger } = capture();
    logger.info({ requestId: 'req-1', status: 200, credentialType: 'STATE_LICENSE', at: new Date('2026-01-02T03:04:05Z') }, 'request');
    logger.error({ err: new Error('the credentials subgraph did not answer') }, 'failed');
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: 'req-1', status: 200, credentialType: 'STATE_LICENSE', service: 'test', at: '2026-01-02T03:04:05.000Z' });
    expect(JSON.parse(lines[1]!).err).toMatchObject({ type: 'Error', message: 'the credentials subgraph did not answer', stack: expect.stringContaining('logger.test.ts') });
  });
});
