// The identifier and input rules of ../shared/DOMAIN.md: NPI check digit, US jurisdictions, dates,
// DEA numbers (flagged for review, never rejected, on a failed check) and document contents.
import { badUserInput } from '../../platform/errors.ts';
import { isUsJurisdiction } from '../../platform/us-jurisdictions.ts';

/** NPI: 10 digits, starting with 1 or 2, Luhn check digit over "80840" + the first nine. */
export function isValidNpi(npi: string): boolean {
  if (!/^[12]\d{9}$/.test(npi)) return false;
  let sum = 24; // the Luhn contribution of the prefix 80840
  for (let i = 0; i < 9; i += 1) {
    let digit = Number(npi[8 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

export function assertNpi(npi: string): string {
  const value = npi.trim();
  if (!isValidNpi(value)) throw badUserInput('npi must be a valid NPI: 10 digits starting with 1 or 2, with a correct check digit', { field: 'npi', reason: 'INVALID_NPI' });
  return value;
}

export function assertState(state: string, field = 'state'): string {
  const value = state.trim().toUpperCase();
  if (!isUsJurisdiction(value)) throw badUserInput(`${field} must be a US state or territory code (two letters, USPS)`, { field, reason: 'INVALID_STATE' });
  return value;
}

export function assertExpiryAfterIssue(issuedOn: string | null, expiresOn: string | null): void {
  if (issuedOn && expiresOn && expiresOn <= issuedOn) {
    throw badUserInput('expiresOn must be after issuedOn', { field: 'expiresOn', reason: 'EXPIRY_BEFORE_ISSUE' });
  }
}

/** Numbers are compared and indexed upper case, without spaces or dashes. */
export function normalizeCredentialNumber(number: string): string {
  const value = number.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z0-9]{1,40}$/.test(value)) {
    throw badUserInput('number must be 1 to 40 letters and digits (spaces and dashes are ignored)', { field: 'number', reason: 'INVALID_CREDENTIAL_NUMBER' });
  }
  return value;
}

export const DEA_REVIEW_REASONS = { checkDigit: 'dea_check_digit', nameInitial: 'dea_name_initial', registrantType: 'dea_registrant_type' } as const;

/** Registrant types a physician holds: practitioners (A, B, F), mid-level (M), Department of Defense (G), waiver (X). */
const PHYSICIAN_REGISTRANT_TYPES = /^[ABFGMX]/;

/**
 * A DEA number: two letters and seven digits (malformed: rejected). A failed check digit, a
 * second letter that is not the registrant's last-name initial (or 9), or a registrant type
 * physicians do not hold flags it for review.
 */
export function deaReviewReasons(normalizedNumber: string, familyName: string): string[] {
  if (!/^[A-Z][A-Z9]\d{7}$/.test(normalizedNumber)) {
    throw badUserInput('A DEA number is two letters and seven digits, the first letter a registrant type', { field: 'number', reason: 'INVALID_DEA_NUMBER' });
  }
  const d = [...normalizedNumber.slice(2)].map(Number);
  const reasons: string[] = [];
  if (!PHYSICIAN_REGISTRANT_TYPES.test(normalizedNumber)) reasons.push(DEA_REVIEW_REASONS.registrantType);
  if ((d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)) % 10 !== d[6]) reasons.push(DEA_REVIEW_REASONS.checkDigit);
  const initial = familyName.normalize('NFD').replace(/[^A-Za-z]/g, '').charAt(0).toUpperCase();
  if (normalizedNumber[1] !== '9' && normalizedNumber[1] !== initial) reasons.push(DEA_REVIEW_REASONS.nameInitial);
  return reasons;
}

export const DOCUMENT_TYPES = {
  'application/pdf': { extension: 'pdf', magic: [Buffer.from('%PDF-')] },
  'image/png': { extension: 'png', magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
  'image/jpeg': { extension: 'jpg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
} as const;
export type DocumentContentType = keyof typeof DOCUMENT_TYPES;

/** The document's type from its first bytes (never from a name or a declared type), or null. */
export function detectDocumentType(contents: Uint8Array): DocumentContentType | null {
  for (const [type, { magic }] of Object.entries(DOCUMENT_TYPES) as [DocumentContentType, (typeof DOCUMENT_TYPES)[DocumentContentType]][]) {
    if (magic.some((prefix) => contents.length >= prefix.length && Buffer.from(contents.subarray(0, prefix.length)).equals(prefix))) return type;
  }
  return null;
}
