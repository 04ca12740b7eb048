import { describe, expect, it } from 'vitest';
import { combinedRatio } from './ratio-estimator.js';

describe('combined ratio estimator', () => {
  it('matches a hand computation for one stratum', () => {
    // y = 10, 20, 30 of x = 100, 100, 200: R = 60/400 = 0.15; d = -5, 5, 0; s² = 25;
    // V = N²(1 − n/N)s²/n / X̂² with N = 30, X̂ = 30 · 400/3 = 4000.
    const { ratio, se } = combinedRatio([{ population: 30, y: [10, 20, 30], x: [100, 100, 200] }]);
    expect(ratio).toBeCloseTo(0.15, 12);
    expect(se).toBeCloseTo(Math.sqrt((900 * 0.9 * 25) / 3) / 4000, 12);
  });

  it('weights strata by their population, not their sample', () => {
    const { ratio } = combinedRatio([
      { population: 900, y: [50, 50], x: [100, 100] },
      { population: 100, y: [90, 90, 90, 90], x: [100, 100, 100, 100] },
    ]);
    expect(ratio).toBeCloseTo(0.54, 12);
  });

  it('has no sampling error when every station was read (finite population correction)', () => {
    expect(combinedRatio([{ population: 3, y: [1, 2, 7], x: [10, 10, 20] }]).se).toBe(0);
  });

  it.each([
    [[{ population: 10, y: [1], x: [2] }]],
    [[{ population: 1, y: [1, 2], x: [2, 3] }]],
    [[{ population: 10, y: [0, 0], x: [0, 0] }]],
  ])('refuses what it cannot estimate: %j', (strata) => {
    expect(() => combinedRatio(strata)).toThrow(RangeError);
  });
});
