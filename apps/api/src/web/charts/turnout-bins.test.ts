import type { TStationResult } from '@crosstally/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BINS, binByChildRegion, binStations } from './turnout-bins.js';

let next = 0;
/** A station whose ballots counted are `counted`, `leader` of them for the leader. */
const station = (
  region: string,
  registered: number,
  issued: number,
  counted: number,
  leader: number,
): TStationResult => ({
  region,
  station: String((next += 1)),
  registered,
  ballotsIssued: issued,
  valid: counted,
  invalid: 0,
  votes: { lead: leader, other: Math.max(0, counted - leader) },
});

describe('binStations', () => {
  it('puts a whole percentage in its own bin, never the one below', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 0, max: 100 }), (k, pct) => {
        // k·pct of k·100 is exactly pct %.
        const bins = binStations([station('A', k * 100, k * pct, k * 100, k * pct)], 'lead');
        const bin = Math.min(pct, BINS - 1);
        expect(bins.histogram[bin]).toBe(1);
        expect(bins.grid[bin * BINS + bin]).toBe(1);
      }),
    );
  });

  it('draws each station once, and counts apart those above 100 % or without a denominator', () => {
    const bins = binStations(
      [
        station('A', 1000, 500, 500, 300), // turnout 50, share 60
        station('A', 1000, 505, 505, 303), // turnout 50, share 60
        station('A', 1000, 1000, 1000, 1000), // 100, 100: the last bins
        station('A', 1000, 1200, 1200, 600), // turnout above 100 %
        station('A', 1000, 400, 400, 500), // share above 100 %: in the histogram, not the grid
        station('A', 0, 0, 0, 0), // nobody on the list
        station('A', 1000, 10, 0, 0), // no ballot counted: no share, so in neither chart
      ],
      'lead',
    );
    expect(bins.histogram[50]).toBe(2);
    expect(bins.histogram[99]).toBe(1);
    expect(bins.histogram[40]).toBe(1);
    expect(bins.histogram[1]).toBe(0);
    expect(bins.stations).toBe(4);
    expect(bins.turnoutAbove100).toBe(1);
    expect(bins.shareAbove100).toBe(1);
    expect(bins.leftOut).toBe(2);
    expect(bins.grid[50 * BINS + 60]).toBe(2);
    expect(bins.grid[99 * BINS + 99]).toBe(1);
    expect(bins.gridStations).toBe(3);
  });

  it('accounts for every station, whatever the numbers', () => {
    const arbitraryStation = fc
      .record({ registered: fc.nat(3000), issued: fc.nat(3500), leader: fc.nat(3500) })
      .map(({ registered, issued, leader }) => station('A', registered, issued, issued, Math.min(leader, issued + 10)));
    fc.assert(
      fc.property(fc.array(arbitraryStation, { maxLength: 200 }), (stations) => {
        const bins = binStations(stations, 'lead');
        const histogramTotal = bins.histogram.reduce((a, b) => a + b, 0);
        const gridTotal = bins.grid.reduce((a, b) => a + b, 0);
        expect(histogramTotal).toBe(bins.stations);
        expect(gridTotal).toBe(bins.gridStations);
        expect(bins.stations + bins.turnoutAbove100 + bins.leftOut).toBe(stations.length);
        expect(bins.gridStations + bins.shareAbove100).toBe(bins.stations);
      }),
    );
  });
});

describe('binByChildRegion', () => {
  const stations = [
    station('Minsk/Frunzensky', 1000, 500, 500, 300),
    station('Minsk/Frunzensky', 1000, 700, 700, 300),
    station('Minsk/Leninsky', 1000, 600, 600, 300),
    station('Brest/Brest', 1000, 650, 650, 300),
  ];

  it('splits the whole election into its top-level regions, in name order', () => {
    const { all, children } = binByChildRegion(stations, 'lead', null);
    expect(all.stations).toBe(4);
    expect([...children.keys()]).toEqual(['Brest', 'Minsk']);
    expect(children.get('Minsk')!.stations).toBe(3);
    expect(children.get('Brest')!.histogram[65]).toBe(1);
  });

  it('splits a region into the regions one level below it', () => {
    const { all, children } = binByChildRegion(stations.slice(0, 3), 'lead', 'Minsk');
    expect(all.stations).toBe(3);
    expect([...children.keys()]).toEqual(['Minsk/Frunzensky', 'Minsk/Leninsky']);
    expect(children.get('Minsk/Frunzensky')!.histogram[70]).toBe(1);
  });

  it('has no children below a leaf region', () => {
    expect(binByChildRegion(stations.slice(0, 2), 'lead', 'Minsk/Frunzensky').children.size).toBe(0);
  });
});
