import type { Rng } from './prng.js';

/**
 * The few distributions the synthetic election needs, drawn from a seeded Rng. They aim at
 * plausible data, not at a statistics library: where an exact method would cost more code
 * than it buys (large binomials) a documented approximation is used, and every result is
 * clamped to its true support so that the election's invariants hold exactly.
 *
 * Determinism: these use Math.log, cos, sqrt and pow. V8 computes log and cos with its own
 * fdlibm port, the same on every platform, so Node gives the same election everywhere;
 * another JavaScript engine could differ in a last bit and, rarely, in a rounded count.
 */

/** A standard normal draw (Box–Muller; the second value is dropped to keep no hidden state). */
export function normal(rng: Rng): number {
  const u = 1 - rng.float(); // in (0, 1]: log(0) must not happen
  const v = rng.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through the boost gamma(shape+1)·U^(1/shape). */
export function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng.float(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.float();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Beta(a, b): a share with mean a / (a + b); larger a + b means less spread. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  return x / (x + gamma(rng, b));
}

/**
 * A share vector near `mean` (which sums to 1): Dirichlet(concentration · mean). This is
 * how regional and station shares vary around a national mean; higher concentration keeps
 * them closer to it.
 */
export function dirichletAround(rng: Rng, mean: readonly number[], concentration: number): number[] {
  // A floor on each alpha keeps a tiny candidate from drawing exactly 0 forever after.
  const draws = mean.map((m) => gamma(rng, Math.max(0.05, m * concentration)));
  const total = draws.reduce((s, x) => s + x, 0);
  return total > 0 ? draws.map((x) => x / total) : mean.slice();
}

/**
 * Binomial(n, p), always an integer in [0, n]. Exact inversion while n·p is small (the
 * crowd's case: a few per cent of a few hundred voters); above that a rounded normal
 * approximation, which is close enough for synthetic data and costs O(1).
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const mean = n * p;
  if (mean < 40) {
    // Sequential search over the probability mass function (Kachitvichyanukul & Schmeiser's
    // inversion): O(n·p) steps; q^n cannot underflow while n·p < 40 and p ≤ 0.5.
    const q = 1 - p;
    const s = p / q;
    const a = (n + 1) * s;
    let r = Math.pow(q, n);
    let u = rng.float();
    let x = 0;
    while (u > r && x < n) {
      u -= r;
      x += 1;
      r *= a / x - s;
    }
    return x;
  }
  const x = Math.round(mean + Math.sqrt(mean * (1 - p)) * normal(rng));
  return Math.min(n, Math.max(0, x));
}

/**
 * Splits `total` into integers proportional to `shares` that add up to exactly `total`
 * (largest remainder; ties go to the earlier index, so the result is deterministic).
 */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((s, x) => s + x, 0);
  // Only when every share is 0: the whole total goes to the first part.
  if (!(sum > 0)) return shares.map((_, i) => (i === 0 ? total : 0));
  const exact = shares.map((x) => (total * x) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((p, q) => q.rest - p.rest || p.i - q.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}
