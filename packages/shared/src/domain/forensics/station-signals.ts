import { medianAndMad } from './robust.js';
import { normalUpperTail } from './special-functions.js';
import { indexesByRegion, isWholePercent, type TStationColumns } from './station-columns.js';
import { wholePercentChance } from './whole-percent-chance.js';

/**
 * Stations that stand out in their own region, to become flags of strength "signal" for an
 * analyst to look at, never an accusation. Two kinds of signs:
 *
 * - turnout or leader share far above the region's median, in robust standard deviations
 *   (median and MAD, the modified z-score of Iglewicz & Hoaglin 1993), from 2 on. Above
 *   only: stuffing and rewriting for the leader push both up, and a station below a
 *   region's figures is no sign against that station (in a region where the median is
 *   99 %, it may be the one honest count);
 * - turnout or leader share within ±0.05 pp of a whole percentage (Kobak et al.'s integer
 *   sign, at one station), when that is unlikely for the station's size.
 *
 * Each sign carries the chance that an honest station shows it (the normal tail; the
 * exact binomial chance of landing on a whole percentage), and the score is −log₁₀ of their
 * product, treating signs as independent: 3 means "one honest station in a thousand looks
 * like this". Only stations from `minScore` up are listed, highest first.
 */
/** One sign, as data (flags store these; pages word them in the reader's language). */
export type TStationSign =
  | {
      sign: 'high';
      measure: 'turnout' | 'leaderShare';
      valuePct: number;
      medianPct: number;
      robustZ: number;
      /** Against the station's own region, or the nation's when the region is too small. */
      against: 'region' | 'nation';
    }
  | { sign: 'wholePercent'; measure: 'turnout' | 'leaderShare'; valuePct: number; chancePct: number };

export type TStationSignal = {
  station: string;
  region: string;
  /** The signs in English, for the command line. */
  reasons: string[];
  signs: TStationSign[];
  score: number;
};

export type TStationSignals = { label: 'signal'; minScore: number; stations: TStationSignal[] };

export type TStationSignalOptions = { minScore: number; minRegionStations: number };

const Z_REASON = 2;
const INTEGER_HALF_WIDTH_PP = 0.05;
/** A whole percentage this likely (a station of 100 voters always has one) is no sign. */
const INTEGER_CHANCE_CEILING = 0.5;

type TMeasure = { name: string; key: 'turnout' | 'leaderShare'; count: Float64Array; total: Float64Array };

export function stationSignals(c: TStationColumns, options: TStationSignalOptions): TStationSignals {
  const measures: TMeasure[] = [
    { name: 'turnout', key: 'turnout', count: c.issued, total: c.registered },
    { name: 'leader share', key: 'leaderShare', count: c.leader, total: c.counted },
  ];
  const value = (m: TMeasure, i: number) => (m.count[i] as number) / (m.total[i] as number);
  const centresOf = (indexes: readonly number[]) => measures.map((m) => medianAndMad(indexes.map((i) => value(m, i))));
  let national: ReturnType<typeof centresOf> | undefined; // only a small region needs it
  const stations: TStationSignal[] = [];
  for (const [region, indexes] of indexesByRegion(c)) {
    const own = indexes.length >= options.minRegionStations;
    const centres = own ? centresOf(indexes) : (national ??= centresOf(Array.from({ length: c.length }, (_, i) => i)));
    const where = own ? `the median of ${region}` : 'the national median (too few stations in the region)';
    for (const i of indexes) {
      const reasons: string[] = [];
      const signs: TStationSign[] = [];
      let score = 0;
      measures.forEach((m, j) => {
        const { median, mad } = centres[j] as { median: number; mad: number };
        const x = value(m, i);
        const z = mad > 0 ? (x - median) / mad : 0;
        if (z >= Z_REASON) {
          score -= Math.log10(Math.max(1e-300, normalUpperTail(z)));
          reasons.push(`${m.name} ${pp(x)} is ${z.toFixed(1)} robust SD above ${where} (${pp(median)})`);
          signs.push({
            sign: 'high',
            measure: m.key,
            valuePct: round2(100 * x),
            medianPct: round2(100 * median),
            robustZ: Math.round(z * 10) / 10,
            against: own ? 'region' : 'nation',
          });
        }
        const chance = integerChance(m.count[i] as number, m.total[i] as number);
        if (chance !== null && chance < INTEGER_CHANCE_CEILING) {
          score -= Math.log10(chance);
          reasons.push(
            `${m.name} ${pp(x, 2)} is a whole percentage (chance ${(100 * chance).toFixed(1)} % at this size)`,
          );
          signs.push({
            sign: 'wholePercent',
            measure: m.key,
            valuePct: round2(100 * x),
            chancePct: round2(100 * chance),
          });
        }
      });
      if (score >= options.minScore) {
        stations.push({ station: c.station[i] as string, region, reasons, signs, score: round2(score) });
      }
    }
  }
  stations.sort((a, b) => b.score - a.score || (a.station < b.station ? -1 : a.station > b.station ? 1 : 0));
  return { label: 'signal', minScore: options.minScore, stations };
}

/** null when the value is not a whole percentage; else the chance an honest count lands on one. */
function integerChance(count: number, total: number): number | null {
  if (!isWholePercent(count, total, INTEGER_HALF_WIDTH_PP)) return null;
  return wholePercentChance(total, count / total, INTEGER_HALF_WIDTH_PP);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function pp(fraction: number, digits = 1): string {
  return `${(100 * fraction).toFixed(digits)} %`;
}
