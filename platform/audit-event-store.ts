// In platform/: database reads (I/O), shared by the audit subgraph and the worker's checkpoint activities.
// Reading the audit log as chain records (exact text forms, as hashed), in sequence order.
// Raw SQL throughout: the chain verifies over the text the database hashed (occurred_at to the
// microsecond, hashes in hex, signatures in base64), which the ORM's mapping to Date and Buffer
// would change; and the audit schema's chain is the database's own (audit.append_events).
import { GENESIS_HASH, type ChainEvent, type Checkpoint, type PublicKeys } from '../domain/audit-chain.ts';
import { isoTimestamp, type EntityManager } from './database/orm.ts';

/**
 * Every column of an event but its organization (which the reader already knows). occurred_at
 * comes as PostgreSQL's own text for a UTC timestamp, which is several times cheaper to produce
 * than to_char; `chainTimestamp` turns it into the hashed form.
 */
const EVENT_FIELDS = `seq::int as seq, (occurred_at at time zone 'UTC')::text as "occurredAt",
  actor_id::text as "actorId", actor_role as "actorRole", source_ip as "sourceIp", request_id as "requestId",
  action, resource_type as "resourceType", resource_id as "resourceId", outcome, reason,
  encode(prev_hash, 'hex') as "prevHash", encode(hash, 'hex') as hash`;

export const EVENT_COLUMNS = `organization_id::text as "organizationId", ${EVENT_FIELDS}`;

/**
 * PostgreSQL's text for a timestamp ('2026-11-23 03:04:05.1234', the fraction trimmed of trailing
 * zeros, or absent) as the chain hashes it: '2026-11-23T03:04:05.123400Z'. Any other text (a
 * tampered 'infinity', a year BC) is left as it is, so it fails its hash like any alteration.
 */
export function chainTimestamp(text: string): string {
  const parts = text.split(' ');
  if (parts.length !== 2) return text;
  const [date, time] = parts as [string, string];
  const dot = time.indexOf('.');
  const whole = dot === -1 ? time : time.slice(0, dot);
  const fraction = dot === -1 ? '' : time.slice(dot + 1);
  if (whole.length !== 8 || fraction.length > 6) return text;
  return `${date}T${whole}.${fraction.padEnd(6, '0')}Z`;
}

/** An event row as read (EVENT_FIELDS, or EVENT_COLUMNS) as a chain record. */
export function chainEventOf(row: ChainEvent): ChainEvent {
  row.occurredAt = chainTimestamp(row.occurredAt);
  return row;
}

/**
 * Events of one organization with seq in [fromSeq, toSeq], in order, one window of sequence
 * numbers at a time (an array each, so a million events cost a hundred awaits, not a million); the
 * next window is already being fetched while the caller works on this one.
 */
export async function* readEventWindows(em: EntityManager, organizationId: string, fromSeq: number, toSeq: number | null, windowSize = 10_000): AsyncGenerator<ChainEvent[]> {
  const [last] = await em.execute<{ seq: number | null }[]>('select max(seq)::int as seq from audit.events where organization_id = ?', [organizationId]);
  const end = Math.min(toSeq ?? Number.MAX_SAFE_INTEGER, last?.seq ?? 0);
  // The organization is not fetched with every row: a million rows parse measurably faster.
  const fetchWindow = (start: number) =>
    em.execute<ChainEvent[]>(
      `select ${EVENT_FIELDS} from audit.events where organization_id = ? and seq >= ? and seq < ? order by seq`,
      [organizationId, start, Math.min(start + windowSize, end + 1)],
    );
  let start = fromSeq;
  let pending = start <= end ? fetchWindow(start) : null;
  try {
    while (pending) {
      const rows = await pending;
      start += windowSize;
      pending = start <= end ? fetchWindow(start) : null;
      for (const row of rows) {
        row.organizationId = organizationId;
        chainEventOf(row);
      }
      yield rows;
    }
  } finally {
    pending?.catch(() => {}); // the caller stopped early: the prefetched window is not needed
  }
}

/** The same events one at a time, for writers that stream them out (exports, checkpoints). */
export async function* readEvents(em: EntityManager, organizationId: string, fromSeq: number, toSeq: number | null, windowSize = 10_000): AsyncGenerator<ChainEvent> {
  for await (const rows of readEventWindows(em, organizationId, fromSeq, toSeq, windowSize)) yield* rows;
}

/** The columns of audit.checkpoints as a Checkpoint. */
export const CHECKPOINT_COLUMNS = `organization_id::text as "organizationId", seq::int as seq, encode(hash, 'hex') as hash,
  ${isoTimestamp('signed_at')} as "signedAt", key_id as "keyId", encode(signature, 'base64') as signature`;

export async function readCheckpoints(em: EntityManager, organizationId: string, fromSeq = 0, toSeq: number | null = null): Promise<Checkpoint[]> {
  return em.execute<Checkpoint[]>(
    `select ${CHECKPOINT_COLUMNS}
     from audit.checkpoints where organization_id = ? and seq >= ? and seq <= ? order by seq`,
    [organizationId, fromSeq, toSeq ?? Number.MAX_SAFE_INTEGER],
  );
}

export async function readPublicKeys(em: EntityManager): Promise<PublicKeys> {
  const rows = await em.execute<{ keyId: string; publicKey: string }[]>(
    `select key_id as "keyId", encode(public_key, 'base64') as "publicKey" from audit.signing_keys`,
  );
  return Object.fromEntries(rows.map((row) => [row.keyId, row.publicKey]));
}

/**
 * What the event at `seq` links to: the chain's start (the genesis, or the purge anchor) when
 * `seq` is the first stored event, else the stored hash of the event before it (whose own
 * integrity is outside a range that starts at `seq`). `seq` is raised to the chain's start.
 */
export async function readLinkBefore(em: EntityManager, organizationId: string, seq: number): Promise<{ seq: number; hash: string }> {
  const start = await readChainStart(em, organizationId);
  if (seq <= start.seq + 1) return start;
  const [before] = await em.execute<{ hash: string }[]>(
    `select encode(hash, 'hex') as hash from audit.events where organization_id = ? and seq = ?`,
    [organizationId, seq - 1],
  );
  return { seq: seq - 1, hash: before?.hash ?? '' };
}

/** Where the stored chain starts: after the last purge, or at the genesis. */
export async function readChainStart(em: EntityManager, organizationId: string): Promise<{ seq: number; hash: string }> {
  const [anchor] = await em.execute<{ seq: number; hash: string }[]>(
    `select seq::int as seq, encode(hash, 'hex') as hash from audit.chain_anchors where organization_id = ?`,
    [organizationId],
  );
  return anchor ?? { seq: 0, hash: GENESIS_HASH };
}

/** The newest sequence the log is known to have reached: the last event, or a later checkpoint. */
export async function readKnownEnd(em: EntityManager, organizationId: string): Promise<number> {
  const [row] = await em.execute<{ end: number | null }[]>(
    `select greatest((select max(seq) from audit.events where organization_id = ?), (select max(seq) from audit.checkpoints where organization_id = ?))::int as "end"`,
    [organizationId, organizationId],
  );
  return row?.end ?? 0;
}

/** What an export of one organization's events over [from, to) holds, ready for the file format. */
export interface ExportContents {
  /** The header, but for exportedAt (the time the file is written). */
  header: Omit<import('../domain/audit-export-format.ts').ExportHeader, 'exportedAt'>;
  eventCount: number;
  events: AsyncIterable<ChainEvent>;
  checkpoints: Checkpoint[];
}

/**
 * The events of an organization at or after `from` and before `to` (either open), with the link
 * before them, the checkpoints among them and the signing keys: the same contents whether the
 * export is written within a request or by a background job. `windowSize`: events read at a time.
 */
export async function readExportContents(em: EntityManager, organizationId: string, range: { from: Date | null; to: Date | null }, windowSize?: number): Promise<ExportContents> {
  const [found] = await em.execute<{ first: number | null; last: number | null; count: number }[]>(
    `select min(seq)::int as first, max(seq)::int as last, count(*)::int as count from audit.events
      where organization_id = ? and (?::timestamptz is null or occurred_at >= ?::timestamptz) and (?::timestamptz is null or occurred_at < ?::timestamptz)`,
    [organizationId, range.from?.toISOString() ?? null, range.from?.toISOString() ?? null, range.to?.toISOString() ?? null, range.to?.toISOString() ?? null],
  );
  const first = found?.first ?? null;
  const last = found?.last ?? null;
  return {
    header: {
      format: 'credence-audit-export', version: 1, organizationId,
      from: range.from?.toISOString() ?? null, to: range.to?.toISOString() ?? null,
      previous: await readLinkBefore(em, organizationId, first ?? 1), keys: await readPublicKeys(em),
    },
    eventCount: found?.count ?? 0,
    events: first !== null ? readEvents(em, organizationId, first, last, windowSize) : (async function* () {})(),
    checkpoints: first !== null ? await readCheckpoints(em, organizationId, first, last) : [],
  };
}
