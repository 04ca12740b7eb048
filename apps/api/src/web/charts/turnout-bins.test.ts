import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BINS, binByChildRegion, binOf, binPoints, type TTurnoutPoint } from './turnout-bins.js';

const point = (region: string, registered: number, issued: number, counted: number, leader: number): TTurnoutPoint => ({
  region,
  registered,
  issued,
  counted,
  leader,
});

describe('binOf', () => {
  it.each([
    [0, 100, 0],
    [57, 100, 57],
    [569, 1000, 56],
    [57, 57, 99],
    [1, 3, 33],
    [2, 3, 66],
    [999, 1000, 99],
    [1001, 1000, -1],
    [7, 700, 1],
  ])('%i of %i is bin %i', (count, total, bin) => {
    expect(binOf(count, total)).toBe(bin);
  });

  it('puts a whole percentage in its own bin, never the one below', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 0, max: 100 }), (k, pct) => {
        // k·pct of k·100 is exactly pct %.
        expect(binOf(k * pct, k * 100)).toBe(Math.min(pct, BINS - 1));
      }),
    );
  });
});

describe('binPoints', () => {
  it('draws each station once, and counts apart those above 100 % or without a denominator', () => {
    const bins = binPoints([
      point('A', 1000, 500, 500, 300), // turnout 50, share 60
      point('A', 1000, 505, 505, 303), // turnout 50, share 60
      point('A', 1000, 1000, 1000, 1000), // 100, 100: the last bins
      point('A', 1000, 1200, 1200, 600), // turnout above 100 %
      point('A', 1000, 400, 400, 500), // share above 100 %: in the histogram, not the grid
      point('A', 0, 0, 0, 0), // nobody on the list
      point('A', 1000, 10, 0, 0), // no ballot counted: histogram only
    ]);
    expect(bins.histogram[50]).toBe(2);
    expect(bins.histogram[99]).toBe(1);
    expect(bins.histogram[40]).toBe(1);
    expect(bins.histogram[1]).toBe(1);
    expect(bins.stations).toBe(5);
    expect(bins.turnoutAbove100).toBe(1);
    expect(bins.shareAbove100).toBe(1);
    expect(bins.leftOut).toBe(2);
    expect(bins.grid[50 * BINS + 60]).toBe(2);
    expect(bins.grid[99 * BINS + 99]).toBe(1);
    expect(bins.gridStations).toBe(3);
  });

  it('accounts for every station, whatever the numbers', () => {
    const arbitraryPoint = fc
      .record({ registered: fc.nat(3000), issued: fc.nat(3500), leader: fc.nat(3500) })
      .map(({ registered, issued, leader }) => point('A', registered, issued, issued, Math.min(leader, issued + 10)));
    fc.assert(
      fc.property(fc.array(arbitraryPoint, { maxLength: 200 }), (points) => {
        const bins = binPoints(points);
        const histogramTotal = bins.histogram.reduce((a, b) => a + b, 0);
        const gridTotal = bins.grid.reduce((a, b) => a + b, 0);
        expect(histogramTotal).toBe(bins.stations);
        expect(gridTotal).toBe(bins.gridStations);
        const noList = points.filter((p) => !(p.registered > 0)).length;
        expect(bins.stations + bins.turnoutAbove100 + noList).toBe(points.length);
        expect(bins.gridStations + bins.shareAbove100 + bins.leftOut - noList).toBe(bins.stations);
      }),
    );
  });
});

describe('binByChildRegion', () => {
  const points = [
    point('Minsk/Frunzensky', 1000, 500, 500, 300),
    point('Minsk/Frunzensky', 1000, 700, 700, 300),
    point('Minsk/Leninsky', 1000, 600, 600, 300),
    point('Brest/Brest', 1000, 650, 650, 300),
  ];

  it('splits the whole election into its top-level regions, in name order', () => {
    const { all, children } = binByChildRegion(points, null);
    expect(all.stations).toBe(4);
    expect([...children.keys()]).toEqual(['Brest', 'Minsk']);
    expect(children.get('Minsk')!.stations).toBe(3);
    expect(children.get('Brest')!.histogram[65]).toBe(1);
  });

  it('splits a region into the regions one level below it', () => {
    const { all, children } = binByChildRegion(points.slice(0, 3), 'Minsk');
    expect(all.stations).toBe(3);
    expect([...children.keys()]).toEqual(['Minsk/Frunzensky', 'Minsk/Leninsky']);
    expect(children.get('Minsk/Frunzensky')!.histogram[70]).toBe(1);
  });

  it('has no children below a leaf region', () => {
    expect(binByChildRegion(points.slice(0, 2), 'Minsk/Frunzensky').children.size).toBe(0);
  });
});
