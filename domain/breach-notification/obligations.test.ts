// The deadline engine on tables of cases: HIPAA's thresholds on both sides of 500, media per state,
// HHS against the annual log across time zones and leap years, the contract window, acting as a
// business associate, each kind of law-enforcement delay, recomputed counts, the state rows and bad
// facts; then the state table's coverage.
import { describe, expect, it } from '@jest/globals';
import { US_JURISDICTIONS } from '../../platform/us-jurisdictions.ts';
import { deriveObligations, type BreachFacts, type LawEnforcementDelay, type Obligation } from './obligations.ts';
import { STATE_LAWS } from './state-laws.ts';

const DISCOVERED = '2026-03-10T15:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;
const afterDiscovery = (days: number, from = DISCOVERED) => new Date(Date.parse(from) + days * DAY).toISOString();
const HIPAA_LIMIT = afterDiscovery(60); // 2026-05-09T15:00:00.000Z, a Saturday

const located = (counts: Record<string, number>) => Object.entries(counts).map(([jurisdiction, affectedCount]) => ({ jurisdiction, affectedCount }));
const facts = (overrides: Partial<BreachFacts> = {}): BreachFacts => ({
  discoveredAt: DISCOVERED, affectedCount: 10, affectedJurisdictions: [], actingAsBusinessAssociate: false,
  contractNoticeHours: 72, timeZone: 'America/New_York', lawEnforcementDelays: [], ...overrides,
});
const obligationsOf = (overrides: Partial<BreachFacts> = {}) => deriveObligations(facts(overrides));
const byKey = (obligations: Obligation[]) => new Map(obligations.map((obligation) => [obligation.key, obligation]));
const only = (overrides: Partial<BreachFacts>, key: string): Obligation => {
  const found = byKey(obligationsOf(overrides)).get(key);
  if (!found) throw new Error(`no ${key} obligation`);
  return found;
};
const keysOf = (obligations: Obligation[], kinds?: string[]) =>
  obligations.filter((obligation) => !kinds || kinds.includes(obligation.kind)).map((obligation) => obligation.key).sort();
const withCounts = (counts: Record<string, number>, total?: number) =>
  ({ affectedJurisdictions: located(counts), affectedCount: total ?? Object.values(counts).reduce((sum, count) => sum + count, 0) });

const written = (id: string, statedAt: string, until: string, agency = 'FBI'): LawEnforcementDelay =>
  ({ id, kind: 'WRITTEN', statedAt, until, agency, officer: null });
const oral = (id: string, statedAt: string, until: string | null = null, officer = 'Special Agent 4471'): LawEnforcementDelay =>
  ({ id, kind: 'ORAL', statedAt, until, agency: 'FBI', officer });

const HIPAA_KINDS = ['INDIVIDUALS', 'MEDIA', 'HHS', 'HHS_ANNUAL_LOG'];

describe('HIPAA thresholds: HHS at 500 or more in all, media where MORE than 500 residents of one state', () => {
  it.each<[string, number, Record<string, number>, string[]]>([
    ['499 in all: the annual log', 499, { CO: 499 }, ['HHS_ANNUAL_LOG', 'INDIVIDUALS']],
    ['500 in all, in one state: HHS now, no media (500 is not more than 500)', 500, { CO: 500 }, ['HHS', 'INDIVIDUALS']],
    ['501 in all, in one state: HHS and that state\'s media', 501, { CO: 501 }, ['HHS', 'INDIVIDUALS', 'MEDIA:CO']],
    ['500 in one state and 1 in another: HHS, no media', 501, { CO: 500, WA: 1 }, ['HHS', 'INDIVIDUALS']],
    ['501 in one state, 500 in another: media only where more than 500', 1001, { CO: 501, WA: 500 }, ['HHS', 'INDIVIDUALS', 'MEDIA:CO']],
    ['1,200 spread 400 a state: HHS, no media', 1200, { CO: 400, WA: 400, TX: 400 }, ['HHS', 'INDIVIDUALS']],
    ['three states over 500: media in each', 2000, { CO: 600, WA: 700, TX: 700 }, ['HHS', 'INDIVIDUALS', 'MEDIA:CO', 'MEDIA:TX', 'MEDIA:WA']],
    ['1,000 in all, only 400 located: media counts residents of a state, not the total', 1000, { CO: 400 }, ['HHS', 'INDIVIDUALS']],
    ['499 in all, none located yet', 499, {}, ['HHS_ANNUAL_LOG', 'INDIVIDUALS']],
    ['nobody counted yet: still the individuals and the annual log', 0, {}, ['HHS_ANNUAL_LOG', 'INDIVIDUALS']],
    ['a territory is a jurisdiction for media (Puerto Rico)', 501, { PR: 501 }, ['HHS', 'INDIVIDUALS', 'MEDIA:PR']],
    ['the District of Columbia', 800, { DC: 800 }, ['HHS', 'INDIVIDUALS', 'MEDIA:DC']],
  ])('%s', (_, affectedCount, counts, expected) => {
    expect(keysOf(obligationsOf({ affectedCount, affectedJurisdictions: located(counts) }), HIPAA_KINDS)).toEqual(expected);
  });
});

describe('HIPAA limits: discovery day is day 0, due on day 60, no weekend roll-forward', () => {
  it.each([
    ['a limit falling on a Saturday stays there', '2026-03-10T15:00:00.000Z', '2026-05-09T15:00:00.000Z'],
    ['an offset in the input is the same instant', '2026-03-10T10:00:00-05:00', '2026-05-09T15:00:00.000Z'],
    ['across the end of a year', '2026-12-15T00:00:00.000Z', '2027-02-13T00:00:00.000Z'],
    ['across 29 February in a leap year', '2028-01-15T12:00:00.000Z', '2028-03-15T12:00:00.000Z'],
    ['across February in a common year', '2027-01-15T12:00:00.000Z', '2027-03-16T12:00:00.000Z'],
    ['across a daylight-saving change: 60 days of 24 hours', '2026-10-15T14:00:00.000Z', '2026-12-14T14:00:00.000Z'],
  ])('%s', (_, discoveredAt, dueAt) => {
    const obligations = byKey(deriveObligations(facts({ discoveredAt, ...withCounts({ CO: 501 }), actingAsBusinessAssociate: true })));
    for (const key of ['INDIVIDUALS', 'MEDIA:CO', 'HHS', 'COVERED_ENTITY']) expect(obligations.get(key)?.dueAt).toBe(dueAt);
  });
});

describe('the annual log: 60 days after the end of the calendar year of discovery, in the organization\'s zone', () => {
  it.each([
    ['UTC, 2026', 'UTC', '2026-03-10T15:00:00.000Z', '2027-03-01T00:00:00.000Z'],
    ['New York, 2026: midnight EST', 'America/New_York', '2026-03-10T15:00:00.000Z', '2027-03-01T05:00:00.000Z'],
    ['New York, 23:30 on 31 December: still 2026 there', 'America/New_York', '2026-12-31T23:30:00-05:00', '2027-03-01T05:00:00.000Z'],
    ['the same instant in UTC is 2027: leap-year report', 'UTC', '2026-12-31T23:30:00-05:00', '2028-02-29T00:00:00.000Z'],
    ['Los Angeles, the last second of 2026', 'America/Los_Angeles', '2027-01-01T07:59:59.000Z', '2027-03-01T08:00:00.000Z'],
    ['Tokyo, already 2027 there', 'Asia/Tokyo', '2026-12-31T16:00:00.000Z', '2028-02-28T15:00:00.000Z'],
    ['Tokyo, the last second of 2026 there', 'Asia/Tokyo', '2026-12-31T14:59:59.000Z', '2027-02-28T15:00:00.000Z'],
    ['discovery in 2027: 29 February 2028', 'America/New_York', '2027-06-01T12:00:00.000Z', '2028-02-29T05:00:00.000Z'],
    ['discovery in 2028 (a leap year): 1 March 2029', 'America/New_York', '2028-02-29T12:00:00.000Z', '2029-03-01T05:00:00.000Z'],
    ['2100 is not a leap year', 'UTC', '2099-05-01T00:00:00.000Z', '2100-03-01T00:00:00.000Z'],
    ['2400 is', 'UTC', '2399-05-01T00:00:00.000Z', '2400-02-29T00:00:00.000Z'],
    ['Sydney in summer time (+11)', 'Australia/Sydney', '2026-03-10T15:00:00.000Z', '2027-02-28T13:00:00.000Z'],
    ['Kiritimati (+14)', 'Pacific/Kiritimati', '2026-06-01T00:00:00.000Z', '2027-02-28T10:00:00.000Z'],
    ['Pago Pago (−11)', 'Pacific/Pago_Pago', '2026-06-01T00:00:00.000Z', '2027-03-01T11:00:00.000Z'],
  ])('%s', (_, timeZone, discoveredAt, dueAt) => {
    const log = only({ timeZone, discoveredAt, affectedCount: 12 }, 'HHS_ANNUAL_LOG');
    expect(log).toMatchObject({ dueAt, rule: '45 CFR 164.408(c)', notBefore: null, captured: true });
  });

  it('does not give the annual log when HHS is told now', () => {
    expect(keysOf(obligationsOf({ affectedCount: 500 }))).not.toContain('HHS_ANNUAL_LOG');
  });
});

describe('the customer contract window', () => {
  it.each([
    [72, '2026-03-13T15:00:00.000Z'],
    [24, '2026-03-11T15:00:00.000Z'],
    [48, '2026-03-12T15:00:00.000Z'],
    [1, '2026-03-10T16:00:00.000Z'],
    [0.5, '2026-03-10T15:30:00.000Z'],
    [168, '2026-03-17T15:00:00.000Z'],
    [2160, '2026-06-08T15:00:00.000Z'],
  ])('%p hours after discovery: %s', (contractNoticeHours, dueAt) => {
    const contract = only({ contractNoticeHours }, 'CONTRACT');
    expect(contract).toMatchObject({ dueAt, notBefore: null, note: null, jurisdiction: null });
    expect(contract.rule).toContain(`${contractNoticeHours} hours`);
  });

  it('is not held by a law-enforcement delay', () => {
    const contract = only({ lawEnforcementDelays: [written('w1', '2026-03-11T00:00:00.000Z', '2026-07-01T00:00:00.000Z')] }, 'CONTRACT');
    expect(contract).toMatchObject({ dueAt: '2026-03-13T15:00:00.000Z', notBefore: null, note: null });
  });
});

describe('acting as a business associate (164.410)', () => {
  it.each([
    [false, ['CONTRACT', 'HHS_ANNUAL_LOG', 'INDIVIDUALS']],
    [true, ['CONTRACT', 'COVERED_ENTITY', 'HHS_ANNUAL_LOG', 'INDIVIDUALS']],
  ])('actingAsBusinessAssociate %p', (actingAsBusinessAssociate, keys) => {
    const obligations = obligationsOf({ actingAsBusinessAssociate });
    expect(keysOf(obligations)).toEqual(keys);
    const individuals = byKey(obligations).get('INDIVIDUALS')!;
    if (actingAsBusinessAssociate) {
      expect(byKey(obligations).get('COVERED_ENTITY')).toMatchObject({ dueAt: HIPAA_LIMIT, rule: '45 CFR 164.410(b)', note: null });
      expect(individuals.note).toMatch(/business associate/);
    } else {
      expect(individuals.note).toBeNull();
    }
  });
});

describe('law-enforcement delays (164.412): our reading, due = max(limit, end of the hold)', () => {
  type Expected = { dueAt: string; notBefore: string | null; note: RegExp };
  it.each<[string, LawEnforcementDelay[], Expected]>([
    ['a written statement holds until the end of its period',
      [written('w1', '2026-03-20T00:00:00.000Z', '2026-06-30T00:00:00.000Z')],
      { dueAt: '2026-06-30T00:00:00.000Z', notBefore: '2026-06-30T00:00:00.000Z', note: /delayed by law enforcement until 2026-06-30T00:00:00.000Z, by the written statement/ }],
    ['a written period ending before the limit holds notice but leaves the limit',
      [written('w1', '2026-03-20T00:00:00.000Z', '2026-04-01T00:00:00.000Z')],
      { dueAt: HIPAA_LIMIT, notBefore: '2026-04-01T00:00:00.000Z', note: /held by law enforcement until 2026-04-01T00:00:00.000Z.*the limit is unchanged/ }],
    ['an oral statement with no end: 30 days from it',
      [oral('o1', '2026-04-20T15:00:00.000Z')],
      { dueAt: '2026-05-20T15:00:00.000Z', notBefore: '2026-05-20T15:00:00.000Z', note: /oral statement of 2026-04-20T15:00:00.000Z by FBI \(Special Agent 4471\)/ }],
    ['an oral statement naming a longer period is capped at 30 days',
      [oral('o1', '2026-04-20T15:00:00.000Z', '2026-07-01T00:00:00.000Z')],
      { dueAt: '2026-05-20T15:00:00.000Z', notBefore: '2026-05-20T15:00:00.000Z', note: /at most 30 days/ }],
    ['an oral statement naming a shorter period holds for it',
      [oral('o1', '2026-04-20T15:00:00.000Z', '2026-05-15T00:00:00.000Z')],
      { dueAt: '2026-05-15T00:00:00.000Z', notBefore: '2026-05-15T00:00:00.000Z', note: /oral statement/ }],
    ['an oral statement overtaken by a written one within its 30 days: the written one governs',
      [oral('o1', '2026-04-20T15:00:00.000Z'), written('w1', '2026-05-10T00:00:00.000Z', '2026-07-15T00:00:00.000Z')],
      { dueAt: '2026-07-15T00:00:00.000Z', notBefore: '2026-07-15T00:00:00.000Z', note: /written statement of 2026-05-10T00:00:00.000Z by FBI \(it replaces the oral statement of 2026-04-20/ }],
    ['the written one governs even when it ends before the oral one would have',
      [oral('o1', '2026-04-20T15:00:00.000Z'), written('w1', '2026-04-25T00:00:00.000Z', '2026-05-12T00:00:00.000Z')],
      { dueAt: '2026-05-12T00:00:00.000Z', notBefore: '2026-05-12T00:00:00.000Z', note: /it replaces the oral/ }],
    ['a written statement on the 30th day of an oral one still overtakes it',
      [oral('o1', '2026-04-20T15:00:00.000Z'), written('w1', '2026-05-20T15:00:00.000Z', '2026-05-25T00:00:00.000Z')],
      { dueAt: '2026-05-25T00:00:00.000Z', notBefore: '2026-05-25T00:00:00.000Z', note: /it replaces the oral/ }],
    ['an oral statement, then a written one after its 30 days while notice is not yet due: each holds in turn',
      [oral('o1', '2026-03-20T15:00:00.000Z'), written('w1', '2026-05-01T00:00:00.000Z', '2026-06-15T00:00:00.000Z')],
      { dueAt: '2026-06-15T00:00:00.000Z', notBefore: '2026-06-15T00:00:00.000Z', note: /^(?!.*replaces).*written statement of 2026-05-01/ }],
    ['an oral statement, then a written one after its 30 days and after the moved limit: too late',
      [oral('o1', '2026-04-20T15:00:00.000Z'), written('w1', '2026-05-25T00:00:00.000Z', '2026-08-01T00:00:00.000Z')],
      { dueAt: '2026-05-20T15:00:00.000Z', notBefore: '2026-05-20T15:00:00.000Z', note: /written statement of 2026-05-25T00:00:00.000Z by FBI came after this notice was due \(2026-05-20T15:00:00.000Z\) and does not revive it/ }],
    ['an oral statement with a short end, then a written one after that end and after the moved limit: too late',
      [oral('o1', '2026-05-01T15:00:00.000Z', '2026-05-12T00:00:00.000Z'), written('w1', '2026-05-20T00:00:00.000Z', '2026-07-01T00:00:00.000Z')],
      { dueAt: '2026-05-12T00:00:00.000Z', notBefore: '2026-05-12T00:00:00.000Z', note: /written statement of 2026-05-20T00:00:00.000Z by FBI came after this notice was due \(2026-05-12T00:00:00.000Z\)/ }],
    ['a statement made after the limit passed does not revive it',
      [written('w1', '2026-05-10T00:00:00.000Z', '2026-08-01T00:00:00.000Z')],
      { dueAt: HIPAA_LIMIT, notBefore: null, note: /came after this notice was due \(2026-05-09T15:00:00.000Z\) and does not revive it/ }],
    ['several written statements: the latest end governs',
      [written('w1', '2026-03-20T00:00:00.000Z', '2026-07-01T00:00:00.000Z'), written('w2', '2026-04-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z', 'USSS')],
      { dueAt: '2026-07-01T00:00:00.000Z', notBefore: '2026-07-01T00:00:00.000Z', note: /written statement of 2026-03-20T00:00:00.000Z by FBI/ }],
    ['a second oral statement within the first one\'s hold holds 30 days from itself',
      [oral('o1', '2026-04-20T15:00:00.000Z'), oral('o2', '2026-05-15T15:00:00.000Z')],
      { dueAt: '2026-06-14T15:00:00.000Z', notBefore: '2026-06-14T15:00:00.000Z', note: /oral statement of 2026-05-15/ }],
    ['the order the caller lists them in does not matter',
      [written('w1', '2026-05-10T00:00:00.000Z', '2026-07-15T00:00:00.000Z'), oral('o1', '2026-04-20T15:00:00.000Z')],
      { dueAt: '2026-07-15T00:00:00.000Z', notBefore: '2026-07-15T00:00:00.000Z', note: /it replaces the oral/ }],
  ])('%s', (_, lawEnforcementDelays, expected) => {
    const individuals = only({ lawEnforcementDelays }, 'INDIVIDUALS');
    expect(individuals).toMatchObject({ dueAt: expected.dueAt, notBefore: expected.notBefore });
    expect(individuals.note).toMatch(expected.note);
  });

  it('holds each HIPAA notice by its own limit: a statement after the individuals\' limit still holds the annual log', () => {
    const obligations = byKey(obligationsOf({ lawEnforcementDelays: [written('w1', '2026-06-01T00:00:00.000Z', '2027-04-01T00:00:00.000Z')] }));
    expect(obligations.get('INDIVIDUALS')).toMatchObject({ dueAt: HIPAA_LIMIT, notBefore: null });
    expect(obligations.get('HHS_ANNUAL_LOG')).toMatchObject({ dueAt: '2027-04-01T00:00:00.000Z', notBefore: '2027-04-01T00:00:00.000Z' });
  });

  it('holds every HIPAA notice, and the state notices by our reading, but not the contract', () => {
    const obligations = obligationsOf({ ...withCounts({ CO: 700 }), actingAsBusinessAssociate: true,
      lawEnforcementDelays: [written('w1', '2026-03-12T00:00:00.000Z', '2026-09-01T00:00:00.000Z')] });
    const held = obligations.filter((obligation) => obligation.notBefore === '2026-09-01T00:00:00.000Z').map((obligation) => obligation.key).sort();
    expect(held).toEqual(['COVERED_ENTITY', 'HHS', 'INDIVIDUALS', 'MEDIA:CO', 'STATE_INDIVIDUALS:CO', 'STATE_REGULATOR:CO']);
    expect(byKey(obligations).get('STATE_INDIVIDUALS:CO')?.note).toMatch(/state statute's own law-enforcement delay/);
    expect(byKey(obligations).get('INDIVIDUALS')?.note).not.toMatch(/state statute/);
  });
});

describe('recomputed counts: the changed obligation set, with stable keys', () => {
  const before = facts(withCounts({ CO: 499 }));
  it.each<[string, Partial<BreachFacts>, string[], string[]]>([
    ['499 → 600 in Colorado: HHS now instead of the log, media, the Attorney General', withCounts({ CO: 600 }), ['HHS', 'MEDIA:CO', 'STATE_REGULATOR:CO'], ['HHS_ANNUAL_LOG']],
    ['499 → 500 in Colorado: HHS and the Attorney General, no media', withCounts({ CO: 500 }), ['HHS', 'STATE_REGULATOR:CO'], ['HHS_ANNUAL_LOG']],
    ['a second state appears, bringing the total to 500', withCounts({ CO: 499, WA: 1 }), ['HHS', 'STATE_INDIVIDUALS:WA'], ['HHS_ANNUAL_LOG']],
    ['a second state appears within the same total', withCounts({ CO: 480, WA: 19 }), ['STATE_INDIVIDUALS:WA'], []],
    ['Colorado drops to 0', withCounts({ CO: 0 }), [], ['STATE_INDIVIDUALS:CO']],
    ['the same counts', withCounts({ CO: 499 }), [], []],
  ])('%s', (_, changed, added, removed) => {
    const old = byKey(deriveObligations(before));
    const recomputed = byKey(deriveObligations({ ...before, ...changed }));
    expect([...recomputed.keys()].filter((key) => !old.has(key)).sort()).toEqual(added);
    expect([...old.keys()].filter((key) => !recomputed.has(key)).sort()).toEqual(removed);
    for (const [key, obligation] of recomputed) if (old.has(key)) expect(obligation).toEqual(old.get(key));
  });

  it('gives the same obligations for the same facts, whatever order the jurisdictions come in', () => {
    const one = obligationsOf(withCounts({ CO: 600, WA: 700, TX: 300 }));
    const other = obligationsOf(withCounts({ TX: 300, WA: 700, CO: 600 }));
    expect(other).toEqual(one);
  });

  it('orders by due instant, then key, with each key once', () => {
    const obligations = obligationsOf({ ...withCounts({ CO: 600, WA: 700, TX: 300, OK: 4 }), actingAsBusinessAssociate: true });
    const order = obligations.map((obligation) => [Date.parse(obligation.dueAt), obligation.key] as const);
    const sorted = [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(order).toEqual(sorted);
    expect(new Set(obligations.map((obligation) => obligation.key)).size).toBe(obligations.length);
    for (const obligation of obligations) {
      expect(obligation.key).toBe(obligation.jurisdiction ? `${obligation.kind}:${obligation.jurisdiction}` : obligation.kind);
    }
  });
});

describe('state obligations from the state table', () => {
  type Expected = { key: string; dueAt: string; rule: RegExp; captured?: boolean; note?: RegExp | null };
  it.each<[string, Record<string, number>, Expected]>([
    ['Washington: 30 days after discovery', { WA: 10 },
      { key: 'STATE_INDIVIDUALS:WA', dueAt: afterDiscovery(30), rule: /^Wash\. Rev\. Code § 19\.255\.010$/, note: null }],
    ['Colorado: 30 days after determination, counted from discovery', { CO: 10 },
      { key: 'STATE_INDIVIDUALS:CO', dueAt: afterDiscovery(30), rule: /Colo\. Rev\. Stat\. § 6-1-716/, note: /from determining the breach; counted here from discovery/ }],
    ['Texas: 60 days after determination', { TX: 10 },
      { key: 'STATE_INDIVIDUALS:TX', dueAt: afterDiscovery(60), rule: /Tex\. Bus\. & Com\. Code § 521\.053/, note: /determining/ }],
    ['Connecticut: 60 days after discovery', { CT: 1 },
      { key: 'STATE_INDIVIDUALS:CT', dueAt: afterDiscovery(60), rule: /Conn\. Gen\. Stat\. § 36a-701b/, note: null }],
    ['Florida: 30 days after determination', { FL: 10 },
      { key: 'STATE_INDIVIDUALS:FL', dueAt: afterDiscovery(30), rule: /Fla\. Stat\. § 501\.171/, note: /determining/ }],
    ['Ohio: 45 days after discovery', { OH: 10 }, { key: 'STATE_INDIVIDUALS:OH', dueAt: afterDiscovery(45), rule: /Ohio/, note: null }],
    ['Georgia names no number: HIPAA\'s limit, noted', { GA: 10 },
      { key: 'STATE_INDIVIDUALS:GA', dueAt: HIPAA_LIMIT, rule: /Ga\. Code/, note: /names no number of days/ }],
    ['Oklahoma is not captured: flagged, HIPAA\'s limit', { OK: 10 },
      { key: 'STATE_INDIVIDUALS:OK', dueAt: HIPAA_LIMIT, rule: /Okla\. Stat/, captured: false, note: /not captured: HIPAA's 60-day limit shown/ }],
    ['…and so is whether its regulator must be told', { OK: 10 },
      { key: 'STATE_REGULATOR:OK', dueAt: HIPAA_LIMIT, rule: /Okla\. Stat/, captured: false, note: /whether a state authority must be told is not known/ }],
    ['American Samoa: no statute identified, flagged', { AS: 3 },
      { key: 'STATE_INDIVIDUALS:AS', dueAt: HIPAA_LIMIT, rule: /none identified/, captured: false, note: /not captured/ }],
    ['Texas Attorney General at 250 (at least 250): 30 days', { TX: 250 },
      { key: 'STATE_REGULATOR:TX', dueAt: afterDiscovery(30), rule: /521\.053: Attorney General/ }],
    ['Washington Attorney General at 501 (more than 500): 30 days', { WA: 501 },
      { key: 'STATE_REGULATOR:WA', dueAt: afterDiscovery(30), rule: /19\.255\.010: Attorney General/, note: null }],
    ['Colorado Attorney General at 500 (at least 500)', { CO: 500 },
      { key: 'STATE_REGULATOR:CO', dueAt: afterDiscovery(30), rule: /6-1-716\(2\): Attorney General/ }],
    ['Florida Department of Legal Affairs at 500', { FL: 500 },
      { key: 'STATE_REGULATOR:FL', dueAt: afterDiscovery(30), rule: /Department of Legal Affairs/ }],
    ['Connecticut Attorney General, any number, no later than the residents', { CT: 1 },
      { key: 'STATE_REGULATOR:CT', dueAt: afterDiscovery(60), rule: /Attorney General/, note: /no later than the notice to residents/ }],
    ['Alabama Attorney General above 1,000: 45 days', { AL: 1001 },
      { key: 'STATE_REGULATOR:AL', dueAt: afterDiscovery(45), rule: /Ala\. Code/ }],
    ['District of Columbia at 50 (at least 50), with the residents', { DC: 50 },
      { key: 'STATE_REGULATOR:DC', dueAt: HIPAA_LIMIT, rule: /D\.C\. Code/ }],
    ['California: 15 days after the residents\' 30', { CA: 501 },
      { key: 'STATE_REGULATOR:CA', dueAt: afterDiscovery(45), rule: /Cal\. Civ\. Code/, note: /15 days after the notice to residents/ }],
    ['Louisiana: 10 days after the residents\' 60', { LA: 1 },
      { key: 'STATE_REGULATOR:LA', dueAt: afterDiscovery(70), rule: /La\. Rev\. Stat/ }],
    ['Iowa: 5 business days after the residents, counted as calendar days', { IA: 501 },
      { key: 'STATE_REGULATOR:IA', dueAt: afterDiscovery(65), rule: /Iowa Code/, note: /business days: counted as calendar days/ }],
    ['Vermont: 14 business days after discovery, counted as calendar days', { VT: 1 },
      { key: 'STATE_REGULATOR:VT', dueAt: afterDiscovery(14), rule: /Vt\. Stat/, note: /business days/ }],
    ['Massachusetts: no number of its own, with the residents', { MA: 1 },
      { key: 'STATE_REGULATOR:MA', dueAt: HIPAA_LIMIT, rule: /Office of Consumer Affairs/, note: /no number of days of its own/ }],
    ['Puerto Rico: the Department of Consumer Affairs within 10 days', { PR: 1 },
      { key: 'STATE_REGULATOR:PR', dueAt: afterDiscovery(10), rule: /DACO/ }],
  ])('%s', (_, counts, expected) => {
    const obligation = only(withCounts(counts), expected.key);
    expect(obligation.dueAt).toBe(expected.dueAt);
    expect(obligation.rule).toMatch(expected.rule);
    expect(obligation.captured).toBe(expected.captured ?? true);
    expect(obligation.jurisdiction).toBe(expected.key.split(':')[1]);
    if (expected.note === null) expect(obligation.note).toBeNull();
    else if (expected.note) expect(obligation.note).toMatch(expected.note);
  });

  it.each<[string, Record<string, number>, string]>([
    ['Texas at 249 (below at least 250)', { TX: 249 }, 'STATE_REGULATOR:TX'],
    ['Washington at 500 (not more than 500)', { WA: 500 }, 'STATE_REGULATOR:WA'],
    ['Colorado at 499', { CO: 499 }, 'STATE_REGULATOR:CO'],
    ['Alabama at 1,000 (not more than 1,000)', { AL: 1000 }, 'STATE_REGULATOR:AL'],
    ['District of Columbia at 49', { DC: 49 }, 'STATE_REGULATOR:DC'],
    ['Georgia: no state authority', { GA: 5000 }, 'STATE_REGULATOR:GA'],
    ['a jurisdiction listed with 0 residents', { WA: 0 }, 'STATE_INDIVIDUALS:WA'],
  ])('no obligation: %s', (_, counts, key) => {
    expect(keysOf(obligationsOf(withCounts(counts)))).not.toContain(key);
  });
});

describe('facts that break invariants are refused with a plain Error', () => {
  it.each<[string, Partial<BreachFacts>, RegExp]>([
    ['an unknown jurisdiction', withCounts({ XX: 3 }), /"XX" is not a US state, DC or territory code/],
    ['a lower-case code', withCounts({ co: 3 }), /"co" is not a US state/],
    ['a negative total', { affectedCount: -1 }, /affectedCount must be a whole number of 0 or more/],
    ['a fractional total', { affectedCount: 1.5 }, /affectedCount must be a whole number/],
    ['a total that is not a number', { affectedCount: Number.NaN }, /affectedCount must be a whole number/],
    ['a negative count in a state', withCounts({ CO: -2 }, 10), /affected count of CO must be a whole number/],
    ['a fractional count in a state', withCounts({ CO: 2.5 }, 10), /affected count of CO must be a whole number/],
    ['states adding up to more than the total', withCounts({ CO: 300, WA: 300 }, 500), /add up to 600, more than the 500 affected in all/],
    ['a state listed twice', { affectedCount: 10, affectedJurisdictions: [...located({ CO: 2 }), ...located({ CO: 3 })] }, /CO is listed twice/],
    ['a discovery that is not a date', { discoveredAt: 'last Tuesday' }, /discoveredAt "last Tuesday" is not an ISO instant/],
    ['a discovery on 30 February', { discoveredAt: '2026-02-30T10:00:00.000Z' }, /is not an ISO instant/],
    ['a discovery without an offset', { discoveredAt: '2026-03-10T15:00:00' }, /is not an ISO instant with an offset/],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, /timeZone "Mars\/Olympus_Mons" is not an IANA time zone/],
    ['no time zone', { timeZone: undefined }, /timeZone must be an IANA time zone name/],
    ['an empty time zone', { timeZone: '' }, /timeZone "" is not an IANA time zone/],
    ['a contract window of 0 hours', { contractNoticeHours: 0 }, /contractNoticeHours must be a number of hours above 0/],
    ['a negative contract window', { contractNoticeHours: -72 }, /contractNoticeHours/],
    ['a written statement without the end of its period',
      { lawEnforcementDelays: [{ ...written('w1', '2026-03-20T00:00:00.000Z', '2026-06-01T00:00:00.000Z'), until: null }] }, /written statement must name the end of its period/],
    ['a delay ending before it was stated', { lawEnforcementDelays: [written('w1', '2026-03-20T00:00:00.000Z', '2026-03-19T00:00:00.000Z')] }, /is not after statedAt/],
    ['a delay with a bad statedAt', { lawEnforcementDelays: [oral('o1', 'yesterday')] }, /statedAt "yesterday" is not an ISO instant/],
    ['two delays with one id', { lawEnforcementDelays: [oral('o1', '2026-03-20T00:00:00.000Z'), oral('o1', '2026-03-21T00:00:00.000Z')] }, /"o1" is listed twice/],
    ['a delay without an agency', { lawEnforcementDelays: [{ ...oral('o1', '2026-03-20T00:00:00.000Z'), agency: ' ' }] }, /the agency is required/],
  ])('%s', (_, overrides, message) => {
    expect(() => obligationsOf(overrides)).toThrow(message);
  });
});

describe('the state table', () => {
  it('has one row for every jurisdiction of platform/us-jurisdictions.ts, and no other', () => {
    const jurisdictions = STATE_LAWS.map((law) => law.jurisdiction);
    expect(jurisdictions).toHaveLength(56);
    expect(new Set(jurisdictions).size).toBe(jurisdictions.length);
    expect([...jurisdictions].sort()).toEqual([...US_JURISDICTIONS].sort());
  });

  it.each(STATE_LAWS.map((law) => [law.jurisdiction, law] as const))('%s: a statute, the day it was checked, a well-formed rule', (_, law) => {
    expect(law.statute.trim().length).toBeGreaterThan(5);
    expect(law.checkedOn).toBe('2026-12-02');
    const days = [law.individuals.days, law.regulator?.days ?? null].filter((value) => value !== null);
    for (const value of days) expect(Number.isInteger(value) && value >= 0 && value <= 90).toBe(true);
    if (law.regulator?.threshold) expect(Number.isInteger(law.regulator.threshold.count) && law.regulator.threshold.count > 0).toBe(true);
    if (!law.captured) expect([law.individuals.days, law.regulator]).toEqual([null, null]);
  });

  it('gives DOMAIN.md\'s examples as DOMAIN.md states them', () => {
    const law = (code: string) => STATE_LAWS.find((row) => row.jurisdiction === code)!;
    expect([law('CO').individuals, law('CO').regulator?.threshold, law('CO').regulator?.days]).toEqual([{ days: 30, from: 'DETERMINATION' }, { count: 500, comparison: 'AT_LEAST' }, 30]);
    expect([law('FL').individuals, law('FL').regulator?.threshold, law('FL').regulator?.days]).toEqual([{ days: 30, from: 'DETERMINATION' }, { count: 500, comparison: 'AT_LEAST' }, 30]);
    expect([law('WA').individuals, law('WA').regulator?.threshold, law('WA').regulator?.days]).toEqual([{ days: 30, from: 'DISCOVERY' }, { count: 500, comparison: 'MORE_THAN' }, 30]);
    expect([law('TX').individuals, law('TX').regulator?.threshold, law('TX').regulator?.days]).toEqual([{ days: 60, from: 'DETERMINATION' }, { count: 250, comparison: 'AT_LEAST' }, 30]);
    expect([law('CT').individuals, law('CT').regulator?.from, law('CT').regulator?.days]).toEqual([{ days: 60, from: 'DISCOVERY' }, 'RESIDENTS_NOTICE', 0]);
  });
});
