import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFormTemplate } from '../form-template.js';
import { checkRelations } from '../relation-check.js';
import { generateElection } from './generate-election.js';
import { Rng } from './prng.js';
import { buildRegionTree } from './region-tree.js';
import { buildSyntheticDefinition, candidateKeys, votesLine } from './synthetic-form.js';
import { defaultSyntheticOptions } from './synthetic-options.js';
import { drawDistrictShares, drawTrueProtocol } from './true-votes.js';

describe('drawTrueProtocol', () => {
  it('satisfies every relation, with counts that fit the list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 300, max: 3000 }),
        (seed, k, voters) => {
          const rng = new Rng(seed);
          const candidates = candidateKeys(k);
          const { districts } = buildRegionTree(rng, 10);
          const shares = drawDistrictShares(rng, k, districts)[0] ?? [];
          const truth = drawTrueProtocol(rng, voters, shares, candidates);
          const relations = compileFormTemplate(buildSyntheticDefinition(seed, k)).relations;
          expect(checkRelations(relations, truth).map((c) => c.status)).toEqual(relations.map(() => 'holds'));
          expect(Object.keys(truth)).toHaveLength(9 + k);
          expect(Object.values(truth).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
          expect(truth['took_part']).toBeLessThanOrEqual(voters);
          expect(truth['received']).toBeLessThanOrEqual(voters);
        },
      ),
    );
  });
});

describe('the true vote of a whole election', () => {
  const e = generateElection({ ...defaultSyntheticOptions(2020), stations: 3000 });
  const sum = (line: string, stations = e.stations) => stations.reduce((s, st) => s + (st.truth[line] ?? 0), 0);
  const leader = (stations: typeof e.stations) =>
    candidateKeys(5).reduce((a, b) => (sum(votesLine(b), stations) > sum(votesLine(a), stations) ? b : a));

  it('has a plausible turnout: mostly 40–80 %, about 60 % overall', () => {
    const turnouts = e.stations.map((s) => (s.truth['took_part'] ?? 0) / s.votersOnList);
    const inRange = turnouts.filter((t) => t >= 0.4 && t <= 0.8).length / turnouts.length;
    expect(inRange).toBeGreaterThan(0.85);
    expect(sum('took_part') / sum('voters_on_list')).toBeGreaterThan(0.5);
    expect(sum('took_part') / sum('voters_on_list')).toBeLessThan(0.7);
  });

  it('has one clear national favourite, who does not lead in the capital', () => {
    expect(leader(e.stations)).toBe(e.favourite);
    const shares = candidateKeys(5).map((c) => sum(votesLine(c)) / sum('took_part'));
    const [first = 0, ...rest] = shares;
    expect(first).toBeGreaterThan(Math.max(...rest) + 0.1);
    const capital = e.stations.filter((s) => s.regionPath[0] === e.stations[0]?.regionPath[0]);
    expect(leader(capital)).not.toBe(e.favourite);
  });

  it('varies shares between regions', () => {
    const oblasts = [...new Set(e.stations.map((s) => s.regionPath[0]))];
    const favouriteShares = oblasts.map((o) => {
      const stations = e.stations.filter((s) => s.regionPath[0] === o);
      return sum(votesLine(e.favourite), stations) / sum('took_part', stations);
    });
    expect(Math.max(...favouriteShares) - Math.min(...favouriteShares)).toBeGreaterThan(0.1);
  });

  it('keeps invalid ballots and votes against all small, and splits early, home and day voting', () => {
    expect(sum('invalid') / sum('took_part')).toBeLessThan(0.03);
    expect(sum('against_all') / sum('took_part')).toBeLessThan(0.07);
    expect(sum('issued_early') / sum('took_part')).toBeGreaterThan(0.15);
    expect(sum('issued_home') / sum('took_part')).toBeGreaterThan(0.01);
    expect(sum('issued_day') / sum('took_part')).toBeGreaterThan(0.5);
  });
});
