// Invitations and password resets from the attacker's side: the inviter never holds the token
// (it reaches only the invited mailbox, through the outbox and a real SMTP server on loopback),
// a revoked or expired invitation is refused, a reset answers alike for every address, and the
// outbox keeps no token once a message has left it. Identity runs in-process on the test
// PostgreSQL with signed contexts, as from the gateway; the worker's delivery runs as its own role.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import type { Caller, Role } from '../../platform/caller.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, runAsCaller, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { createMailDelivery } from '../../platform/mail-outbox/delivery.ts';
import { cancelMail, enqueueMail, openOutboxSecret } from '../../platform/mail-outbox/outbox.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { anAddressOfItsOwn } from '../../test/support/addresses.ts';
import { anOrganization, IDENTITY_TOKENS, identitySessions, type IdentityTokens, uniqueEmail, refusalCodeOf } from '../../test/support/factories.ts';
import { startMailHarness, tokenFromMail, type ReceivedMail } from '../../test/support/mail.ts';
import { connectionSelection, readBothWays, type ConnectionPage } from '../../test/support/paging.ts';
import { testActivityDeps, testStack } from '../../test/support/stack.ts';
import { subgraphClient, type GraphQLResponse } from '../../test/support/subgraph-client.ts';
import { createWorker } from '../../workflows/worker.ts';
import { createIdentitySubgraph } from './subgraph.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
const PASSWORD = 'correct horse battery staple 42!';
const NEW_PASSWORD = 'a fresh violet kettle sings 7?';
const RESET_IP_LIMIT = 8;
let server: Server;
let orm: MikroORM;
let superuser: pg.Client;
let call: ReturnType<typeof subgraphClient>;
let mail: Awaited<ReturnType<typeof startMailHarness>>;
let closeDefinition: (() => Promise<void>) | undefined;
let orgA: string;
let orgB: string;

const TOKENS = IDENTITY_TOKENS;
const MAIL_DOMAIN = 'other-hospital.example.org';
const MEMBER_ADDRESS = anAddressOfItsOwn();
const { anonymous, callerOf, login, member, enrolledMember } = identitySessions(() => ({ call, orm }), {
  password: PASSWORD, emailDomain: MAIL_DOMAIN, anonymousAddress: anAddressOfItsOwn, memberAddress: () => MEMBER_ADDRESS,
});
const codeOf = (result: GraphQLResponse) => refusalCodeOf(result);
/** The session a login with this password issues, or null. */
const signIn = async (email: string, password = PASSWORD) => (await login(email, password)).data?.login?.loginResult?.session ?? null;
/** A member whose role requires MFA, fully signed in (enrolled). */
const admin = (organizationId: string, role: Role) => enrolledMember(organizationId, role, { displayName: 'Test Admin' });

const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id email role status expiresAt } userErrors { code message field reason details } } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { loginResult { status session { ${TOKENS} } } userErrors { code message field reason details } } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id status } userErrors { code message field reason details } } }`;
const REQUEST_RESET = `mutation($email: String!) { requestPasswordReset(email: $email) { accepted userErrors { code message field reason details } } }`;
const RESET = `mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { passwordReset userErrors { code message field reason details } } }`;

async function outboxRows(recipient: string) {
  const { rows } = await superuser.query(`select id, status, secret, template, attempts, last_error, organization_id from mail.outbox where recipient = $1 order by created_at`, [recipient]);
  return rows as { id: string; status: string; secret: Buffer | null; template: string; attempts: number; last_error: string | null; organization_id: string | null }[];
}

/** Everything about a message that travels outside its body and could be logged or shown on a lock screen. */
function expectNothingPersonalOutsideTheBody(message: ReceivedMail, personal: string[]) {
  const token = tokenFromMail(message);
  for (const value of [...personal, token]) expect(message.subject).not.toContain(value);
  expect(message.subject).not.toMatch(/@/);
}

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  const config = loadConfig('identity', { ...stack.serviceEnv.identity, NODE_ENV: 'test', BREACHED_PASSWORDS_URL: 'http://127.0.0.1:1' });
  orm = await openDatabase({ url: config.databaseUrl, logger });
  const definition = await createIdentitySubgraph(
    { config, logger, orm, storage: createLocalStorage(config.downloads.storageDir) },
    { resetLimits: { perAddress: { requests: 3, windowSeconds: 3600 }, perIp: { requests: RESET_IP_LIMIT, windowSeconds: 3600 } } },
  );
  const { app } = await createSubgraphApp({ config, logger, orm, storage: createLocalStorage(config.downloads.storageDir) }, definition);
  const port = await freePort();
  server = await listen(app, '127.0.0.1', port, 'identity');
  call = subgraphClient(`http://127.0.0.1:${port}/graphql`, 'identity');
  closeDefinition = definition.close;
  mail = await startMailHarness({ publicUrl: 'https://app.credence.test' });
  orgA = await anOrganization(orm, { name: 'Mail Hospital A' });
  orgB = await anOrganization(orm, { name: 'Mail Hospital B' });
});

afterAll(async () => {
  await mail.close();
  await closeServer(server);
  await closeDefinition?.();
  await orm.close();
  await superuser.end();
});

describe('invitations', () => {
  it('never returns the token to the inviter: only the invited mailbox gets it, and it is accepted from there', async () => {
    const inviter = await admin(orgA, 'ORG_ADMIN');
    const physician = uniqueEmail('dr-x', MAIL_DOMAIN);
    // The old API handed the token back; an ORG_ADMIN could then set the password of dr.x's account.
    const asked = await call(inviter.caller, `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { invitation { id token } userErrors { code message field reason details } } }`, { input: { email: physician, role: 'PHYSICIAN' } });
    expect(codeOf(asked)).toBe('GRAPHQL_VALIDATION_FAILED');
    const invited = await call<{ inviteMember: { invitation: { id: string; status: string } } }>(inviter.caller, INVITE, { input: { email: physician, role: 'PHYSICIAN' } });
    expect(invited.data?.inviteMember.invitation).toMatchObject({ email: physician, role: 'PHYSICIAN', status: 'PENDING' });

    const message = await mail.lastMailTo(physician);
    expect(message.envelopeTo).toEqual([physician]);
    expect(message.text).toContain('https://app.credence.test/accept-invitation#token=');
    expect(message.text).toContain('Mail Hospital A');
    expectNothingPersonalOutsideTheBody(message, [physician, 'Mail Hospital A', 'physician']);
    const token = tokenFromMail(message);
    expect(JSON.stringify(invited)).not.toContain(token);
    // The outbox kept the token only until delivery.
    expect(await outboxRows(physician)).toEqual([expect.objectContaining({ status: 'SENT', secret: null, template: 'invitation', organization_id: orgA })]);

    const accepted = await call<{ acceptInvitation: { loginResult: { status: string; session: IdentityTokens } } }>(anonymous(), ACCEPT, { input: { token, displayName: 'Dr X', password: PASSWORD } });
    expect(accepted.data?.acceptInvitation.loginResult).toMatchObject({ status: 'AUTHENTICATED', session: { role: 'PHYSICIAN', organizationId: orgA } });
  });

  it('lets the organization revoke a pending invitation, after which its mailed link is refused with INVITATION_REVOKED', async () => {
    const owner = await admin(orgA, 'ORG_OWNER');
    const email = uniqueEmail('revoked', MAIL_DOMAIN);
    const { id } = (await call<{ inviteMember: { invitation: { id: string } } }>(owner.caller, INVITE, { input: { email, role: 'AUDITOR' } })).data!.inviteMember.invitation;
    const token = tokenFromMail(await mail.lastMailTo(email));
    const listed = await call<{ invitations: { nodes: { id: string }[] } }>(owner.caller, `{ invitations { nodes { id email status } } }`);
    expect(listed.data?.invitations.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id, status: 'PENDING' })]));

    // Another organization's administrator cannot touch it.
    const outsider = await admin(orgB, 'ORG_OWNER');
    expect(codeOf(await call(outsider.caller, REVOKE, { id }))).toBe('NOT_FOUND');
    // A physician may not revoke (the matrix), and is recorded as refused.
    const physicianEmail = uniqueEmail('physician', MAIL_DOMAIN);
    const { userId: physicianId } = await member(orgA, 'PHYSICIAN', { email: physicianEmail, displayName: 'P' });
    expect(codeOf(await call(callerOf((await signIn(physicianEmail))!, physicianId), REVOKE, { id }))).toBe('FORBIDDEN');

    expect((await call<{ revokeInvitation: { invitation: { status: string } } }>(owner.caller, REVOKE, { id })).data?.revokeInvitation.invitation).toEqual({ id, status: 'REVOKED' });
    expect(codeOf(await call(anonymous(), ACCEPT, { input: { token, displayName: 'Someone', password: PASSWORD } }))).toBe('INVITATION_REVOKED');
    const { rows } = await superuser.query(`select reason, actor_id from audit.events where organization_id = $1 and action = 'INVITE' and resource_id = $2 order by seq`, [orgA, id]);
    expect(rows).toEqual([expect.objectContaining({ reason: 'role:auditor' }), { reason: 'revoked', actor_id: owner.userId }]);
    const after = await call<{ invitations: { nodes: { id: string }[] } }>(owner.caller, `{ invitations { nodes { id } } }`);
    expect(after.data?.invitations?.nodes.map((i) => i.id)).not.toContain(id);
  });

  it('withdraws the mail of an invitation revoked before it was sent', async () => {
    const owner = await admin(orgA, 'ORG_OWNER');
    const email = uniqueEmail('mistyped', MAIL_DOMAIN);
    const { id } = (await call<{ inviteMember: { invitation: { id: string } } }>(owner.caller, INVITE, { input: { email, role: 'PHYSICIAN' } })).data!.inviteMember.invitation;
    await call(owner.caller, REVOKE, { id });
    while ((await mail.delivery.deliverDue()).claimed > 0);
    expect(mail.server.to(email)).toEqual([]);
    expect(await outboxRows(email)).toEqual([expect.objectContaining({ status: 'CANCELLED', secret: null })]);
  });

  it('lets only an owner revoke an invitation to the owner role, and refuses an expired invitation with INVITATION_EXPIRED', async () => {
    const owner = await admin(orgB, 'ORG_OWNER');
    const administrator = await admin(orgB, 'ORG_ADMIN');
    const email = uniqueEmail('future-owner', MAIL_DOMAIN);
    const { id } = (await call<{ inviteMember: { invitation: { id: string } } }>(owner.caller, INVITE, { input: { email, role: 'ORG_OWNER' } })).data!.inviteMember.invitation;
    expect(codeOf(await call(administrator.caller, REVOKE, { id }))).toBe('FORBIDDEN');
    const token = tokenFromMail(await mail.lastMailTo(email));
    await superuser.query(`update identity.invitations set expires_at = now() - interval '1 minute' where id = $1`, [id]);
    expect(codeOf(await call(anonymous(), ACCEPT, { input: { token, displayName: 'Late', password: PASSWORD } }))).toBe('INVITATION_EXPIRED');
  });
});

describe('the list of invitations', () => {
  it('pages the pending invitations both ways, oldest first, and counts its organization\'s pending ones alone', async () => {
    const organizationId = await anOrganization(orm);
    const owner = await admin(organizationId, 'ORG_OWNER');
    const invite = async (caller: Caller) =>
      (await call<{ inviteMember: { invitation: { id: string } } }>(caller, INVITE, { input: { email: uniqueEmail('listed', MAIL_DOMAIN), role: 'AUDITOR' } })).data!.inviteMember.invitation.id;
    const pending: string[] = [];
    for (let i = 0; i < 6; i += 1) pending.push(await invite(owner.caller));
    const revoked = pending.splice(2, 1)[0]!;
    expect((await call<{ revokeInvitation: { invitation: { status: string } } }>(owner.caller, REVOKE, { id: revoked })).data?.revokeInvitation.invitation.status).toBe('REVOKED');
    await invite((await admin(orgB, 'ORG_OWNER')).caller);
    const query = `query($first: Int, $after: String, $last: Int, $before: String) {
      invitations(first: $first, after: $after, last: $last, before: $before) { ${connectionSelection('id')} totalCount } }`;
    const read = async (args: Record<string, unknown>) => {
      const result = await call<{ invitations: ConnectionPage & { totalCount: number } }>(owner.caller, query, args);
      expect(result.errors).toBeUndefined();
      return result.data!.invitations;
    };
    const { forward, firstPage } = await readBothWays(read, 2);
    expect(forward).toEqual(pending);
    expect(firstPage.totalCount).toBe(5);
  });
});

describe('password reset', () => {
  it('answers an unknown address exactly like a known one, and mails only the account, a single-use link that ends every session', async () => {
    const email = uniqueEmail('forgetful', MAIL_DOMAIN);
    const { userId } = await member(orgA, 'CREDENTIALING_STAFF', { email, displayName: 'Forgetful Person' });
    const before = (await signIn(email))!;
    const unknown = uniqueEmail('nobody', MAIL_DOMAIN);
    const known = await call(anonymous(), REQUEST_RESET, { email });
    const missing = await call(anonymous(), REQUEST_RESET, { email: unknown });
    expect(known).toEqual({ data: { requestPasswordReset: { accepted: true, userErrors: [] } } });
    expect(missing).toEqual(known);

    const message = await mail.lastMailTo(email);
    expect(message.text).toContain('https://app.credence.test/reset-password#token=');
    expectNothingPersonalOutsideTheBody(message, [email, 'Forgetful Person']);
    expect(await outboxRows(unknown)).toEqual([]);
    expect(await outboxRows(email)).toEqual([expect.objectContaining({ status: 'SENT', secret: null, template: 'password_reset', organization_id: null })]);
    const token = tokenFromMail(message);
    const { rows: stored } = await superuser.query(`select encode(token_hash, 'hex') as hash from identity.password_resets where user_id = $1`, [userId]);
    expect(JSON.stringify(stored)).not.toContain(token);

    // The policy applies, and a refused password leaves the link usable.
    const weak = await call(anonymous(), RESET, { input: { token, newPassword: 'password1234' } });
    expect(codeOf(weak)).toBe('BAD_USER_INPUT');
    expect(await call(anonymous(), RESET, { input: { token, newPassword: NEW_PASSWORD } })).toEqual({ data: { resetPassword: { passwordReset: true, userErrors: [] } } });
    expect(codeOf(await call(anonymous(), RESET, { input: { token, newPassword: `${NEW_PASSWORD} again` } }))).toBe('BAD_USER_INPUT'); // single use
    expect(codeOf(await call(callerOf(before, userId), '{ me { user { id } } }'))).toBe('UNAUTHENTICATED'); // sessions ended
    expect(await signIn(email)).toBeNull();
    expect(await signIn(email, NEW_PASSWORD)).not.toBeNull();
    const { rows } = await superuser.query(
      `select resource_type, outcome, reason from audit.events where resource_id = $1 and resource_type in ('PasswordReset', 'UserPassword') order by seq`, [userId],
    );
    expect(rows).toEqual([
      { resource_type: 'PasswordReset', outcome: 'SUCCESS', reason: 'requested' },
      { resource_type: 'UserPassword', outcome: 'SUCCESS', reason: 'reset' },
    ]);
  });

  it('sends no more than three mails an hour to one address, still answering the same, and limits one source IP', async () => {
    const email = uniqueEmail('flooded', MAIL_DOMAIN);
    await member(orgA, 'PHYSICIAN', { email, displayName: 'Flooded' });
    for (let i = 0; i < 5; i += 1) expect(await call(anonymous(), REQUEST_RESET, { email })).toEqual({ data: { requestPasswordReset: { accepted: true, userErrors: [] } } });
    expect(await outboxRows(email)).toHaveLength(3);

    const ip = anAddressOfItsOwn();
    for (let i = 0; i < RESET_IP_LIMIT; i += 1) await call(anonymous(ip), REQUEST_RESET, { email: uniqueEmail('spray', MAIL_DOMAIN) });
    const refused = await call(anonymous(ip), REQUEST_RESET, { email: uniqueEmail('spray', MAIL_DOMAIN) });
    expect(codeOf(refused)).toBe('RATE_LIMITED');

    // An IPv6 client taking a new address per request spends its /64's budget.
    const network = '2001:db8:77:1';
    for (let i = 0; i < RESET_IP_LIMIT; i += 1) await call(anonymous(`${network}::${(i + 1).toString(16)}`), REQUEST_RESET, { email: uniqueEmail('spray6', MAIL_DOMAIN) });
    expect(codeOf(await call(anonymous(`${network}:abcd::9`), REQUEST_RESET, { email: uniqueEmail('spray6', MAIL_DOMAIN) }))).toBe('RATE_LIMITED');
  });

  it('refuses a forged or expired token with the same answer', async () => {
    const email = uniqueEmail('expiring', MAIL_DOMAIN);
    const { userId } = await member(orgA, 'PHYSICIAN', { email, displayName: 'Expiring' });
    await call(anonymous(), REQUEST_RESET, { email });
    const token = tokenFromMail(await mail.lastMailTo(email));
    await superuser.query(`update identity.password_resets set expires_at = now() - interval '1 second' where user_id = $1`, [userId]);
    const expired = await call(anonymous(), RESET, { input: { token, newPassword: NEW_PASSWORD } });
    const forged = await call(anonymous(), RESET, { input: { token: 'A'.repeat(43), newPassword: NEW_PASSWORD } });
    expect(codeOf(expired)).toBe('BAD_USER_INPUT');
    expect(forged.errors?.[0]?.message).toBe(expired.errors?.[0]?.message);
    expect(await signIn(email)).not.toBeNull();
  });
});

describe('the mail outbox', () => {
  const system: Caller = { userId: null, organizationId: null, role: null, sessionId: null, requestId: randomUUID(), sourceIp: null };
  const enqueue = (recipient: string, options: { expiresAt?: Date; organizationId?: string | null } = {}) =>
    runAsCaller(orm, { ...system, organizationId: options.organizationId ?? null }, (em) =>
      enqueueMail(em, mail.encryption, { organizationId: options.organizationId ?? null, recipient, template: 'password_reset', parameters: { minutes: 30 }, secret: 'S'.repeat(43), expiresAt: options.expiresAt ?? null }));

  it('is written by identity only for the organization it acts in, and only the worker reads it', async () => {
    await expect(runAsCaller(orm, { ...system, organizationId: orgA }, (em) => em.execute(`select * from mail.outbox`))).rejects.toThrow(/permission denied/);
    await expect(runAsCaller(orm, { ...system, organizationId: orgA }, (em) =>
      enqueueMail(em, mail.encryption, { organizationId: orgB, recipient: uniqueEmail('x', MAIL_DOMAIN), template: 'password_reset', parameters: { minutes: 30 } }))).rejects.toThrow(/row-level security/);
    await expect(runAsCaller(orm, system, (em) => em.execute(`update mail.outbox set status = 'SENT'`))).rejects.toThrow(/permission denied/);
    // Withdrawing works only on the sender's own organization's messages.
    const recipient = uniqueEmail('not-yours', MAIL_DOMAIN);
    const id = await runAsCaller(orm, { ...system, organizationId: orgA }, (em) =>
      enqueueMail(em, mail.encryption, { organizationId: orgA, recipient, template: 'password_reset', parameters: { minutes: 30 } }));
    expect(await runAsCaller(orm, { ...system, organizationId: orgB }, (em) => cancelMail(em, id))).toBe(false);
    expect(await outboxRows(recipient)).toEqual([expect.objectContaining({ status: 'PENDING' })]);
  });

  it('keeps a link secret sealed in the outbox: neither the token nor anything another row opens', async () => {
    const recipient = uniqueEmail('sealed', MAIL_DOMAIN);
    const other = uniqueEmail('sealed-other', MAIL_DOMAIN);
    await enqueue(recipient);
    await enqueue(other);
    const [row] = await outboxRows(recipient);
    const [otherRow] = await outboxRows(other);
    expect(row!.secret!.includes(Buffer.from('S'.repeat(8)))).toBe(false);
    const worker = mail.workerOrm.em.fork();
    expect(await openOutboxSecret(mail.encryption, worker, row!.id, row!.secret!)).toBe('S'.repeat(43));
    // Moved onto another message (a database writer choosing whose link a mail carries), it opens nowhere.
    await expect(openOutboxSecret(mail.encryption, worker, otherRow!.id, row!.secret!)).rejects.toMatchObject({ code: 'DATA_UNREADABLE' });
    await superuser.query(`update mail.outbox set status = 'CANCELLED', secret = null where recipient = any($1)`, [[recipient, other]]);
  });

  it('delivers a message once even when two workers drain the outbox at the same time', async () => {
    const recipients = Array.from({ length: 6 }, (_, i) => uniqueEmail(`twice-${i}`, MAIL_DOMAIN));
    for (const recipient of recipients) await enqueue(recipient);
    const second = createMailDelivery({ orm: mail.workerOrm, mail: mail.mail, encryption: mail.encryption, options: { batchSize: 2 } });
    const first = createMailDelivery({ orm: mail.workerOrm, mail: mail.mail, encryption: mail.encryption, options: { batchSize: 2 } });
    const drain = async (delivery: typeof first) => {
      while ((await delivery.deliverDue()).claimed > 0);
    };
    await Promise.all([drain(first), drain(second)]);
    first.close();
    second.close();
    for (const recipient of recipients) expect(mail.server.to(recipient)).toHaveLength(1);
  });

  it('retries a temporary refusal later, gives up on a permanent one or an expired link, erasing the secret, and logs no address or token', async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const delivery = createMailDelivery({ orm: mail.workerOrm, mail: mail.mail, encryption: mail.encryption, logger: createLogger({ service: 'worker', level: 'info', destination }) });
    const drain = async () => {
      while ((await delivery.deliverDue()).claimed > 0); // every due message, whatever else is waiting
    };
    const temporary = uniqueEmail('greylisted', MAIL_DOMAIN);
    await enqueue(temporary);
    mail.server.refuse(temporary, 451);
    await drain();
    expect(await outboxRows(temporary)).toEqual([expect.objectContaining({ status: 'PENDING', attempts: 1, last_error: 'smtp_451', secret: expect.any(Buffer) })]);
    await drain();
    expect(await outboxRows(temporary)).toEqual([expect.objectContaining({ status: 'PENDING', attempts: 1 })]); // not before its next attempt time
    await superuser.query(`update mail.outbox set next_attempt_at = now() where recipient = $1`, [temporary]);
    await drain();
    expect(mail.server.to(temporary)).toHaveLength(1);
    expect(await outboxRows(temporary)).toEqual([expect.objectContaining({ status: 'SENT', attempts: 2, secret: null })]);

    const permanent = uniqueEmail('no-such-mailbox', MAIL_DOMAIN);
    await enqueue(permanent);
    mail.server.refuse(permanent, 550);
    await drain();
    expect(await outboxRows(permanent)).toEqual([expect.objectContaining({ status: 'FAILED', last_error: 'smtp_550', secret: null })]);

    const late = uniqueEmail('late', MAIL_DOMAIN);
    await enqueue(late, { expiresAt: new Date(Date.now() - 1000) });
    await drain();
    expect(await outboxRows(late)).toEqual([expect.objectContaining({ status: 'FAILED', last_error: 'expired', secret: null, attempts: 0 })]);
    expect(mail.server.to(late)).toEqual([]);
    delivery.close();

    const log = lines.join('');
    expect(log).toContain('mail delivered');
    for (const value of [temporary, permanent, late, 'S'.repeat(43), 'Reset your']) expect(log).not.toContain(value);
  });

  it('is delivered by the worker: invite, the mail-delivery workflow sends it over SMTP, the mailed token is accepted', async () => {
    const owner = await admin(orgB, 'ORG_OWNER');
    const email = uniqueEmail('via-worker', MAIL_DOMAIN);
    await call(owner.caller, INVITE, { input: { email, role: 'PHYSICIAN' } });
    const temporal = { address: stack.temporalAddress, namespace: 'default', taskQueue: `test-mail-${randomUUID()}` };
    const { worker, connection: workerConnection } = await createWorker({ temporal, deps: { ...(await testActivityDeps(mail.workerOrm)), mail: mail.mail }, logger });
    const connection = await Connection.connect({ address: stack.temporalAddress });
    try {
      const client = new Client({ connection });
      const result = await worker.runUntil(client.workflow.execute('mailDeliveryWorkflow', { taskQueue: temporal.taskQueue, workflowId: `mail-delivery:${randomUUID()}` }));
      expect((result as { sent: number }).sent).toBeGreaterThanOrEqual(1);
    } finally {
      await connection.close();
      await workerConnection.close();
    }
    const message = mail.server.to(email).at(-1)!;
    expect(message.messageId).toMatch(/@outbox\.credence>$/);
    const accepted = await call<{ acceptInvitation: { loginResult: { status: string } } }>(anonymous(), ACCEPT, { input: { token: tokenFromMail(message), displayName: 'Dr Worker', password: PASSWORD } });
    expect(accepted.data?.acceptInvitation.loginResult.status).toBe('AUTHENTICATED');
  });
});
