import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import { inspectImage, stripMetadata, type TImageInfo } from '../photos/index.js';

export type TAcceptedImage = { bytes: Buffer; sha256: string; info: TImageInfo };

/**
 * Checks an uploaded image from its bytes alone and returns the copy we keep: metadata
 * stripped losslessly (the pixels are the evidence, the EXIF may be a person's location),
 * addressed by the sha256 of that copy so the same photo twice is one photo.
 */
export function acceptImage(upload: Buffer, maxPixels: number, field: string): TAcceptedImage {
  const inspected = inspectImage(upload, { maxPixels });
  if (!inspected.ok) {
    const { code, message } = inspected.error;
    const status =
      code === 'unsupported_type'
        ? 'unsupported_media_type'
        : code === 'too_many_pixels'
          ? 'payload_too_large'
          : 'unprocessable';
    throw new AppError(status, `${field}: ${message}`, { field, reason: code });
  }
  const bytes = stripMetadata(upload, inspected.value.mime);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, sha256, info: inspected.value };
}
