import { describe, expect, it } from 'vitest';
import { Rng } from '../synthetic/prng.js';
import { station } from './forensics-test-kit.js';
import { lastDigits } from './last-digits.js';

const keys = ['cand_a', 'cand_b'];

describe('last digits', () => {
  it('counts the last digit of each count from the minimum up', () => {
    const result = lastDigits([station('S1', 500, 300, [123, 9]), station('S2', 500, 300, [10, 250])], keys, 10);
    expect(result.counts).toBe(3);
    expect(result.digits).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(result.label).toBe('signal');
  });

  it('stays quiet on honest counts and finds invented ones (people favour 0 and 5)', () => {
    const rng = new Rng(3);
    const honest = Array.from({ length: 2000 }, (_, i) =>
      station(`S${i}`, 3000, 2000, [rng.int(100, 1500), rng.int(100, 400)]),
    );
    expect(lastDigits(honest, keys, 10).pValue).toBeGreaterThan(0.01);
    const invented = honest.map((s, i) =>
      i % 5 === 0 ? station(s.station, 3000, 2000, [Math.round((s.votes.cand_a ?? 0) / 5) * 5, 200]) : s,
    );
    expect(lastDigits(invented, keys, 10).pValue).toBeLessThan(1e-6);
  });

  it('has no p-value without a count to test', () => {
    const result = lastDigits([station('S1', 500, 10, [6, 4])], keys, 10);
    expect(result.counts).toBe(0);
    expect(result.pValue).toBeNull();
  });
});
