import sharp from 'sharp';

/**
 * A difference hash (dHash): the picture shrunk to 9×8 grey pixels, one bit per pair of
 * neighbours (is the left one brighter?). Re-encoding, resizing or a little noise leave it
 * as it is, so the same photo sent for two stations is found even when its bytes differ.
 */
export async function differenceHash(grey: Buffer, width: number, height: number): Promise<string> {
  const small = await sharp(grey, { raw: { width, height, channels: 1 } })
    .resize(9, 8, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
  let bits = 0n;
  for (let y = 0; y < 8; y += 1) {
    for (let x = 0; x < 8; x += 1) {
      bits = (bits << 1n) | (small[y * 9 + x]! > small[y * 9 + x + 1]! ? 1n : 0n);
    }
  }
  return bits.toString(16).padStart(16, '0');
}
