import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, it, expect } from 'vitest';
import { readExifOrientation } from './exif-orientation.js';
import { inspectImage } from './inspect-image.js';

type TEntry = { tag: number; type: number; count: number; value: number };

/** Hand-built TIFF with one IFD, because sharp/libexif only ever writes little-endian. */
function buildTiff(order: 'II' | 'MM', entries: TEntry[], ifdOffset = 8): Buffer {
  const le = order === 'II';
  const buf = Buffer.alloc(ifdOffset + 2 + entries.length * 12 + 4);
  buf.write(order, 0, 'latin1');
  const u16 = (v: number, at: number): number => (le ? buf.writeUInt16LE(v, at) : buf.writeUInt16BE(v, at));
  const u32 = (v: number, at: number): number => (le ? buf.writeUInt32LE(v, at) : buf.writeUInt32BE(v, at));
  u16(42, 2);
  u32(ifdOffset, 4);
  u16(entries.length, ifdOffset);
  entries.forEach((e, i) => {
    const at = ifdOffset + 2 + i * 12;
    u16(e.tag, at);
    u16(e.type, at + 2);
    u32(e.count, at + 4);
    if (e.type === 3) u16(e.value, at + 8);
    else u32(e.value, at + 8);
  });
  return buf;
}

const MAKE = { tag: 0x010f, type: 2, count: 4, value: 0 };
const orientationTiff = (order: 'II' | 'MM', value: number): Buffer =>
  buildTiff(order, [MAKE, { tag: 0x0112, type: 3, count: 1, value }]);
const read = (b: Buffer): number => readExifOrientation(b, 0, b.length);

describe('readExifOrientation on a bare TIFF block', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8].flatMap((v) => [['II', v] as const, ['MM', v] as const]))(
    '%s byte order, orientation %i',
    (order, value) => expect(read(orientationTiff(order, value))).toBe(value),
  );

  it('accepts a LONG-typed orientation and an "Exif\\0\\0" prefix', () => {
    const tiff = buildTiff('MM', [{ tag: 0x0112, type: 4, count: 1, value: 7 }]);
    expect(read(Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]))).toBe(7);
  });

  it.each([
    ['no orientation tag', buildTiff('II', [MAKE])],
    ['an out-of-range value', orientationTiff('MM', 9)],
    ['value 0', orientationTiff('II', 0)],
    ['a count other than 1', buildTiff('II', [{ tag: 0x0112, type: 3, count: 2, value: 6 }])],
    ['a wrong type', buildTiff('II', [{ tag: 0x0112, type: 2, count: 1, value: 6 }])],
    ['an IFD offset past the end', buildTiff('II', [], 8).fill(0xff, 4, 8)],
    ['an IFD offset pointing into the header', buildTiff('MM', [], 8).fill(0, 4, 8)],
    ['an entry count larger than the block', orientationTiff('II', 6).subarray(0, 20)],
    ['a bad magic number', orientationTiff('II', 6).fill(0, 2, 4)],
    ['an unknown byte order', Buffer.from('XX*\0\x08\0\0\0', 'latin1')],
    ['fewer than 8 bytes', Buffer.from('II*\0', 'latin1')],
  ])('falls back to 1 for %s', (_name, tiff) => expect(read(tiff)).toBe(1));

  it('never reads outside [start, end)', () => {
    const tiff = orientationTiff('II', 6);
    const padded = Buffer.concat([Buffer.alloc(5, 0xaa), tiff, Buffer.alloc(5, 0xaa)]);
    expect(readExifOrientation(padded, 5, 5 + tiff.length)).toBe(6);
    expect(readExifOrientation(padded, 5, 5 + tiff.length - 8)).toBe(1); // cuts the orientation entry
    expect(readExifOrientation(padded, 5, padded.length + 10)).toBe(1);
  });
});

const photo = (format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366aa' } })
    .toFormat(format)
    .toBuffer();

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function riffChunk(id: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, Buffer.alloc(data.length & 1)]);
}

describe('orientation inside each container', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('reads sharp-written (little-endian) EXIF from %s', async (format) => {
    const buf = await sharp(await photo(format))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(inspectImage(buf, { maxPixels: 1e6 })).toMatchObject({ ok: true, value: { orientation: 6 } });
  });

  it.each(['jpeg', 'png', 'webp'] as const)('reports 1 when %s has no EXIF', async (format) => {
    expect(inspectImage(await photo(format), { maxPixels: 1e6 })).toMatchObject({
      ok: true,
      value: { orientation: 1 },
    });
  });

  it('reads a big-endian APP1 in a JPEG', async () => {
    const jpeg = await photo('jpeg');
    const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), orientationTiff('MM', 8)]);
    const head = Buffer.from([0xff, 0xe1, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    const buf = Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
    expect(inspectImage(buf, { maxPixels: 1e6 })).toMatchObject({ ok: true, value: { orientation: 8 } });
  });

  it('reads a big-endian eXIf chunk in a PNG', async () => {
    const png = await photo('png');
    const afterIhdr = 8 + 25;
    const buf = Buffer.concat([
      png.subarray(0, afterIhdr),
      pngChunk('eXIf', orientationTiff('MM', 3)),
      png.subarray(afterIhdr),
    ]);
    expect(inspectImage(buf, { maxPixels: 1e6 })).toMatchObject({ ok: true, value: { orientation: 3 } });
  });

  it('reads a big-endian EXIF chunk in an extended WebP', async () => {
    const simple = await photo('webp');
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x08; // EXIF flag
    vp8x.writeUIntLE(40 - 1, 4, 3);
    vp8x.writeUIntLE(30 - 1, 7, 3);
    const body = Buffer.concat([
      riffChunk('VP8X', vp8x),
      simple.subarray(12),
      riffChunk('EXIF', orientationTiff('MM', 5)),
    ]);
    const head = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
    head.writeUInt32LE(body.length + 4, 4);
    const buf = Buffer.concat([head, body]);
    expect((await sharp(buf).metadata()).width).toBe(40); // the hand-built container is valid
    expect(inspectImage(buf, { maxPixels: 1e6 })).toMatchObject({ ok: true, value: { orientation: 5 } });
  });
});
