// TOTP (RFC 6238, otplib): SHA-1, six digits, 30-second steps, one step of tolerance either way,
// and a code's step must be later than the last accepted one, so a code is never accepted twice.
// Recovery codes: ten single-use codes of 80 random bits each, stored as hashes.
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { secretHash } from './opaque-secrets.ts';

const ISSUER = 'Credence';
const STEP_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 }); // 160 bits, as RFC 4226 recommends
}

export function otpauthUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: ISSUER, label: accountEmail, secret, period: STEP_SECONDS, digits: 6, algorithm: 'sha1' });
}

export function isTotpCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/**
 * The time step of a valid code later than `lastStep`, or null. The caller stores the step so the
 * same code (or an earlier one) is refused next time.
 */
export async function acceptTotpCode(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!isTotpCodeShape(code)) return null;
  const result = await verify({
    secret,
    token: code,
    period: STEP_SECONDS,
    epochTolerance: STEP_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

export const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no I, O, 0, 1: easy to copy by hand

/** Ten new codes, formatted XXXX-XXXX-XXXX-XXXX (16 symbols of 5 bits). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const symbols = [...bytes].map((byte) => BASE32[byte & 31]).join('');
    return symbols.match(/.{4}/g)!.join('-');
  });
}

/** Recovery codes are compared in one canonical form: upper case, without separators. */
export function recoveryCodeHash(code: string): Buffer {
  return secretHash(code.toUpperCase().replace(/[^A-Z0-9]/g, ''));
}

export function isRecoveryCodeShape(code: string): boolean {
  return /^[A-Za-z0-9]{4}(-?[A-Za-z0-9]{4}){3}$/.test(code.trim());
}
