import { describe, expect, it } from 'vitest';
import { applyHomography, solveHomography } from './homography.js';

describe('solveHomography', () => {
  it('maps the four points onto their images and others consistently', () => {
    const from = [
      { x: 50, y: 50 },
      { x: 950, y: 50 },
      { x: 50, y: 1364 },
      { x: 950, y: 1364 },
    ];
    const to = [
      { x: 210.4, y: 180.2 },
      { x: 1290.7, y: 230.9 },
      { x: 160.3, y: 1801.5 },
      { x: 1330.1, y: 1770.8 },
    ];
    const h = solveHomography(from, to)!;
    from.forEach((p, i) => {
      const q = applyHomography(h, p);
      expect(q.x).toBeCloseTo(to[i]!.x, 6);
      expect(q.y).toBeCloseTo(to[i]!.y, 6);
    });
  });

  it('refuses three points on a line', () => {
    const line = [0, 1, 2].map((i) => ({ x: i, y: i }));
    expect(solveHomography([...line, { x: 5, y: 0 }], [...line, { x: 5, y: 0 }])).toBeNull();
  });
});
