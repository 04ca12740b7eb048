/**
 * A small seeded generator for the synthetic election: xoshiro128** (Blackman & Vigna),
 * seeded through splitmix32. Math.random cannot be seeded, and the generator must give the
 * same election for the same seed on every machine, so that a failing engine test can be
 * replayed from its seed alone. xoshiro128** rather than mulberry32: its 2^128 period leaves
 * no worry about cycles when one run draws tens of millions of numbers.
 *
 * Only 32-bit integer arithmetic (Math.imul, >>> 0) is used, which JavaScript defines
 * exactly, so the stream does not depend on the platform's floating point.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * `stream` derives an independent sequence from one seed: each phase of the generator
   * (regions, true votes, falsification, crowd) draws from its own stream, so that changing
   * a crowd option does not change the true votes of the same seed.
   */
  constructor(seed: number, stream = 0) {
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = (): number => {
      // splitmix32: spreads a small or structured seed over all 128 bits of state.
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // The all-zero state is the one state xoshiro never leaves.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A generator in a given state: for known-answer tests against the reference implementation. */
  static fromState(state: readonly [number, number, number, number]): Rng {
    const rng = new Rng(0);
    [rng.a, rng.b, rng.c, rng.d] = state;
    return rng;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1), with 32 bits of resolution (plenty for shares and coin flips). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('Rng.pick: empty array');
    return item;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
