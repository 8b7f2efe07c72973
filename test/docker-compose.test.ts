// docker-compose.yml stays in step with the code: every Credence service starts an entry point
// that exists, with an environment that its own config loader accepts.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { loadConfig, type ServiceName } from '../platform/config.ts';

const repoRoot = new URL('..', import.meta.url).pathname;
const compose = parse(readFileSync(`${repoRoot}docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<string, { command?: string[]; environment?: Record<string, string>; depends_on?: unknown; image?: string }>;
};
const contextKey = generateKeyPairSync('ed25519');
const secrets: Record<string, string> = {
  POSTGRES_PASSWORD: 'pg-secret',
  REDIS_PASSWORD: 'redis-secret',
  CONTEXT_SIGNING_KEY: contextKey.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  CONTEXT_PUBLIC_KEYS: contextKey.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  URL_SIGNING_SECRET: Buffer.alloc(32, 8).toString('base64'),
  DOCUMENT_GRANT_SECRET: Buffer.alloc(32, 7).toString('base64'),
  AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'),
  TOKEN_SIGNING_KEYS: Buffer.alloc(48, 2).toString('base64'),
  KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 3).toString('base64'),
  BREACHED_PASSWORDS_URL: 'https://api.pwnedpasswords.com',
  PUBLIC_URL: 'https://credence.example.org',
  SMTP_URL: 'smtp://mailer:secret@smtp.example.org:587',
  MAIL_FROM: 'Credence <no-reply@example.org>',
  SECURITY_CONTACT: 'mailto:security@example.org',
  CORS_ORIGINS: '',
  WEBHOOK_SECRETS: '',
  DATABASE_PASSWORD_IDENTITY: 'p1', DATABASE_PASSWORD_CREDENTIALS: 'p2', DATABASE_PASSWORD_AUDIT: 'p3', DATABASE_PASSWORD_WORKER: 'p4',
};

/** Docker Compose interpolation of ${NAME}, ${NAME:?message} and ${NAME:-default}. */
function interpolate(value: string): string {
  return String(value).replace(/\$\{([A-Z_]+)(?::[?-][^}]*)?\}/g, (_match, name: string) => {
    if (!(name in secrets)) throw new Error(`docker-compose.yml uses \${${name}}, which this test does not know`);
    return secrets[name]!;
  });
}

const credenceServices: Record<string, ServiceName> = {
  migrate: 'migrate', identity: 'identity', credentials: 'credentials', audit: 'audit', worker: 'worker', gateway: 'gateway',
};

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Temporal with its UI, Redis, and every Credence service', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['audit', 'credentials', 'gateway', 'identity', 'migrate', 'postgres', 'redis', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
  });

  it.each(Object.entries(credenceServices))('gives %s an entry point that exists and a configuration it accepts', (name, service) => {
    const definition = compose.services[name]!;
    const entry = definition.command?.[1];
    expect(entry && existsSync(`${repoRoot}${entry}`)).toBe(true);
    const env = Object.fromEntries(Object.entries(definition.environment ?? {}).map(([key, value]) => [key, interpolate(value)]));
    expect(() => loadConfig(service, env)).not.toThrow();
    expect(loadConfig(service, env).env).toBe('production');
  });

  it('points the gateway at the subgraphs where compose runs them', () => {
    const env = Object.fromEntries(Object.entries(compose.services.gateway!.environment!).map(([key, value]) => [key, interpolate(value)]));
    const config = loadConfig('gateway', env);
    for (const name of ['identity', 'credentials', 'audit'] as const) {
      const port = loadConfig(name, Object.fromEntries(Object.entries(compose.services[name]!.environment!).map(([k, v]) => [k, interpolate(v)]))).port;
      expect(config.subgraphUrls[name]).toBe(`http://${name}:${port}/graphql`);
    }
  });

  it('points the gateway\'s shared store (rate limits, webhook ids) at the compose Redis, with its password', () => {
    const env = Object.fromEntries(Object.entries(compose.services.gateway!.environment!).map(([key, value]) => [key, interpolate(value)]));
    const redisUrl = new URL(loadConfig('gateway', env).redisUrl!);
    const redis = compose.services.redis!;
    expect(redisUrl.hostname).toBe('redis');
    expect(redisUrl.port).toBe('6379');
    expect(redis.command?.map(interpolate)).toEqual(expect.arrayContaining(['--requirepass', decodeURIComponent(redisUrl.password)]));
  });
});
