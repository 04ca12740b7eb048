import { chiSquareUpperTail } from './special-functions.js';
import type { TStationResult } from './station-result.js';

/**
 * Last-digit uniformity (Beber & Scacco, Political Analysis 20, 2012): the last digit of an
 * honest count of a few dozen votes or more is close to uniform, while people who invent
 * numbers favour some digits. Counts below the minimum are left out: the last digit of a
 * count that ranges over a handful of values is not uniform even when honest. Over a whole
 * country the test is so powerful that small honest irregularities reject it too: a signal.
 */
export type TLastDigits = {
  label: 'signal';
  minCount: number;
  /** Candidate counts tested. */
  counts: number;
  digits: number[];
  chiSquare: number;
  degreesOfFreedom: 9;
  /** null with no count to test. */
  pValue: number | null;
};

export function lastDigits(
  stations: readonly TStationResult[],
  candidates: readonly string[],
  minCount: number,
): TLastDigits {
  const digits = new Array<number>(10).fill(0);
  let counts = 0;
  for (const s of stations) {
    for (const c of candidates) {
      const votes = s.votes[c];
      if (votes === undefined || votes < minCount) continue;
      const digit = votes % 10;
      digits[digit] = (digits[digit] as number) + 1;
      counts += 1;
    }
  }
  const expected = counts / 10;
  const chiSquare = counts > 0 ? digits.reduce((s, d) => s + (d - expected) ** 2 / expected, 0) : 0;
  return {
    label: 'signal',
    minCount,
    counts,
    digits,
    chiSquare,
    degreesOfFreedom: 9,
    pValue: counts > 0 ? chiSquareUpperTail(chiSquare, 9) : null,
  };
}
