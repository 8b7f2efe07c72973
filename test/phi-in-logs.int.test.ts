// No PHI or secret reaches a log line, whatever a caller sends: every mutation of the graph is
// called through the gateway with seeded PHI and secrets (and the mistakes a client makes with
// them: a wrong password, a malformed SSN, a duplicate NPI), every service logging at trace, and
// then every line each service wrote is searched for every seeded value and every secret the
// graph handed out.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { generate } from 'otplib';
import { readFileSync } from 'node:fs';
import { PLATFORM_ORGANIZATION_ID } from '../platform/audit.ts';
import type { Role } from '../platform/caller.ts';
import { openDatabase, type MikroORM } from '../platform/database/orm.ts';
import { closeServer, listen } from '../platform/http.ts';
import { createLogger, type Logger } from '../platform/logger.ts';
import { SUPERGRAPH_PATH } from '../schema/compose.ts';
import { freePort } from '../stack/ports.ts';
import { Connection } from '@temporalio/client';
import { aMember, anOrganization, aSignedInMember, payloadResultOf, refusalCodeOf, uniqueEmail } from './support/factories.ts';
import { startIncidentWorker } from './support/incidents.ts';
import { gatewayHarness } from './support/gateway-harness.ts';
import { randomNpi } from './support/identifiers.ts';
import { startMailHarness, tokenFromMail } from './support/mail.ts';
import { testStack } from './support/stack.ts';

const stack = testStack();
/** Every line each service logged. */
const logs = new Map<string, string[]>();
const loggers = (service: string): Logger => {
  const lines: string[] = [];
  logs.set(service, lines);
  return createLogger({ service, level: 'trace', destination: { write: (line: string) => void lines.push(line) } });
};
let breachedPasswords: Server;
const breachedPort = await freePort();
// Incidents' workflows run on a worker of this suite's own, so that their decisions are taken.
const incidentQueue = `test-phi-incidents-${randomUUID()}`;
const harness = gatewayHarness({ loggers, subgraphEnv: { identity: { BREACHED_PASSWORDS_URL: `http://127.0.0.1:${breachedPort}` }, audit: { TEMPORAL_TASK_QUEUE: incidentQueue } } });
let temporalConnection: Connection;
let workerOrm: MikroORM;
let incidentWorker: Awaited<ReturnType<typeof startIncidentWorker>>;
let gateway: Awaited<ReturnType<typeof harness.startGateway>>;
let mail: Awaited<ReturnType<typeof startMailHarness>>;
let identityOrm: MikroORM;

const PASSWORD = 'Quillfeather passphrase of the seeding 8842';
const NEW_PASSWORD = 'Another quillfeather passphrase, renewed 5519';
/** Values a caller sends that must never be logged. Distinctive, so that a hit is a leak. */
const seeded = {
  givenName: 'Zephyrine', familyName: 'Quillfeather', newGivenName: 'Marisolde',
  ssn: '219-44-8765', ssnDigits: '219448765', newSsn: '219-55-1234', malformedSsn: '21944-87650',
  dateOfBirth: '1958-07-23', newDateOfBirth: '1958-07-24',
  npi: randomNpi(),
  number: 'QX7734521', newNumber: 'QX7734599',
  password: PASSWORD, newPassword: NEW_PASSWORD, resetPassword: 'A quillfeather passphrase from the reset mail 7731', wrongPassword: 'a wrong quillfeather guess 0000',
  displayName: 'Zephyrine Invitee Quillfeather', inviteeEmail: `zephyrine.invitee.${randomUUID().slice(0, 6)}@example.org`,
  ownerEmail: `zephyrine.owner.${randomUUID().slice(0, 6)}@example.org`,
  revokedInviteeEmail: `zephyrine.revoked.${randomUUID().slice(0, 6)}@example.org`,
  documentMarker: 'PATIENT-DOCUMENT-QUILLFEATHER-MARKER',
  officer: 'Inspector Quillfeather-Delacroix',
  reviewSummary: 'Quillfeather review marker: a laptop left unlocked held exported files',
  remediationTitle: 'Quillfeather remediation marker: enforce screen locks',
  exportPassphrase: 'Quillfeather export passphrase 5519',
};
/** Secrets the graph hands out while the test runs (tokens, TOTP secrets, signed links...). */
const handedOut: string[] = [];
const emails: string[] = [];
const called = new Set<string>();

type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions: { code: string } }[] };

async function gql(field: string, query: string, variables: Record<string, unknown> = {}, accessToken?: string): Promise<Body> {
  called.add(field);
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Body;
}

/** A query's answer, or a mutation's result out of its payload; throws on an error or a userError. */
function ok(body: Body, field: string): any {
  const answer = body.data?.[field];
  if (!answer || answer.userErrors?.length) throw new Error(`${field} failed: ${JSON.stringify(body.errors ?? answer?.userErrors)}`);
  if (!Array.isArray(answer.userErrors)) return answer;
  return payloadResultOf(answer as Record<string, unknown>);
}

const SESSION = 'session { accessToken refreshToken sessionId mfaEnrollmentRequired }';

/** Signs a new member in; roles that need MFA enroll (enrollTotp, confirmTotp). What the graph hands out is kept. */
async function signIn(organizationId: string, role: Role) {
  const member = await aSignedInMember(gateway.url, identityOrm, {
    organizationId, role, email: uniqueEmail(`${role.toLowerCase()}-quill`), displayName: `${seeded.familyName} ${role}`, password: PASSWORD, chooseOrganization: true,
  });
  emails.push(member.email);
  handedOut.push(...member.handedOut);
  for (const field of member.totpSecret ? ['login', 'enrollTotp', 'confirmTotp'] : ['login']) called.add(field);
  return member;
}

beforeAll(async () => {
  // Have I Been Pwned's range API, as a local server that knows no breached password.
  breachedPasswords = await listen((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(''), '127.0.0.1', breachedPort, 'breached passwords');
  await harness.startSubgraphs();
  gateway = await harness.startGateway({ AUTH_RATE_LIMIT_PER_MINUTE: '1000', LOG_LEVEL: 'trace' });
  identityOrm = await openDatabase({ url: stack.serviceEnv.identity.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  mail = await startMailHarness({ logger: loggers('mail-delivery') });
  temporalConnection = await Connection.connect({ address: stack.temporalAddress });
  workerOrm = await openDatabase({ url: stack.serviceEnv.worker.DATABASE_URL!, logger: createLogger({ service: 'test', level: 'silent' }) });
  incidentWorker = await startIncidentWorker(workerOrm, temporalConnection, incidentQueue);
}, 180_000);

afterAll(async () => {
  await incidentWorker?.stop();
  await workerOrm?.close();
  await temporalConnection?.close();
  await gateway.stop();
  await harness.stopSubgraphs();
  await identityOrm.close();
  await mail.close();
  await closeServer(breachedPasswords);
});

describe('logs under every mutation', () => {
  it('carry none of the PHI and secrets that went through the graph', async () => {
    const org = await anOrganization(identityOrm, { name: `Quillfeather Hospital ${randomUUID().slice(0, 6)}` });
    const owner = await signIn(org, 'ORG_OWNER');
    const staff = await signIn(org, 'CREDENTIALING_STAFF');

    // Sign-in mistakes and the MFA step of a second sign-in.
    await gql('login', 'mutation($input: LoginInput!) { login(input: $input) { loginResult { status } userErrors { code message field reason details } } }', { input: { email: owner.email, password: seeded.wrongPassword } });
    const second = ok(await gql('login', 'mutation($input: LoginInput!) { login(input: $input) { loginResult { status mfaChallenge } userErrors { code message field reason details } } }', { input: { email: owner.email, password: PASSWORD, organizationId: org } }), 'login');
    handedOut.push(second.mfaChallenge);
    await gql('verifyMfa', 'mutation($input: VerifyMfaInput!) { verifyMfa(input: $input) { sessionTokens { accessToken } userErrors { code message field reason details } } }', { input: { mfaChallenge: second.mfaChallenge, code: '000000' } });
    const verified = ok(await gql('verifyMfa', 'mutation($input: VerifyMfaInput!) { verifyMfa(input: $input) { sessionTokens { accessToken refreshToken } userErrors { code message field reason details } } }', { input: { mfaChallenge: second.mfaChallenge, code: owner.recoveryCodes[0] } }), 'verifyMfa');
    handedOut.push(verified.accessToken, verified.refreshToken);
    const refreshed = ok(await gql('refreshSession', 'mutation($t: String!) { refreshSession(refreshToken: $t) { sessionTokens { accessToken refreshToken } userErrors { code message field reason details } } }', { t: verified.refreshToken }), 'refreshSession');
    handedOut.push(refreshed.accessToken, refreshed.refreshToken);
    await gql('refreshSession', 'mutation($t: String!) { refreshSession(refreshToken: $t) { sessionTokens { accessToken } userErrors { code message field reason details } } }', { t: verified.refreshToken }); // a reuse
    const codes = ok(await gql('regenerateRecoveryCodes', 'mutation($c: String!) { regenerateRecoveryCodes(totpCode: $c) { recoveryCodes userErrors { code message field reason details } } }', { c: await generate({ secret: owner.totpSecret!, epoch: Math.floor(Date.now() / 1000) + 30 }) }, owner.accessToken), 'regenerateRecoveryCodes');
    handedOut.push(...codes);

    // Members: an invitation, its acceptance, a role change, a deactivation.
    ok(await gql('inviteMember', 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code message field reason details } } }', { input: { email: seeded.inviteeEmail, role: 'PHYSICIAN' } }, owner.accessToken), 'inviteMember');
    const invitation = { token: tokenFromMail(await mail.lastMailTo(seeded.inviteeEmail)) };
    handedOut.push(invitation.token);
    const unwanted = ok(await gql('inviteMember', 'mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id } userErrors { code message field reason details } } }', { input: { email: seeded.revokedInviteeEmail, role: 'AUDITOR' } }, owner.accessToken), 'inviteMember');
    ok(await gql('invitations', '{ invitations { nodes { id email } } }', {}, owner.accessToken), 'invitations');
    ok(await gql('revokeInvitation', 'mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id status } userErrors { code message field reason details } } }', { id: unwanted.id }, owner.accessToken), 'revokeInvitation');
    await gql('acceptInvitation', 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { loginResult { status } userErrors { code message field reason details } } }', { input: { token: `${invitation.token}x`, displayName: seeded.displayName, password: seeded.password } });
    const accepted = ok(await gql('acceptInvitation', `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { loginResult { status ${SESSION} } userErrors { code message field reason details } } }`, { input: { token: invitation.token, displayName: seeded.displayName, password: seeded.password } }), 'acceptInvitation');
    handedOut.push(accepted.session.accessToken, accepted.session.refreshToken);
    const invitee = accepted.session.accessToken as string;
    const inviteeId = ok(await gql('me', '{ me { user { id } } }', {}, invitee), 'me').user.id as string;
    ok(await gql('changePassword', 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { passwordChanged userErrors { code message field reason details } } }', { input: { currentPassword: seeded.password, newPassword: seeded.newPassword } }, invitee), 'changePassword');
    await gql('changePassword', 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { passwordChanged userErrors { code message field reason details } } }', { input: { currentPassword: seeded.wrongPassword, newPassword: seeded.newPassword } }, staff.accessToken);
    ok(await gql('requestPasswordReset', 'mutation($email: String!) { requestPasswordReset(email: $email) { accepted userErrors { code message field reason details } } }', { email: seeded.inviteeEmail }), 'requestPasswordReset');
    const resetToken = tokenFromMail(await mail.lastMailTo(seeded.inviteeEmail, 2));
    handedOut.push(resetToken);
    ok(await gql('resetPassword', 'mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { passwordReset userErrors { code message field reason details } } }', { input: { token: resetToken, newPassword: seeded.resetPassword } }), 'resetPassword');

    // Physicians and credentials, with a malformed SSN and a duplicate NPI on the way.
    const physicianInput = { givenName: seeded.givenName, familyName: seeded.familyName, npi: seeded.npi, dateOfBirth: seeded.dateOfBirth, ssn: seeded.ssn };
    await gql('createPhysician', 'mutation($input: CreatePhysicianInput!) { createPhysician(input: $input) { physician { id } userErrors { code message field reason details } } }', { input: { ...physicianInput, ssn: seeded.malformedSsn } }, staff.accessToken);
    const physician = ok(await gql('createPhysician', 'mutation($input: CreatePhysicianInput!) { createPhysician(input: $input) { physician { id ssn } userErrors { code message field reason details } } }', { input: physicianInput }, staff.accessToken), 'createPhysician');
    await gql('createPhysician', 'mutation($input: CreatePhysicianInput!) { createPhysician(input: $input) { physician { id } userErrors { code message field reason details } } }', { input: physicianInput }, staff.accessToken);
    ok(await gql('updatePhysician', 'mutation($id: ID!, $input: UpdatePhysicianInput!) { updatePhysician(id: $id, input: $input) { physician { id } userErrors { code message field reason details } } }', { id: physician.id, input: { givenName: seeded.newGivenName, ssn: seeded.newSsn, dateOfBirth: seeded.newDateOfBirth } }, staff.accessToken), 'updatePhysician');
    ok(await gql('physicians', 'query($npi: String) { physicians(filter: { npi: $npi, familyNamePrefix: "Quill" }) { nodes { id givenName familyName npi ssn dateOfBirth } } }', { npi: seeded.npi }, staff.accessToken), 'physicians');
    const credential = ok(await gql('addCredential', 'mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id number } userErrors { code message field reason details } } }', {
      input: { physicianId: physician.id, type: 'STATE_LICENSE', number: seeded.number, issuer: 'Medical Board of California', state: 'CA', issuedOn: '2020-01-01', expiresOn: '2028-01-01' },
    }, staff.accessToken), 'addCredential');
    ok(await gql('updateCredential', 'mutation($id: ID!, $input: UpdateCredentialInput!) { updateCredential(id: $id, input: $input) { credential { id } userErrors { code message field reason details } } }', { id: credential.id, input: { number: seeded.newNumber } }, staff.accessToken), 'updateCredential');
    ok(await gql('credentials', 'query($n: String) { credentials(filter: { number: $n }) { nodes { id number } } }', { n: seeded.newNumber }, staff.accessToken), 'credentials');
    ok(await gql('requestVerification', 'mutation($id: ID!) { requestVerification(credentialId: $id) { credential { id status verification { status requestedAt } } userErrors { code message field reason details } } }', { id: credential.id }, staff.accessToken), 'requestVerification');
    ok(await gql('setVerificationReviewWindow', 'mutation { setVerificationReviewWindow(hours: 48) { verificationSettings { reviewWindowHours } userErrors { code message field reason details } } }', {}, owner.accessToken), 'setVerificationReviewWindow');
    // Webhook subscriptions: their secrets are handed out once and must appear in no log.
    const hook = ok(await gql('createWebhookSubscription', 'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { webhookSubscriptionSecret { secret subscription { id } } userErrors { code message field reason details } } }', { input: { url: 'http://127.0.0.1:9/hooks', events: ['VERIFICATION_COMPLETED'] } }, owner.accessToken), 'createWebhookSubscription');
    await gql('createWebhookSubscription', 'mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { webhookSubscriptionSecret { secret } userErrors { code message field reason details } } }', { input: { url: 'https://user:pw@hooks.example.com/', events: ['VERIFICATION_COMPLETED'] } }, owner.accessToken);
    const rotatedHook = ok(await gql('rotateWebhookSecret', 'mutation($id: ID!) { rotateWebhookSecret(id: $id) { webhookSubscriptionSecret { secret } userErrors { code message field reason details } } }', { id: hook.subscription.id }, owner.accessToken), 'rotateWebhookSecret');
    handedOut.push(hook.secret, rotatedHook.secret);
    ok(await gql('webhookSubscriptions', '{ webhookSubscriptions { nodes { id url events } } }', {}, owner.accessToken), 'webhookSubscriptions');
    ok(await gql('webhookDeliveries', 'query($id: ID!) { webhookDeliveries(subscriptionId: $id) { nodes { eventId status } } }', { id: hook.subscription.id }, owner.accessToken), 'webhookDeliveries');
    ok(await gql('deleteWebhookSubscription', 'mutation($id: ID!) { deleteWebhookSubscription(id: $id) { deleted userErrors { code message field reason details } } }', { id: hook.subscription.id }, owner.accessToken), 'deleteWebhookSubscription');
    await gql('resolveVerificationReview', 'mutation($input: ResolveVerificationReviewInput!) { resolveVerificationReview(input: $input) { verificationReview { id } userErrors { code message field reason details } } }', { input: { reviewId: randomUUID(), decision: 'APPROVED', reasonCode: 'documents_confirm' } }, staff.accessToken);
    ok(await gql('setCredentialsVerificationOrganization', 'mutation { setCredentialsVerificationOrganization(actsAsCredentialsVerificationOrganization: true) { verificationSettings { actsAsCredentialsVerificationOrganization } userErrors { code message field reason details } } }', {}, owner.accessToken), 'setCredentialsVerificationOrganization');
    // Refused (the file is not ready), as a decision on an incomplete file is.
    await gql('recordCredentialingDecision', 'mutation($input: RecordCredentialingDecisionInput!) { recordCredentialingDecision(input: $input) { credentialing { status } userErrors { code message field reason details } } }', { input: { physicianId: physician.id, decision: 'APPROVED', reasonCode: 'committee_approved' } }, owner.accessToken);
    const exportedFile = ok(await gql('exportCredentialingFile', 'mutation($id: ID!) { exportCredentialingFile(physicianId: $id, format: JSON) { credentialingFileExport { url } userErrors { code message field reason details } } }', { id: physician.id }, staff.accessToken), 'exportCredentialingFile');
    handedOut.push(new URL(exportedFile.url).searchParams.get('signature')!);
    await gql('acknowledgeMonitoringAlert', 'mutation($id: ID!) { acknowledgeMonitoringAlert(id: $id, reasonCode: "reviewed") { monitoringAlert { id } userErrors { code message field reason details } } }', { id: randomUUID() }, staff.accessToken);
    const upload = ok(await gql('requestDocumentUpload', 'mutation($id: ID!) { requestDocumentUpload(input: { credentialId: $id }) { documentUpload { uploadUrl document { id } } userErrors { code message field reason details } } }', { id: credential.id }, staff.accessToken), 'requestDocumentUpload');
    handedOut.push(new URL(upload.uploadUrl).searchParams.get('signature')!);
    const local = (url: string) => `${gateway.url}${new URL(url).pathname}${new URL(url).search}`;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(`${seeded.documentMarker} ${seeded.ssn} `.repeat(10))]);
    expect((await fetch(local(upload.uploadUrl), { method: 'PUT', body: pdf })).status).toBe(200);
    const tampered = new URL(local(upload.uploadUrl));
    tampered.searchParams.set('grant', `${tampered.searchParams.get('grant')}A`);
    expect((await fetch(tampered, { method: 'PUT', body: pdf })).status).toBe(403);
    const download = ok(await gql('documentDownloadUrl', 'mutation($id: ID!) { documentDownloadUrl(documentId: $id) { documentDownload { url } userErrors { code message field reason details } } }', { id: upload.document.id }, staff.accessToken), 'documentDownloadUrl');
    handedOut.push(new URL(download.url).searchParams.get('signature')!);
    expect((await fetch(local(download.url))).status).toBe(200);
    ok(await gql('setAffiliationStatus', 'mutation($id: ID!) { setAffiliationStatus(physicianId: $id, status: INACTIVE) { physician { id } userErrors { code message field reason details } } }', { id: physician.id }, staff.accessToken), 'setAffiliationStatus');
    await gql('removeCredential', 'mutation($id: ID!) { removeCredential(id: $id) { removed userErrors { code message field reason details } } }', { id: credential.id }, staff.accessToken);

    // Audit and incidents.
    const exported = ok(await gql('exportAuditLog', 'mutation { exportAuditLog(format: JSON_LINES) { auditExport { url } userErrors { code message field reason details } } }', {}, owner.accessToken), 'exportAuditLog');
    handedOut.push(new URL(exported.url).searchParams.get('signature')!);
    ok(await gql('startAuditChainVerification', 'mutation { startAuditChainVerification { auditJob { id status } userErrors { code message field reason details } } }', {}, owner.accessToken), 'startAuditChainVerification');
    ok(await gql('startAuditExport', 'mutation { startAuditExport(format: CSV) { auditJob { id status } userErrors { code message field reason details } } }', {}, owner.accessToken), 'startAuditExport');
    ok(await gql('setAuditRetention', 'mutation { setAuditRetention(years: 8) { organizationAuditRetention { years } userErrors { code message field reason details } } }', {}, owner.accessToken), 'setAuditRetention');
    const incident = ok(await gql('declareIncident', 'mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { id } userErrors { code message field reason details } } }', {
      input: { kind: 'LOST_DEVICE', discoveredAt: new Date(Date.now() - 86_400_000).toISOString(), affectedCount: 12, actingAsBusinessAssociate: false, affectedJurisdictions: [{ jurisdiction: 'CO', affectedCount: 12 }] },
    }, owner.accessToken), 'declareIncident');
    await gql('recordIncidentNotification', 'mutation($input: RecordNotificationInput!) { recordIncidentNotification(input: $input) { incident { id } userErrors { code message field reason details } } }', { input: { incidentId: incident.id, obligation: 'STATE_REGULATOR', jurisdiction: 'CO', notifiedAt: new Date().toISOString() } }, owner.accessToken);
    ok(await gql('updateIncidentFacts', 'mutation($input: UpdateIncidentFactsInput!) { updateIncidentFacts(input: $input) { incident { id } userErrors { code message field reason details } } }', { input: { incidentId: incident.id, affectedCount: 14, affectedJurisdictions: [{ jurisdiction: 'CO', affectedCount: 14 }] } }, owner.accessToken), 'updateIncidentFacts');
    ok(await gql('applyLawEnforcementDelay', 'mutation($input: LawEnforcementDelayInput!) { applyLawEnforcementDelay(input: $input) { incident { lawEnforcementDelays { officer } } userErrors { code message field reason details } } }', {
      input: { incidentId: incident.id, kind: 'ORAL', statedAt: new Date().toISOString(), agency: 'FBI', officer: seeded.officer },
    }, owner.accessToken), 'applyLawEnforcementDelay');
    await gql('applyLawEnforcementDelay', 'mutation($input: LawEnforcementDelayInput!) { applyLawEnforcementDelay(input: $input) { incident { id } userErrors { code message field reason details } } }', {
      input: { incidentId: incident.id, kind: 'ORAL', statedAt: new Date().toISOString(), agency: `FBI ${seeded.familyName} <${seeded.ssn}>`, officer: seeded.officer },
    }, owner.accessToken); // refused: the agency is not a name
    ok(await gql('setIncidentSettings', 'mutation { setIncidentSettings(contractNoticeHours: 48, timeZone: "America/Denver") { incidentSettings { timeZone } userErrors { code message field reason details } } }', {}, owner.accessToken), 'setIncidentSettings');
    ok(await gql('setSecurityAlertSettings', 'mutation { setSecurityAlertSettings(settings: { denialThreshold: 40, workingDays: [1, 2, 3, 4, 5, 6] }) { securityAlertSettings { denialThreshold } userErrors { code message field reason details } } }', {}, owner.accessToken), 'setSecurityAlertSettings');
    await gql('acknowledgeSecurityAlert', 'mutation($id: ID!) { acknowledgeSecurityAlert(id: $id, reason: FALSE_POSITIVE) { securityAlert { id } userErrors { code message field reason details } } }', { id: randomUUID() }, owner.accessToken); // refused: no such alert
    ok(await gql('submitRiskAssessment', 'mutation($input: RiskAssessmentInput!) { submitRiskAssessment(input: $input) { incident { id } userErrors { code message field reason details } } }', {
      input: { incidentId: incident.id, phiNature: 'CLINICAL', recipient: 'UNKNOWN', acquisition: 'UNDETERMINED', mitigation: 'NOT_MITIGATED', conclusion: 'NOT_LOW_PROBABILITY' },
    }, owner.accessToken), 'submitRiskAssessment');
    ok(await gql('closeIncident', 'mutation($id: ID!) { closeIncident(id: $id) { incident { id } userErrors { code message field reason details } } }', { id: incident.id }, owner.accessToken), 'closeIncident');
    ok(await gql('writePostIncidentReview', 'mutation($input: PostIncidentReviewInput!) { writePostIncidentReview(input: $input) { incident { id } userErrors { code message field reason details } } }', { input: { incidentId: incident.id, rootCause: 'HUMAN_ERROR', summary: seeded.reviewSummary } }, owner.accessToken), 'writePostIncidentReview');
    await gql('writePostIncidentReview', 'mutation($input: PostIncidentReviewInput!) { writePostIncidentReview(input: $input) { incident { id } userErrors { code message field reason details } } }', { input: { incidentId: incident.id, rootCause: 'HUMAN_ERROR', summary: `${seeded.familyName}, SSN ${seeded.ssn}` } }, owner.accessToken); // refused: looks like PHI
    const reviewed = ok(await gql('addRemediationItem', 'mutation($input: RemediationItemInput!) { addRemediationItem(input: $input) { incident { review { remediations { id } } } userErrors { code message field reason details } } }', { input: { incidentId: incident.id, title: seeded.remediationTitle, ownerId: owner.userId, dueOn: '2027-01-31' } }, owner.accessToken), 'addRemediationItem');
    ok(await gql('completeRemediationItem', 'mutation($id: ID!) { completeRemediationItem(id: $id) { incident { id } userErrors { code message field reason details } } }', { id: reviewed.review.remediations[0].id }, owner.accessToken), 'completeRemediationItem');
    const reviewPdf = ok(await gql('exportPostIncidentReview', 'mutation($id: ID!) { exportPostIncidentReview(incidentId: $id) { postIncidentReviewPdf { url } userErrors { code message field reason details } } }', { id: incident.id }, owner.accessToken), 'exportPostIncidentReview');
    handedOut.push(new URL(reviewPdf.url).searchParams.get('signature')!);

    // Organizations, from a platform administrator; then moving between them, and signing out.
    const admin = await signIn(PLATFORM_ORGANIZATION_ID, 'PLATFORM_ADMIN');
    const created = ok(await gql('createOrganization', 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organizationCreation { organization { id } ownerInvitation { id } } userErrors { code message field reason details } } }', { input: { name: `Quillfeather Clinic ${randomUUID().slice(0, 6)}`, ownerEmail: seeded.ownerEmail } }, admin.accessToken), 'createOrganization');
    handedOut.push(tokenFromMail(await mail.lastMailTo(seeded.ownerEmail)));
    await aMember(identityOrm, { organizationId: created.organization.id, email: staff.email, displayName: 'x', password: PASSWORD, role: 'CREDENTIALING_STAFF' });
    const switched = ok(await gql('switchOrganization', 'mutation($id: ID!) { switchOrganization(organizationId: $id) { sessionTokens { accessToken refreshToken } userErrors { code message field reason details } } }', { id: created.organization.id }, staff.accessToken), 'switchOrganization');
    handedOut.push(switched.accessToken, switched.refreshToken);
    ok(await gql('changeMemberRole', 'mutation($id: ID!) { changeMemberRole(userId: $id, role: AUDITOR) { membership { role } userErrors { code message field reason details } } }', { id: inviteeId }, owner.accessToken), 'changeMemberRole');
    ok(await gql('deactivateMember', 'mutation($id: ID!) { deactivateMember(userId: $id) { membership { status } userErrors { code message field reason details } } }', { id: inviteeId }, owner.accessToken), 'deactivateMember');
    ok(await gql('logoutEverywhere', 'mutation { logoutEverywhere { sessionsEnded userErrors { code message field reason details } } }', {}, admin.accessToken), 'logoutEverywhere');
    ok(await gql('logout', 'mutation { logout { signedOut userErrors { code message field reason details } } }', {}, switched.accessToken), 'logout');
    const fresh = await signIn(PLATFORM_ORGANIZATION_ID, 'PLATFORM_ADMIN');
    ok(await gql('terminateOrganization', 'mutation($id: ID!) { terminateOrganization(organizationId: $id, reason: "contract_ended") { organizationOffboarding { status } userErrors { code message field reason details } } }', { id: created.organization.id }, fresh.accessToken), 'terminateOrganization');
    await gql('reinstateOrganization', 'mutation($id: ID!) { reinstateOrganization(organizationId: $id) { organizationOffboarding { status } userErrors { code message field reason details } } }', { id: org }, fresh.accessToken); // not terminated
    const support = ok(await gql('requestSupportAccess', 'mutation($id: ID!) { requestSupportAccess(organizationId: $id, reason: "verification_stuck", ticket: "SUP-1234", durationMinutes: 30) { supportAccessSession { grant { id } session { accessToken refreshToken } } userErrors { code message field reason details } } }', { id: org }, fresh.accessToken), 'requestSupportAccess');
    handedOut.push(support.session.accessToken, support.session.refreshToken);
    ok(await gql('endSupportAccess', 'mutation($id: ID!) { endSupportAccess(grantId: $id) { supportAccessGrant { active } userErrors { code message field reason details } } }', { id: support.grant.id }, owner.accessToken), 'endSupportAccess');
    // The passphrase of a data export goes through (and is refused: the organization is not terminated).
    const organizationExport = await gql('exportOrganizationData', 'mutation($input: ExportOrganizationDataInput!) { exportOrganizationData(input: $input) { organizationExport { id } userErrors { code message field reason details } } }', { input: { passphrase: seeded.exportPassphrase } }, owner.accessToken);
    expect(refusalCodeOf(organizationExport)).toBe('ORGANIZATION_NOT_TERMINATED');

    // Every mutation the graph has was called.
    const supergraph = parse(readFileSync(SUPERGRAPH_PATH, 'utf8'));
    const mutation = supergraph.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation')!;
    expect(mutation.fields!.map((field) => field.name.value).filter((name) => !called.has(name))).toEqual([]);

    // Logs were written (at trace, plenty), and none holds what went through.
    const everything = [...Object.values(seeded), ...handedOut, ...emails].filter((value) => typeof value === 'string' && value.length >= 8);
    expect(handedOut.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const [service, lines] of logs) {
      expect({ service, lines: lines.length > 0 }).toEqual({ service, lines: true });
      for (const line of lines) {
        for (const value of everything) if (line.includes(value) || line.includes(JSON.stringify(value).slice(1, -1))) leaks.push(`${service}: ${value} in ${line.slice(0, 400)}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
