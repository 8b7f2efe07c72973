// In domain/: the anomaly detectors over an organization's audit chain (no I/O). The worker feeds
// them each chain's new events as they are written, with the recent events before them as
// context; each detector returns the alerts those new events raise. An alert's key names its
// subject and the clock hour it was raised in, so seeing the same events again (a retried scan)
// raises nothing new, and a subject is alerted at most once an hour per detector.

export const DETECTORS = ['EXCESSIVE_VIEWS', 'DENIAL_STORM', 'CREDENTIAL_STUFFING', 'EXPORT_OUTSIDE_HOURS', 'REFRESH_TOKEN_REUSE', 'PLATFORM_ADMIN_ACCESS'] as const;
export type Detector = (typeof DETECTORS)[number];
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a detector reads of an event: who, from where, what; never a record's contents. */
export interface DetectorEvent {
  seq: number;
  /** UTC ISO timestamp. */
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  sourceIp: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  reason: string | null;
}

export interface AlertSettings {
  /** Views in one hour that are always ordinary, whatever the actor's baseline. */
  viewFloor: number;
  /** Views in one hour above this multiple of the actor's baseline hour are alerted. */
  viewMultiplier: number;
  /** Denials from one caller or one address within ten minutes. */
  denialThreshold: number;
  /** Distinct accounts failing to sign in from one address within ten minutes. */
  stuffingAccountThreshold: number;
  /** The organization's working hours, local time (start inclusive, end exclusive, 0-24) and days (1 Monday .. 7 Sunday). */
  workingHoursStart: number;
  workingHoursEnd: number;
  workingDays: readonly number[];
  timeZone: string;
}

export const ALERT_SETTING_DEFAULTS: AlertSettings = Object.freeze({
  viewFloor: 100,
  viewMultiplier: 5,
  denialThreshold: 25,
  stuffingAccountThreshold: 10,
  workingHoursStart: 7,
  workingHoursEnd: 19,
  workingDays: Object.freeze([1, 2, 3, 4, 5]),
  timeZone: 'America/New_York',
});

export interface RaisedAlert {
  detector: Detector;
  severity: Severity;
  /** Unique per organization and detector: the subject and the hour (`actor:<id>:2026-12-02T03`). */
  key: string;
  /** The subject, a code (an actor id, `ip:<address>`), never a name. */
  subject: string;
  /** The event sequences the alert rests on (the first 100), and how many events in all. */
  evidenceSequences: number[];
  eventCount: number;
  /** The event that raised it. */
  raisedAtSequence: number;
}

export interface DetectorInput {
  /** Events not yet seen by the detectors, in sequence order. */
  fresh: readonly DetectorEvent[];
  /** Events of the hour before the first fresh one (and the fresh ones may repeat here), in sequence order. */
  context: readonly DetectorEvent[];
  /** Each actor's ordinary number of views in an hour of activity (the mean over recent active hours). */
  viewBaselines: Readonly<Record<string, number>>;
  settings: AlertSettings;
}

export const MAX_EVIDENCE = 100;
const HOUR_MS = 3_600_000;
const TEN_MINUTES_MS = 600_000;

const time = (event: DetectorEvent) => Date.parse(event.occurredAt);
const hourOf = (event: DetectorEvent) => new Date(Math.floor(time(event) / HOUR_MS) * HOUR_MS).toISOString().slice(0, 13);

/**
 * How many refusals an event stands for: the database writes the first refusal of a minute as
 * an event and the rest of that minute as one tally event (`minute:<t>:count:<n>`, n counting the first).
 */
export function refusalWeight(event: DetectorEvent): number {
  const tally = event.resourceId?.match(/^minute:.+:count:(\d+)$/);
  return tally ? Math.max(Number(tally[1]) - 1, 0) : 1;
}

/** All events, fresh and context, once each, in order. */
function timeline(input: DetectorInput): DetectorEvent[] {
  const bySeq = new Map<number, DetectorEvent>();
  for (const event of input.context) bySeq.set(event.seq, event);
  for (const event of input.fresh) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** A window's size, kept as events enter and leave it (a batch of thousands stays linear). */
interface Tally {
  add(event: DetectorEvent): void;
  remove(event: DetectorEvent): void;
  readonly value: number;
}

/** The sum of the events' weights (by default each refusal an event stands for). */
function weightTally(weight: (event: DetectorEvent) => number = refusalWeight): Tally {
  let sum = 0;
  return { add: (event) => { sum += weight(event); }, remove: (event) => { sum -= weight(event); }, get value() { return sum; } };
}

/** How many distinct keys the events have. */
function distinctTally(keyOf: (event: DetectorEvent) => string): Tally {
  const counts = new Map<string, number>();
  return {
    add: (event) => { counts.set(keyOf(event), (counts.get(keyOf(event)) ?? 0) + 1); },
    remove: (event) => {
      const left = (counts.get(keyOf(event)) ?? 1) - 1;
      if (left === 0) counts.delete(keyOf(event));
      else counts.set(keyOf(event), left);
    },
    get value() { return counts.size; },
  };
}

/**
 * The sliding-window rule shared by the counting detectors: for each fresh event that matches,
 * the matching events of its subject within `windowMs` up to it; when their tally reaches the
 * threshold, one alert for that subject and hour.
 */
function windowed(
  input: DetectorInput,
  options: {
    detector: Detector;
    windowMs: number;
    matches: (event: DetectorEvent) => boolean;
    subjects: (event: DetectorEvent) => string[];
    tally: () => Tally;
    threshold: (subject: string) => number;
    severity: (measure: number, threshold: number) => Severity;
  },
): RaisedAlert[] {
  const events = timeline(input).filter(options.matches);
  const freshSeqs = new Set(input.fresh.map((event) => event.seq));
  const bySubject = new Map<string, DetectorEvent[]>();
  for (const event of events) {
    for (const subject of options.subjects(event)) {
      const list = bySubject.get(subject);
      if (list) list.push(event);
      else bySubject.set(subject, [event]);
    }
  }
  const alerts = new Map<string, RaisedAlert>();
  for (const [subject, list] of bySubject) {
    const threshold = options.threshold(subject);
    const tally = options.tally();
    let start = 0;
    for (let end = 0; end < list.length; end += 1) {
      const last = list[end]!;
      tally.add(last);
      while (time(list[start]!) <= time(last) - options.windowMs) tally.remove(list[start++]!);
      if (!freshSeqs.has(last.seq) || tally.value < threshold) continue;
      const key = `${subject}:${hourOf(last)}`;
      if (alerts.has(key)) continue;
      alerts.set(key, {
        detector: options.detector,
        severity: options.severity(tally.value, threshold),
        key,
        subject,
        evidenceSequences: list.slice(start, Math.min(end + 1, start + MAX_EVIDENCE)).map((event) => event.seq),
        eventCount: tally.value,
        raisedAtSequence: last.seq,
      });
    }
  }
  return [...alerts.values()];
}

const doubled = (critical: Severity, otherwise: Severity) => (size: number, threshold: number): Severity => (size >= threshold * 2 ? critical : otherwise);

/** 1. One actor viewing far more protected records in an hour than their own baseline hour. */
export function excessiveViews(input: DetectorInput): RaisedAlert[] {
  const { viewFloor, viewMultiplier } = input.settings;
  return windowed(input, {
    detector: 'EXCESSIVE_VIEWS',
    windowMs: HOUR_MS,
    matches: (event) => event.action === 'VIEW' && event.outcome === 'SUCCESS' && event.actorId !== null,
    subjects: (event) => [`actor:${event.actorId}`],
    tally: () => weightTally(() => 1),
    threshold: (subject) => Math.max(viewFloor, Math.ceil(viewMultiplier * (input.viewBaselines[subject.slice('actor:'.length)] ?? 0))),
    severity: doubled('HIGH', 'MEDIUM'),
  });
}

/** 2. A storm of denials from one caller or one address. */
export function denialStorm(input: DetectorInput): RaisedAlert[] {
  return windowed(input, {
    detector: 'DENIAL_STORM',
    windowMs: TEN_MINUTES_MS,
    matches: (event) => event.action === 'ACCESS_DENIED' && event.outcome === 'FAILURE',
    subjects: (event) => [...(event.actorId ? [`actor:${event.actorId}`] : []), ...(event.sourceIp ? [`ip:${event.sourceIp}`] : [])],
    tally: () => weightTally(),
    threshold: () => input.settings.denialThreshold,
    severity: doubled('HIGH', 'MEDIUM'),
  });
}

/**
 * 3. Sign-in failures over many accounts from one address. An unknown account's failure names no
 * account: each counts as an account of its own (a list of guessed addresses is what stuffing tries).
 */
export function credentialStuffing(input: DetectorInput): RaisedAlert[] {
  return windowed(input, {
    detector: 'CREDENTIAL_STUFFING',
    windowMs: TEN_MINUTES_MS,
    matches: (event) => event.action === 'LOGIN_FAILED' && event.outcome === 'FAILURE' && event.sourceIp !== null,
    subjects: (event) => [`ip:${event.sourceIp}`],
    tally: () => distinctTally((event) => event.resourceId ?? `unknown:${event.seq}`),
    threshold: () => input.settings.stuffingAccountThreshold,
    severity: doubled('CRITICAL', 'HIGH'),
  });
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local weekday (1 Monday .. 7 Sunday) and fractional hour of an instant in a time zone. */
export function localTime(epochMs: number, timeZone: string): { weekday: number; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
      .formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]),
  );
  return { weekday: WEEKDAYS[parts.weekday!]!, hour: Number(parts.hour) + Number(parts.minute) / 60 };
}

export function withinWorkingHours(epochMs: number, settings: Pick<AlertSettings, 'workingHoursStart' | 'workingHoursEnd' | 'workingDays' | 'timeZone'>): boolean {
  const local = localTime(epochMs, settings.timeZone);
  return settings.workingDays.includes(local.weekday) && local.hour >= settings.workingHoursStart && local.hour < settings.workingHoursEnd;
}

/** 4. An audit export or a data export outside the organization's working hours, in its time zone. */
export function exportOutsideHours(input: DetectorInput): RaisedAlert[] {
  const alerts = new Map<string, RaisedAlert>();
  for (const event of input.fresh) {
    if (event.action !== 'EXPORT' || event.outcome !== 'SUCCESS' || withinWorkingHours(time(event), input.settings)) continue;
    const subject = event.actorId ? `actor:${event.actorId}` : 'actor:system';
    const key = `${subject}:${hourOf(event)}`;
    const known = alerts.get(key);
    if (known) {
      if (known.evidenceSequences.length < MAX_EVIDENCE) known.evidenceSequences.push(event.seq);
      known.eventCount += 1;
      continue;
    }
    alerts.set(key, { detector: 'EXPORT_OUTSIDE_HOURS', severity: event.resourceType === 'AuditLog' ? 'HIGH' : 'MEDIUM', key, subject, evidenceSequences: [event.seq], eventCount: 1, raisedAtSequence: event.seq });
  }
  return [...alerts.values()];
}

/** 5. A refresh token used again after it was rotated (identity ends the session and records REFRESH_REUSE). */
export function refreshTokenReuse(input: DetectorInput): RaisedAlert[] {
  return input.fresh
    .filter((event) => event.action === 'REFRESH_REUSE')
    .map((event) => ({
      detector: 'REFRESH_TOKEN_REUSE' as const,
      severity: 'HIGH' as const,
      key: `session:${event.resourceId ?? 'unknown'}:seq:${event.seq}`,
      subject: event.actorId ? `actor:${event.actorId}` : `session:${event.resourceId ?? 'unknown'}`,
      evidenceSequences: [event.seq],
      eventCount: 1,
      raisedAtSequence: event.seq,
    }));
}

/** 6. A platform administrator reading (or exporting) an organization's data. */
export function platformAdminAccess(input: DetectorInput): RaisedAlert[] {
  const alerts = new Map<string, RaisedAlert>();
  for (const event of input.fresh) {
    if (event.actorRole !== 'PLATFORM_ADMIN' || (event.action !== 'VIEW' && event.action !== 'EXPORT') || event.outcome !== 'SUCCESS') continue;
    const subject = `actor:${event.actorId ?? 'unknown'}`;
    const key = `${subject}:${hourOf(event)}`;
    const known = alerts.get(key);
    if (known) {
      if (known.evidenceSequences.length < MAX_EVIDENCE) known.evidenceSequences.push(event.seq);
      known.eventCount += 1;
      continue;
    }
    alerts.set(key, { detector: 'PLATFORM_ADMIN_ACCESS', severity: 'HIGH', key, subject, evidenceSequences: [event.seq], eventCount: 1, raisedAtSequence: event.seq });
  }
  return [...alerts.values()];
}

/** Every detector over one batch. */
export function detectAnomalies(input: DetectorInput): RaisedAlert[] {
  return [
    ...excessiveViews(input), ...denialStorm(input), ...credentialStuffing(input),
    ...exportOutsideHours(input), ...refreshTokenReuse(input), ...platformAdminAccess(input),
  ];
}
