import { escapeHtml } from '../html.js';

/**
 * The frame every chart shares: the plot area, axes with ticks and labels, the accessible
 * name and description. Charts are strings built from numbers and escaped text, so a page
 * can hold thousands of shapes without a template call each. Presentation attributes only:
 * the site's CSP allows no style attribute.
 */
export type TPlot = {
  /** Left and top edges of the plot area, in viewBox units. */
  left: number;
  top: number;
  width: number;
  height: number;
  fontSize: number;
};

export type TChartText = {
  /** Unique in the page: the title's and description's ids derive from it. */
  id: string;
  title: string;
  desc: string;
  xLabel: string;
  yLabel: string;
};

export const INK = '#1a1a1a';
const AXIS = '#555555';
const GRID = '#dddddd';
const FONT = 'system-ui, sans-serif';

/** The axis maximum: the count rounded up to a step of 1, 2 or 5 × 10ⁿ, about `ticks` steps. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const whole = Math.max(1, Math.round(step));
  return { max: Math.ceil(max / whole) * whole, step: whole };
}

export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** `extraBottom`: room below the x axis's label, for a legend. */
export function svgOpen(text: TChartText, plot: TPlot, className: string, extraBottom = 0): string {
  const width = plot.left + plot.width + 16;
  const height = plot.top + plot.height + plot.fontSize * 4 + extraBottom;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${className}" viewBox="0 0 ${num(width)} ${num(height)}" ` +
    `role="img" aria-labelledby="${text.id}-title" aria-describedby="${text.id}-desc" ` +
    `font-family="${FONT}" font-size="${plot.fontSize}" fill="${INK}">` +
    `<title id="${text.id}-title">${escapeHtml(text.title)}</title>` +
    `<desc id="${text.id}-desc">${escapeHtml(text.desc)}</desc>`
  );
}

/** Percent ticks every 10 points along x (0–100 %), light grid lines, and the x label. */
export function percentXAxis(plot: TPlot, label: string): string {
  const bottom = plot.top + plot.height;
  let out = '';
  for (let pct = 0; pct <= 100; pct += plot.width >= 400 ? 10 : 20) {
    const x = num(plot.left + (pct / 100) * plot.width);
    out +=
      `<line x1="${x}" y1="${bottom}" x2="${x}" y2="${num(bottom + 4)}" stroke="${AXIS}"/>` +
      `<text x="${x}" y="${num(bottom + 4 + plot.fontSize)}" text-anchor="middle">${pct}%</text>`;
  }
  out += `<line x1="${plot.left}" y1="${bottom}" x2="${plot.left + plot.width}" y2="${bottom}" stroke="${AXIS}"/>`;
  const labelY = num(bottom + 8 + plot.fontSize * 2.2);
  return (
    out + `<text x="${num(plot.left + plot.width / 2)}" y="${labelY}" text-anchor="middle">${escapeHtml(label)}</text>`
  );
}

/** Value ticks along y from 0 (bottom) to `max`, with `format` for each tick's text. */
export function valueYAxis(
  plot: TPlot,
  max: number,
  step: number,
  label: string,
  format: (v: number) => string,
): string {
  const bottom = plot.top + plot.height;
  let out = '';
  for (let v = 0; v <= max + 1e-9; v += step) {
    const y = num(bottom - (v / max) * plot.height);
    out +=
      (v > 0 ? `<line x1="${plot.left}" y1="${y}" x2="${plot.left + plot.width}" y2="${y}" stroke="${GRID}"/>` : '') +
      `<line x1="${plot.left - 4}" y1="${y}" x2="${plot.left}" y2="${y}" stroke="${AXIS}"/>` +
      `<text x="${plot.left - 7}" y="${num(Number(y) + plot.fontSize / 3)}" text-anchor="end">${escapeHtml(format(v))}</text>`;
  }
  out += `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${bottom}" stroke="${AXIS}"/>`;
  const x = num(plot.fontSize);
  const y = num(plot.top + plot.height / 2);
  return (
    out + `<text x="${x}" y="${y}" text-anchor="middle" transform="rotate(-90 ${x} ${y})">${escapeHtml(label)}</text>`
  );
}
