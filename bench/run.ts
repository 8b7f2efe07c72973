// npm run bench: every benchmark, one after another (never in parallel: they measure the machine).
// `npm run bench -- audit` runs the named ones only.
const BENCHES = { audit: './audit.bench.ts', backups: './backups.bench.ts', credentials: './credentials.bench.ts', exclusions: './exclusions.bench.ts', gateways: './gateways.bench.ts', identity: './identity.bench.ts', offboarding: './offboarding.bench.ts', verification: './verification.bench.ts', webhooks: './webhooks.bench.ts' } as const;

const wanted = process.argv.slice(2);
for (const [name, path] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n== ${name}`);
  await import(path);
}
