// Viewer.permissions through the identity subgraph (signed contexts, as from the gateway, on the
// test PostgreSQL): what each kind of caller is told it may do is what the permission matrix
// lets it do, a token that may only enroll in MFA included.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Caller } from '../../platform/caller.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase, type MikroORM } from '../../platform/database/orm.ts';
import { closeServer, listen } from '../../platform/http.ts';
import { createLogger } from '../../platform/logger.ts';
import { OPERATIONS, refusal, type Operation } from '../../platform/permissions.ts';
import { createLocalStorage } from '../../platform/storage.ts';
import { createSubgraphApp } from '../../platform/subgraph-server.ts';
import { freePort } from '../../stack/ports.ts';
import { anAddressOfItsOwn } from '../../test/support/addresses.ts';
import { anOrganization, identitySessions } from '../../test/support/factories.ts';
import { testStack } from '../../test/support/stack.ts';
import { subgraphClient } from '../../test/support/subgraph-client.ts';
import { createIdentitySubgraph } from './subgraph.ts';

const stack = testStack();
const logger = createLogger({ service: 'test', level: 'silent' });
let server: Server;
let orm: MikroORM;
let call: ReturnType<typeof subgraphClient>;
let organizationId: string;
let closeDefinition: (() => Promise<void>) | undefined;

const { signedIn, member, enrolledMember } = identitySessions(() => ({ call, orm }), { anonymousAddress: anAddressOfItsOwn, memberAddress: anAddressOfItsOwn });

const EVERY_OPERATION = Object.keys(OPERATIONS) as Operation[];

async function permissionsOf(caller: Caller): Promise<{ permissions: string[]; mfaEnrollmentRequired: boolean }> {
  const result = await call<{ me: { permissions: string[]; mfaEnrollmentRequired: boolean } }>(caller, '{ me { permissions mfaEnrollmentRequired } }');
  if (!result.data?.me) throw new Error(`me failed: ${JSON.stringify(result.errors)}`);
  return result.data.me;
}

beforeAll(async () => {
  const config = loadConfig('identity', { ...stack.serviceEnv.identity, NODE_ENV: 'test' });
  orm = await openDatabase({ url: config.databaseUrl, logger });
  const deps = { config, logger, orm, storage: createLocalStorage(config.downloads.storageDir) };
  const definition = await createIdentitySubgraph(deps);
  const { app } = await createSubgraphApp(deps, definition);
  const port = await freePort();
  server = await listen(app, '127.0.0.1', port, 'identity');
  call = subgraphClient(`http://127.0.0.1:${port}/graphql`, 'identity');
  organizationId = await anOrganization(orm, { name: 'Permissions Hospital' });
  closeDefinition = definition.close;
});

afterAll(async () => {
  await closeServer(server);
  await closeDefinition?.();
  await orm.close();
});

describe('Viewer.permissions', () => {
  it('tells credentialing staff they may manage credentials and review verifications, not members or the audit log', async () => {
    const { email, userId } = await member(organizationId, 'CREDENTIALING_STAFF');
    const { caller } = await signedIn(email, userId);
    const { permissions } = await permissionsOf(caller);
    expect(permissions).toEqual(expect.arrayContaining(['credential.manage', 'verification.review', 'physician.create', 'session.self']));
    expect(permissions).not.toContain('members.manage');
    expect(permissions).not.toContain('audit.read');
    expect(permissions).not.toContain('organization.create');
  });

  it('tells an owner with MFA it may manage members and audit retention, not read SSNs nor create organizations', async () => {
    const { caller } = await enrolledMember(organizationId, 'ORG_OWNER');
    const { permissions, mfaEnrollmentRequired } = await permissionsOf(caller);
    expect(mfaEnrollmentRequired).toBe(false);
    expect(permissions).toEqual(expect.arrayContaining(['members.manage', 'members.read', 'audit.retention.manage', 'incident.manage']));
    expect(permissions).not.toContain('physician.protected.read');
    expect(permissions).not.toContain('organization.create');
  });

  it('gives a token that may only enroll in MFA only what it may do before enrolling', async () => {
    const { email, userId } = await member(organizationId, 'ORG_OWNER');
    const { caller } = await signedIn(email, userId);
    const { permissions, mfaEnrollmentRequired } = await permissionsOf(caller);
    expect(mfaEnrollmentRequired).toBe(true);
    expect(permissions).toContain('session.self');
    expect(permissions).not.toContain('members.manage');
    expect(permissions).not.toContain('organization.read');
    // Exactly the operations open to any signed-in caller: nothing that needs a role.
    expect(permissions).toEqual(EVERY_OPERATION.filter((operation) => !Array.isArray(OPERATIONS[operation])));
  });

  it('lists, for every role, exactly the operations of the matrix that the role may perform, in the matrix\'s order', async () => {
    const callers: [string, Caller][] = [];
    for (const role of ['PHYSICIAN', 'AUDITOR', 'INCIDENT_RESPONDER', 'CREDENTIALING_STAFF'] as const) {
      const { email, userId } = await member(organizationId, role);
      callers.push([role, (await signedIn(email, userId)).caller]);
    }
    callers.push(['ORG_ADMIN', (await enrolledMember(organizationId, 'ORG_ADMIN')).caller]);
    for (const [role, caller] of callers) {
      const { permissions } = await permissionsOf(caller);
      expect(permissions.every((name) => name in OPERATIONS)).toBe(true);
      expect({ role, permissions }).toEqual({ role, permissions: EVERY_OPERATION.filter((operation) => refusal(caller, operation) === null) });
    }
    const physician = (await permissionsOf(callers[0]![1])).permissions;
    expect(physician).toEqual(expect.arrayContaining(['credential.manage', 'physician.protected.read']));
    expect(physician).not.toContain('verification.review');
  });
});
