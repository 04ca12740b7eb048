import { describe, expect, it } from 'vitest';
import { generateStationResults, type TGenerateResultsOptions } from './generate-station-results.js';
import { summarizeForensics, type TForensicSummary } from './summarize-forensics.js';

const base: TGenerateResultsOptions = { seed: 7, stations: 5000, regions: 10, candidates: 5 };
const cache = new Map<
  string,
  { summary: TForensicSummary; truth: ReturnType<typeof generateStationResults>['truth'] }
>();
function run(o: Partial<TGenerateResultsOptions> = {}) {
  const key = JSON.stringify(o);
  const cached = cache.get(key);
  if (cached) return cached;
  const { stations, truth } = generateStationResults({ ...base, ...o });
  const result = { summary: summarizeForensics(stations, { reps: 200 }), truth };
  cache.set(key, result);
  return result;
}

describe('forensic summary of a generated election', () => {
  it('describes the election: stations, leader, totals, histograms of every station', () => {
    const { summary } = run();
    expect(summary.label).toBe('signals');
    expect(summary.stations).toEqual({ total: 5000, used: 5000, leftOut: { noRegistered: 0, noBallotsCounted: 0 } });
    expect(summary.leader).toBe('cand_a');
    expect(summary.candidates.map((c) => c.candidate)).toEqual(['cand_a', 'cand_b', 'cand_c', 'cand_d', 'cand_e']);
    expect(summary.candidates.reduce((s, c) => s + c.sharePct, 0)).toBeGreaterThan(98);
    for (const h of [summary.histograms.turnout, summary.histograms.leaderShare]) {
      expect(h.stations.reduce((s, x) => s + x, 0) + h.above100).toBe(5000);
      expect(h.binWidthPp).toBe(1);
    }
  });

  it('stays quiet on an honest election', () => {
    const { summary } = run();
    expect(summary.integerPercentages.either.pValue).toBeGreaterThan(0.01);
    expect(summary.anomalousVotes.anomalousVotes / summary.anomalousVotes.leaderVotes).toBeLessThan(0.01);
    expect(summary.fingerprint.corner.stations).toBe(0);
    expect(summary.lastDigits.pValue).toBeGreaterThan(0.01);
    // A score of 3 is one honest station in a thousand; with two measures and heavy tails, a few more.
    expect(summary.stationSignals.stations.length).toBeLessThan(0.02 * 5000);
  });

  it('finds ballot stuffing: anomalous votes near the stuffed ballots, stuffed stations at the top of the list', () => {
    const { summary, truth } = run({ stuffedShare: 0.05 });
    const { anomalousVotes } = summary.anomalousVotes;
    expect(anomalousVotes).toBeGreaterThan(0.7 * truth.stuffedBallots);
    expect(anomalousVotes).toBeLessThan(1.4 * truth.stuffedBallots);
    const stuffed = new Set(truth.stuffed);
    const top = summary.stationSignals.stations.slice(0, 100);
    expect(top.filter((s) => stuffed.has(s.station)).length).toBeGreaterThanOrEqual(95);
    expect(summary.fingerprint.corner.stationShare).toBeGreaterThan(summary.fingerprint.corner.expectedStationShare);
  });

  it('finds protocols rewritten to whole percentages: the integer test, station reasons, a heavy fingerprint corner', () => {
    const { summary, truth } = run({ roundedShare: 0.05 });
    expect(summary.integerPercentages.either.pValue).toBeLessThan(0.01);
    const listed = new Map(summary.stationSignals.stations.map((s) => [s.station, s]));
    const found = truth.rounded.filter((code) => listed.get(code)?.reasons.some((r) => r.includes('whole percentage')));
    expect(found.length).toBeGreaterThan(0.5 * truth.rounded.length);
    expect(summary.fingerprint.corner.ratio).toBeGreaterThan(100);
  });

  it('takes its options: bin width, leader, repetitions', () => {
    const { stations } = generateStationResults({ ...base, stations: 300 });
    const summary = summarizeForensics(stations, { binWidthPp: 2, leader: 'cand_b', reps: 0, seed: undefined });
    expect(summary.histograms.turnout.stations).toHaveLength(50);
    expect(summary.fingerprint.histogram.stations).toHaveLength(50);
    expect(summary.leader).toBe('cand_b');
    expect(summary.integerPercentages.either.pValue).toBeNull();
    expect(summary.integerPercentages.monteCarlo.seed).toBe(1);
  });

  it('refuses results it cannot read anything from', () => {
    expect(() => summarizeForensics([])).toThrow(RangeError);
  });
});
