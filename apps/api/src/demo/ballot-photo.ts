import { createHash } from 'node:crypto';
import sharp from 'sharp';

let base: Promise<{ jpeg: Buffer; table: number }> | undefined;

/**
 * A small, decodable, distinct JPEG standing in for the photo of a marked ballot: the same
 * id always gives the same bytes, so a photo shared by two demo voters really is one photo.
 * One JPEG is encoded once; each id then gets its own quantization table (which decoding
 * uses, so the pixels differ too) — thousands of photos a second without re-encoding.
 */
export async function renderBallotPhoto(id: string): Promise<Buffer> {
  base ??= encodeBase();
  const { jpeg, table } = await base;
  const copy = Buffer.from(jpeg);
  const digest = createHash('sha256').update(id).digest();
  for (let i = 0; i < 16; i += 1) copy[table + 1 + i] = 1 + (digest[i]! % 254);
  return copy;
}

async function encodeBase(): Promise<{ jpeg: Buffer; table: number }> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#e8e2d0' } })
    .jpeg({ quality: 90 })
    .toBuffer();
  // The first DQT segment (FF DB): 2 bytes of length, 1 of precision/id, then 64 entries.
  for (let pos = 2; pos + 4 < jpeg.length;) {
    if (jpeg[pos] !== 0xff) break;
    const marker = jpeg[pos + 1]!;
    const length = jpeg.readUInt16BE(pos + 2);
    if (marker === 0xdb) return { jpeg, table: pos + 4 };
    pos += 2 + length;
  }
  throw new Error('the base ballot JPEG has no quantization table');
}
