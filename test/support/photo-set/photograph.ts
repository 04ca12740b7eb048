import { pageHeight, pageWidth } from '@crosstally/shared';
import sharp from 'sharp';
import { Prng } from './prng.js';

/** A projective map, row-major 3 × 3: (x, y) → ((h0·x + h1·y + h2) / w, (h3·x + h4·y + h5) / w), w = h6·x + h7·y + h8. */
export type THomography = [number, number, number, number, number, number, number, number, number];
export type TPoint2 = { x: number; y: number };
export type TSide = 'left' | 'right' | 'top' | 'bottom';

export type TPhotographOptions = {
  seed: number;
  /** The photo's size in pixels: 1500 × 2000 (a 3 MP portrait phone photo) unless given. */
  width?: number;
  height?: number;
  /** In-plane rotation of the sheet, degrees (either sign). */
  rotation: number;
  /** Keystone from a tilted phone: how much the far edge of the page shrinks, 0 (none) to about 0.2. */
  perspective: number;
  /** How much of the frame the (rotated) page takes, 0.5 to 0.95. */
  fill: number;
  /** Uneven light: a linear gradient across the frame (0..0.6) and a darkening towards the edges (0..0.6). */
  light: { gradient: number; vignette: number };
  /** Depth of a soft shadow (a phone or a hand) across part of the frame, 0 (none) to about 0.6. */
  shadow: number;
  /** Gaussian blur sigma, in photo pixels; below 0.3 none. */
  blur: number;
  /** Sensor noise: standard deviation in 8-bit levels. */
  noise: number;
  /** JPEG quality, 1..100. */
  quality: number;
  /** Another page lying next to the sheet, in the same plane, partly in the frame. */
  nextPage?: { png: TPageSource; side: TSide };
};

export type TPhoto = {
  jpeg: Buffer;
  width: number;
  height: number;
  /** Ground truth: layout units (the 1000 × 1414 page) → photo pixels (pixel centres at +0.5). */
  homography: THomography;
};

/** The page corners in layout units: top-left, top-right, bottom-right, bottom-left. */
const pageCorners: TPoint2[] = [
  { x: 0, y: 0 },
  { x: pageWidth, y: 0 },
  { x: pageWidth, y: pageHeight },
  { x: 0, y: pageHeight },
];

/** Raw interleaved RGB pixels (3 channels). */
export type TRawImage = { data: Buffer; width: number; height: number };

/**
 * A page image (the 1000 × 1414 layout at any scale): an encoded image, raw RGB, or a
 * function that draws it at the scale asked for (pixels per layout unit), which saves a
 * resize: the camera decides how large the page comes out.
 */
export type TPageSource = Buffer | TRawImage | ((scale: number) => Promise<Buffer | TRawImage>);

/**
 * A phone photo of a printed sheet: the sheet on a table, maybe with the next page beside
 * it, seen through a tilted and turned camera, in uneven light with a shadow, blurred, noisy
 * and JPEG-compressed. sharp has only affine transforms, so the perspective warp is done
 * here: each output pixel is mapped back through the inverse homography onto the table
 * plane (layout units) and takes the sheet's, the next page's or the table's colour there,
 * sampled bilinearly, times the light and the shadow. Then sharp blurs, noise is added, and
 * sharp encodes. Deterministic for the options.
 */
export async function photograph(sheet: TPageSource, options: TPhotographOptions): Promise<TPhoto> {
  const width = options.width ?? 1500;
  const height = options.height ?? 2000;
  const rng = Prng.derive('photograph', options.seed);
  const corners = placePage(width, height, options, options.nextPage?.side, rng);
  const homography = homographyFromPoints(pageCorners, corners);
  // The page is drawn at about its size in the photo (at its nearest, largest edge): finer
  // would only alias, coarser would blur.
  const pageScale = Math.max(
    ...corners.map((c, i) => {
      const d = corners[(i + 1) % 4]!;
      return Math.hypot(d.x - c.x, d.y - c.y) / (i % 2 === 0 ? pageWidth : pageHeight);
    }),
  );
  const scale = Math.min(3, Math.ceil(pageScale * 1.05 * 20) / 20);
  const [page, next] = await Promise.all([
    pageAt(sheet, scale),
    options.nextPage ? pageAt(options.nextPage.png, scale) : Promise.resolve(undefined),
  ]);
  const scene = makeScene(options, rng, page, next);
  let pixels: Buffer = warp(scene, invertHomography(homography), width, height, options, rng);
  if (options.blur >= 0.3) {
    pixels = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .blur(options.blur)
      .raw()
      .toBuffer();
  }
  addNoise(pixels, options.noise, rng);
  const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: options.quality, chromaSubsampling: '4:2:0' })
    .toBuffer();
  return { jpeg, width, height, homography };
}

/** The page as raw RGB at about `scale` pixels per layout unit. */
async function pageAt(source: TPageSource, scale: number): Promise<TRawImage> {
  const image = typeof source === 'function' ? await source(scale) : source;
  if (!Buffer.isBuffer(image)) return image;
  const meta = await sharp(image).metadata();
  let pipeline = sharp(image).removeAlpha();
  if ((meta.width ?? 0) > pageWidth * scale * 1.1) {
    pipeline = pipeline.resize(Math.round(pageWidth * scale), Math.round(pageHeight * scale), { fit: 'fill' });
  }
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Where the page's four corners land in the photo. */
function placePage(width: number, height: number, o: TPhotographOptions, side: TSide | undefined, rng: Prng) {
  const theta = (o.rotation * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const bw = pageWidth * Math.abs(cos) + pageHeight * Math.abs(sin);
  const bh = pageWidth * Math.abs(sin) + pageHeight * Math.abs(cos);
  const k = o.fill * Math.min(width / bw, height / bh);
  const slackX = (width - k * bw) / 2;
  const slackY = (height - k * bh) / 2;
  // Off centre a little; away from the next page, so that a strip of it shows.
  let cx = width / 2 + rng.signed(slackX * 0.4);
  let cy = height / 2 + rng.signed(slackY * 0.4);
  if (side === 'left') cx += slackX * 0.5;
  if (side === 'right') cx -= slackX * 0.5;
  if (side === 'top') cy += slackY * 0.5;
  if (side === 'bottom') cy -= slackY * 0.5;
  const tilt = rng.range(0, 2 * Math.PI);
  const tx = Math.cos(tilt);
  const ty = Math.sin(tilt);
  let points = pageCorners.map((p) => {
    const px = p.x - pageWidth / 2;
    const py = p.y - pageHeight / 2;
    // The far side of a tilted page shrinks towards the centre, the near side grows.
    const along = (px * tx + py * ty) / Math.hypot(pageWidth / 2, pageHeight / 2);
    const m = k * (1 - o.perspective * along);
    const jitter = o.perspective * 0.25 * k * pageWidth;
    return {
      x: cx + m * (px * cos - py * sin) + rng.signed(jitter),
      y: cy + m * (px * sin + py * cos) + rng.signed(jitter),
    };
  });
  // Keep the whole page (all four corner marks) in the frame, with a margin.
  const margin = 0.02 * Math.min(width, height);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const spanX = Math.max(...xs) - Math.min(...xs);
  const spanY = Math.max(...ys) - Math.min(...ys);
  const fit = Math.min(1, (width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const mx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const my = (Math.max(...ys) + Math.min(...ys)) / 2;
  points = points.map((p) => ({ x: mx + (p.x - mx) * fit, y: my + (p.y - my) * fit }));
  const shiftX = clampShift(Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x)), margin, width);
  const shiftY = clampShift(Math.min(...points.map((p) => p.y)), Math.max(...points.map((p) => p.y)), margin, height);
  return points.map((p) => ({ x: p.x + shiftX, y: p.y + shiftY }));
}

function clampShift(low: number, high: number, margin: number, size: number): number {
  if (low < margin) return margin - low;
  if (high > size - margin) return size - margin - high;
  return 0;
}

/** What lies on the table plane, in layout units: the sheet at (0, 0), maybe the next page, and the table. */
type TScene = {
  page: TRawImage;
  /** The next page: its centre in layout units, its turn (cos, sin), and its image. */
  next?: { image: TRawImage; cx: number; cy: number; cos: number; sin: number };
  table: [number, number, number];
  /** Grain of the table: a brightness factor per layout unit along one axis, from `grainFrom`. */
  grain: Float32Array;
  grainAlongX: boolean;
  grainFrom: number;
};

function makeScene(o: TPhotographOptions, rng: Prng, page: TRawImage, next: TRawImage | undefined): TScene {
  const table = rng.pick<[number, number, number]>([
    [92, 70, 52], // wood
    [120, 94, 68],
    [70, 72, 76], // grey desk
    [48, 52, 60], // dark cloth
    [140, 132, 120], // a wall or a board
  ]);
  // Streaks of a smooth random walk, a little over the widest the camera can see.
  const grainFrom = -1600;
  const grain = new Float32Array(pageHeight + 3200);
  let level = 1;
  let drift = 0;
  for (let k = 0; k < grain.length; k += 1) {
    drift = drift * 0.9 + rng.signed(0.01);
    level = Math.min(1.15, Math.max(0.85, level + drift));
    grain[k] = level;
  }
  const scene: TScene = { page, table, grain, grainAlongX: rng.chance(0.5), grainFrom };
  if (next && o.nextPage) {
    const gap = rng.range(-30, 60);
    const slide = rng.signed(160);
    const offsets: Record<TSide, TPoint2> = {
      left: { x: -pageWidth - gap, y: slide },
      right: { x: pageWidth + gap, y: slide },
      top: { x: slide, y: -pageHeight - gap },
      bottom: { x: slide, y: pageHeight + gap },
    };
    const at = offsets[o.nextPage.side];
    const turn = (rng.signed(4) * Math.PI) / 180;
    scene.next = {
      image: next,
      cx: at.x + pageWidth / 2,
      cy: at.y + pageHeight / 2,
      cos: Math.cos(turn),
      sin: Math.sin(turn),
    };
  }
  return scene;
}

/** The camera: each photo pixel back onto the table plane, its colour there, times the light. */
function warp(scene: TScene, toLayout: THomography, width: number, height: number, o: TPhotographOptions, rng: Prng) {
  // Imports are property reads under vitest's module runner: keep them out of the loop.
  const pw = pageWidth;
  const ph = pageHeight;
  const pixels = Buffer.alloc(width * height * 3);
  // A clamped view rounds and clips on store, faster than doing it by hand.
  const out = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  const [a, b, c, d, e, f, g, h, i] = toLayout;
  const page = scene.page;
  const pageSx = page.width / pw;
  const pageSy = page.height / ph;
  const next = scene.next;
  const nextSx = next ? next.image.width / pw : 0;
  const nextSy = next ? next.image.height / ph : 0;
  const [tableR, tableG, tableB] = scene.table;
  const { grain, grainAlongX, grainFrom } = scene;
  const rgb = new Float64Array(3);

  // Light: exposure × (1 + a linear gradient) × (1 − vignette around an off-centre spot), and a warm or cool cast.
  const exposure = rng.range(0.92, 1.06);
  const dir = rng.range(0, 2 * Math.PI);
  const gradX = (o.light.gradient * Math.cos(dir)) / width;
  const gradY = (o.light.gradient * Math.sin(dir)) / height;
  const spotX = width * rng.range(0.3, 0.7);
  const spotY = height * rng.range(0.3, 0.7);
  const reach = 1 / (0.25 * (width * width + height * height));
  const vignette = o.light.vignette;
  const warmth = rng.signed(0.06);
  const castR = 1 + warmth;
  const castB = 1 - warmth * 1.5;
  // Shadow: a soft half-plane, its edge somewhere across the frame.
  const sDir = rng.range(0, 2 * Math.PI);
  const sa = Math.cos(sDir);
  const sb = Math.sin(sDir);
  const sx0 = width * rng.range(0.2, 0.8);
  const sy0 = height * rng.range(0.2, 0.8);
  const sc = -(sa * sx0 + sb * sy0) - rng.range(0.1, 0.35) * Math.min(width, height);
  const soft = 1 / (Math.min(width, height) * rng.range(0.06, 0.2));
  const depth = o.shadow;

  // The page is most of the frame: its bilinear sample is written out here, not called.
  const src = page.data;
  const stride = page.width * 3;
  const maxX = page.width - 1;
  const maxY = page.height - 1;
  let o3 = 0;
  for (let y = 0; y < height; y += 1) {
    const yc = y + 0.5;
    // Numerators and denominator are linear along a row: step them.
    let nu = a * 0.5 + b * yc + c;
    let nv = d * 0.5 + e * yc + f;
    let nw = g * 0.5 + h * yc + i;
    let ramp = exposure * (1 + gradX * (0.5 - width / 2) + gradY * (yc - height / 2));
    const rampStep = exposure * gradX;
    const dy = yc - spotY;
    const dy2 = dy * dy;
    let edge = sa * 0.5 + sb * yc + sc;
    for (let x = 0; x < width; x += 1) {
      const u = nu / nw;
      const v = nv / nw;
      nu += a;
      nv += d;
      nw += g;
      const sx = u * pageSx - 0.5;
      const sy = v * pageSy - 0.5;
      let red: number;
      let green: number;
      let blue: number;
      if (sx >= 0 && sy >= 0 && sx < maxX && sy < maxY) {
        const ix = sx | 0;
        const iy = sy | 0;
        const fx = sx - ix;
        const fy = sy - iy;
        const p = iy * stride + ix * 3;
        const q = p + stride;
        const w00 = (1 - fx) * (1 - fy);
        const w10 = fx * (1 - fy);
        const w01 = (1 - fx) * fy;
        const w11 = fx * fy;
        red = src[p]! * w00 + src[p + 3]! * w10 + src[q]! * w01 + src[q + 3]! * w11;
        green = src[p + 1]! * w00 + src[p + 4]! * w10 + src[q + 1]! * w01 + src[q + 4]! * w11;
        blue = src[p + 2]! * w00 + src[p + 5]! * w10 + src[q + 2]! * w01 + src[q + 5]! * w11;
      } else {
        let onNext = false;
        if (next) {
          // Into the next page's own frame: undo its turn about its centre.
          const du = u - next.cx;
          const dv = v - next.cy;
          const lu = next.cos * du + next.sin * dv + pw / 2;
          const lv = -next.sin * du + next.cos * dv + ph / 2;
          onNext = sample(next.image, lu * nextSx - 0.5, lv * nextSy - 0.5, rgb);
        }
        if (!onNext) {
          const k = Math.floor((grainAlongX ? u : v) - grainFrom);
          const streak = grain[k < 0 ? 0 : k >= grain.length ? grain.length - 1 : k]!;
          // The sheet's soft shadow on the table, offset down and right.
          const ou = u - 5;
          const ov = v - 7;
          const du = ou < 0 ? -ou : ou > pw ? ou - pw : 0;
          const dv = ov < 0 ? -ov : ov > ph ? ov - ph : 0;
          const dist = Math.sqrt(du * du + dv * dv);
          const drop = dist < 18 ? 1 - 0.45 * (1 - dist / 18) ** 2 : 1;
          rgb[0] = tableR * streak * drop;
          rgb[1] = tableG * streak * drop;
          rgb[2] = tableB * streak * drop;
        }
        red = rgb[0]!;
        green = rgb[1]!;
        blue = rgb[2]!;
      }
      const dx = x + 0.5 - spotX;
      const r2 = (dx * dx + dy2) * reach;
      let light = ramp * (1 - vignette * (r2 < 1 ? r2 : 1));
      ramp += rampStep;
      if (depth > 0) {
        let t = edge * soft * 0.5 + 0.5;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        light *= 1 - depth * t * t * (3 - 2 * t);
      }
      edge += sa;
      out[o3] = red * light * castR;
      out[o3 + 1] = green * light;
      out[o3 + 2] = blue * light * castB;
      o3 += 3;
    }
  }
  return pixels;
}

/** Bilinear sample of a raw RGB image at pixel coordinates into `rgb`; false outside it. */
function sample(image: TRawImage, sx: number, sy: number, rgb: Float64Array): boolean {
  if (!(sx >= 0 && sy >= 0 && sx < image.width - 1 && sy < image.height - 1)) return false;
  const src = image.data;
  const ix = sx | 0;
  const iy = sy | 0;
  const fx = sx - ix;
  const fy = sy - iy;
  const p = (iy * image.width + ix) * 3;
  const q = p + image.width * 3;
  const w00 = (1 - fx) * (1 - fy);
  const w10 = fx * (1 - fy);
  const w01 = (1 - fx) * fy;
  const w11 = fx * fy;
  rgb[0] = src[p]! * w00 + src[p + 3]! * w10 + src[q]! * w01 + src[q + 3]! * w11;
  rgb[1] = src[p + 1]! * w00 + src[p + 4]! * w10 + src[q + 1]! * w01 + src[q + 4]! * w11;
  rgb[2] = src[p + 2]! * w00 + src[p + 5]! * w10 + src[q + 2]! * w01 + src[q + 5]! * w11;
  return true;
}

/**
 * Sensor noise after the blur, as in a camera: one normal deviate per pixel added to all
 * three channels (a phone's processing leaves luminance noise and smooths most colour noise
 * away), drawn from a table by a seeded xorshift: a third of the work of per-channel noise.
 */
function addNoise(pixels: Buffer, sigma: number, rng: Prng): void {
  if (sigma <= 0) return;
  const gauss = new Float32Array(65536);
  for (let k = 0; k < gauss.length; k += 1) gauss[k] = rng.normal() * sigma;
  const out = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  let state = rng.uint32() | 1;
  for (let k = 0; k < out.length; k += 3) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const n = gauss[state & 0xffff]!;
    out[k] = out[k]! + n;
    out[k + 1] = out[k + 1]! + n;
    out[k + 2] = out[k + 2]! + n;
  }
}

/** The homography that maps four points onto four others (direct linear solve with h8 = 1). */
export function homographyFromPoints(from: readonly TPoint2[], to: readonly TPoint2[]): THomography {
  const rows: number[][] = [];
  for (let k = 0; k < 4; k += 1) {
    const { x, y } = from[k]!;
    const { x: u, y: v } = to[k]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8 × 9 augmented matrix.
  for (let col = 0; col < 8; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < 8; r += 1) if (Math.abs(rows[r]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = r;
    [rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!];
    const p = rows[col]!;
    if (Math.abs(p[col]!) < 1e-12) throw new RangeError('degenerate points: no homography');
    for (let r = 0; r < 8; r += 1) {
      if (r === col) continue;
      const row = rows[r]!;
      const factor = row[col]! / p[col]!;
      for (let k = col; k < 9; k += 1) row[k]! -= factor * p[k]!;
    }
  }
  const hs = rows.map((row, k) => row[8]! / row[k]!);
  return [hs[0]!, hs[1]!, hs[2]!, hs[3]!, hs[4]!, hs[5]!, hs[6]!, hs[7]!, 1];
}

export function applyHomography(m: THomography, p: TPoint2): TPoint2 {
  const w = m[6] * p.x + m[7] * p.y + m[8];
  return { x: (m[0] * p.x + m[1] * p.y + m[2]) / w, y: (m[3] * p.x + m[4] * p.y + m[5]) / w };
}

export function invertHomography(m: THomography): THomography {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-15) throw new RangeError('singular homography');
  const adj: THomography = [
    A,
    -(b * i - c * h),
    b * f - c * e,
    B,
    a * i - c * g,
    -(a * f - c * d),
    C,
    -(a * h - b * g),
    a * e - b * d,
  ];
  return adj.map((v) => v / det) as THomography;
}
