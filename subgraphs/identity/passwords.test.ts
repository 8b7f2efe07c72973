// Password hashing and policy, with a local server speaking the Have I Been Pwned range API.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../../stack/ports.ts';
import { createPasswordPolicy, hashPassword, spendVerificationTime, verifyPassword } from './passwords.ts';

const BREACHED = 'correct horse battery staple';
const requestedPaths: string[] = [];
let server: Server;
let rangeApiUrl: string;

/** The range API: every suffix for a prefix as "SUFFIX:COUNT", padded with zero-count lines. */
function rangeApi(breached: string[]) {
  const hashes = breached.map((password) => createHash('sha1').update(password).digest('hex').toUpperCase());
  return createServer((req, res) => {
    requestedPaths.push(req.url ?? '');
    const prefix = (req.url ?? '').split('/range/')[1] ?? '';
    if (!/^[0-9A-F]{5}$/.test(prefix)) return void res.writeHead(400).end('The hash prefix was not in a valid format');
    const lines = hashes.filter((h) => h.startsWith(prefix)).map((h) => `${h.slice(5)}:42`);
    for (let i = 0; i < 20; i += 1) lines.push(`${createHash('sha1').update(`pad${i}`).digest('hex').toUpperCase().slice(5)}:0`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(lines.join('\r\n'));
  });
}

beforeAll(async () => {
  const port = await freePort();
  server = rangeApi([BREACHED, 'Tr0ub4dor&3-horse-staple']);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  rangeApiUrl = `http://127.0.0.1:${port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('password hashing', () => {
  it('uses argon2id with at least the OWASP parameters, salted', async () => {
    const first = await hashPassword('a long passphrase of mine');
    const second = await hashPassword('a long passphrase of mine');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
  });

  it('verifies the NFKC form, so the same password typed differently still matches', async () => {
    const composed = 'Ｐａｓｓｗｏｒｄ café ﬁsh 2026';
    const stored = await hashPassword(composed);
    expect(await verifyPassword(stored, 'Password cafe\u0301 fish 2026'.normalize('NFD'))).toBe(true);
    expect(await verifyPassword(stored, 'Password cafe fish 2026')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('spends a real verification on unknown accounts', async () => {
    const started = performance.now();
    expect(await spendVerificationTime('whatever')).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(1);
  });
});

describe('password policy', () => {
  const policy = () => createPasswordPolicy({ breachedPasswordsUrl: rangeApiUrl });

  it('accepts a long, strong, unbreached password, saying the range API was asked', async () => {
    const result = await policy().assess('violet-quarry-88-ransom-lantern', { name: 'Jane Doe', email: 'jane.doe@example.org' });
    expect(result).toMatchObject({ acceptable: true, problems: [], breachCheck: 'range-api' });
    expect(result.strengthScore).toBeGreaterThanOrEqual(3);
  });

  it('refuses a short, a weak and a breached password, each with its code', async () => {
    expect((await policy().assess('Sh0rt!pw', {})).problems.map((p) => p.code)).toContain('TOO_SHORT');
    expect((await policy().assess('passwordpassword', {})).problems.map((p) => p.code)).toContain('TOO_WEAK');
    expect((await policy().assess(BREACHED, {})).problems.map((p) => p.code)).toContain('BREACHED');
  });

  it("judges strength with the user's own name and email as context", async () => {
    const password = 'jane.doe@example.org';
    const withoutContext = await policy().assess(password, {});
    const withContext = await policy().assess(password, { name: 'Jane Doe', email: 'jane.doe@example.org' });
    expect(withoutContext.problems).toEqual([]);
    expect(withContext.strengthScore).toBeLessThan(withoutContext.strengthScore);
    expect(withContext.problems.map((p) => p.code)).toContain('TOO_WEAK');
  });

  it('sends only the first five characters of the SHA-1 to the range API', async () => {
    requestedPaths.length = 0;
    await policy().assess(BREACHED, {});
    const sha1 = createHash('sha1').update(BREACHED).digest('hex').toUpperCase();
    expect(requestedPaths).toEqual([`/range/${sha1.slice(0, 5)}`]);
  });

  it('falls back to the bundled list when the range API cannot be reached, and says so', async () => {
    const offline = createPasswordPolicy({ breachedPasswordsUrl: `http://127.0.0.1:${await freePort()}`, timeoutMs: 500 });
    const common = await offline.assess('qwerty123456', {});
    expect(common).toMatchObject({ breachCheck: 'bundled-list' });
    expect(common.problems.map((p) => p.code)).toContain('BREACHED');
    expect(await offline.assess('violet-quarry-88-ransom-lantern', {})).toMatchObject({ acceptable: true, breachCheck: 'bundled-list' });
  });
});
