import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, lnGamma, normalCdf, normalUpperTail, Z_95, Z_99 } from './special-functions.js';

describe('special functions', () => {
  it.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [11, Math.log(3628800)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [101, 363.73937555556347], // ln 100!
  ])('lnGamma(%f) = %f', (x, expected) => {
    expect(lnGamma(x)).toBeCloseTo(expected, 10);
  });

  it.each([
    [0, 0.5],
    [Z_95, 0.025],
    [Z_99, 0.005],
    [-1.6448536269514722, 0.95],
    [6, 9.865876450376946e-10],
    [20, 2.7536241186062337e-89],
  ])('P(Z > %f) = %f, in relative terms even far out', (z, expected) => {
    expect(Math.abs(normalUpperTail(z) / expected - 1)).toBeLessThan(2e-7);
  });

  it('normalCdf is the complement of the upper tail', () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 7);
  });

  it.each([
    // Critical values of the chi-square distribution with 9 and 2 degrees of freedom.
    [16.918977604620448, 9, 0.05],
    [21.665994333461924, 9, 0.01],
    [27.877164871256568, 9, 0.001],
    [4.168159008146109, 9, 0.9],
    [5.991464547107979, 2, 0.05],
  ])('P(chi2 >= %f | df %i) = %f', (x, df, expected) => {
    expect(chiSquareUpperTail(x, df)).toBeCloseTo(expected, 10);
  });

  it('chi-square tail is 1 at and below 0', () => {
    expect(chiSquareUpperTail(0, 9)).toBe(1);
    expect(chiSquareUpperTail(-1, 9)).toBe(1);
  });
});
