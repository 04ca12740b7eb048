import { fingerprintHistogram, type THistogram2d } from './histograms.js';
import { medianAndMad } from './robust.js';
import { normalUpperTail } from './special-functions.js';
import type { TStationColumns } from './station-columns.js';
import { turnoutCore } from './turnout-core.js';

/**
 * The turnout × leader-share fingerprint (Klimek, Yegorov, Hanel & Thurner, PNAS 109, 2012):
 * honest elections make one compact cloud; ballot stuffing drags a tail towards 100 % / 100 %.
 * Beside the 2-D histogram, one number says how heavy that corner is: the share of stations
 * with turnout and leader share both above 80 %, against what the low-turnout core predicts
 * if turnout were normal around its mode (spread measured below the mode only, where stuffing
 * does not reach) and the leader share normal around the core's median, independently.
 */
export type TFingerprint = {
  label: 'signal';
  histogram: THistogram2d;
  core: {
    stations: number;
    turnoutModePp: number;
    turnoutSdPp: number;
    leaderSharePp: number;
    leaderShareSdPp: number;
  };
  corner: {
    abovePp: number;
    stations: number;
    stationShare: number;
    /** Share of all the leader's votes that come from the corner. */
    leaderVoteShare: number;
    expectedStationShare: number;
    /** Observed / expected station share; null when the core predicts none at all. */
    ratio: number | null;
  };
};

const CORNER = 0.8;

export function fingerprint(c: TStationColumns, binWidthPp: number): TFingerprint {
  const all = Array.from({ length: c.length }, (_, i) => i);
  const { mode, core } = turnoutCore(c, all);
  const turnout = (i: number) => (c.issued[i] as number) / (c.registered[i] as number);
  const share = (i: number) => (c.leader[i] as number) / (c.counted[i] as number);
  const turnoutSd = Math.sqrt(core.reduce((s, i) => s + (turnout(i) - mode) ** 2, 0) / Math.max(1, core.length));
  const leader = medianAndMad(core.map(share));

  let stations = 0;
  let cornerVotes = 0;
  let leaderVotes = 0;
  for (const i of all) {
    leaderVotes += c.leader[i] as number;
    if (turnout(i) > CORNER && share(i) > CORNER) {
      stations += 1;
      cornerVotes += c.leader[i] as number;
    }
  }
  const expected = tail(CORNER, mode, turnoutSd) * tail(CORNER, leader.median, leader.mad);
  const stationShare = c.length > 0 ? stations / c.length : 0;
  return {
    label: 'signal',
    histogram: fingerprintHistogram(c, binWidthPp),
    core: {
      stations: core.length,
      turnoutModePp: 100 * mode,
      turnoutSdPp: 100 * turnoutSd,
      leaderSharePp: 100 * leader.median,
      leaderShareSdPp: 100 * leader.mad,
    },
    corner: {
      abovePp: 100 * CORNER,
      stations,
      stationShare,
      leaderVoteShare: leaderVotes > 0 ? cornerVotes / leaderVotes : 0,
      expectedStationShare: expected,
      ratio: expected > 0 ? stationShare / expected : null,
    },
  };
}

/** P(X > x) for X normal (centre, sd); a spread of 0 puts all of X at the centre. */
function tail(x: number, centre: number, sd: number): number {
  if (!(sd > 0)) return centre > x ? 1 : 0;
  return normalUpperTail((x - centre) / sd);
}
