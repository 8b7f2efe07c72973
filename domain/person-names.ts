// Names as primary sources spell them and as a file records them: compared without case, accents,
// punctuation or spacing ("O'Brien" is "OBRIEN", "Núñez" is "NUNEZ"), and a surname split into its
// parts ("García-López", "de la Cruz") for matchers that accept one part of a compound surname.

/** Letters that Unicode does not decompose into a base letter and a mark. */
const FOLDED_LETTERS: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', đ: 'd', ł: 'l', ı: 'i', þ: 'th', ð: 'd' };

function foldLetters(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøæœđłıþð]/g, (letter) => FOLDED_LETTERS[letter] ?? letter);
}

/** One name part reduced to lower-case letters and digits: "  O'Brien " → "obrien", "Núñez" → "nunez". */
export function normalizeNamePart(value: string): string {
  return foldLetters(value).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The parts of a name, each normalised: split at spaces, hyphens and dashes, commas, periods and
 * slashes (an apostrophe joins: "O'Brien" is one part). "García-López" → ["garcia", "lopez"],
 * "de la Cruz" → ["de", "la", "cruz"].
 */
export function namePartsOf(value: string): string[] {
  return foldLetters(value)
    .split(/[\s\p{Pd},./]+/u)
    .map(normalizeNamePart)
    .filter((part) => part.length > 0);
}

/** Whether two spellings are the same name once normalised ("Garcia Lopez" and "GARCÍA-LÓPEZ" are). */
export function sameName(recorded: string, atSource: string): boolean {
  const a = normalizeNamePart(recorded);
  return a.length > 0 && a === normalizeNamePart(atSource);
}
