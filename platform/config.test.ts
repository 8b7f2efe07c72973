import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, parseCalendarDuration, type ServiceName } from './config.ts';

const contextKey = generateKeyPairSync('ed25519');
const contextSigningKey = contextKey.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const grantSecret = Buffer.alloc(32, 4).toString('base64');
const contextPublicKey = contextKey.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const downloads = { STORAGE_DIR: '/var/lib/credence/storage', URL_SIGNING_SECRET: Buffer.alloc(32, 5).toString('base64') };

/** The problems loadConfig reports for a service's environment, one a line; '' when it loads. */
function configProblems(service: ServiceName, env: Record<string, string>): string {
  try {
    loadConfig(service, env);
    return '';
  } catch (error) {
    return (error as ConfigError).problems.join('\n');
  }
}

describe('loadConfig', () => {
  it('builds a frozen, typed configuration with defaults', () => {
    const config = loadConfig('identity', { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/credence', CONTEXT_PUBLIC_KEYS: contextPublicKey, TOKEN_SIGNING_KEYS: 'a2V5LW9uZQ==,a2V5LXR3bw==', KEYRING_FILE: '/var/lib/credence/keyring.json', ...downloads });
    expect(config).toMatchObject({ service: 'identity', env: 'development', port: 4001, host: '127.0.0.1' });
    expect(config.downloads).toMatchObject({ storageDir: '/var/lib/credence/storage', publicUrl: 'http://127.0.0.1:4000' });
    expect(config.contextPublicKeys.map((key) => key.export({ format: 'der', type: 'spki' }).toString('base64'))).toEqual([contextPublicKey]);
    expect(config.tokenSigningKeys.map((key) => Buffer.from(key).toString())).toEqual(['key-one', 'key-two']);
    expect(config.breachedPasswordsUrl).toBe('https://api.pwnedpasswords.com');
    expect(config.keyEncryption).toEqual({ keys: [], keyringFile: '/var/lib/credence/keyring.json' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once, by variable name', () => {
    let error: unknown;
    try {
      loadConfig('gateway', { PORT: '70000', CONTEXT_SIGNING_KEY: contextPublicKey, IDENTITY_URL: 'ftp://x', NODE_ENV: 'staging' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT must be a TCP port/);
    expect(problems).toMatch(/CONTEXT_SIGNING_KEY must be an Ed25519 private key/);
    expect(problems).toMatch(/IDENTITY_URL must be a http or https URL/);
    expect(problems).toMatch(/NODE_ENV must be one of development, test, production/);
  });

  it('requires what a service needs and never echoes a secret', () => {
    const tooShort = 'a-secret-value-that-is-short';
    expect(() => loadConfig('worker', {})).toThrow(/DATABASE_URL is required/);
    try {
      loadConfig('audit', { DATABASE_URL: 'postgres://x@h/db', CONTEXT_PUBLIC_KEYS: contextPublicKey, URL_SIGNING_SECRET: tooShort });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).not.toContain(tooShort);
    }
  });

  it('accepts a hex secret and rejects a malformed Temporal address', () => {
    const hex = 'ab'.repeat(32);
    expect(() => loadConfig('worker', { DATABASE_URL: 'postgres://x@h/db', TEMPORAL_ADDRESS: 'no-port' })).toThrow(/TEMPORAL_ADDRESS must be host:port/);
    expect(loadConfig('credentials', { DATABASE_URL: 'postgres://x@h/db', CONTEXT_PUBLIC_KEYS: contextPublicKey, KEYRING_FILE: '/var/lib/credence/keyring.json', ...downloads, URL_SIGNING_SECRET: hex, DOCUMENT_GRANT_SECRET: hex }).downloads.urlSigningSecret).toHaveLength(32);
  });

  it('gives the context signing key to the gateway alone: no other service holds it, or starts with it', () => {
    const everything = {
      DATABASE_URL: 'postgres://x@h/db', KEYRING_FILE: '/var/lib/credence/keyring.json', TOKEN_SIGNING_KEYS: 'a2V5LW9uZQ==',
      AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), CONTEXT_PUBLIC_KEYS: contextPublicKey, ...downloads,
    };
    const envOf = (service: ServiceName) => (service === 'credentials' ? { ...everything, DOCUMENT_GRANT_SECRET: grantSecret } : everything);
    const gateway = loadConfig('gateway', { ...everything, CONTEXT_SIGNING_KEY: contextSigningKey, DOCUMENT_GRANT_SECRET: grantSecret });
    expect(gateway.contextSigningKey.type).toBe('private');
    expect(gateway.contextSigningKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')).toBe(contextSigningKey);

    /** Every private key anywhere in a configuration, and every value that holds the key's bytes. */
    const privateParts = (value: unknown, seen = new Set<unknown>()): unknown[] => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return [];
      seen.add(value);
      if (value instanceof KeyObject) return value.type === 'public' ? [] : [value];
      if (value instanceof Uint8Array) return Buffer.from(value).toString('base64') === contextSigningKey ? [value] : [];
      return Object.values(value).flatMap((inner) => privateParts(inner, seen));
    };
    for (const service of ['identity', 'credentials', 'audit', 'worker', 'migrate'] satisfies ServiceName[]) {
      expect(privateParts(loadConfig(service, envOf(service)))).toEqual([]);
      // Handed the key by mistake (a shared .env), the service refuses to start rather than hold it.
      expect(() => loadConfig(service, { ...envOf(service), CONTEXT_SIGNING_KEY: contextSigningKey })).toThrow(/CONTEXT_SIGNING_KEY must not be set here: it is the gateway's alone/);
    }
    // The document grant secret: the gateway's and the credentials subgraph's, no other's.
    expect(loadConfig('credentials', { ...everything, DOCUMENT_GRANT_SECRET: grantSecret }).documents.grantSecret).toHaveLength(32);
    expect(gateway.documentGrantSecret).toHaveLength(32);
    for (const service of ['identity', 'audit', 'worker', 'migrate'] satisfies ServiceName[]) {
      expect(() => loadConfig(service, { ...everything, DOCUMENT_GRANT_SECRET: grantSecret })).toThrow(/DOCUMENT_GRANT_SECRET must not be set here/);
    }
    for (const service of ['identity', 'credentials', 'audit'] as const) {
      expect(loadConfig(service, envOf(service)).contextPublicKeys.every((key) => key.type === 'public')).toBe(true);
      // A private key where the public one belongs is not taken for one.
      expect(() => loadConfig(service, { ...envOf(service), CONTEXT_PUBLIC_KEYS: contextSigningKey })).toThrow(/CONTEXT_PUBLIC_KEYS must hold Ed25519 public keys/);
    }
  });

  it('bounds the audit checkpoint interval', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    expect(loadConfig('worker', worker).auditCheckpointMinutes).toBe(15);
    expect(() => loadConfig('worker', { ...worker, AUDIT_CHECKPOINT_MINUTES: '0' })).toThrow(/AUDIT_CHECKPOINT_MINUTES must be a whole number from 1 to 1440/);
  });

  it('bounds what one request and one chunk of a background audit job work through', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    expect(loadConfig('worker', worker).auditJobChunkEvents).toBe(10_000);
    expect(() => loadConfig('worker', { ...worker, AUDIT_JOB_CHUNK_EVENTS: '5' })).toThrow(/AUDIT_JOB_CHUNK_EVENTS must be a whole number from 10 to 1000000/);
    const audit = { DATABASE_URL: 'postgres://x@h/db', CONTEXT_PUBLIC_KEYS: contextPublicKey, ...downloads };
    expect(loadConfig('audit', audit).inlineMaxEvents).toBe(100_000);
    expect(loadConfig('audit', { ...audit, AUDIT_INLINE_MAX_EVENTS: '5000' }).inlineMaxEvents).toBe(5_000);
    expect(() => loadConfig('audit', { ...audit, AUDIT_INLINE_MAX_EVENTS: '0' })).toThrow(/AUDIT_INLINE_MAX_EVENTS must be a whole number from 1 to 1000000/);
  });

  it('requires SMTP_URL and MAIL_FROM in production, and takes the local mail catcher by default elsewhere', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    expect(loadConfig('worker', worker).mail).toMatchObject({ smtpUrl: 'smtp://127.0.0.1:1025', publicUrl: 'http://127.0.0.1:4000', deliverySeconds: 10 });
    expect(() => loadConfig('worker', { ...worker, NODE_ENV: 'production' })).toThrow(/SMTP_URL is required in production[\s\S]*MAIL_FROM is required[\s\S]*PUBLIC_URL is required/);
    expect(() => loadConfig('worker', { ...worker, SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL must be a smtp or smtps URL/);
    // In production the worker also needs the document storage (a terminated organization's files are deleted with its rows).
    expect(() => loadConfig('worker', { ...worker, NODE_ENV: 'production', SMTP_URL: 'smtps://u:p@mail.example.org', MAIL_FROM: 'Credence <no-reply@example.org>', PUBLIC_URL: 'https://app.example.org/' })).toThrow(/STORAGE_DIR is required/);
    expect(loadConfig('worker', worker).storageDir).toBeNull();
    const production = loadConfig('worker', { ...worker, NODE_ENV: 'production', SMTP_URL: 'smtps://u:p@mail.example.org', MAIL_FROM: 'Credence <no-reply@example.org>', PUBLIC_URL: 'https://app.example.org/', STORAGE_DIR: '/var/lib/credence/storage' });
    expect(production.storageDir).toBe('/var/lib/credence/storage');
    expect(production.mail).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.org', publicUrl: 'https://app.example.org' });
  });

  it('takes the exclusion lists\' addresses and import interval, with the OIG\'s LEIE and no SAM by default', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    expect(loadConfig('worker', worker).exclusionLists).toEqual({ leieUrl: 'https://oig.hhs.gov/exclusions/downloadables/UPDATED.csv', samUrl: null, importHours: 24 });
    expect(loadConfig('worker', { ...worker, LEIE_URL: 'http://127.0.0.1:9/UPDATED.csv', SAM_EXCLUSIONS_URL: 'https://example.org/sam.csv', EXCLUSION_IMPORT_HOURS: '6' }).exclusionLists)
      .toEqual({ leieUrl: 'http://127.0.0.1:9/UPDATED.csv', samUrl: 'https://example.org/sam.csv', importHours: 6 });
    expect(() => loadConfig('worker', { ...worker, SAM_EXCLUSIONS_URL: 'ftp://example.org/sam.csv', EXCLUSION_IMPORT_HOURS: '0' }))
      .toThrow(/SAM_EXCLUSIONS_URL must be a http or https URL[\s\S]*EXCLUSION_IMPORT_HOURS must be a whole number from 1 to 744/);
  });

  it('sends security alerts to SECURITY_CONTACT_EMAIL, else to the mailto: of SECURITY_CONTACT, scanning every 10 s by default', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    expect(loadConfig('worker', worker).securityAlerts).toEqual({ scanSeconds: 10, contactEmail: null });
    expect(loadConfig('worker', { ...worker, SECURITY_CONTACT: 'mailto:security@example.org', ANOMALY_SCAN_SECONDS: '3' }).securityAlerts).toEqual({ scanSeconds: 3, contactEmail: 'security@example.org' });
    expect(loadConfig('worker', { ...worker, SECURITY_CONTACT: 'mailto:security@example.org', SECURITY_CONTACT_EMAIL: 'soc@example.org' }).securityAlerts.contactEmail).toBe('soc@example.org');
    expect(loadConfig('worker', { ...worker, SECURITY_CONTACT: 'https://example.org/security' }).securityAlerts.contactEmail).toBeNull();
    expect(() => loadConfig('worker', { ...worker, SECURITY_CONTACT_EMAIL: 'not an address' })).toThrow(/SECURITY_CONTACT_EMAIL must be an email address/);
  });

  it('takes the export window of a terminated organization as an ISO 8601 duration: P90D by default, never under P30D in production, anything elsewhere', () => {
    const identity = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/credence', CONTEXT_PUBLIC_KEYS: contextPublicKey, TOKEN_SIGNING_KEYS: 'a2V5LW9uZQ==', KEYRING_FILE: '/k.json', ...downloads };
    const problemsOf = (env: Record<string, string>) => configProblems('identity', { ...identity, ...env });
    expect(loadConfig('identity', identity).offboarding.exportWindowMs).toBe(90 * 86_400_000);
    expect(loadConfig('identity', { ...identity, NODE_ENV: 'test', ORGANIZATION_EXPORT_WINDOW: 'PT5S' }).offboarding.exportWindowMs).toBe(5_000);
    expect(loadConfig('identity', { ...identity, ORGANIZATION_EXPORT_WINDOW: 'P1W2DT1H30M' }).offboarding.exportWindowMs).toBe((9 * 24 + 1.5) * 3_600_000);
    expect(problemsOf({ NODE_ENV: 'production', ORGANIZATION_EXPORT_WINDOW: 'P29D' })).toMatch(/ORGANIZATION_EXPORT_WINDOW must be at least P30D in production/);
    expect(problemsOf({ NODE_ENV: 'production', ORGANIZATION_EXPORT_WINDOW: 'P30D' })).not.toMatch(/ORGANIZATION_EXPORT_WINDOW/);
    for (const bad of ['90', 'P', 'PT', 'P1M', 'P1Y', 'P0D', '-P5D', 'P5DT']) expect(problemsOf({ ORGANIZATION_EXPORT_WINDOW: bad })).toMatch(/ORGANIZATION_EXPORT_WINDOW must be a positive ISO 8601 duration/);
  });

  it('takes the backup deadline after a termination as an ISO 8601 duration: P180D by default, never over P180D in production nor shorter than the export window, checked daily unless told', () => {
    const identity = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/credence', CONTEXT_PUBLIC_KEYS: contextPublicKey, TOKEN_SIGNING_KEYS: 'a2V5LW9uZQ==', KEYRING_FILE: '/k.json', ...downloads };
    const problemsOf = (env: Record<string, string>) => configProblems('identity', { ...identity, ...env });
    expect(loadConfig('identity', identity).offboarding).toMatchObject({ backupDeadlineMs: 180 * 86_400_000, backupCheckIntervalMs: 86_400_000 });
    expect(loadConfig('identity', { ...identity, NODE_ENV: 'test', ORGANIZATION_EXPORT_WINDOW: 'PT4S', OFFBOARDING_BACKUP_DEADLINE: 'PT10S', OFFBOARDING_BACKUP_CHECK_INTERVAL: 'PT1S' }).offboarding)
      .toMatchObject({ backupDeadlineMs: 10_000, backupCheckIntervalMs: 1_000 });
    expect(problemsOf({ NODE_ENV: 'production', OFFBOARDING_BACKUP_DEADLINE: 'P181D' })).toMatch(/OFFBOARDING_BACKUP_DEADLINE must be at most P180D in production/);
    expect(problemsOf({ NODE_ENV: 'production', OFFBOARDING_BACKUP_DEADLINE: 'P180D' })).not.toMatch(/OFFBOARDING_BACKUP_DEADLINE/);
    expect(problemsOf({ NODE_ENV: 'test', OFFBOARDING_BACKUP_DEADLINE: 'P1Y' })).toMatch(/OFFBOARDING_BACKUP_DEADLINE must be a positive ISO 8601 duration/);
    expect(problemsOf({ OFFBOARDING_BACKUP_DEADLINE: 'P30D' })).toMatch(/OFFBOARDING_BACKUP_DEADLINE \(P30D\) must not be shorter than ORGANIZATION_EXPORT_WINDOW \(P90D\)/);
    for (const bad of ['1', 'P0D', 'PT']) expect(problemsOf({ OFFBOARDING_BACKUP_CHECK_INTERVAL: bad })).toMatch(/OFFBOARDING_BACKUP_CHECK_INTERVAL must be a positive ISO 8601 duration/);
  });

  it('takes the key rotation periods as ISO 8601 durations with years and months: P1Y by default, never under P1D in production, anything elsewhere', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    const problemsOf = (env: Record<string, string>) => configProblems('worker', { ...worker, ...env });
    expect(loadConfig('worker', worker).keyRotation).toEqual({ dataKeyPeriod: 'P1Y', kekPeriod: 'P1Y' });
    expect(loadConfig('worker', { ...worker, NODE_ENV: 'test', DATA_KEY_ROTATION_PERIOD: 'PT5S', KEK_ROTATION_PERIOD: 'P1Y6M' }).keyRotation).toEqual({ dataKeyPeriod: 'PT5S', kekPeriod: 'P1Y6M' });
    expect(problemsOf({ NODE_ENV: 'production', DATA_KEY_ROTATION_PERIOD: 'PT23H', KEK_ROTATION_PERIOD: 'PT1S' })).toMatch(/DATA_KEY_ROTATION_PERIOD must be at least P1D in production[\s\S]*KEK_ROTATION_PERIOD must be at least P1D in production/);
    expect(problemsOf({ NODE_ENV: 'production', DATA_KEY_ROTATION_PERIOD: 'P6M', KEK_ROTATION_PERIOD: 'P2Y' })).not.toMatch(/ROTATION_PERIOD/);
    for (const bad of ['1Y', 'P', 'PT', 'P0Y', 'P1YT', '-P1Y', 'P1.5Y', 'P1D1Y']) expect(problemsOf({ KEK_ROTATION_PERIOD: bad })).toMatch(/KEK_ROTATION_PERIOD must be a positive ISO 8601 duration/);
    expect([parseCalendarDuration('P1Y'), parseCalendarDuration('P1M'), parseCalendarDuration('P1YT1S')]).toEqual([365 * 86_400_000, 30 * 86_400_000, 365 * 86_400_000 + 1000]);
  });

  it('keeps backups of its own only with BACKUP_DIR, which needs the cluster, its spool and the backup keys', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    expect(loadConfig('worker', worker).backups).toBeNull();
    expect(loadConfig('worker', worker).metricsPort).toBe(9465);
    const local = { ...worker, BACKUP_DIR: '/backups', BACKUP_CLUSTER_DIR: '/data/postgres', BACKUP_WAL_SPOOL_DIR: '/data/wal-spool', BACKUP_KEYRING_FILE: '/keys/backup-keyring.json' };
    expect(loadConfig('worker', local).backups).toEqual({
      backupDir: '/backups', clusterDir: '/data/postgres', spoolDir: '/data/wal-spool', keys: { keys: [], keyringFile: '/keys/backup-keyring.json' }, baseHours: 1, walSealSeconds: 10, retentionDays: 35,
    });
    expect(() => loadConfig('worker', { ...worker, BACKUP_DIR: '/backups', BACKUP_KEYS: Buffer.alloc(16, 1).toString('base64'), BACKUP_RETENTION_DAYS: '0' }))
      .toThrow(/BACKUP_DIR needs BACKUP_CLUSTER_DIR[\s\S]*BACKUP_KEYS must be 32-byte keys[\s\S]*BACKUP_RETENTION_DAYS must be a whole number from 1 to 3650/);
    const { BACKUP_KEYRING_FILE: _keyring, ...withoutKeys } = local;
    expect(() => loadConfig('worker', withoutKeys)).toThrow(/Backups need their keys: set BACKUP_KEYRING_FILE/);
  });

  it('backs up through pgBackRest or WAL-G with BACKUP_ADAPTER, passing the tool its own settings and nothing else of the worker\'s', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64'), PATH: '/usr/bin' };
    expect(loadConfig('worker', worker).backupTool).toBeNull();
    expect(loadConfig('worker', { ...worker, BACKUP_DIR: '/b', BACKUP_CLUSTER_DIR: '/d', BACKUP_WAL_SPOOL_DIR: '/s', BACKUP_KEYRING_FILE: '/k' }).backupTool).toBeNull();

    const pgbackrest = loadConfig('worker', { ...worker, BACKUP_ADAPTER: 'pgbackrest', PGBACKREST_STANZA: 'credence', PGBACKREST_REPO1_CIPHER_PASS: 'secret', BACKUP_RETENTION_DAYS: '30' });
    expect(pgbackrest.backups).toBeNull();
    expect(pgbackrest.backupTool).toEqual({
      adapter: 'pgbackrest', bin: 'pgbackrest', stanza: 'credence', retentionDays: 30, purgeHours: 24,
      env: { PATH: '/usr/bin', PGBACKREST_STANZA: 'credence', PGBACKREST_REPO1_CIPHER_PASS: 'secret' },
    });
    const walG = loadConfig('worker', { ...worker, BACKUP_ADAPTER: 'wal-g', WALG_BIN: '/opt/wal-g', WALG_S3_PREFIX: 's3://bucket/credence', AWS_REGION: 'us-east-1', PGHOST: '/run/postgresql', BACKUP_PURGE_HOURS: '6' });
    expect(walG.backupTool).toEqual({
      adapter: 'wal-g', bin: '/opt/wal-g', retentionDays: 35, purgeHours: 6,
      env: { PATH: '/usr/bin', WALG_S3_PREFIX: 's3://bucket/credence', AWS_REGION: 'us-east-1', PGHOST: '/run/postgresql' },
    });
    // The worker's own secrets never reach the tool.
    expect(Object.keys(walG.backupTool!.env)).not.toContain('AUDIT_SIGNING_KEY');

    expect(() => loadConfig('worker', { ...worker, BACKUP_ADAPTER: 'barman' })).toThrow(/BACKUP_ADAPTER must be local, pgbackrest or wal-g \(got "barman"\)/);
    expect(() => loadConfig('worker', { ...worker, BACKUP_ADAPTER: 'local' })).toThrow(/BACKUP_ADAPTER=local keeps the backups in BACKUP_DIR: set it/);
    expect(() => loadConfig('worker', { ...worker, BACKUP_ADAPTER: 'pgbackrest' })).toThrow(/BACKUP_ADAPTER=pgbackrest needs PGBACKREST_STANZA/);
    expect(() => loadConfig('worker', { ...worker, BACKUP_ADAPTER: 'pgbackrest', PGBACKREST_STANZA: '--repo=2' })).toThrow(/PGBACKREST_STANZA must be a stanza name/);
    expect(() => loadConfig('worker', { ...worker, BACKUP_ADAPTER: 'wal-g' })).toThrow(/BACKUP_ADAPTER=wal-g needs WAL-G's storage in the worker's environment: set one of WALG_S3_PREFIX/);
    expect(() => loadConfig('worker', { ...worker, BACKUP_ADAPTER: 'wal-g', WALG_FILE_PREFIX: '/backups', BACKUP_DIR: '/b' })).toThrow(/backed up by WAL-G, so the worker takes none itself: unset BACKUP_DIR/);
  });

  it('requires the key-encryption keys of field encryption, each of 32 bytes', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64') };
    expect(() => loadConfig('worker', worker)).toThrow(/set KEYRING_FILE .* or KEY_ENCRYPTION_KEYS/);
    expect(() => loadConfig('worker', { ...worker, KEY_ENCRYPTION_KEYS: Buffer.alloc(16, 5).toString('base64') })).toThrow(/KEY_ENCRYPTION_KEYS must be 32-byte keys/);
    const keys = [Buffer.alloc(32, 6), Buffer.alloc(32, 5)].map((key) => key.toString('base64')).join(',');
    expect(loadConfig('worker', { ...worker, KEY_ENCRYPTION_KEYS: keys }).keyEncryption.keys).toHaveLength(2);
  });

  it('takes the gateway\'s trusted proxies as a hop count or addresses, never as true', () => {
    const gateway = (env: Record<string, string>) => loadConfig('gateway', { CONTEXT_SIGNING_KEY: contextSigningKey, DOCUMENT_GRANT_SECRET: grantSecret, ...downloads, ...env });
    expect(gateway({}).trustProxy).toBe(false);
    expect(gateway({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(gateway({ TRUST_PROXY: '10.0.0.0/8, fd00::/8, 192.0.2.1, loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'fd00::/8', '192.0.2.1', 'loopback']);
    expect(() => gateway({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true would take any client's X-Forwarded-For .* set the number of proxies/);
    expect(() => gateway({ TRUST_PROXY: '10.0.0.0/33,proxy.internal' })).toThrow(/"10\.0\.0\.0\/33" is not an IP address[\s\S]*"proxy\.internal" is not an IP address/);
  });

  it('redirects plain HTTP only beside TLS, towards an https PUBLIC_URL', () => {
    const gateway = (env: Record<string, string>) => loadConfig('gateway', { CONTEXT_SIGNING_KEY: contextSigningKey, DOCUMENT_GRANT_SECRET: grantSecret, ...downloads, ...env });
    expect(gateway({}).httpRedirectPort).toBeNull();
    expect(() => gateway({ HTTP_REDIRECT_PORT: '8080' })).toThrow(/HTTP_REDIRECT_PORT redirects plain HTTP to HTTPS: it needs TLS_CERT_FILE and TLS_KEY_FILE[\s\S]*PUBLIC_URL, which must then be an https URL/);
    const tls = { TLS_CERT_FILE: '/etc/credence/cert.pem', TLS_KEY_FILE: '/etc/credence/key.pem', PUBLIC_URL: 'https://credence.example.org' };
    expect(gateway({ ...tls, HTTP_REDIRECT_PORT: '8080' }).httpRedirectPort).toBe(8080);
  });

  describe('verification sources (worker)', () => {
    const worker = { DATABASE_URL: 'postgres://x@h/db', AUDIT_SIGNING_KEY: Buffer.alloc(48, 1).toString('base64'), KEY_ENCRYPTION_KEYS: Buffer.alloc(32, 5).toString('base64') };
    const production = { ...worker, NODE_ENV: 'production', SMTP_URL: 'smtps://u:p@mail.example.org', MAIL_FROM: 'Credence <no-reply@example.org>', PUBLIC_URL: 'https://app.example.org', STORAGE_DIR: '/var/lib/credence/storage' };
    const problemsOf = (env: Record<string, string>) => configProblems('worker', env);

    it('asks the public NPI Registry and leaves every other source to people by default', () => {
      expect(loadConfig('worker', worker).verificationSources).toEqual({
        nppesUrl: 'https://npiregistry.cms.hhs.gov',
        stateBoardUrl: null,
        stateBoardStates: [],
        stateBoardApiKey: null,
        deaUrl: null,
        boardCertificationUrl: null,
        npdbUrl: null,
        sourceTimeoutMs: 10_000,
        sourceAttempts: 3,
        sourceRetryBaseMs: 500,
      });
    });

    it('covers every state, DC and the territories with a license lookup unless told which', () => {
      const all = loadConfig('worker', { ...worker, STATE_LICENSE_LOOKUP_URL: 'http://127.0.0.1:7001/', STATE_LICENSE_LOOKUP_API_KEY: 'lookup-key' }).verificationSources;
      expect(all.stateBoardUrl).toBe('http://127.0.0.1:7001');
      expect(all.stateBoardApiKey).toBe('lookup-key');
      expect(all.stateBoardStates).toEqual(expect.arrayContaining(['CA', 'NY', 'DC', 'PR', 'GU']));
      expect(all.stateBoardStates).toHaveLength(56);
      const some = loadConfig('worker', { ...worker, STATE_LICENSE_LOOKUP_URL: 'http://127.0.0.1:7001', STATE_LICENSE_LOOKUP_STATES: 'ca, ny,CA' }).verificationSources;
      expect(some.stateBoardStates).toEqual(['CA', 'NY']);
    });

    it('takes loopback http in development and https anywhere, with the retry settings given', () => {
      const config = loadConfig('worker', {
        ...worker, NPPES_URL: 'http://localhost:7000', DEA_LOOKUP_URL: 'https://dea.example.org/lookup', BOARD_CERTIFICATION_URL: 'http://[::1]:7003', NPDB_URL: 'https://npdb.example.org',
        SOURCE_TIMEOUT_MS: '2500', SOURCE_ATTEMPTS: '5', SOURCE_RETRY_BASE_MS: '0',
      }).verificationSources;
      expect(config).toMatchObject({ nppesUrl: 'http://localhost:7000', deaUrl: 'https://dea.example.org/lookup', boardCertificationUrl: 'http://[::1]:7003', npdbUrl: 'https://npdb.example.org', sourceTimeoutMs: 2500, sourceAttempts: 5, sourceRetryBaseMs: 0 });
    });

    it('requires https for every source in production', () => {
      const problems = problemsOf({ ...production, NPPES_URL: 'http://127.0.0.1:7000', STATE_LICENSE_LOOKUP_URL: 'http://127.0.0.1:7001', DEA_LOOKUP_URL: 'http://127.0.0.1:7002', BOARD_CERTIFICATION_URL: 'http://127.0.0.1:7003', NPDB_URL: 'http://127.0.0.1:7004' });
      for (const name of ['NPPES_URL', 'STATE_LICENSE_LOOKUP_URL', 'DEA_LOOKUP_URL', 'BOARD_CERTIFICATION_URL', 'NPDB_URL']) {
        expect(problems).toContain(`${name} must be an https URL in production`);
      }
      expect(loadConfig('worker', { ...production, NPDB_URL: 'https://npdb.example.org' }).verificationSources.npdbUrl).toBe('https://npdb.example.org');
    });

    it('reports bad values by variable name, without echoing them', () => {
      const problems = problemsOf({
        ...worker, NPPES_URL: 'ftp://npi.example.org', DEA_LOOKUP_URL: 'http://dea.example.org', BOARD_CERTIFICATION_URL: 'not a url', NPDB_URL: 'https://user:hunter2@npdb.example.org/?key=1',
        STATE_LICENSE_LOOKUP_STATES: 'CA,XX', SOURCE_TIMEOUT_MS: '10', SOURCE_ATTEMPTS: '0', SOURCE_RETRY_BASE_MS: 'soon',
      });
      expect(problems).toMatch(/NPPES_URL must be a http or https URL/);
      expect(problems).toMatch(/DEA_LOOKUP_URL may use http only on loopback/);
      expect(problems).toMatch(/BOARD_CERTIFICATION_URL is not a valid URL/);
      expect(problems).toMatch(/NPDB_URL must not carry a user or password/);
      expect(problems).toMatch(/NPDB_URL must be a base URL without a query or fragment/);
      expect(problems).toMatch(/STATE_LICENSE_LOOKUP_STATES must list USPS codes .*"XX"/);
      expect(problems).toMatch(/STATE_LICENSE_LOOKUP_STATES needs STATE_LICENSE_LOOKUP_URL/);
      expect(problems).toMatch(/SOURCE_TIMEOUT_MS must be a whole number from 100 to 120000/);
      expect(problems).toMatch(/SOURCE_ATTEMPTS must be a whole number from 1 to 10/);
      expect(problems).toMatch(/SOURCE_RETRY_BASE_MS must be a whole number from 0 to 60000/);
      expect(problems).not.toContain('hunter2');
    });
  });
});
