/**
 * One station's result, reduced to what forensics and the PVT estimate need, whatever the
 * protocol form: the official result imported from a commission's file, or the numbers of an
 * agreed protocol reading. A reader maps its layout onto this (see docs/station-results-csv.md);
 * a station with a missing number is the reader's to report, so every number here is known,
 * except `valid` and `invalid`, which some commissions do not publish.
 */
export type TStationResult = {
  region: string;
  /** Unique within the election. */
  station: string;
  registered: number;
  /** Ballots issued to voters: the turnout numerator (Russia: early + in the station + outside). */
  ballotsIssued: number;
  valid?: number | undefined;
  invalid?: number | undefined;
  /** Per candidate key (or party, or "yes"/"no"): the votes counted for it. */
  votes: Record<string, number>;
};

export function sumVotes(s: TStationResult): number {
  let sum = 0;
  for (const key in s.votes) sum += s.votes[key] ?? 0;
  return sum;
}

/**
 * The denominator of a vote share: the ballots found valid or invalid (as commissions such as
 * Russia's CEC and Kobak et al. count shares). Without a published valid line, the votes
 * themselves stand for it; without an invalid line, there were none to count.
 */
export function ballotsCounted(s: TStationResult): number {
  return (s.valid ?? sumVotes(s)) + (s.invalid ?? 0);
}

/** Candidate keys in order of first appearance, so output follows the file's column order. */
export function candidatesOf(stations: readonly TStationResult[]): string[] {
  const seen = new Set<string>();
  for (const s of stations) for (const key in s.votes) seen.add(key);
  return [...seen];
}

/** Per candidate: the votes over all stations. */
export function totalVotes(stations: readonly TStationResult[], candidates: readonly string[]): Map<string, number> {
  const totals = new Float64Array(candidates.length);
  for (const s of stations) {
    for (let j = 0; j < candidates.length; j++)
      totals[j] = (totals[j] as number) + (s.votes[candidates[j] as string] ?? 0);
  }
  return new Map(candidates.map((c, j) => [c, totals[j] as number]));
}

/** The candidate with the most votes nationally (the first in column order on a tie); null without any. */
export function nationalLeader(stations: readonly TStationResult[]): string | null {
  let leader: string | null = null;
  let most = -1;
  for (const [candidate, votes] of totalVotes(stations, candidatesOf(stations))) {
    if (votes > most) [leader, most] = [candidate, votes];
  }
  return leader;
}
