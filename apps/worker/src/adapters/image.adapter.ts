import { photoViewSide, uprightTurn, type TPhotoFailureCode } from '@crosstally/shared';
import sharp from 'sharp';
import type { TGreyImage } from './ocr/grey-image.js';
import { differenceHash } from './perceptual-hash.js';

export type TWorkingImage = {
  /** The working copy itself, one byte per pixel: what OCR reads, with no PNG in between. */
  grey: TGreyImage;
  /** dHash of the upright grey copy: the same picture for two stations shows here. */
  phash: string;
};

/** A file that is no image for good: `code` says why to the sender, the message tells the team. */
export class ImageRejected extends Error {
  constructor(
    readonly code: TPhotoFailureCode,
    message: string,
  ) {
    super(message);
  }
}

const workingSize = 2000;

/**
 * Decodes the stored photo in full and makes the normalized working copy every reader
 * starts from: upright, grey, at most 2000 px, contrast stretched between the 1st and 99th
 * percentile of its brightness. The stretch is done here on the grey bytes: sharp's
 * normalize() read the image again and cost five times the decode.
 *
 * A file that is no image for good throws ImageRejected with a reason people can act on:
 * empty, not an image, more pixels than `maxPixels` (judged from the header, before any
 * pixel is decoded), or truncated/corrupt (sharp fails on a truncated file rather than
 * returning a grey half).
 */
export async function makeWorkingImage(input: Buffer, orientation: number, maxPixels: number): Promise<TWorkingImage> {
  if (input.length === 0) throw new ImageRejected('empty', 'the file is empty (0 bytes)');
  const header = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw new ImageRejected('notImage', `the file is not an image that can be read: ${(error as Error).message}`);
    });
  const [w, h] = [header.width ?? 0, header.height ?? 0];
  if (w === 0 || h === 0)
    throw new ImageRejected('notImage', 'the file is not an image that can be read: it has no size');
  if (w * h > maxPixels) {
    throw new ImageRejected(
      'tooLarge',
      `the image is too large: ${w} × ${h} pixels, more than the limit of ${maxPixels}`,
    );
  }
  // sharp mirrors before it turns, whatever the order of the calls (checked against its auto-orient).
  const turn = uprightTurn(orientation);
  let grey: { data: Buffer; info: sharp.OutputInfo };
  try {
    let pipeline = sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels }).rotate(turn.angle);
    if (turn.flop) pipeline = pipeline.flop();
    grey = await pipeline
      .resize(workingSize, workingSize, { fit: 'inside', withoutEnlargement: true })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageRejected(
      'corrupt',
      `the image cannot be decoded (truncated or corrupt): ${(error as Error).message}`,
    );
  }
  const { width, height } = grey.info;
  stretchContrast(grey.data);
  const image: TGreyImage = { data: grey.data, width, height };
  return {
    grey: image,
    phash: await differenceHash(grey.data, width, height),
  };
}

/**
 * The photo as people are shown it: turned upright and at most `photoViewSide` a side, as
 * JPEG. Made here, when the photo is read, so that no request ever decodes a photo at full
 * resolution (twelve first views of four 8000 × 8000 photos took the API to 2.5 GB); a JPEG
 * is shrunk while it is decoded.
 */
export async function makePhotoView(input: Buffer, orientation: number, maxPixels: number): Promise<Buffer> {
  const turn = uprightTurn(orientation);
  let pipeline = sharp(input, { limitInputPixels: maxPixels }).rotate(turn.angle);
  if (turn.flop) pipeline = pipeline.flop();
  return pipeline
    .resize(photoViewSide, photoViewSide, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 88 })
    .toBuffer();
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
