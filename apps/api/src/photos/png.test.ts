import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, it, expect } from 'vitest';
import { inspectImage, stripMetadata } from './inspect-image.js';

const LIMITS = { maxPixels: 1e8 };
const SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/** A chunk with a correct CRC (computed by zlib, independently of the code under test). */
function chunk(type: string, data: Buffer | string = Buffer.alloc(0)): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data)]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(body.length - 4, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function ihdr(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.set([8, 2, 0, 0, 0], 8); // 8-bit truecolour
  return chunk('IHDR', data);
}

const tinyIdat = chunk('IDAT', deflateSync(Buffer.alloc(4)));
const png = (...chunks: Buffer[]): Buffer => Buffer.concat([SIGNATURE, ...chunks]);

function chunkTypes(buf: Buffer): string[] {
  const types: string[] = [];
  for (let pos = 8; pos + 8 <= buf.length; pos += 12 + buf.readUInt32BE(pos)) {
    types.push(buf.toString('latin1', pos + 4, pos + 8));
  }
  return types;
}

const rejection = (buf: Buffer, limits = LIMITS): string | undefined => {
  const r = inspectImage(buf, limits);
  return r.ok ? undefined : r.error.code;
};

const photo = (): Promise<Buffer> =>
  sharp({
    create: {
      width: 48,
      height: 32,
      channels: 4,
      background: '#00000000',
      noise: { type: 'gaussian', mean: 120, sigma: 50 },
    },
  })
    .png()
    .toBuffer();

describe('inspectImage on PNG', () => {
  it.each([
    ['RGBA', (s: sharp.Sharp) => s.png()],
    ['palette', (s: sharp.Sharp) => s.png({ palette: true })],
    ['16-bit', (s: sharp.Sharp) => s.toColourspace('rgb16').png()],
  ])('reads the IHDR size of a %s image', async (_name, encode) => {
    const buf = await encode(sharp(await photo())).toBuffer();
    expect(inspectImage(buf, LIMITS)).toEqual({
      ok: true,
      value: { mime: 'image/png', width: 48, height: 32, orientation: 1 },
    });
  });

  it.each([
    ['cut at half', (b: Buffer) => b.subarray(0, b.length >> 1)],
    ['missing IEND', (b: Buffer) => b.subarray(0, b.length - 12)],
    ['cut inside the IEND CRC', (b: Buffer) => b.subarray(0, b.length - 1)],
    ['cut right after the signature', (b: Buffer) => b.subarray(0, 8)],
  ])('reports truncated when %s', async (_name, cut) => {
    expect(rejection(cut(await photo()))).toBe('truncated');
  });

  it('rejects a corrupted CRC or a corrupted data byte as malformed', async () => {
    const crcBroken = Buffer.from(await photo());
    crcBroken[8 + 8 + 13] = (crcBroken[8 + 8 + 13] ?? 0) ^ 0xff; // first byte of the IHDR CRC
    expect(rejection(crcBroken)).toBe('malformed');
    const dataBroken = Buffer.from(await photo());
    dataBroken[dataBroken.length - 40] = (dataBroken[dataBroken.length - 40] ?? 0) ^ 0x01; // inside IDAT
    expect(rejection(dataBroken)).toBe('malformed');
  });

  it('rejects a 50000x50000 header with a tiny IDAT (decompression bomb) without decoding', () => {
    const bomb = png(ihdr(50000, 50000), tinyIdat, chunk('IEND'));
    expect(inspectImage(bomb, LIMITS)).toMatchObject({ ok: false, error: { code: 'too_many_pixels' } });
    // Structurally valid: the size alone is the reason.
    expect(inspectImage(bomb, { maxPixels: Infinity })).toMatchObject({ ok: true, value: { width: 50000 } });
  });

  it.each([
    ['IHDR not first', png(chunk('gAMA', Buffer.alloc(4)), ihdr(4, 4), tinyIdat, chunk('IEND'))],
    ['a second IHDR', png(ihdr(4, 4), ihdr(4, 4), tinyIdat, chunk('IEND'))],
    ['a zero width', png(ihdr(0, 4), tinyIdat, chunk('IEND'))],
    ['a width above 2^31-1', png(ihdr(0x80000000, 1), tinyIdat, chunk('IEND'))],
    ['an IHDR of the wrong length', png(chunk('IHDR', Buffer.alloc(12, 1)), tinyIdat, chunk('IEND'))],
    ['an unknown critical chunk', png(ihdr(4, 4), chunk('XYZW', 'x'), tinyIdat, chunk('IEND'))],
    ['a chunk type with a non-letter', png(ihdr(4, 4), chunk('ab1d', 'x'), tinyIdat, chunk('IEND'))],
    ['no IDAT', png(ihdr(4, 4), chunk('IEND'))],
    ['a chunk length above 2^31-1', png(ihdr(4, 4), Buffer.from('80000000494441540000', 'hex'))],
  ])('rejects %s as malformed', (_name, buf) => {
    expect(rejection(buf)).toBe('malformed');
  });
});

describe('stripMetadata on PNG', () => {
  it('keeps only the allow-listed chunks, in order, and drops bytes after IEND', async () => {
    const original = await sharp(await photo())
      .withIccProfile('p3')
      .withExif({ IFD0: { Make: 'PhoneCo' } })
      .png()
      .toBuffer();
    const afterIhdr = 8 + 25;
    const extras = [
      chunk('tEXt', 'Author\0PhoneCo owner'),
      chunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0'), deflateSync('PhoneCo')])),
      chunk('iTXt', 'GPS\0\0\0\0\0PhoneCo'),
      chunk('tIME', Buffer.from([7, 0xe8, 1, 2, 3, 4, 5])),
      chunk('pHYs', Buffer.from('00000b1300000b1301', 'hex')),
      chunk('prVt', 'PhoneCo private'),
      chunk('gAMA', Buffer.from('0000b18f', 'hex')),
      chunk('sRGB', Buffer.from([0])),
    ];
    const input = Buffer.concat([
      original.subarray(0, afterIhdr),
      ...extras,
      original.subarray(afterIhdr),
      Buffer.from('trailer PhoneCo'),
    ]);
    expect(chunkTypes(input)).toEqual(expect.arrayContaining(['iCCP', 'eXIf', 'tEXt', 'prVt']));

    const stripped = stripMetadata(input, 'image/png');
    expect(chunkTypes(stripped)).toEqual([
      'IHDR',
      'gAMA',
      'sRGB',
      ...chunkTypes(original).filter((t) => t === 'IDAT'),
      'IEND',
    ]);
    expect(stripped.includes('PhoneCo')).toBe(false);
    expect(stripped.subarray(-12)).toEqual(chunk('IEND'));
  });

  it('keeps PLTE and tRNS of a palette image with transparency, pixel for pixel', async () => {
    const indexed = await sharp(await photo())
      .png({ palette: true, colours: 16 })
      .toBuffer();
    expect(chunkTypes(indexed)).toEqual(expect.arrayContaining(['PLTE', 'tRNS']));
    const stripped = stripMetadata(indexed, 'image/png');
    expect(chunkTypes(stripped)).toEqual(chunkTypes(indexed).filter((t) => t !== 'pHYs'));
    expect(await sharp(stripped).raw().toBuffer()).toEqual(await sharp(indexed).raw().toBuffer());
  });
});
