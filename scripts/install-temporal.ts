// npm run temporal:install: puts the Temporal CLI in the per-user cache now (npm start and the
// tests would otherwise do it on first use), showing where it came from.
import { consoleProgress } from '../stack/progress.ts';
import { resolveTemporalCli } from '../stack/temporal-cli.ts';

try {
  const cli = await resolveTemporalCli(consoleProgress());
  console.log(`Temporal CLI: ${cli}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
