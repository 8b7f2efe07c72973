// Gateway comparison, in one run over the same three subgraphs (started once, through their
// production entry points, on an embedded PostgreSQL), each gateway loaded by autocannon with the
// same authenticated query across subgraphs: a page of credentials with their physician (the
// credentials subgraph) and the physician's user account and organization (identity),
//   our gateway with authentication and shield: the production entry point, called with a
//     bearer access token of a credentialing staff member who signed in through it;
//   our gateway without shield: the same gateway and the same bearer token, with
//     graphql-shield left out (servers/gateway-without-shield.ts), so the difference is shield's
//     own cost;
//   @apollo/gateway and Hive Gateway (@graphql-hive/gateway-runtime), without authentication:
//     they verify no access token; their fetch signs the context of that same staff member for
//     every subgraph call (servers/signing-fetch.ts), the caller fixed;
//   Hive Gateway twice: as it comes, its HTTP executor merges identical subgraph queries in
//     flight by their text, so under a load of one query from one caller most requests share
//     another's subgraph calls; and with that merging off. A gateway that serves many callers
//     cannot merge that way (each call carries its own caller's context; merged, one
//     organization would get another's rows, which gateway/credentials.int.test.ts guards
//     against in ours), so the aim is measured against Hive without merging, and the merging row
//     is shown for what it is.
// Seeded through the real services: one organization, the staff member and BENCH_GATEWAY_PHYSICIANS
// (default 4) physician members (identity's bootstrap, as `npm start` seeds its demo), then,
// through our gateway with the staff member's token, a physician file linked to each physician's
// user and BENCH_GATEWAY_CREDENTIALS credentials (default 50) across them. No protected field
// (number, ssn, dateOfBirth) is selected: each read of one writes an audit event per record.
// Before its load, every gateway must answer exactly the data our gateway answered at seeding
// (non-empty, no errors); during the load, every response must be that same body (autocannon's
// expectBody: a different one counts as an error, as do non-2xx answers).
// Requests per second, p50/p99 latency, errors, and CPU time per request: the gateway process's
// own, and the rest's (the machine's busy time less the gateway's: the subgraphs, PostgreSQL and
// autocannon). All of them share the machine's cores, so throughput also carries the rest's cost,
// about the same for every gateway; the ceiling printed is the rate the rest alone would allow,
// with a gateway that cost nothing, which bounds every ratio between gateways on this machine.
// Then the ratios to ours and the aims:
// ours (authentication + shield) at least 3× @apollo/gateway and at least 0.9× Hive Gateway (without merging), and
// shield's cost (1 − ours / ours without shield) under 15%.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../platform/database/orm.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { freePort } from '../stack/ports.ts';
import { publicKeyOf } from '../stack/secrets.ts';
import { startNodeProcess, startService, type RunningService } from '../stack/services.ts';
import { aCredential, aMember, anOrganization, aPhysician, type GraphQLSend } from '../test/support/factories.ts';
import { availableParallelism } from 'node:os';
import { benchLogger, machineBusyCpuMs, processCpuMs, SERVICE_PASSWORDS, withBenchDatabase, writeResults } from './support.ts';

const DURATION_SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 16);
const PHYSICIANS = Number(process.env.BENCH_GATEWAY_PHYSICIANS ?? 4);
const CREDENTIALS = Number(process.env.BENCH_GATEWAY_CREDENTIALS ?? 50);
const PAGE = 20;
const CORES = availableParallelism();
/** BENCH_GATEWAY_ROWS=1,2 measures only those rows (numbered as printed); the ratios need all five. */
const ONLY = process.env.BENCH_GATEWAY_ROWS ? process.env.BENCH_GATEWAY_ROWS.split(',').map(Number) : null;

const ORGANIZATION = 'Bench General Hospital';
const PASSWORD = 'correct horse battery staple 42!';
const STAFF_EMAIL = 'staff@bench.example.org';
const QUERY = `{ credentials(first: ${PAGE}) { nodes { type status issuer state expiresOn physician { givenName familyName npi user { displayName email } affiliation { status organization { name } } } } } }`;
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { loginResult { status session { accessToken sessionId role } } } }';

const NAMES: [string, string][] = [['Amara', 'Okafor'], ['Erik', 'Lindqvist'], ['Lucía', 'Ramírez'], ['Wei', 'Chen'], ['Priya', 'Natarajan'], ['Jonas', 'Becker']];
const STATES = ['CA', 'NY', 'TX', 'FL', 'WA', 'MA', 'IL', 'OH'];
const TYPES = ['STATE_LICENSE', 'DEA_REGISTRATION', 'STATE_CONTROLLED_SUBSTANCE', 'BOARD_CERTIFICATION', 'MALPRACTICE_INSURANCE'] as const;

interface Row {
  name: string; requestsPerSecond: number; p50: number; p99: number; errors: number;
  /** The gateway process's own CPU time per request. */
  cpuMsPerRequest: number | null;
  /** Everything else's: the subgraphs, PostgreSQL and the load generator, which share the cores with it. */
  restCpuMsPerRequest: number | null;
  /** Of the rest, each subgraph process's. */
  subgraphsCpuMsPerRequest: Record<string, number> | null;
}
interface GraphQLResult<T> { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] }
interface Page { credentials: { nodes: { physician: { user: { email: string } | null; affiliation: { organization: { name: string } } | null } }[] } | null }

async function post<T>(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}): Promise<{ text: string; result: GraphQLResult<T> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text}`);
  return { text, result: JSON.parse(text) as GraphQLResult<T> };
}

/** The data of a GraphQL answer without errors, or an error naming what was asked. */
async function data<T>(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { result } = await post<T>(url, headers, query, variables);
  if (result.errors?.length || !result.data) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(result.errors ?? result.data)}`);
  return result.data;
}

/** The staff member signs in through our gateway: a bearer access token (this role needs no MFA). */
async function signIn(url: string): Promise<{ authorization: string; sessionId: string }> {
  const { login: { loginResult: login } } = await data<{ login: { loginResult: { status: string; session: { accessToken: string; sessionId: string; role: string } | null } } }>(
    url, {}, LOGIN, { input: { email: STAFF_EMAIL, password: PASSWORD } });
  if (login.status !== 'AUTHENTICATED' || login.session?.role !== 'CREDENTIALING_STAFF') throw new Error(`the staff member could not sign in: ${JSON.stringify(login)}`);
  return { authorization: `Bearer ${login.session.accessToken}`, sessionId: login.session.sessionId };
}

/** A DEA number with a correct check digit and the registrant's initial (so it is not flagged for review). */
function deaNumber(familyName: string, i: number): string {
  const d = [...String(100_000 + i * 7_919).slice(-6)].map(Number) as [number, number, number, number, number, number];
  const check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
  return `B${familyName.normalize('NFD').replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase()}${d.join('')}${check}`;
}

/** The i-th credential: types in turn, dates spread over the years, every required field for its type. */
function credentialInput(familyName: string, i: number) {
  const type = TYPES[Math.floor(i / PHYSICIANS) % TYPES.length]!;
  const day = (offset: number) => new Date(Date.UTC(2021, 0, 1) + ((i * 37) % 1_400 + offset) * 86_400_000).toISOString().slice(0, 10);
  const number = type === 'DEA_REGISTRATION' ? deaNumber(familyName, i) : `${type.slice(0, 2)}-${String(10_000 + i)}`;
  return {
    type, number, issuer: `${type === 'BOARD_CERTIFICATION' ? 'American Board' : 'Issuer'} ${i % 7}`,
    state: type === 'BOARD_CERTIFICATION' || type === 'MALPRACTICE_INSURANCE' ? null : STATES[i % STATES.length],
    issuedOn: day(0), expiresOn: day(1_460 + (i % 5) * 180),
  };
}

/** Loads the gateway at `url` (process `pid`); its own CPU time per request is measured over the same run. */
async function load(url: string, pid: number, subgraphs: RunningService[], headers: Record<string, string>, expectBody: string): Promise<Omit<Row, 'name'>> {
  const subgraphsCpuMs = () => subgraphs.map((subgraph) => processCpuMs(subgraph.pid));
  const options = {
    url, method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY, variables: {} }),
    connections: CONNECTIONS, expectBody,
  };
  await autocannon({ ...options, duration: 2 }); // warm-up
  const cpuBefore = processCpuMs(pid);
  const machineBefore = machineBusyCpuMs();
  const subgraphsBefore = subgraphsCpuMs();
  const result = await autocannon({ ...options, duration: DURATION_SECONDS });
  const cpuAfter = processCpuMs(pid);
  const machineAfter = machineBusyCpuMs();
  const subgraphsAfter = subgraphsCpuMs();
  const requests = result.requests.total;
  const gatewayCpu = cpuBefore === null || cpuAfter === null || requests === 0 ? null : cpuAfter - cpuBefore;
  return {
    requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.mismatches,
    cpuMsPerRequest: gatewayCpu === null ? null : gatewayCpu / requests,
    restCpuMsPerRequest: gatewayCpu === null || machineBefore === null || machineAfter === null ? null : (machineAfter - machineBefore - gatewayCpu) / requests,
    subgraphsCpuMsPerRequest: [...subgraphsBefore, ...subgraphsAfter].includes(null) || requests === 0
      ? null
      : Object.fromEntries(subgraphs.map((subgraph, i) => [subgraph.name, (subgraphsAfter[i]! - subgraphsBefore[i]!) / requests])),
  };
}

await withBenchDatabase(async (postgres) => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-bench-gateways-'));
  // The gateways alone sign caller contexts; the subgraphs get the public key.
  const documentGrantSecret = randomBytes(32).toString('base64');
  const contextSigningKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const common = {
    NODE_ENV: 'production', LOG_LEVEL: 'warn', CONTEXT_PUBLIC_KEYS: publicKeyOf(contextSigningKey), SECURITY_CONTACT: 'mailto:bench@example.org',
    STORAGE_DIR: join(dir, 'storage'), URL_SIGNING_SECRET: randomBytes(32).toString('base64'),
  };
  const own: Record<string, Record<string, string>> = {
    identity: {
      TOKEN_SIGNING_KEYS: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      // Sign-in never checks for breached passwords; should anything try, it stays on this machine.
      BREACHED_PASSWORDS_URL: `http://127.0.0.1:${await freePort()}`,
      KEY_ENCRYPTION_KEYS: randomBytes(32).toString('base64'),
    },
    credentials: { KEY_ENCRYPTION_KEYS: randomBytes(32).toString('base64'), DOCUMENT_GRANT_SECRET: documentGrantSecret },
    audit: {},
  };
  const subgraphUrls: Record<string, string> = {};
  const subgraphs: RunningService[] = [];
  const rows: Row[] = [];
  try {
    for (const name of ['identity', 'credentials', 'audit'] as const) {
      const port = await freePort();
      subgraphUrls[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
      subgraphs.push(await startService({
        name, logFile: join(dir, `${name}.log`),
        env: { ...common, ...own[name], PORT: String(port), DATABASE_URL: postgres.serviceUrl(SERVICE_DATABASE_ROLES[name], SERVICE_PASSWORDS[name]) },
      }));
    }
    const gatewayEnv = { ...common, CONTEXT_SIGNING_KEY: contextSigningKey, DOCUMENT_GRANT_SECRET: documentGrantSecret, ...subgraphUrls, RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_PER_USER_PER_MINUTE: '1000000', METRICS_PORT: '0' };
    const startGateway = async (name: string, entry: string | null, env: Record<string, string> = {}) => {
      const port = await freePort();
      const options = { env: { ...gatewayEnv, ...env, PORT: String(port) }, logFile: join(dir, `${name.replace(/\W+/g, '-')}.log`) };
      const server = entry === null ? await startService({ name: 'gateway', ...options }) : await startNodeProcess({ name, entry, ...options });
      return { server, url: `http://127.0.0.1:${port}/graphql` };
    };

    // The members, as identity's bootstrap makes them.
    process.stderr.write(`  seeding: ${PHYSICIANS} physicians and ${CREDENTIALS} credentials through our gateway\n`);
    const orm = await openDatabase({ url: postgres.serviceUrl(SERVICE_DATABASE_ROLES.identity, SERVICE_PASSWORDS.identity), logger: benchLogger });
    let organizationId: string;
    let staffUserId: string;
    const physicianUsers: { userId: string; givenName: string; familyName: string }[] = [];
    try {
      organizationId = await anOrganization(orm, { name: ORGANIZATION });
      ({ userId: staffUserId } = await aMember(orm, { organizationId, email: STAFF_EMAIL, displayName: 'Bench Staff', password: PASSWORD, role: 'CREDENTIALING_STAFF' }));
      for (let i = 0; i < PHYSICIANS; i += 1) {
        const [givenName, familyName] = NAMES[i % NAMES.length]!;
        const { userId } = await aMember(orm, {
          organizationId, email: `physician-${i + 1}@bench.example.org`, displayName: `Dr. ${givenName} ${familyName}`, password: PASSWORD, role: 'PHYSICIAN',
        });
        physicianUsers.push({ userId, givenName, familyName });
      }
    } finally {
      await orm.close();
    }

    // Their physician files and credentials, through our gateway with the staff member's token;
    // then the answer every gateway must give.
    let reference: Page;
    let staffSessionId: string;
    const seeding = await startGateway('seeding gateway', null);
    try {
      const { authorization, sessionId } = await signIn(seeding.url);
      staffSessionId = sessionId;
      const asStaff: GraphQLSend = async <T,>(query: string, variables: Record<string, unknown>) => ({ data: await data<T>(seeding.url, { authorization }, query, variables) });
      const physicians: { id: string; familyName: string }[] = [];
      for (const { userId, givenName, familyName } of physicianUsers) {
        const { id } = await aPhysician(asStaff, { givenName, familyName, userId, ssn: undefined, dateOfBirth: undefined });
        physicians.push({ id, familyName });
      }
      for (let i = 0; i < CREDENTIALS; i += 1) {
        const { id, familyName } = physicians[i % physicians.length]!;
        await aCredential(asStaff, id, credentialInput(familyName, i), 'id status');
      }
      reference = await data<Page>(seeding.url, { authorization }, QUERY);
    } finally {
      await seeding.server.stop();
    }
    const nodes = reference.credentials?.nodes ?? [];
    if (nodes.length !== Math.min(PAGE, CREDENTIALS) || nodes.some((node) => !node.physician.user?.email || node.physician.affiliation?.organization.name !== ORGANIZATION)) {
      throw new Error(`the query does not resolve across subgraphs as it should: ${JSON.stringify(reference)}`);
    }

    const staff = JSON.stringify({ userId: staffUserId, organizationId, role: 'CREDENTIALING_STAFF', sessionId: staffSessionId });
    const variants: { name: string; entry: string | null; authenticated: boolean; env?: Record<string, string> }[] = [
      { name: 'Credence gateway (auth + shield)', entry: null, authenticated: true },
      { name: 'Credence gateway (auth, no shield)', entry: new URL('./servers/gateway-without-shield.ts', import.meta.url).pathname, authenticated: true },
      { name: '@apollo/gateway (no auth)', entry: new URL('./servers/apollo-gateway.ts', import.meta.url).pathname, authenticated: false },
      { name: 'Hive Gateway (no auth)', entry: new URL('./servers/hive-gateway.ts', import.meta.url).pathname, authenticated: false },
      {
        name: 'Hive Gateway (no auth, no merging)', entry: new URL('./servers/hive-gateway.ts', import.meta.url).pathname, authenticated: false,
        env: { BENCH_HIVE_MERGE_IN_FLIGHT: 'off' },
      },
    ];
    for (const { name, entry, authenticated, env } of variants.filter((_, i) => ONLY === null || ONLY.includes(i + 1))) {
      const { server, url } = await startGateway(name, entry, { ...(authenticated ? {} : { BENCH_CALLER: staff }), ...env });
      try {
        // Ours: the staff member signs in through the gateway under test (a fresh ten-minute token).
        const headers: Record<string, string> = authenticated ? { authorization: (await signIn(url)).authorization } : {};
        const { text, result } = await post<Page>(url, headers, QUERY);
        if (result.errors?.length) throw new Error(`${name} answered errors: ${text}`);
        assert.deepStrictEqual(result.data, reference, `${name} answered other data than our gateway`);
        process.stderr.write(`  ${name}: ${DURATION_SECONDS} s with ${CONNECTIONS} connections\n`);
        rows.push({ name, ...(await load(url, server.pid, subgraphs, headers, text)) });
        process.stderr.write(`    ${rows.at(-1)!.requestsPerSecond.toFixed(0)} req/s, ${rows.at(-1)!.errors} errors\n`);
      } finally {
        await server.stop();
      }
    }
  } finally {
    for (const subgraph of subgraphs) await subgraph.stop();
  }

  console.log(`\nquery: ${QUERY}`);
  const ms = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
  console.log('\n                                                                                CPU ms/request');
  console.log('gateway                              req/s     p50 ms   p99 ms   errors   ours/this   gateway   the rest (of which subgraphs)');
  for (const row of rows) {
    console.log(`${row.name.padEnd(34)} ${row.requestsPerSecond.toFixed(0).padStart(7)} ${String(row.p50).padStart(9)} ${String(row.p99).padStart(8)} ${String(row.errors).padStart(8)}   ${(rows[0]!.requestsPerSecond / row.requestsPerSecond).toFixed(2).padStart(9)}   ${ms(row.cpuMsPerRequest).padStart(7)}   ${ms(row.restCpuMsPerRequest).padStart(8)} (${row.subgraphsCpuMsPerRequest === null ? 'n/a' : Object.entries(row.subgraphsCpuMsPerRequest).map(([name, cpu]) => `${name} ${cpu.toFixed(2)}`).join(', ')})`);
  }
  console.log(`("the rest": the subgraphs, PostgreSQL and the load generator, on the same ${CORES} cores)`);
  if (ONLY === null) {
    const [ours, oursWithoutShield, apollo, hive, hiveWithoutMerging] = rows as [Row, Row, Row, Row, Row];
    const ratios = {
      oursToApolloGateway: ours.requestsPerSecond / apollo.requestsPerSecond,
      oursToHiveGateway: ours.requestsPerSecond / hiveWithoutMerging.requestsPerSecond,
      oursToHiveGatewayMerging: ours.requestsPerSecond / hive.requestsPerSecond,
      shieldCost: 1 - ours.requestsPerSecond / oursWithoutShield.requestsPerSecond,
    };
    const aims = {
      oursToApolloGateway: ratios.oursToApolloGateway >= 3,
      oursToHiveGateway: ratios.oursToHiveGateway >= 0.9,
      shieldCost: ratios.shieldCost < 0.15,
    };
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(`\nours (auth + shield) / @apollo/gateway: ${ratios.oursToApolloGateway.toFixed(2)}× (aim ≥ 3: ${met(aims.oursToApolloGateway)})`);
    console.log(`ours (auth + shield) / Hive Gateway (no auth, no merging): ${ratios.oursToHiveGateway.toFixed(2)} (aim ≥ 0.90: ${met(aims.oursToHiveGateway)})`);
    console.log(`ours (auth + shield) / Hive Gateway (no auth, merging identical calls in flight): ${ratios.oursToHiveGatewayMerging.toFixed(2)} (not comparable: see the header)`);
    console.log(`shield's cost, 1 − ours / ours without shield: ${(ratios.shieldCost * 100).toFixed(1)}% (aim < 15%: ${met(aims.shieldCost)})`);
    if (rows.every((row) => row.cpuMsPerRequest !== null && row.restCpuMsPerRequest !== null)) {
      const cpu = (row: Row) => row.cpuMsPerRequest!;
      console.log(`gateway CPU per request: @apollo/gateway / ours ${(cpu(apollo) / cpu(ours)).toFixed(2)}×, Hive (no merging) / ours ${(cpu(hiveWithoutMerging) / cpu(ours)).toFixed(2)}×, shield ${((cpu(ours) / cpu(oursWithoutShield) - 1) * 100).toFixed(1)}% of ours without it`);
      // What the cores allow at all: with a gateway that cost nothing, the rest alone fills them.
      // (Hive merging is left out: the calls it merges away make its rest smaller than any other gateway's can be.)
      const ceiling = (CORES * 1000) / Math.min(...rows.filter((row) => row !== hive).map((row) => row.restCpuMsPerRequest!));
      console.log(
        `ceiling on this machine: a gateway that cost no CPU at all would leave the rest at most ${ceiling.toFixed(0)} req/s, ` +
          `${(ceiling / apollo.requestsPerSecond).toFixed(2)}× the @apollo/gateway row; the ratios between gateways reach the ratios of their own CPU only where the subgraphs have cores of their own`,
      );
      Object.assign(ratios, { ceilingToApolloGateway: ceiling / apollo.requestsPerSecond, gatewayCpuApolloToOurs: cpu(apollo) / cpu(ours) });
    }
    console.log('("no auth": no access token verified; the staff member\'s context is signed for every subgraph call, the caller fixed)');
    console.log(`results: ${writeResults('gateways', {
      query: QUERY, seeded: { physicians: PHYSICIANS, credentials: CREDENTIALS }, durationSeconds: DURATION_SECONDS, connections: CONNECTIONS, rows, ratios, aims,
    })}`);
  }
  const failed = rows.filter((row) => row.errors > 0);
  if (failed.length > 0) throw new Error(`errors under load (non-2xx, failed or other answers): ${failed.map((row) => `${row.name}: ${row.errors}`).join(', ')}`);
});
