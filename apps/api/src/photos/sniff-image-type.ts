import type { TImageMime } from './image-types.js';

/*
 * Only magic bytes decide the type: the declared Content-Type and file name come from the
 * uploader and are never trusted. Twelve bytes are enough for all three formats.
 */

const JPEG_MAGIC = [0xff, 0xd8, 0xff] as const;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const RIFF = [0x52, 0x49, 0x46, 0x46] as const; // "RIFF"
const WEBP = [0x57, 0x45, 0x42, 0x50] as const; // "WEBP"

/** Bytes a caller must read from a stream before sniffing is conclusive. */
export const SNIFF_BYTES = 12;

export const PNG_SIGNATURE_LENGTH: number = PNG_MAGIC.length;

function matchesAt(buf: Uint8Array, offset: number, magic: readonly number[]): boolean {
  if (offset + magic.length > buf.length) return false;
  for (let i = 0; i < magic.length; i++) {
    if (buf[offset + i] !== magic[i]) return false;
  }
  return true;
}

export function sniffImageType(head: Buffer): TImageMime | null {
  if (matchesAt(head, 0, JPEG_MAGIC)) return 'image/jpeg';
  if (matchesAt(head, 0, PNG_MAGIC)) return 'image/png';
  // Bytes 4..7 are the RIFF size, checked later by the WebP parser, not by the sniffer.
  if (matchesAt(head, 0, RIFF) && matchesAt(head, 8, WEBP)) return 'image/webp';
  return null;
}

/**
 * Four-character codes (PNG chunk types, RIFF chunk ids) as big-endian uint32, so parsers
 * compare one integer per chunk instead of allocating a string.
 */
export function fourcc(code: string): number {
  if (code.length !== 4) throw new Error(`fourcc needs 4 characters, got "${code}"`);
  return (
    ((code.charCodeAt(0) << 24) | (code.charCodeAt(1) << 16) | (code.charCodeAt(2) << 8) | code.charCodeAt(3)) >>> 0
  );
}
