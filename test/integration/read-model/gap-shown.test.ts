import { isGapShown, isGapShownOf } from '@crosstally/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '../../support/test-database.js';

// The publication threshold of the public sums, in SQL, against isGapShown() on the same evidence.
let database: TTestDatabase;
beforeAll(async () => (database = await createTestDatabase()));
afterAll(async () => database?.drop());

const evidence = [
  { kind: 'crowd_exceeds_official', crowd: 3, gap: 2 },
  { kind: 'crowd_exceeds_official', crowd: 5, gap: 1 },
  { kind: 'crowd_exceeds_official', crowd: 40, gap: 12 },
  { kind: 'crowd_exceeds_official', crowd: 0 },
  { kind: 'crowd_exceeds_official', verified: 7, unverified: 0, crowd: 7, gap: 4 },
  { kind: 'crowd_exceeds_official', verified: 2, unverified: 7, crowd: 9, gap: 6 },
  { kind: 'crowd_exceeds_official', verified: 6, unverified: 1, crowd: 7, gap: 4 },
  { kind: 'crowd_exceeds_official', verified: { fewerThan: 5 }, crowd: 7 },
  { kind: 'protocol_mismatch', lines: {} },
  { kind: 'forensic_signal', score: 3, signs: [] },
  { kind: 'arithmetic', crowd: 1 },
  { kind: 'sybil_signal', bursts: [], floods: [] },
  { kind: 'sybil_signal', bursts: [{ from: 'a', to: 'b', reports: 6, stationReports: 8 }], floods: [] },
  {
    kind: 'sybil_signal',
    bursts: [{ from: 'a', to: 'b', reports: 6, stationReports: 8 }],
    floods: [{ from: 'c', to: 'd', reports: 3, stationReports: 40 }],
  },
  { kind: 'sybil_signal', bursts: [{ from: 'a', to: 'b', reports: 40, stationReports: 41 }] },
  { kind: 'sybil_signal', floods: [{ from: 'a', to: 'b', reports: { fewerThan: 5 }, stationReports: 41 }] },
];

describe('isGapShownOf', () => {
  it.each([1, 2, 5, 6, 8, 41])('agrees with isGapShown at k = %i', async (k) => {
    const { rows } = await sql<{ i: number }>`
      select f.i from unnest(${evidence.map((e) => JSON.stringify(e))}::jsonb[]) with ordinality as f(evidence, i)
      where ${isGapShownOf('f', k)} order by f.i`.execute(database.db);
    const expected = evidence.flatMap((e, i) => (isGapShown(e, k) ? [i + 1] : []));
    expect(rows.map((r) => Number(r.i))).toEqual(expected);
  });
});
