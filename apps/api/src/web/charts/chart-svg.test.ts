import { describe, expect, it } from 'vitest';
import { cellOpacity, gridPlot, gridSvg, MIN_OPACITY } from './grid-svg.js';
import { histogramSvg } from './histogram-svg.js';
import { niceScale } from './svg-frame.js';
import { BINS } from './turnout-bins.js';

const text = { id: 'c', title: 'Turnout <b>', desc: 'Desc & co', xLabel: 'Turnout', yLabel: 'Stations' };
const attrs = (svg: string, name: string) => [...svg.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);
const rects = (svg: string, marker: string) =>
  [...svg.matchAll(new RegExp(`<rect [^>]*${marker}[^>]*/>`, 'g'))].map((m) => m[0]);

describe('niceScale', () => {
  it.each([
    [0, 1, 1],
    [1, 1, 1],
    [3, 3, 1],
    [7, 8, 2],
    [37, 40, 10],
    [1234, 1500, 500],
    [99_000, 100_000, 50_000],
  ])('max %i → axis to %i in steps of %i', (max, top, step) => {
    expect(niceScale(max)).toEqual({ max: top, step });
  });
});

describe('histogramSvg', () => {
  const histogram = new Array<number>(BINS).fill(0);
  histogram[46] = 3;
  histogram[47] = 1;
  histogram[99] = 2;
  const svg = histogramSvg(histogram, text, 'large').value;

  it('draws one bar per filled bin, as tall as its count on a scale from 0', () => {
    const bars = rects(svg, 'data-bin');
    expect(bars.map((b) => attrs(b, 'data-bin')[0])).toEqual(['46', '47', '99']);
    const heights = bars.map((b) => Number(attrs(b, 'height')[0]));
    // The axis runs to 3 (niceScale): the fullest bar fills the plot, the others in proportion.
    expect(heights[0]).toBeCloseTo(220, 1);
    expect(heights[1]! / heights[0]!).toBeCloseTo(1 / 3, 2);
    expect(heights[2]! / heights[0]!).toBeCloseTo(2 / 3, 2);
  });

  it('is an image with an escaped title and description, and no style attribute', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="c-title"/);
    expect(svg).toContain('<title id="c-title">Turnout &lt;b&gt;</title>');
    expect(svg).toContain('<desc id="c-desc">Desc &amp; co</desc>');
    expect(svg).not.toContain('style=');
  });
});

describe('gridSvg', () => {
  it('draws one cell per filled grid cell at its turnout and share, darker for more', () => {
    const grid = new Uint32Array(BINS * BINS);
    grid[50 * BINS + 60] = 10;
    grid[90 * BINS + 95] = 1;
    const svg = gridSvg(grid, { ...text, legend: (n) => `stations: ${n}` }).value;
    const groups = [...svg.matchAll(/<g fill-opacity="([\d.]+)">(.*?)<\/g>/g)].map((m) => ({
      opacity: Number(m[1]),
      cells: rects(m[2]!, 'data-stations'),
    }));
    const cell = gridPlot.width / BINS;
    const drawn = groups.flatMap(({ opacity, cells }) =>
      cells.map((c) => ({
        turnout: (Number(attrs(c, 'x')[0]) - gridPlot.left) / cell,
        share: (gridPlot.top + gridPlot.height - Number(attrs(c, 'y')[0])) / cell - 1,
        stations: Number(attrs(c, 'data-stations')[0]),
        opacity,
      })),
    );
    expect(drawn.sort((a, b) => a.turnout - b.turnout)).toEqual([
      { turnout: 50, share: 60, stations: 10, opacity: 1 },
      { turnout: 90, share: 95, stations: 1, opacity: MIN_OPACITY },
    ]);
  });

  it('keeps opacity between the floor and 1, growing with the count', () => {
    let last = 0;
    for (const n of [1, 2, 10, 100, 5000]) {
      const o = cellOpacity(n, 5000);
      expect(o).toBeGreaterThanOrEqual(MIN_OPACITY);
      expect(o).toBeGreaterThanOrEqual(last);
      last = o;
    }
    expect(last).toBe(1);
  });
});
