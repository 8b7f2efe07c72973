// The identifier rules of ../shared/DOMAIN.md, on known cases.
import { describe, expect, it } from '@jest/globals';
import { deaReviewReasons, detectDocumentType, isValidNpi, normalizeCredentialNumber } from './validation.ts';

describe('NPI', () => {
  it('accepts the CMS worked example and rejects a wrong check digit, a wrong prefix and a wrong length', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    for (let digit = 0; digit <= 9; digit += 1) if (digit !== 3) expect(isValidNpi(`123456789${digit}`)).toBe(false);
    expect(isValidNpi('3234567893')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678931')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
  });
});

describe('DEA numbers', () => {
  it('flags a failed check digit, a wrong last-name initial and a non-physician registrant type, and rejects malformed numbers', () => {
    expect(deaReviewReasons('AB1234563', 'Byron')).toEqual([]);
    expect(deaReviewReasons('A91234563', 'Anyone')).toEqual([]); // 9: a business address
    expect(deaReviewReasons('AB1234560', 'Byron')).toEqual(['dea_check_digit']);
    expect(deaReviewReasons('AB1234563', 'Smith')).toEqual(['dea_name_initial']);
    expect(deaReviewReasons('ZB1234563', 'Byron')).toEqual(['dea_registrant_type']);
    expect(deaReviewReasons('AÖ1234563'.replace('Ö', 'O'), "O'Brien")).toEqual([]);
    for (const malformed of ['A1234563', 'AB123456', 'AB12345678', '1B1234563']) {
      expect(() => deaReviewReasons(malformed, 'Byron')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });

  it('compares numbers without spaces, dashes or case', () => {
    expect(normalizeCredentialNumber(' ab-123 4563 ')).toBe('AB1234563');
    expect(() => normalizeCredentialNumber('AB/123')).toThrow();
  });
});

describe('document types', () => {
  it('are read from the first bytes, never from a name', () => {
    expect(detectDocumentType(Buffer.from('%PDF-1.4 ...'))).toBe('application/pdf');
    expect(detectDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(detectDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectDocumentType(Buffer.from('<html><script>'))).toBeNull();
    expect(detectDocumentType(Buffer.from('%PD'))).toBeNull();
    expect(detectDocumentType(Buffer.alloc(0))).toBeNull();
  });
});
