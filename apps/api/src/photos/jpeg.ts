import { accept, StripInputError, type TImageGeometry, type TInspection } from './image-types.js';
import { parseJpegLayout } from './jpeg-layout.js';

/*
 * JPEG inspection and lossless metadata removal. Stripping only drops whole marker
 * segments and bytes after EOI; the frame header, tables and entropy-coded data are copied
 * byte for byte, so the decoded pixels cannot change.
 */

const APP0 = 0xe0; // JFIF: density and optional thumbnail of this same image; decoders expect it
const APP14 = 0xee; // Adobe: its transform flag decides YCbCr vs RGB/CMYK, so pixels depend on it
const COM = 0xfe;

/**
 * Segments that may identify a person or device: APP1 (EXIF with GPS, serial numbers,
 * MakerNotes; XMP), APP2 (ICC, MPF), APP13 (Photoshop IRB/IPTC), the other vendor APPn, and
 * free-text comments. APPn payloads never take part in decoding except APP0/APP14.
 */
export function isIdentifyingSegment(marker: number): boolean {
  if (marker === COM) return true;
  return marker >= 0xe0 && marker <= 0xef && marker !== APP0 && marker !== APP14;
}

export function inspectJpeg(buf: Buffer): TInspection<TImageGeometry> {
  const layout = parseJpegLayout(buf);
  if (!layout.ok) return layout;
  const { width, height, orientation } = layout.value;
  return accept({ width, height, orientation });
}

export function stripJpeg(buf: Buffer): Buffer {
  const layout = parseJpegLayout(buf);
  if (!layout.ok) throw new StripInputError('image/jpeg', layout.error.message);

  // Copy the gaps between dropped segments; subarray avoids copying twice.
  const pieces: Buffer[] = [];
  let cursor = 0;
  for (const segment of layout.value.segments) {
    if (!isIdentifyingSegment(segment.marker)) continue;
    if (segment.start > cursor) pieces.push(buf.subarray(cursor, segment.start));
    cursor = segment.end;
  }
  // Everything after EOI goes: trailers and appended images carry their own EXIF.
  pieces.push(buf.subarray(cursor, layout.value.end));
  return Buffer.concat(pieces);
}
