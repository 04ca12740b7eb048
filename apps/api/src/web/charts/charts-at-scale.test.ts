import { generateStationResults } from '@crosstally/shared';
import { describe, expect, it } from 'vitest';
import { gridSvg } from './grid-svg.js';
import { histogramSvg } from './histogram-svg.js';
import { binByChildRegion } from './turnout-bins.js';

// A country's worth of stations (10 % stuffed, 5 % rewritten to whole percentages): the
// charts must stay a page, not a download. Prints the figures; asserts only sizes.
describe('the charts of 100,000 stations', () => {
  it('bin and draw in a fraction of a second, in a few hundred kilobytes', () => {
    const { stations } = generateStationResults({
      seed: 7,
      stations: 100_000,
      regions: 7,
      candidates: 5,
      stuffedShare: 0.1,
      roundedShare: 0.05,
    });
    const text = { id: 'x', title: 't', desc: 'd', xLabel: 'x', yLabel: 'y' };
    const started = performance.now();
    const { all, children } = binByChildRegion(stations, 'cand_a', null);
    const binned = performance.now();
    const histogram = histogramSvg(all.histogram, text, 'large').value;
    const grid = gridSvg(all.grid, { ...text, legend: String }).value;
    const multiples = [...children.values()].map((b) => histogramSvg(b.histogram, text, 'small').value).join('');
    const drawn = performance.now();

    const cells = grid.match(/data-stations=/g)?.length ?? 0;
    const kb = (s: string) => Math.round(Buffer.byteLength(s) / 1024);
    console.log(
      `100,000 stations: binned in ${(binned - started).toFixed(0)} ms, drawn in ${(drawn - binned).toFixed(0)} ms; ` +
        `histogram ${kb(histogram)} KB, grid ${kb(grid)} KB (${cells} cells), ${children.size} regional histograms ${kb(multiples)} KB`,
    );
    expect(all.stations + all.turnoutAbove100 + all.leftOut).toBeGreaterThanOrEqual(99_000);
    expect(cells).toBeLessThanOrEqual(10_000);
    expect(Buffer.byteLength(histogram + grid + multiples)).toBeLessThan(800 * 1024);
  });
});
