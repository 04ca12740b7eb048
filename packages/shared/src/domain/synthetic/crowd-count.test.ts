import { describe, expect, it } from 'vitest';
import { countSelfReports } from './crowd-count.js';
import type { TSyntheticSelfReport } from './synthetic-types.js';

/** A report at station S for `candidate` by `token`, with an optional photo. */
function r(token: string, candidate: string, photo: string | null = null, station = 'S'): TSyntheticSelfReport {
  return {
    station,
    candidate,
    voterKind: 'phone',
    voterToken: token,
    ballotPhoto: photo,
    isFalse: false,
    isDuplicate: false,
  };
}

describe('countSelfReports (the reference count under the default policy)', () => {
  it.each<[string, TSyntheticSelfReport[], Record<string, [number, number]>]>([
    ['one verified, one without photo', [r('t1', 'a', 'p1'), r('t2', 'a')], { a: [1, 1] }],
    ['one photo under two tokens verifies neither', [r('t1', 'a', 'p1'), r('t2', 'b', 'p1')], { a: [0, 1], b: [0, 1] }],
    [
      'the same voter re-sending the same photo stays verified, once',
      [r('t1', 'a', 'p1'), r('t1', 'a', 'p1')],
      { a: [1, 0] },
    ],
    ['the later report replaces the earlier', [r('t1', 'a', 'p1'), r('t1', 'b')], { b: [0, 1] }],
    [
      // p1's owner changed their report: p1 is still someone else's photo for t2.
      'a superseded report still makes its photo shared',
      [r('t1', 'a', 'p1'), r('t2', 'b', 'p1'), r('t1', 'c')],
      { b: [0, 1], c: [0, 1] },
    ],
  ])('%s', (_, reports, expected) => {
    const counts = countSelfReports(reports).get('S') ?? [];
    const asRecord = Object.fromEntries(counts.map((c) => [c.candidate, [c.verified, c.unverified]]));
    expect(asRecord).toEqual(expected);
  });

  it('counts each station apart, mistyped codes included', () => {
    const counts = countSelfReports([r('t1', 'a', 'p1', 'S'), r('t2', 'a', 'p2', 'S-typo')]);
    expect([...counts.keys()]).toEqual(['S', 'S-typo']);
    expect(counts.get('S-typo')).toEqual([{ candidate: 'a', verified: 1, unverified: 0 }]);
  });

  it('is empty for no reports', () => {
    expect(countSelfReports([]).size).toBe(0);
  });
});
