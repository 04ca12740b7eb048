import { percent, type TStationColumns } from './station-columns.js';

/**
 * Plain bin arrays, ready to be drawn (the web page renders them as SVG). Bin i covers
 * [i·w, (i+1)·w) percentage points; the last bin also takes exactly 100 %. A station above
 * 100 % (more ballots issued than voters on the list) is counted apart: it is an arithmetic
 * finding of its own, and folding it into the last bin would hide it.
 */
export type THistogram = {
  measure: 'turnout' | 'leader_share';
  binWidthPp: number;
  stations: number[];
  /** Voters on the list at those stations: the same histogram weighted by the electorate. */
  voters: number[];
  above100: number;
};

/** Turnout (rows) × leader share (columns), station counts: Klimek et al.'s fingerprint. */
export type THistogram2d = { binWidthPp: number; stations: number[][]; above100: number };

export function assertBinWidth(binWidthPp: number): void {
  if (!(binWidthPp > 0 && binWidthPp <= 100)) throw new RangeError(`bin width ${binWidthPp} pp: must be in (0, 100]`);
}

function binCount(binWidthPp: number): number {
  return Math.ceil(100 / binWidthPp - 1e-9);
}

/** The bin of a percentage, or -1 above 100 %. The epsilon keeps 57.0 / 0.1 = 569.999… in bin 570. */
function binOf(pct: number, binWidthPp: number, bins: number): number {
  if (pct > 100) return -1;
  return Math.min(bins - 1, Math.floor(pct / binWidthPp + 1e-9));
}

export function turnoutHistogram(c: TStationColumns, binWidthPp: number): THistogram {
  return histogram('turnout', c, binWidthPp, (i) => percent(c.issued[i] as number, c.registered[i] as number));
}

export function leaderShareHistogram(c: TStationColumns, binWidthPp: number): THistogram {
  return histogram('leader_share', c, binWidthPp, (i) => percent(c.leader[i] as number, c.counted[i] as number));
}

function histogram(
  measure: THistogram['measure'],
  c: TStationColumns,
  binWidthPp: number,
  pctOf: (i: number) => number,
): THistogram {
  assertBinWidth(binWidthPp);
  const bins = binCount(binWidthPp);
  const stations = new Array<number>(bins).fill(0);
  const voters = new Array<number>(bins).fill(0);
  let above100 = 0;
  for (let i = 0; i < c.length; i++) {
    const bin = binOf(pctOf(i), binWidthPp, bins);
    if (bin < 0) {
      above100 += 1;
      continue;
    }
    stations[bin] = (stations[bin] as number) + 1;
    voters[bin] = (voters[bin] as number) + (c.registered[i] as number);
  }
  return { measure, binWidthPp, stations, voters, above100 };
}

export function fingerprintHistogram(c: TStationColumns, binWidthPp: number): THistogram2d {
  assertBinWidth(binWidthPp);
  const bins = binCount(binWidthPp);
  const stations = Array.from({ length: bins }, () => new Array<number>(bins).fill(0));
  let above100 = 0;
  for (let i = 0; i < c.length; i++) {
    const t = binOf(percent(c.issued[i] as number, c.registered[i] as number), binWidthPp, bins);
    const l = binOf(percent(c.leader[i] as number, c.counted[i] as number), binWidthPp, bins);
    const row = stations[t];
    if (t < 0 || l < 0 || row === undefined) {
      above100 += 1;
      continue;
    }
    row[l] = (row[l] as number) + 1;
  }
  return { binWidthPp, stations, above100 };
}
