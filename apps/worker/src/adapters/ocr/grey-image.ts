import sharp from 'sharp';

/** One byte per pixel, row-major, 0 = black. */
export type TGreyImage = { data: Uint8Array; width: number; height: number };

/** The worker's working PNG (already upright, grey and normalized) as raw grey pixels. */
export async function decodeGrey(png: Buffer): Promise<TGreyImage> {
  const { data, info } = await sharp(png).removeAlpha().greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return { data, width: info.width, height: info.height };
  // sharp keeps three channels for some inputs even after greyscale(): they are equal.
  const grey = new Uint8Array(info.width * info.height);
  for (let i = 0; i < grey.length; i += 1) grey[i] = data[i * info.channels]!;
  return { data: grey, width: info.width, height: info.height };
}

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
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < cols; c += 1) {
      const [x0, x1] = [Math.floor((c * width) / cols), Math.floor(((c + 1) * width) / cols)];
      const [y0, y1] = [Math.floor((r * height) / rows), Math.floor(((r + 1) * height) / rows)];
      const histogram = new Uint32Array(256);
      for (let y = y0; y < y1; y += 1) for (let x = x0; x < x1; x += 1) histogram[data[y * width + x]!]! += 1;
      let left = Math.ceil((x1 - x0) * (y1 - y0) * 0.1);
      let v = 255;
      while (v > 0 && (left -= histogram[v]!) > 0) v -= 1;
      paper[r * cols + c] = Math.max(1, v);
    }
  }
  for (let y = 0; y < height; y += 1) {
    const fy = Math.min(rows - 1, Math.max(0, (y + 0.5) / (height / rows) - 0.5));
    const r0 = Math.floor(fy);
    const r1 = Math.min(rows - 1, r0 + 1);
    for (let x = 0; x < width; x += 1) {
      const fx = Math.min(cols - 1, Math.max(0, (x + 0.5) / (width / cols) - 0.5));
      const c0 = Math.floor(fx);
      const c1 = Math.min(cols - 1, c0 + 1);
      const top = paper[r0 * cols + c0]! + (paper[r0 * cols + c1]! - paper[r0 * cols + c0]!) * (fx - c0);
      const bottom = paper[r1 * cols + c0]! + (paper[r1 * cols + c1]! - paper[r1 * cols + c0]!) * (fx - c0);
      const p = top + (bottom - top) * (fy - r0);
      out[y * width + x] = Math.min(255, Math.round((data[y * width + x]! * 255) / p));
    }
  }
  return { data: out, width, height };
}
