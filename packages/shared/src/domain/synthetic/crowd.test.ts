import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countSelfReports } from './crowd-count.js';
import { generateElection } from './generate-election.js';
import { defaultSyntheticOptions } from './synthetic-options.js';
import type { TSyntheticElection, TSyntheticOptions, TSyntheticSelfReport } from './synthetic-types.js';

/** Small elections with a lot of crowd and a lot of noise, so every rule is exercised. */
const noisyOptions: fc.Arbitrary<TSyntheticOptions> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    stations: fc.integer({ min: 1, max: 25 }),
    candidates: fc.integer({ min: 2, max: 12 }),
    falsifiedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    participation: fc.array(fc.double({ min: 0, max: 0.3, noNaN: true }), { minLength: 12, maxLength: 12 }),
    ballotPhotoShare: fc.double({ min: 0, max: 1, noNaN: true }),
    noise: fc.record({
      mistypedStation: fc.double({ min: 0, max: 0.3, noNaN: true }),
      duplicateReport: fc.double({ min: 0, max: 0.3, noNaN: true }),
      falseReport: fc.double({ min: 0, max: 0.5, noNaN: true }),
      sharedBallotPhoto: fc.double({ min: 0, max: 0.5, noNaN: true }),
    }),
  })
  .map((o) => ({
    ...defaultSyntheticOptions(o.seed, o.candidates),
    ...o,
    participation: o.participation.slice(0, o.candidates),
  }));

const truthOf = (e: TSyntheticElection) => new Map(e.stations.map((s) => [s.code, s.truth]));

/** Honest reports kept by the platform (the latest per token), per station and candidate. */
function keptHonest(reports: readonly TSyntheticSelfReport[]): Map<string, number> {
  const latest = new Map(reports.map((r) => [r.voterToken, r]));
  const counts = new Map<string, number>();
  for (const r of latest.values()) {
    if (!r.isFalse) counts.set(`${r.station} ${r.candidate}`, (counts.get(`${r.station} ${r.candidate}`) ?? 0) + 1);
  }
  return counts;
}

describe('self-reports: the invariant that makes crowd proofs sound', () => {
  it('verified reports for C at S never exceed C’s TRUE votes at S, nor do honest ones', () => {
    fc.assert(
      fc.property(noisyOptions, (options) => {
        const e = generateElection(options);
        const truth = truthOf(e);
        for (const [station, counts] of countSelfReports(e.selfReports)) {
          const t = truth.get(station);
          for (const c of counts) {
            if (t === undefined) continue; // a mistyped code: no station, no finding
            expect(c.verified).toBeLessThanOrEqual(t[`votes_${c.candidate}`] ?? 0);
          }
        }
        for (const [key, n] of keptHonest(e.selfReports)) {
          const [station = '', candidate = ''] = key.split(' ');
          const t = truth.get(station);
          if (t !== undefined) expect(n).toBeLessThanOrEqual(t[`votes_${candidate}`] ?? 0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never verifies a false report: none carries a photo no other voter uses', () => {
    fc.assert(
      fc.property(noisyOptions, (options) => {
        const e = generateElection(options);
        const owners = new Map<string, Set<string>>();
        for (const r of e.selfReports) {
          if (r.ballotPhoto !== null)
            owners.set(r.ballotPhoto, (owners.get(r.ballotPhoto) ?? new Set()).add(r.voterToken));
        }
        for (const r of e.selfReports) {
          if (r.isFalse && r.ballotPhoto !== null) expect(owners.get(r.ballotPhoto)?.size).toBeGreaterThan(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('with everyone reporting and no noise, the crowd is exactly the truth', () => {
    const options = { ...defaultSyntheticOptions(12, 4), stations: 30, falsifiedShare: 0.5 };
    const e = generateElection({
      ...options,
      participation: [1, 1, 1, 1],
      ballotPhotoShare: 1,
      noise: { mistypedStation: 0, duplicateReport: 0, falseReport: 0, sharedBallotPhoto: 0 },
    });
    const counts = countSelfReports(e.selfReports);
    for (const s of e.stations) {
      for (const c of e.definition.candidates) {
        const count = counts.get(s.code)?.find((x) => x.candidate === c.key);
        expect(count?.verified ?? 0).toBe(s.truth[`votes_${c.key}`]);
        expect(count?.unverified ?? 0).toBe(0);
      }
    }
  });
});

describe('self-reports: noise', () => {
  it('mistyped codes are never a station’s code; every other code is the voter’s station', () => {
    fc.assert(
      fc.property(noisyOptions, (options) => {
        const e = generateElection(options);
        const codes = new Set(e.stations.map((s) => s.code));
        const mistyped = e.selfReports.filter((r) => !codes.has(r.station));
        for (const r of mistyped) expect(r.station).toMatch(/^[\p{L}\p{N}._-]{1,64}$/u);
        if (options.noise.mistypedStation === 0) expect(mistyped).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('tokens are distinct except intended duplicates, each of which repeats an earlier report', () => {
    fc.assert(
      fc.property(noisyOptions, (options) => {
        const e = generateElection(options);
        const firsts = new Map<string, TSyntheticSelfReport>();
        for (const r of e.selfReports) {
          const first = firsts.get(r.voterToken);
          if (!r.isDuplicate) {
            expect(first).toBeUndefined();
            firsts.set(r.voterToken, r);
            continue;
          }
          expect(first).toBeDefined();
          expect(first?.isFalse).toBe(false);
          expect(r.station).toBe(first?.station);
          expect(r.voterKind).toBe(first?.voterKind);
          // Same candidate: the same report again. Another candidate: a false claim, no photo.
          if (r.candidate === first?.candidate) expect([r.isFalse, r.ballotPhoto]).toEqual([false, first.ballotPhoto]);
          else expect([r.isFalse, r.ballotPhoto]).toEqual([true, null]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('without shared photos and false reports, every ballot photo belongs to one voter', () => {
    const e = generateElection({
      ...defaultSyntheticOptions(21),
      stations: 300,
      noise: { mistypedStation: 0.05, duplicateReport: 0.1, falseReport: 0, sharedBallotPhoto: 0 },
    });
    const owner = new Map<string, string>();
    for (const r of e.selfReports) {
      if (r.ballotPhoto === null) continue;
      expect(owner.get(r.ballotPhoto) ?? r.voterToken).toBe(r.voterToken);
      owner.set(r.ballotPhoto, r.voterToken);
    }
    expect(owner.size).toBeGreaterThan(100);
  });

  it('produces each kind of noise at about its share with the defaults', () => {
    const options = defaultSyntheticOptions(31);
    const e = generateElection({ ...options, stations: 2000 });
    const n = e.selfReports.length;
    const codes = new Set(e.stations.map((s) => s.code));
    const share = (f: (r: TSyntheticSelfReport) => boolean) => e.selfReports.filter(f).length / n;
    expect(n).toBeGreaterThan(10_000);
    expect(share((r) => !codes.has(r.station))).toBeCloseTo(options.noise.mistypedStation, 2);
    expect(share((r) => r.isDuplicate)).toBeCloseTo(options.noise.duplicateReport, 2);
    expect(share((r) => r.ballotPhoto !== null)).toBeGreaterThan(0.5);
    expect(share((r) => r.voterKind === 'phone')).toBeGreaterThan(0.7);
    expect(new Set(e.selfReports.map((r) => r.voterKind))).toEqual(new Set(['phone', 'bot', 'code']));
    const falseShare = share((r) => r.isFalse && !r.isDuplicate);
    expect(falseShare).toBeGreaterThan(0.01);
    expect(falseShare).toBeLessThan(0.03);
  });
});
