import { describe, expect, it } from 'vitest';
import { generateElection } from './generate-election.js';
import { groundTruth, summarizeElection } from './ground-truth.js';
import { defaultSyntheticOptions } from './synthetic-options.js';
import type { TSyntheticElection, TSyntheticStation } from './synthetic-types.js';

describe('groundTruth and summarizeElection', () => {
  it('agree with the stations and with each other', () => {
    const e = generateElection({ ...defaultSyntheticOptions(8), stations: 1000 });
    const truth = groundTruth(e);
    const summary = summarizeElection(e);
    expect(truth.size).toBe(1000);
    const rows = [...truth.values()];
    expect(rows.filter((r) => r.falsified)).toHaveLength(summary.falsified);
    expect(summary.falsified).toBe(200);
    expect(rows.filter((r) => r.postedFalsified)).toHaveLength(summary.postedFalsified);
    expect(rows.filter((r) => r.revised)).toHaveLength(summary.revised);
    expect(summary.byKind.moved_votes).toBe(rows.filter((r) => r.kinds.includes('moved_votes')).length);
    expect(summary.postedFalsified).toBeGreaterThan(0);
    expect(summary.postedFalsified).toBeLessThan(summary.falsified);
    for (const r of rows) {
      // A photo can show the forgery exactly when the station posted the truth.
      expect(r.protocolMismatch).toBe(r.falsified && !r.postedFalsified);
      expect(r.arithmeticBroken).toBe(r.kinds.includes('arithmetic_slip'));
      if (r.kinds.includes('moved_votes')) expect(Object.keys(r.stolen).length).toBeGreaterThan(0);
      if (!r.falsified) expect(r.stolen).toEqual({});
    }
    expect(summary.selfReports).toBe(e.selfReports.length);
    expect(summary.protocolPhotos).toBe(e.photos.length);
  });
});

describe('groundTruth of hand-made stations', () => {
  const base = generateElection({ ...defaultSyntheticOptions(1, 3), stations: 1, falsifiedShare: 0 });
  const honest = base.stations[0] as TSyntheticStation;
  const t = honest.truth;
  const withStation = (station: Partial<TSyntheticStation>): TSyntheticElection => ({
    ...base,
    stations: [{ ...honest, ...station }],
  });
  const slipped = { ...t, invalid: (t['invalid'] ?? 0) + 2 };
  const moved = { ...t, votes_cand_b: (t['votes_cand_b'] ?? 0) - 7, votes_cand_a: (t['votes_cand_a'] ?? 0) + 7 };

  it.each<[string, Partial<TSyntheticStation>, Record<string, unknown>]>([
    ['honest', {}, { falsified: false, postedFalsified: false, protocolMismatch: false, stolen: {} }],
    [
      'moved votes, forged protocol posted',
      {
        official: [moved],
        posted: moved,
        falsifications: [{ kind: 'moved_votes', from: 'cand_b', to: 'cand_a', votes: 7 }],
      },
      {
        falsified: true,
        postedFalsified: true,
        protocolMismatch: false,
        arithmeticBroken: false,
        stolen: { cand_b: 7 },
      },
    ],
    [
      'moved votes, truth posted, revised',
      {
        official: [t, moved],
        falsifications: [
          { kind: 'moved_votes', from: 'cand_b', to: 'cand_a', votes: 7 },
          { kind: 'substituted_protocol' },
        ],
      },
      { postedFalsified: false, protocolMismatch: true, revised: true, stolen: { cand_b: 7 } },
    ],
    [
      'a slip, posted too',
      {
        official: [slipped],
        posted: slipped,
        falsifications: [{ kind: 'arithmetic_slip', line: 'invalid', delta: 2 }],
      },
      { falsified: true, postedFalsified: true, arithmeticBroken: true, protocolMismatch: false, stolen: {} },
    ],
  ])('%s', (_, station, expected) => {
    expect(groundTruth(withStation(station)).get(honest.code)).toMatchObject(expected);
  });
});
