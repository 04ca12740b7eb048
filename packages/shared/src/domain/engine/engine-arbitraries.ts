import fc from 'fast-check';
import type {
  TCrowdCount,
  TLineValues,
  TOfficialVersion,
  TPartnerCount,
  TPhotoReading,
  TPolicy,
  TStationEvidence,
} from './engine-types.js';
import { candidateKeys, form, policy, STATION } from './engine-test-kit.js';

/**
 * fast-check generators for the engine's property tests. Test support only: nothing in the
 * product imports this file (index.ts does not export it).
 */

const lineKeys = form.lines.map((l) => l.key);
export const count = (max: number) => fc.integer({ min: 0, max });
const METHODS = ['qr', 'double_entry', 'ocr'] as const;
const SOURCES = ['golos', 'zubr', 'viasna'];
export const shaArb = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 4 });

/** An honest protocol of the presidential form: counts first, totals derived, every relation holds. */
export const honestProtocol = fc
  .record({
    votes: fc.array(count(800), { minLength: candidateKeys.length, maxLength: candidateKeys.length }),
    againstAll: count(200),
    invalid: count(50),
    earlyShare: fc.double({ min: 0, max: 1, noNaN: true }),
    homeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    stayedHome: count(500),
    unused: count(200),
  })
  .map((p): TLineValues => {
    const tookPart = p.votes.reduce((s, v) => s + v, 0) + p.againstAll + p.invalid;
    const early = Math.floor(tookPart * p.earlyShare);
    const home = Math.floor((tookPart - early) * p.homeShare);
    const votes = Object.fromEntries(candidateKeys.map((k, i) => [`votes_${k}`, p.votes[i] ?? 0]));
    return {
      ...votes,
      voters_on_list: tookPart + p.stayedHome,
      received: tookPart + p.unused,
      issued_early: early,
      issued_home: home,
      issued_day: tookPart - early - home,
      took_part: tookPart,
      against_all: p.againstAll,
      invalid: p.invalid,
      unused: p.unused,
    };
  });

/** Some of a protocol's lines (what a partial reading sees). */
export const someLinesOf = (values: TLineValues) =>
  fc.subarray(lineKeys).map((keys) => Object.fromEntries(keys.map((k) => [k, values[k] ?? 0])));

/** A protocol's lines, some dropped and some changed: what a forger or a bad reading gives. */
export const distorted = (values: TLineValues) =>
  fc
    .array(fc.tuple(fc.constantFrom(...lineKeys), fc.integer({ min: -30, max: 30 }), fc.boolean()), { maxLength: 4 })
    .map((edits) => {
      const out: TLineValues = { ...values };
      for (const [key, delta, drop] of edits) {
        if (drop) delete out[key];
        else out[key] = Math.max(0, (values[key] ?? 0) + delta);
      }
      return out;
    });

export const readingOf = (
  values: fc.Arbitrary<TLineValues>,
  sha: fc.Arbitrary<string>,
  code: fc.Arbitrary<string | null>,
) =>
  fc.record({
    photoSha256: sha,
    method: fc.constantFrom(...METHODS),
    confidence: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    stationCodeRead: code,
    values,
  });

export const policyArb: fc.Arbitrary<TPolicy> = fc
  .record({ minGap: fc.integer({ min: 1, max: 3 }), minOcrConfidence: fc.double({ min: 0.5, max: 0.95, noNaN: true }) })
  .map((p) => ({ ...policy, ...p }));

/** Crowd counts up to `max(candidate)` verified, any unverified, possibly repeated rows. */
export const crowdOf = (maxVerified: (candidate: string) => number) => ({
  selfReports: fc.array(
    fc.constantFrom(...candidateKeys).chain((candidate) =>
      fc.record({
        candidate: fc.constant(candidate),
        verified: count(maxVerified(candidate)),
        unverified: count(300),
      }),
    ),
    { maxLength: 7 },
  ),
  partners: fc.array(
    fc.constantFrom(...candidateKeys).chain((candidate) =>
      fc.record({
        source: fc.constantFrom(...SOURCES),
        candidate: fc.constant(candidate),
        verified: count(maxVerified(candidate)),
        unverified: count(300),
      }),
    ),
    { maxLength: 8 },
  ),
});

/** Anything goes: revised and duplicated versions, conflicting and repeated photos, noisy crowd. */
export const messyStation: fc.Arbitrary<TStationEvidence> = honestProtocol.chain((truth) => {
  const crowd = denseCrowdOf(truth);
  return fc.record({
    station: fc.record({ code: fc.constant(STATION), votersOnList: fc.integer({ min: 0, max: 5000 }) }),
    official: fc.array(
      fc.record({
        version: fc.integer({ min: 1, max: 3 }),
        values: distorted(truth),
      }) as fc.Arbitrary<TOfficialVersion>,
      { maxLength: 3 },
    ),
    readings: fc.array(
      readingOf(
        fc.oneof(distorted(truth), distorted(truth).chain(someLinesOf)),
        fc.constantFrom('aa', 'bb', 'cc', 'dd', 'ee'),
        fc.constantFrom(null, STATION, 'S2'),
      ) as fc.Arbitrary<TPhotoReading>,
      { maxLength: 6 },
    ),
    selfReports: crowd.selfReports as fc.Arbitrary<TCrowdCount[]>,
    partners: crowd.partners as fc.Arbitrary<TPartnerCount[]>,
  });
});

/**
 * Counts packed around each candidate's true count, from few sources: equal counts and
 * repeated rows are common, so every tie-break is exercised, and gaps sit near the threshold.
 */
export function denseCrowdOf(truth: TLineValues) {
  const around = (c: string) => fc.integer({ min: -2, max: 2 }).map((d) => Math.max(0, (truth[`votes_${c}`] ?? 0) + d));
  const row = fc
    .constantFrom(...candidateKeys)
    .chain((candidate) =>
      fc.record({ candidate: fc.constant(candidate), verified: around(candidate), unverified: count(3) }),
    );
  return {
    selfReports: fc.array(row, { maxLength: 8 }),
    partners: fc.array(
      fc.tuple(fc.constantFrom(...SOURCES), row).map(([source, r]) => ({ source, ...r })),
      { maxLength: 10 },
    ),
  };
}
