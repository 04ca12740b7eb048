import {
  accept,
  reject,
  type TImageGeometry,
  type TImageInfo,
  type TImageLimits,
  type TImageMime,
  type TInspection,
} from './image-types.js';
import { inspectJpeg, stripJpeg } from './jpeg.js';
import { inspectPng, stripPng } from './png.js';
import { sniffImageType } from './sniff-image-type.js';
import { inspectWebp, stripWebp } from './webp.js';

/*
 * Entry points the upload route calls on every photo before it is stored. Both are pure
 * byte-level functions: no decoding, no I/O, so they run in the request path at the cost
 * of about one linear scan and can never be made to allocate memory proportional to the
 * pixel count a file claims (the decompression-bomb case).
 */

const INSPECTORS: Record<TImageMime, (buf: Buffer) => TInspection<TImageGeometry>> = {
  'image/jpeg': inspectJpeg,
  'image/png': inspectPng,
  'image/webp': inspectWebp,
};

const STRIPPERS: Record<TImageMime, (buf: Buffer) => Buffer> = {
  'image/jpeg': stripJpeg,
  'image/png': stripPng,
  'image/webp': stripWebp,
};

/**
 * Validates structure and size. Expected problems come back as a rejection value; it never
 * throws on any input bytes.
 */
export function inspectImage(buf: Buffer, limits: TImageLimits): TInspection<TImageInfo> {
  const mime = sniffImageType(buf);
  if (mime === null) return reject('unsupported_type', 'the file is not a JPEG, PNG or WebP image.');
  const geometry = INSPECTORS[mime](buf);
  if (!geometry.ok) return geometry;
  const { width, height, orientation } = geometry.value;
  // Written as "not within" so a NaN or missing limit rejects instead of letting all pass.
  if (!(width * height <= limits.maxPixels)) {
    return reject('too_many_pixels', `the image has more pixels than the allowed ${limits.maxPixels}.`);
  }
  return accept({ mime, width, height, orientation });
}

/**
 * Removes everything that could identify the uploader or the device, leaving the image
 * data bit-identical. Call only after inspectImage accepted the same buffer: on input it
 * would reject this throws StripInputError (a programmer error, not a user error).
 * Orientation is dropped with the EXIF block, so store inspectImage's value beside it.
 */
export function stripMetadata(buf: Buffer, mime: TImageMime): Buffer {
  // The caller's mime must describe these bytes; a mismatch would select the wrong parser.
  if (sniffImageType(buf) !== mime) throw new Error(`stripMetadata: the buffer is not ${mime}`);
  return STRIPPERS[mime](buf);
}
