import { describe, expect, it } from 'vitest';
import { planStrata, REMAINDER } from './strata.js';

const frame = new Map([
  ['A', 100],
  ['B', 50],
  ['C', 30],
  ['D', 20],
]);
const summary = (regions: string[]) =>
  planStrata(regions, frame).strata.map((s) => `${s.name}: ${s.population}/${s.sampled.length}`);

describe('strata', () => {
  it.each([
    [
      ['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D'],
      ['A: 100/2', 'B: 50/2', 'C: 30/2', 'D: 20/2'],
    ],
    [
      ['A', 'A', 'A', 'B', 'C', 'D'],
      ['A: 100/3', `${REMAINDER}: 100/3`],
    ],
    [
      ['A', 'A', 'A', 'B', 'B', 'C'],
      ['A: 100/3', `B + ${REMAINDER}: 100/3`],
    ],
    [
      ['A', 'A', 'A', 'B', 'B'],
      ['A: 100/3', 'B: 50/2'],
    ],
    [['C', 'D'], [`${REMAINDER}: 200/2`]],
  ])('%j → %j', (regions, expected) => {
    expect(summary(regions)).toEqual(expected);
  });

  it('says which regions it collapsed, joined or left out', () => {
    expect(planStrata(['A', 'A', 'B', 'C'], frame).notes[0]).toMatch(/collapsed.*B, C, D/);
    expect(planStrata(['A', 'A', 'A', 'B', 'B', 'C'], frame).notes[0]).toMatch(/joined the stratum of B/);
    const left = planStrata(['A', 'A', 'B', 'B'], frame);
    expect(left.uncovered).toEqual(['C', 'D']);
    expect(left.notes[0]).toMatch(/no sampled station in 2 region/);
  });

  it('never gives a stratum fewer stations than were sampled in it', () => {
    expect(summary(['X', 'X', 'X'])).toEqual(['X: 3/3']);
  });
});
