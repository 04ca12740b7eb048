import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStation } from './compare-station.js';
import { messyStation, policyArb } from './engine-arbitraries.js';
import { form, isCanonical } from './engine-test-kit.js';

// Evidence arrives from many workers and queries in no particular order; a report that
// changed with that order could not be reproduced, let alone trusted.
describe('compareStation order independence', () => {
  it('findings do not depend on the order of versions, readings, self-reports and partners', () => {
    const shuffled = messyStation.chain((e) =>
      fc.record({
        original: fc.constant(e),
        permuted: fc.record({
          station: fc.constant(e.station),
          official: fc.shuffledSubarray(e.official, { minLength: e.official.length }),
          readings: fc.shuffledSubarray(e.readings, { minLength: e.readings.length }),
          selfReports: fc.shuffledSubarray(e.selfReports, { minLength: e.selfReports.length }),
          partners: fc.shuffledSubarray(e.partners, { minLength: e.partners.length }),
        }),
      }),
    );
    fc.assert(
      fc.property(shuffled, policyArb, ({ original, permuted }, p) => {
        expect(compareStation(form, permuted, p)).toEqual(compareStation(form, original, p));
      }),
      { numRuns: 200 },
    );
  });

  it('findings are deterministic, canonical in order, and leave the input untouched', () => {
    fc.assert(
      fc.property(messyStation, policyArb, (evidence, p) => {
        const before = structuredClone(evidence);
        const first = compareStation(form, evidence, p);
        expect(compareStation(form, evidence, p)).toEqual(first);
        expect(evidence).toEqual(before);
        expect(isCanonical(first)).toBe(true);
        expect(first.every((f) => f.policy === p.id)).toBe(true);
      }),
    );
  });
});
