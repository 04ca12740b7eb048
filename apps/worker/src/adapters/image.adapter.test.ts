import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeWorkingPng, ImageRejected, makeWorkingImage } from './image.adapter.js';

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#806040' } })
    .jpeg()
    .toBuffer();

describe('makeWorkingImage', () => {
  it('gives the grey working copy as raw pixels, the same pixels as RGBA, and as a PNG', async () => {
    const working = await makeWorkingImage(await photo(30, 20), 6, 64e6);
    // EXIF orientation 6: turned a quarter, so portrait.
    expect([working.grey.width, working.grey.height]).toEqual([20, 30]);
    expect(working.grey.data).toHaveLength(600);
    const { data } = working.rgba;
    expect(data).toHaveLength(2400);
    for (const i of [0, 299, 599]) {
      const v = working.grey.data[i]!;
      expect([...data.subarray(4 * i, 4 * i + 4)]).toEqual([v, v, v, 255]);
    }
    const png = await encodeWorkingPng(working.grey);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 20, 30, 1]);
    const back = await sharp(png).extractChannel(0).raw().toBuffer();
    expect(back.equals(Buffer.from(working.grey.data))).toBe(true);
  });

  it.each<[string, () => Promise<Buffer>, RegExp]>([
    ['an empty file', async () => Buffer.alloc(0), /empty \(0 bytes\)/],
    ['text', async () => Buffer.from('not a photo at all'), /not an image/],
    ['more pixels than allowed', () => photo(300, 200), /too large: 300 × 200 pixels, more than the limit of 50000/],
    [
      'a truncated JPEG',
      async () => {
        const whole = await photo(200, 200);
        return whole.subarray(0, Math.floor(whole.length * 0.6));
      },
      /cannot be decoded \(truncated or corrupt\)/,
    ],
  ])('rejects %s for good, with the reason', async (_, bytes, reason) => {
    const made = makeWorkingImage(await bytes(), 1, 50_000);
    await expect(made).rejects.toBeInstanceOf(ImageRejected);
    await expect(made).rejects.toThrow(reason);
  });
});
