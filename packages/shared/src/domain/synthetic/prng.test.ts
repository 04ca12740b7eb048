import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from './prng.js';

const seed = fc.integer({ min: 0, max: 0xffffffff });
const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.uint32());

describe('Rng', () => {
  it('gives the same stream for the same seed and stream, and another for another', () => {
    fc.assert(
      fc.property(seed, (s) => {
        expect(draws(new Rng(s), 20)).toEqual(draws(new Rng(s), 20));
        expect(draws(new Rng(s, 1), 20)).not.toEqual(draws(new Rng(s, 2), 20));
        expect(draws(new Rng(s), 20)).not.toEqual(draws(new Rng((s + 1) >>> 0), 20));
      }),
    );
  });

  it('matches the reference xoshiro128** from state {1, 2, 3, 4}', () => {
    // Computed by hand from Blackman & Vigna's xoshiro128starstar.c.
    expect(draws(Rng.fromState([1, 2, 3, 4]), 3)).toEqual([11520, 0, 5927040]);
  });

  it.each<[number, number, number[]]>([
    [0, 0, [1292791899, 1284423797, 2013314966]],
    [20201009, 3, [3395451868, 1460774389]],
  ])(
    'keeps the stream of seed %i, stream %i (a change here changes every synthetic election)',
    (s, stream, expected) => {
      expect(draws(new Rng(s, stream), expected.length)).toEqual(expected);
    },
  );

  it('draws uniform integers over the whole inclusive range, floats in [0, 1)', () => {
    const rng = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i += 1) {
      const x = rng.int(3, 8);
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(8);
      seen.add(x);
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('has a mean near one half', () => {
    const rng = new Rng(11);
    let sum = 0;
    for (let i = 0; i < 100_000; i += 1) sum += rng.float();
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});
