import { toOrientation, type TOrientation } from './image-types.js';

/*
 * Reads only the Orientation tag (0x0112) from IFD0 of an EXIF TIFF block. The rest of the
 * EXIF is deliberately ignored: it is about to be stripped, and orientation is the one
 * value we must carry over (stored beside the photo) so reviewers see it upright.
 *
 * A broken EXIF block never rejects the photo: decoders ignore unreadable EXIF too, and the
 * block is removed anyway. Every read is bounds-checked, so hostile offsets yield 1.
 */

const EXIF_PREFIX = Buffer.from('Exif\0\0', 'latin1');
const TAG_ORIENTATION = 0x0112;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
const IFD_ENTRY_SIZE = 12;

/** True when bytes at offset start the APP1 "Exif\0\0" identifier. */
export function hasExifPrefix(buf: Buffer, offset: number, end: number): boolean {
  return end - offset >= EXIF_PREFIX.length && buf.compare(EXIF_PREFIX, 0, 6, offset, offset + 6) === 0;
}

/**
 * Orientation from buf[start, end). Accepts the TIFF block with or without the "Exif\0\0"
 * prefix: PNG eXIf and WebP EXIF chunks should omit it, but some writers include it.
 */
export function readExifOrientation(buf: Buffer, start: number, end: number): TOrientation {
  if (start < 0 || end > buf.length || start > end) return 1;
  const tiff = hasExifPrefix(buf, start, end) ? start + EXIF_PREFIX.length : start;
  if (end - tiff < 8) return 1;

  let little: boolean;
  if (buf[tiff] === 0x49 && buf[tiff + 1] === 0x49)
    little = true; // "II", Intel
  else if (buf[tiff] === 0x4d && buf[tiff + 1] === 0x4d)
    little = false; // "MM", Motorola
  else return 1;

  const u16 = (at: number): number => (little ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number): number => (little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));

  if (u16(tiff + 2) !== 42) return 1;
  // IFD offsets are relative to the TIFF header, which is what makes the block relocatable.
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end || ifd < tiff + 8) return 1;
  const count = u16(ifd);

  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * IFD_ENTRY_SIZE;
    if (entry + IFD_ENTRY_SIZE > end) return 1;
    if (u16(entry) !== TAG_ORIENTATION) continue;
    const type = u16(entry + 2);
    // A single SHORT/LONG fits in the 4-byte value field, left-justified, so no offset chase.
    if (u32(entry + 4) !== 1) return 1;
    if (type === TYPE_SHORT) return toOrientation(u16(entry + 8));
    if (type === TYPE_LONG) return toOrientation(u32(entry + 8));
    return 1;
  }
  return 1;
}
