import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStation } from '../engine/compare-station.js';
import { defaultPolicy } from '../engine/engine-types.js';
import { form, moved, sample } from '../engine/engine-test-kit.js';
import { redactReportRow, type TReportRow } from './report-row.js';

// Issue 13, item 6, tried as a reader would: everything a published row shows (the official
// count is public anyway), and every count the crowd could have had, run through the same
// engine and the same redaction. A count published as "fewer than k" must stay ambiguous:
// at least two different true counts give exactly what was published.

const candidate = 'adamovich';
const line = `votes_${candidate}`;

/** The sample protocol with the candidate's votes at `official`, the rest moved to another: it adds up. */
const officialProtocol = (official: number) => moved(candidate, 'dubovik', (sample[line] ?? 0) - official);

/** What the public reads of one station whose official count for the candidate is `official`. */
function published(official: number, verified: number, unverified: number, k: number, minGap: number) {
  const policy = { ...defaultPolicy, minGap, publicationThreshold: k };
  const findings = compareStation(
    form,
    {
      station: { code: 'S1', votersOnList: 1650 },
      official: [{ version: 1, values: officialProtocol(official) }],
      readings: [],
      selfReports: [{ candidate, verified, unverified }],
      partners: [],
    },
    policy,
  ).filter((f) => f.strength !== 'info');
  const row: TReportRow = {
    region: 'R',
    station: 'S1',
    nameBe: '',
    nameRu: '',
    votersOnList: 1650,
    findings: findings.map((f) => ({ ...f, review: 'open' as const })),
    officialVersion: 1,
    official: officialProtocol(official),
    photographed: null,
    crowd: { [candidate]: { verified, total: verified + unverified } },
    photos: [],
  };
  // A station with nothing to publish is absent from the report: the reader sees only that.
  return JSON.stringify(redactReportRow(row, k));
}

describe('the small-count redaction', () => {
  it('publishes no finding that gives a hidden count back (official 3, proof, "fewer than 5")', () => {
    // The case the issue names: 4 verified voters, official 3. Withheld whole.
    expect(published(3, 4, 0, 5, 1)).toBe('null');
    // Seven verified and three unverified: every count 0 or ≥ 5 but one, so withheld too.
    expect(published(3, 7, 3, 5, 1)).toBe('null');
    // Seven verified, none unverified: all shown, as they are.
    expect(JSON.parse(published(3, 7, 0, 5, 1)).findings[0]).toMatchObject({
      strength: 'proof',
      minStolenVotes: 4,
      evidence: { verified: 7, unverified: 0, crowd: 7 },
    });
  });

  it('leaves every hidden count with more than one value a reader cannot tell apart', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 1, max: 3 }),
        (official, verified, unverified, k, minGap) => {
          const seen = published(official, verified, unverified, k, minGap);
          // The reader tries every count the station could have had.
          const consistent: [number, number][] = [];
          for (let v = 0; v <= 3 * k + 15; v++)
            for (let u = 0; u <= 3 * k + 15; u++)
              if (published(official, v, u, k, minGap) === seen) consistent.push([v, u]);
          const verifiedValues = new Set(consistent.map(([v]) => v));
          const unverifiedValues = new Set(consistent.map(([, u]) => u));
          if (verified > 0 && verified < k) expect(verifiedValues.size).toBeGreaterThan(1);
          if (unverified > 0 && unverified < k) expect(unverifiedValues.size).toBeGreaterThan(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
