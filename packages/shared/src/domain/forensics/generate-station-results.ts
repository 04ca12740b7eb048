import { apportion, beta, binomial, dirichletAround } from '../synthetic/distributions.js';
import { Rng } from '../synthetic/prng.js';
import type { TStationResult } from './station-result.js';

/**
 * Station-level results with a known truth, for the forensic and PVT tests and the bench: a
 * lighter cousin of synthetic/generateElection, which builds whole protocols, photos and a
 * crowd, where these tests need only the official numbers of many stations, quickly.
 *
 * Honest model: each region has a turnout level ~ Beta around 55 % and candidate shares
 * ~ Dirichlet around the national ones; each station draws its own turnout ~ Beta around the
 * region's and shares ~ Dirichlet around the region's, then binomial counts (1.5 % of the
 * ballots invalid). `cand_a` leads. Two ways to rig, each from its own random stream, so
 * that the honest numbers of a seed are the same whether or not stations are rigged:
 * - stuffing: 30–90 % of the station's non-voters "vote" for cand_a;
 * - rewriting to whole percentages: turnout 70–95 % and cand_a 60–95 % of the ballots, the
 *   others scaled to fit.
 */
export type TGenerateResultsOptions = {
  seed: number;
  stations: number;
  regions: number;
  /** 2 to 26: cand_a, cand_b, … */
  candidates: number;
  stuffedShare?: number;
  roundedShare?: number;
};

export type TGeneratedResults = {
  stations: TStationResult[];
  /** Codes of rigged stations, and the ballots stuffed in all. */
  truth: { stuffed: string[]; stuffedBallots: number; rounded: string[] };
};

const STREAM = { regions: 1, stations: 2, rigging: 3 } as const;
const INVALID_RATE = 0.015;

export function generateStationResults(options: TGenerateResultsOptions): TGeneratedResults {
  const { seed, candidates: k } = options;
  if (!(k >= 2 && k <= 26)) throw new RangeError(`candidates ${k}: must be 2 to 26`);
  const keys = Array.from({ length: k }, (_, j) => `cand_${String.fromCharCode(97 + j)}`);
  const weights = keys.map((_, j) => 1 / (j + 1) ** 1.3);
  const total = weights.reduce((s, w) => s + w, 0);
  const national = weights.map((w) => w / total);

  const regionRng = new Rng(seed, STREAM.regions);
  const regions = Array.from({ length: options.regions }, (_, r) => ({
    name: `region-${String(r + 1).padStart(2, '0')}`,
    turnout: beta(regionRng, 0.55 * 40, 0.45 * 40),
    shares: dirichletAround(regionRng, national, 80),
  }));

  const rng = new Rng(seed, STREAM.stations);
  const rigRng = new Rng(seed, STREAM.rigging);
  const truth: TGeneratedResults['truth'] = { stuffed: [], stuffedBallots: 0, rounded: [] };
  const stations = Array.from({ length: options.stations }, (_, i): TStationResult => {
    const region = regions[i % regions.length] as (typeof regions)[number];
    const registered = rng.int(400, 2600);
    const turnout = beta(rng, region.turnout * 50, (1 - region.turnout) * 50);
    const shares = dirichletAround(rng, region.shares, 300);
    const station = `${region.name}/${String(i + 1).padStart(6, '0')}`;
    const honest = countVotes(rng, station, region.name, registered, binomial(rng, registered, turnout), shares, keys);
    if (rigRng.chance(options.stuffedShare ?? 0)) {
      const extra = Math.round(rigRng.between(0.3, 0.9) * (registered - honest.ballotsIssued));
      truth.stuffed.push(station);
      truth.stuffedBallots += extra;
      return stuff(honest, extra, keys[0] as string);
    }
    if (rigRng.chance(options.roundedShare ?? 0)) {
      truth.rounded.push(station);
      return rewrite(honest, rigRng.int(70, 95), rigRng.int(60, 95), keys);
    }
    return honest;
  });
  return { stations, truth };
}

function countVotes(
  rng: Rng,
  station: string,
  region: string,
  registered: number,
  issued: number,
  shares: number[],
  keys: string[],
): TStationResult {
  const invalid = binomial(rng, issued, INVALID_RATE);
  const votes: Record<string, number> = {};
  let left = issued - invalid;
  let shareLeft = 1;
  keys.forEach((key, j) => {
    const s = shares[j] ?? 0;
    const v = j === keys.length - 1 ? left : binomial(rng, left, shareLeft > 0 ? s / shareLeft : 0);
    votes[key] = v;
    left -= v;
    shareLeft -= s;
  });
  return { region, station, registered, ballotsIssued: issued, valid: issued - invalid, invalid, votes };
}

function stuff(s: TStationResult, extra: number, leader: string): TStationResult {
  const votes = { ...s.votes, [leader]: (s.votes[leader] ?? 0) + extra };
  return { ...s, ballotsIssued: s.ballotsIssued + extra, valid: (s.valid ?? 0) + extra, votes };
}

/** The protocol written to targets: turnout T % and the leader L % of the ballots counted. */
function rewrite(s: TStationResult, turnoutPct: number, leaderPct: number, keys: string[]): TStationResult {
  const issued = Math.round((turnoutPct / 100) * s.registered);
  const invalid = Math.round(INVALID_RATE * issued);
  const leader = Math.round((leaderPct / 100) * issued);
  const others = apportion(
    issued - invalid - leader,
    keys.slice(1).map((key) => s.votes[key] ?? 0),
  );
  const votes: Record<string, number> = { [keys[0] as string]: leader };
  keys.slice(1).forEach((key, j) => (votes[key] = others[j] ?? 0));
  return { ...s, ballotsIssued: issued, valid: issued - invalid, invalid, votes };
}
