// `npm start` end to end: the real command, on its own data directory and ports, reaches the
// ready line; the gateway answers; subgraphs refuse direct calls; a signal stops everything.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { freePort, isPortFree } from '../../stack/ports.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;
const dataDirs: string[] = [];

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function portsForStack() {
  return {
    GATEWAY_PORT: await freePort(), IDENTITY_PORT: await freePort(), CREDENTIALS_PORT: await freePort(), AUDIT_PORT: await freePort(),
    POSTGRES_PORT: await freePort(), TEMPORAL_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort(), METRICS_PORT: await freePort(),
    MAIL_SMTP_PORT: await freePort(), MAIL_WEB_PORT: await freePort(),
  };
}

function startCredence(dataDir: string, ports: Record<string, number>, extraEnv: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, ['scripts/start.ts'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', CREDENCE_DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function readyLine(started: Started, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = started.stdout().split('\n').find((l) => l.startsWith('Credence ready'));
    if (line) return line;
    if (started.child.exitCode !== null) throw new Error(`npm start exited with ${started.child.exitCode}:\n${started.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no ready line within ${timeoutMs / 1000} s:\n${started.stderr()}`);
}

function processesMentioning(text: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

async function expectNothingLeft(dataDir: string, ports: Record<string, number>) {
  expect(processesMentioning(dataDir)).toEqual([]);
  for (const port of Object.values(ports)) expect(await isPortFree(port)).toBe(true);
}

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'credence-e2e-'));
  dataDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('runs the whole stack, answers through the gateway only, and stops cleanly on SIGINT', async () => {
    const dataDir = newDataDir();
    const ports = await portsForStack();
    const first = startCredence(dataDir, ports);
    const line = await readyLine(first);
    expect(line).toMatch(
      new RegExp(`^Credence ready in [\\d.]+ s: gateway http://127\\.0\\.0\\.1:${ports.GATEWAY_PORT}/graphql · Temporal UI http://127\\.0\\.0\\.1:${ports.TEMPORAL_UI_PORT} · mail http://127\\.0\\.0\\.1:${ports.MAIL_WEB_PORT} `),
    );
    expect(first.stderr()).toContain('PostgreSQL cluster created');

    const answer = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });

    const ready = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { identity: 'ok', credentials: 'ok', audit: 'ok', temporal: 'ok', worker: 'ok' } });

    for (const port of [ports.IDENTITY_PORT, ports.CREDENTIALS_PORT, ports.AUDIT_PORT]) {
      const direct = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(direct.status).toBe(401);
    }
    expect((await fetch(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`)).status).toBe(200);

    // Development seeds a demo organization and prints its logins: one signs in through the gateway.
    const printed = first.stdout();
    const password = /Demo logins \(password for all: (\S+)\)/.exec(printed)?.[1];
    expect(password).toBeDefined();
    expect(printed).toContain('physician@demo.credence.test');
    const login = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { session { accessToken } } }', variables: { i: { email: 'physician@demo.credence.test', password } } }),
    });
    const accessToken = ((await login.json()) as { data: { login: { session: { accessToken: string } } } }).data.login.session.accessToken;
    const me = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query: '{ me { role organization { name } } }' }),
    });
    expect(await me.json()).toEqual({ data: { me: { role: 'PHYSICIAN', organization: { name: 'Demo General Hospital' } } } });

    // Mail goes to the local catcher: a password reset is mailed by the worker, read from the
    // catcher's API, and its token sets a new password.
    const graphql = async (query: string, variables: Record<string, unknown>) =>
      (await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json();
    expect(await graphql('mutation($e: String!) { requestPasswordReset(email: $e) }', { e: 'physician@demo.credence.test' })).toEqual({ data: { requestPasswordReset: true } });
    const catcher = `http://127.0.0.1:${ports.MAIL_WEB_PORT}`;
    expect((await fetch(`${catcher}/index.html`)).status).toBe(200);
    let mailed: { id: string } | undefined;
    for (const deadline = Date.now() + 60_000; !mailed && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 250))) {
      const list = (await (await fetch(`${catcher}/api/email`)).json()) as { id: string; to: { address: string }[] }[];
      mailed = list.find((m) => m.to.some((to) => to.address === 'physician@demo.credence.test'));
    }
    expect(mailed).toBeDefined();
    const message = (await (await fetch(`${catcher}/api/email/${mailed!.id}`)).json()) as { subject: string; text: string };
    expect(message.subject).toBe('Reset your Credence password');
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(message.text)?.[1];
    expect(await graphql('mutation($i: ResetPasswordInput!) { resetPassword(input: $i) }', { i: { token, newPassword: 'a fresh violet kettle sings 7?' } })).toEqual({ data: { resetPassword: true } });

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    await expectNothingLeft(dataDir, ports);

    // Warm start: the data directory is reused, not created again.
    const second = startCredence(dataDir, ports);
    await readyLine(second);
    expect(second.stderr()).not.toContain('PostgreSQL cluster created');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await expectNothingLeft(dataDir, ports);
  }, 300_000);

  it('runs in production mode over HTTPS: TLS 1.3 only, no introspection, no stack traces', async () => {
    const dataDir = newDataDir();
    const ports = await portsForStack();
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    writeFileSync(join(dataDir, 'cert.pem'), pems.cert);
    writeFileSync(join(dataDir, 'key.pem'), pems.private, { mode: 0o600 });
    const started = startCredence(dataDir, ports, {
      NODE_ENV: 'production', SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_FROM: 'Credence <no-reply@credence.test>', TLS_CERT_FILE: join(dataDir, 'cert.pem'), TLS_KEY_FILE: join(dataDir, 'key.pem') });
    const line = await readyLine(started);
    expect(line).toContain(`gateway https://127.0.0.1:${ports.GATEWAY_PORT}/graphql`);
    expect(line).not.toContain(' mail '); // no mail catcher in production: SMTP_URL is the deployment's
    expect(started.stderr()).toContain('(production)');
    expect(started.stdout()).not.toContain('Demo logins'); // no demo accounts, no passwords printed

    const post = (query: string) =>
      new Promise<{ status: number; body: string; protocol: string }>((resolve, reject) => {
        const req = httpsRequest(`https://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, { method: 'POST', ca: pems.cert, headers: { 'content-type': 'application/json' } }, (res) => {
          const protocol = (res.socket as TLSSocket).getProtocol() ?? '';
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, protocol }));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ query }));
      });
    const typename = await post('{ __typename }');
    expect([typename.protocol, JSON.parse(typename.body)]).toEqual(['TLSv1.3', { data: { __typename: 'Query' } }]);
    const introspection = await post('{ __schema { types { name } } }');
    expect(JSON.parse(introspection.body)).toEqual({ errors: [{ message: 'The operation is not valid', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    expect(introspection.body).not.toMatch(/stacktrace/);
    const tls12 = await new Promise<string>((resolve) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: ports.GATEWAY_PORT, ca: pems.cert, maxVersion: 'TLSv1.2' }, () => {
        resolve('connected');
        socket.end();
      });
      socket.on('error', () => resolve('refused'));
    });
    expect(tls12).toBe('refused');

    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    await expectNothingLeft(dataDir, ports);
  }, 180_000);

  it('stops before starting anything when a port is in use, saying which', async () => {
    const dataDir = newDataDir();
    const ports = await portsForStack();
    const blocker = createServer().listen(ports.AUDIT_PORT, '127.0.0.1');
    try {
      const started = startCredence(dataDir, ports);
      expect(await started.exited).toBe(1);
      expect(started.stderr()).toContain(`Already in use: audit port ${ports.AUDIT_PORT}`);
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('refuses a broken data directory with what to do, leaving nothing running', async () => {
    const dataDir = newDataDir();
    const ports = await portsForStack();
    mkdirSync(join(dataDir, 'postgres'), { recursive: true });
    writeFileSync(join(dataDir, 'postgres', 'stray-file'), 'not a cluster');
    const started = startCredence(dataDir, ports);
    expect(await started.exited).toBe(1);
    expect(started.stderr()).toMatch(/holds no cluster .*Delete it to start fresh/s);
    await expectNothingLeft(dataDir, ports);
  }, 60_000);
});
