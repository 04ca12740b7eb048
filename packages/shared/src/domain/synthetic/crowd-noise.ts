import type { Rng } from './prng.js';

/**
 * The ways a crowd gets station codes and photos wrong. Kept apart from crowd.ts so the
 * rules for "what a mistake looks like" can be read (and tested) on their own.
 */

/**
 * A code as a voter might mistype it: two neighbouring digits swapped, or one digit wrong.
 * The result is never a code of an existing station: a typo that lands on another station
 * would be indistinguishable from an honest report there, and the ground truth would then
 * be unknowable. (Real typos can do that; the engine cannot catch them either.)
 */
export function mistypeCode(rng: Rng, code: string, exists: (code: string) => boolean): string {
  const digits: number[] = [];
  for (let i = 0; i < code.length; i += 1) if (isDigit(code.charCodeAt(i))) digits.push(i);
  for (let attempt = 0; attempt < 8 && digits.length > 0; attempt += 1) {
    const typo = rng.chance(0.5) ? swapNeighbours(rng, code, digits) : replaceDigit(rng, code, digits);
    if (typo !== code && !exists(typo)) return typo;
  }
  // A doubled last key: longer than any generated code, so it is a station only by accident.
  for (let extra = 0; ; extra += 1) {
    const typo = `${code}${String(extra % 10).repeat(1 + Math.floor(extra / 10))}`;
    if (!exists(typo)) return typo;
  }
}

function swapNeighbours(rng: Rng, code: string, digits: readonly number[]): string {
  const at = rng.int(0, digits.length - 1);
  const i = digits[at] ?? 0;
  // Swap with the next digit; across a '-' too, as a thumb on a phone keypad would.
  const j = digits[at + 1] ?? digits[at - 1] ?? i;
  if (j === i) return code; // a single digit: nothing to swap with
  const [lo, hi] = i < j ? [i, j] : [j, i];
  return code.slice(0, lo) + code.charAt(hi) + code.slice(lo + 1, hi) + code.charAt(lo) + code.slice(hi + 1);
}

function replaceDigit(rng: Rng, code: string, digits: readonly number[]): string {
  const i = rng.pick(digits);
  const old = code.charCodeAt(i) - 48;
  const digit = (old + rng.int(1, 9)) % 10; // never the same digit
  return code.slice(0, i) + String(digit) + code.slice(i + 1);
}

function isDigit(charCode: number): boolean {
  return charCode >= 48 && charCode <= 57;
}

/** Ballot photo ids, unique per call of `fresh`; `reuse` gives an earlier one to share. */
export class BallotPhotos {
  private issued = 0;
  private last: string | null = null;

  fresh(): string {
    this.issued += 1;
    // Short ids (under 13 characters) are flat strings in V8: millions of them add up.
    this.last = `bp-${this.issued}`;
    return this.last;
  }

  /**
   * Another report's photo: one from the same station when there is one (a family sharing
   * a picture, a photo forwarded in a local chat), else the last photo issued anywhere.
   */
  reuse(rng: Rng, atStation: readonly string[]): string | null {
    return atStation.length > 0 ? rng.pick(atStation) : this.last;
  }
}
