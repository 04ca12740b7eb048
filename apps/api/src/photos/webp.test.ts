import sharp from 'sharp';
import { describe, it, expect } from 'vitest';
import { inspectImage, stripMetadata } from './inspect-image.js';

const LIMITS = { maxPixels: 1e7 };
const EXIF = { IFD0: { Make: 'PhoneCo' } };

type TChunk = { id: string; at: number; size: number };

function chunksOf(buf: Buffer): TChunk[] {
  const out: TChunk[] = [];
  for (let at = 12; at + 8 <= buf.length;) {
    const size = buf.readUInt32LE(at + 4);
    out.push({ id: buf.toString('latin1', at, at + 4), at, size });
    at += 8 + size + (size & 1);
  }
  return out;
}
const ids = (buf: Buffer): string[] => chunksOf(buf).map((c) => c.id);
const find = (buf: Buffer, id: string): TChunk => chunksOf(buf).find((c) => c.id === id) ?? { id, at: -1, size: 0 };

function riffChunk(id: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, Buffer.alloc(data.length & 1)]);
}

function container(...chunks: Buffer[]): Buffer {
  const head = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  const body = Buffer.concat(chunks);
  head.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([head, body]);
}

const base = (channels: 3 | 4 = 3): sharp.Sharp =>
  sharp({
    create: { width: 40, height: 24, channels, background: '#000', noise: { type: 'gaussian', mean: 100, sigma: 40 } },
  });
const lossy = async (): Promise<Buffer> =>
  sharp(await base().png().toBuffer())
    .webp()
    .toBuffer();
const frame = (colour: string): Promise<Buffer> =>
  sharp({ create: { width: 8, height: 6, channels: 3, background: colour } })
    .png()
    .toBuffer();
const animated = async (): Promise<Buffer> =>
  sharp([await frame('#f00'), await frame('#0f0')], { join: { animated: true } })
    .webp()
    .withExif(EXIF)
    .toBuffer();

const rejection = (buf: Buffer): string | undefined => {
  const r = inspectImage(buf, LIMITS);
  return r.ok ? undefined : r.error.code;
};

function patched(buf: Buffer, patch: (copy: Buffer) => void): Buffer {
  const copy = Buffer.from(buf);
  patch(copy);
  return copy;
}

describe('inspectImage on WebP', () => {
  it.each([
    ['lossy (VP8)', lossy, 40, 24, ['VP8 ']],
    ['lossless (VP8L)', async () => base().webp({ lossless: true }).toBuffer(), 40, 24, ['VP8L']],
    ['lossy with alpha (VP8X)', async () => base(4).webp().toBuffer(), 40, 24, ['VP8X', 'ALPH', 'VP8 ']],
    ['animated (VP8X canvas)', animated, 8, 6, ['VP8X', 'ANIM', 'ANMF', 'ANMF', 'EXIF']],
  ])('reads the size of %s', async (_name, make, width, height, expectedIds) => {
    const buf = await make();
    expect(ids(buf)).toEqual(expectedIds);
    expect(inspectImage(buf, LIMITS)).toEqual({
      ok: true,
      value: { mime: 'image/webp', width, height, orientation: 1 },
    });
  });

  it('reports truncated when the file is shorter than its RIFF size', async () => {
    const buf = await lossy();
    expect(rejection(buf.subarray(0, buf.length >> 1))).toBe('truncated');
    expect(rejection(buf.subarray(0, buf.length - 1))).toBe('truncated');
    expect(rejection(buf.subarray(0, 12))).toBe('truncated');
  });

  it('accepts bytes after the RIFF end and strips them', async () => {
    const buf = await lossy();
    const padded = Buffer.concat([buf, Buffer.from('PhoneCo')]);
    expect(inspectImage(padded, LIMITS).ok).toBe(true);
    expect(stripMetadata(padded, 'image/webp')).toEqual(buf);
  });

  it('rejects structural lies as malformed', async () => {
    const simple = await lossy();
    const vp8 = find(simple, 'VP8 ').at + 8;
    const lossless = await base().webp({ lossless: true }).toBuffer();
    const vp8l = find(lossless, 'VP8L').at + 8;
    const alpha = await base(4).webp().toBuffer();
    const vp8x = find(alpha, 'VP8X').at + 8;
    const cases: Array<[string, Buffer]> = [
      ['RIFF size below 4', patched(simple, (b) => b.writeUInt32LE(2, 4))],
      ['chunk longer than the RIFF', patched(simple, (b) => b.writeUInt32LE(simple.length, vp8 - 4))],
      ['VP8 interframe first', patched(simple, (b) => (b[vp8] = (b[vp8] ?? 0) | 1))],
      ['VP8 start code missing', patched(simple, (b) => (b[vp8 + 3] = 0))],
      ['VP8 zero width', patched(simple, (b) => b.writeUInt16LE(0, vp8 + 6))],
      ['VP8L signature missing', patched(lossless, (b) => (b[vp8l] = 0))],
      ['VP8L unknown version', patched(lossless, (b) => (b[vp8l + 4] = (b[vp8l + 4] ?? 0) | 0x20))],
      ['canvas wider than the image', patched(alpha, (b) => b.writeUIntLE(99, vp8x + 4, 3))],
      ['unknown first chunk', container(riffChunk('JUNK', Buffer.alloc(4)), simple.subarray(12))],
      ['VP8X without image data', container(alpha.subarray(12, 12 + 18))],
      ['no chunks at all', container()],
    ];
    for (const [name, buf] of cases) expect([name, rejection(buf)]).toEqual([name, 'malformed']);
  });
});

describe('stripMetadata on WebP', () => {
  it.each([
    ['lossy', () => base().webp(), ['VP8X', 'VP8 ']],
    ['lossless with alpha', () => base(4).webp({ lossless: true }), ['VP8X', 'VP8L']],
    ['lossy with alpha', () => base(4).webp(), ['VP8X', 'ALPH', 'VP8 ']],
  ])('drops ICCP/EXIF/XMP from %s, clears their flags and rewrites the RIFF size', async (_name, make, expectedIds) => {
    const input = await make()
      .withIccProfile('p3')
      .withExif(EXIF)
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>')
      .toBuffer();
    expect(ids(input)).toEqual(expect.arrayContaining(['ICCP', 'EXIF', 'XMP ']));
    expect(input[20]).toBe(input[20]! | 0x2c); // ICC, EXIF and XMP flags were set
    const out = stripMetadata(input, 'image/webp');
    expect(ids(out)).toEqual(expectedIds);
    expect(out[20]! & 0x2c).toBe(0);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(await sharp(out, { ignoreIcc: true }).raw().toBuffer()).toEqual(
      await sharp(input, { ignoreIcc: true }).raw().toBuffer(),
    );
  });

  it('tolerates a missing final pad byte and writes it back', () => {
    const header = Buffer.from([0x2f, 0, 0, 0, 0]);
    header.writeUInt32LE((7 - 1) | ((5 - 1) << 14), 1); // 7x5, no alpha, version 0
    const unpadded = Buffer.concat([Buffer.from('RIFF\x11\0\0\0WEBPVP8L\x05\0\0\0', 'latin1'), header]);
    expect(inspectImage(unpadded, LIMITS)).toMatchObject({ ok: true, value: { width: 7, height: 5 } });
    const out = stripMetadata(unpadded, 'image/webp');
    expect(out).toEqual(Buffer.concat([unpadded, Buffer.from([0])]).fill(0x12, 4, 5));
  });

  it('drops unknown chunks', async () => {
    const alpha = await base(4).webp().toBuffer();
    const withJunk = container(alpha.subarray(12), riffChunk('JUNK', Buffer.from('PhoneCo')));
    expect(inspectImage(withJunk, LIMITS).ok).toBe(true);
    expect(stripMetadata(withJunk, 'image/webp')).toEqual(alpha);
  });

  it('keeps every animation frame', async () => {
    const input = await animated();
    const out = stripMetadata(input, 'image/webp');
    expect(ids(out)).toEqual(['VP8X', 'ANIM', 'ANMF', 'ANMF']);
    expect(out[20]! & 0x02).toBe(0x02); // animation flag untouched
    const frames = (b: Buffer): Promise<Buffer> => sharp(b, { pages: -1 }).raw().toBuffer();
    expect(await frames(out)).toEqual(await frames(input));
  });
});
