import { fingerprintHistogram, toStationColumns, turnoutHistogram, type TStationResult } from '@crosstally/shared';

/** 1-percentage-point bins: bin i holds [i %, i+1 %); the last also takes exactly 100 %. */
export const BINS = 100;

/**
 * What the turnout histogram and the turnout × leader-share grid show: the domain's
 * histograms (domain/forensics/histograms.ts) of the stations the forensics reads, so the
 * charts count what the figures beside them count. A station above 100 % (more ballots
 * than voters, or more leader votes than ballots) is counted apart, not folded into the
 * last bin: that is an arithmetic finding of its own, and a chart must not hide it. A
 * station without a denominator (nobody on the list, no ballot counted) is left out.
 */
export type TTurnoutBins = {
  /** Stations drawn in the histogram. */
  stations: number;
  histogram: number[];
  /** Row-major by turnout: cell t·100 + s counts the stations in turnout bin t, share bin s. */
  grid: Uint32Array;
  /** Stations drawn in the grid. */
  gridStations: number;
  turnoutAbove100: number;
  /** Stations in the histogram whose leader share is above 100 %: not in the grid. */
  shareAbove100: number;
  /** Missing from both charts for want of a denominator: nobody on the list, or no ballot counted. */
  leftOut: number;
};

/** The charts' numbers of some stations, `leader` the candidate whose share the grid measures. */
export function binStations(stations: readonly TStationResult[], leader: string): TTurnoutBins {
  const columns = toStationColumns(stations, leader);
  const turnout = turnoutHistogram(columns, 100 / BINS);
  const fingerprint = fingerprintHistogram(columns, 100 / BINS);
  // The fingerprint counts apart the stations above 100 % in either measure.
  return {
    stations: columns.length - turnout.above100,
    histogram: turnout.stations,
    grid: Uint32Array.from(fingerprint.stations.flat()),
    gridStations: columns.length - fingerprint.above100,
    turnoutAbove100: turnout.above100,
    shareAbove100: fingerprint.above100 - turnout.above100,
    leftOut: columns.leftOut.noRegistered + columns.leftOut.noBallotsCounted,
  };
}

/** The bins of several groups of stations added up: the same as binning them together. */
function addBins(parts: readonly TTurnoutBins[]): TTurnoutBins {
  const sum = (of: (b: TTurnoutBins) => number) => parts.reduce((n, b) => n + of(b), 0);
  const histogram = new Array<number>(BINS).fill(0);
  const grid = new Uint32Array(BINS * BINS);
  for (const b of parts) {
    b.histogram.forEach((n, i) => (histogram[i] = (histogram[i] as number) + n));
    b.grid.forEach((n, i) => (grid[i] = (grid[i] as number) + n));
  }
  return {
    stations: sum((b) => b.stations),
    histogram,
    grid,
    gridStations: sum((b) => b.gridStations),
    turnoutAbove100: sum((b) => b.turnoutAbove100),
    shareAbove100: sum((b) => b.shareAbove100),
    leftOut: sum((b) => b.leftOut),
  };
}

/**
 * The whole selection and each of its children: the child of a station is the region one
 * level below `parent` on its path ("Minsk/Frunzensky" under "Minsk" is "Minsk/Frunzensky";
 * under the whole election, "Minsk"). A station right in `parent` belongs to no child. Each
 * station is binned once, in its group; the selection is the sum of the groups.
 */
export function binByChildRegion(stations: readonly TStationResult[], leader: string, parent: string | null) {
  const groups = new Map<string | null, TStationResult[]>();
  // Stations share a few hundred region paths: each path is split once.
  const childOfPath = new Map<string, string | null>();
  const depth = parent === null ? 0 : parent.split('/').length;
  for (const s of stations) {
    let child = childOfPath.get(s.region);
    if (child === undefined) {
      const parts = s.region.split('/');
      child = parts.length > depth ? parts.slice(0, depth + 1).join('/') : null;
      childOfPath.set(s.region, child);
    }
    const group = groups.get(child);
    if (group) group.push(s);
    else groups.set(child, [s]);
  }
  const binned = new Map([...groups].map(([child, group]) => [child, binStations(group, leader)]));
  const children = [...binned].flatMap(([child, bins]) => (child === null ? [] : [[child, bins] as const]));
  return {
    all: addBins([...binned.values()]),
    children: new Map(children.sort(([a], [b]) => a.localeCompare(b))),
  };
}
