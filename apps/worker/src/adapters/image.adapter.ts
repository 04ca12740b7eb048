import sharp from 'sharp';
import { differenceHash } from './perceptual-hash.js';

export type TWorkingImage = {
  png: Buffer;
  rgba: { data: Uint8ClampedArray; width: number; height: number };
  /** dHash of the upright grey copy: the same picture for two stations shows here. */
  phash: string;
};

export class ImageRejected extends Error {}

// EXIF orientation → the turn and mirror that make the photo upright (the stored copy has
// no EXIF left, so sharp cannot do this by itself). sharp mirrors before it turns, whatever
// the order of the calls, hence 5 → 270 and 7 → 90 (checked against sharp's auto-orient).
const orientations: Record<number, { angle: number; flop: boolean }> = {
  1: { angle: 0, flop: false },
  2: { angle: 0, flop: true },
  3: { angle: 180, flop: false },
  4: { angle: 180, flop: true },
  5: { angle: 270, flop: true },
  6: { angle: 90, flop: false },
  7: { angle: 90, flop: true },
  8: { angle: 270, flop: false },
};

const workingSize = 2000;

/**
 * Decodes the stored photo in full (a truncated or corrupt file fails here, for good) and
 * makes the normalized working copy every reader starts from: upright, grey, at most 2000 px,
 * contrast stretched between the 1st and 99th percentile of its brightness. The stretch is
 * done here on the grey bytes: sharp's normalize() read the image again and cost five times
 * the decode.
 */
export async function makeWorkingImage(input: Buffer, orientation: number, maxPixels: number): Promise<TWorkingImage> {
  const turn = orientations[orientation] ?? orientations[1]!;
  let pipeline = sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels }).rotate(turn.angle);
  if (turn.flop) pipeline = pipeline.flop();
  let grey: { data: Buffer; info: sharp.OutputInfo };
  try {
    grey = await pipeline
      .resize(workingSize, workingSize, { fit: 'inside', withoutEnlargement: true })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageRejected(`the image cannot be decoded: ${(error as Error).message}`);
  }
  const { width, height } = grey.info;
  stretchContrast(grey.data);
  // Fast compression: the working copy is read once or twice and can be made again.
  const png = await sharp(grey.data, { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < grey.data.length; i += 1, j += 4) {
    const v = grey.data[i]!;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  return { png, rgba: { data: rgba, width, height }, phash: await differenceHash(grey.data, width, height) };
}

/** In place: maps the 1st…99th percentile of the grey values onto 0…255. */
export function stretchContrast(grey: Buffer): void {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < grey.length; i += 1) histogram[grey[i]!]! += 1;
  const cut = grey.length * 0.01;
  let low = 0;
  for (let n = 0; low < 255 && n + histogram[low]! <= cut; low += 1) n += histogram[low]!;
  let high = 255;
  for (let n = 0; high > 0 && n + histogram[high]! <= cut; high -= 1) n += histogram[high]!;
  if (high <= low) return;
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v += 1) table[v] = Math.max(0, Math.min(255, Math.round(((v - low) * 255) / (high - low))));
  for (let i = 0; i < grey.length; i += 1) grey[i] = table[grey[i]!]!;
}
