import { describe, expect, it } from 'vitest';
import { resizeGrey, type TGreyImage } from './grey-image.js';

const image = (width: number, height: number, at: (x: number, y: number) => number): TGreyImage => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data[y * width + x] = at(x, y);
  return { data, width, height };
};

describe('resizeGrey', () => {
  it('keeps a flat grey flat at any size', () => {
    const flat = image(37, 11, () => 180);
    for (const [w, h] of [
      [10, 3],
      [37, 11],
      [90, 40],
      [1, 1],
    ] as const) {
      const out = resizeGrey(flat, w, h);
      expect([out.width, out.height, out.data.length]).toEqual([w, h, w * h]);
      expect(new Set(out.data)).toEqual(new Set([180]));
    }
  });

  it('averages fine detail away when shrinking, and keeps a wide edge where it was', () => {
    const checks = resizeGrey(
      image(40, 40, (x, y) => ((x + y) % 2 === 0 ? 0 : 255)),
      10,
      10,
    );
    for (const v of checks.data) expect(Math.abs(v - 127.5)).toBeLessThan(20);
    // Black left half, white right half: the edge stays in the middle at half the size.
    const half = resizeGrey(
      image(40, 8, (x) => (x < 20 ? 0 : 255)),
      20,
      4,
    );
    const row = [...half.data.subarray(0, 20)];
    expect(row.slice(0, 8).every((v) => v === 0)).toBe(true);
    expect(row.slice(12).every((v) => v === 255)).toBe(true);
    expect(row.slice(8, 12)).toEqual([...row.slice(8, 12)].sort((a, b) => a - b));
  });
});
