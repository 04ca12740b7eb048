import sharp from 'sharp';
import { describe, it, expect } from 'vitest';
import { inspectImage, stripMetadata } from './inspect-image.js';
import { parseJpegLayout, type TJpegSegment } from './jpeg-layout.js';

const LIMITS = { maxPixels: 1e7 };

const jpeg = (width: number, height: number, progressive = false): Promise<Buffer> =>
  sharp({
    create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .jpeg({ progressive })
    .toBuffer();

function segment(marker: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

const insertAt = (buf: Buffer, at: number, ...parts: Buffer[]): Buffer =>
  Buffer.concat([buf.subarray(0, at), ...parts, buf.subarray(at)]);

function segmentsOf(buf: Buffer): TJpegSegment[] {
  const layout = parseJpegLayout(buf);
  if (!layout.ok) throw new Error(layout.error.message);
  return layout.value.segments;
}

const rejection = (buf: Buffer): string | undefined => {
  const r = inspectImage(buf, LIMITS);
  return r.ok ? undefined : r.error.code;
};

describe('inspectImage on JPEG', () => {
  it.each([
    [64, 48, false],
    [33, 17, true],
  ])('reads %ix%i (progressive: %s)', async (width, height, progressive) => {
    expect(inspectImage(await jpeg(width, height, progressive), LIMITS)).toEqual({
      ok: true,
      value: { mime: 'image/jpeg', width, height, orientation: 1 },
    });
  });

  it('walks past the tables between progressive scans', async () => {
    const scans = segmentsOf(await jpeg(33, 17, true)).filter((s) => s.marker === 0xda);
    expect(scans.length).toBeGreaterThan(1);
  });

  it.each([
    ['cut at half', (b: Buffer) => b.subarray(0, b.length >> 1)],
    ['missing only its EOI', (b: Buffer) => b.subarray(0, b.length - 2)],
    ['cut inside the header', (b: Buffer) => b.subarray(0, 20)],
    ['cut after a marker byte', (b: Buffer) => b.subarray(0, 3)],
  ])('reports truncated when %s', async (_name, cut) => {
    const r = inspectImage(cut(await jpeg(64, 48)), LIMITS);
    expect(r).toMatchObject({ ok: false, error: { code: 'truncated' } });
    expect(r.ok ? '' : r.error.message).toMatch(/^the JPEG .+\.$/);
  });

  it('accepts data appended after EOI, as phones write it', async () => {
    const base = await jpeg(64, 48);
    const appended = await sharp(base)
      .withExif({ IFD0: { Make: 'PhoneCo' } })
      .toBuffer();
    expect(inspectImage(Buffer.concat([base, Buffer.alloc(64)]), LIMITS).ok).toBe(true);
    expect(inspectImage(Buffer.concat([base, appended]), LIMITS).ok).toBe(true);
  });

  it.each([
    ['width', 7],
    ['height', 5],
  ])('rejects a zero %s as malformed', async (_name, offset) => {
    const buf = Buffer.from(await jpeg(64, 48));
    const sof = segmentsOf(buf).find((s) => s.marker === 0xc0);
    buf.writeUInt16BE(0, (sof?.start ?? 0) + offset);
    expect(rejection(buf)).toBe('malformed');
  });

  it('rejects garbage between segments, a second frame header, and a scan before the frame', async () => {
    const buf = await jpeg(64, 48);
    const segments = segmentsOf(buf);
    const pick = (marker: number): Buffer => {
      const s = segments.find((x) => x.marker === marker);
      return buf.subarray(s?.start ?? 0, s?.end ?? 0);
    };
    expect(rejection(insertAt(buf, segments[0]?.end ?? 0, Buffer.from([0x12])))).toBe('malformed');
    expect(rejection(insertAt(buf, 2, pick(0xc0)))).toBe('malformed');
    expect(rejection(insertAt(buf, 2, pick(0xda)))).toBe('malformed');
    expect(rejection(Buffer.from([0xff, 0xd8, ...segment(0xe0, 'JFIF\0'), 0xff, 0xd9]))).toBe('malformed');
  });
});

describe('stripMetadata on JPEG', () => {
  it('removes exactly the identifying segments, including ones after fill bytes', async () => {
    const original = await jpeg(64, 48);
    const injected = insertAt(
      original,
      2,
      segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>PhoneCo</x:xmpmeta>'),
      segment(0xe2, 'ICC_PROFILE\0\x01\x01PhoneCo display'),
      segment(0xed, 'Photoshop 3.0\x008BIM PhoneCo'),
      segment(0xe9, 'vendor PhoneCo'),
      segment(0xef, 'APP15 PhoneCo'),
      Buffer.from([0xff, 0xff]), // fill bytes are legal before any marker
      segment(0xfe, 'shot by PhoneCo owner'),
    );
    // Fill bytes go with the segment they precede; everything else is the untouched original.
    expect(stripMetadata(injected, 'image/jpeg')).toEqual(original);
  });

  it('keeps APP0 (JFIF) and APP14 (Adobe) because decoding depends on them', async () => {
    const cmyk = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#c83' } })
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
    const withApp0 = insertAt(cmyk, 2, segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'));
    const kept = segmentsOf(stripMetadata(withApp0, 'image/jpeg')).map((s) => s.marker);
    expect(kept).toContain(0xe0);
    expect(kept).toContain(0xee);
    expect(stripMetadata(withApp0, 'image/jpeg')).toEqual(withApp0);
  });

  it('also drops metadata segments smuggled between progressive scans', async () => {
    const original = await jpeg(33, 17, true);
    const secondScan = segmentsOf(original).filter((s) => s.marker === 0xda)[1];
    const injected = insertAt(original, secondScan?.start ?? 0, segment(0xfe, 'PhoneCo'), segment(0xe1, 'Exif\0\0'));
    expect(inspectImage(injected, LIMITS).ok).toBe(true);
    expect(stripMetadata(injected, 'image/jpeg')).toEqual(original);
  });

  it('cuts everything after the first EOI, including an appended image with its own EXIF', async () => {
    const base = await jpeg(64, 48);
    const appended = await sharp(base)
      .withExif({ IFD0: { Make: 'PhoneCo' } })
      .toBuffer();
    expect(stripMetadata(Buffer.concat([base, appended]), 'image/jpeg')).toEqual(base);
  });
});
