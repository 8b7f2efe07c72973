// Identifiers for tests: random but valid by the rules of ../shared/DOMAIN.md.
import { isValidNpi } from '../../subgraphs/credentials/validation.ts';

/** A random NPI with a correct check digit (each call very likely a new one). */
export function randomNpi(): string {
  const body = `1${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  for (let digit = 0; digit <= 9; digit += 1) if (isValidNpi(`${body}${digit}`)) return `${body}${digit}`;
  throw new Error('unreachable: one check digit always fits');
}

/** The `n`th NPI of a sequence (distinct for distinct n below 10^8), with a correct check digit: for bulk data, where random ones would collide. */
export function sequentialNpi(n: number): string {
  const body = `2${String(n).padStart(8, '0')}`;
  for (let digit = 0; digit <= 9; digit += 1) if (isValidNpi(`${body}${digit}`)) return `${body}${digit}`;
  throw new Error('unreachable: one check digit always fits');
}
