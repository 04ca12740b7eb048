import { ballotsCounted, candidatesOf, type TStationResult } from '../forensics/station-result.js';
import { Z_95, Z_99 } from '../forensics/special-functions.js';
import { err, ok, type Result } from '../result.js';
import { combinedRatio } from './ratio-estimator.js';
import { planStrata, type TStrataPlan } from './strata.js';

/**
 * The parallel vote tabulation estimate: from the stations whose protocol the crowd read
 * (agreed readings), each candidate's share and the turnout, nationally and per region, with
 * 95 % and 99 % intervals, beside the official figures. An official figure outside the
 * interval is an election-level finding, with its level: an honest count still leaves about
 * one comparison in twenty outside its 95 % interval, and there are many (candidates ×
 * regions), so a lone regional 95 % finding weighs little, a 99 % one or many more.
 *
 * The crowd's sample is self-selected, not random, so the output always says what it rests
 * on, and checks itself: the same estimator on the sampled stations' own official numbers
 * should contain the official figures of all stations; when it does not, the sample is
 * unlike the country and every comparison with it is suspect (see biasCheck).
 */
export type TPvtInput = {
  /** One result per sampled station: its agreed protocol reading. */
  sample: readonly TStationResult[];
  /** Every station's official result: the official figures, and the frame by default. */
  official: readonly TStationResult[];
  candidates?: readonly string[] | undefined;
  /** Stations per region, when the registry knows more stations than have official rows. */
  frame?: Readonly<Record<string, number>> | undefined;
};

export type TPvtRow = {
  /** A candidate key, or "turnout". */
  measure: string;
  estimatePct: number;
  sePct: number;
  ci95: [number, number];
  ci99: [number, number];
  officialPct: number | null;
  /** The widest interval that leaves the official figure out (99 implies 95). */
  officialOutside: 95 | 99 | null;
};

export type TPvtScope = { scope: string; sampledStations: number; populationStations: number; rows: TPvtRow[] };

export type TPvtFinding = { scope: string } & Omit<TPvtRow, 'officialOutside' | 'sePct' | 'officialPct'> & {
    officialPct: number;
    level: 95 | 99;
  };

export type TBiasCheck = {
  /** Sampled stations that have an official row (the others cannot take part). */
  stations: number;
  withoutOfficial: number;
  rows: {
    measure: string;
    sampledOfficialPct: number;
    ci95: [number, number];
    allOfficialPct: number;
    differencePp: number;
    inside95: boolean;
  }[];
  representative: boolean;
};

export type TPvtEstimate = {
  label: 'estimate';
  basis: { stations: number; registered: number; ballotsCounted: number; regions: number; chosen: string };
  strata: { name: string; regions: string[]; population: number; sampled: number }[];
  notes: string[];
  national: TPvtScope;
  regions: TPvtScope[];
  findings: TPvtFinding[];
  biasCheck: TBiasCheck;
  warnings: string[];
};

export const TURNOUT = 'turnout';
const SELF_SELECTED =
  'self-selected sample: stations where people chose to photograph the protocol and two readings agree, not a ' +
  'random draw; the intervals measure sampling error only, not the bias of who took part';

type TMeasure = { name: string; y: (s: TStationResult) => number; x: (s: TStationResult) => number };

export function estimatePvt(input: TPvtInput): Result<TPvtEstimate, string> {
  const { official } = input;
  const frame = new Map<string, number>(Object.entries(input.frame ?? {}));
  if (input.frame === undefined) for (const s of official) frame.set(s.region, (frame.get(s.region) ?? 0) + 1);
  // A station of a region the frame does not know (a misspelt name, a stale registry) has
  // no weight: left out and said so, rather than taken for a region read in full.
  const sample = input.sample.filter((s) => frame.has(s.region));
  const unknown = [...new Set(input.sample.filter((s) => !frame.has(s.region)).map((s) => s.region))];
  if (sample.length < 2) return err(`a PVT estimate needs 2 or more sampled stations, got ${sample.length}`);
  if (!countsSomething(sample)) return err('the sampled stations counted no ballots, or have nobody on their lists');
  const candidates = input.candidates ?? candidatesOf([...official, ...sample]);
  const measures: TMeasure[] = [
    ...candidates.map((c) => ({ name: c, y: (s: TStationResult) => s.votes[c] ?? 0, x: ballotsCounted })),
    { name: TURNOUT, y: (s: TStationResult) => s.ballotsIssued, x: (s: TStationResult) => s.registered },
  ];

  const plan = planStrata(
    sample.map((s) => s.region),
    frame,
  );
  const uncovered = new Set(plan.uncovered);
  const covered = official.filter((s) => !uncovered.has(s.region));
  const national = scope('national', sample, plan, measures, covered);
  const officialByRegion = groupByRegion(official);
  const regions = [...groupByRegion(sample)].flatMap(([region, inRegion]) => {
    if (inRegion.length < 2 || !countsSomething(inRegion)) return [];
    const population = Math.max(frame.get(region) ?? 0, inRegion.length);
    const single: TStrataPlan = {
      strata: [{ name: region, regions: [region], population, sampled: inRegion.map((_, i) => i) }],
      uncovered: [],
      notes: [],
    };
    return [scope(region, inRegion, single, measures, officialByRegion.get(region) ?? [])];
  });
  const biasCheck = checkBias(sample, official, frame, measures, covered);
  const warnings = [SELF_SELECTED];
  if (!biasCheck.representative) {
    warnings.push(
      'bias check failed: the sampled stations\u2019 own official figures differ from all stations\u2019 beyond sampling ' +
        'error, so the sample is unlike the country; read every comparison with the official result with that in mind',
    );
  }
  return ok({
    label: 'estimate',
    basis: {
      stations: sample.length,
      registered: sample.reduce((s, r) => s + r.registered, 0),
      ballotsCounted: sample.reduce((s, r) => s + ballotsCounted(r), 0),
      regions: new Set(sample.map((s) => s.region)).size,
      chosen: SELF_SELECTED,
    },
    strata: plan.strata.map((s) => ({
      name: s.name,
      regions: s.regions,
      population: s.population,
      sampled: s.sampled.length,
    })),
    notes: [
      ...(unknown.length > 0
        ? [
            `${input.sample.length - sample.length} sampled station(s) left out: their region is not in the frame: ${unknown.join(', ')}`,
          ]
        : []),
      ...plan.notes,
    ],
    national,
    regions,
    findings: [national, ...regions].flatMap(findingsOf),
    biasCheck,
    warnings,
  });
}

function scope(
  name: string,
  stations: readonly TStationResult[],
  plan: TStrataPlan,
  measures: readonly TMeasure[],
  officialRows: readonly TStationResult[],
): TPvtScope {
  const rows = measures.map((m): TPvtRow => {
    const { ratio, se } = combinedRatio(
      plan.strata.map((s) => ({
        population: s.population,
        y: s.sampled.map((i) => m.y(stations[i] as TStationResult)),
        x: s.sampled.map((i) => m.x(stations[i] as TStationResult)),
      })),
    );
    const officialPct = officialRows.length > 0 ? percentOf(officialRows, m) : null;
    const ci95 = interval(ratio, se, Z_95);
    const ci99 = interval(ratio, se, Z_99);
    const outside = (ci: [number, number]) => officialPct !== null && (officialPct < ci[0] || officialPct > ci[1]);
    return {
      measure: m.name,
      estimatePct: 100 * ratio,
      sePct: 100 * se,
      ci95,
      ci99,
      officialPct,
      officialOutside: outside(ci99) ? 99 : outside(ci95) ? 95 : null,
    };
  });
  const populationStations = plan.strata.reduce((s, st) => s + st.population, 0);
  return { scope: name, sampledStations: stations.length, populationStations, rows };
}

function checkBias(
  sample: readonly TStationResult[],
  official: readonly TStationResult[],
  frame: ReadonlyMap<string, number>,
  measures: readonly TMeasure[],
  covered: readonly TStationResult[],
): TBiasCheck {
  const byCode = new Map(official.map((s) => [s.station, s]));
  const theirOfficial = sample.flatMap((s) => byCode.get(s.station) ?? []);
  const base = { stations: theirOfficial.length, withoutOfficial: sample.length - theirOfficial.length };
  if (theirOfficial.length < 2 || !countsSomething(theirOfficial)) {
    return { ...base, rows: [], representative: false };
  }
  const plan = planStrata(
    theirOfficial.map((s) => s.region),
    frame,
  );
  const coveredHere = covered.filter((s) => !plan.uncovered.includes(s.region));
  const rows = scope('bias check', theirOfficial, plan, measures, coveredHere).rows.map((r) => {
    const allOfficialPct = r.officialPct ?? NaN;
    return {
      measure: r.measure,
      sampledOfficialPct: r.estimatePct,
      ci95: r.ci95,
      allOfficialPct,
      differencePp: r.estimatePct - allOfficialPct,
      inside95: allOfficialPct >= r.ci95[0] && allOfficialPct <= r.ci95[1],
    };
  });
  return { ...base, rows, representative: rows.every((r) => r.inside95) };
}

function findingsOf(s: TPvtScope): TPvtFinding[] {
  return s.rows.flatMap((r) =>
    r.officialOutside === null || r.officialPct === null
      ? []
      : [
          {
            scope: s.scope,
            measure: r.measure,
            estimatePct: r.estimatePct,
            ci95: r.ci95,
            ci99: r.ci99,
            officialPct: r.officialPct,
            level: r.officialOutside,
          },
        ],
  );
}

function groupByRegion(stations: readonly TStationResult[]): Map<string, TStationResult[]> {
  const groups = new Map<string, TStationResult[]>();
  for (const s of stations) {
    const group = groups.get(s.region);
    if (group) group.push(s);
    else groups.set(s.region, [s]);
  }
  return groups;
}

/** Both denominators (ballots counted, voters on the list) above zero: a ratio exists. */
function countsSomething(stations: readonly TStationResult[]): boolean {
  return stations.some((s) => ballotsCounted(s) > 0) && stations.some((s) => s.registered > 0);
}

function percentOf(rows: readonly TStationResult[], m: TMeasure): number {
  let y = 0;
  let x = 0;
  for (const s of rows) {
    y += m.y(s);
    x += m.x(s);
  }
  return x > 0 ? (100 * y) / x : 0;
}

/** In percent, clipped to [0, 100]: a share cannot leave it, whatever the normal approximation says. */
function interval(ratio: number, se: number, z: number): [number, number] {
  return [Math.max(0, 100 * (ratio - z * se)), Math.min(100, 100 * (ratio + z * se))];
}
