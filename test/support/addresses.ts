// Source addresses for the suites that sign in. The sign-in budget of an address lives in the
// shared test database, so a suite that used another's address could find it spent (or locked) by
// the other's failures: each suite draws its own, at random, from 198.18.0.0/15 (set aside for
// network tests, RFC 2544), never a documentation address every suite may write.
import { randomInt } from 'node:crypto';

const drawn = new Set<string>();

/** An address of this suite's own, never one it was given before (each suite loads this module afresh). */
export function anAddressOfItsOwn(): string {
  for (;;) {
    const address = `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;
    if (drawn.has(address)) continue;
    drawn.add(address);
    return address;
  }
}
