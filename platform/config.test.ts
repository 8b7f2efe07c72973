import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.ts';

const secret = Buffer.alloc(32, 7).toString('base64');
const downloads = { STORAGE_DIR: '/var/lib/credence/storage', URL_SIGNING_SECRET: Buffer.alloc(32, 5).toString('base64') };

describe('loadConfig', () => {
  it('builds a frozen, typed configuration with defaults', () => {
    const config = loadConfig('identity', { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/credence', CONTEXT_SIGNING_SECRET: secret, TOKEN_SIGNING_KEYS: 'a2V5LW9uZQ==,a2V5LXR3bw==', KEYRING_FILE: '/var/lib/credence/keyring.json', ...downloads });
    expect(config).toMatchObject({ service: 'identity', env: 'development', port: 4001, host: '127.0.0.1' });
    expect(config.downloads).toMatchObject({ storageDir: '/var/lib/credence/storage', publicUrl: 'http://127.0.0.1:4000' });
    expect(config.contextSigningSecret).toHaveLength(32);
    expect(config.tokenSigningKeys.map((key) => Buffer.from(key).toString())).toEqual(['key-one', 'key-two']);
    expect(config.breachedPasswordsUrl).toBe('https://api.pwnedpasswords.com');
    expect(config.keyEncryption).toEqual({ keys: [], keyringFile: '/var/lib/credence/keyring.json' });
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

  it('requires SMTP_URL and MAIL_FROM in production, and takes the local mail catcher by default elsewhere', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    expect(loadConfig('worker', worker).mail).toMatchObject({ smtpUrl: 'smtp://127.0.0.1:1025', publicUrl: 'http://127.0.0.1:4000', deliverySeconds: 10 });
    expect(() => loadConfig('worker', { ...worker, NODE_ENV: 'production' })).toThrow(/SMTP_URL is required in production[\s\S]*MAIL_FROM is required[\s\S]*PUBLIC_URL is required/);
    expect(() => loadConfig('worker', { ...worker, SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL must be a smtp or smtps URL/);
    const production = loadConfig('worker', { ...worker, NODE_ENV: 'production', SMTP_URL: 'smtps://u:p@mail.example.org', MAIL_FROM: 'Credence <no-reply@example.org>', PUBLIC_URL: 'https://app.example.org/' });
    expect(production.mail).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.org', publicUrl: 'https://app.example.org' });
  });

  it('requires the key-encryption keys of field encryption, each of 32 bytes', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64') };
    expect(() => loadConfig('worker', worker)).toThrow(/set KEYRING_FILE .* or KEY_ENCRYPTION_KEYS/);
    expect(() => loadConfig('worker', { ...worker, KEY_ENCRYPTION_KEYS: Buffer.alloc(16, 5).toString('base64') })).toThrow(/KEY_ENCRYPTION_KEYS must be 32-byte keys/);
    const keys = [Buffer.alloc(32, 6), Buffer.alloc(32, 5)].map((key) => key.toString('base64')).join(',');
    expect(loadConfig('worker', { ...worker, KEY_ENCRYPTION_KEYS: keys }).keyEncryption.keys).toHaveLength(2);
  });
});
