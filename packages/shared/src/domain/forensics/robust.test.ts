import { describe, expect, it } from 'vitest';
import { Rng } from '../synthetic/prng.js';
import { normal } from '../synthetic/distributions.js';
import { densityMode, medianAndMad, medianOfSorted } from './robust.js';

describe('robust location and spread', () => {
  it.each([
    [[], NaN],
    [[3], 3],
    [[1, 2], 1.5],
    [[1, 2, 9], 2],
  ])('median of %j is %f', (xs, expected) => {
    expect(medianOfSorted(xs)).toBe(expected);
  });

  it('MAD is scaled to a standard deviation', () => {
    const { median, mad } = medianAndMad([1, 2, 3, 4, 100]);
    expect(median).toBe(3);
    expect(mad).toBeCloseTo(1.4826, 6);
  });

  it('the density mode of a few values', () => {
    expect(densityMode([0.5])).toBeCloseTo(0.5, 3);
    expect(densityMode([0.3, 0.3, 0.3, 0.9])).toBeCloseTo(0.3, 2);
    expect(densityMode([])).toBeNaN();
  });

  it('the density mode finds the peak of a cloud with a heavy stuffed tail, where the median does not', () => {
    for (const seed of [11, 12, 13]) {
      const rng = new Rng(seed);
      const honest = Array.from({ length: 3000 }, () => 0.55 + 0.07 * normal(rng));
      const stuffed = Array.from({ length: 1500 }, () => 0.75 + 0.25 * rng.float());
      const values = [...honest, ...stuffed];
      expect(Math.abs(densityMode(values) - 0.55)).toBeLessThan(0.015);
      expect(medianAndMad(values).median - 0.55).toBeGreaterThan(0.03);
    }
  });
});
