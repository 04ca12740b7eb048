import { findBlobs, type TBlob } from './blobs.js';
import { flattenLight, otsu, type TGreyImage } from './grey-image.js';

/**
 * 'ink': the box binarized (0 ink, 255 paper) with the bounds of its digits. 'blank': nothing
 * written (an unread line, never a zero). 'cut': ink crosses the crop's edge, so the crop may
 * have lost part of a digit — what is left could read as a confident wrong number.
 */
export type TBinarized =
  | {
      kind: 'ink';
      binary: TGreyImage;
      bounds: { left: number; top: number; width: number; height: number };
      /** How many characters the ink looks like (see countGlyphs). */
      glyphs: number;
    }
  | { kind: 'blank' }
  | { kind: 'cut' };

// On the flattened scale (paper ≈ 255): ink at least this much darker than paper is writing;
// less is a blank box's noise (σ ≤ 10 splits into means ~16 apart).
const minContrast = 40;
// Less ink than this share of the crop is specks, not a digit.
const minInkShare = 0.004;
// Paper is estimated per cell of this many layout units: wider than a pen stroke (≤ 5).
const cellUnits = 8;

/**
 * Binarizes one sampled box: light flattened first (a shadow or the vignette darkens part of
 * a box, and one threshold over it would turn the dark side black), then Otsu, then specks
 * dropped. `scale` is the sampling's pixels per layout unit.
 */
export function binarizeBox(sampled: TGreyImage, scale: number): TBinarized {
  const crop = flattenLight(sampled, Math.max(4, Math.round(cellUnits * scale)));
  const histogram = new Uint32Array(256);
  const grey = crop.data;
  for (let i = 0; i < grey.length; i += 1) histogram[grey[i]!]! += 1;
  const split = otsu(histogram);
  if (split.lightMean - split.darkMean < minContrast || split.darkShare < minInkShare) return { kind: 'blank' };
  const binary = { ...crop, data: new Uint8Array(grey.length) };
  for (let i = 0; i < grey.length; i += 1) binary.data[i] = grey[i]! <= split.threshold ? 0 : 255;
  const blobs = findBlobs(binary, { x: 0, y: 0, width: binary.width, height: binary.height }, 0);
  // A digit is the tallest thing in its box; a blob small both ways next to it is a speck,
  // a leader dot or a crumb of a broken stroke — nothing tesseract should see.
  const digitHeight = Math.max(0, ...blobs.map((b) => b.maxY - b.minY + 1));
  const small = Math.max(2 * scale, digitHeight * 0.3);
  let [left, top, right, bottom] = [binary.width, binary.height, -1, -1];
  const kept: TBlob[] = [];
  for (const b of blobs) {
    if (b.maxX - b.minX + 1 < small && b.maxY - b.minY + 1 < small) {
      for (let y = b.minY; y <= b.maxY; y += 1)
        binary.data.fill(255, y * binary.width + b.minX, y * binary.width + b.maxX + 1);
      continue;
    }
    if (b.touchesEdge) return { kind: 'cut' };
    kept.push(b);
    [left, top, right, bottom] = [
      Math.min(left, b.minX),
      Math.min(top, b.minY),
      Math.max(right, b.maxX),
      Math.max(bottom, b.maxY),
    ];
  }
  if (right < 0) return { kind: 'blank' };
  const bounds = { left, top, width: right - left + 1, height: bottom - top + 1 };
  return { kind: 'ink', binary, bounds, glyphs: countGlyphs(kept) };
}

/**
 * Characters in a line of ink, counted as columns: blobs whose horizontal extents overlap by
 * half the narrower one are one character (the bar of a handwritten 5 over its body, the two
 * strokes of a 4). A lower bound: handwritten digits often touch and count as one. Fewer
 * digits from tesseract than this is its most dangerous misread, a dropped digit ("1140"
 * read as "119"), which changes the number's size.
 */
function countGlyphs(blobs: TBlob[]): number {
  const columns: { minX: number; maxX: number }[] = [];
  for (const b of [...blobs].sort((p, q) => p.minX - q.minX)) {
    const last = columns.at(-1);
    const overlap = last ? Math.min(last.maxX, b.maxX) - b.minX + 1 : 0;
    const narrower = last ? Math.min(last.maxX - last.minX, b.maxX - b.minX) + 1 : 1;
    if (last && overlap >= narrower / 2) last.maxX = Math.max(last.maxX, b.maxX);
    else columns.push({ minX: b.minX, maxX: b.maxX });
  }
  return columns.length;
}
