// Passwords: argon2id hashing (@node-rs/argon2) above OWASP's minimum parameters, on the NFKC
// form of the password; and the policy every new password meets: at least 12 characters, a
// zxcvbn-ts score of 3 or more judged with the user's own name and email as context, and not
// known from a breach. The breach check asks the Have I Been Pwned range API (k-anonymity: only
// the first five hex characters of the SHA-1 leave the process) and, when that service cannot be
// reached, a bundled list of common passwords; the result says which check ran.
import { createHash } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { PASSWORD_POLICY } from './password-policy.ts';

/** OWASP (2025): argon2id with at least 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_PARAMETERS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which erasable TypeScript cannot import)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MAX_PASSWORD_LENGTH = 256;

export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_PARAMETERS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

/**
 * A well-formed argon2id hash with the parameters above that no password matches: its salt and
 * digest are zero bytes, and a password that hashes to a chosen digest would take an argon2
 * preimage. Verifying against it costs exactly what one verification of a real hash costs.
 */
const UNMATCHABLE_HASH = `$argon2id$v=19$m=${ARGON2_PARAMETERS.memoryCost},t=${ARGON2_PARAMETERS.timeCost},p=${ARGON2_PARAMETERS.parallelism}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

/**
 * Verifies against a hash no password matches, so that a login for an unknown account costs the
 * same time as one for a known account with a wrong password.
 */
export async function spendVerificationTime(password: string): Promise<false> {
  await verifyPassword(UNMATCHABLE_HASH, password);
  return false;
}

export type PasswordProblemCode = 'TOO_SHORT' | 'TOO_LONG' | 'TOO_WEAK' | 'BREACHED';
export type BreachCheck = 'range-api' | 'bundled-list';

export interface PasswordAssessment {
  acceptable: boolean;
  problems: { code: PasswordProblemCode; message: string }[];
  breachCheck: BreachCheck;
  strengthScore: number;
}

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});
const COMMON_PASSWORDS = new Set(common.dictionary['passwords-common']);

export function createPasswordPolicy(options: { breachedPasswordsUrl: string; timeoutMs?: number; fetch?: typeof fetch }) {
  const fetchRange = options.fetch ?? fetch;

  /** Whether the range API knows the password; null when the service cannot be reached. */
  async function breachedByRangeApi(password: string): Promise<boolean | null> {
    const sha1 = createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
    const prefix = sha1.slice(0, 5);
    const suffix = sha1.slice(5);
    try {
      const response = await fetchRange(`${options.breachedPasswordsUrl.replace(/\/$/, '')}/range/${prefix}`, {
        headers: { 'add-padding': 'true', 'user-agent': 'Credence' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
      });
      if (!response.ok) return null;
      const body = await response.text();
      return body.split('\n').some((line) => {
        const [candidate, count] = line.trim().split(':');
        return candidate === suffix && Number(count) > 0; // padding lines have a count of 0
      });
    } catch {
      return null;
    }
  }

  return {
    async assess(password: string, context: { name?: string | null; email?: string | null }): Promise<PasswordAssessment> {
      const normalized = normalizePassword(password);
      const problems: PasswordAssessment['problems'] = [];
      const length = [...normalized].length;
      if (length < PASSWORD_POLICY.minLength) problems.push({ code: 'TOO_SHORT', message: `Use at least ${PASSWORD_POLICY.minLength} characters` });
      if (length > MAX_PASSWORD_LENGTH) problems.push({ code: 'TOO_LONG', message: `Use at most ${MAX_PASSWORD_LENGTH} characters` });
      const userInputs = [context.name, context.email, context.email?.split('@')[0], ...(context.name?.split(/\s+/) ?? [])].filter((v): v is string => Boolean(v));
      const { score } = zxcvbn.check(normalized.slice(0, MAX_PASSWORD_LENGTH), userInputs);
      if (score < PASSWORD_POLICY.minStrengthScore) problems.push({ code: 'TOO_WEAK', message: 'Choose a password that is harder to guess: avoid names, dates, words and patterns' });
      const fromRangeApi = await breachedByRangeApi(normalized);
      const breachCheck: BreachCheck = fromRangeApi === null ? 'bundled-list' : 'range-api';
      const breached = fromRangeApi ?? COMMON_PASSWORDS.has(normalized.toLowerCase());
      if (breached) problems.push({ code: 'BREACHED', message: 'This password is known from data breaches; choose another' });
      return { acceptable: problems.length === 0, problems, breachCheck, strengthScore: score };
    },
  };
}
