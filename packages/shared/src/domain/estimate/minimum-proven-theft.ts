import type { TFinding, TStrength } from '../engine/engine-types.js';

/**
 * The minimum proven theft: per candidate, the sum over stations of the votes the official
 * count provably lacks (crowd exceeds official, the Golos method). Each station's figure is
 * the engine's `minStolenVotes`, the gap between distinct verified voters and the official
 * count, itself a lower bound; their sum is a lower bound on the votes taken from the
 * candidate, nationally and per region, never an estimate of the whole.
 *
 * Only findings of the strengths in `strengths` count, by default proof alone (verified
 * voters from our own reports or a trusted partner). "strong" (verified voters of an
 * untrusted partner) can be asked for, and is then stated in the output; "signal" never
 * carries a number (the engine gives it none), so it never adds anything.
 */
export type TFindingsByStation = { station: string; region: string; findings: readonly TFinding[] };

export type TMinimumTheft = {
  label: 'lower bound';
  strengths: TStrength[];
  /** Stations with at least one counted finding. */
  stations: number;
  national: Record<string, number>;
  regions: { region: string; stations: number; votes: Record<string, number> }[];
  /** The policies the counted findings were made under. */
  policies: string[];
};

export function minimumProvenTheft(
  stations: readonly TFindingsByStation[],
  strengths: readonly TStrength[] = ['proof'],
): TMinimumTheft {
  const seen = new Set<string>();
  const national: Record<string, number> = {};
  const regions = new Map<string, { stations: number; votes: Record<string, number> }>();
  const policies = new Set<string>();
  let counted = 0;
  for (const { station, region, findings } of stations) {
    // One station's findings counted twice would double its theft: the caller's bug, loudly.
    if (seen.has(station)) throw new Error(`minimumProvenTheft: station ${station} given twice`);
    seen.add(station);
    const proofs = findings.filter(
      (f) => f.kind === 'crowd_exceeds_official' && strengths.includes(f.strength) && f.minStolenVotes !== null,
    );
    if (proofs.length === 0) continue;
    counted += 1;
    const r = regions.get(region) ?? { stations: 0, votes: {} };
    r.stations += 1;
    regions.set(region, r);
    for (const f of proofs) {
      const votes = f.minStolenVotes ?? 0;
      national[f.subject] = (national[f.subject] ?? 0) + votes;
      r.votes[f.subject] = (r.votes[f.subject] ?? 0) + votes;
      policies.add(f.policy);
    }
  }
  return {
    label: 'lower bound',
    strengths: [...strengths],
    stations: counted,
    national,
    regions: [...regions].map(([region, r]) => ({ region, ...r })).sort((a, b) => (a.region < b.region ? -1 : 1)),
    policies: [...policies].sort(),
  };
}
