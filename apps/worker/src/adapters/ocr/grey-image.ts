/**
 * One byte per pixel, row-major, 0 = black. The worker's working copy is one (upright, grey,
 * contrast stretched): the reader takes it as it is, never through an encoded file.
 */
export type TGreyImage = { data: Uint8Array; width: number; height: number };

export type TOtsu = {
  /** Pixels ≤ threshold are ink. */
  threshold: number;
  /** Mean grey of the ink class and of the paper class: how far apart they are says whether there is ink at all. */
  darkMean: number;
  lightMean: number;
  darkShare: number;
};

/**
 * Otsu's threshold over a histogram of 256 bins: the split that maximizes the variance
 * between the two classes. Chosen per region rather than once per photo, so that a shadow
 * across one corner of the sheet does not decide the threshold everywhere.
 */
export function otsu(histogram: Uint32Array): TOtsu {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v += 1) {
    total += histogram[v]!;
    sum += v * histogram[v]!;
  }
  let best = { threshold: 127, between: -1 };
  let countDark = 0;
  let sumDark = 0;
  for (let t = 0; t < 255; t += 1) {
    countDark += histogram[t]!;
    sumDark += t * histogram[t]!;
    const countLight = total - countDark;
    if (countDark === 0 || countLight === 0) continue;
    const diff = sumDark / countDark - (sum - sumDark) / countLight;
    const between = countDark * countLight * diff * diff;
    if (between > best.between) best = { threshold: t, between };
  }
  let n = 0;
  let s = 0;
  for (let v = 0; v <= best.threshold; v += 1) {
    n += histogram[v]!;
    s += v * histogram[v]!;
  }
  return {
    threshold: best.threshold,
    darkMean: n > 0 ? s / n : 0,
    lightMean: total - n > 0 ? (sum - s) / (total - n) : 255,
    darkShare: total > 0 ? n / total : 0,
  };
}

/** The histogram of a rectangle of the image. */
export function histogramOf(image: TGreyImage, x0: number, y0: number, width: number, height: number): Uint32Array {
  const histogram = new Uint32Array(256);
  for (let y = y0; y < y0 + height; y += 1) {
    const row = y * image.width;
    for (let x = x0; x < x0 + width; x += 1) histogram[image.data[row + x]!]! += 1;
  }
  return histogram;
}

/**
 * Divides each pixel by the paper's brightness around it, so paper comes out near 255
 * everywhere: a shadow or the vignette no longer decides what a threshold calls ink.
 * The paper is the 90th percentile of each cell (the brightest pixels are paper; the very
 * brightest are noise), interpolated bilinearly between cell centres. `cell` (pixels) must
 * be wider than the darkest marks, so that every cell holds some paper.
 */
export function flattenLight(image: TGreyImage, cell: number): TGreyImage {
  const { data, width, height } = image;
  const out = new Uint8Array(data.length);
  const cols = Math.max(1, Math.round(width / cell));
  const rows = Math.max(1, Math.round(height / cell));
  const paper = new Float32Array(cols * rows);
  const histogram = new Uint32Array(256);
  for (let r = 0; r < rows; r += 1) {
    const [y0, y1] = [Math.floor((r * height) / rows), Math.floor(((r + 1) * height) / rows)];
    for (let c = 0; c < cols; c += 1) {
      const [x0, x1] = [Math.floor((c * width) / cols), Math.floor(((c + 1) * width) / cols)];
      histogram.fill(0);
      for (let y = y0; y < y1; y += 1)
        for (let at = y * width + x0; at < y * width + x1; at += 1) histogram[data[at]!]! += 1;
      let left = Math.ceil((x1 - x0) * (y1 - y0) * 0.1);
      let v = 255;
      while (v > 0 && (left -= histogram[v]!) > 0) v -= 1;
      paper[r * cols + c] = Math.max(1, v);
    }
  }
  // Where each column falls between cell centres, worked out once rather than per pixel.
  const c0s = new Int32Array(width);
  const c1s = new Int32Array(width);
  const fxs = new Float64Array(width);
  for (let x = 0; x < width; x += 1) {
    const fx = Math.min(cols - 1, Math.max(0, (x + 0.5) / (width / cols) - 0.5));
    c0s[x] = Math.floor(fx);
    c1s[x] = Math.min(cols - 1, c0s[x]! + 1);
    fxs[x] = fx - c0s[x]!;
  }
  // The paper of a row of cells, interpolated along x: the same for every pixel row between two cell centres.
  const top = new Float64Array(width);
  const bottom = new Float64Array(width);
  let cached = -1;
  for (let y = 0; y < height; y += 1) {
    const fy = Math.min(rows - 1, Math.max(0, (y + 0.5) / (height / rows) - 0.5));
    const r0 = Math.floor(fy);
    if (r0 !== cached) {
      const r1 = Math.min(rows - 1, r0 + 1);
      for (let x = 0; x < width; x += 1) {
        const [a, b, f] = [c0s[x]!, c1s[x]!, fxs[x]!];
        top[x] = paper[r0 * cols + a]! + (paper[r0 * cols + b]! - paper[r0 * cols + a]!) * f;
        bottom[x] = paper[r1 * cols + a]! + (paper[r1 * cols + b]! - paper[r1 * cols + a]!) * f;
      }
      cached = r0;
    }
    const wy = fy - r0;
    const row = y * width;
    for (let x = 0; x < width; x += 1) {
      const p = top[x]! + (bottom[x]! - top[x]!) * wy;
      // Math.round of a non-negative number, without the call.
      const v = Math.floor((data[row + x]! * 255) / p + 0.5);
      out[row + x] = v > 255 ? 255 : v;
    }
  }
  return { data: out, width, height };
}

/**
 * The image resampled to `width` × `height` with a triangle (linear) filter, widened when
 * shrinking so that every source pixel counts: separable, a row pass then a column pass.
 */
export function resizeGrey(image: TGreyImage, width: number, height: number): TGreyImage {
  const across = filterTaps(image.width, width);
  const down = filterTaps(image.height, height);
  const rows = new Float32Array(width * image.height);
  for (let y = 0; y < image.height; y += 1) {
    const from = y * image.width;
    for (let x = 0; x < width; x += 1) {
      const { start, weights } = across[x]!;
      let sum = 0;
      for (let k = 0; k < weights.length; k += 1) sum += weights[k]! * image.data[from + start + k]!;
      rows[y * width + x] = sum;
    }
  }
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const { start, weights } = down[y]!;
    for (let x = 0; x < width; x += 1) {
      let sum = 0;
      for (let k = 0; k < weights.length; k += 1) sum += weights[k]! * rows[(start + k) * width + x]!;
      data[y * width + x] = sum <= 0 ? 0 : sum >= 255 ? 255 : Math.round(sum);
    }
  }
  return { data, width, height };
}

/** For each output pixel, the first source pixel it reads and the weights, summing to 1. */
function filterTaps(from: number, to: number): { start: number; weights: Float32Array }[] {
  const ratio = to / from;
  const radius = Math.max(1, 1 / ratio);
  return Array.from({ length: to }, (_, i) => {
    const centre = (i + 0.5) / ratio - 0.5;
    const start = Math.max(0, Math.ceil(centre - radius));
    const end = Math.min(from - 1, Math.floor(centre + radius));
    const weights = new Float32Array(Math.max(1, end - start + 1));
    let total = 0;
    for (let x = start; x <= end; x += 1) {
      const w = Math.max(0, 1 - Math.abs(x - centre) / radius);
      weights[x - start] = w;
      total += w;
    }
    if (total === 0) weights[0] = 1;
    else for (let k = 0; k < weights.length; k += 1) weights[k]! /= total;
    return { start: total === 0 ? Math.min(from - 1, Math.max(0, Math.round(centre))) : start, weights };
  });
}
