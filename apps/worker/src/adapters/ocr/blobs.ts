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
  const seen = new Uint8Array(rw * rh);
  const stack = new Int32Array(rw * rh);
  const blobs: TBlob[] = [];
  const dark = (lx: number, ly: number) => image.data[(ry + ly) * image.width + rx + lx]! <= threshold;
  for (let start = 0; start < rw * rh; start += 1) {
    if (seen[start] || !dark(start % rw, Math.floor(start / rw))) continue;
    const blob = { area: 0, cx: 0, cy: 0, minX: rw, maxX: -1, minY: rh, maxY: -1, touchesEdge: false };
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const at = stack[--top]!;
      const lx = at % rw;
      const ly = (at - lx) / rw;
      blob.area += 1;
      blob.cx += lx;
      blob.cy += ly;
      if (lx < blob.minX) blob.minX = lx;
      if (lx > blob.maxX) blob.maxX = lx;
      if (ly < blob.minY) blob.minY = ly;
      if (ly > blob.maxY) blob.maxY = ly;
      if (lx === 0 || ly === 0 || lx === rw - 1 || ly === rh - 1) blob.touchesEdge = true;
      for (let dy = -1; dy <= 1; dy += 1) {
        const ny = ly + dy;
        if (ny < 0 || ny >= rh) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = lx + dx;
          if (nx < 0 || nx >= rw) continue;
          const next = ny * rw + nx;
          if (seen[next] || !dark(nx, ny)) continue;
          seen[next] = 1;
          stack[top++] = next;
        }
      }
    }
    if (blob.area < minArea) continue;
    blobs.push({
      ...blob,
      cx: rx + blob.cx / blob.area,
      cy: ry + blob.cy / blob.area,
      minX: rx + blob.minX,
      maxX: rx + blob.maxX,
      minY: ry + blob.minY,
      maxY: ry + blob.maxY,
    });
  }
  return blobs;
}
