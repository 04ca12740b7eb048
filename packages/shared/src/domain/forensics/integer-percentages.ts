import { binomial } from '../synthetic/distributions.js';
import { Rng } from '../synthetic/prng.js';
import { wholePercentChance } from './whole-percent-chance.js';
import { isWholePercent, type TStationColumns } from './station-columns.js';

/**
 * The excess of integer percentages (Kobak, Shpilkin & Pshenichnikov, Ann. Appl. Stat. 10(1),
 * 2016): a commission that writes its protocol to a target ("85 %") leaves stations whose
 * turnout or leader share is a round number far more often than counting can. Their recipe,
 * kept exactly so that the published figures can be reproduced:
 *
 * - stations with at least 100 voters on the list, turnout ≤ 99 % and leader share ≤ 99 %
 *   (and ballots counted, which the columns already require);
 * - turnout = ballots issued / voters on the list, leader share = leader / (valid + invalid);
 * - a value is "integer" within ±0.05 pp of a whole percentage;
 * - expected under honest counting: each station's ballots issued ~ Binomial(voters, turnout)
 *   and leader votes ~ Binomial(ballots counted, leader share), independently.
 *
 * Under that null each station is integer with a probability that can be computed exactly
 * from the binomial distribution, so the expected count and its spread need no simulation.
 * The Monte Carlo gives the p-value, (1 + repetitions at or above the observed count) /
 * (1 + repetitions), from the same null: Kobak et al.'s 1,000 repetitions by default, so
 * it can say p < 0.001, and cheap (see simulateCount).
 */
export type TIntegerCount = {
  observed: number;
  expected: number;
  /** Standard deviation of the count under the null. */
  sd: number;
  excess: number;
  /** null when no Monte Carlo repetitions were asked for. */
  pValue: number | null;
};

export type TIntegerPercentages = {
  label: 'signal';
  included: number;
  /** Each station counted under the first criterion it fails, in this order. */
  excluded: { fewerThan100Voters: number; turnoutAbove99: number; leaderShareAbove99: number };
  halfWidthPp: number;
  /** Turnout or leader share integer: the figure Kobak et al. publish. */
  either: TIntegerCount;
  turnout: TIntegerCount;
  leaderShare: TIntegerCount;
  monteCarlo: { reps: number; seed: number; meanEither: number | null };
};

export type TIntegerOptions = { seed: number; reps: number; halfWidthPp?: number };

/** The Rng stream of this test, so that other Monte Carlo users of one seed stay independent. */
const RNG_STREAM = 71;

export function integerPercentages(c: TStationColumns, options: TIntegerOptions): TIntegerPercentages {
  const halfWidthPp = options.halfWidthPp ?? 0.05;
  const isInteger = (count: number, total: number) => isWholePercent(count, total, halfWidthPp);
  const excluded = { fewerThan100Voters: 0, turnoutAbove99: 0, leaderShareAbove99: 0 };
  const chance = { turnout: [] as number[], leader: [] as number[] };
  const observed = { turnout: 0, leader: 0, either: 0 };
  for (let i = 0; i < c.length; i++) {
    const [voters, issued] = [c.registered[i] as number, c.issued[i] as number];
    const [counted, leader] = [c.counted[i] as number, c.leader[i] as number];
    if (voters < 100) excluded.fewerThan100Voters += 1;
    else if (issued / voters > 0.99) excluded.turnoutAbove99 += 1;
    else if (leader / counted > 0.99) excluded.leaderShareAbove99 += 1;
    else {
      const t = isInteger(issued, voters);
      const l = isInteger(leader, counted);
      observed.turnout += t ? 1 : 0;
      observed.leader += l ? 1 : 0;
      observed.either += t || l ? 1 : 0;
      chance.turnout.push(wholePercentChance(voters, issued / voters, halfWidthPp));
      chance.leader.push(wholePercentChance(counted, leader / counted, halfWidthPp));
    }
  }
  const either = chance.turnout.map((t, i) => 1 - (1 - t) * (1 - (chance.leader[i] as number)));
  const reps = options.reps;
  // One stream for the three counts, in a fixed order: the same seed gives the same p-values.
  const rng = new Rng(options.seed, RNG_STREAM);
  const mc = reps > 0 ? (chances: number[], seen: number) => simulateCount(chances, seen, reps, rng) : () => null;
  const mcEither = mc(either, observed.either);
  const mcTurnout = mc(chance.turnout, observed.turnout);
  const mcLeader = mc(chance.leader, observed.leader);
  return {
    label: 'signal',
    included: chance.turnout.length,
    excluded,
    halfWidthPp,
    either: countOf(observed.either, either, mcEither?.atLeast, reps),
    turnout: countOf(observed.turnout, chance.turnout, mcTurnout?.atLeast, reps),
    leaderShare: countOf(observed.leader, chance.leader, mcLeader?.atLeast, reps),
    monteCarlo: { reps, seed: options.seed, meanEither: mcEither?.mean ?? null },
  };
}

function countOf(observed: number, chances: number[], atLeast: number | undefined, reps: number): TIntegerCount {
  let expected = 0;
  let variance = 0;
  for (const p of chances) {
    expected += p;
    variance += p * (1 - p);
  }
  const pValue = atLeast === undefined ? null : (1 + atLeast) / (1 + reps);
  return { observed, expected, sd: Math.sqrt(variance), excess: observed - expected, pValue };
}

/** Stations are grouped by their probability rounded to 1/1024 (see simulateCount). */
const GROUPING = 1024;

/**
 * The null distribution of a count of integer stations, sampled: the count is a sum of
 * independent Bernoulli(p_i), one per station. Stations with the same p are exchangeable, so
 * each group's share of the count is one Binomial(group size, p) draw; grouping by p rounded
 * to 1/1024 leaves a few hundred draws per repetition instead of one per station, and moves
 * the expected count of 90,000 stations by about a tenth of a station (the roundings cancel)
 * beside a spread of a hundred. Binomials from the synthetic generator's sampler: exact
 * inversion for small means, a rounded normal for large ones.
 */
function simulateCount(chances: readonly number[], observed: number, reps: number, rng: Rng) {
  const sizes = new Float64Array(GROUPING + 1);
  for (const p of chances) {
    const g = Math.round(p * GROUPING);
    sizes[g] = (sizes[g] as number) + 1;
  }
  const groups: [number, number][] = [];
  sizes.forEach((m, g) => {
    if (m > 0 && g > 0) groups.push([m, g / GROUPING]);
  });
  let atLeast = 0;
  let sum = 0;
  for (let r = 0; r < reps; r++) {
    let count = 0;
    for (const [m, p] of groups) count += binomial(rng, m, p);
    if (count >= observed) atLeast += 1;
    sum += count;
  }
  return { atLeast, mean: sum / reps };
}
