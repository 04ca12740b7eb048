import type { TArrival, TFinding, TPolicy, TStationEvidence, TSybilRun } from './engine-types.js';

const minute = 60_000;

/** Finding kinds whose review is evidence for the engine: deciding one recomputes the station. */
export const kindsWhoseReviewTheEngineReads: readonly string[] = ['sybil_signal'];

/**
 * Whether the station's reports arrived as a fabricated crowd would (TSybilPolicy): a signal
 * that names every run of arrivals that met a pattern, and whether it holds the station's
 * crowd proof. It holds until an analyst dismisses it, and holds again as soon as the runs
 * differ from those the analyst saw. The hold is not part of the signal's evidence: a
 * dismissal must not change the very evidence it was made on.
 */
export function findSybilSignal(
  evidence: TStationEvidence,
  policy: TPolicy,
): { finding: TFinding; holds: boolean } | null {
  const arrivals = [...(evidence.arrivals ?? [])].sort((a, b) => a.at - b.at);
  if (arrivals.length === 0) return null;
  const { sybil, verification } = policy;
  const window = sybil.windowMinutes * minute;
  const bursts = runsOf(
    arrivals,
    (a) => a.at - a.firstSeen <= sybil.freshMinutes * minute,
    window,
    sybil.burstReports,
    sybil.burstShare,
  );
  const floods = runsOf(
    arrivals,
    (a) => !verification.identities.includes(a.kind),
    window,
    sybil.unverifiedReports,
    sybil.unverifiedShare,
  );
  if (bursts.length === 0 && floods.length === 0) return null;
  const review = evidence.sybilReview;
  const released = review?.decision === 'dismiss' && sameRuns(review.bursts, bursts) && sameRuns(review.floods, floods);
  const finding: TFinding = {
    kind: 'sybil_signal',
    strength: 'signal',
    subject: '',
    minStolenVotes: null,
    evidence: { kind: 'sybil_signal', bursts, floods },
    policy: policy.id,
  };
  return { finding, holds: !released };
}

/**
 * The maximal runs of `matches` arrivals (sorted by time) in which some window of `window` ms
 * holds at least `least` of them, and they are at least `share` of all the station's
 * arrivals up to the window's last one. Windows that share an arrival make one run.
 */
function runsOf(
  arrivals: TArrival[],
  matches: (a: TArrival) => boolean,
  window: number,
  least: number,
  share: number,
): TSybilRun[] {
  if (least <= 0) return [];
  // For each matching arrival: its time and how many arrivals of any kind came up to it.
  const hits: { at: number; upTo: number }[] = [];
  arrivals.forEach((a, i) => {
    if (matches(a)) hits.push({ at: a.at, upTo: i + 1 });
  });
  // The same timestamps may end several arrivals: the station's count up to a time is the last.
  for (let i = hits.length - 2; i >= 0; i--) {
    if (hits[i]!.at === hits[i + 1]!.at) hits[i]!.upTo = hits[i + 1]!.upTo;
  }
  const runs: { first: number; last: number }[] = [];
  let end = 0;
  for (let start = 0; start < hits.length; start++) {
    if (end < start) end = start;
    while (end + 1 < hits.length && hits[end + 1]!.at - hits[start]!.at <= window) end++;
    const count = end - start + 1;
    if (count < least || count < share * hits[end]!.upTo) continue;
    const open = runs[runs.length - 1];
    if (open && start <= open.last) open.last = Math.max(open.last, end);
    else runs.push({ first: start, last: end });
  }
  return runs.map(({ first, last }) => ({
    from: new Date(hits[first]!.at).toISOString(),
    to: new Date(hits[last]!.at).toISOString(),
    reports: last - first + 1,
    stationReports: hits[last]!.upTo,
  }));
}

function sameRuns(a: TSybilRun[], b: TSybilRun[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (r, i) =>
        r.from === b[i]!.from &&
        r.to === b[i]!.to &&
        r.reports === b[i]!.reports &&
        r.stationReports === b[i]!.stationReports,
    )
  );
}
