import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRelations } from '../relation-check.js';
import { compareStation } from './compare-station.js';
import {
  count,
  crowdOf,
  distorted,
  honestProtocol,
  policyArb,
  readingOf,
  shaArb,
  someLinesOf,
} from './engine-arbitraries.js';
import type { TCrowdCount, TLineValues, TStationEvidence } from './engine-types.js';
import { candidateKeys, form, policy, STATION } from './engine-test-kit.js';

/** An honest station: official = truth, readings = truth (or foreign / ignored), crowd ≤ truth. */
const honestStation = honestProtocol.chain((truth) =>
  fc.record({
    station: fc.constant({ code: STATION, votersOnList: truth.voters_on_list ?? 0 }),
    official: fc.constant<TStationEvidence['official']>([{ version: 1, values: truth }]),
    readings: fc.array(
      fc.oneof(
        readingOf(someLinesOf(truth), shaArb, fc.constantFrom(null, STATION)),
        // Another station's photo carries other numbers: it must be ignored.
        readingOf(distorted(truth), shaArb, fc.constant('S2')),
      ),
      { maxLength: 4 },
    ),
    ...crowdOf((c) => truth[`votes_${c}`] ?? 0),
  }),
);

describe('compareStation properties', () => {
  it('an honest station with an honest crowd never gets a proof or a strong finding', () => {
    fc.assert(
      fc.property(honestStation, policyArb, (evidence, p) => {
        const strengths = compareStation(form, evidence, p).map((f) => f.strength);
        expect(strengths.filter((s) => s === 'proof' || s === 'strong')).toEqual([]);
      }),
    );
  });

  it('votes taken from a candidate are found as proof when more verified voters reported them', () => {
    fc.assert(
      fc.property(theft, ({ evidence, candidate, minStolenVotes }) => {
        const finding = compareStation(form, evidence, policy).find((f) => f.subject === candidate);
        expect(finding?.kind).toBe('crowd_exceeds_official');
        expect(finding?.strength).toBe('proof');
        expect(finding?.minStolenVotes).toBe(minStolenVotes);
      }),
    );
  });

  it('an official arithmetic finding for exactly the relations checkRelations calls broken', () => {
    fc.assert(
      fc.property(honestProtocol.chain(distorted), (values) => {
        const evidence = { ...emptyStation, official: [{ version: 1, values }] };
        const found = compareStation(form, evidence, policy)
          .filter((f) => f.kind === 'arithmetic' && f.subject !== 'official:turnout')
          .map((f) => f.subject);
        const broken = checkRelations(form.relations, values)
          .filter((c) => c.status === 'broken')
          .map((c) => `official:${c.relation.text}`);
        expect(found).toEqual([...broken].sort());
      }),
    );
  });
});

const emptyStation: TStationEvidence = {
  station: { code: STATION, votersOnList: 100_000 },
  official: [],
  readings: [],
  selfReports: [],
  partners: [],
};

/**
 * Truth, then k ≥ 1 votes taken from C in the published result (moved to D, or simply gone
 * when D = C), and a crowd with more verified reports for C than the new count but no more
 * than the truth. Partners never report more verified voters for C than the self-reports.
 */
const theft = fc
  .record({
    truth: honestProtocol,
    candidate: fc.constantFrom(...candidateKeys),
    receiver: fc.constantFrom(...candidateKeys),
    takeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    reportShare: fc.double({ min: 0, max: 1, noNaN: true }),
    unverified: count(300),
  })
  .filter(({ truth, candidate }) => (truth[`votes_${candidate}`] ?? 0) >= 1)
  .chain(({ truth, candidate, receiver, takeShare, reportShare, unverified }) => {
    const line = `votes_${candidate}`;
    const before = truth[line] ?? 0;
    const k = Math.min(before, 1 + Math.floor(takeShare * before));
    const published: TLineValues = { ...truth, [line]: before - k };
    const to = `votes_${receiver}`;
    published[to] = (published[to] ?? 0) + (receiver === candidate ? 0 : k);
    const verified = Math.min(before, before - k + 1 + Math.floor(reportShare * k));
    const crowd = crowdOf((c) => (c === candidate ? verified : (truth[`votes_${c}`] ?? 0)));
    return fc
      .record({
        readings: fc.array(readingOf(someLinesOf(truth), shaArb, fc.constant(null)), {
          maxLength: 3,
        }),
        selfReports: crowd.selfReports,
        partners: crowd.partners,
      })
      .map(({ readings, selfReports, partners }) => ({
        candidate,
        minStolenVotes: verified - (before - k),
        evidence: {
          station: { code: STATION, votersOnList: truth.voters_on_list ?? 0 },
          official: [{ version: 1, values: published }],
          readings,
          selfReports: [...selfReports, { candidate, verified, unverified } satisfies TCrowdCount],
          partners,
        } satisfies TStationEvidence,
      }));
  });
