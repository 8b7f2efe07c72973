import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.ts';

const secret = Buffer.alloc(32, 7).toString('base64');
const downloads = { STORAGE_DIR: '/var/lib/credence/storage', URL_SIGNING_SECRET: Buffer.alloc(32, 5).toString('base64') };

describe('loadConfig', () => {
  it('builds a frozen, typed configuration with defaults', () => {
    const config = loadConfig('identity', { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/credence', CONTEXT_SIGNING_SECRET: secret, TOKEN_SIGNING_KEYS: 'a2V5LW9uZQ==,a2V5LXR3bw==', ...downloads });
    expect(config).toMatchObject({ service: 'identity', env: 'development', port: 4001, host: '127.0.0.1' });
    expect(config.downloads).toMatchObject({ storageDir: '/var/lib/credence/storage', publicUrl: 'http://127.0.0.1:4000' });
    expect(config.contextSigningSecret).toHaveLength(32);
    expect(config.tokenSigningKeys.map((key) => Buffer.from(key).toString())).toEqual(['key-one', 'key-two']);
    expect(config.breachedPasswordsUrl).toBe('https://api.pwnedpasswords.com');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once, by variable name', () => {
    let error: unknown;
    try {
      loadConfig('gateway', { PORT: '70000', CONTEXT_SIGNING_SECRET: 'c2hvcnQ=', IDENTITY_URL: 'ftp://x', NODE_ENV: 'staging' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT must be a TCP port/);
    expect(problems).toMatch(/CONTEXT_SIGNING_SECRET must decode to at least 32 bytes/);
    expect(problems).toMatch(/IDENTITY_URL must be a http or https URL/);
    expect(problems).toMatch(/NODE_ENV must be one of development, test, production/);
  });

  it('requires what a service needs and never echoes a secret', () => {
    const tooShort = 'a-secret-value-that-is-short';
    expect(() => loadConfig('worker', {})).toThrow(/DATABASE_URL is required/);
    try {
      loadConfig('audit', { DATABASE_URL: 'postgres://x@h/db', CONTEXT_SIGNING_SECRET: tooShort });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).not.toContain(tooShort);
    }
  });

  it('accepts a hex secret and rejects a malformed Temporal address', () => {
    const hex = 'ab'.repeat(32);
    expect(() => loadConfig('worker', { DATABASE_URL: 'postgres://x@h/db', TEMPORAL_ADDRESS: 'no-port' })).toThrow(/TEMPORAL_ADDRESS must be host:port/);
    expect(loadConfig('credentials', { DATABASE_URL: 'postgres://x@h/db', CONTEXT_SIGNING_SECRET: hex, KEYRING_FILE: '/var/lib/credence/keyring.json', ...downloads }).contextSigningSecret).toHaveLength(32);
  });

  it('bounds the audit checkpoint interval', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    expect(loadConfig('worker', worker).auditCheckpointMinutes).toBe(15);
    expect(() => loadConfig('worker', { ...worker, AUDIT_CHECKPOINT_MINUTES: '0' })).toThrow(/AUDIT_CHECKPOINT_MINUTES must be a whole number from 1 to 1440/);
  });

  it('requires the key-encryption keys of field encryption, each of 32 bytes', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64') };
    expect(() => loadConfig('worker', worker)).toThrow(/set KEYRING_FILE .* or KEY_ENCRYPTION_KEYS/);
    expect(() => loadConfig('worker', { ...worker, KEY_ENCRYPTION_KEYS: Buffer.alloc(16, 5).toString('base64') })).toThrow(/KEY_ENCRYPTION_KEYS must be 32-byte keys/);
    const keys = [Buffer.alloc(32, 6), Buffer.alloc(32, 5)].map((key) => key.toString('base64')).join(',');
    expect(loadConfig('worker', { ...worker, KEY_ENCRYPTION_KEYS: keys }).keyEncryption.keys).toHaveLength(2);
  });

  it('takes the gateway\'s trusted proxies as a hop count or addresses, never as true', () => {
    const gateway = (env: Record<string, string>) => loadConfig('gateway', { CONTEXT_SIGNING_SECRET: secret, ...downloads, ...env });
    expect(gateway({}).trustProxy).toBe(false);
    expect(gateway({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(gateway({ TRUST_PROXY: '10.0.0.0/8, fd00::/8, 192.0.2.1, loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'fd00::/8', '192.0.2.1', 'loopback']);
    expect(() => gateway({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true would take any client's X-Forwarded-For .* set the number of proxies/);
    expect(() => gateway({ TRUST_PROXY: '10.0.0.0/33,proxy.internal' })).toThrow(/"10\.0\.0\.0\/33" is not an IP address[\s\S]*"proxy\.internal" is not an IP address/);
  });

  it('redirects plain HTTP only beside TLS, towards an https PUBLIC_URL', () => {
    const gateway = (env: Record<string, string>) => loadConfig('gateway', { CONTEXT_SIGNING_SECRET: secret, ...downloads, ...env });
    expect(gateway({}).httpRedirectPort).toBeNull();
    expect(() => gateway({ HTTP_REDIRECT_PORT: '8080' })).toThrow(/HTTP_REDIRECT_PORT redirects plain HTTP to HTTPS: it needs TLS_CERT_FILE and TLS_KEY_FILE[\s\S]*PUBLIC_URL, which must then be an https URL/);
    const tls = { TLS_CERT_FILE: '/etc/credence/cert.pem', TLS_KEY_FILE: '/etc/credence/key.pem', PUBLIC_URL: 'https://credence.example.org' };
    expect(gateway({ ...tls, HTTP_REDIRECT_PORT: '8080' }).httpRedirectPort).toBe(8080);
  });
});
