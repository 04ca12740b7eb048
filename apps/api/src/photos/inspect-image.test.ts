import sharp from 'sharp';
import { describe, it, expect } from 'vitest';
import { inspectImage, sniffImageType, stripMetadata, StripInputError } from './index.js';

const jpeg = (): Promise<Buffer> =>
  sharp({ create: { width: 30, height: 20, channels: 3, background: '#abc' } })
    .jpeg()
    .toBuffer();

describe('inspectImage dispatch and limits', () => {
  it.each([
    ['a zero-byte buffer', async () => Buffer.alloc(0)],
    ['a text file', async () => Buffer.from('Station 12: 431 votes for A, 77 for B\n')],
    [
      'a GIF',
      async () =>
        sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } })
          .gif()
          .toBuffer(),
    ],
    [
      'a TIFF',
      async () =>
        sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } })
          .tiff()
          .toBuffer(),
    ],
  ])('rejects %s as unsupported_type', async (_name, make) => {
    const buf = await make();
    expect(sniffImageType(buf)).toBeNull();
    expect(inspectImage(buf, { maxPixels: 1e6 })).toEqual({
      ok: false,
      error: { code: 'unsupported_type', message: 'the file is not a JPEG, PNG or WebP image.' },
    });
  });

  it('enforces maxPixels inclusively at width * height', async () => {
    const buf = await jpeg();
    expect(inspectImage(buf, { maxPixels: 600 }).ok).toBe(true);
    expect(inspectImage(buf, { maxPixels: 599 })).toMatchObject({ ok: false, error: { code: 'too_many_pixels' } });
  });

  it('fails closed when the limit is not a number', async () => {
    expect(inspectImage(await jpeg(), { maxPixels: Number.NaN })).toMatchObject({
      ok: false,
      error: { code: 'too_many_pixels' },
    });
  });

  it('answers with short English sentences', async () => {
    const buf = await jpeg();
    const r = inspectImage(buf.subarray(0, buf.length - 2), { maxPixels: 1e6 });
    expect(r.ok ? '' : r.error.message).toBe('the JPEG ends before its end-of-image marker.');
  });
});

describe('stripMetadata preconditions', () => {
  it('refuses a mime that does not match the bytes', async () => {
    const buf = await jpeg();
    expect(() => stripMetadata(buf, 'image/png')).toThrow('stripMetadata: the buffer is not image/png');
  });

  it('throws StripInputError on input inspectImage would reject', async () => {
    const truncated = (await jpeg()).subarray(0, 100);
    expect(() => stripMetadata(truncated, 'image/jpeg')).toThrow(StripInputError);
  });

  it('returns a new buffer and leaves the input untouched', async () => {
    const buf = await sharp(await jpeg())
      .withExif({ IFD0: { Make: 'PhoneCo' } })
      .toBuffer();
    const before = Buffer.from(buf);
    const out = stripMetadata(buf, 'image/jpeg');
    expect(buf).toEqual(before);
    expect(out.buffer).not.toBe(buf.buffer);
  });
});
