// Gateway comparison, in one run over the same three subgraphs (started once, through their
// production entry points, on an embedded PostgreSQL): our gateway with shield, ours without
// shield, @apollo/gateway and Hive Gateway, each loaded by autocannon with the same query across
// the three subgraphs. Requests per second and p50/p99 latency, and the ratios to ours.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { freePort } from '../stack/ports.ts';
import { startNodeProcess, startService } from '../stack/services.ts';
import { SERVICE_PASSWORDS, withBenchDatabase, writeResults } from './support.ts';

const DURATION_SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_GATEWAY_CONNECTIONS ?? 16);
const QUERY = '{ passwordPolicy { minLength minStrengthScore } credentialTypes { type label primarySource } auditRetentionPolicy { defaultYears minimumYears } }';

interface Row { name: string; requestsPerSecond: number; p50: number; p99: number; errors: number }

async function load(url: string): Promise<Omit<Row, 'name'>> {
  const options = { url, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }), connections: CONNECTIONS };
  await autocannon({ ...options, duration: 2 }); // warm-up
  const result = await autocannon({ ...options, duration: DURATION_SECONDS });
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

await withBenchDatabase(async (postgres) => {
  const dir = mkdtempSync(join(tmpdir(), 'credence-bench-gateways-'));
  const secret = randomBytes(32).toString('base64');
  const common = {
    NODE_ENV: 'production', LOG_LEVEL: 'warn', CONTEXT_SIGNING_SECRET: secret, SECURITY_CONTACT: 'mailto:bench@example.org',
    STORAGE_DIR: join(dir, 'storage'), URL_SIGNING_SECRET: randomBytes(32).toString('base64'),
  };
  const subgraphUrls: Record<string, string> = {};
  const subgraphs = [];
  for (const name of ['identity', 'credentials', 'audit'] as const) {
    const port = await freePort();
    subgraphUrls[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
    subgraphs.push(await startService({
      name, logFile: join(dir, `${name}.log`),
      env: { ...common, PORT: String(port), DATABASE_URL: postgres.serviceUrl(SERVICE_DATABASE_ROLES[name], SERVICE_PASSWORDS[name]) },
    }));
  }
  const gatewayEnv = { ...common, ...subgraphUrls, RATE_LIMIT_PER_MINUTE: '1000000', METRICS_PORT: '0' };
  const variants: [string, string][] = [
    ['Credence gateway (shield)', new URL('../gateway/main.ts', import.meta.url).pathname],
    ['Credence gateway (no shield)', new URL('./servers/gateway-without-shield.ts', import.meta.url).pathname],
    ['@apollo/gateway', new URL('./servers/apollo-gateway.ts', import.meta.url).pathname],
    ['Hive Gateway', new URL('./servers/hive-gateway.ts', import.meta.url).pathname],
  ];
  const rows: Row[] = [];
  try {
    for (const [name, entry] of variants) {
      const port = await freePort();
      process.stderr.write(`  ${name}: ${DURATION_SECONDS} s with ${CONNECTIONS} connections\n`);
      const server = entry.endsWith('gateway/main.ts')
        ? await startService({ name: 'gateway', env: { ...gatewayEnv, PORT: String(port) }, logFile: join(dir, 'gateway.log') })
        : await startNodeProcess({ name, entry, env: { ...gatewayEnv, PORT: String(port) }, logFile: join(dir, `${name.replace(/\W+/g, '-')}.log`) });
      try {
        rows.push({ name, ...(await load(`http://127.0.0.1:${port}/graphql`)) });
        process.stderr.write(`    ${rows.at(-1)!.requestsPerSecond.toFixed(0)} req/s, ${rows.at(-1)!.errors} errors\n`);
      } finally {
        await server.stop();
      }
    }
  } finally {
    for (const subgraph of subgraphs) await subgraph.stop();
  }
  const ours = rows[0]!.requestsPerSecond;
  console.log('\ngateway                          req/s     p50 ms   p99 ms   errors   ours/this');
  for (const row of rows) {
    console.log(`${row.name.padEnd(30)} ${row.requestsPerSecond.toFixed(0).padStart(7)} ${String(row.p50).padStart(9)} ${String(row.p99).padStart(8)} ${String(row.errors).padStart(8)}   ${(ours / row.requestsPerSecond).toFixed(2)}`);
  }
  console.log('(authentication is not in these numbers yet: no access tokens are issued until the identity service lands)');
  console.log(`results: ${writeResults('gateways', { query: QUERY, durationSeconds: DURATION_SECONDS, connections: CONNECTIONS, rows })}`);
});
