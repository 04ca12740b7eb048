import type { TStationResult } from './station-result.js';

/**
 * A station from its numbers: registered, issued, then votes for cand_a, cand_b, … (valid is
 * their sum, no invalid ballots). Plain data for the forensic tests' tables.
 */
export function station(
  code: string,
  registered: number,
  issued: number,
  votes: number[],
  region = 'R1',
): TStationResult {
  const byCandidate = Object.fromEntries(votes.map((v, j) => [`cand_${String.fromCharCode(97 + j)}`, v]));
  return {
    region,
    station: code,
    registered,
    ballotsIssued: issued,
    valid: votes.reduce((s, v) => s + v, 0),
    invalid: 0,
    votes: byCandidate,
  };
}
