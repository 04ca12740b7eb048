import sharp from 'sharp';

/** Bits of the hash: a 16 × 16 grid of neighbour comparisons. */
const side = 16;
/** The hash is looked up by these many exact parts of 16 bits (see nearCopyBands). */
const bandCount = (side * side) / 16;

/**
 * Two hashes at most this many bits apart may be the same picture. Measured on the 256-bit
 * hash (12 photos each, copies against their original): re-encoded at quality 50, at most 5
 * bits; half size, 8; a quarter, 11. Distinct photos of one printed form, closest pair: the
 * 15 real protocol photos, 19 bits; the generated medium set, 10 (of 1,770 pairs); the flat,
 * evenly lit clean set, 5, and renders aligned to the pixel, 0: there only the readings tell
 * sheets apart (findPhotoTwins). A crop of 2% moves 16–23 bits and is not found: a near
 * copy is a copy of the same frame.
 */
export const nearCopyBits = 8;

/**
 * A difference hash (dHash) of 256 bits: the picture shrunk to 17 × 16 grey pixels, one bit
 * per pair of neighbours (is the left one brighter?), as 64 hex digits. Re-encoding,
 * resizing or a little noise move only a few bits. The 64-bit hash this replaced was the
 * same for most photos of one printed form (11,999 photos of 1,000 stations gave 30 hashes):
 * at 9 × 8 the layout is all there is to see.
 */
export async function differenceHash(grey: Buffer, width: number, height: number): Promise<string> {
  const small = await sharp(grey, { raw: { width, height, channels: 1 } })
    .resize(side + 1, side, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
  let hex = '';
  for (let y = 0; y < side; y += 1) {
    let row = 0;
    for (let x = 0; x < side; x += 1) {
      row = (row << 1) | (small[y * (side + 1) + x]! > small[y * (side + 1) + x + 1]! ? 1 : 0);
    }
    hex += row.toString(16).padStart(side / 4, '0');
  }
  return hex;
}

/**
 * The hash cut into 16 parts of 16 bits, each tagged with its place, for an index lookup:
 * two hashes within `nearCopyBits` (fewer than 16) bits of each other share at least one
 * part exactly (16 parts, at most 15 of them touched), so the candidates of a near copy are
 * the photos sharing a part, and their distance is checked on the whole hash.
 */
export function nearCopyBands(hash: string): number[] {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`not a 256-bit hash: ${hash}`);
  return Array.from({ length: bandCount }, (_, i) => i * 0x10000 + parseInt(hash.slice(i * 4, i * 4 + 4), 16));
}

/** Bits in which two hashes of `differenceHash` differ. */
export function hashDistance(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < a.length; i += 4) {
    let x = parseInt(a.slice(i, i + 4), 16) ^ parseInt(b.slice(i, i + 4), 16);
    for (; x; x &= x - 1) bits += 1;
  }
  return bits;
}
