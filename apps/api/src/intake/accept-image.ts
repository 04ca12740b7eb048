import { createHash } from 'node:crypto';
import { AppError } from '../errors.js';
import { inspectImage, stripMetadata, type TImageInfo, type TImageRejectionCode } from '../photos/index.js';
import type { TErrorCode } from '../errors.js';
import type { TMessageKey } from '@crosstally/shared';

const rejections: Record<TImageRejectionCode, { status: TErrorCode; key: TMessageKey }> = {
  unsupported_type: { status: 'unsupported_media_type', key: 'image.unsupportedType' },
  too_many_pixels: { status: 'payload_too_large', key: 'image.tooManyPixels' },
  truncated: { status: 'unprocessable', key: 'image.truncated' },
  malformed: { status: 'unprocessable', key: 'image.malformed' },
};

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
    const { status, key } = rejections[code];
    // The byte-level reason stays in English for whoever debugs; people read the catalogue.
    throw new AppError(
      status,
      { key, params: { limit: Math.floor(maxPixels / 1e6) } },
      { field, reason: code, detail: message },
    );
  }
  const bytes = stripMetadata(upload, inspected.value.mime);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, sha256, info: inspected.value };
}
