import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from './prng.js';
import { apportion, beta, binomial, dirichletAround, gamma } from './distributions.js';

const seed = fc.integer({ min: 0, max: 0xffffffff });

describe('distributions', () => {
  it.each([
    // n, p: the inversion branch (n·p < 40), the normal branch, the symmetric branch, edges
    [300, 0.05],
    [3000, 0.3],
    [1000, 0.9],
    [10, 0.5],
  ])('binomial(%i, %f) has the right mean and variance', (n, p) => {
    const rng = new Rng(n);
    const xs = Array.from({ length: 20_000 }, () => binomial(rng, n, p));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean - n * p)).toBeLessThan(0.05 * Math.sqrt(n * p * (1 - p)) + 0.05);
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.9);
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.1);
  });

  it('binomial stays an integer in [0, n]', () => {
    fc.assert(
      fc.property(
        seed,
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: -0.5, max: 1.5, noNaN: true }),
        (s, n, p) => {
          const x = binomial(new Rng(s), n, p);
          expect(Number.isInteger(x) && x >= 0 && x <= n).toBe(true);
          if (p <= 0) expect(x).toBe(0);
          if (p >= 1) expect(x).toBe(n);
        },
      ),
    );
  });

  it('gamma and beta have their means', () => {
    const rng = new Rng(3);
    const g = Array.from({ length: 20_000 }, () => gamma(rng, 0.5));
    expect(g.reduce((s, x) => s + x, 0) / g.length).toBeCloseTo(0.5, 1);
    const b = Array.from({ length: 20_000 }, () => beta(rng, 14, 9));
    expect(b.reduce((s, x) => s + x, 0) / b.length).toBeCloseTo(14 / 23, 2);
  });

  it('dirichletAround gives shares that add up to 1', () => {
    fc.assert(
      fc.property(
        seed,
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 12 }),
        (s, w) => {
          const total = w.reduce((a, x) => a + x, 0);
          const shares = dirichletAround(
            new Rng(s),
            w.map((x) => x / total),
            100,
          );
          expect(shares.every((x) => x >= 0)).toBe(true);
          expect(shares.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it.each<[number, number[], number[]]>([
    [10, [1, 1], [5, 5]],
    [10, [1, 1, 1], [4, 3, 3]],
    // 3.5, 1.75, 1.75: the two larger remainders get the two units left
    [7, [0.5, 0.25, 0.25], [3, 2, 2]],
    [5, [0, 0], [5, 0]],
    [0, [1, 2], [0, 0]],
  ])('apportion(%i, %o) = %o', (total, shares, expected) => {
    expect(apportion(total, shares)).toEqual(expected);
  });

  it('apportion always adds up to the total, each part within 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (total, shares) => {
          const parts = apportion(total, shares);
          expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
          const sum = shares.reduce((s, x) => s + x, 0);
          if (sum > 0) parts.forEach((x, i) => expect(Math.abs(x - (total * (shares[i] ?? 0)) / sum)).toBeLessThan(1));
        },
      ),
    );
  });
});
