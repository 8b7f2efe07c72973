// TOTP (RFC 6238, otplib): SHA-1, six digits, 30-second steps, one step of tolerance either way,
// and a code's step must be later than the last accepted one, so a code is never accepted twice.
// Recovery codes: ten single-use codes of 80 random bits each, stored as hashes.
import { randomBytes } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
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

/**
 * The code acceptTotpCode takes now, after `lastStep`: the current step's, or the next step's when
 * the current one's was used already (a code is accepted one step early). With it, the time its
 * step is first accepted (a clock set back can put that ahead) and the time it stops being accepted.
 */
export async function nextTotpCode(secret: string, lastStep: number | null, nowMs = Date.now()): Promise<{ code: string; acceptedFrom: Date; acceptedUntil: Date }> {
  const current = Math.floor(nowMs / 1000 / STEP_SECONDS);
  const step = lastStep === null ? current : Math.max(current, lastStep + 1);
  const code = await generate({ secret, epoch: step * STEP_SECONDS, period: STEP_SECONDS, digits: 6, algorithm: 'sha1' });
  const stepTime = (offset: number) => new Date((step + offset) * STEP_SECONDS * 1000);
  return { code, acceptedFrom: stepTime(-1), acceptedUntil: stepTime(2) };
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
  // eslint-disable-next-line security/detect-unsafe-regex -- three repetitions of a fixed length
  return /^[A-Za-z0-9]{4}(-?[A-Za-z0-9]{4}){3}$/.test(code.trim());
}
