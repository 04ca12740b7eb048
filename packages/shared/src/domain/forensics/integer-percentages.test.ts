import { describe, expect, it } from 'vitest';
import { station } from './forensics-test-kit.js';
import { generateStationResults } from './generate-station-results.js';
import { integerPercentages } from './integer-percentages.js';
import { toStationColumns } from './station-columns.js';

const election = (o: { roundedShare?: number; stuffedShare?: number } = {}) =>
  toStationColumns(
    generateStationResults({ seed: 5, stations: 4000, regions: 8, candidates: 4, ...o }).stations,
    'cand_a',
  );

describe('integer percentages (Kobak, Shpilkin & Pshenichnikov)', () => {
  it('applies the inclusion criteria in order and counts each station once', () => {
    const c = toStationColumns(
      [
        station('small', 99, 50, [30, 20]),
        station('full', 1000, 991, [500, 491]),
        station('unanimous', 1000, 800, [795, 5]),
        station('in', 1000, 600, [300, 300]),
      ],
      'cand_a',
    );
    const result = integerPercentages(c, { seed: 1, reps: 0 });
    expect(result.excluded).toEqual({ fewerThan100Voters: 1, turnoutAbove99: 1, leaderShareAbove99: 1 });
    expect(result.included).toBe(1);
    // 60 % turnout and a 50 % leader share: both whole.
    expect([result.either.observed, result.turnout.observed, result.leaderShare.observed]).toEqual([1, 1, 1]);
    expect(result.either.pValue).toBeNull();
  });

  it('stays quiet on an honest election: observed near expected, p > 0.01', () => {
    const result = integerPercentages(election(), { seed: 1, reps: 200 });
    for (const count of [result.either, result.turnout, result.leaderShare]) {
      expect(Math.abs(count.excess)).toBeLessThan(3 * count.sd);
      expect(count.pValue).toBeGreaterThan(0.01);
    }
    // The Monte Carlo draws from the same probabilities the exact expectation adds up.
    expect(Math.abs((result.monteCarlo.meanEither ?? 0) - result.either.expected)).toBeLessThan(result.either.sd / 3);
  });

  it('finds protocols rewritten to whole percentages (3 % of stations)', () => {
    const result = integerPercentages(election({ roundedShare: 0.03 }), { seed: 1, reps: 200 });
    expect(result.either.pValue).toBeLessThan(0.01);
    expect(result.either.excess).toBeGreaterThan(0.5 * 0.03 * 4000);
    expect(result.label).toBe('signal');
  });

  it('does not mistake ballot stuffing for rounding', () => {
    const result = integerPercentages(election({ stuffedShare: 0.05 }), { seed: 1, reps: 200 });
    expect(result.either.pValue).toBeGreaterThan(0.01);
  });

  it('is deterministic for a seed, and the seed is the Monte Carlo’s only input', () => {
    const c = election({ roundedShare: 0.01 });
    const a = integerPercentages(c, { seed: 9, reps: 50 });
    expect(integerPercentages(c, { seed: 9, reps: 50 })).toEqual(a);
    const b = integerPercentages(c, { seed: 10, reps: 50 });
    expect(b.either.expected).toBe(a.either.expected);
    expect(b.monteCarlo.meanEither).not.toBe(a.monteCarlo.meanEither);
  });
});
