import { describe, expect, it } from '@jest/globals';
import {
  ALERT_SETTING_DEFAULTS, credentialStuffing, denialStorm, detectAnomalies, excessiveViews, exportOutsideHours, platformAdminAccess,
  refreshTokenReuse, refusalWeight, withinWorkingHours, type DetectorEvent, type DetectorInput,
} from './detectors.ts';

const START = Date.parse('2026-12-02T15:00:00.000Z'); // a Wednesday, 10:00 in New York

function events(count: number, shape: Partial<DetectorEvent> & { everyMs?: number; fromSeq?: number; fromMs?: number }): DetectorEvent[] {
  const { everyMs = 1000, fromSeq = 1, fromMs = START, ...fields } = shape;
  return Array.from({ length: count }, (_, i) => ({
    seq: fromSeq + i, occurredAt: new Date(fromMs + i * everyMs).toISOString(), actorId: 'user-a', actorRole: 'CREDENTIALING_STAFF',
    sourceIp: '198.51.100.7', action: 'VIEW', resourceType: 'Physician', resourceId: `p-${fromSeq + i}`, outcome: 'SUCCESS', reason: null, ...fields,
  }));
}

const input = (fresh: DetectorEvent[], rest: Partial<DetectorInput> = {}): DetectorInput => ({
  fresh, context: [], viewBaselines: {}, settings: ALERT_SETTING_DEFAULTS, ...rest,
});

describe('excessiveViews', () => {
  it.each([
    ['below the floor, no baseline', 99, {}, 0],
    ['at the floor, no baseline', 100, {}, 1],
    ['above the floor but within 5x the baseline', 150, { 'user-a': 40 }, 0],
    ['above 5x the baseline', 201, { 'user-a': 40 }, 1],
  ])('%s: %i views -> %i alerts', (_name, count, viewBaselines, expected) => {
    expect(excessiveViews(input(events(count, {}), { viewBaselines }))).toHaveLength(expected);
  });

  it('counts only the last hour: views spread over two hours stay below the floor', () => {
    expect(excessiveViews(input(events(150, { everyMs: 60_000 })))).toHaveLength(0);
  });

  it('counts the context before the fresh events, and alerts on a fresh event only', () => {
    const all = events(120, {});
    expect(excessiveViews(input(all.slice(110), { context: all.slice(0, 110) }))).toHaveLength(1);
    expect(excessiveViews(input([], { context: all }))).toHaveLength(0);
  });

  it('raises one alert an hour per actor, keyed by subject and hour, with the evidence sequences', () => {
    const [alert, ...others] = excessiveViews(input(events(300, {})));
    expect(others).toHaveLength(0);
    expect(alert).toMatchObject({ detector: 'EXCESSIVE_VIEWS', key: 'actor:user-a:2026-12-02T15', subject: 'actor:user-a', raisedAtSequence: 100, eventCount: 100 });
    expect(alert!.evidenceSequences).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('does not count other actors, denied views or the system', () => {
    const mixed = [...events(60, {}), ...events(60, { fromSeq: 61, actorId: 'user-b' }), ...events(60, { fromSeq: 121, outcome: 'FAILURE' })];
    expect(excessiveViews(input(mixed))).toHaveLength(0);
  });
});

describe('denialStorm', () => {
  it.each([
    ['24 denials from one caller', events(24, { action: 'ACCESS_DENIED', outcome: 'FAILURE' }), 0],
    ['25 denials from one caller and address (two subjects)', events(25, { action: 'ACCESS_DENIED', outcome: 'FAILURE' }), 2],
    ['25 denials over 25 minutes', events(25, { action: 'ACCESS_DENIED', outcome: 'FAILURE', everyMs: 60_000 }), 0],
    ['25 successful views', events(25, {}), 0],
    ['25 anonymous refusals from one address', events(25, { action: 'ACCESS_DENIED', outcome: 'FAILURE', actorId: null }), 1],
  ])('%s', (_name, fresh, expected) => {
    expect(denialStorm(input(fresh))).toHaveLength(expected);
  });

  it('weighs a refusal tally event by the refusals it counts beyond the first', () => {
    const first = events(1, { action: 'ACCESS_DENIED', outcome: 'FAILURE', actorId: null, reason: 'bearer:invalid', resourceId: null });
    const tally = events(1, { fromSeq: 2, action: 'ACCESS_DENIED', outcome: 'FAILURE', actorId: null, reason: 'bearer:invalid', resourceId: 'minute:2026-12-02T15:00Z:count:40' });
    expect(refusalWeight(tally[0]!)).toBe(39);
    const [alert] = denialStorm(input([...first, ...tally]));
    expect(alert).toMatchObject({ subject: 'ip:198.51.100.7', eventCount: 40, severity: 'MEDIUM', evidenceSequences: [1, 2] });
  });
});

describe('credentialStuffing', () => {
  const failed = { action: 'LOGIN_FAILED', outcome: 'FAILURE', actorId: null, actorRole: null, resourceType: 'User' } as const;
  it.each([
    ['9 accounts from one address', events(9, failed), 0],
    ['10 accounts from one address', events(10, failed), 1],
    ['30 failures of one account', events(30, { ...failed, resourceId: 'user-x' }), 0],
    ['10 unknown accounts', events(10, { ...failed, resourceId: null }), 1],
    ['10 accounts from 10 addresses', events(10, failed).map((e, i) => ({ ...e, sourceIp: `203.0.113.${i}` })), 0],
  ])('%s', (_name, fresh, expected) => {
    expect(credentialStuffing(input(fresh))).toHaveLength(expected);
  });

  it('forgets the accounts that left the ten-minute window', () => {
    const early = events(9, failed);
    const late = events(9, { ...failed, fromSeq: 10, fromMs: START + 11 * 60_000 });
    expect(credentialStuffing(input([...early, ...late]))).toHaveLength(0);
    const overlapping = events(9, { ...failed, fromSeq: 10, fromMs: START + 5 * 60_000 });
    expect(credentialStuffing(input([...early, ...overlapping]))[0]).toMatchObject({ raisedAtSequence: 10, eventCount: 10, evidenceSequences: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
  });

  it('is HIGH at the threshold and CRITICAL when the first fresh failure already makes twice it', () => {
    expect(credentialStuffing(input(events(20, failed)))[0]).toMatchObject({ severity: 'HIGH', raisedAtSequence: 10 });
    const all = events(20, failed);
    expect(credentialStuffing(input(all.slice(19), { context: all.slice(0, 19) }))[0]).toMatchObject({ severity: 'CRITICAL', eventCount: 20 });
  });
});

describe('exportOutsideHours', () => {
  const exportAt = (iso: string, seq = 1, resourceType = 'AuditLog'): DetectorEvent => ({ ...events(1, { action: 'EXPORT', resourceType, fromSeq: seq })[0]!, occurredAt: iso });
  it.each([
    ['Wednesday 10:00 New York', '2026-12-02T15:00:00Z', 0],
    ['Wednesday 06:59 New York', '2026-12-02T11:59:00Z', 1],
    ['Wednesday 19:00 New York', '2026-12-03T00:00:00Z', 1],
    ['Saturday 10:00 New York', '2026-12-05T15:00:00Z', 1],
  ])('%s', (_name, iso, expected) => {
    expect(exportOutsideHours(input([exportAt(iso)]))).toHaveLength(expected);
  });

  it('reads the hours in the organization\'s time zone', () => {
    const berlin = { ...ALERT_SETTING_DEFAULTS, timeZone: 'Europe/Berlin' };
    expect(withinWorkingHours(Date.parse('2026-12-02T09:00:00Z'), berlin)).toBe(true);
    expect(withinWorkingHours(Date.parse('2026-12-02T09:00:00Z'), ALERT_SETTING_DEFAULTS)).toBe(false);
  });

  it('groups an actor\'s exports of one hour into one alert; a data export is MEDIUM', () => {
    const alerts = exportOutsideHours(input([exportAt('2026-12-05T15:00:00Z', 1, 'Physician'), exportAt('2026-12-05T15:10:00Z', 2, 'Physician')]));
    expect(alerts).toEqual([expect.objectContaining({ severity: 'MEDIUM', evidenceSequences: [1, 2], eventCount: 2 })]);
  });
});

describe('refreshTokenReuse', () => {
  it('raises one HIGH alert per reuse event, and none for an ordinary refresh', () => {
    const fresh = [
      ...events(1, { action: 'REFRESH_REUSE', outcome: 'FAILURE', resourceType: 'Session', resourceId: 's-1' }),
      ...events(1, { fromSeq: 2, action: 'TOKEN_REFRESH', resourceType: 'Session', resourceId: 's-2' }),
    ];
    expect(refreshTokenReuse(input(fresh))).toEqual([expect.objectContaining({ severity: 'HIGH', key: 'session:s-1:seq:1', evidenceSequences: [1] })]);
  });
});

describe('platformAdminAccess', () => {
  it.each([
    ['a platform admin viewing', { actorRole: 'PLATFORM_ADMIN' }, 1],
    ['a platform admin exporting', { actorRole: 'PLATFORM_ADMIN', action: 'EXPORT' }, 1],
    ['a platform admin refused', { actorRole: 'PLATFORM_ADMIN', outcome: 'FAILURE' }, 0],
    ['a platform admin creating an organization', { actorRole: 'PLATFORM_ADMIN', action: 'CREATE' }, 0],
    ['an owner viewing', { actorRole: 'ORG_OWNER' }, 0],
  ])('%s', (_name, shape, expected) => {
    expect(platformAdminAccess(input(events(3, shape)))).toHaveLength(expected);
  });
});

describe('detectAnomalies', () => {
  it('raises the same keys for the same events seen twice (a retried scan adds nothing new)', () => {
    const fresh = [...events(30, { action: 'ACCESS_DENIED', outcome: 'FAILURE' }), ...events(1, { fromSeq: 31, actorRole: 'PLATFORM_ADMIN' })];
    const keys = (list: ReturnType<typeof detectAnomalies>) => list.map((alert) => `${alert.detector}:${alert.key}`).sort();
    expect(keys(detectAnomalies(input(fresh)))).toEqual(keys(detectAnomalies(input(fresh, { context: fresh }))));
    expect(keys(detectAnomalies(input(fresh)))).toHaveLength(3);
  });
});
