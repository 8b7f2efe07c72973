// Exclusion list benchmarks, on one embedded PostgreSQL migrated like production, as the worker's
// database role (as the worker runs them):
//   Import: a synthetic LEIE full file of BENCH_EXCLUSIONS_ROWS rows (default 80,000; fictional
//   names made of syllables, 30% with an NPI, 90% with a date of birth, as in the real file),
//   written to a temporary file and imported by importExclusionList (read as a stream, SHA-256,
//   batches of 2,000 upserted, one transaction). Aim: under 10 s.
//   Screening: BENCH_EXCLUSIONS_PHYSICIANS physicians (default 10,000, over 10 organizations,
//   date of birth encrypted as the product stores it, each with a licensed state), of whom 50 are
//   on the file by NPI and 50 by name and date of birth, screened by screenPhysicianBatch in
//   batches of 500 (decrypt, candidate query, match, write results and audit). Aim: under 2 s.
//   Screened twice: the first run writes the matches and their audit events; the second finds
//   nothing new (the daily steady state).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../platform/database/orm.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { createFieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { localKeyProvider } from '../platform/field-encryption/key-provider.ts';
import { LEIE_HEADER } from '../stack/source-stand-ins/exclusion-lists.ts';
import { anOrganization, insertStoredCredentials, insertStoredPhysician } from '../test/support/factories.ts';
import { randomNpi } from '../test/support/identifiers.ts';
import { isValidNpi } from '../subgraphs/credentials/validation.ts';
import { importExclusionList } from '../workflows/exclusion-lists/import.ts';
import { screenPhysicianBatch, type ScreeningBatchResult } from '../workflows/exclusion-lists/screening.ts';
import { benchLogger, SERVICE_PASSWORDS, withBenchDatabase, writeResults } from './support.ts';

const ROWS = Number(process.env.BENCH_EXCLUSIONS_ROWS ?? 80_000);
const PHYSICIANS = Number(process.env.BENCH_EXCLUSIONS_PHYSICIANS ?? 10_000);
const ORGANIZATIONS = 10;
const ON_LIST_BY_NPI = 50;
const ON_LIST_BY_NAME = 50;
const BATCH = 500;
const AIMS = { importMs: 10_000, screeningMs: 2_000 };

// A deterministic generator, so every run imports the same file.
let seed = 0x2f6e2b1;
/** mulberry32: small, fast, and a full period for our sizes. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const SYLLABLES = ['bar', 'vel', 'quor', 'tam', 'sil', 'dren', 'mok', 'ral', 'fen', 'zor', 'pim', 'lut', 'gav', 'hes', 'ny', 'cor', 'wen', 'tib', 'oss', 'kel'];
const word = (parts: number) => Array.from({ length: parts }, () => pick(SYLLABLES)).join('').toUpperCase();
const FIRST_NAMES = Array.from({ length: 400 }, () => word(2));
const date = (from: number, span: number) => new Date(Date.UTC(from, 0, 1) + Math.floor(random() * span) * 86_400_000).toISOString().slice(0, 10);
const yyyymmdd = (iso: string) => iso.replace(/-/g, '');
/** A valid NPI starting with 2: the physicians' random NPIs start with 1, so none is on the file by chance. */
function listedNpi(): string {
  const body = `2${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
  for (let digit = 0; digit <= 9; digit += 1) if (isValidNpi(`${body}${digit}`)) return `${body}${digit}`;
  throw new Error('unreachable: one check digit always fits');
}
const STATES = ['CA', 'NY', 'TX', 'FL', 'WA', 'MA', 'IL', 'OH', 'PA', 'GA'];

interface Person { lastName: string; firstName: string; npi: string | null; dateOfBirth: string | null; state: string }

function syntheticLeie(people: Person[]): string {
  const lines = [LEIE_HEADER];
  for (const person of people) {
    lines.push([
      person.lastName, person.firstName, word(1).slice(0, 1), '', 'INDIVIDUAL', 'NURSING PROFESSION', '', person.npi ?? '0000000000',
      person.dateOfBirth ? yyyymmdd(person.dateOfBirth) : '00000000', `${Math.floor(random() * 9000) + 100} ${word(2)} ST`, word(2), person.state,
      String(10_000 + Math.floor(random() * 89_999)), pick(['1128a1', '1128a2', '1128b4', '1128b7']), yyyymmdd(date(1995, 11_000)), '00000000', '00000000', '',
    ].map((field) => `"${field}"`).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

await withBenchDatabase(async (postgres) => {
  const orm = await openDatabase({ url: postgres.serviceUrl(SERVICE_DATABASE_ROLES.worker, SERVICE_PASSWORDS.worker), logger: benchLogger });
  const identity = await openDatabase({ url: postgres.serviceUrl(SERVICE_DATABASE_ROLES.identity, SERVICE_PASSWORDS.identity), logger: benchLogger });
  const encryption = createFieldEncryption(localKeyProvider([randomBytes(32)]));
  const dir = mkdtempSync(join(tmpdir(), 'credence-exclusions-bench-'));
  try {
    const people: Person[] = Array.from({ length: ROWS }, () => ({
      lastName: random() < 0.1 ? `${word(2)}-${word(2)}` : word(2 + Math.floor(random() * 2)), firstName: pick(FIRST_NAMES),
      npi: random() < 0.3 ? listedNpi() : null, dateOfBirth: random() < 0.9 ? date(1940, 20_000) : null, state: pick(STATES),
    }));
    const path = join(dir, 'UPDATED.csv');
    writeFileSync(path, syntheticLeie(people));

    let progressLines = 0;
    const importStarted = performance.now();
    const imported = await importExclusionList(orm, { list: 'OIG_LEIE', kind: 'FULL', location: path }, { onProgress: () => (progressLines += 1) });
    const importMs = performance.now() - importStarted;
    assert.equal(imported.rows, ROWS);
    const [stored] = await orm.em.fork().execute<{ count: string }[]>(`select count(*)::text as count from screening.exclusion_entries`);
    console.log(`import of ${ROWS.toLocaleString('en-US')} LEIE rows: ${seconds(importMs)} (${Number(stored!.count).toLocaleString('en-US')} entries stored, ${progressLines} progress reports; aim < ${seconds(AIMS.importMs)})`);

    // Physicians: most on no list; some with an NPI of the file, some with a name and date of birth of it.
    const byNpi = people.filter((person) => person.npi).slice(0, ON_LIST_BY_NPI);
    const byName = people.filter((person) => !person.npi && person.dateOfBirth).slice(0, ON_LIST_BY_NAME);
    const organizations = await Promise.all(Array.from({ length: ORGANIZATIONS }, (_, i) => anOrganization(identity, { name: `Bench hospital ${i}` })));
    const seedStarted = performance.now();
    for (const [o, organizationId] of organizations.entries()) {
      await orm.em.fork().transactional(async (em) => {
        const keys = await encryption.forOrganization(em, organizationId);
        const licenses = [];
        for (let i = o; i < PHYSICIANS; i += ORGANIZATIONS) {
          const listed = i < ON_LIST_BY_NPI ? byNpi[i] : i < ON_LIST_BY_NPI + ON_LIST_BY_NAME ? byName[i - ON_LIST_BY_NPI] : undefined;
          const physicianId = await insertStoredPhysician(em, keys, organizationId, {
            givenName: listed && !listed.npi ? listed.firstName : pick(FIRST_NAMES), familyName: listed && !listed.npi ? listed.lastName : word(3),
            npi: listed?.npi ?? randomNpi(), dateOfBirth: listed?.dateOfBirth ?? date(1950, 15_000),
          });
          licenses.push({ physicianId, type: 'STATE_LICENSE', number: `LIC-${i}`, issuer: 'Medical Board', state: pick(STATES), expiresOn: '2030-01-01' });
        }
        await insertStoredCredentials(em, keys, organizationId, licenses);
      });
    }
    console.log(`seeded ${PHYSICIANS.toLocaleString('en-US')} physicians in ${ORGANIZATIONS} organizations (${seconds(performance.now() - seedStarted)})`);

    const screenAll = async () => {
      const started = performance.now();
      const totals = { screened: 0, excluded: 0, possibleMatches: 0, clear: 0, newMatches: 0, batches: 0 };
      let afterId: string | null = null;
      do {
        const batch: ScreeningBatchResult = await screenPhysicianBatch({ orm, encryption, logger: benchLogger }, { afterId, limit: BATCH });
        for (const key of ['screened', 'excluded', 'possibleMatches', 'clear', 'newMatches'] as const) totals[key] += batch[key];
        totals.batches += 1;
        afterId = batch.nextAfterId;
      } while (afterId !== null);
      return { ms: performance.now() - started, ...totals };
    };
    const first = await screenAll();
    const second = await screenAll();
    assert.equal(first.screened, PHYSICIANS);
    assert.ok(first.excluded >= ON_LIST_BY_NPI, `expected at least ${ON_LIST_BY_NPI} exclusions, got ${first.excluded}`);
    assert.ok(first.possibleMatches >= ON_LIST_BY_NAME, `expected at least ${ON_LIST_BY_NAME} possible matches, got ${first.possibleMatches}`);
    assert.equal(second.newMatches, 0);
    for (const [label, run] of [['first (writes matches, audits them)', first], ['second (nothing new)', second]] as const) {
      console.log(`screening ${run.screened.toLocaleString('en-US')} physicians, ${label}: ${seconds(run.ms)} in ${run.batches} batches; ${run.excluded} excluded, ${run.possibleMatches} possible, ${run.newMatches} new matches (aim < ${seconds(AIMS.screeningMs)})`);
    }
    const file = writeResults('exclusions', {
      rows: ROWS, physicians: PHYSICIANS, organizations: ORGANIZATIONS, batch: BATCH,
      importMs, screeningMs: { first: first.ms, second: second.ms },
      found: { excluded: first.excluded, possibleMatches: first.possibleMatches },
      aims: { ...AIMS, importMet: importMs < AIMS.importMs, screeningMet: first.ms < AIMS.screeningMs && second.ms < AIMS.screeningMs },
    });
    console.log(`results: ${file}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await identity.close();
    await orm.close();
  }
});
