import { ballotsCounted, type TStationResult } from './station-result.js';

/**
 * The per-station numbers every forensic test reads, laid out once in typed arrays: the
 * tests walk 100,000 stations many times, and an array of numbers is what makes that cheap.
 * Only stations with a turnout and a leader share take part (voters on the list and ballots
 * counted both above zero); the others are counted, not guessed.
 */
export type TStationColumns = {
  length: number;
  region: string[];
  station: string[];
  registered: Float64Array;
  issued: Float64Array;
  counted: Float64Array;
  leader: Float64Array;
  /** Stations left out: nobody on the list, or no ballot counted (a share has no denominator). */
  leftOut: { noRegistered: number; noBallotsCounted: number };
};

export function toStationColumns(stations: readonly TStationResult[], leader: string): TStationColumns {
  // Plain loops over typed arrays: flatMap and Float64Array.from with a mapping function
  // cost several times more in V8, and the charts lay out 100,000 stations per page.
  const counted = new Float64Array(stations.length);
  const keep = new Int32Array(stations.length);
  let length = 0;
  let noRegistered = 0;
  for (let i = 0; i < stations.length; i++) {
    const s = stations[i] as TStationResult;
    counted[i] = ballotsCounted(s);
    if (!(s.registered > 0)) noRegistered++;
    else if ((counted[i] as number) > 0) keep[length++] = i;
  }
  const columns: TStationColumns = {
    length,
    region: new Array<string>(length),
    station: new Array<string>(length),
    registered: new Float64Array(length),
    issued: new Float64Array(length),
    counted: new Float64Array(length),
    leader: new Float64Array(length),
    leftOut: { noRegistered, noBallotsCounted: stations.length - length - noRegistered },
  };
  for (let to = 0; to < length; to++) {
    const from = keep[to] as number;
    const s = stations[from] as TStationResult;
    columns.region[to] = s.region;
    columns.station[to] = s.station;
    columns.registered[to] = s.registered;
    columns.issued[to] = s.ballotsIssued;
    columns.counted[to] = counted[from] as number;
    columns.leader[to] = s.votes[leader] ?? 0;
  }
  return columns;
}

/** A count as a percentage of a total, computed as the integer 100·count first, then divided:
 *  57 of 100 is then exactly 57, which an integer-percentage test must not miss. */
export function percent(count: number, total: number): number {
  return (100 * count) / total;
}

/** Whether a count is a whole percentage of a total, give or take `halfWidthPp` (Kobak et al.: 0.05). */
export function isWholePercent(count: number, total: number, halfWidthPp: number): boolean {
  const pct = percent(count, total);
  return Math.abs(pct - Math.round(pct)) <= halfWidthPp;
}

/** Station indexes grouped by region, regions in order of first appearance. */
export function indexesByRegion(columns: TStationColumns): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < columns.length; i++) {
    const region = columns.region[i] as string;
    const group = groups.get(region);
    if (group) group.push(i);
    else groups.set(region, [i]);
  }
  return groups;
}
