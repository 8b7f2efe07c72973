// The gateway's HTTP hardening, from outside: headers, CORS, security.txt, POST only, operation
// limits, the schema hidden in production, rate limits, metrics, TLS 1.3, webhooks, and a
// subgraph that is down or does not answer.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from 'selfsigned';
import { freePort } from '../stack/ports.ts';
import { anAddressOfItsOwn } from '../test/support/addresses.ts';
import { gatewayHarness } from '../test/support/gateway-harness.ts';
import { deliverWebhook, type WebhookDelivery } from '../test/support/webhooks.ts';
import { OPERATION_LIMITS } from './operation-limits.ts';
import type { WebhookEvent } from './webhooks.ts';
import { refusalCodeOf } from '../test/support/factories.ts';

const harness = gatewayHarness();
const { graphql, startGateway } = harness;
const PRODUCTION = { NODE_ENV: 'production', SECURITY_CONTACT: 'mailto:security@example.org' };
let development: Awaited<ReturnType<typeof startGateway>>;
let production: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  await harness.startSubgraphs();
  development = await startGateway({ NODE_ENV: 'development', CORS_ORIGINS: 'https://app.example.org' });
  production = await startGateway(PRODUCTION);
});

afterAll(async () => {
  await development.stop();
  await production.stop();
  await harness.stopSubgraphs();
});

describe('every response', () => {
  it.each(['/healthz', '/graphql', '/no-such-route'])('of %s carries the security headers', async (path) => {
    const response = await fetch(`${production.url}${path}`, path === '/graphql' ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' } : {});
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an unknown route with a coded JSON error', async () => {
    const response = await fetch(`${production.url}/no-such-route`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });
});

describe('CORS', () => {
  it('allows only the configured origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${development.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
    const allowed = await preflight('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('/.well-known/security.txt', () => {
  it('names the contact and an expiry (RFC 9116)', async () => {
    const text = await (await fetch(`${production.url}/.well-known/security.txt`)).text();
    expect(text).toMatch(/^Contact: mailto:security@example\.org\nExpires: \d{4}-\d{2}-\d{2}T[\d:.]+Z\n/);
    const expires = Date.parse(text.split('\n')[1]!.slice('Expires: '.length));
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThan(Date.now() + 366 * 86_400_000);
  });
});

describe('GraphQL requests', () => {
  it('are refused over GET, queries and mutations alike', async () => {
    for (const query of ['{ __typename }', 'mutation { setAuditRetention(years: 9) { organizationAuditRetention { years } userErrors { code message field reason details } } }']) {
      const response = await fetch(`${development.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('are refused when sent as a cross-site form could send them, without a preflight', async () => {
    for (const [contentType, body] of [
      ['text/plain', JSON.stringify({ query: 'mutation { logout { signedOut userErrors { code message field reason details } } }' })],
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent('mutation { logout { signedOut userErrors { code message field reason details } } }')}`],
    ]) {
      const response = await fetch(`${production.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType! }, body });
      expect(response.status).toBe(400);
      const result = (await response.json()) as { data?: unknown; errors: { extensions: { code: string; stacktrace?: unknown } }[] };
      expect(result.data).toBeUndefined();
      expect(result.errors[0]!.extensions).toEqual({ code: 'BAD_REQUEST' });
    }
  });

  it('are refused over the body size limit with the payload code and the limit', async () => {
    const response = await fetch(`${production.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(1_100_000) } }),
    });
    expect(response.status).toBe(413);
    const result = (await response.json()) as { errors: { extensions: { code: string; details?: { maxBytes: number } } }[] };
    expect(result.errors[0]!.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1024 * 1024 } });
  });

  it('are refused in batches', async () => {
    const response = await fetch(`${production.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('are refused with too many aliases, directives or tokens', async () => {
    const aliases = `{ ${Array.from({ length: OPERATION_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: passwordPolicy { minLength }`).join(' ')} }`;
    expect(refusalCodeOf((await graphql(production.url, aliases)).body)).toBe('GRAPHQL_VALIDATION_FAILED');
    const directives = `{ passwordPolicy ${'@skip(if: false) '.repeat(OPERATION_LIMITS.maxDirectives + 1)}{ minLength } }`;
    expect(refusalCodeOf((await graphql(production.url, directives)).body)).toBe('GRAPHQL_VALIDATION_FAILED');
    const tokens = `{ ${'__typename '.repeat(OPERATION_LIMITS.maxTokens)}}`;
    const tooLong = await graphql(production.url, tokens);
    expect(tooLong.status).toBe(400);
    expect(refusalCodeOf(tooLong.body)).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('are refused with too many aliases of __typename, or aliases named __typename, as with any other', async () => {
    const typenames = `{ ${Array.from({ length: 101 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    const many = await graphql(production.url, typenames);
    expect(many.status).toBe(400);
    expect(many.body.data).toBeUndefined();
    expect(refusalCodeOf(many.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    const disguised = `{ ${Array.from({ length: OPERATION_LIMITS.maxAliases + 1 }, () => `__typename: passwordPolicy { minLength }`).join(' ')} }`;
    expect(refusalCodeOf((await graphql(production.url, disguised)).body)).toBe('GRAPHQL_VALIDATION_FAILED');
    const within = `{ ${Array.from({ length: OPERATION_LIMITS.maxAliases }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect((await graphql(production.url, within)).body.data).toMatchObject({ t0: 'Query' });
  });

  it('refuse an operation type the graph does not serve as invalid, never as an internal error', async () => {
    for (const url of [production.url, development.url]) {
      const subscription = await graphql(url, 'subscription { passwordPolicy { minLength } }');
      expect(subscription.status).toBe(400);
      expect(refusalCodeOf(subscription.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect((await graphql(development.url, 'subscription { passwordPolicy { minLength } }')).body.errors?.[0]?.message).toBe('This graph has no subscription operations');
  });

  // graphql-armor's cost multiplies by a literal `first` only: a page size in a variable, or the
  // default page, counts as one record. The record limit counts them all.
  it('are refused, before any subgraph is asked, when their page sizes could return more records than one request may', async () => {
    const nested = 'query ($n: Int) { credentials(first: $n) { nodes { physician { credentials(first: $n) { nodes { id } } } } } }';
    const ask = async (n: number) => {
      const response = await fetch(`${production.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: nested, variables: { n } }) });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] } };
    };
    // A page of credentials, each with its physician's page of credentials: 1 + 1000 × (1 + 1 + 1 + 1000).
    const refused = await ask(1000);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([{
      message: `This operation could return up to 1,003,001 records; one request may return at most ${OPERATION_LIMITS.maxRecords.toLocaleString('en-US')}. Ask for smaller pages (first or last) or fewer nested lists.`,
      extensions: { code: 'BAD_USER_INPUT', details: { maxRecords: OPERATION_LIMITS.maxRecords } },
    }]);
    expect((await ask(5)).body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED'); // within the limit: on to shield, which wants a signed-in caller
    // Three levels of default pages (50 each), through fragments: 132,651 records.
    const throughFragments = `query { credentials { ...Page } }
      fragment Page on CredentialConnection { nodes { physician { credentials { nodes { physician { credentials { nodes { id } } } } } } } }`;
    expect((await graphql(production.url, throughFragments)).body.errors?.[0]?.message).toMatch(/^This operation could return up to 132,651 records;/);
    // Pages read backward count alike: three levels of the largest page, 100 each.
    const backward = 'query ($n: Int) { credentials(last: $n) { nodes { physician { credentials(last: $n) { nodes { physician { credentials(last: $n) { nodes { id } } } } } } } } }';
    const backwardResponse = await fetch(`${production.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: backward, variables: { n: 100 } }) });
    expect(((await backwardResponse.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/^This operation could return up to 1,030,301 records;/);
  });

  it('let a large page of flat records through to the permission check', async () => {
    // The largest page, 100 credentials, with their physician, user, organization and documents (counted as ten): 1,501 records at the most.
    const flat = 'query ($n: Int) { credentials(first: $n) { nodes { id physician { givenName user { displayName } affiliation { status organization { name } } } documents { id } } } }';
    const response = await fetch(`${production.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: flat, variables: { n: 100 } }) });
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('say nothing about the schema in production: no suggestions, one message for every invalid operation', async () => {
    const misspelt = await graphql(production.url, '{ passwordPolicie { minLength } }');
    const noSelection = await graphql(production.url, '{ passwordPolicy }');
    for (const result of [misspelt, noSelection]) {
      expect(result.body.errors).toEqual([{ message: 'The operation is not valid', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    }
    const helpful = await graphql(development.url, '{ passwordPolicie { minLength } }');
    expect(helpful.body.errors?.[0]?.message).toMatch(/Did you mean "passwordPolicy"/);
  });
});

describe('trusted documents', () => {
  const body = 'query PasswordRules { passwordPolicy { minLength } }';
  const id = createHash('sha256').update(body).digest('hex');
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    const manifest = join(mkdtempSync(join(tmpdir(), 'credence-manifest-')), 'persisted-operations.json');
    writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id, name: 'PasswordRules', type: 'query', body }] }));
    gateway = await startGateway({ ...PRODUCTION, PERSISTED_OPERATIONS: 'required', PERSISTED_OPERATIONS_FILE: manifest });
  });
  afterAll(() => gateway.stop());

  const post = (payload: unknown) =>
    fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { data?: unknown; errors: { extensions: { code: string } }[] } }));

  it('run a registered operation by its id, in either protocol', async () => {
    expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } })).body).toEqual({ data: { passwordPolicy: { minLength: 12 } } });
    expect((await post({ documentId: `sha256:${id}` })).body).toEqual({ data: { passwordPolicy: { minLength: 12 } } });
  });

  it('refuse any other operation, sent as text or by an unknown id', async () => {
    const raw = await post({ query: body });
    expect(raw.status).toBe(400);
    expect(raw.body.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(unknown.body.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuse a manifest whose ids are not the hashes of their operations', async () => {
    const manifest = join(mkdtempSync(join(tmpdir(), 'credence-manifest-')), 'bad.json');
    writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'f'.repeat(64), body }] }));
    await expect(startGateway({ PERSISTED_OPERATIONS: 'required', PERSISTED_OPERATIONS_FILE: manifest })).rejects.toThrow(/not the SHA-256 of its body/);
  });
});

describe('a subgraph that is down', () => {
  it('yields a partial result with an error for its fields, and the gateway keeps serving', async () => {
    const gateway = await startGateway({ CREDENTIALS_URL: `http://127.0.0.1:${await freePort()}/graphql` });
    try {
      const { status, body } = await graphql(gateway.url, '{ passwordPolicy { minLength } credentialTypes { type } }');
      expect(status).toBe(200);
      expect(body.data).toEqual({ passwordPolicy: { minLength: 12 }, credentialTypes: null });
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.path).toEqual(['credentialTypes']);
      expect((await graphql(gateway.url, '{ passwordPolicy { minLength } }')).body.data).toEqual({ passwordPolicy: { minLength: 12 } });
    } finally {
      await gateway.stop();
    }
  });
});

describe('a subgraph that does not answer', () => {
  it('yields a partial result once the subgraph time limit passes, and the gateway keeps serving', async () => {
    const port = await freePort();
    const silent = createServer(() => {}); // accepts every call and never answers
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    const gateway = await startGateway({ CREDENTIALS_URL: `http://127.0.0.1:${port}/graphql`, SUBGRAPH_TIMEOUT_MS: '300' });
    try {
      const { status, body } = await graphql(gateway.url, '{ passwordPolicy { minLength } credentialTypes { type } }');
      expect(status).toBe(200);
      expect(body.data).toEqual({ passwordPolicy: { minLength: 12 }, credentialTypes: null });
      expect(body.errors?.map((error) => error.path)).toEqual([['credentialTypes']]);
      expect((await graphql(gateway.url, '{ passwordPolicy { minLength } }')).body.data).toEqual({ passwordPolicy: { minLength: 12 } });
    } finally {
      await gateway.stop();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('/readyz', () => {
  it('asks the subgraphs once for a burst of callers, and is limited like any request', async () => {
    // Stands in for the credentials subgraph's /readyz, counting how often the gateway asks.
    let asked = 0;
    const port = await freePort();
    const subgraph = createServer((req, res) => {
      if (req.url === '/readyz') asked += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
    });
    await new Promise<void>((resolve) => subgraph.listen(port, '127.0.0.1', resolve));
    const budget = 60;
    const gateway = await startGateway({ CREDENTIALS_URL: `http://127.0.0.1:${port}/graphql`, RATE_LIMIT_PER_MINUTE: String(budget) });
    try {
      let spent = 0;
      const readyz = async () => {
        spent += 1;
        return (await fetch(`${gateway.url}/readyz`)).status;
      };
      const burst = await Promise.all(Array.from({ length: 20 }, readyz));
      expect(new Set(burst)).toEqual(new Set([503])); // no worker polls this test's task queue
      expect(asked).toBe(1);
      // A second later the answer is asked for again.
      const deadline = Date.now() + 10_000;
      while (asked < 2 && Date.now() < deadline) {
        await readyz();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(asked).toBe(2);
      let status = 0;
      while (spent <= budget && status !== 429) status = await readyz();
      expect(status).toBe(429);
    } finally {
      await gateway.stop();
      subgraph.closeAllConnections();
      await new Promise((resolve) => subgraph.close(resolve));
    }
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After beyond the budget of an address, and count the hit', async () => {
    const gateway = await startGateway({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      for (let i = 0; i < 5; i += 1) expect((await graphql(gateway.url, '{ __typename }')).status).toBe(200);
      const limited = await graphql(gateway.url, '{ __typename }');
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(limited.body).toEqual({ errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED', details: { retryAfterSeconds: retryAfter } } }] });
      expect(await gateway.metrics.registry.getSingleMetricAsString('credence_rate_limit_hits_total')).toMatch(/limit="ip"} 1/);
    } finally {
      await gateway.stop();
    }
  });
});

describe('the client address', () => {
  const budget = 5;
  const from = (url: string, forwardedFor: string) => graphql(url, '{ __typename }', { 'x-forwarded-for': forwardedFor });

  it('is never taken from the X-Forwarded-For of a client that is not a trusted proxy', async () => {
    // The gateway trusts a proxy at 192.0.2.1; this test calls it directly, from loopback.
    const gateway = await startGateway({ TRUST_PROXY: '192.0.2.1', RATE_LIMIT_PER_MINUTE: String(budget) });
    try {
      for (let i = 0; i < budget; i += 1) expect((await from(gateway.url, anAddressOfItsOwn())).status).toBe(200);
      expect((await from(gateway.url, anAddressOfItsOwn())).status).toBe(429);
    } finally {
      await gateway.stop();
    }
  });

  it('is what the trusted proxy saw, whatever the client wrote before it, and an IPv6 client spends its /64\'s budget', async () => {
    // This test is the trusted proxy (loopback): it appends the address it saw, as a load balancer does.
    const gateway = await startGateway({ TRUST_PROXY: 'loopback', RATE_LIMIT_PER_MINUTE: String(budget) });
    try {
      for (let i = 0; i < budget; i += 1) expect((await from(gateway.url, `${anAddressOfItsOwn()}, 203.0.113.50`)).status).toBe(200);
      expect((await from(gateway.url, `${anAddressOfItsOwn()}, 203.0.113.50`)).status).toBe(429);
      expect((await from(gateway.url, '203.0.113.51')).status).toBe(200); // another client has its own budget

      for (let i = 0; i < budget; i += 1) expect((await from(gateway.url, `2001:db8:7:1:${(i + 1).toString(16)}::${randomUUID().slice(0, 4)}`)).status).toBe(200);
      expect((await from(gateway.url, '2001:db8:7:1:ffff:ffff:ffff:fffe')).status).toBe(429);
      expect((await from(gateway.url, '2001:db8:7:2::1')).status).toBe(200); // the next /64 is another subscriber
    } finally {
      await gateway.stop();
    }
  });

  it('is an IP address, or the request is refused: no text of the client\'s reaches the audit log as its source IP', async () => {
    const gateway = await startGateway({ TRUST_PROXY: '1' }); // one hop too many for this test, which calls the gateway directly
    try {
      for (const forged of ['<script>alert(1)</script>', 'Jane Doe, DOB 1961-04-02', "198.51.100.7'; DROP TABLE audit_events; --"]) {
        const { status, body } = await graphql(gateway.url, 'mutation { login(input: { email: "nobody@example.org", password: "a guess of some length" }) { loginResult { status } userErrors { code message field reason details } } }', { 'x-forwarded-for': forged });
        expect(status).toBe(400);
        expect(body).toEqual({ errors: [{ message: 'X-Forwarded-For must name the client by its IP address', extensions: { code: 'BAD_USER_INPUT' } }] });
      }
    } finally {
      await gateway.stop();
    }
  });

  it('cannot be taken from anyone with TRUST_PROXY=true: the gateway does not start, and says what to set', async () => {
    await expect(startGateway({ TRUST_PROXY: 'true' })).rejects.toThrow(/TRUST_PROXY=true .* set the number of proxies in front of the gateway \(TRUST_PROXY=1 .*\) or their addresses and CIDRs/);
  });
});

describe('metrics', () => {
  it('count operations and denials, on their own port only', async () => {
    await graphql(production.url, '{ passwordPolicy { minLength } }');
    await graphql(production.url, '{ auditEvents { nodes { sequence } } }');
    const text = await production.metrics.registry.metrics();
    expect(text).toMatch(/credence_graphql_operations_total\{operation="query:passwordPolicy",outcome="success"} \d+/);
    expect(text).toMatch(/credence_shield_denials_total\{code="UNAUTHENTICATED"} \d+/);
    expect(text).toMatch(/credence_http_requests_total\{method="POST",route="\/graphql",status="200"} \d+/);
    expect((await fetch(`${production.url}/metrics`)).status).toBe(404);
  });
});

describe('TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-tls-'));
  let secure: Awaited<ReturnType<typeof startGateway>>;
  let cert: string;

  beforeAll(async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, notAfterDate: new Date(Date.now() + 86_400_000), extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    cert = pems.cert;
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
    secure = await startGateway({ TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') });
  });
  afterAll(() => secure.stop());

  it('serves HTTPS over TLS 1.3', async () => {
    const { protocol, body } = await new Promise<{ protocol: string; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${secure.url}/healthz`, { ca: cert }, (res) => {
        const protocol = (res.socket as TLSSocket).getProtocol() ?? '';
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ protocol, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(protocol).toBe('TLSv1.3');
    expect(JSON.parse(body)).toEqual({ status: 'ok' });
  });

  it('refuses a TLS 1.2 client', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: secure.port, ca: cert, maxVersion: 'TLSv1.2' }, () => {
        resolve(`connected with ${socket.getProtocol()}`);
        socket.end();
      });
      socket.on('error', (error) => resolve(`refused: ${(error as NodeJS.ErrnoException).code}`));
    });
    expect(outcome).toMatch(/^refused: ERR_SSL_(TLSV1_ALERT_PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL)/);
  });

  it('answers every request on the plain-HTTP port with a 308 to the same path over HTTPS, at PUBLIC_URL whatever the Host header says', async () => {
    const redirectPort = await freePort();
    const redirecting = await startGateway({
      TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem'), HTTP_REDIRECT_PORT: String(redirectPort), PUBLIC_URL: 'https://credence.example.org',
    });
    try {
      const plain = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
        new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
          const req = httpRequest({ host: '127.0.0.1', port: redirectPort, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
            res.resume();
            resolve({ status: res.statusCode ?? 0, location: res.headers.location });
          });
          req.on('error', reject);
          req.end(init.body);
        });
      expect(await plain('/healthz')).toEqual({ status: 308, location: 'https://credence.example.org/healthz' });
      expect(await plain('/graphql?x=1', { method: 'POST', headers: { 'content-type': 'application/json', host: 'evil.example.com' }, body: '{"query":"{ __typename }"}' }))
        .toEqual({ status: 308, location: 'https://credence.example.org/graphql?x=1' });
      expect(await plain('//evil.example.com/phish')).toEqual({ status: 308, location: 'https://credence.example.org/' });
      expect(await plain('http://evil.example.com/phish')).toEqual({ status: 308, location: 'https://credence.example.org/' });
    } finally {
      await redirecting.stop();
    }
  });
});

describe('webhooks', () => {
  const secret = new Uint8Array(Buffer.alloc(32, 4));
  const received: WebhookEvent[] = [];
  let failNext = false;
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    gateway = await startGateway(
      { WEBHOOK_SECRETS: `board-results:${Buffer.from(secret).toString('base64')}` },
      {
        webhookHandlers: {
          'board-results': async (event) => {
            if (failNext) {
              failNext = false;
              throw new Error('downstream unavailable');
            }
            received.push(event);
          },
        },
      },
    );
  });
  afterAll(() => gateway.stop());

  const deliver = (options: Omit<WebhookDelivery, 'signWith'> & { signWith?: Uint8Array } = {}) => deliverWebhook(gateway.url, { signWith: secret, ...options });

  it('accepts a signed delivery once and refuses its replay', async () => {
    const id = `msg_${randomUUID()}`;
    expect((await deliver({ id })).status).toBe(204);
    expect(received.at(-1)).toMatchObject({ source: 'board-results', id, payload: { licenseId: 'L-1', status: 'VERIFIED' } });
    const replay = await deliver({ id });
    expect(replay.status).toBe(409);
    expect(received.filter((event) => event.id === id)).toHaveLength(1);
  });

  it('refuses a forged signature, a stale or future timestamp, an unknown source and a body that is not JSON', async () => {
    expect((await deliver({ signWith: new Uint8Array(Buffer.alloc(32, 5)) })).status).toBe(401);
    expect((await deliver({ timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    expect((await deliver({ timestamp: Math.floor(Date.now() / 1000) + 301 })).status).toBe(401);
    expect((await deliver({ source: 'unknown-source' })).status).toBe(404);
    // Names every plain object answers (Object.prototype's): no source, not a crash.
    for (const source of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const refused = await deliver({ source });
      expect({ source, status: refused.status, body: await refused.json() }).toEqual({ source, status: 404, body: { errors: [{ message: 'Webhook source not found', extensions: { code: 'NOT_FOUND' } }] } });
    }
    expect((await deliver({ body: 'not json' })).status).toBe(400);
    const unsigned = await fetch(`${gateway.url}/webhooks/board-results`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(400);
  });

  it('lets the sender retry a delivery that could not be handled', async () => {
    const id = `msg_${randomUUID()}`;
    failNext = true;
    expect((await deliver({ id })).status).toBe(503);
    expect((await deliver({ id })).status).toBe(204);
  });
});
