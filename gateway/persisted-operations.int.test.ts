// Registered operations at the real gateway, as Apollo's persisted-query link uses them: where
// they are not required, an unknown id answers PERSISTED_QUERY_NOT_FOUND and the id sent again
// with the text runs the text once the id is checked; where they are required, only the manifest's
// operations run. The manifest file is read again when it changes, and a broken one never
// replaces the one in force.
import { createHash } from 'node:crypto';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../platform/logger.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { until } from '../test/support/verification.ts';
import { refusalCodeOf } from '../test/support/factories.ts';

const logLines: { level: string; msg: string; err?: { message: string } }[] = [];
const gatewayLogger = createLogger({ service: 'gateway', level: 'info', destination: { write: (line: string) => void logLines.push(JSON.parse(line)) } });
const harness = gatewayHarness({ loggers: (service) => (service === 'gateway' ? gatewayLogger : createLogger({ service, level: 'silent' })) });
const { startGateway } = harness;
type Gateway = Awaited<ReturnType<typeof startGateway>>;
type Answer = { status: number; body: { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const REGISTERED = 'query PasswordRules { passwordPolicy { minLength } }';
const UNREGISTERED = 'query PasswordStrength { passwordPolicy { minStrengthScore } }';
const RULES = { data: { passwordPolicy: { minLength: 12 } } };
const STRENGTH = { data: { passwordPolicy: { minStrengthScore: 3 } } };

function manifestOf(...bodies: string[]): string {
  return JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: bodies.map((body) => ({ id: sha256(body), type: 'query', body })) });
}

function aManifestFile(...bodies: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'credence-manifest-')), 'persisted-query-manifest.json');
  writeFileSync(path, manifestOf(...bodies));
  return path;
}

async function post(gateway: Gateway, payload: unknown): Promise<Answer> {
  const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}
/** The request shape of Apollo's persisted-query link: the id, and on its retry the text too. */
const byHash = (hash: string, query?: string) => ({ ...(query !== undefined ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
const codeOf = (answer: Answer) => refusalCodeOf(answer.body);

beforeAll(() => harness.startSubgraphs());
afterAll(() => harness.stopSubgraphs());

describe('where registered operations are not required (PERSISTED_OPERATIONS=off)', () => {
  let gateway: Gateway;
  let withoutManifest: Gateway;
  beforeAll(async () => {
    gateway = await startGateway({ NODE_ENV: 'development', PERSISTED_OPERATIONS: 'off', PERSISTED_OPERATIONS_FILE: aManifestFile(REGISTERED) });
    withoutManifest = await startGateway({ NODE_ENV: 'development', PERSISTED_OPERATIONS: 'off' });
  });
  afterAll(async () => {
    await gateway.stop();
    await withoutManifest.stop();
  });

  it('runs a registered operation by its id alone, in either protocol', async () => {
    expect((await post(gateway, byHash(sha256(REGISTERED)))).body).toEqual(RULES);
    expect((await post(gateway, { documentId: `sha256:${sha256(REGISTERED)}` })).body).toEqual(RULES);
  });

  it('answers an unknown id alone with PERSISTED_QUERY_NOT_FOUND, then runs the text sent with that id, as the link falls back', async () => {
    for (const target of [gateway, withoutManifest]) {
      const first = await post(target, byHash(sha256(UNREGISTERED)));
      expect(first.status).toBe(400);
      expect(codeOf(first)).toBe('PERSISTED_QUERY_NOT_FOUND');
      const retry = await post(target, byHash(sha256(UNREGISTERED), UNREGISTERED));
      expect(retry).toEqual({ status: 200, body: STRENGTH });
    }
    expect((await post(gateway, { query: UNREGISTERED, documentId: `sha256:${sha256(UNREGISTERED)}` })).body).toEqual(STRENGTH);
  });

  it('refuses text sent with an id that is not its SHA-256, whatever that id names', async () => {
    for (const id of [sha256(REGISTERED), sha256(`${UNREGISTERED} `), 'f'.repeat(64)]) {
      const answer = await post(gateway, byHash(id, UNREGISTERED));
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errors: [{ message: 'The operation id sent with the operation text is not the SHA-256 of that text', extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } }] });
    }
    expect(codeOf(await post(gateway, { query: UNREGISTERED, documentId: `sha256:${sha256(REGISTERED)}` }))).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('runs text sent alone', async () => {
    expect((await post(gateway, { query: UNREGISTERED })).body).toEqual(STRENGTH);
  });
});

describe('where registered operations are required (PERSISTED_OPERATIONS=required)', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway({ NODE_ENV: 'production', SECURITY_CONTACT: 'mailto:security@example.org', PERSISTED_OPERATIONS: 'required', PERSISTED_OPERATIONS_FILE: aManifestFile(REGISTERED) });
  });
  afterAll(() => gateway.stop());

  it('does not fall back to text sent with an unknown id, even when the id is its SHA-256', async () => {
    const answer = await post(gateway, byHash(sha256(UNREGISTERED), UNREGISTERED));
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('runs the registered operation of an id, never the text sent with it', async () => {
    expect((await post(gateway, byHash(sha256(REGISTERED), UNREGISTERED))).body).toEqual(RULES);
  });

  it('refuses text sent alone', async () => {
    expect(codeOf(await post(gateway, { query: REGISTERED }))).toBe('PERSISTED_QUERY_REQUIRED');
  });
});

describe('a manifest file that changes', () => {
  let gateway: Gateway;
  let manifest: string;
  beforeAll(async () => {
    manifest = aManifestFile(REGISTERED);
    gateway = await startGateway({ NODE_ENV: 'production', SECURITY_CONTACT: 'mailto:security@example.org', PERSISTED_OPERATIONS: 'required', PERSISTED_OPERATIONS_FILE: manifest });
  });
  afterAll(() => gateway.stop());

  const runs = async (body: string) => {
    const answer = await post(gateway, byHash(sha256(body)));
    return answer.status === 200 && !answer.body.errors ? answer.body : null;
  };

  it('is read again: an operation added to the file runs without a restart', async () => {
    expect(codeOf(await post(gateway, byHash(sha256(UNREGISTERED))))).toBe('PERSISTED_QUERY_NOT_FOUND');
    writeFileSync(manifest, manifestOf(REGISTERED, UNREGISTERED));
    expect(await until('the added operation to run', () => runs(UNREGISTERED), 15_000)).toEqual(STRENGTH);
    expect(await runs(REGISTERED)).toEqual(RULES);
  });

  it('is read again when replaced by another file, as a deployment renames one into place', async () => {
    const other = `${manifest}.new`;
    const third = 'query PasswordPolicyBoth { passwordPolicy { minLength minStrengthScore } }';
    writeFileSync(other, manifestOf(REGISTERED, UNREGISTERED, third));
    renameSync(other, manifest);
    expect(await until('the third operation to run', () => runs(third), 15_000)).toEqual({ data: { passwordPolicy: { minLength: 12, minStrengthScore: 3 } } });
  });

  it('that breaks is logged, and the operations in force still run', async () => {
    const before = logLines.length;
    writeFileSync(manifest, '{"format": "apollo-persisted-query-manifest", "version": 1, "operations": [');
    const logged = await until('the broken manifest to be logged', async () => {
      await post(gateway, byHash(sha256(REGISTERED)));
      return logLines.slice(before).find((line) => line.level === 'error');
    }, 15_000);
    expect(logged.msg).toBe('persisted operations manifest changed but does not load: the previous one stays in force');
    expect(logged.err?.message).toMatch(/is not readable JSON/);
    expect(await runs(REGISTERED)).toEqual(RULES);
    expect(await runs(UNREGISTERED)).toEqual(STRENGTH);

    writeFileSync(manifest, manifestOf(REGISTERED).replace(sha256(REGISTERED), 'f'.repeat(64)));
    await until('the manifest with a wrong id to be logged', async () => {
      await post(gateway, byHash(sha256(REGISTERED)));
      return logLines.slice(before).find((line) => line.level === 'error' && /not the SHA-256 of its body/.test(line.err?.message ?? ''));
    }, 15_000);
    expect(await runs(UNREGISTERED)).toEqual(STRENGTH);
    expect(logLines.slice(before).filter((line) => line.level === 'error')).toHaveLength(2); // each broken version once, not on every look
  });
});
