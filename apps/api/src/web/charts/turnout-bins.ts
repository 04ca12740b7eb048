/** One station's official numbers, reduced to what the two charts draw. */
export type TTurnoutPoint = {
  region: string;
  registered: number;
  issued: number;
  /** The leader share's denominator (see resultLinesOf in packages/shared). */
  counted: number;
  leader: number;
};

/** 1-percentage-point bins: bin i holds [i %, i+1 %); the last also takes exactly 100 %. */
export const BINS = 100;

/**
 * What the turnout histogram and the turnout × leader-share grid show. A station above
 * 100 % (more ballots than voters, or more leader votes than ballots) is counted apart, not
 * folded into the last bin: that is an arithmetic finding of its own, and a chart must not
 * hide it. A station without a denominator (nobody on the list, no ballot) is left out.
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
  shareAbove100: number;
  /** Missing from a chart for want of a denominator: nobody on the list; for the grid, no ballot. */
  leftOut: number;
};

export function emptyBins(): TTurnoutBins {
  return {
    stations: 0,
    histogram: new Array<number>(BINS).fill(0),
    grid: new Uint32Array(BINS * BINS),
    gridStations: 0,
    turnoutAbove100: 0,
    shareAbove100: 0,
    leftOut: 0,
  };
}

/** The bin of count / total in percent, or -1 above 100 %. The integer numerator first, so
 *  57 of 100 is bin 57, and a small epsilon for the float division's 56.99999… */
export function binOf(count: number, total: number): number {
  const pct = (100 * count) / total;
  if (pct > 100) return -1;
  return Math.min(BINS - 1, Math.floor(pct + 1e-9));
}

export function addPoint(bins: TTurnoutBins, p: TTurnoutPoint): void {
  if (!(p.registered > 0)) {
    bins.leftOut += 1;
    return;
  }
  const t = binOf(p.issued, p.registered);
  if (t < 0) {
    bins.turnoutAbove100 += 1;
    return;
  }
  bins.stations += 1;
  bins.histogram[t] = bins.histogram[t]! + 1;
  if (!(p.counted > 0)) {
    bins.leftOut += 1;
    return;
  }
  const s = binOf(p.leader, p.counted);
  if (s < 0) {
    bins.shareAbove100 += 1;
    return;
  }
  bins.gridStations += 1;
  bins.grid[t * BINS + s] = bins.grid[t * BINS + s]! + 1;
}

export function binPoints(points: Iterable<TTurnoutPoint>): TTurnoutBins {
  const bins = emptyBins();
  for (const p of points) addPoint(bins, p);
  return bins;
}

/**
 * The whole selection and each of its children in one pass: the child of a station is the
 * region one level below `parent` on its path ("Minsk/Frunzensky" under "Minsk" is
 * "Minsk/Frunzensky"; under the whole election, "Minsk"). A station right in `parent`
 * belongs to no child.
 */
export function binByChildRegion(points: Iterable<TTurnoutPoint>, parent: string | null) {
  const all = emptyBins();
  const children = new Map<string, TTurnoutBins>();
  // Stations share a few hundred region paths: each path is split once.
  const childOfPath = new Map<string, TTurnoutBins | null>();
  const depth = parent === null ? 0 : parent.split('/').length;
  for (const p of points) {
    addPoint(all, p);
    let bins = childOfPath.get(p.region);
    if (bins === undefined) {
      const parts = p.region.split('/');
      const child = parts.length > depth ? parts.slice(0, depth + 1).join('/') : null;
      if (child !== null && !children.has(child)) children.set(child, emptyBins());
      bins = child === null ? null : children.get(child)!;
      childOfPath.set(p.region, bins);
    }
    if (bins) addPoint(bins, p);
  }
  return { all, children: new Map([...children].sort(([a], [b]) => a.localeCompare(b))) };
}
