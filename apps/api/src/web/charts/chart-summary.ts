import { BINS } from './turnout-bins.js';

/**
 * The few numbers that say in words what a chart shows, for its description (a screen
 * reader's view of it) and for readers who do not read charts.
 */
export type THistogramSummary = {
  stations: number;
  /** The fullest bin (the lowest on a tie) and its count. */
  modeBin: number;
  modeStations: number;
  /** The bin holding the middle station. */
  medianBin: number;
};

export function summarizeHistogram(histogram: readonly number[]): THistogramSummary {
  const stations = histogram.reduce((a, b) => a + b, 0);
  let modeBin = 0;
  histogram.forEach((n, bin) => {
    if (n > histogram[modeBin]!) modeBin = bin;
  });
  let seen = 0;
  let medianBin = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin]!;
    if (seen * 2 >= stations) {
      medianBin = bin;
      break;
    }
  }
  return { stations, modeBin, modeStations: histogram[modeBin] ?? 0, medianBin };
}

/** Klimek et al.'s corner: turnout and leader share both from this many percent up. */
export const CORNER_PCT = 80;

export type TGridSummary = {
  stations: number;
  densest: { turnoutBin: number; shareBin: number; stations: number };
  /** Stations with turnout and leader share both at CORNER_PCT or more. */
  corner: number;
};

export function summarizeGrid(grid: Uint32Array): TGridSummary {
  let stations = 0;
  let corner = 0;
  let densest = { turnoutBin: 0, shareBin: 0, stations: 0 };
  for (let t = 0; t < BINS; t++) {
    for (let s = 0; s < BINS; s++) {
      const n = grid[t * BINS + s]!;
      stations += n;
      if (t >= CORNER_PCT && s >= CORNER_PCT) corner += n;
      if (n > densest.stations) densest = { turnoutBin: t, shareBin: s, stations: n };
    }
  }
  return { stations, densest, corner };
}
