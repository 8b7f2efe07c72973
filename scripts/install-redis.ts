// npm run redis:install: puts a redis-server in the per-user cache now, for the tests of what
// gateway copies share, rate limits and webhook ids (which would otherwise do it on first use),
// showing where it came from.
import { consoleProgress } from '../stack/progress.ts';
import { resolveRedisServer } from '../stack/redis-server.ts';

try {
  const server = await resolveRedisServer(consoleProgress());
  console.log(`redis-server: ${server}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
