import sharp from 'sharp';

/** A grey picture as numbers, row by row. */
type TPlane = { w: number; h: number; px: Float32Array };

/**
 * What is kept in memory of a ballot photo to tell a copy of it from another photo of the
 * same ballot: its difference hashes (full frame, the centre and the corners, to find
 * candidates in the database, robust to resizing and recompression and roughly to crops),
 * and two small grey planes to compare a candidate pixel by pixel.
 */
export type TCopyPrint = {
  /** dHash of the full frame, the centre 80%, the corners at 85% and at 70%: signed 64-bit. */
  hashes: bigint[];
  /** Detail at 48 px, to find where one photo sits in the other. */
  small: TPlane;
  /** Grey at 256 px, the frame a copy is judged in, and at 512 px, to bring a crop to it. */
  fine: TPlane;
  source: TPlane;
  /** False for a picture with no detail (a flat colour): it is compared with nothing. */
  detailed: boolean;
};

const smallSide = 32;
const fineSide = 256;

/** The print of a stored ballot photo, decoded with shrink-on-load, never at full size. */
export async function copyPrintOf(input: Buffer, maxPixels: number): Promise<TCopyPrint> {
  const source = await greyPlane(input, fineSide * 2, maxPixels);
  const fine = areaResize(source, ...fit(source, fineSide));
  const small = areaResize(source, ...fit(source, smallSide));
  const crops: [number, number, number][] = [
    [0, 0, 1],
    [0.1, 0.1, 0.8],
  ];
  for (const f of [0.85, 0.7]) for (const x of [0, 1 - f]) for (const y of [0, 1 - f]) crops.push([x, y, f]);
  const hashes = crops.map(([x, y, f]) => differenceHash(fine, x * fine.w, y * fine.h, f * fine.w, f * fine.h));
  const detail = highPass(small, 1);
  let energy = 0;
  for (const v of detail.px) energy += v * v;
  return { hashes, small: detail, fine, source, detailed: energy / detail.px.length >= 0.5 };
}

/**
 * How surely one photo is a copy of the other (resized, recompressed, brightened, or cropped
 * to at least half its width): the correlation of their fine detail where one sits inside the
 * other, from -1 to 1, the better of the two directions. Two photographs of the same ballot
 * share its print but not the detail of the scene, the hand or the mark, and never line up
 * to a fraction of a pixel all over the frame; a copy does.
 */
export function copyScore(a: TCopyPrint, b: TCopyPrint): number {
  const ab = coarsePlace(a, b);
  const ba = coarsePlace(b, a);
  // The fine search is most of the cost: it is made where the coarse one placed best, and in
  // the other direction too only when that came close.
  const [first, second] = ab.s >= ba.s ? [ab, ba] : [ba, ab];
  const best = finePlace(first);
  return first.s - second.s > 0.1 ? best : Math.max(best, finePlace(second));
}

type TCoarse = { outer: TCopyPrint; inner: TCopyPrint; s: number; ox: number; oy: number; rw: number };

/** Where `inner` best fits a part of `outer` (a crop of it, at any scale down to half), roughly. */
function coarsePlace(outer: TCopyPrint, inner: TCopyPrint): TCoarse {
  const aspect = inner.fine.h / inner.fine.w;
  // Every place half a pixel apart and every width 3% apart, on the small planes.
  let best = { outer, inner, s: -1, ox: 0, oy: 0, rw: 0 };
  for (let f = 1; f >= 0.5; f -= 0.03) {
    const rw = outer.small.w * f;
    const rh = rw * aspect;
    if (rh > outer.small.h * 1.02) continue;
    for (let oy = 0; oy <= Math.max(0, outer.small.h - rh); oy += 0.5) {
      for (let ox = 0; ox <= outer.small.w - rw; ox += 0.5) {
        const s = correlate(outer.small, inner.small, ox, oy, rw);
        if (s > best.s) best = { outer, inner, s, ox, oy, rw };
      }
    }
  }
  return best;
}

/** How well `inner` matches `outer` where the coarse search placed it, found precisely. */
function finePlace(best: TCoarse): number {
  const { outer, inner } = best;
  const aspect = inner.fine.h / inner.fine.w;
  if (best.s < 0.3) return best.s;
  // Fine: the inner photo brought to the outer's scale (so neither has detail the other
  // lacks), then its place and width found to an eighth of a pixel: first on coarser detail,
  // whose peak is wide enough to climb from a coarse guess a few pixels off, then on the fine.
  const k = outer.fine.w / outer.small.w;
  let cur = { ox: best.ox * k, oy: best.oy * k, rw: Math.min(best.rw * k, outer.fine.w), s: -1 };
  for (const [radius, steps] of [
    [6, [2, 1, 0.5, 0.25, 0.125]],
    [2, [2, 1, 0.5, 0.25, 0.125]],
  ] as const) {
    const w = Math.max(8, Math.round(cur.rw));
    const innerFine = highPass(areaResize(inner.source, w, Math.max(8, Math.round(w * aspect))), radius);
    cur = refine(fineDetail(outer, radius), innerFine, cur, steps);
  }
  return cur.s;
}

/** Coordinate descent on place and width, in the steps given (pixels). */
function refine(
  outer: TPlane,
  inner: TPlane,
  start: { ox: number; oy: number; rw: number },
  steps: readonly number[],
): { ox: number; oy: number; rw: number; s: number } {
  let cur = { ...start, s: correlate(outer, inner, start.ox, start.oy, start.rw) };
  for (const step of steps) {
    for (let improved = true; improved;) {
      improved = false;
      for (const [dx, dy, dw] of [
        [step, 0, 0],
        [-step, 0, 0],
        [0, step, 0],
        [0, -step, 0],
        [0, 0, step],
        [0, 0, -step],
      ] as const) {
        const s = correlate(outer, inner, cur.ox + dx, cur.oy + dy, cur.rw + dw);
        if (s > cur.s + 1e-6) {
          cur = { ox: cur.ox + dx, oy: cur.oy + dy, rw: cur.rw + dw, s };
          improved = true;
        }
      }
    }
  }
  return cur;
}

/**
 * The correlation of `inner` with the rectangle of `outer` at (ox, oy), `rw` wide (its height
 * from inner's shape), outer sampled into inner's grid; -1 when the rectangle leaves outer.
 */
function correlate(outer: TPlane, inner: TPlane, ox: number, oy: number, rw: number): number {
  const scale = rw / inner.w;
  // Where each column and row of inner falls in outer, and its weights: the same for every row.
  const cols = new Int32Array(inner.w);
  const tx = new Float32Array(inner.w);
  for (let x = 0; x < inner.w; x++) {
    const fx = ox + (x + 0.5) * scale - 0.5;
    if (fx < -1 || fx > outer.w) return -1;
    cols[x] = Math.min(outer.w - 2, Math.max(0, Math.floor(fx)));
    tx[x] = Math.min(1, Math.max(0, fx - cols[x]!));
  }
  let ab = 0;
  let aa = 0;
  let bb = 0;
  let sa = 0;
  let sb = 0;
  const n = inner.w * inner.h;
  const a = outer.px;
  for (let y = 0; y < inner.h; y++) {
    const fy = oy + (y + 0.5) * scale - 0.5;
    if (fy < -1 || fy > outer.h) return -1;
    const y0 = Math.min(outer.h - 2, Math.max(0, Math.floor(fy)));
    const ty = Math.min(1, Math.max(0, fy - y0));
    const r0 = y0 * outer.w;
    const r1 = r0 + outer.w;
    const row = y * inner.w;
    for (let x = 0; x < inner.w; x++) {
      const c = cols[x]!;
      const t = tx[x]!;
      const top = a[r0 + c]! + (a[r0 + c + 1]! - a[r0 + c]!) * t;
      const bottom = a[r1 + c]! + (a[r1 + c + 1]! - a[r1 + c]!) * t;
      const va = top + (bottom - top) * ty;
      const vb = inner.px[row + x]!;
      ab += va * vb;
      aa += va * va;
      bb += vb * vb;
      sa += va;
      sb += vb;
    }
  }
  const varA = aa - (sa * sa) / n;
  const varB = bb - (sb * sb) / n;
  // A plane with no detail (a flat colour) matches nothing: it is no evidence of a copy.
  if (varA < n * 0.5 || varB < n * 0.5) return 0;
  return (ab - (sa * sb) / n) / Math.sqrt(varA * varB);
}

async function greyPlane(input: Buffer, side: number, maxPixels: number): Promise<TPlane> {
  const { data, info } = await sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels })
    .resize(side, side, { fit: 'inside', withoutEnlargement: true })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, px: Float32Array.from(data) };
}

function fit(p: TPlane, side: number): [number, number] {
  const k = side / Math.max(p.w, p.h);
  return [Math.max(2, Math.round(p.w * k)), Math.max(2, Math.round(p.h * k))];
}

/**
 * Each target pixel the mean of the source area it covers, partly covered pixels weighed by
 * the part (a box filter at any ratio, rows then columns): two copies brought to one scale by
 * different ratios then show the same detail.
 */
function areaResize(p: TPlane, w: number, h: number): TPlane {
  const rows = new Float32Array(w * p.h);
  const across = weights(p.w, w);
  for (let y = 0; y < p.h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (const [i, wt] of across[x]!) sum += p.px[y * p.w + i]! * wt;
      rows[y * w + x] = sum;
    }
  }
  const out = new Float32Array(w * h);
  const down = weights(p.h, h);
  for (let y = 0; y < h; y++) {
    for (const [i, wt] of down[y]!) {
      for (let x = 0; x < w; x++) out[y * w + x] = out[y * w + x]! + rows[i * w + x]! * wt;
    }
  }
  return { w, h, px: out };
}

/** For each of `to` cells over `from` pixels: the pixels it covers and their shares, summing to 1. */
function weights(from: number, to: number): [number, number][][] {
  const k = from / to;
  return Array.from({ length: to }, (_, t) => {
    const lo = t * k;
    const hi = Math.min(from, (t + 1) * k);
    const cell: [number, number][] = [];
    for (let i = Math.floor(lo); i < Math.ceil(hi); i++) {
      const part = Math.min(hi, i + 1) - Math.max(lo, i);
      if (part > 0) cell.push([i, part / (hi - lo)]);
    }
    return cell;
  });
}

const fineDetails = new WeakMap<TCopyPrint, Map<number, TPlane>>();

/** The print's 256 px detail at a radius, made once per print however often it is compared. */
function fineDetail(print: TCopyPrint, radius: number): TPlane {
  let byRadius = fineDetails.get(print);
  if (!byRadius) fineDetails.set(print, (byRadius = new Map()));
  let plane = byRadius.get(radius);
  if (!plane) byRadius.set(radius, (plane = highPass(print.fine, radius)));
  return plane;
}

/** The picture less its local mean (a box of 2r+1): the detail that tells photos apart. */
function highPass(p: TPlane, r: number): TPlane {
  const { w, h, px } = p;
  const stride = w + 1;
  const sum = new Float64Array(stride * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += px[y * w + x]!;
      sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1]! + row;
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const box = sum[y1 * stride + x1]! - sum[y0 * stride + x1]! - sum[y1 * stride + x0]! + sum[y0 * stride + x0]!;
      out[y * w + x] = px[y * w + x]! - box / ((x1 - x0) * (y1 - y0));
    }
  }
  return { w, h, px: out };
}

/** dHash of a rectangle of the plane: 8 rows of 9 means, one bit per neighbour pair. */
function differenceHash(p: TPlane, x: number, y: number, w: number, h: number): bigint {
  const crop = areaResize(cropOf(p, Math.round(x), Math.round(y), Math.round(w), Math.round(h)), 9, 8);
  let bits = 0n;
  for (let r = 0; r < 8; r++) {
    for (let c = 0; c < 8; c++) bits = (bits << 1n) | (crop.px[r * 9 + c]! > crop.px[r * 9 + c + 1]! ? 1n : 0n);
  }
  return BigInt.asIntN(64, bits);
}

function cropOf(p: TPlane, x: number, y: number, w: number, h: number): TPlane {
  const cw = Math.max(1, Math.min(w, p.w - x));
  const ch = Math.max(1, Math.min(h, p.h - y));
  const px = new Float32Array(cw * ch);
  for (let r = 0; r < ch; r++) px.set(p.px.subarray((y + r) * p.w + x, (y + r) * p.w + x + cw), r * cw);
  return { w: cw, h: ch, px };
}

/** Bits that differ between two hashes. */
export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}
