import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lnGamma } from './special-functions.js';
import { isWholePercent } from './station-columns.js';
import { wholePercentChance } from './whole-percent-chance.js';

/** The definition, term by term over all n + 1 outcomes: slow, obviously right. */
function bruteForce(n: number, p: number, h: number): number {
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    if (!isWholePercent(k, n, h)) continue;
    sum += Math.exp(lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p));
  }
  return sum;
}

describe('wholePercentChance', () => {
  it('agrees with summing the whole binomial distribution', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.constantFrom(0.05, 0.1, 0.5),
        (n, p, h) => {
          expect(wholePercentChance(n, p, h)).toBeCloseTo(bruteForce(n, p, h), 8);
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    // n = 100: every count is a whole percentage.
    [100, 0.37, 1],
    // n = 2000, k = 1001 is 50.05 %: on the boundary, counted as Kobak et al.'s test counts it.
    [2000, 1001 / 2000, bruteForce(2000, 1001 / 2000, 0.05)],
  ])('n %i, p %f: %f', (n, p, expected) => {
    expect(wholePercentChance(n, p, 0.05)).toBeCloseTo(expected, 8);
  });

  it('a certain outcome is whole or not, with nothing in between', () => {
    expect(wholePercentChance(300, 0, 0.05)).toBe(1); // 0 %
    expect(wholePercentChance(300, 1, 0.05)).toBe(1); // 100 %
    expect(wholePercentChance(0, 0.5, 0.05)).toBe(0);
  });
});
