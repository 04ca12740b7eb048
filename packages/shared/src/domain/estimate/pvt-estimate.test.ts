import { describe, expect, it } from 'vitest';
import { generateStationResults } from '../forensics/generate-station-results.js';
import type { TStationResult } from '../forensics/station-result.js';
import { Rng } from '../synthetic/prng.js';
import { estimatePvt, TURNOUT, type TPvtEstimate } from './pvt-estimate.js';

// One population, many samples: coverage is a property of repeated sampling from the same
// country, so the country stays fixed and only the draw of stations changes with the seed.
const population = generateStationResults({ seed: 21, stations: 2000, regions: 10, candidates: 3 }).stations;
const byRegion = new Map<string, TStationResult[]>();
for (const s of population) byRegion.set(s.region, [...(byRegion.get(s.region) ?? []), s]);

/** A stratified simple random sample: `perRegion` stations from each region, without replacement. */
function sample(seed: number, perRegion: number, from: ReadonlyMap<string, TStationResult[]> = byRegion) {
  const rng = new Rng(seed, 5);
  return [...from.values()].flatMap((stations) => {
    const pool = stations.slice();
    for (let i = 0; i < perRegion; i++) {
      const j = i + Math.floor(rng.float() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j] as TStationResult, pool[i] as TStationResult];
    }
    return pool.slice(0, perRegion);
  });
}

function estimate(s: readonly TStationResult[], official: readonly TStationResult[] = population): TPvtEstimate {
  const result = estimatePvt({ sample: s, official });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const row = (e: TPvtEstimate, measure: string) => e.national.rows.find((r) => r.measure === measure)!;

describe('PVT estimate', () => {
  it('covers the true share in about 95 % of samples (400 samples of 200 stations)', () => {
    let covered95 = 0;
    let covered99 = 0;
    let turnoutCovered = 0;
    const seeds = 400;
    for (let seed = 0; seed < seeds; seed++) {
      const e = estimate(sample(seed, 20));
      const a = row(e, 'cand_a');
      // Official = true here (an honest election): the interval should hold it.
      const truth = a.officialPct as number;
      if (truth >= a.ci95[0] && truth <= a.ci95[1]) covered95 += 1;
      if (truth >= a.ci99[0] && truth <= a.ci99[1]) covered99 += 1;
      const t = row(e, TURNOUT);
      if ((t.officialPct as number) >= t.ci95[0] && (t.officialPct as number) <= t.ci95[1]) turnoutCovered += 1;
      expect(a.ci99[1] - a.ci99[0]).toBeGreaterThan(a.ci95[1] - a.ci95[0]);
    }
    console.log(
      `PVT coverage over ${seeds} samples: cand_a 95 % ${covered95 / seeds}, 99 % ${covered99 / seeds}; turnout 95 % ${turnoutCovered / seeds}`,
    );
    expect(covered95 / seeds).toBeGreaterThan(0.92);
    expect(covered95 / seeds).toBeLessThan(0.98);
    expect(covered99 / seeds).toBeGreaterThan(0.97);
    expect(turnoutCovered / seeds).toBeGreaterThan(0.92);
    expect(turnoutCovered / seeds).toBeLessThan(0.98);
  }, 30_000); // about 2 s alone; the margin is for a machine shared with other test runs

  it('says what it rests on, and that the sample chose itself', () => {
    const s = sample(1, 20);
    const e = estimate(s);
    expect(e.label).toBe('estimate');
    expect(e.basis.stations).toBe(200);
    expect(e.basis.registered).toBe(s.reduce((sum, x) => sum + x.registered, 0));
    expect(e.basis.regions).toBe(10);
    expect(e.warnings[0]).toMatch(/self-selected/);
    expect(e.strata).toHaveLength(10);
    expect(e.regions).toHaveLength(10);
    expect(e.regions[0]?.populationStations).toBe(200);
    // An honest count: no national finding; by chance alone about 1 in 20 regional comparisons
    // falls outside its 95 % interval (which is why each finding carries its level).
    expect(e.findings.filter((f) => f.scope === 'national')).toEqual([]);
    expect(e.findings.length).toBeLessThan(0.15 * 10 * 4);
    expect(e.biasCheck.representative).toBe(true);
    expect(e.biasCheck.stations).toBe(200);
  });

  it('makes a finding of an official share outside the interval (5 points moved to the leader everywhere)', () => {
    const official = population.map((s) => {
      const moved = Math.round(0.05 * (s.valid ?? 0));
      return {
        ...s,
        votes: { ...s.votes, cand_a: (s.votes.cand_a ?? 0) + moved, cand_b: (s.votes.cand_b ?? 0) - moved },
      };
    });
    // The crowd's readings are the posted (true) protocols; the official file is forged.
    const e = estimate(sample(3, 20), official);
    const national = e.findings.filter((f) => f.scope === 'national').map((f) => `${f.measure} ${f.level}`);
    expect(national).toEqual(['cand_a 99', 'cand_b 99']);
    expect(row(e, 'cand_a').officialOutside).toBe(99);
    expect(row(e, TURNOUT).officialOutside).toBeNull();
  });

  it('fails its bias check when the crowd reached only the leader’s strongholds', () => {
    const strongholds = new Map(
      [...byRegion].map(([region, stations]) => [
        region,
        stations.slice().sort((a, b) => (b.votes.cand_a ?? 0) / b.registered - (a.votes.cand_a ?? 0) / a.registered),
      ]),
    );
    const biased = [...strongholds.values()].flatMap((stations) => stations.slice(0, 20));
    const e = estimate(biased);
    expect(e.biasCheck.representative).toBe(false);
    expect(e.biasCheck.rows.find((r) => r.measure === 'cand_a')?.differencePp).toBeGreaterThan(1);
    expect(e.warnings.some((w) => w.startsWith('bias check failed'))).toBe(true);
  });

  it('collapses thin regions into a national remainder and says so', () => {
    const regions = [...byRegion.keys()];
    const s = sample(4, 20).filter((x) => x.region !== regions[0] && x.region !== regions[1]);
    const thin = [
      ...(byRegion.get(regions[0] as string) ?? []).slice(0, 1),
      ...(byRegion.get(regions[1] as string) ?? []).slice(0, 2),
    ];
    const e = estimate([...s, ...thin.slice(0, 2)]);
    expect(e.strata.map((x) => x.name)).toContain('national remainder');
    expect(e.notes[0]).toMatch(/collapsed/);
    expect(e.regions).toHaveLength(8);
  });

  it('leaves out sampled stations of a region it does not know, and says so', () => {
    const stray = { ...population[0]!, region: 'Atlantis', station: 'X-1' };
    const e = estimate([...sample(6, 20), stray]);
    expect(e.basis.stations).toBe(200);
    expect(e.notes[0]).toBe('1 sampled station(s) left out: their region is not in the frame: Atlantis');
  });

  it('needs two stations', () => {
    expect(estimatePvt({ sample: population.slice(0, 1), official: population })).toEqual({
      ok: false,
      error: 'a PVT estimate needs 2 or more sampled stations, got 1',
    });
  });
});
