import { densityMode } from './robust.js';
import type { TStationColumns } from './station-columns.js';

/**
 * The low-turnout core: the stations at or below the mode of the turnout distribution.
 * Shpilkin's premise (and the shape Klimek et al. fit) is that honest turnout spreads
 * roughly symmetrically around its mode, while stuffing and rewriting only push stations
 * upwards; so the stations below the mode are the least touched, and their leader share is
 * the best guess of the honest one. Stations above 95 % are left out when finding the mode,
 * so that a heap of rigged stations at 100 % can never be mistaken for it.
 */
export type TTurnoutCore = {
  /** Turnout at the mode, as a fraction. */
  mode: number;
  /** Indexes (into the columns) of the stations at or below the mode. */
  core: number[];
};

const MODE_SEARCH_CEILING = 0.95;

export function turnoutCore(c: TStationColumns, indexes: readonly number[]): TTurnoutCore {
  const turnout = (i: number) => (c.issued[i] as number) / (c.registered[i] as number);
  const candidates = indexes.map(turnout).filter((t) => t <= MODE_SEARCH_CEILING);
  const mode = densityMode(candidates.length > 0 ? candidates : indexes.map(turnout));
  return { mode, core: indexes.filter((i) => turnout(i) <= mode) };
}
