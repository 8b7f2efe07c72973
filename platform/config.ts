// The one configuration loader. Each entry point calls `loadConfig(service, env)` once; every
// problem in the environment is reported together, by variable name, before anything starts.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { US_JURISDICTIONS } from './us-jurisdictions.ts';

export type RuntimeEnv = 'development' | 'test' | 'production';
export type SubgraphName = 'identity' | 'credentials' | 'audit';
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['identity', 'credentials', 'audit'];
export type ServiceName = 'gateway' | SubgraphName | 'worker' | 'migrate';

interface BaseConfig {
  service: ServiceName;
  env: RuntimeEnv;
  logLevel: string;
}

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
}

export interface GatewayConfig extends BaseConfig {
  host: string;
  port: number;
  /**
   * CONTEXT_SIGNING_KEY: the Ed25519 private key that signs caller contexts. The gateway alone
   * holds it; subgraphs verify with its public key and cannot mint a context.
   */
  contextSigningKey: KeyObject;
  subgraphUrls: Record<SubgraphName, string>;
  /** DOCUMENT_GRANT_SECRET: checks document links before their bodies are read (see CredentialsConfig). */
  documentGrantSecret: Uint8Array;
  /** How long a subgraph call may take before its fields answer with an error. */
  subgraphTimeoutMs: number;
  supergraphPath: string;
  temporal: TemporalConfig;
  /**
   * TRUST_PROXY: whose X-Forwarded-For names the client, in the form of express's `trust proxy`:
   * false (nobody's), a number of proxy hops in front of the gateway, or the proxies' addresses,
   * CIDR ranges and range names (loopback, linklocal, uniquelocal).
   */
  trustProxy: false | number | string[];
  downloads: DownloadConfig;
  /** Origins allowed by CORS; none by default. */
  corsOrigins: string[];
  /** Contact for /.well-known/security.txt (RFC 9116): a mailto: or https: URI. */
  securityContact: string;
  tls: { certFile: string; keyFile: string } | null;
  /** HTTP_REDIRECT_PORT: with TLS, a plain-HTTP port that answers every request with a 308 to PUBLIC_URL; null: none. */
  httpRedirectPort: number | null;
  /** Prometheus metrics, on their own address (never the public port); port 0 turns them off. */
  metricsHost: string;
  metricsPort: number;
  /** Request budgets per minute (kept where `redisUrl` says). */
  rateLimits: { perIpPerMinute: number; perUserPerMinute: number; authPerIpPerMinute: number };
  /**
   * REDIS_URL: where gateway copies share their rate-limit budgets and the webhook ids they have
   * received, so that several copies behind one address act as one; without it, each copy keeps
   * them in its own memory.
   */
  redisUrl: string | null;
  /** Trusted documents: with `required`, only operations listed in the manifest run. */
  persistedOperations: { mode: 'off' | 'required'; manifestPath: string | null };
  /** Inbound webhook secrets by source name. */
  webhookSecrets: Record<string, Uint8Array>;
  /** Where identity publishes the keys of access tokens (JWKS), and how often revoked sessions are fetched. */
  accessTokens: { jwksUrl: string; revocationPollSeconds: number };
}

/** Files handed out through signed, time-limited URLs served by the gateway (/downloads/...). */
export interface DownloadConfig {
  storageDir: string;
  urlSigningSecret: Uint8Array;
  /** The gateway's public base URL, from which download links are built. */
  publicUrl: string;
}

export interface SubgraphConfig extends BaseConfig {
  service: SubgraphName;
  host: string;
  port: number;
  databaseUrl: string;
  /** CONTEXT_PUBLIC_KEYS: the gateway's Ed25519 public keys (any of them verifies, for rotation). */
  contextPublicKeys: KeyObject[];
  downloads: DownloadConfig;
}

export interface IdentityConfig extends SubgraphConfig {
  service: 'identity';
  /** Ed25519 private keys (PKCS#8 DER) for access tokens: the first signs, all are published. */
  tokenSigningKeys: Uint8Array[];
  /** Base URL of a Have I Been Pwned range API (k-anonymity). */
  breachedPasswordsUrl: string;
  /** TOTP secrets are encrypted under the platform's data key, wrapped by these key-encryption keys. */
  keyEncryption: KeyEncryptionConfig;
  /** TEMPORAL_ADDRESS, ...: where a terminated organization's offboarding workflow is started. */
  temporal: TemporalConfig;
  offboarding: OffboardingConfig;
  /** SUPPORT_ACCESS_MAX_MINUTES: the longest break-glass support access grant (240 unless set, at most 720). */
  supportAccess: { maxMinutes: number };
}

/** What happens to a terminated organization (workflows/organization-offboarding/). */
export interface OffboardingConfig {
  /**
   * ORGANIZATION_EXPORT_WINDOW: an ISO 8601 duration (default P90D) during which the owners may
   * still export; then the organization's data is destroyed. Never under P30D in production.
   */
  exportWindowMs: number;
  /** OFFBOARDING_REMINDERS: ISO 8601 durations before the window closes when the owners are reminded (P30D,P7D,P1D). */
  remindersBeforeEndMs: number[];
  /** How often terminations whose workflow did not start (Temporal was down) are started again. */
  startSweepMs: number;
  /** OFFBOARDING_DELETION_BATCH_ROWS: rows deleted per batch (one short transaction each). */
  deletionBatchRows: number;
  /**
   * OFFBOARDING_BACKUP_DEADLINE: an ISO 8601 duration from the termination (default P180D) by
   * which no backup older than the deletion may remain: those left then are purged. Never over
   * P180D in production, never shorter than the export window.
   */
  backupDeadlineMs: number;
  /** OFFBOARDING_BACKUP_CHECK_INTERVAL: how often the backups are checked before the deadline (P1D): the certificate is issued as soon as none older than the deletion remains. */
  backupCheckIntervalMs: number;
}

/** Where the key-encryption keys of field encryption come from: keys from the environment, else a keyring file. */
export interface KeyEncryptionConfig {
  /** KEY_ENCRYPTION_KEYS: 32-byte keys, newest first (the first wraps, all unwrap). */
  keys: Uint8Array[];
  /** KEYRING_FILE: a keyring created on first start with owner-only permissions. */
  keyringFile: string | null;
}

export interface CredentialsConfig extends SubgraphConfig {
  service: 'credentials';
  /** TEMPORAL_ADDRESS, ...: where verification decisions are handed to their workflows. */
  temporal: TemporalConfig;
  /** VERIFICATION_REVIEW_HOURS: the review window of an organization that has not set its own (the worker's default too). */
  verificationReviewHours: number;
  keyEncryption: KeyEncryptionConfig;
  documents: {
    maxBytes: number;
    /** How long signed upload and download URLs stay valid. */
    urlSeconds: number;
    /**
     * DOCUMENT_GRANT_SECRET: signs document links. Only the credentials subgraph and the gateway
     * hold it, so no other subgraph can mint a link to a document (URL_SIGNING_SECRET, which
     * every service holds, signs export links only).
     */
    grantSecret: Uint8Array;
  };
}

export interface AuditConfig extends SubgraphConfig {
  service: 'audit';
  /** TEMPORAL_ADDRESS, ...: where incidents' breach-notification workflows are started and their decisions handed. */
  temporal: TemporalConfig;
  /** AUDIT_INLINE_MAX_EVENTS: the most events verifyAuditChain and exportAuditLog work through in one request (more: AUDIT_RANGE_TOO_LARGE, use the background jobs). */
  inlineMaxEvents: number;
}

export interface WorkerConfig extends BaseConfig {
  databaseUrl: string;
  temporal: TemporalConfig;
  /** Ed25519 private key (PKCS#8 DER) that signs audit checkpoints. */
  auditSigningKey: Uint8Array;
  auditCheckpointMinutes: number;
  /** AUDIT_JOB_CHUNK_EVENTS: how many events a background audit job works through between two progress records (and heartbeats). */
  auditJobChunkEvents: number;
  keyEncryption: KeyEncryptionConfig;
  mail: MailConfig;
  verificationSources: VerificationSourcesConfig;
  verification: VerificationConfig;
  exclusionLists: ExclusionListsConfig;
  /**
   * STORAGE_DIR: where document files are kept (the subgraphs' storage), so that a terminated
   * organization's files are deleted with its rows. Required in production; elsewhere, without it,
   * files are left (unreadable once the organization's keys are destroyed).
   */
  storageDir: string | null;
  webhooks: WebhooksConfig;
  /** Prometheus metrics (activity failures, outbox backlog) on their own address; port 0 turns them off. */
  metricsHost: string;
  metricsPort: number;
  /** The embedded cluster's backups (BACKUP_DIR set, BACKUP_ADAPTER=local); null where the database is backed up by its own tools (pgBackRest, WAL-G). */
  backups: LocalBackupsConfig | null;
  /** BACKUP_ADAPTER=pgbackrest or wal-g: the operator's tool takes the backups on its own schedule; the worker lists and purges them through it. */
  backupTool: BackupToolConfig | null;
  securityAlerts: SecurityAlertsConfig;
  keyRotation: KeyRotationConfig;
}

/**
 * Field encryption's keys rotated on a schedule (workflows/data-key-rotation): periods as ISO 8601
 * durations, years and months included (PostgreSQL compares them to the keys' dates by the calendar).
 */
export interface KeyRotationConfig {
  /** DATA_KEY_ROTATION_PERIOD (P1Y): an organization's data key older than this gets a new version, its rows re-encrypted. */
  dataKeyPeriod: string;
  /** KEK_ROTATION_PERIOD (P1Y): a key-encryption key that has wrapped the data keys this long is replaced, and they are re-wrapped. */
  kekPeriod: string;
}

/**
 * Backups of a cluster on the worker's own machine (platform/backups): its WAL, spooled by
 * PostgreSQL's basic_archive, sealed every few seconds; a base backup every few hours; both kept
 * for the retention period.
 */
export interface LocalBackupsConfig {
  /** BACKUP_DIR: where the sealed files are kept (base/, wal/). */
  backupDir: string;
  /** BACKUP_CLUSTER_DIR: the cluster's data directory, copied by base backups. */
  clusterDir: string;
  /** BACKUP_WAL_SPOOL_DIR: basic_archive.archive_directory of the cluster. */
  spoolDir: string;
  /** BACKUP_KEYS or BACKUP_KEYRING_FILE: the backup keys, newest first (a keyring like field encryption's). */
  keys: KeyEncryptionConfig;
  /** BACKUP_BASE_HOURS: how often a base backup is taken. */
  baseHours: number;
  /** BACKUP_WAL_SEAL_SECONDS: how often spooled WAL is sealed. */
  walSealSeconds: number;
  /** BACKUP_RETENTION_DAYS: base backups older than this are purged, with the WAL only they needed. */
  retentionDays: number;
}

/**
 * The backup tool the operator runs (BACKUP_ADAPTER), asked by the offboarding's confirmation and
 * the retention purge; it takes the base backups and archives the WAL itself.
 */
export type BackupToolConfig =
  | ({ adapter: 'pgbackrest'; /** PGBACKREST_STANZA */ stanza: string } & BackupToolCommon)
  | ({ adapter: 'wal-g' } & BackupToolCommon);

interface BackupToolCommon {
  /** PGBACKREST_BIN or WALG_BIN: the executable (default the name, looked up in PATH). */
  bin: string;
  /** The environment it runs with: PATH, HOME and the tool's own settings from the worker's, nothing else. */
  env: Record<string, string>;
  /** BACKUP_RETENTION_DAYS: backups older than this are purged through the tool (never its newest full backup). */
  retentionDays: number;
  /** BACKUP_PURGE_HOURS: how often that purge runs. */
  purgeHours: number;
}

/** What a backup tool is given of the worker's environment: its own settings and where its storage's credentials are read. */
const BACKUP_TOOL_ENVIRONMENT: Record<BackupToolConfig['adapter'], RegExp> = {
  pgbackrest: /^(PATH|HOME|TMPDIR|LANG|LC_[A-Z]+|TZ|PGBACKREST_.+)$/,
  'wal-g': /^(PATH|HOME|TMPDIR|LANG|LC_[A-Z]+|TZ|WALG_.+|WALE_.+|PG[A-Z]+|AWS_.+|GOOGLE_.+|GCS_.+|AZURE_.+|AZ_.+|SWIFT_.+|OS_.+|SSH_.+|S3_.+|YC_.+|TOTAL_BG_UPLOADED_LIMIT|UPLOAD_.+)$/,
};
/** Settings of this worker's that the tool would read as its own (pgBackRest warns on an unknown PGBACKREST_ option). */
const NOT_THE_TOOLS = new Set(['PGBACKREST_BIN', 'WALG_BIN']);
/** Where WAL-G keeps its backups: one of these must be set. */
const WALG_STORAGES = ['WALG_S3_PREFIX', 'WALE_S3_PREFIX', 'WALG_GS_PREFIX', 'WALG_AZ_PREFIX', 'WALG_SWIFT_PREFIX', 'WALG_FILE_PREFIX', 'WALG_SSH_PREFIX'];

/** Anomaly alerting over the audit stream (workflows/anomaly-detection). */
export interface SecurityAlertsConfig {
  /** ANOMALY_SCAN_SECONDS: how often the worker reads the new audit events. */
  scanSeconds: number;
  /** SECURITY_CONTACT_EMAIL, else the mailto: of SECURITY_CONTACT: the platform's security contact, sent every alert. */
  contactEmail: string | null;
}

/** Webhooks out (platform/webhooks-out): production sends only to public addresses over https. */
export interface WebhooksConfig {
  /** WEBHOOK_DELIVERY_SECONDS: how often the worker sends due deliveries. */
  deliverySeconds: number;
  /** WEBHOOK_TIMEOUT_SECONDS: how long one POST to an endpoint may take. */
  timeoutSeconds: number;
}

/**
 * The primary sources that credential verification asks (workflows/credential-verification/sources).
 * A source left unset (null) is verified by a person instead. Every URL is a base: requests go
 * to paths under it and nowhere else. Production requires https; development and tests allow http
 * on loopback only (the local stand-ins).
 */
export interface VerificationSourcesConfig {
  /** NPPES_URL: the NPI Registry (its API answers at /api/). */
  nppesUrl: string;
  /** STATE_LICENSE_LOOKUP_URL: a license lookup service for state boards; null: licenses are checked by hand. */
  stateBoardUrl: string | null;
  /** STATE_LICENSE_LOOKUP_STATES: the jurisdictions that service covers (all of them unless told). */
  stateBoardStates: string[];
  /** STATE_LICENSE_LOOKUP_API_KEY: sent as a bearer token to the lookup service. */
  stateBoardApiKey: string | null;
  /** DEA_LOOKUP_URL: a DEA registration lookup. */
  deaUrl: string | null;
  /** BOARD_CERTIFICATION_URL: an ABMS-style certification lookup. */
  boardCertificationUrl: string | null;
  /** NPDB_URL: the National Practitioner Data Bank's query interface. */
  npdbUrl: string | null;
  /** How long one request to a source may take. */
  sourceTimeoutMs: number;
  /** How many requests one check makes before it reports the source unavailable. */
  sourceAttempts: number;
  /** The first retry's delay; each next one doubles, with jitter. */
  sourceRetryBaseMs: number;
}

/** How credential verification paces itself (workflows/credential-verification). */
export interface VerificationConfig {
  /** VERIFICATION_DISPATCH_SECONDS: how often pending verification requests are handed to their workflows. */
  dispatchSeconds: number;
  timings: {
    /** VERIFICATION_REVIEW_HOURS: a review without a decision for this long is escalated to the organization's admins. */
    reviewWindowMs: number;
    /** SOURCE_RETRY_FIRST_MINUTES, SOURCE_RETRY_MAX_HOURS, SOURCE_GIVE_UP_DAYS: an unavailable source is asked again, at growing intervals, then goes to review. */
    unavailableRetryFirstMs: number;
    unavailableRetryMaxMs: number;
    unavailableGiveUpMs: number;
    /** EXPIRY_REMINDER_DAYS: reminders before a credential expires, in days. */
    reminderDays: number[];
  };
}

/** Where the daily import finds the federal exclusion lists (workflows/exclusion-lists). */
export interface ExclusionListsConfig {
  /** LEIE_URL: the OIG's full LEIE file. */
  leieUrl: string;
  /** SAM_EXCLUSIONS_URL: a SAM.gov Exclusions Public Extract (V2) CSV; null: SAM is not imported. */
  samUrl: string | null;
  /** EXCLUSION_IMPORT_HOURS: how often the lists are imported and physicians screened. */
  importHours: number;
}

/** The mail outbox's delivery (platform/mail-outbox): SMTP_URL is required in production. */
export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** PUBLIC_URL: the base of the links in messages. */
  publicUrl: string;
  /** How often the worker drains the outbox. */
  deliverySeconds: number;
}

export interface MigrateConfig extends BaseConfig {
  /** An owner connection: creates schemas, roles and tables. Never given to a running service. */
  databaseUrl: string;
  /** Passwords to set on the service login roles (optional: operators may manage them elsewhere). */
  servicePasswords: Partial<Record<DatabaseServiceRole, string>>;
}

export type DatabaseServiceRole = SubgraphName | 'worker';

type ConfigFor<S extends ServiceName> = S extends 'gateway'
  ? GatewayConfig
  : S extends 'identity'
    ? IdentityConfig
    : S extends 'credentials'
    ? CredentialsConfig
    : S extends 'audit'
    ? AuditConfig
    : S extends SubgraphName
    ? SubgraphConfig
    : S extends 'worker'
      ? WorkerConfig
      : MigrateConfig;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(service: ServiceName, problems: string[]) {
    super(`Invalid configuration for ${service}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/** Reads variables, collecting every problem instead of stopping at the first. */
class EnvReader {
  readonly problems: string[] = [];
  readonly env: Env;
  constructor(env: Env) {
    this.env = env;
  }

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name) ?? fallback;
    if (!allowed.includes(value as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  integer(name: string, fallback: number, bounds: { min: number; max: number }): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < bounds.min || parsed > bounds.max) {
      this.problems.push(`${name} must be a whole number from ${bounds.min} to ${bounds.max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  list(name: string): string[] {
    return (this.raw(name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  }

  securityContact(): string {
    const fallback = this.env.NODE_ENV === 'production' ? undefined : 'mailto:security@credence.invalid';
    const value = this.raw('SECURITY_CONTACT') ?? fallback;
    if (value === undefined) {
      this.problems.push('SECURITY_CONTACT is required in production (mailto: or https: URI for /.well-known/security.txt)');
      return '';
    }
    if (!/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/.test(value)) this.problems.push('SECURITY_CONTACT must be a mailto: or https: URI');
    return value;
  }

  tls(): { certFile: string; keyFile: string } | null {
    const certFile = this.raw('TLS_CERT_FILE');
    const keyFile = this.raw('TLS_KEY_FILE');
    if (!certFile && !keyFile) return null;
    if (!certFile || !keyFile) {
      this.problems.push('TLS_CERT_FILE and TLS_KEY_FILE go together: set both, or neither');
      return null;
    }
    return { certFile, keyFile };
  }

  /**
   * TRUST_PROXY: unset or false, a hop count, or a list of proxy addresses, CIDRs and express's
   * range names. `true` would take any client's word for its address: refused, with what to set.
   */
  trustProxy(): false | number | string[] {
    const value = this.raw('TRUST_PROXY');
    if (value === undefined || ['false', 'no', '0'].includes(value.toLowerCase())) return false;
    if (['true', 'yes'].includes(value.toLowerCase())) {
      this.problems.push(
        'TRUST_PROXY=true would take any client\'s X-Forwarded-For as its address (and let it escape every per-IP limit): set the number of proxies in front of the gateway (TRUST_PROXY=1 behind one load balancer) or their addresses and CIDRs (TRUST_PROXY=10.0.0.0/8,loopback)',
      );
      return false;
    }
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops > 10) this.problems.push(`TRUST_PROXY must be a hop count from 1 to 10, or proxy addresses and CIDRs (got "${value}")`);
      return hops;
    }
    const entries = this.list('TRUST_PROXY');
    for (const entry of entries) {
      if (!isProxyAddress(entry)) {
        this.problems.push(`TRUST_PROXY: "${entry}" is not an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or one of loopback, linklocal, uniquelocal`);
      }
    }
    return entries;
  }

  /** HTTP_REDIRECT_PORT: only beside TLS, and towards an https PUBLIC_URL. */
  httpRedirectPort(): number | null {
    if (this.raw('HTTP_REDIRECT_PORT') === undefined) return null;
    const port = this.port('HTTP_REDIRECT_PORT');
    if (!this.raw('TLS_CERT_FILE') || !this.raw('TLS_KEY_FILE')) this.problems.push('HTTP_REDIRECT_PORT redirects plain HTTP to HTTPS: it needs TLS_CERT_FILE and TLS_KEY_FILE');
    if (!/^https:\/\//.test(this.raw('PUBLIC_URL') ?? '')) this.problems.push('HTTP_REDIRECT_PORT redirects to PUBLIC_URL, which must then be an https URL');
    return port;
  }

  /** TOKEN_SIGNING_KEYS="<base64 PKCS#8 Ed25519>,<older key>": the first signs, all verify. */
  signingKeys(name: string): Uint8Array[] {
    const keys = this.list(name).map((value) => decodeSecret(value));
    if (keys.length === 0) this.problems.push(`${name} is required (Ed25519 private keys, PKCS#8 DER in base64, comma-separated, newest first)`);
    return keys;
  }

  /** BACKUP_KEYS or BACKUP_KEYRING_FILE: the keys that seal backups, read as field encryption's are. */
  backupKeys(): KeyEncryptionConfig {
    const keys = this.list('BACKUP_KEYS').map((value) => decodeSecret(value));
    if (keys.some((key) => key.length !== 32)) this.problems.push('BACKUP_KEYS must be 32-byte keys (base64 or hex), comma-separated, newest first');
    const keyringFile = this.raw('BACKUP_KEYRING_FILE') ?? null;
    if (keys.length === 0 && !keyringFile) this.problems.push('Backups need their keys: set BACKUP_KEYRING_FILE (created on first start, mode 600) or BACKUP_KEYS');
    return { keys, keyringFile };
  }

  /** BACKUP_ADAPTER: local (the default where BACKUP_DIR is set), pgbackrest or wal-g; none without either. */
  backupAdapter(): 'local' | BackupToolConfig['adapter'] | null {
    const value = this.raw('BACKUP_ADAPTER');
    const backupDir = this.raw('BACKUP_DIR');
    if (value === undefined) return backupDir ? 'local' : null;
    if (value !== 'local' && value !== 'pgbackrest' && value !== 'wal-g') {
      this.problems.push(`BACKUP_ADAPTER must be local, pgbackrest or wal-g (got "${value}")`);
      return null;
    }
    if (value === 'local' && !backupDir) this.problems.push('BACKUP_ADAPTER=local keeps the backups in BACKUP_DIR: set it');
    if (value !== 'local' && backupDir) {
      this.problems.push(`BACKUP_ADAPTER=${value}: the database is backed up by ${value === 'pgbackrest' ? 'pgBackRest' : 'WAL-G'}, so the worker takes none itself: unset BACKUP_DIR`);
    }
    return value;
  }

  backupTool(): BackupToolConfig | null {
    const adapter = this.backupAdapter();
    if (adapter !== 'pgbackrest' && adapter !== 'wal-g') return null;
    const env = Object.fromEntries(Object.entries(this.env).filter((entry): entry is [string, string] => (
      typeof entry[1] === 'string' && BACKUP_TOOL_ENVIRONMENT[adapter].test(entry[0]) && !NOT_THE_TOOLS.has(entry[0])
    )));
    const common = {
      env,
      retentionDays: this.integer('BACKUP_RETENTION_DAYS', 35, { min: 1, max: 3650 }),
      purgeHours: this.integer('BACKUP_PURGE_HOURS', 24, { min: 1, max: 24 * 31 }),
    };
    if (adapter === 'pgbackrest') {
      const stanza = this.raw('PGBACKREST_STANZA');
      if (!stanza) this.problems.push('BACKUP_ADAPTER=pgbackrest needs PGBACKREST_STANZA (the stanza of the Credence cluster, as in pgbackrest.conf)');
      else if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(stanza)) this.problems.push(`PGBACKREST_STANZA must be a stanza name (letters, digits, . _ -), got "${stanza}"`);
      return { adapter, bin: this.raw('PGBACKREST_BIN') ?? 'pgbackrest', stanza: stanza ?? '', ...common };
    }
    if (!WALG_STORAGES.some((name) => this.raw(name))) {
      this.problems.push(`BACKUP_ADAPTER=wal-g needs WAL-G's storage in the worker's environment: set one of ${WALG_STORAGES.join(', ')} (with its credentials)`);
    }
    return { adapter, bin: this.raw('WALG_BIN') ?? 'wal-g', ...common };
  }

  localBackups(): LocalBackupsConfig | null {
    const backupDir = this.raw('BACKUP_DIR');
    if (!backupDir || this.raw('BACKUP_ADAPTER') !== undefined && this.raw('BACKUP_ADAPTER') !== 'local') return null;
    const clusterDir = this.raw('BACKUP_CLUSTER_DIR');
    const spoolDir = this.raw('BACKUP_WAL_SPOOL_DIR');
    if (!clusterDir || !spoolDir) this.problems.push('BACKUP_DIR needs BACKUP_CLUSTER_DIR (the data directory of the cluster) and BACKUP_WAL_SPOOL_DIR (its basic_archive.archive_directory)');
    return {
      backupDir,
      clusterDir: clusterDir ?? '',
      spoolDir: spoolDir ?? '',
      keys: this.backupKeys(),
      baseHours: this.integer('BACKUP_BASE_HOURS', 1, { min: 1, max: 24 * 7 }),
      walSealSeconds: this.integer('BACKUP_WAL_SEAL_SECONDS', 10, { min: 1, max: 3600 }),
      retentionDays: this.integer('BACKUP_RETENTION_DAYS', 35, { min: 1, max: 3650 }),
    };
  }

  keyEncryption(): KeyEncryptionConfig {
    const keys = this.list('KEY_ENCRYPTION_KEYS').map((value) => decodeSecret(value));
    if (keys.some((key) => key.length !== 32)) this.problems.push('KEY_ENCRYPTION_KEYS must be 32-byte keys (base64 or hex), comma-separated, newest first');
    const keyringFile = this.raw('KEYRING_FILE') ?? null;
    if (keys.length === 0 && !keyringFile) {
      this.problems.push('Field encryption needs its key-encryption keys: set KEYRING_FILE (created on first start, mode 600) or KEY_ENCRYPTION_KEYS');
    }
    return { keys, keyringFile };
  }

  /** WEBHOOK_SECRETS="source:secret,other:secret" (secrets of 32+ bytes, base64 or hex). */
  webhookSecrets(): Record<string, Uint8Array> {
    const secrets: Record<string, Uint8Array> = {};
    for (const entry of this.list('WEBHOOK_SECRETS')) {
      const [source, secret] = entry.split(':', 2);
      if (!source || !/^[a-z][a-z0-9-]{1,40}$/.test(source) || !secret) {
        this.problems.push('WEBHOOK_SECRETS must be source:secret pairs separated by commas (source: lowercase letters, digits, -)');
        continue;
      }
      const bytes = decodeSecret(secret);
      if (bytes.length < 32) this.problems.push(`WEBHOOK_SECRETS: the secret of "${source}" must decode to at least 32 bytes`);
      secrets[source] = bytes;
    }
    return secrets;
  }

  persistedOperations(): { mode: 'off' | 'required'; manifestPath: string | null } {
    const mode = this.oneOf('PERSISTED_OPERATIONS', ['off', 'required'] as const, 'off');
    const manifestPath = this.raw('PERSISTED_OPERATIONS_FILE') ?? null;
    if (mode === 'required' && !manifestPath) this.problems.push('PERSISTED_OPERATIONS=required needs PERSISTED_OPERATIONS_FILE (the operations manifest)');
    return { mode, manifestPath };
  }

  port(name: string, fallback?: number): number {
    const value = this.raw(name);
    if (value === undefined) {
      if (fallback !== undefined) return fallback;
      this.problems.push(`${name} is required (a TCP port, 1-65535)`);
      return 0;
    }
    const port = Number(value);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      this.problems.push(`${name} must be a TCP port between 1 and 65535 (got "${value}")`);
      return 0;
    }
    return port;
  }

  url(name: string, protocols: readonly string[], fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) {
      this.problems.push(`${name} is required (${protocols.join(' or ')} URL)`);
      return '';
    }
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL (got protocol "${url.protocol}")`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return value;
  }

  /** A server URL that may be left unset (null). Its value is never echoed: it may hold a password. */
  optionalServerUrl(name: string, protocols: readonly string[], example: string): string | null {
    const value = this.raw(name);
    if (value === undefined) return null;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL such as ${example} (got protocol "${url.protocol}")`);
      } else if (!url.hostname) {
        this.problems.push(`${name} names no host (expected a URL such as ${example})`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL (expected a URL such as ${example})`);
    }
    return value;
  }

  hostPort(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(value)) {
      this.problems.push(`${name} must be host:port (got "${value}")`);
    }
    return value;
  }

  /** An Ed25519 private key, PKCS#8 DER in base64 (or hex). Never echoed in errors. */
  ed25519PrivateKey(name: string): KeyObject {
    const value = this.raw(name);
    const hint = `an Ed25519 private key, PKCS#8 DER in base64; e.g. \`openssl genpkey -algorithm ed25519 -outform DER | base64 -w0\``;
    if (value === undefined) {
      this.problems.push(`${name} is required (${hint})`);
      return undefined as unknown as KeyObject;
    }
    try {
      const key = createPrivateKey({ key: Buffer.from(decodeSecret(value)), format: 'der', type: 'pkcs8' });
      if (key.asymmetricKeyType === 'ed25519') return key;
    } catch {
      // reported below, without the value
    }
    this.problems.push(`${name} must be ${hint}`);
    return undefined as unknown as KeyObject;
  }

  /** Ed25519 public keys, SPKI DER in base64 (or hex), comma-separated: any of them verifies. */
  ed25519PublicKeys(name: string): KeyObject[] {
    const hint = 'Ed25519 public keys, SPKI DER in base64, comma-separated; e.g. `openssl pkey -in key.pem -pubout -outform DER | base64 -w0`';
    const values = this.list(name);
    if (values.length === 0) this.problems.push(`${name} is required (${hint})`);
    const keys: KeyObject[] = [];
    for (const value of values) {
      try {
        const key = createPublicKey({ key: Buffer.from(decodeSecret(value)), format: 'der', type: 'spki' });
        if (key.asymmetricKeyType === 'ed25519') {
          keys.push(key);
          continue;
        }
      } catch {
        // reported below
      }
      this.problems.push(`${name} must hold ${hint}`);
    }
    return keys;
  }

  /** A variable that must not reach this service (a key that belongs to another). */
  absent(name: string, why: string): void {
    if (this.raw(name) !== undefined) this.problems.push(`${name} must not be set here: ${why}`);
  }

  /** A secret of at least 32 bytes, given as base64/base64url or hex. Never echoed in errors. */
  secret(name: string): Uint8Array {
    const value = this.raw(name);
    if (value === undefined) {
      this.problems.push(`${name} is required (at least 32 random bytes, base64 or hex; e.g. \`openssl rand -base64 32\`)`);
      return new Uint8Array();
    }
    const bytes = decodeSecret(value);
    if (bytes.length < 32) {
      this.problems.push(`${name} must decode to at least 32 bytes (got ${bytes.length})`);
    }
    return new Uint8Array(bytes);
  }
}

/** An address, a CIDR range, or one of express's named ranges: what proxy-addr compiles. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A path on the same origin as `base` (the base's own problems are reported under its own name). */
function besideUrl(base: string, path: string): string | undefined {
  try {
    return new URL(path, base).href;
  } catch {
    return undefined;
  }
}

function decodeSecret(value: string): Uint8Array {
  return new Uint8Array(/^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0 ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64'));
}

function readBase(reader: EnvReader, service: ServiceName): BaseConfig {
  const env = reader.oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const logLevel = reader.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info');
  return { service, env, logLevel };
}

function readTemporal(reader: EnvReader): TemporalConfig {
  return {
    address: reader.hostPort('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
    namespace: reader.string('TEMPORAL_NAMESPACE', 'default'),
    taskQueue: reader.string('TEMPORAL_TASK_QUEUE', 'credence'),
  };
}

export const DEFAULT_PORTS = { gateway: 4000, identity: 4001, credentials: 4002, audit: 4003 } as const;

const loaders: { [S in ServiceName]: (reader: EnvReader, service: S) => ConfigFor<S> } = {
  gateway: (reader, service) => ({
    ...readBase(reader, service),
    host: reader.string('HOST', '127.0.0.1'),
    port: reader.port('PORT', DEFAULT_PORTS.gateway),
    contextSigningKey: reader.ed25519PrivateKey('CONTEXT_SIGNING_KEY'),
    documentGrantSecret: reader.secret('DOCUMENT_GRANT_SECRET'),
    subgraphUrls: {
      identity: reader.url('IDENTITY_URL', ['http', 'https'], `http://127.0.0.1:${DEFAULT_PORTS.identity}/graphql`),
      credentials: reader.url('CREDENTIALS_URL', ['http', 'https'], `http://127.0.0.1:${DEFAULT_PORTS.credentials}/graphql`),
      audit: reader.url('AUDIT_URL', ['http', 'https'], `http://127.0.0.1:${DEFAULT_PORTS.audit}/graphql`),
    },
    subgraphTimeoutMs: reader.integer('SUBGRAPH_TIMEOUT_MS', 15_000, { min: 100, max: 120_000 }),
    supergraphPath: reader.string('SUPERGRAPH_PATH', new URL('../schema/supergraph.graphql', import.meta.url).pathname),
    temporal: readTemporal(reader),
    trustProxy: reader.trustProxy(),
    downloads: readDownloads(reader),
    corsOrigins: reader.list('CORS_ORIGINS').map((origin) => {
      // eslint-disable-next-line security/detect-unsafe-regex -- one optional port after the host: linear
      if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) reader.problems.push(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port])`);
      return origin;
    }),
    securityContact: reader.securityContact(),
    tls: reader.tls(),
    httpRedirectPort: reader.httpRedirectPort(),
    metricsHost: reader.string('METRICS_HOST', '127.0.0.1'),
    metricsPort: reader.integer('METRICS_PORT', 9464, { min: 0, max: 65535 }),
    rateLimits: {
      perIpPerMinute: reader.integer('RATE_LIMIT_PER_MINUTE', 600, { min: 1, max: 1_000_000 }),
      perUserPerMinute: reader.integer('RATE_LIMIT_PER_USER_PER_MINUTE', 600, { min: 1, max: 1_000_000 }),
      authPerIpPerMinute: reader.integer('AUTH_RATE_LIMIT_PER_MINUTE', 10, { min: 1, max: 10_000 }),
    },
    redisUrl: reader.optionalServerUrl('REDIS_URL', ['redis', 'rediss'], 'redis://redis:6379'),
    webhookSecrets: reader.webhookSecrets(),
    persistedOperations: reader.persistedOperations(),
    accessTokens: {
      jwksUrl: reader.url('JWKS_URL', ['http', 'https'], besideUrl(reader.env.IDENTITY_URL?.trim() || `http://127.0.0.1:${DEFAULT_PORTS.identity}`, '/.well-known/jwks.json')),
      revocationPollSeconds: reader.integer('REVOCATION_POLL_SECONDS', 2, { min: 1, max: 60 }),
    },
  }),
  identity: (reader, service) => ({
    ...readSubgraph(reader, service),
    service,
    tokenSigningKeys: reader.signingKeys('TOKEN_SIGNING_KEYS'),
    breachedPasswordsUrl: reader.url('BREACHED_PASSWORDS_URL', ['http', 'https'], 'https://api.pwnedpasswords.com'),
    keyEncryption: reader.keyEncryption(),
    temporal: readTemporal(reader),
    offboarding: readOffboarding(reader),
    supportAccess: { maxMinutes: reader.integer('SUPPORT_ACCESS_MAX_MINUTES', 240, { min: 1, max: 720 }) },
  }),
  credentials: (reader, service) => ({
    ...readSubgraph(reader, service),
    service,
    temporal: readTemporal(reader),
    verificationReviewHours: reader.integer('VERIFICATION_REVIEW_HOURS', 72, { min: 1, max: 24 * 90 }),
    keyEncryption: reader.keyEncryption(),
    documents: {
      maxBytes: reader.integer('DOCUMENT_MAX_BYTES', 10 * 1024 * 1024, { min: 1024, max: 100 * 1024 * 1024 }),
      urlSeconds: reader.integer('DOCUMENT_URL_SECONDS', 300, { min: 30, max: 3600 }),
      grantSecret: reader.secret('DOCUMENT_GRANT_SECRET'),
    },
  }),
  audit: (reader, service) => ({
    ...readSubgraph(reader, service),
    service,
    temporal: readTemporal(reader),
    // At about 73,000 events a second, 100,000 stay well inside the 15-second subgraph limit.
    inlineMaxEvents: reader.integer('AUDIT_INLINE_MAX_EVENTS', 100_000, { min: 1, max: 1_000_000 }),
  }),
  worker: (reader, service) => ({
    ...readBase(reader, service),
    databaseUrl: reader.url('DATABASE_URL', ['postgres', 'postgresql']),
    temporal: readTemporal(reader),
    auditSigningKey: reader.secret('AUDIT_SIGNING_KEY'),
    auditCheckpointMinutes: reader.integer('AUDIT_CHECKPOINT_MINUTES', 15, { min: 1, max: 1440 }),
    auditJobChunkEvents: reader.integer('AUDIT_JOB_CHUNK_EVENTS', 10_000, { min: 10, max: 1_000_000 }),
    keyEncryption: reader.keyEncryption(),
    mail: readMail(reader),
    verificationSources: readVerificationSources(reader),
    verification: readVerification(reader),
    exclusionLists: {
      leieUrl: reader.url('LEIE_URL', ['http', 'https'], 'https://oig.hhs.gov/exclusions/downloadables/UPDATED.csv'),
      samUrl: reader.env.SAM_EXCLUSIONS_URL?.trim() ? reader.url('SAM_EXCLUSIONS_URL', ['http', 'https']) : null,
      importHours: reader.integer('EXCLUSION_IMPORT_HOURS', 24, { min: 1, max: 24 * 31 }),
    },
    storageDir: reader.env.NODE_ENV === 'production' ? reader.string('STORAGE_DIR') : (reader.env.STORAGE_DIR?.trim() || null),
    webhooks: {
      deliverySeconds: reader.integer('WEBHOOK_DELIVERY_SECONDS', 10, { min: 1, max: 3600 }),
      timeoutSeconds: reader.integer('WEBHOOK_TIMEOUT_SECONDS', 10, { min: 1, max: 60 }),
    },
    metricsHost: reader.string('METRICS_HOST', '127.0.0.1'),
    metricsPort: reader.integer('METRICS_PORT', 9465, { min: 0, max: 65535 }),
    backups: reader.localBackups(),
    backupTool: reader.backupTool(),
    securityAlerts: {
      scanSeconds: reader.integer('ANOMALY_SCAN_SECONDS', 10, { min: 1, max: 3600 }),
      contactEmail: readSecurityContactEmail(reader),
    },
    keyRotation: {
      dataKeyPeriod: readRotationPeriod(reader, 'DATA_KEY_ROTATION_PERIOD'),
      kekPeriod: readRotationPeriod(reader, 'KEK_ROTATION_PERIOD'),
    },
  }),
  migrate: (reader, service) => {
    const servicePasswords: Partial<Record<DatabaseServiceRole, string>> = {};
    for (const role of ['identity', 'credentials', 'audit', 'worker'] as const) {
      const value = reader.string(`DATABASE_PASSWORD_${role.toUpperCase()}`, '');
      if (value) servicePasswords[role] = value;
    }
    return { ...readBase(reader, service), databaseUrl: reader.url('DATABASE_URL', ['postgres', 'postgresql']), servicePasswords };
  },
};

function readSubgraph(reader: EnvReader, service: SubgraphName): SubgraphConfig {
  return {
    ...readBase(reader, service),
    service,
    host: reader.string('HOST', '127.0.0.1'),
    port: reader.port('PORT', DEFAULT_PORTS[service]),
    databaseUrl: reader.url('DATABASE_URL', ['postgres', 'postgresql']),
    contextPublicKeys: reader.ed25519PublicKeys('CONTEXT_PUBLIC_KEYS'),
    downloads: readDownloads(reader),
  };
}

/** The security contact's address: SECURITY_CONTACT_EMAIL, else SECURITY_CONTACT when it is a mailto:; else none (alerts reach the organizations' owners and admins only). */
function readSecurityContactEmail(reader: EnvReader): string | null {
  const explicit = reader.env.SECURITY_CONTACT_EMAIL?.trim();
  const fromContact = reader.env.SECURITY_CONTACT?.trim().match(/^mailto:([^\s@]+@[^\s@?]+)$/)?.[1];
  const email = explicit || fromContact || null;
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) reader.problems.push('SECURITY_CONTACT_EMAIL must be an email address');
  return email;
}

function readMail(reader: EnvReader): MailConfig {
  const production = reader.env.NODE_ENV === 'production';
  const smtpUrl = reader.optionalServerUrl('SMTP_URL', ['smtp', 'smtps'], 'smtp://user:password@mail.example.org:587');
  if (smtpUrl === null && production) reader.problems.push('SMTP_URL is required in production (smtp:// with STARTTLS, or smtps://), for invitations and password resets');
  return {
    smtpUrl: smtpUrl ?? 'smtp://127.0.0.1:1025',
    from: reader.string('MAIL_FROM', production ? undefined : 'Credence <no-reply@credence.invalid>'),
    // Links to this machine in a production mail would reach nobody.
    publicUrl: reader.url('PUBLIC_URL', ['http', 'https'], production ? undefined : `http://127.0.0.1:${DEFAULT_PORTS.gateway}`).replace(/\/$/, ''),
    deliverySeconds: reader.integer('MAIL_DELIVERY_SECONDS', 10, { min: 1, max: 3600 }),
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * A source's base URL: https in production, http on loopback elsewhere (the local stand-ins), with
 * no user, password, query or fragment, since request paths are appended to it. Its value is not
 * echoed.
 */
function checkSourceUrl(reader: EnvReader, name: string, value: string | null): string | null {
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null; // reported by the reader under its name
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (reader.env.NODE_ENV === 'production' && url.protocol !== 'https:') {
    reader.problems.push(`${name} must be an https URL in production`);
  } else if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    reader.problems.push(`${name} may use http only on loopback (127.0.0.1, [::1], localhost); use https for another host`);
  }
  if (url.username || url.password) reader.problems.push(`${name} must not carry a user or password (STATE_LICENSE_LOOKUP_API_KEY holds the lookup service's key)`);
  if (url.search || url.hash) reader.problems.push(`${name} must be a base URL without a query or fragment`);
  return value.replace(/\/+$/, '');
}

function readVerificationSources(reader: EnvReader): VerificationSourcesConfig {
  const example = 'https://lookup.example.org';
  const stateBoardUrl = checkSourceUrl(reader, 'STATE_LICENSE_LOOKUP_URL', reader.optionalServerUrl('STATE_LICENSE_LOOKUP_URL', ['http', 'https'], example));
  const listedStates = reader.list('STATE_LICENSE_LOOKUP_STATES').map((state) => state.toUpperCase());
  const unknownStates = listedStates.filter((state) => !US_JURISDICTIONS.has(state));
  if (unknownStates.length > 0) reader.problems.push(`STATE_LICENSE_LOOKUP_STATES must list USPS codes of US states and territories, comma-separated (not ${unknownStates.map((state) => `"${state}"`).join(', ')})`);
  if (listedStates.length > 0 && !reader.env.STATE_LICENSE_LOOKUP_URL?.trim()) {
    reader.problems.push('STATE_LICENSE_LOOKUP_STATES needs STATE_LICENSE_LOOKUP_URL (the service that covers those states)');
  }
  const apiKey = reader.env.STATE_LICENSE_LOOKUP_API_KEY?.trim() || null;
  return {
    nppesUrl: checkSourceUrl(reader, 'NPPES_URL', reader.url('NPPES_URL', ['http', 'https'], 'https://npiregistry.cms.hhs.gov')) ?? '',
    stateBoardUrl,
    stateBoardStates: stateBoardUrl === null ? [] : listedStates.length > 0 ? [...new Set(listedStates)] : [...US_JURISDICTIONS],
    stateBoardApiKey: apiKey,
    deaUrl: checkSourceUrl(reader, 'DEA_LOOKUP_URL', reader.optionalServerUrl('DEA_LOOKUP_URL', ['http', 'https'], example)),
    boardCertificationUrl: checkSourceUrl(reader, 'BOARD_CERTIFICATION_URL', reader.optionalServerUrl('BOARD_CERTIFICATION_URL', ['http', 'https'], example)),
    npdbUrl: checkSourceUrl(reader, 'NPDB_URL', reader.optionalServerUrl('NPDB_URL', ['http', 'https'], example)),
    sourceTimeoutMs: reader.integer('SOURCE_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    sourceAttempts: reader.integer('SOURCE_ATTEMPTS', 3, { min: 1, max: 10 }),
    sourceRetryBaseMs: reader.integer('SOURCE_RETRY_BASE_MS', 500, { min: 0, max: 60_000 }),
  };
}

function readVerification(reader: EnvReader): VerificationConfig {
  const HOUR = 3600_000;
  const reminderDays = (reader.env.EXPIRY_REMINDER_DAYS?.trim() ? reader.list('EXPIRY_REMINDER_DAYS') : ['90', '60', '30', '7']).map((value) => {
    const days = Number(value);
    if (!Number.isInteger(days) || days < 1 || days > 365) reader.problems.push(`EXPIRY_REMINDER_DAYS: "${value}" is not a whole number of days between 1 and 365`);
    return days;
  });
  return {
    dispatchSeconds: reader.integer('VERIFICATION_DISPATCH_SECONDS', 5, { min: 1, max: 3600 }),
    timings: {
      reviewWindowMs: reader.integer('VERIFICATION_REVIEW_HOURS', 72, { min: 1, max: 24 * 90 }) * HOUR,
      unavailableRetryFirstMs: reader.integer('SOURCE_RETRY_FIRST_MINUTES', 15, { min: 1, max: 24 * 60 }) * 60_000,
      unavailableRetryMaxMs: reader.integer('SOURCE_RETRY_MAX_HOURS', 24, { min: 1, max: 24 * 7 }) * HOUR,
      unavailableGiveUpMs: reader.integer('SOURCE_GIVE_UP_DAYS', 7, { min: 1, max: 60 }) * 24 * HOUR,
      reminderDays,
    },
  };
}

const DAY_MS = 24 * 3600_000;
/** The shortest export window production accepts (the customer contract promises at least this long to export). */
export const MIN_PRODUCTION_EXPORT_WINDOW_MS = 30 * DAY_MS;
/** The longest backup deadline production accepts (the customer contract promises backups purged within 180 days). */
export const MAX_PRODUCTION_BACKUP_DEADLINE_MS = 180 * DAY_MS;

/**
 * An ISO 8601 duration of weeks, days, hours, minutes and seconds (`P90D`, `PT5S`, `P1DT12H`) in
 * milliseconds; null for anything else. Years and months are refused: their length depends on
 * the date they start from.
 */
export function parseIsoDuration(value: string): number | null {
  // eslint-disable-next-line security/detect-unsafe-regex -- each optional part starts with its own letter: linear
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/.exec(value);
  if (!match || value === 'P' || value.endsWith('T')) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  const ms = ((Number(weeks ?? 0) * 7 + Number(days ?? 0)) * 24 * 3600 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000;
  return Number.isSafeInteger(Math.round(ms)) ? Math.round(ms) : null;
}

/**
 * An ISO 8601 duration with years and months too (`P1Y`, `P6M`, `P1Y6M`, `PT5S`), about how many
 * milliseconds it lasts (a year as 365 days, a month as 30); null for anything else.
 */
export function parseCalendarDuration(value: string): number | null {
  // eslint-disable-next-line security/detect-unsafe-regex -- two optional digit groups with distinct letters, then the rest: linear
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(.*)$/.exec(value);
  if (!match || value === 'P') return null;
  const [, years, months, rest] = match;
  const shorter = rest === '' ? 0 : parseIsoDuration(`P${rest}`);
  if (shorter === null) return null;
  const ms = (Number(years ?? 0) * 365 + Number(months ?? 0) * 30) * DAY_MS + shorter;
  return Number.isSafeInteger(ms) ? ms : null;
}

/** A day: production rotates no faster, since each rotation re-encrypts an organization's rows. */
const MIN_PRODUCTION_ROTATION_MS = DAY_MS;

function readRotationPeriod(reader: EnvReader, name: string): string {
  const raw = reader.env[name]?.trim() || 'P1Y';
  const ms = parseCalendarDuration(raw);
  if (ms === null || ms <= 0) {
    reader.problems.push(`${name} must be a positive ISO 8601 duration in years, months, weeks, days, hours, minutes or seconds, such as P1Y (got "${raw}")`);
    return 'P1Y';
  }
  if (reader.env.NODE_ENV === 'production' && ms < MIN_PRODUCTION_ROTATION_MS) reader.problems.push(`${name} must be at least P1D in production (got "${raw}")`);
  return raw;
}

function readOffboarding(reader: EnvReader): OffboardingConfig {
  const raw = reader.env.ORGANIZATION_EXPORT_WINDOW?.trim() || 'P90D';
  let exportWindowMs = parseIsoDuration(raw);
  if (exportWindowMs === null || exportWindowMs <= 0) {
    reader.problems.push(`ORGANIZATION_EXPORT_WINDOW must be a positive ISO 8601 duration in weeks, days, hours, minutes or seconds, such as P90D (got "${raw}")`);
    exportWindowMs = 90 * DAY_MS;
  } else if (reader.env.NODE_ENV === 'production' && exportWindowMs < MIN_PRODUCTION_EXPORT_WINDOW_MS) {
    reader.problems.push(`ORGANIZATION_EXPORT_WINDOW must be at least P30D in production (got "${raw}")`);
  }
  const reminders = reader.env.OFFBOARDING_REMINDERS?.trim() ? reader.list('OFFBOARDING_REMINDERS') : ['P30D', 'P7D', 'P1D'];
  const remindersBeforeEndMs = reminders.map((value) => {
    const ms = parseIsoDuration(value);
    if (ms === null || ms <= 0) reader.problems.push(`OFFBOARDING_REMINDERS: "${value}" is not a positive ISO 8601 duration (such as P7D)`);
    return ms ?? 0;
  });
  const rawDeadline = reader.env.OFFBOARDING_BACKUP_DEADLINE?.trim() || 'P180D';
  let backupDeadlineMs = parseIsoDuration(rawDeadline);
  if (backupDeadlineMs === null || backupDeadlineMs <= 0) {
    reader.problems.push(`OFFBOARDING_BACKUP_DEADLINE must be a positive ISO 8601 duration in weeks, days, hours, minutes or seconds, such as P180D (got "${rawDeadline}")`);
    backupDeadlineMs = MAX_PRODUCTION_BACKUP_DEADLINE_MS;
  } else if (reader.env.NODE_ENV === 'production' && backupDeadlineMs > MAX_PRODUCTION_BACKUP_DEADLINE_MS) {
    reader.problems.push(`OFFBOARDING_BACKUP_DEADLINE must be at most P180D in production (got "${rawDeadline}")`);
  } else if (backupDeadlineMs < exportWindowMs) {
    reader.problems.push(`OFFBOARDING_BACKUP_DEADLINE (${rawDeadline}) must not be shorter than ORGANIZATION_EXPORT_WINDOW (${raw}): the backups are purged after the deletion`);
  }
  const rawInterval = reader.env.OFFBOARDING_BACKUP_CHECK_INTERVAL?.trim() || 'P1D';
  let backupCheckIntervalMs = parseIsoDuration(rawInterval);
  if (backupCheckIntervalMs === null || backupCheckIntervalMs <= 0) {
    reader.problems.push(`OFFBOARDING_BACKUP_CHECK_INTERVAL must be a positive ISO 8601 duration, such as P1D (got "${rawInterval}")`);
    backupCheckIntervalMs = DAY_MS;
  }
  return {
    exportWindowMs,
    remindersBeforeEndMs,
    backupDeadlineMs,
    backupCheckIntervalMs,
    startSweepMs: reader.integer('OFFBOARDING_START_SWEEP_SECONDS', 30, { min: 1, max: 3600 }) * 1000,
    deletionBatchRows: reader.integer('OFFBOARDING_DELETION_BATCH_ROWS', 1000, { min: 1, max: 100_000 }),
  };
}

function readDownloads(reader: EnvReader): DownloadConfig {
  return {
    storageDir: reader.string('STORAGE_DIR'),
    urlSigningSecret: reader.secret('URL_SIGNING_SECRET'),
    publicUrl: reader.url('PUBLIC_URL', ['http', 'https'], `http://127.0.0.1:${DEFAULT_PORTS.gateway}`).replace(/\/$/, ''),
  };
}

/** What `npm run backup:restore` reads: the backup directory and its keys, by default the local stack's. */
export function loadBackupRestoreConfig(env: Env, defaults: { backupDir: string; keyringFile: string }): Readonly<{ backupDir: string; keys: KeyEncryptionConfig }> {
  const reader = new EnvReader({ BACKUP_DIR: defaults.backupDir, BACKUP_KEYRING_FILE: defaults.keyringFile, ...env });
  const config = { backupDir: reader.string('BACKUP_DIR'), keys: reader.backupKeys() };
  if (reader.problems.length > 0) throw new ConfigError('worker', reader.problems);
  return Object.freeze(config);
}

export function loadConfig<S extends ServiceName>(service: S, env: Env = process.env): Readonly<ConfigFor<S>> {
  const reader = new EnvReader(env);
  // Whoever holds the context signing key can speak to every subgraph as any caller.
  if (service !== 'gateway') reader.absent('CONTEXT_SIGNING_KEY', 'it is the gateway\'s alone; a subgraph gets CONTEXT_PUBLIC_KEYS');
  // Whoever holds the document grant secret can hand out links to any organization's documents.
  if (service !== 'gateway' && service !== 'credentials') reader.absent('DOCUMENT_GRANT_SECRET', 'it is the gateway\'s and the credentials subgraph\'s alone');
  const config = loaders[service](reader, service);
  if (reader.problems.length > 0) throw new ConfigError(service, reader.problems);
  return Object.freeze(config);
}
