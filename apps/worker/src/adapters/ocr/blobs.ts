import type { TGreyImage } from './grey-image.js';

export type TBlob = {
  area: number;
  /** Centroid of the blob's pixels: sub-pixel, and steadier under blur than the bounding box. */
  cx: number;
  cy: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  /** Touches the rectangle searched: possibly part of something larger outside it. */
  touchesEdge: boolean;
};

export type TRect = { x: number; y: number; width: number; height: number };

/**
 * The 8-connected blobs of pixels ≤ threshold inside `rect`, by flood fill with an explicit
 * stack (recursion would overflow on a large dark background). Blobs smaller than `minArea`
 * are dropped: specks of noise are most of the blobs in a photo and none of the answers.
 */
export function findBlobs(image: TGreyImage, rect: TRect, threshold: number, minArea = 1): TBlob[] {
  const { x: rx, y: ry, width: rw, height: rh } = rect;
  // 1 = dark and not yet in a blob: the fill clears it, so "seen" needs no array of its own.
  const open = new Uint8Array(rw * rh);
  for (let ly = 0; ly < rh; ly += 1) {
    const from = (ry + ly) * image.width + rx;
    for (let lx = 0; lx < rw; lx += 1) open[ly * rw + lx] = image.data[from + lx]! <= threshold ? 1 : 0;
  }
  const stack = new Int32Array(rw * rh);
  const blobs: TBlob[] = [];
  for (let start = 0; start < rw * rh; start += 1) {
    if (!open[start]) continue;
    let [area, sx, sy, minX, maxX, minY, maxY, touchesEdge] = [0, 0, 0, rw, -1, rh, -1, false];
    let top = 0;
    stack[top++] = start;
    open[start] = 0;
    while (top > 0) {
      const at = stack[--top]!;
      const lx = at % rw;
      const ly = (at - lx) / rw;
      area += 1;
      sx += lx;
      sy += ly;
      if (lx < minX) minX = lx;
      if (lx > maxX) maxX = lx;
      if (ly < minY) minY = ly;
      if (ly > maxY) maxY = ly;
      if (lx === 0 || ly === 0 || lx === rw - 1 || ly === rh - 1) touchesEdge = true;
      const x0 = lx > 0 ? -1 : 0;
      const x1 = lx < rw - 1 ? 1 : 0;
      const y1 = ly < rh - 1 ? rw : 0;
      for (let dy = ly > 0 ? -rw : 0; dy <= y1; dy += rw) {
        for (let dx = x0; dx <= x1; dx += 1) {
          const next = at + dy + dx;
          if (!open[next]) continue;
          open[next] = 0;
          stack[top++] = next;
        }
      }
    }
    if (area < minArea) continue;
    blobs.push({
      area,
      cx: rx + sx / area,
      cy: ry + sy / area,
      minX: rx + minX,
      maxX: rx + maxX,
      minY: ry + minY,
      maxY: ry + maxY,
      touchesEdge,
    });
  }
  return blobs;
}
