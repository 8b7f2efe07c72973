// Checks of what callers send to identity: each problem is a BAD_USER_INPUT with a message that
// says what to send instead.
import { badUserInput } from '../../platform/errors.ts';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';

// eslint-disable-next-line security/detect-unsafe-regex -- labels are separated by dots and of bounded length, over at most 254 characters (checked first)
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Emails are compared in one form: NFKC, trimmed, lower case. */
export function normalizeEmail(raw: string): string {
  const email = raw.normalize('NFKC').trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw badUserInput('Enter a valid email address (name@example.org, at most 254 characters)', { field: 'email' });
  return email;
}

export function checkPasswordLength(password: string, field = 'password'): string {
  if (password.length === 0) throw badUserInput('Enter a password', { field });
  if ([...password].length > MAX_PASSWORD_LENGTH) throw badUserInput(`Passwords are at most ${MAX_PASSWORD_LENGTH} characters`, { field });
  return password;
}

export function displayName(raw: string | null | undefined): string {
  const name = (raw ?? '').normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw badUserInput('Enter a display name', { field: 'displayName' });
  if ([...name].length > 200 || /[\u0000-\u001f\u007f]/.test(name)) throw badUserInput('A display name is at most 200 characters, without control characters', { field: 'displayName' });
  return name;
}

export function organizationName(raw: string): string {
  const name = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (name.length === 0 || [...name].length > 200 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw badUserInput('An organization name is 1 to 200 characters, without control characters', { field: 'name' });
  }
  return name;
}
