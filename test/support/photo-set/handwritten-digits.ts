import type { TBox } from '@crosstally/shared';
import type { Prng } from './prng.js';

/** A point of a digit's stroke in glyph units: x from 0 to 0.6 (the glyph's width), y from 0 (top) to 1 (baseline). */
export type TPoint = readonly [number, number];

/**
 * How a hand writes each digit: one or two pen strokes, each a polyline through these
 * points, drawn as a smooth curve. Shaped on the Cyrillic-school hand (a 1 with a flag, a 7
 * that is sometimes crossed, a 4 open at the top), which is what Belarusian commissions write.
 */
export const digitStrokes: Readonly<Record<string, readonly (readonly TPoint[])[]>> = {
  '0': [
    [
      [0.32, 0.0],
      [0.12, 0.1],
      [0.03, 0.4],
      [0.06, 0.76],
      [0.24, 0.99],
      [0.44, 0.94],
      [0.57, 0.64],
      [0.55, 0.26],
      [0.43, 0.04],
      [0.28, 0.02],
    ],
  ],
  '1': [
    [
      [0.12, 0.26],
      [0.27, 0.12],
      [0.38, 0.0],
      [0.36, 0.5],
      [0.35, 1.0],
    ],
  ],
  '2': [
    [
      [0.05, 0.24],
      [0.14, 0.06],
      [0.33, 0.0],
      [0.51, 0.08],
      [0.55, 0.27],
      [0.45, 0.5],
      [0.22, 0.76],
      [0.02, 0.99],
      [0.3, 0.98],
      [0.6, 0.98],
    ],
  ],
  '3': [
    [
      [0.05, 0.1],
      [0.25, 0.0],
      [0.47, 0.05],
      [0.54, 0.22],
      [0.44, 0.4],
      [0.24, 0.47],
      [0.47, 0.55],
      [0.58, 0.74],
      [0.5, 0.93],
      [0.28, 1.0],
      [0.03, 0.91],
    ],
  ],
  '4': [
    [
      [0.42, 0.0],
      [0.22, 0.33],
      [0.02, 0.66],
      [0.3, 0.66],
      [0.6, 0.65],
    ],
    [
      [0.47, 0.3],
      [0.46, 0.65],
      [0.45, 1.0],
    ],
  ],
  '5': [
    [
      [0.56, 0.01],
      [0.32, 0.01],
      [0.13, 0.0],
      [0.09, 0.44],
      [0.3, 0.39],
      [0.51, 0.47],
      [0.58, 0.69],
      [0.5, 0.9],
      [0.29, 1.0],
      [0.04, 0.92],
    ],
  ],
  '6': [
    [
      [0.5, 0.02],
      [0.29, 0.11],
      [0.12, 0.36],
      [0.05, 0.66],
      [0.12, 0.9],
      [0.3, 1.0],
      [0.5, 0.92],
      [0.57, 0.72],
      [0.47, 0.55],
      [0.29, 0.5],
      [0.11, 0.6],
      [0.06, 0.72],
    ],
  ],
  '7': [
    [
      [0.01, 0.03],
      [0.3, 0.02],
      [0.6, 0.0],
      [0.42, 0.45],
      [0.24, 1.0],
    ],
  ],
  '8': [
    [
      [0.5, 0.12],
      [0.3, 0.0],
      [0.1, 0.1],
      [0.12, 0.3],
      [0.3, 0.45],
      [0.52, 0.6],
      [0.58, 0.8],
      [0.45, 0.97],
      [0.27, 1.0],
      [0.08, 0.92],
      [0.04, 0.75],
      [0.15, 0.58],
      [0.3, 0.47],
      [0.47, 0.32],
      [0.51, 0.13],
    ],
  ],
  '9': [
    [
      [0.55, 0.3],
      [0.44, 0.46],
      [0.27, 0.5],
      [0.09, 0.41],
      [0.05, 0.21],
      [0.18, 0.03],
      [0.38, 0.0],
      [0.55, 0.12],
      [0.55, 0.32],
      [0.49, 0.66],
      [0.36, 1.0],
    ],
  ],
  '-': [
    [
      [0.08, 0.6],
      [0.3, 0.59],
      [0.52, 0.58],
    ],
  ],
};

/** The crossbar some hands put on a 7. */
const sevenBar: readonly TPoint[] = [
  [0.2, 0.5],
  [0.38, 0.5],
  [0.56, 0.49],
];

/** One writer's hand: the same writer fills every line of a protocol, so these stay fixed across it. */
export type THandwriting = {
  /** Shear of the glyphs: x moves right by slant × (height above the baseline). */
  slant: number;
  /** Pen width as a fraction of the digit height. */
  penWidth: number;
  /** Random wobble of every stroke point, as a fraction of the digit height. */
  jitter: number;
  /** Digit height as a fraction of the box height. */
  size: number;
  /** Advance between digits, as a fraction of the digit height. */
  advance: number;
  crossedSeven: boolean;
  ink: string;
};

/** A random writer. */
export function randomHandwriting(rng: Prng): THandwriting {
  return {
    slant: rng.range(-0.05, 0.35),
    penWidth: rng.range(0.08, 0.13),
    jitter: rng.range(0.015, 0.04),
    size: rng.range(0.5, 0.68),
    advance: rng.range(0.62, 0.8),
    crossedSeven: rng.chance(0.5),
    ink: rng.pick(['#1f2f8c', '#243a9e', '#1b1f3a', '#2a2a2a', '#13215e']),
  };
}

export type THandwrittenOptions = {
  align?: 'left' | 'centre' | 'right';
  /** How much of the box width the number may take. */
  maxWidth?: number;
};

/**
 * A number written by hand into a box, as an SVG fragment in the box's coordinates: each
 * digit's strokes from the table, each stroke moved by its own small offset, each point
 * wobbled, the digit scaled and slanted by the writer's hand plus a little per digit, the
 * whole number drifting off a straight baseline. Deterministic for the generator's state.
 */
export function handwrittenNumberSvg(
  text: string,
  box: TBox,
  hand: THandwriting,
  rng: Prng,
  options: THandwrittenOptions = {},
): string {
  const glyphs = [...text].filter((ch) => digitStrokes[ch] !== undefined);
  if (glyphs.length === 0) return '';
  let height = box.height * hand.size;
  const maxWidth = box.width * (options.maxWidth ?? 0.9);
  const naturalWidth = (glyphs.length - 1) * hand.advance * height + 0.6 * height + hand.slant * height;
  if (naturalWidth > maxWidth) height *= maxWidth / naturalWidth;
  const width = (glyphs.length - 1) * hand.advance * height + 0.6 * height + Math.max(0, hand.slant) * height;
  const align = options.align ?? 'centre';
  const slack = box.width - width;
  const left =
    box.x + (align === 'left' ? slack * 0.08 : align === 'right' ? slack * 0.92 : slack / 2) + rng.signed(slack * 0.04);
  // Writers sit the digits low in a box rather than in its middle.
  const baseline = box.y + Math.min(box.height * 0.88, box.height / 2 + height * 0.62) + rng.signed(box.height * 0.05);
  const drift = rng.signed(0.04); // baseline slope, height per digit
  const pen = Math.max(0.6, hand.penWidth * height);
  const paths: string[] = [];
  glyphs.forEach((ch, i) => {
    const scale = height * rng.range(0.9, 1.08);
    const slant = hand.slant + rng.signed(0.06);
    const x0 = left + i * hand.advance * height + rng.signed(0.05 * height);
    const y0 = baseline + i * drift * height + rng.signed(0.04 * height);
    const strokes = [...(digitStrokes[ch] ?? [])];
    if (ch === '7' && hand.crossedSeven) strokes.push(sevenBar);
    for (const stroke of strokes) {
      const dx = rng.signed(0.03);
      const dy = rng.signed(0.03);
      const points = stroke.map(([x, y]): TPoint => {
        const gx = x + dx + rng.signed(hand.jitter);
        const gy = y + dy + rng.signed(hand.jitter);
        return [x0 + (gx + (1 - gy) * slant) * scale, y0 - (1 - gy) * scale];
      });
      const w = pen * rng.range(0.85, 1.15);
      paths.push(
        `<path d="${smoothPath(points)}" fill="none" stroke="${hand.ink}" stroke-width="${w.toFixed(2)}" ` +
          `stroke-linecap="round" stroke-linejoin="round" stroke-opacity="${rng.range(0.82, 0.97).toFixed(2)}"/>`,
      );
    }
  });
  return paths.join('');
}

/** A Catmull-Rom curve through the points, as cubic Bézier segments: a pen does not draw corners between samples. */
export function smoothPath(points: readonly TPoint[]): string {
  const p = (i: number): TPoint => points[Math.max(0, Math.min(points.length - 1, i))] ?? [0, 0];
  const f = (n: number) => n.toFixed(2);
  let d = `M${f(p(0)[0])} ${f(p(0)[1])}`;
  for (let i = 0; i < points.length - 1; i += 1) {
    const [x0, y0] = p(i - 1);
    const [x1, y1] = p(i);
    const [x2, y2] = p(i + 1);
    const [x3, y3] = p(i + 2);
    const c1x = x1 + (x2 - x0) / 6;
    const c1y = y1 + (y2 - y0) / 6;
    const c2x = x2 - (x3 - x1) / 6;
    const c2y = y2 - (y3 - y1) / 6;
    d += `C${f(c1x)} ${f(c1y)} ${f(c2x)} ${f(c2y)} ${f(x2)} ${f(y2)}`;
  }
  return d;
}
