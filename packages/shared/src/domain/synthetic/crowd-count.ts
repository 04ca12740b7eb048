import type { TCrowdCount } from '../engine/engine-types.js';
import type { TSyntheticSelfReport } from './synthetic-types.js';

/**
 * A reference count of self-reports under the default verification policy (photo required
 * and unique), to feed the engine synthetic TCrowdCount rows and to state the counting
 * rules the generator was built against:
 *
 * 1. One voter token, one report: the latest in submission order replaces earlier ones.
 * 2. A ballot photo verifies only when no report under another token uses it, superseded
 *    reports included. Counting only the latest reports would let a false report that
 *    reused a photo become "unique" once the photo's owner changed their report.
 * 3. A report is verified when it has such a photo; every other kept report is unverified.
 *
 * Returns station code → counts per candidate with at least one report (mistyped codes
 * included: they are stations of no one, and the engine never sees them).
 */
export function countSelfReports(reports: readonly TSyntheticSelfReport[]): Map<string, TCrowdCount[]> {
  const latest = new Map<string, TSyntheticSelfReport>();
  const photoOwner = new Map<string, string | null>(); // photo → its one token, or null when shared
  for (const r of reports) {
    latest.set(r.voterToken, r);
    if (r.ballotPhoto === null) continue;
    const owner = photoOwner.get(r.ballotPhoto);
    if (owner === undefined) photoOwner.set(r.ballotPhoto, r.voterToken);
    else if (owner !== r.voterToken) photoOwner.set(r.ballotPhoto, null);
  }
  const counts = new Map<string, Map<string, TCrowdCount>>();
  for (const r of latest.values()) {
    let byCandidate = counts.get(r.station);
    if (byCandidate === undefined) {
      byCandidate = new Map();
      counts.set(r.station, byCandidate);
    }
    let count = byCandidate.get(r.candidate);
    if (count === undefined) {
      count = { candidate: r.candidate, verified: 0, unverified: 0 };
      byCandidate.set(r.candidate, count);
    }
    const verified = r.ballotPhoto !== null && photoOwner.get(r.ballotPhoto) === r.voterToken;
    if (verified) count.verified += 1;
    else count.unverified += 1;
  }
  return new Map([...counts].map(([station, byCandidate]) => [station, [...byCandidate.values()]]));
}
