import type { Result } from './result.js';

/** The only formats we accept as evidence; everything else is refused at the door. */
export type TImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

/** EXIF orientation values (TIFF 6.0 tag 0x0112); 1 means "stored upright". */
export type TOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export type TImageInfo = {
  mime: TImageMime;
  width: number;
  height: number;
  /** Kept apart from the file because stripMetadata removes the EXIF block that held it. */
  orientation: TOrientation;
};

export type TImageRejectionCode = 'unsupported_type' | 'truncated' | 'too_many_pixels' | 'malformed';

export type TImageRejection = {
  code: TImageRejectionCode;
  /** Short English sentence, safe to show in the API answer (never echoes file bytes). */
  message: string;
};

export type TImageLimits = { maxPixels: number };

/** What a format parser knows before the pixel limit and the sniffed mime are applied. */
export type TImageGeometry = { width: number; height: number; orientation: TOrientation };

export type TInspection<T> = Result<T, TImageRejection>;

export function accept<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function reject(code: TImageRejectionCode, message: string): { ok: false; error: TImageRejection } {
  return { ok: false, error: { code, message } };
}

/** Narrows a raw number to an orientation; anything else means "no usable orientation". */
export function toOrientation(value: number): TOrientation {
  return Number.isInteger(value) && value >= 1 && value <= 8 ? (value as TOrientation) : 1;
}

/**
 * Thrown by the strippers only: they are documented to run after inspectImage accepted the
 * same buffer, so reaching this is a programmer error, not a user error.
 */
export class StripInputError extends Error {
  constructor(mime: TImageMime, reason: string) {
    super(`stripMetadata(${mime}) called on a buffer inspectImage would reject: ${reason}`);
    this.name = 'StripInputError';
  }
}
