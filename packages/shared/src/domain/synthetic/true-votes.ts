import { apportion, beta, binomial, dirichletAround } from './distributions.js';
import type { Rng } from './prng.js';
import type { TDistrict } from './region-tree.js';
import { votesLine } from './synthetic-form.js';

/**
 * How people actually voted, station by station. Shares vary in three levels (oblast →
 * district → station), each a Dirichlet draw around the level above, so that regional
 * outliers and the PVT estimate have structure to find. The first candidate is the national
 * favourite, but in the capital the runner-up leads: a detector that assumes the favourite
 * wins everywhere would be wrong on this data, as it would be on a real election.
 */

/** Index of the national favourite in candidate order (the falsifiers' beneficiary): nationalShares puts it first. */
export const FAVOURITE_INDEX = 0;

/** Spread of each level: higher is closer to the level above. */
const OBLAST_CONCENTRATION = 60;
const DISTRICT_CONCENTRATION = 200;
const STATION_CONCENTRATION = 150;

/** Share vectors per district (index = TDistrict.index). */
export function drawDistrictShares(rng: Rng, candidateCount: number, districts: readonly TDistrict[]): number[][] {
  const national = nationalShares(rng, candidateCount);
  const oblastCount = Math.max(0, ...districts.map((d) => d.oblast)) + 1;
  const oblasts = Array.from({ length: oblastCount }, (_, oblast) => {
    const shares = dirichletAround(rng, national, OBLAST_CONCENTRATION);
    // The capital prefers the runner-up: the favourite must not lead everywhere.
    if (oblast === 0) swap(shares, FAVOURITE_INDEX, 1);
    return shares;
  });
  return districts.map((d) => dirichletAround(rng, oblasts[d.oblast] ?? national, DISTRICT_CONCENTRATION));
}

/**
 * One station's true protocol, every relation of the synthetic form holding. Totals are
 * drawn first and the parts apportioned from them, so that the sums are exact by
 * construction instead of by correction.
 */
export function drawTrueProtocol(
  rng: Rng,
  votersOnList: number,
  districtShares: readonly number[],
  candidates: readonly string[],
): Record<string, number> {
  // Beta(14, 9): mean 61 %, most stations between 40 and 80 %; clamped so that a station
  // always has voters and unused ballots.
  const turnout = Math.min(0.92, Math.max(0.3, beta(rng, 14, 9)));
  const tookPart = Math.max(1, Math.round(votersOnList * turnout));
  // Commissions receive a little fewer ballots than voters on the list, never fewer than used.
  const received = Math.max(tookPart, Math.round(votersOnList * rng.between(0.9, 1)));
  const early = binomial(rng, tookPart, beta(rng, 6, 14));
  const home = binomial(rng, tookPart - early, 0.04);
  const invalid = binomial(rng, tookPart, 0.015);
  const againstAll = binomial(rng, tookPart - invalid, 0.04);
  const shares = dirichletAround(rng, districtShares, STATION_CONCENTRATION);
  const votes = apportion(tookPart - invalid - againstAll, shares);
  const truth: Record<string, number> = {
    voters_on_list: votersOnList,
    received,
    issued_early: early,
    issued_home: home,
    issued_day: tookPart - early - home,
    took_part: tookPart,
  };
  candidates.forEach((c, i) => {
    truth[votesLine(c)] = votes[i] ?? 0;
  });
  truth['against_all'] = againstAll;
  truth['invalid'] = invalid;
  truth['unused'] = received - tookPart;
  return truth;
}

/**
 * The favourite near half the vote, the others sharing the rest in a falling, jittered order.
 * With two candidates "near half" would be a toss-up, so the favourite gets about 60 %.
 */
function nationalShares(rng: Rng, candidateCount: number): number[] {
  const favourite = candidateCount === 2 ? rng.between(0.58, 0.66) : rng.between(0.45, 0.55);
  const weights = Array.from({ length: candidateCount - 1 }, (_, i) => rng.between(0.7, 1.3) / (i + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  return [favourite, ...weights.map((w) => ((1 - favourite) * w) / total)];
}

function swap(values: number[], i: number, j: number): void {
  const a = values[i];
  const b = values[j];
  if (a === undefined || b === undefined) return;
  values[i] = b;
  values[j] = a;
}
