import { findBlobs, type TBlob } from './blobs.js';
import { flattenLight, type TGreyImage } from './grey-image.js';

/** A dark solid square on paper somewhere in the photo: maybe one of the sheet's corner marks. */
export type TMarkCandidate = TBlob & { contrast: number };

// After flattening, paper is ~255; a corner mark is printed solid black, so even in a deep
// shadow with blur it stays below ~45 % of the paper around it.
const darkLevel = 140;
// Kept for the choice of four: the real marks are among the strongest, and the choice tries
// every four of these (1,820 sets at 16).
const maxCandidates = 16;

/**
 * Every blob in the photo that looks like a corner mark: dark and solid, near-square (a
 * square turned by 20° still fills 2/3 of its bounding box), of a plausible size, and ringed
 * by bright paper. The ring is what tells a mark from the texture of a dark table, the QR's
 * modules or a clump of handwriting. Searched over the whole photo, not only its corners: a
 * sheet photographed off-centre puts a mark anywhere.
 */
export function findMarkCandidates(image: TGreyImage): TMarkCandidate[] {
  // Searched at half size (a quarter of the pixels; a mark is still ≥ 10 px wide there),
  // then each centre is measured again at full size.
  const half = halve(image);
  return searchMarks(half)
    .map((m) => refine(image, m))
    .filter((m): m is TMarkCandidate => m !== null);
}

function searchMarks(image: TGreyImage): TMarkCandidate[] {
  const longSide = Math.max(image.width, image.height);
  // Cells wider than twice a mark, so that a cell holding one is mostly paper.
  const flat = flattenLight(image, Math.max(16, Math.round(longSide / 12)));
  // A 40-unit mark on a 1414-unit sheet filling 35–100 % of the frame's height: ~1–3 % of it.
  const minSide = Math.max(5, Math.round(longSide * 0.008));
  const maxSide = Math.round(longSide * 0.06);
  const whole = { x: 0, y: 0, width: image.width, height: image.height };
  const candidates: TMarkCandidate[] = [];
  for (const blob of findBlobs(flat, whole, darkLevel, minSide * minSide * 0.5)) {
    const w = blob.maxX - blob.minX + 1;
    const h = blob.maxY - blob.minY + 1;
    if (blob.touchesEdge || w < minSide || h < minSide || w > maxSide || h > maxSide) continue;
    if (Math.max(w, h) / Math.min(w, h) > 1.4 || blob.area / (w * h) < 0.6) continue;
    const contrast = ringContrast(flat, blob);
    if (contrast !== null) candidates.push({ ...blob, contrast });
  }
  return candidates.sort((a, b) => b.contrast * b.area - a.contrast * a.area).slice(0, maxCandidates);
}

/**
 * Paper brightness around the blob minus the blob's own, or null when the ring around it is
 * not clean paper. The ring runs from 12 % to 30 % of the blob's size outside its bounding
 * box: clear of the blob's blurred edge, and inside the margin of paper a mark has on every
 * side (30 units to the page edge, ≥ 14 to the nearest printing).
 */
function ringContrast(flat: TGreyImage, blob: TBlob): number | null {
  const size = Math.max(blob.maxX - blob.minX, blob.maxY - blob.minY) + 1;
  const near = Math.round(size * 0.12);
  const far = Math.round(size * 0.3);
  const [x0, x1] = [blob.minX - far, blob.maxX + far];
  const [y0, y1] = [blob.minY - far, blob.maxY + far];
  if (x0 < 0 || y0 < 0 || x1 >= flat.width || y1 >= flat.height) return null;
  let ringSum = 0;
  let ringCount = 0;
  let ringDark = 0;
  let innerSum = 0;
  let innerCount = 0;
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      const v = flat.data[y * flat.width + x]!;
      const inside = x >= blob.minX && x <= blob.maxX && y >= blob.minY && y <= blob.maxY;
      const inRing = x < blob.minX - near || x > blob.maxX + near || y < blob.minY - near || y > blob.maxY + near;
      if (inside && v <= darkLevel) {
        innerSum += v;
        innerCount += 1;
      } else if (inRing) {
        ringSum += v;
        ringCount += 1;
        if (v <= darkLevel) ringDark += 1;
      }
    }
  }
  if (ringCount === 0 || innerCount === 0 || ringDark / ringCount > 0.03) return null;
  return ringSum / ringCount - innerSum / innerCount;
}

/** 2 × 2 pixels averaged into one. */
function halve(image: TGreyImage): TGreyImage {
  const width = Math.floor(image.width / 2);
  const height = Math.floor(image.height / 2);
  const data = new Uint8Array(width * height);
  const d = image.data;
  for (let y = 0; y < height; y += 1) {
    const row = 2 * y * image.width;
    for (let x = 0; x < width; x += 1) {
      const at = row + 2 * x;
      data[y * width + x] = (d[at]! + d[at + 1]! + d[at + image.width]! + d[at + image.width + 1]! + 2) >> 2;
    }
  }
  return { data, width, height };
}

/**
 * A half-size candidate measured at full size: thresholded halfway between its core and the
 * paper around it (a local threshold, so a shadow across the mark does not shift it), its
 * centre the centroid of the pixels below. Null if that finds no mark.
 */
function refine(image: TGreyImage, m: TMarkCandidate): TMarkCandidate | null {
  const size = 2 * (Math.max(m.maxX - m.minX, m.maxY - m.minY) + 1);
  const [minX, maxX, minY, maxY] = [2 * m.minX, 2 * m.maxX + 1, 2 * m.minY, 2 * m.maxY + 1];
  const margin = Math.round(size * 0.12);
  const far = Math.round(size * 0.3);
  const inside = (x: number, y: number, grow: number) =>
    x >= minX - grow && x <= maxX + grow && y >= minY - grow && y <= maxY + grow;
  const core = Math.round(size * 0.25);
  let [coreSum, coreCount, ringSum, ringCount] = [0, 0, 0, 0];
  for (let y = Math.max(0, minY - far); y <= Math.min(image.height - 1, maxY + far); y += 1) {
    for (let x = Math.max(0, minX - far); x <= Math.min(image.width - 1, maxX + far); x += 1) {
      const v = image.data[y * image.width + x]!;
      if (inside(x, y, -core)) [coreSum, coreCount] = [coreSum + v, coreCount + 1];
      else if (!inside(x, y, margin)) [ringSum, ringCount] = [ringSum + v, ringCount + 1];
    }
  }
  if (coreCount === 0 || ringCount === 0) return null;
  const threshold = (coreSum / coreCount + ringSum / ringCount) / 2;
  let [area, sx, sy] = [0, 0, 0];
  for (let y = Math.max(0, minY - margin); y <= Math.min(image.height - 1, maxY + margin); y += 1) {
    for (let x = Math.max(0, minX - margin); x <= Math.min(image.width - 1, maxX + margin); x += 1) {
      if (image.data[y * image.width + x]! > threshold) continue;
      [area, sx, sy] = [area + 1, sx + x, sy + y];
    }
  }
  if (area === 0) return null;
  return { ...m, area, cx: sx / area, cy: sy / area, minX, maxX, minY, maxY };
}
