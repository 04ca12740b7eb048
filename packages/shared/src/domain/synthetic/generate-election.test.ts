import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ZElectionDefinition } from '../election-definition.js';
import { compileFormTemplate } from '../form-template.js';
import { checkRelations } from '../relation-check.js';
import { applyFalsifications } from './falsify.js';
import { generateElection } from './generate-election.js';
import { latestOfficial } from './ground-truth.js';
import { defaultSyntheticOptions } from './synthetic-options.js';
import type { TSyntheticElection, TSyntheticOptions } from './synthetic-types.js';

/** Small elections over any seed and any shares, so a property run stays in milliseconds. */
const smallOptions: fc.Arbitrary<TSyntheticOptions> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    stations: fc.integer({ min: 1, max: 40 }),
    candidates: fc.integer({ min: 2, max: 12 }),
    falsifiedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    participation: fc.array(fc.double({ min: 0, max: 0.2, noNaN: true }), { minLength: 12, maxLength: 12 }),
    photoShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((o) => ({
    ...defaultSyntheticOptions(o.seed, o.candidates),
    ...o,
    participation: o.participation.slice(0, o.candidates),
  }));

const statusesOf = (e: TSyntheticElection, values: Record<string, number>) =>
  checkRelations(compileFormTemplate(e.definition).relations, values).map((c) => c.status);
const allHold = (e: TSyntheticElection) => e.definition.form.relations.map(() => 'holds');

describe('generateElection: determinism', () => {
  it('gives a deep-equal election for the same options', () => {
    fc.assert(
      fc.property(smallOptions, (options) => {
        expect(generateElection(options)).toEqual(generateElection(structuredClone(options)));
      }),
      { numRuns: 30 },
    );
  });

  it('gives different elections for different seeds', () => {
    const [a, b] = [1, 2].map((seed) => generateElection({ ...defaultSyntheticOptions(seed), stations: 50 }));
    expect(a?.stations.map((s) => s.truth)).not.toEqual(b?.stations.map((s) => s.truth));
    expect(a?.selfReports.map((r) => r.voterToken)).not.toEqual(b?.selfReports.map((r) => r.voterToken));
  });

  it('keeps the truth and the official results when only crowd options change', () => {
    const options = { ...defaultSyntheticOptions(9), stations: 60 };
    const a = generateElection(options);
    const b = generateElection({ ...options, participation: [0.3, 0.3, 0.3, 0.3, 0.3], ballotPhotoShare: 0.1 });
    expect(b.stations).toEqual(a.stations);
    expect(b.selfReports).not.toEqual(a.selfReports);
  });

  it('refuses options it cannot honour, naming each problem', () => {
    const bad = { ...defaultSyntheticOptions(1), seed: -1, candidates: 13, falsifiedShare: 2 };
    expect(() => generateElection(bad)).toThrow(/seed.*candidates.*participation.*falsifiedShare/);
  });
});

describe('generateElection: registry', () => {
  it('makes a valid definition, unique station codes, stations only in leaf regions', () => {
    fc.assert(
      fc.property(smallOptions, (options) => {
        const e = generateElection(options);
        expect(ZElectionDefinition.parse(e.definition).code).toBe(`synthetic-${options.seed}`);
        expect(e.favourite).toBe('cand_a');
        expect(e.stations).toHaveLength(options.stations);
        const codes = e.stations.map((s) => s.code);
        expect(new Set(codes).size).toBe(codes.length);
        const paths = new Set(e.stations.map((s) => s.regionPath.join('/')));
        for (const s of e.stations) {
          expect(s.code).toMatch(/^[0-9]{2}-[0-9]{3}-[0-9]{4}$/u);
          expect(s.regionPath).toHaveLength(2);
          // A leaf: no station's region is a proper prefix of another's.
          expect([...paths].some((p) => p.startsWith(`${s.regionPath.join('/')}/`))).toBe(false);
          expect(s.votersOnList).toBeGreaterThanOrEqual(300);
          expect(s.votersOnList).toBeLessThanOrEqual(3000);
          expect(s.truth['voters_on_list']).toBe(s.votersOnList);
          for (const text of [s.nameBe, s.nameRu, s.addressBe, s.addressRu]) expect(text.trim()).not.toBe('');
        }
      }),
      { numRuns: 40 },
    );
  });

  it('builds a tree of several oblasts and districts at scale', () => {
    const e = generateElection({ ...defaultSyntheticOptions(3), stations: 3000 });
    const oblasts = new Set(e.stations.map((s) => s.regionPath[0]));
    const districts = new Set(e.stations.map((s) => s.regionPath.join('/')));
    expect(oblasts.size).toBeGreaterThanOrEqual(5);
    expect(districts.size).toBeGreaterThan(oblasts.size * 3);
  });
});

describe('generateElection: truth, posted, official', () => {
  it('has a truth that satisfies every relation; honest stations publish and post the truth', () => {
    fc.assert(
      fc.property(smallOptions, (options) => {
        const e = generateElection(options);
        for (const s of e.stations) {
          expect(statusesOf(e, s.truth)).toEqual(allHold(e));
          expect(s.truth['took_part']).toBeLessThanOrEqual(s.votersOnList);
          expect(Object.values(s.truth).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
          expect(s.official.length === 1 || s.official.length === 2).toBe(true);
          if (s.falsifications.length > 0) continue;
          expect(latestOfficial(s)).toEqual(s.truth);
          expect(s.posted).toEqual(s.truth);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('forges each falsified station’s latest official result exactly as its falsifications say', () => {
    fc.assert(
      fc.property(smallOptions, (options) => {
        const e = generateElection(options);
        const falsified = e.stations.filter((s) => s.falsifications.length > 0);
        expect(falsified).toHaveLength(Math.round(options.falsifiedShare * options.stations));
        for (const s of falsified) {
          const latest = latestOfficial(s);
          expect(latest).toEqual(applyFalsifications(s.truth, s.falsifications));
          expect(latest).not.toEqual(s.truth);
          const substituted = s.falsifications.some((f) => f.kind === 'substituted_protocol');
          expect(s.posted).toEqual(substituted ? s.truth : latest);
          for (const f of s.falsifications) {
            // The robbed candidate is below the truth: a big enough honest crowd can prove it.
            if (f.kind === 'moved_votes')
              expect(latest[`votes_${f.from}`]).toBeLessThan(s.truth[`votes_${f.from}`] ?? 0);
            if (f.kind === 'stuffing') {
              expect(latest[`votes_${f.to}`]).toBeGreaterThan(s.truth[`votes_${f.to}`] ?? 0);
              expect(latest['took_part']).toBeLessThanOrEqual(s.votersOnList);
            }
          }
          const slipped = s.falsifications.some((f) => f.kind === 'arithmetic_slip');
          expect(statusesOf(e, latest).includes('broken')).toBe(slipped);
        }
      }),
      // Found by a run: a slip down the favourite's line undid a station's stuffing.
      {
        numRuns: 40,
        examples: [
          [
            {
              ...defaultSyntheticOptions(1730617205, 10),
              stations: 27,
              falsifiedShare: 0.9814814814814815,
              participation: new Array<number>(10).fill(0),
              photoShare: 0,
            },
          ],
        ],
      },
    );
  });

  it('revises a few per cent of results, oldest first, the latest being the one that counts', () => {
    const e = generateElection({ ...defaultSyntheticOptions(5), stations: 4000 });
    const revised = e.stations.filter((s) => s.official.length === 2);
    expect(revised.length / e.stations.length).toBeGreaterThan(0.01);
    expect(revised.length / e.stations.length).toBeLessThan(0.06);
    expect(revised.some((s) => s.falsifications.length > 0)).toBe(true);
    expect(revised.some((s) => s.falsifications.length === 0)).toBe(true);
    for (const s of revised) {
      expect(s.official[0]).not.toEqual(s.official[1]);
      // A falsified station first published the truth; an honest one a typo it corrected.
      if (s.falsifications.length > 0) expect(s.official[0]).toEqual(s.truth);
      else expect(s.official[1]).toEqual(s.truth);
    }
  });
});

describe('generateElection: protocol photos', () => {
  it('photographs 1–3 times the posted protocol at about photoShare of the stations', () => {
    fc.assert(
      fc.property(smallOptions, (options) => {
        const e = generateElection(options);
        const byCode = new Map(e.stations.map((s) => [s.code, s]));
        const shots = new Map<string, number[]>();
        for (const p of e.photos) {
          expect(p.values).toEqual(byCode.get(p.station)?.posted);
          shots.set(p.station, [...(shots.get(p.station) ?? []), p.shot]);
        }
        for (const list of shots.values()) expect([[0], [0, 1], [0, 1, 2]]).toContainEqual(list);
      }),
      { numRuns: 40 },
    );
    const e = generateElection({ ...defaultSyntheticOptions(6), stations: 2000, photoShare: 0.3 });
    expect(new Set(e.photos.map((p) => p.station)).size / 2000).toBeCloseTo(0.3, 1);
  });
});
