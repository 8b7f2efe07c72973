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
// Every gateway runs at once; the load goes to one at a time, in rounds: a warm-up round of
// BENCH_GATEWAY_WARM_UP_SECONDS each (default 10; discarded, so no gateway meets cold subgraphs or
// a cold JIT), then BENCH_GATEWAY_ROUNDS rounds (default 12) of BENCH_GATEWAY_SECONDS each
// (default 3), the order rotated by one every round. The machine's speed drifts by a quarter over
// tens of seconds (shared cores): short rounds put gateways compared side by side in the same
// moment, and many of them make the medians steady. Of each gateway: requests per second, p50/p99
// latency, errors, and CPU time per request: the gateway process's own, each subgraph's, and the
// rest's (the machine's busy time less the gateway's: the subgraphs, PostgreSQL and autocannon),
// from /proc; each the median of the rounds with their range. The ratios are taken within a
// round, between gateways loaded seconds apart, then their median and range across rounds.
// All of them share the machine's cores, so throughput also carries the rest's cost; the ceiling
// printed is the rate the rest alone would allow, with a gateway that cost nothing.
// The aims: ours (authentication + shield) at most 0.75× @apollo/gateway's own CPU per request,
// making the subgraphs do no more than @apollo/gateway makes them do; throughput at least 1.2×
// @apollo/gateway's and Hive Gateway's (without merging); shield at most 10% of our gateway's CPU.
// When an earlier results file of the same settings exists, each ratio's change from it is printed.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../platform/database/orm.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { freePort } from '../stack/ports.ts';
import { publicKeyOf } from '../stack/secrets.ts';
import { startNodeProcess, startService, type RunningService } from '../stack/services.ts';
import { aCredential, aMember, anOrganization, aPhysician, type GraphQLSend } from '../test/support/factories.ts';
import { benchLogger, machineBusyCpuMs, processCpuMs, SERVICE_PASSWORDS, spread, withBenchDatabase, writeResults, type Spread } from './support.ts';

const DURATION_SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 12);
const WARM_UP_SECONDS = Number(process.env.BENCH_GATEWAY_WARM_UP_SECONDS ?? 10);
/** Every process's CPU per request of the bench query through ours in the November runs, ms: the whole-path aim is half. */
const WHOLE_PATH_CPU_MS_BEFORE = 25;
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

/** One gateway's figures in one round. */
interface Sample {
  requestsPerSecond: number; p50: number; p99: number; errors: number;
  /** The gateway process's own CPU time per request. */
  cpuMsPerRequest: number | null;
  /** Everything else's: the subgraphs, PostgreSQL and the load generator, which share the cores with it. */
  restCpuMsPerRequest: number | null;
  /** Of the rest, each subgraph process's. */
  subgraphsCpuMsPerRequest: Record<string, number> | null;
}
/** One gateway over the rounds: each figure's median and range, and the rounds themselves. */
interface Row {
  name: string; requestsPerSecond: Spread; p50: Spread; p99: Spread; errors: number;
  cpuMsPerRequest: Spread | null; restCpuMsPerRequest: Spread | null; subgraphsCpuMsPerRequest: Record<string, Spread> | null;
  rounds: Sample[];
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

/** Loads the gateway at `url` (process `pid`) for `seconds`; its own CPU time per request is measured over the same run. */
async function load(url: string, pid: number, subgraphs: RunningService[], headers: Record<string, string>, expectBody: string, seconds: number): Promise<Sample> {
  const subgraphsCpuMs = () => subgraphs.map((subgraph) => processCpuMs(subgraph.pid));
  const cpuBefore = processCpuMs(pid);
  const machineBefore = machineBusyCpuMs();
  const subgraphsBefore = subgraphsCpuMs();
  const result = await autocannon({
    url, method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: QUERY, variables: {} }),
    connections: CONNECTIONS, expectBody, duration: seconds,
  });
  const cpuAfter = processCpuMs(pid);
  const machineAfter = machineBusyCpuMs();
  const subgraphsAfter = subgraphsCpuMs();
  const requests = result.requests.total;
  const gatewayCpu = cpuBefore === null || cpuAfter === null || requests === 0 ? null : cpuAfter - cpuBefore;
  return {
    requestsPerSecond: requests / result.duration, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx + result.mismatches,
    cpuMsPerRequest: gatewayCpu === null ? null : gatewayCpu / requests,
    restCpuMsPerRequest: gatewayCpu === null || machineBefore === null || machineAfter === null ? null : (machineAfter - machineBefore - gatewayCpu) / requests,
    subgraphsCpuMsPerRequest: [...subgraphsBefore, ...subgraphsAfter].includes(null) || requests === 0
      ? null
      : Object.fromEntries(subgraphs.map((subgraph, i) => [subgraph.name, (subgraphsAfter[i]! - subgraphsBefore[i]!) / requests])),
  };
}

/** A gateway under test, running for the whole bench. */
interface Gateway {
  key: string; name: string; server: RunningService; url: string; authenticated: boolean;
  /** Ours: a bearer access token of the staff member, signed in through this gateway. */
  headers: Record<string, string>; signedInAt: number;
  /** What every answer under load must be: the body it gave to the check before the rounds. */
  expectBody: string;
}

/** Access tokens last ten minutes: ours sign in again once theirs is five minutes old. */
async function signInIfDue(gateway: Gateway): Promise<void> {
  if (!gateway.authenticated || Date.now() - gateway.signedInAt < 5 * 60_000) return;
  gateway.headers = { authorization: (await signIn(gateway.url)).authorization };
  gateway.signedInAt = Date.now();
}

/** A gateway's rounds as one row: each figure's median and range (null where a round could not read /proc). */
function rowOf(name: string, rounds: Sample[]): Row {
  const of = (pick: (sample: Sample) => number | null): Spread | null => {
    const values = rounds.map(pick);
    return values.includes(null) ? null : spread(values as number[]);
  };
  const subgraphNames = Object.keys(rounds[0]?.subgraphsCpuMsPerRequest ?? {});
  return {
    name, rounds, errors: rounds.reduce((sum, sample) => sum + sample.errors, 0),
    requestsPerSecond: of((sample) => sample.requestsPerSecond)!, p50: of((sample) => sample.p50)!, p99: of((sample) => sample.p99)!,
    cpuMsPerRequest: of((sample) => sample.cpuMsPerRequest), restCpuMsPerRequest: of((sample) => sample.restCpuMsPerRequest),
    subgraphsCpuMsPerRequest: rounds.some((sample) => sample.subgraphsCpuMsPerRequest === null)
      ? null
      : Object.fromEntries(subgraphNames.map((subgraph) => [subgraph, spread(rounds.map((sample) => sample.subgraphsCpuMsPerRequest![subgraph]!))])),
  };
}

const subgraphsTotal = (sample: Sample) => (sample.subgraphsCpuMsPerRequest === null ? null : Object.values(sample.subgraphsCpuMsPerRequest).reduce((sum, cpu) => sum + cpu, 0));

/**
 * The ratios the bench prints, each taken within one round (the gateways loaded seconds apart):
 * `share` ones are fractions near zero, compared between runs in points rather than in percent.
 * `aim` is the bound each must meet; none for those shown for what they are.
 */
const RATIOS: { key: string; label: string; share?: boolean; aim?: { atMost?: number; atLeast?: number }; of: (round: Record<string, Sample>) => number | null }[] = [
  { key: 'throughputOursToApolloGateway', label: 'throughput, ours (auth + shield) / @apollo/gateway', aim: { atLeast: 1.2 }, of: (r) => r.ours!.requestsPerSecond / r.apollo!.requestsPerSecond },
  { key: 'throughputOursToHiveGateway', label: 'throughput, ours / Hive Gateway (no merging)', aim: { atLeast: 1.2 }, of: (r) => r.ours!.requestsPerSecond / r.hiveWithoutMerging!.requestsPerSecond },
  { key: 'throughputOursToHiveGatewayMerging', label: 'throughput, ours / Hive Gateway (merging identical calls in flight; not comparable, see the header)', of: (r) => r.ours!.requestsPerSecond / r.hive!.requestsPerSecond },
  { key: 'gatewayCpuOursToApolloGateway', label: 'gateway CPU per request, ours / @apollo/gateway', aim: { atMost: 0.75 }, of: (r) => ratio(r.ours!.cpuMsPerRequest, r.apollo!.cpuMsPerRequest) },
  { key: 'gatewayCpuOursToHiveGateway', label: 'gateway CPU per request, ours / Hive Gateway (no merging)', of: (r) => ratio(r.ours!.cpuMsPerRequest, r.hiveWithoutMerging!.cpuMsPerRequest) },
  { key: 'subgraphCpuOursToApolloGateway', label: 'subgraph CPU per request caused, ours / @apollo/gateway', aim: { atMost: 1 }, of: (r) => ratio(subgraphsTotal(r.ours!), subgraphsTotal(r.apollo!)) },
  {
    key: 'shieldShareOfGatewayCpu', label: 'shield\'s share of our gateway\'s CPU, 1 − without shield / with it', share: true, aim: { atMost: 0.1 },
    of: (r) => { const without = ratio(r.oursWithoutShield!.cpuMsPerRequest, r.ours!.cpuMsPerRequest); return without === null ? null : 1 - without; },
  },
  {
    // What the cores allow at all: with a gateway that cost nothing, the rest alone fills them.
    // (Hive merging is left out: the calls it merges away make its rest smaller than any other gateway's can be.)
    key: 'ceilingToApolloGateway', label: 'ceiling (a gateway of no CPU: the cores / the least rest per request) / @apollo/gateway throughput',
    of: (r) => {
      const rests = [r.ours, r.oursWithoutShield, r.apollo, r.hiveWithoutMerging].map((sample) => sample!.restCpuMsPerRequest);
      return rests.includes(null) ? null : (CORES * 1000) / Math.min(...(rests as number[])) / r.apollo!.requestsPerSecond;
    },
  },
];
const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

/** The newest earlier results file of this bench measured with the same settings, if any. */
function previousResults(settings: Record<string, unknown>): { file: string; ratios: Record<string, Spread> } | null {
  const dir = new URL('./results/', import.meta.url).pathname;
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.startsWith('gateways-') && file.endsWith('.json')).sort().reverse();
  } catch {
    return null;
  }
  for (const file of files) {
    const results = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { settings?: Record<string, unknown>; ratios?: Record<string, Spread> };
    if (results.settings && results.ratios && JSON.stringify(results.settings) === JSON.stringify(settings)) return { file, ratios: results.ratios };
  }
  return null;
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
  const gateways: Gateway[] = [];
  const samples = new Map<string, Sample[]>();
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
    const variants: { key: string; name: string; entry: string | null; authenticated: boolean; env?: Record<string, string> }[] = [
      { key: 'ours', name: 'Credence gateway (auth + shield)', entry: null, authenticated: true },
      { key: 'oursWithoutShield', name: 'Credence gateway (auth, no shield)', entry: new URL('./servers/gateway-without-shield.ts', import.meta.url).pathname, authenticated: true },
      { key: 'apollo', name: '@apollo/gateway (no auth)', entry: new URL('./servers/apollo-gateway.ts', import.meta.url).pathname, authenticated: false },
      { key: 'hive', name: 'Hive Gateway (no auth)', entry: new URL('./servers/hive-gateway.ts', import.meta.url).pathname, authenticated: false },
      {
        key: 'hiveWithoutMerging', name: 'Hive Gateway (no auth, no merging)', entry: new URL('./servers/hive-gateway.ts', import.meta.url).pathname, authenticated: false,
        env: { BENCH_HIVE_MERGE_IN_FLIGHT: 'off' },
      },
    ];
    // Every gateway at once, each checked to answer what ours answered at seeding.
    for (const { key, name, entry, authenticated, env } of variants.filter((_, i) => ONLY === null || ONLY.includes(i + 1))) {
      const { server, url } = await startGateway(name, entry, { ...(authenticated ? {} : { BENCH_CALLER: staff }), ...env });
      gateways.push({ key, name, server, url, authenticated, headers: {}, signedInAt: 0, expectBody: '' });
      const gateway = gateways.at(-1)!;
      await signInIfDue(gateway);
      const { text, result } = await post<Page>(url, gateway.headers, QUERY);
      if (result.errors?.length) throw new Error(`${name} answered errors: ${text}`);
      assert.deepStrictEqual(result.data, reference, `${name} answered other data than our gateway`);
      gateway.expectBody = text;
      samples.set(key, []);
    }
    process.stderr.write(`  ${gateways.length} gateways, a warm-up round of ${WARM_UP_SECONDS} s each and ${ROUNDS} rounds of ${DURATION_SECONDS} s each, with ${CONNECTIONS} connections\n`);
    for (let round = 0; round <= ROUNDS; round += 1) {
      const order = gateways.map((_, i) => gateways[(i + round) % gateways.length]!);
      for (const gateway of order) {
        await signInIfDue(gateway);
        const sample = await load(gateway.url, gateway.server.pid, subgraphs, gateway.headers, gateway.expectBody, round === 0 ? WARM_UP_SECONDS : DURATION_SECONDS);
        if (round > 0) samples.get(gateway.key)!.push(sample);
        process.stderr.write(`  ${round === 0 ? 'warm-up' : `round ${round}/${ROUNDS}`}: ${gateway.name}: ${sample.requestsPerSecond.toFixed(0)} req/s, ${sample.errors} errors\n`);
      }
    }
  } finally {
    for (const gateway of gateways) await gateway.server.stop();
    for (const subgraph of subgraphs) await subgraph.stop();
  }

  const rows = gateways.map((gateway) => rowOf(gateway.name, samples.get(gateway.key)!));
  const ms = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : value.toFixed(2));
  const range = (value: Spread | null, digits = 2) => (value === null ? 'n/a' : `${value.median.toFixed(digits)} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})`);
  console.log(`\nquery: ${QUERY}`);
  console.log(`each figure: the median of ${ROUNDS} rounds of ${DURATION_SECONDS} s (the lowest–the highest), a warm-up round discarded`);
  console.log('\n                                                                                         CPU ms/request');
  console.log(`${'gateway'.padEnd(36)} ${'req/s'.padEnd(18)} ${'p50 ms'.padEnd(8)} ${'p99 ms'.padEnd(8)} errors   ${'gateway'.padEnd(19)} ${'the rest'.padEnd(19)} of which subgraphs`);
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(36)} ${range(row.requestsPerSecond, 0).padEnd(18)} ${String(row.p50.median).padEnd(8)} ${String(row.p99.median).padEnd(8)} ${String(row.errors).padStart(6)}   ` +
        `${range(row.cpuMsPerRequest).padEnd(19)} ${range(row.restCpuMsPerRequest).padEnd(19)} ` +
        `${row.subgraphsCpuMsPerRequest === null ? 'n/a' : Object.entries(row.subgraphsCpuMsPerRequest).map(([name, cpu]) => `${name} ${ms(cpu.median)}`).join(', ')}`,
    );
  }
  console.log(`("the rest": the subgraphs, PostgreSQL and the load generator, on the same ${CORES} cores; "no auth": no access token verified, the staff member's context signed for every subgraph call, the caller fixed)`);

  // Whole-machine CPU per request of ours against the November runs' 25 ms (9.7–10.2 ms ours, 15–16 ms the rest): the aim is half.
  const totals = (samples.get('ours') ?? []).map((sample) => (sample.cpuMsPerRequest === null || sample.restCpuMsPerRequest === null ? null : sample.cpuMsPerRequest + sample.restCpuMsPerRequest));
  if (totals.length > 0 && !totals.includes(null)) {
    const total = spread(totals as number[]);
    console.log(`\nours, every process together: ${range(total)} ms of CPU per request (aim at most ${(WHOLE_PATH_CPU_MS_BEFORE / 2).toFixed(1)}, half of ${WHOLE_PATH_CPU_MS_BEFORE}: ${total.median <= WHOLE_PATH_CPU_MS_BEFORE / 2 ? 'met' : 'NOT met'})`);
  }

  const settings = { version: 2, query: QUERY, seeded: { physicians: PHYSICIANS, credentials: CREDENTIALS }, rounds: ROUNDS, durationSeconds: DURATION_SECONDS, warmUpSeconds: WARM_UP_SECONDS, connections: CONNECTIONS, cores: CORES };
  const ratios: Record<string, Spread> = {};
  const aims: Record<string, boolean> = {};
  if (ONLY === null) {
    const previous = previousResults(settings);
    console.log(`\nratios, each taken within a round: the median (the lowest–the highest)${previous ? `; the change from ${previous.file}` : ''}`);
    for (const { key, label, share, aim, of } of RATIOS) {
      const values = Array.from({ length: ROUNDS }, (_, round) => of(Object.fromEntries([...samples].map(([name, rounds]) => [name, rounds[round]!]))));
      if (values.includes(null)) continue;
      const value = spread(values as number[]);
      ratios[key] = value;
      const shown = share ? `${(value.median * 100).toFixed(1)}% (${(value.min * 100).toFixed(1)}–${(value.max * 100).toFixed(1)}%)` : `${range(value)}×`;
      let verdict = '';
      if (aim) {
        aims[key] = (aim.atMost === undefined || value.median <= aim.atMost) && (aim.atLeast === undefined || value.median >= aim.atLeast);
        const bound = aim.atMost !== undefined ? `at most ${share ? `${aim.atMost * 100}%` : aim.atMost}` : `at least ${aim.atLeast}`;
        verdict = ` — aim ${bound}: ${aims[key] ? 'met' : 'NOT met'}`;
      }
      const before = previous?.ratios[key];
      const change = before === undefined ? '' : share
        ? `; ${((value.median - before.median) * 100 >= 0 ? '+' : '')}${((value.median - before.median) * 100).toFixed(1)} points`
        : `; ${value.median / before.median - 1 >= 0 ? '+' : ''}${((value.median / before.median - 1) * 100).toFixed(1)}%`;
      console.log(`  ${label}: ${shown}${verdict}${change}`);
    }
    console.log(`results: ${writeResults('gateways', { settings, rows, ratios, aims })}`);
  }
  const failed = rows.filter((row) => row.errors > 0);
  if (failed.length > 0) throw new Error(`errors under load (non-2xx, failed or other answers): ${failed.map((row) => `${row.name}: ${row.errors}`).join(', ')}`);
});
