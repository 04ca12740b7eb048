import { anomalousVotes, type TAnomalousVotes } from './anomalous-votes.js';
import { fingerprint, type TFingerprint } from './fingerprint.js';
import { assertBinWidth, leaderShareHistogram, turnoutHistogram, type THistogram } from './histograms.js';
import { integerPercentages, type TIntegerPercentages } from './integer-percentages.js';
import { lastDigits, type TLastDigits } from './last-digits.js';
import { toStationColumns } from './station-columns.js';
import { ballotsCounted, candidatesOf, nationalLeader, totalVotes, type TStationResult } from './station-result.js';
import { stationSignals, type TStationSignals } from './station-signals.js';

/**
 * Every forensic signal of an election from its station-level results, in one pure call:
 * what the CLI prints, the report page draws and the worker turns into "signal" flags. Each
 * part says it is a signal; none is proof of anything at any station.
 */
export type TForensicOptions = {
  /** Histogram bin width in percentage points. */
  binWidthPp: number;
  seed: number;
  /** Monte Carlo repetitions of the integer-percentage test (0: no p-value). */
  reps: number;
  /** The candidate whose share is examined; by default the one with most votes nationally. */
  leader?: string | undefined;
  /** Below this many stations a region is compared with national figures. */
  minRegionStations: number;
  /** Station signals are listed from this score (−log₁₀ of the honest chance) up. */
  minStationScore: number;
  lastDigitMinCount: number;
};

export const defaultForensicOptions: TForensicOptions = {
  binWidthPp: 1,
  seed: 1,
  reps: 1000,
  minRegionStations: 30,
  minStationScore: 3,
  lastDigitMinCount: 10,
};

export type TForensicSummary = {
  label: 'signals';
  stations: { total: number; used: number; leftOut: { noRegistered: number; noBallotsCounted: number } };
  leader: string;
  candidates: { candidate: string; votes: number; sharePct: number }[];
  totals: { registered: number; ballotsIssued: number; ballotsCounted: number; turnoutPct: number };
  histograms: { turnout: THistogram; leaderShare: THistogram };
  integerPercentages: TIntegerPercentages;
  fingerprint: TFingerprint;
  lastDigits: TLastDigits;
  anomalousVotes: TAnomalousVotes;
  stationSignals: TStationSignals;
};

/** Needs at least one station with voters on the list and ballots counted. */
export function summarizeForensics(
  stations: readonly TStationResult[],
  options: Partial<TForensicOptions> = {},
): TForensicSummary {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o: TForensicOptions = { ...defaultForensicOptions, ...given };
  assertBinWidth(o.binWidthPp);
  const leader = o.leader ?? nationalLeader(stations);
  if (leader === null) throw new RangeError('summarizeForensics: no candidate votes in the results');
  const c = toStationColumns(stations, leader);
  if (c.length === 0)
    throw new RangeError('summarizeForensics: no station with voters on the list and ballots counted');

  // Totals over every station given, as a commission (and Kobak's notebooks) add them up.
  const candidates = candidatesOf(stations);
  const votes = totalVotes(stations, candidates);
  let registered = 0;
  let issued = 0;
  let counted = 0;
  for (const s of stations) {
    registered += s.registered;
    issued += s.ballotsIssued;
    counted += ballotsCounted(s);
  }
  return {
    label: 'signals',
    stations: { total: stations.length, used: c.length, leftOut: c.leftOut },
    leader,
    candidates: candidates.map((candidate) => {
      const v = votes.get(candidate) ?? 0;
      return { candidate, votes: v, sharePct: counted > 0 ? (100 * v) / counted : 0 };
    }),
    totals: {
      registered,
      ballotsIssued: issued,
      ballotsCounted: counted,
      turnoutPct: registered > 0 ? (100 * issued) / registered : 0,
    },
    histograms: { turnout: turnoutHistogram(c, o.binWidthPp), leaderShare: leaderShareHistogram(c, o.binWidthPp) },
    integerPercentages: integerPercentages(c, { seed: o.seed, reps: o.reps }),
    fingerprint: fingerprint(c, o.binWidthPp),
    lastDigits: lastDigits(stations, candidates, o.lastDigitMinCount),
    anomalousVotes: anomalousVotes(c, o.minRegionStations),
    stationSignals: stationSignals(c, { minScore: o.minStationScore, minRegionStations: o.minRegionStations }),
  };
}
