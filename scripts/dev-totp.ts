// npm run dev:totp -- <email> [--enroll]
// Development only: the current authenticator code of an account of the local stack, so that a
// frontend developer signs in as the demo owner or admin (roles that require MFA) without a phone.
// With --enroll, an account without an authenticator gets one first, set and confirmed as
// confirmTotp does (its sessions end, recovery codes are made), and its otpauth URI is printed too
// (to add it to an authenticator app after all).
//   Reads the stack `npm start` runs: its data directory (CREDENCE_DATA_DIR or .credence) holds the
//   identity database password and the keyring; POSTGRES_PORT if moved. Refuses with
//   NODE_ENV=production, and any data directory last started other than for development (or tests).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LockMode, sql } from '@mikro-orm/postgresql';
import { systemCaller } from '../domain/system-caller.ts';
import { recordAudit } from '../platform/audit.ts';
import { actAs, openDatabase, runAsCaller, type MikroORM } from '../platform/database/orm.ts';
import { SERVICE_DATABASE_ROLES } from '../platform/database/roles.ts';
import { AppError, badUserInput, forbidden, serviceUnavailable } from '../platform/errors.ts';
import { createFieldEncryption, type FieldEncryption } from '../platform/field-encryption/data-keys.ts';
import { keyProviderFromConfig } from '../platform/field-encryption/key-provider.ts';
import { createLogger } from '../platform/logger.ts';
import { stackEnvironmentOf, STACK_FILE } from '../stack/data-directory.ts';
import { localDatabaseUrl } from '../stack/postgres.ts';
import { loadOrCreateSecrets } from '../stack/secrets.ts';
import { DEFAULT_STACK_PORTS } from '../stack/stack.ts';
import { Membership, User } from '../subgraphs/identity/entities/index.ts';
import { normalizeEmail } from '../subgraphs/identity/inputs.ts';
import { replaceRecoveryCodes } from '../subgraphs/identity/mfa.ts';
import { revokeSessions } from '../subgraphs/identity/sessions.ts';
import { openTotpSecret, sealTotpSecret } from '../subgraphs/identity/totp-secrets.ts';
import { newTotpSecret, nextTotpCode, otpauthUri } from '../subgraphs/identity/totp.ts';

const USAGE = 'Usage: npm run dev:totp -- <email> [--enroll]';

export interface DevTotpOptions {
  email: string;
  /** Enroll an authenticator first when the account has none. */
  enroll?: boolean;
  /** Where the stack is: NODE_ENV, CREDENCE_DATA_DIR, POSTGRES_PORT (process.env unless given). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface DevTotp {
  email: string;
  /** The six digits to sign in with. */
  code: string;
  /** When the code is accepted: from (later than now only just after a sign-in used the next step's code) until. */
  acceptedFrom: Date;
  acceptedUntil: Date;
  /** The authenticator's URI, to add it to an authenticator app. */
  otpauthUri: string;
  /** The new recovery codes when this run enrolled the authenticator; null when it was enrolled already. */
  recoveryCodes: string[] | null;
}

/** The identity database and the keyring of the local development stack; refuses anything else. */
export function developmentStack(env: Readonly<Record<string, string | undefined>>): { databaseUrl: string; keyringFile: string; where: string } {
  if (env.NODE_ENV === 'production') throw forbidden('npm run dev:totp is for development stacks only, and NODE_ENV is production');
  const dataDir = resolve(env.CREDENCE_DATA_DIR ?? new URL('../.credence', import.meta.url).pathname);
  if (!existsSync(join(dataDir, 'secrets.json'))) {
    throw new AppError('NOT_FOUND', `No local stack in ${dataDir}: start one with \`npm start\` (or set CREDENCE_DATA_DIR to its data directory)`);
  }
  const started = stackEnvironmentOf(dataDir);
  if (started !== 'development' && started !== 'test') {
    throw forbidden(
      started === 'production'
        ? `${dataDir} was last started with NODE_ENV=production: npm run dev:totp works only with a development stack`
        : `${dataDir} has no record of being started for development (${STACK_FILE}): start it once with \`npm start\`, then run this again`,
    );
  }
  const keyringFile = join(dataDir, 'keyring.json');
  // Without the stack's own keyring a new one would be made, and no secret would open with it.
  if (!existsSync(keyringFile)) throw new AppError('NOT_FOUND', `The stack in ${dataDir} has no keyring (keyring.json) yet: start it with \`npm start\` first`);
  const secrets = loadOrCreateSecrets(dataDir);
  const port = Number(env.POSTGRES_PORT || DEFAULT_STACK_PORTS.postgres);
  const role = SERVICE_DATABASE_ROLES.identity;
  return {
    databaseUrl: localDatabaseUrl(port, role, secrets.servicePasswords.identity),
    keyringFile,
    where: `the local stack's PostgreSQL on port ${port}`,
  };
}

/** The account's current code, enrolling an authenticator first when asked to and it has none. */
export async function devTotp(options: DevTotpOptions): Promise<DevTotp> {
  const stack = developmentStack(options.env ?? process.env);
  const email = normalizeEmail(options.email);
  const orm = await openDatabase({ url: stack.databaseUrl, logger: createLogger({ service: 'identity', level: 'warn' }) });
  try {
    await orm.em.fork().execute('select 1').catch((error: Error) => {
      throw serviceUnavailable(`Cannot reach ${stack.where}: ${error.message}. Is \`npm start\` running (POSTGRES_PORT if it was moved)?`);
    });
    return await codeOf(orm, createFieldEncryption(keyProviderFromConfig({ keys: [], keyringFile: stack.keyringFile })), email, options.enroll ?? false);
  } finally {
    await orm.close();
  }
}

async function codeOf(orm: MikroORM, encryption: FieldEncryption, email: string, enroll: boolean): Promise<DevTotp> {
  // Raw SQL: a SECURITY DEFINER function (an account is found by its email before anyone is signed in).
  const [account] = await orm.em.fork().execute<{ user_id: string }[]>(`select user_id from identity.account_for_login(?)`, [email]);
  if (!account) throw new AppError('NOT_FOUND', `No account ${email} on this stack (the demo accounts are listed when \`npm start\` starts)`);
  const userId = account.user_id;
  const caller = { ...systemCaller(`dev-totp-${randomUUID()}`), organizationId: null };
  return runAsCaller(orm, caller, async (em) => {
    await actAs(em, { ...caller, userId });
    const user = await em.findOneOrFail(User, { id: userId }, { fields: ['totpSecret', 'totpLastStep'], lockMode: LockMode.PESSIMISTIC_WRITE });
    const membership = await em.findOne(Membership, { user: userId, status: 'ACTIVE' }, { fields: ['organization'], orderBy: { createdAt: 'asc' } });
    const organizationId = membership?.organization.id ?? null;
    const stored = await openTotpSecret(encryption, em, userId, 'totpSecret', user.totpSecret ?? null);
    if (stored) {
      const lastStep = user.totpLastStep ?? null;
      return { email, ...(await nextTotpCode(stored, lastStep)), otpauthUri: otpauthUri(stored, email), recoveryCodes: null };
    }
    if (!enroll) throw badUserInput(`${email} has no authenticator enrolled: run npm run dev:totp -- ${email} --enroll to enroll one`, { field: 'email' });

    // As confirmTotp: the secret in force, no pending one, new recovery codes, and every session
    // ends (each was signed in without the second factor).
    const secret = newTotpSecret();
    await em.nativeUpdate(User, { id: userId }, {
      totpSecret: await sealTotpSecret(encryption, em, userId, 'totpSecret', secret), totpPendingSecret: null, totpEnabledAt: sql.now(), totpLastStep: null,
    });
    const recoveryCodes = await replaceRecoveryCodes(em, userId);
    await revokeSessions(em, { userId }, 'mfa_enrolled');
    await recordAudit(em, caller, {
      action: 'MFA_ENROLL', resourceType: 'User', resourceId: userId, outcome: 'SUCCESS', reason: 'development_command', ...(organizationId ? { organizationId } : {}),
    });
    return { email, ...(await nextTotpCode(secret, null)), otpauthUri: otpauthUri(secret, email), recoveryCodes };
  });
}

function parseArguments(args: string[]): { email: string; enroll: boolean } {
  let email: string | undefined;
  let enroll = false;
  for (const arg of args) {
    if (arg === '--enroll') enroll = true;
    else if (arg.startsWith('--') || email !== undefined) throw badUserInput(`Unexpected argument "${arg}"\n${USAGE}`);
    else email = arg;
  }
  if (!email) throw badUserInput(USAGE);
  return { email, enroll };
}

if (import.meta.main) {
  try {
    const { email, enroll } = parseArguments(process.argv.slice(2));
    const result = await devTotp({ email, enroll });
    if (result.recoveryCodes) {
      console.error(`• ${result.email} now has an authenticator; its sessions have ended: sign in again`);
      console.error(`  recovery codes: ${result.recoveryCodes.join('  ')}`);
    } else if (enroll) {
      console.error(`• ${result.email} has an authenticator already`);
    }
    if (enroll) console.error(`  otpauth URI, to add it to an authenticator app: ${result.otpauthUri}`);
    const wait = result.acceptedFrom.getTime() - Date.now();
    if (wait > 0) {
      // The code of this step was just used (sign-in accepts the next step's early): the next is taken soon.
      console.error(`• the next code is accepted in ${Math.ceil(wait / 1000)} s, waiting`);
      await new Promise((done) => setTimeout(done, wait));
    }
    const seconds = Math.max(0, Math.floor((result.acceptedUntil.getTime() - Date.now()) / 1000));
    console.error(`• the code for ${result.email}, accepted for ${seconds} more seconds (run again for a later one):`);
    console.log(result.code);
  } catch (error) {
    console.error(error instanceof AppError ? error.message : `npm run dev:totp failed: ${(error as Error).message}`);
    process.exit(error instanceof AppError && error.code === 'BAD_USER_INPUT' ? 2 : 1);
  }
}
