import { raw, type SafeHtml } from '../html.js';
import { BINS } from './turnout-bins.js';
import { escapeHtml } from '../html.js';
import { num, percentXAxis, svgOpen, valueYAxis, type TChartText, type TPlot } from './svg-frame.js';

/** Dark enough that the faintest cell keeps 3:1 against white (WCAG 1.4.11) at MIN_OPACITY. */
export const CELL_FILL = '#08306b';
export const MIN_OPACITY = 0.55;

export const gridPlot: TPlot = { left: 64, top: 12, width: 400, height: 400, fontSize: 12 };
const plot = gridPlot;
const LEGEND_ROW = 22;

/** Opacity steps: cells of one step share a group, so each cell writes only where and how many. */
const STEPS = 10;

/** A cell's opacity: log scale in STEPS steps, so that one station shows beside a cell of thousands. */
export function cellOpacity(n: number, max: number): number {
  if (max <= 1) return 1;
  const step = Math.round(((STEPS - 1) * Math.log(n)) / Math.log(max));
  return Math.round((MIN_OPACITY + ((1 - MIN_OPACITY) * step) / (STEPS - 1)) * 100) / 100;
}

/**
 * The turnout × leader-share scatter, binned: a 100 × 100 grid of 1-point cells, one rect
 * per cell that holds a station, darker for more. 100,000 stations make at most 10,000
 * shapes (a few thousand in practice) instead of 100,000 circles. Each rect carries its
 * count (`data-stations`); its bins are its position.
 */
export function gridSvg(grid: Uint32Array, text: TChartText & { legend: (n: number) => string }): SafeHtml {
  const cell = plot.width / BINS;
  const bottom = plot.top + plot.height;
  const max = grid.reduce((m, n) => Math.max(m, n), 0);
  const groups = new Map<number, string>();
  for (let t = 0; t < BINS; t++) {
    for (let s = 0; s < BINS; s++) {
      const n = grid[t * BINS + s]!;
      if (n === 0) continue;
      const opacity = cellOpacity(n, max);
      groups.set(
        opacity,
        (groups.get(opacity) ?? '') +
          `<rect x="${num(plot.left + t * cell)}" y="${num(bottom - (s + 1) * cell)}" width="${cell}" height="${cell}" data-stations="${n}"/>`,
      );
    }
  }
  const cells = [...groups].map(([opacity, rects]) => `<g fill-opacity="${opacity}">${rects}</g>`).join('');
  return raw(
    svgOpen(text, plot, 'chart grid', LEGEND_ROW) +
      valueYAxis(plot, 100, 10, text.yLabel, (v) => `${v}%`) +
      `<g class="cells" fill="${CELL_FILL}">${cells}</g>` +
      percentXAxis(plot, text.xLabel) +
      legend(max, text.legend) +
      '</svg>',
  );
}

/** The faintest and the darkest cell, with what they stand for. */
function legend(max: number, label: (n: number) => string): string {
  if (max === 0) return '';
  const y = plot.top + plot.height + plot.fontSize * 4 + LEGEND_ROW - 6;
  const x = plot.left;
  const keys = max > 1 ? [1, max] : [1];
  return keys
    .map(
      (n, i) =>
        `<rect x="${x + i * 140}" y="${num(y - 9)}" width="10" height="10" fill="${CELL_FILL}" fill-opacity="${cellOpacity(n, max)}"/>` +
        `<text x="${x + i * 140 + 14}" y="${num(y)}">${escapeHtml(label(n))}</text>`,
    )
    .join('');
}
