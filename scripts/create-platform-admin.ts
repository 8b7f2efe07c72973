// npm run identity:platform-admin -- <email> "<display name>": makes (or restores) a platform
// administrator of a deployment. DATABASE_URL is the identity service's connection; the password
// is read from standard input (never an argument or a variable) and must meet the password policy.
// The administrator enrolls an authenticator at first sign-in.
import { createInterface } from 'node:readline/promises';
import { PLATFORM_ORGANIZATION_ID } from '../platform/audit.ts';
import { openDatabase } from '../platform/database/orm.ts';
import { createLogger } from '../platform/logger.ts';
import { ensureMember } from '../subgraphs/identity/bootstrap.ts';
import { normalizeEmail } from '../subgraphs/identity/inputs.ts';
import { createPasswordPolicy } from '../subgraphs/identity/passwords.ts';

const [emailArgument, displayName] = process.argv.slice(2);
const databaseUrl = process.env.DATABASE_URL;
if (!emailArgument || !displayName || !databaseUrl) {
  console.error('Usage: DATABASE_URL=<identity connection> npm run identity:platform-admin -- <email> "<display name>"  (password on standard input)');
  process.exit(2);
}
const email = normalizeEmail(emailArgument);
const input = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
process.stderr.write('Password: ');
const password = (await input[Symbol.asyncIterator]().next()).value ?? '';
input.close();
const assessment = await createPasswordPolicy({ breachedPasswordsUrl: process.env.BREACHED_PASSWORDS_URL ?? 'https://api.pwnedpasswords.com' }).assess(password, { name: displayName, email });
if (!assessment.acceptable) {
  console.error(`\nThe password is refused (${assessment.breachCheck} breach check): ${assessment.problems.map((p) => p.message).join('; ')}`);
  process.exit(1);
}
const orm = await openDatabase({ url: databaseUrl, logger: createLogger({ service: 'migrate', level: 'warn' }) });
try {
  const userId = await ensureMember(orm, { organizationId: PLATFORM_ORGANIZATION_ID, email, displayName, password, role: 'PLATFORM_ADMIN' });
  console.error(`\n${email} is a platform administrator (user ${userId}); an existing account keeps its password.`);
} finally {
  await orm.close();
}
