// Identity benchmarks, in one run on one embedded PostgreSQL, with the identity subgraph started
// through its production entry point:
//   sign-in latency (median, p95) of sequential `login` mutations (signed contexts, as from the
//   gateway) for a seeded member, and for unknown emails, which pay for a dummy argon2
//   verification and must answer in comparable time; the raw argon2 verify time with
//   ARGON2_PARAMETERS for reference;
//   access-token verifications per second at the gateway: the gateway's verifier with identity's
//   JWKS and revocation list (keys cached after a warm-up), one call at a time and 16 in flight,
//   the same token again as a client sends it (verified once, its session checked each time), and
//   with no token kept, as for a token not seen before (its signature checked each time);
//   requests per second through the gateway (its production entry point, autocannon): a public
//   field anonymously and with a bearer token (the difference is what authentication costs), and
//   `{ me { role } }` with a bearer token.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createAccessTokenVerifier } from '../gateway/access-tokens.ts';
import { createSessionRevocations } from '../gateway/session-revocations.ts';
import { anonymousCaller } from '../platform/caller.ts';
import { openDatabase } from '../platform/database/orm.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { freePort } from '../stack/ports.ts';
import { publicKeyOf } from '../stack/secrets.ts';
import { startService, type RunningService } from '../stack/services.ts';
import { ARGON2_PARAMETERS, hashPassword, verifyPassword } from '../subgraphs/identity/passwords.ts';
import { aMember, anOrganization } from '../test/support/factories.ts';
import { subgraphClient } from '../test/support/subgraph-client.ts';
import { benchLogger, latency, SERVICE_PASSWORDS, withBenchDatabase, writeResults } from './support.ts';

const LOGIN_ATTEMPTS = Number(process.env.BENCH_LOGIN_ATTEMPTS ?? 40);
const ARGON2_SAMPLES = Number(process.env.BENCH_ARGON2_SAMPLES ?? 40);
const VERIFY_SECONDS = Number(process.env.BENCH_VERIFY_SECONDS ?? 3);
const VERIFY_CONCURRENCY = 16;
const GATEWAY_SECONDS = Number(process.env.BENCH_IDENTITY_GATEWAY_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 16);

const PASSWORD = 'correct horse battery staple 42!';
const WRONG_PASSWORD = 'not the password at all 1';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { loginResult { status session { accessToken sessionId role } } } }';
const PUBLIC_QUERY = '{ passwordPolicy { minLength } }';
const ME_QUERY = '{ me { role } }';

interface LoginData { login: { loginResult: { status: string; session: { accessToken: string; sessionId: string; role: string } | null } | null } | null }
interface GatewayRow { name: string; requestsPerSecond: number; p50: number; p99: number; errors: number }

const ms = (value: number) => value.toFixed(1).padStart(8);

await withBenchDatabase(async (postgres) => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-bench-identity-'));
  // The gateway (and this bench, playing it) alone signs caller contexts; identity gets the public key.
  const contextKey = generateKeyPairSync('ed25519');
  const contextSigningKey = contextKey.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const common = {
    NODE_ENV: 'production', LOG_LEVEL: 'warn', CONTEXT_PUBLIC_KEYS: publicKeyOf(contextSigningKey), SECURITY_CONTACT: 'mailto:bench@example.org',
    STORAGE_DIR: join(dir, 'storage'), URL_SIGNING_SECRET: randomBytes(32).toString('base64'),
  };
  const identityDatabaseUrl = postgres.serviceUrl(SERVICE_DATABASE_ROLES.identity, SERVICE_PASSWORDS.identity);
  const identityPort = await freePort();
  const identityUrl = `http://127.0.0.1:${identityPort}/graphql`;
  const services: RunningService[] = [];
  try {
    services.push(await startService({
      name: 'identity', logFile: join(dir, 'identity.log'),
      env: {
        ...common, PORT: String(identityPort), DATABASE_URL: identityDatabaseUrl, KEY_ENCRYPTION_KEYS: randomBytes(32).toString('base64'),
        TOKEN_SIGNING_KEYS: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
        // Sign-in never checks for breached passwords; should anything try, it stays on this machine.
        BREACHED_PASSWORDS_URL: `http://127.0.0.1:${await freePort()}`,
      },
    }));

    // A physician (no MFA: login answers with tokens), seeded as the bootstrap does.
    const orm = await openDatabase({ url: identityDatabaseUrl, logger: benchLogger });
    const organizationId = await anOrganization(orm, { name: 'Bench Hospital' });
    const email = 'physician@bench.example.org';
    await aMember(orm, { organizationId, email, displayName: 'Bench Physician', password: PASSWORD, role: 'PHYSICIAN' });
    await orm.close();

    // Sign-in latency. Unknown emails are fresh every time and their source addresses rotate, so
    // the lockout counters (per account, per IP) never come near a limit.
    const call = subgraphClient(identityUrl, 'identity', contextKey.privateKey);
    let accessToken = '';
    let sessionId = '';
    const timedLogin = async (who: string, password: string, sourceIp: string) => {
      const started = performance.now();
      const result = await call<LoginData>(anonymousCaller(randomUUID(), sourceIp), LOGIN, { input: { email: who, password } });
      return { millis: performance.now() - started, result };
    };
    const knownLogin = async (i: number) => {
      const { millis, result } = await timedLogin(email, PASSWORD, `203.0.113.${(i % 250) + 1}`);
      const session = result.data?.login?.loginResult?.session;
      if (result.data?.login?.loginResult?.status !== 'AUTHENTICATED' || !session) throw new Error(`login failed: ${JSON.stringify(result.errors ?? result.data)}`);
      ({ accessToken, sessionId } = session);
      return millis;
    };
    const unknownLogin = async (i: number) => {
      const { millis, result } = await timedLogin(`unknown-${i}-${randomUUID().slice(0, 8)}@bench.example.org`, WRONG_PASSWORD, `198.51.100.${(i % 250) + 1}`);
      const code = result.errors?.[0]?.extensions.code;
      if (code !== 'UNAUTHENTICATED') throw new Error(`an unknown email was not refused as expected: ${JSON.stringify(result.errors ?? result.data)}`);
      return millis;
    };
    process.stderr.write(`  login: ${LOGIN_ATTEMPTS} known and ${LOGIN_ATTEMPTS} unknown, interleaved, one at a time\n`);
    for (let i = 0; i < 3; i += 1) {
      await knownLogin(i); // warm-up (and the first unknown email makes identity's dummy hash)
      await unknownLogin(i);
    }
    const knownMillis: number[] = [];
    const unknownMillis: number[] = [];
    for (let i = 0; i < LOGIN_ATTEMPTS; i += 1) {
      knownMillis.push(await knownLogin(i));
      unknownMillis.push(await unknownLogin(i));
    }
    const known = latency(knownMillis);
    const unknown = latency(unknownMillis);

    // argon2 alone, here, with the same parameters.
    const passwordHash = await hashPassword(PASSWORD);
    const argon2Millis: number[] = [];
    for (let i = 0; i < ARGON2_SAMPLES + 2; i += 1) {
      const started = performance.now();
      if (!(await verifyPassword(passwordHash, PASSWORD))) throw new Error('argon2 verification failed');
      if (i >= 2) argon2Millis.push(performance.now() - started);
    }
    const argon2 = latency(argon2Millis);

    // The gateway's verifier, fed by identity's JWKS and revocation list.
    const revocations = createSessionRevocations({ identityUrl, contextSigningKey: contextKey.privateKey, pollIntervalMs: 2_000, logger: benchLogger });
    await revocations.start();
    if (revocations.stats().successfulPolls !== 1) throw new Error('the revocation list could not be fetched from identity');
    const jwksUrl = new URL('/.well-known/jwks.json', identityUrl).href;
    const verifier = createAccessTokenVerifier({ jwksUrl, revocations, logger: benchLogger });
    // The same checks with no token kept: the cost of a token the gateway has not seen before.
    const unkept = createAccessTokenVerifier({ jwksUrl, revocations, logger: benchLogger, verifiedTokens: 0 });
    const authorization = `Bearer ${accessToken}`;
    const request = { requestId: randomUUID(), sourceIp: '127.0.0.1' };
    let verified: { perSecond: number; calls: number }[];
    try {
      const caller = await verifier.verify(authorization, request);
      if (caller.sessionId !== sessionId || caller.role !== 'PHYSICIAN') throw new Error(`the token named someone else: ${JSON.stringify(caller)}`);
      for (let i = 0; i < 1_000; i += 1) await verifier.verify(authorization, request); // warm-up
      const rate = async (concurrency: number, using = verifier) => {
        process.stderr.write(`  verify(): ${VERIFY_SECONDS} s with ${concurrency} in flight\n`);
        let calls = 0;
        const started = performance.now();
        const deadline = started + VERIFY_SECONDS * 1000;
        await Promise.all(Array.from({ length: concurrency }, async () => {
          while (performance.now() < deadline) {
            await using.verify(authorization, request);
            calls += 1;
          }
        }));
        return { calls, perSecond: calls / ((performance.now() - started) / 1000) };
      };
      verified = [await rate(1), await rate(VERIFY_CONCURRENCY), await rate(VERIFY_CONCURRENCY, unkept)];
    } finally {
      revocations.stop();
    }

    // Through a whole gateway. Only identity is started: these queries reach no other subgraph.
    const gatewayPort = await freePort();
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    services.push(await startService({
      name: 'gateway', logFile: join(dir, 'gateway.log'),
      env: {
        ...common, CONTEXT_SIGNING_KEY: contextSigningKey, DOCUMENT_GRANT_SECRET: randomBytes(32).toString('base64'), PORT: String(gatewayPort), IDENTITY_URL: identityUrl,
        CREDENTIALS_URL: `http://127.0.0.1:${await freePort()}/graphql`, AUDIT_URL: `http://127.0.0.1:${await freePort()}/graphql`,
        RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_PER_USER_PER_MINUTE: '1000000', METRICS_PORT: '0',
      },
    }));
    const scenarios: [string, string, Record<string, string>][] = [
      ['public field, anonymous', PUBLIC_QUERY, {}],
      ['public field, bearer token', PUBLIC_QUERY, { authorization }],
      ['{ me { role } }, bearer token', ME_QUERY, { authorization }],
    ];
    const gatewayRows: GatewayRow[] = [];
    for (const [name, query, extraHeaders] of scenarios) {
      const headers = { 'content-type': 'application/json', ...extraHeaders };
      const body = JSON.stringify({ query });
      const check = (await (await fetch(gatewayUrl, { method: 'POST', headers, body })).json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
      if (check.errors || !check.data) throw new Error(`${name}: ${JSON.stringify(check)}`);
      if (query === ME_QUERY && (check.data.me as { role?: string } | null)?.role !== 'PHYSICIAN') throw new Error(`${name}: ${JSON.stringify(check)}`);
      process.stderr.write(`  gateway, ${name}: ${GATEWAY_SECONDS} s with ${CONNECTIONS} connections\n`);
      const options = { url: gatewayUrl, method: 'POST' as const, headers, body, connections: CONNECTIONS };
      await autocannon({ ...options, duration: 2 }); // warm-up
      const result = await autocannon({ ...options, duration: GATEWAY_SECONDS });
      gatewayRows.push({ name, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx });
    }

    const [sequential, concurrent, unseen] = verified as [{ perSecond: number; calls: number }, { perSecond: number; calls: number }, { perSecond: number; calls: number }];
    console.log(`\nsign-in (argon2id m=${ARGON2_PARAMETERS.memoryCost} KiB, t=${ARGON2_PARAMETERS.timeCost}, p=${ARGON2_PARAMETERS.parallelism})   median ms   p95 ms   samples`);
    console.log(`login, known member                          ${ms(known.median)} ${ms(known.p95)} ${String(known.samples).padStart(9)}`);
    console.log(`login, unknown email                         ${ms(unknown.median)} ${ms(unknown.p95)} ${String(unknown.samples).padStart(9)}`);
    console.log(`argon2 verify alone                          ${ms(argon2.median)} ${ms(argon2.p95)} ${String(argon2.samples).padStart(9)}`);
    console.log(`unknown/known median: ${(unknown.median / known.median).toFixed(2)} (comparable: between 0.6 and 1.6)`);
    console.log(`\naccess token verify() at the gateway: ${Math.round(sequential.perSecond).toLocaleString()}/s one at a time, ${Math.round(concurrent.perSecond).toLocaleString()}/s with ${VERIFY_CONCURRENCY} in flight (aim >= 20,000/s); a token not seen before (its signature checked): ${Math.round(unseen.perSecond).toLocaleString()}/s with ${VERIFY_CONCURRENCY} in flight`);
    console.log('\nthrough the gateway                 req/s     p50 ms   p99 ms   errors');
    for (const row of gatewayRows) {
      console.log(`${row.name.padEnd(32)} ${row.requestsPerSecond.toFixed(0).padStart(7)} ${String(row.p50).padStart(9)} ${String(row.p99).padStart(8)} ${String(row.errors).padStart(8)}`);
    }
    const file = writeResults('identity', {
      argon2Parameters: ARGON2_PARAMETERS,
      login: { attempts: LOGIN_ATTEMPTS, knownMs: known, unknownMs: unknown, unknownToKnownMedian: unknown.median / known.median },
      argon2VerifyMs: argon2,
      accessTokenVerify: { seconds: VERIFY_SECONDS, sequential, concurrent: { ...concurrent, inFlight: VERIFY_CONCURRENCY }, notSeenBefore: { ...unseen, inFlight: VERIFY_CONCURRENCY } },
      gateway: { durationSeconds: GATEWAY_SECONDS, connections: CONNECTIONS, rows: gatewayRows },
    });
    console.log(`results: ${file}`);
  } finally {
    for (const service of services.reverse()) await service.stop();
  }
});
