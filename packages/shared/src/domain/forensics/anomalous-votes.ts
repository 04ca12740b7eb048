import { indexesByRegion, type TStationColumns } from './station-columns.js';
import { turnoutCore, type TTurnoutCore } from './turnout-core.js';

/**
 * An estimate of anomalous votes in the spirit of Sergey Shpilkin's method: take the
 * low-turnout core (stations at or below the turnout mode) as the honest shape, and assume
 * that whatever turnout a station has above it was added as votes for the leader only. Then
 * the other candidates' votes (and the invalid ballots) at a station are honest, the honest
 * leader vote is the core's ratio leader : others times them, and the rest is anomalous:
 *
 *     anomalous = Σ over stations above the mode of (leader − r₀ · others),  r₀ = Σ_core leader / Σ_core others
 *
 * Done per region, because honest support differs between regions far more than within one;
 * a region with too few stations for a mode of its own uses the national core. A region's
 * figure can come out negative (noise, or a leader who is genuinely weaker where turnout is
 * high); the national figure adds the positive ones only. Where turnout and support rise
 * together for honest reasons (a rural region, say), this counts them as anomalous: it is a
 * signal of the size of a problem, never a count of stolen votes.
 */
export type TAnomalousRegion = {
  region: string;
  stations: number;
  /** "own" core, or the national one for a region with fewer stations than the minimum. */
  core: 'own' | 'national';
  turnoutModePp: number;
  coreLeaderSharePp: number;
  leaderVotes: number;
  anomalousVotes: number;
};

export type TAnomalousVotes = {
  label: 'signal';
  /** Sum over regions of their positive estimates. */
  anomalousVotes: number;
  leaderVotes: number;
  national: { turnoutModePp: number; coreLeaderSharePp: number; anomalousVotes: number };
  regions: TAnomalousRegion[];
  minRegionStations: number;
};

export function anomalousVotes(c: TStationColumns, minRegionStations: number): TAnomalousVotes {
  const all = Array.from({ length: c.length }, (_, i) => i);
  const nationalCore = turnoutCore(c, all);
  const national = estimate(c, all, nationalCore);
  const regions: TAnomalousRegion[] = [];
  for (const [region, indexes] of indexesByRegion(c)) {
    const own = indexes.length >= minRegionStations;
    const core = own ? turnoutCore(c, indexes) : nationalCore;
    regions.push({ region, stations: indexes.length, core: own ? 'own' : 'national', ...estimate(c, indexes, core) });
  }
  return {
    label: 'signal',
    anomalousVotes: regions.reduce((s, r) => s + Math.max(0, r.anomalousVotes), 0),
    leaderVotes: national.leaderVotes,
    national: {
      turnoutModePp: national.turnoutModePp,
      coreLeaderSharePp: national.coreLeaderSharePp,
      anomalousVotes: national.anomalousVotes,
    },
    regions,
    minRegionStations,
  };
}

type TEstimate = Omit<TAnomalousRegion, 'region' | 'stations' | 'core'>;

function estimate(c: TStationColumns, indexes: readonly number[], core: TTurnoutCore): TEstimate {
  // The national core's stations may lie outside `indexes`: the ratio is the core's, wherever it lies.
  let coreLeader = 0;
  let coreCounted = 0;
  for (const i of core.core) {
    coreLeader += c.leader[i] as number;
    coreCounted += c.counted[i] as number;
  }
  const coreOthers = coreCounted - coreLeader;
  let leaderVotes = 0;
  let anomalous = 0;
  for (const i of indexes) {
    const leader = c.leader[i] as number;
    leaderVotes += leader;
    if ((c.issued[i] as number) / (c.registered[i] as number) <= core.mode || !(coreOthers > 0)) continue;
    anomalous += leader - (coreLeader / coreOthers) * ((c.counted[i] as number) - leader);
  }
  return {
    turnoutModePp: 100 * core.mode,
    coreLeaderSharePp: coreCounted > 0 ? (100 * coreLeader) / coreCounted : 0,
    leaderVotes,
    anomalousVotes: Math.round(anomalous),
  };
}
