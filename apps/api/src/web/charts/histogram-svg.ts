import { raw, type SafeHtml } from '../html.js';
import { niceScale, num, percentXAxis, svgOpen, valueYAxis, type TChartText, type TPlot } from './svg-frame.js';

export const BAR_FILL = '#0b5394';

const sizes = {
  large: { left: 64, top: 12, width: 600, height: 220, fontSize: 12 },
  small: { left: 44, top: 8, width: 300, height: 110, fontSize: 12 },
} satisfies Record<string, TPlot>;

/**
 * The turnout histogram: one bar per 1-point bin that holds a station, its height the
 * station count on a scale from 0. Each bar carries its bin and count (`data-bin`,
 * `data-stations`) so that what is drawn can be checked against the data.
 */
export function histogramSvg(histogram: readonly number[], text: TChartText, size: keyof typeof sizes): SafeHtml {
  const plot = sizes[size];
  const { max, step } = niceScale(Math.max(0, ...histogram), size === 'small' ? 2 : 4);
  const barWidth = plot.width / histogram.length;
  const bottom = plot.top + plot.height;
  let bars = '';
  histogram.forEach((n, bin) => {
    if (n === 0) return;
    const height = (n / max) * plot.height;
    bars +=
      `<rect x="${num(plot.left + bin * barWidth)}" y="${num(bottom - height)}" width="${num(barWidth * 0.9)}" ` +
      `height="${num(height)}" data-bin="${bin}" data-stations="${n}"/>`;
  });
  return raw(
    svgOpen(text, plot, `chart histogram ${size}`) +
      valueYAxis(plot, max, step, text.yLabel, String) +
      `<g class="bars" fill="${BAR_FILL}">${bars}</g>` +
      percentXAxis(plot, text.xLabel) +
      '</svg>',
  );
}
