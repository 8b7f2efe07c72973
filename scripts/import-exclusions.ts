// npm run exclusions:import -- FILE_OR_URL [--list OIG_LEIE|SAM] [--kind FULL|EXCLUSIONS|REINSTATEMENTS]
// Imports one exclusion list file (a path or an http(s) URL), then screens every physician
// against the lists, printing progress and counts. The list is told from the file's header (or,
// for a URL, from its LEIE file name) and the kind from its name (UPDATED.csv, MMYYEXCL.csv,
// MMYYREIN.csv) unless given.
//   Against the stack `npm start` runs: nothing to set (its data directory, CREDENCE_DATA_DIR or
//   .credence, holds the worker's database password and the keyring; POSTGRES_PORT if moved).
//   Against a deployment: the worker's environment (DATABASE_URL of the worker role, KEYRING_FILE
//   or KEY_ENCRYPTION_KEYS, ...), as for the worker itself.
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXCLUSION_IMPORT_KINDS, EXCLUSION_LISTS, type ExclusionImportKind, type ExclusionList } from '../domain/exclusion-matching.ts';
import { ConfigError, loadConfig, type KeyEncryptionConfig } from '../platform/config.ts';
import { openDatabase, type MikroORM } from '../platform/database/orm.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { AppError } from '../platform/errors.ts';
import { createFieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { createLogger } from '../platform/logger.ts';
import { localDatabaseUrl } from '../stack/postgres.ts';
import { loadOrCreateSecrets } from '../stack/secrets.ts';
import { DEFAULT_STACK_PORTS } from '../stack/stack.ts';
import { kindOf } from '../workflows/exclusion-lists/activities.ts';
import { listOfHeader } from '../workflows/exclusion-lists/exclusion-file.ts';
import { importExclusionList, kindFromFileName } from '../workflows/exclusion-lists/import.ts';
import { screenPhysicianBatch } from '../workflows/exclusion-lists/screening.ts';

const USAGE = 'Usage: npm run exclusions:import -- FILE_OR_URL [--list OIG_LEIE|SAM] [--kind FULL|EXCLUSIONS|REINSTATEMENTS]';
const SCREENING_BATCH = 500;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function parseArguments(args: string[]) {
  let location: string | undefined;
  let list: ExclusionList | undefined;
  let kind: ExclusionImportKind | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--list' || arg === '--kind') {
      const value = (args[i + 1] ?? '').toUpperCase();
      i += 1;
      if (arg === '--list') {
        if (!(EXCLUSION_LISTS as readonly string[]).includes(value)) fail(`--list takes ${EXCLUSION_LISTS.join(' or ')}\n${USAGE}`, 2);
        list = value as ExclusionList;
      } else {
        if (!(EXCLUSION_IMPORT_KINDS as readonly string[]).includes(value)) fail(`--kind takes ${EXCLUSION_IMPORT_KINDS.join(', ')}\n${USAGE}`, 2);
        kind = value as ExclusionImportKind;
      }
    } else if (arg.startsWith('--') || location) {
      fail(`Unexpected argument "${arg}"\n${USAGE}`, 2);
    } else {
      location = arg;
    }
  }
  if (!location) fail(USAGE, 2);
  return { location, list, kind };
}

async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r').catch(() => fail(`${path} is not a file that can be read. Give the path of a list file, or its http(s) URL.`));
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  } finally {
    await handle.close();
  }
}

async function listOf(location: string, given: ExclusionList | undefined): Promise<ExclusionList> {
  if (given) return given;
  if (/^https?:\/\//i.test(location)) {
    if (kindFromFileName(location) || /(^|\.)oig\.hhs\.gov$/i.test(new URL(location).hostname)) return 'OIG_LEIE';
    fail(`Cannot tell which list ${location} is from its address: add --list OIG_LEIE or --list SAM`, 2);
  }
  const list = listOfHeader(await firstLine(location));
  if (!list) fail(`${location} has neither the OIG LEIE header (LASTNAME, FIRSTNAME, ... EXCLTYPE, EXCLDATE) nor the SAM.gov extract's (Classification, Name, ... Exclusion Type, SAM Number): check the file, or give --list`, 2);
  return list;
}

/** The worker's database and keys: from the environment when DATABASE_URL is set, else the local stack's data directory. */
function connection(): { databaseUrl: string; keyEncryption: KeyEncryptionConfig; where: string } {
  if (process.env.DATABASE_URL) {
    try {
      const config = loadConfig('worker');
      return { databaseUrl: config.databaseUrl, keyEncryption: config.keyEncryption, where: 'the database of DATABASE_URL' };
    } catch (error) {
      fail(error instanceof ConfigError ? `${error.message}\n(With DATABASE_URL set, this command takes the worker's environment.)` : (error as Error).message);
    }
  }
  const dataDir = resolve(process.env.CREDENCE_DATA_DIR ?? new URL('../.credence', import.meta.url).pathname);
  if (!existsSync(resolve(dataDir, 'secrets.json'))) {
    fail(`No local stack in ${dataDir}: start one with \`npm start\` (or set CREDENCE_DATA_DIR to its data directory), or set DATABASE_URL and the rest of the worker's environment for a deployment.`);
  }
  const secrets = loadOrCreateSecrets(dataDir);
  const port = Number(process.env.POSTGRES_PORT || DEFAULT_STACK_PORTS.postgres);
  const role = SERVICE_DATABASE_ROLES.worker;
  return {
    databaseUrl: localDatabaseUrl(port, role, secrets.servicePasswords.worker),
    keyEncryption: { keys: [], keyringFile: resolve(dataDir, 'keyring.json') },
    where: `the local stack's PostgreSQL on port ${port}`,
  };
}

const count = (value: number) => value.toLocaleString('en-US');

const { location, list: givenList, kind: givenKind } = parseArguments(process.argv.slice(2));
const list = await listOf(location, givenList);
let kind: ExclusionImportKind;
try {
  kind = kindOf({ list, location, ...(givenKind ? { kind: givenKind } : {}) });
} catch (error) {
  fail(`${(error as Error).message.replace(/give kind/, 'add --kind')}`, 2);
}
const target = connection();
const logger = createLogger({ service: 'worker', level: 'warn' });
let orm: MikroORM | undefined;
try {
  orm = await openDatabase({ url: target.databaseUrl, logger });
  await orm.em.fork().execute('select 1').catch((error: Error) => {
    fail(`Cannot reach ${target.where}: ${error.message}. Is \`npm start\` running (or DATABASE_URL right)?`);
  });
  const encryption = createFieldEncryption(keyProviderFromConfig(target.keyEncryption));
  console.error(`• importing ${location} as ${list} ${kind}`);
  const started = performance.now();
  const result = await importExclusionList(orm, { list, kind, location }, {
    onProgress: (progress) => {
      if (progress.phase === 'fetched') console.error('  file read, checking it');
      if (progress.phase === 'importing') console.error(`  ${count(progress.rows)} rows imported`);
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 'SKIPPED') console.error(`• already imported (import ${result.sameAs}, same SHA-256): nothing changed`);
  else console.error(`• imported ${count(result.rows)} rows in ${seconds} s${kind === 'FULL' ? `; ${count(result.removed)} entries no longer listed were removed` : ''}${kind === 'REINSTATEMENTS' ? `; ${count(result.reinstated)} reinstated` : ''}`);

  console.error('• screening every physician');
  const totals = { screened: 0, clear: 0, possibleMatches: 0, excluded: 0, newMatches: 0, clearedMatches: 0 };
  let afterId: string | null = null;
  do {
    const batch: Awaited<ReturnType<typeof screenPhysicianBatch>> = await screenPhysicianBatch({ orm, encryption, logger }, { afterId, limit: SCREENING_BATCH });
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += batch[key];
    afterId = batch.nextAfterId;
    if (batch.screened > 0) console.error(`  ${count(totals.screened)} physicians screened`);
  } while (afterId !== null);
  console.log(`${count(totals.screened)} physicians screened: ${count(totals.excluded)} excluded, ${count(totals.possibleMatches)} possible matches to review, ${count(totals.clear)} clear; ${count(totals.newMatches)} new matches, ${count(totals.clearedMatches)} cleared`);
} catch (error) {
  fail(error instanceof AppError ? `${error.message}` : `The import failed: ${(error as Error).message}`);
} finally {
  await orm?.close();
}
